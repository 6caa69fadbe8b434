"""The generated ATM plans: the items of each report's plan, their
timeline and progress check-ins, and their rows."""

import datetime

from agencies.models import Role
from reports.models import AdoptionEvent, AdoptionItem, AdoptionStatus, CheckIn, ReportStatus

from .figures import ITEM_SHARES_BY_AGE
from .plans import ItemPlan, chain
from .texts import topic_text
from .words import CHECK_IN_NOTES, DROP_COMMENTS, RETURN_COMMENTS


def plan_items(ctx):
    """How many items each report's plan has (a reviewed report more), in
    which state (by the age of the report's approval), and their timeline
    and check-ins."""
    rng = ctx.rng("items")
    reviewed = (ReportStatus.APPROVED, ReportStatus.PUBLISHED)
    for report in ctx.reports:
        report.items = rng.randint(1, 5) if report.status in reviewed else rng.randint(0, 2)
    difference = ctx.counts["items"] - sum(r.items for r in ctx.reports)
    attempts = 20 * abs(difference) + 1000
    while difference and attempts and ctx.reports:
        attempts -= 1
        report = rng.choice(ctx.reports)
        step = 1 if difference > 0 else -1
        if 0 <= report.items + step <= 8:
            report.items += step
            difference -= step

    plans = []
    for report in ctx.reports:
        for order in range(report.items):
            if report.status in reviewed:
                age = (ctx.now - report.approved_at).days
                shares = next(s for bound, s in ITEM_SHARES_BY_AGE if bound is None or age < bound)
            else:
                shares = {AdoptionStatus.PROPOSED: 70, AdoptionStatus.RETURNED: 30}
            state = rng.choices(list(shares), weights=list(shares.values()))[0]
            topic = report.visit.topics[order % len(report.visit.topics)]
            plans.append([report, topic, state, order])
    # Every state at least once, on the oldest reviewed reports' items.
    present = {plan[2] for plan in plans}
    oldest = sorted((p for p in plans if p[0].status in reviewed), key=lambda p: p[0].approved_at)
    for state in AdoptionStatus:
        if state not in present and oldest:
            plan = oldest.pop(0)
            plan[2] = state
            present.add(state)

    first_id = ctx.writer.first_free_id(AdoptionItem)
    limit = ctx.now - datetime.timedelta(hours=2)
    for index, (report, topic, state, order) in enumerate(plans):
        item = ItemPlan(id=first_id + index, report=report, topic=topic, status=state, order=order)
        _item_timeline(ctx, rng, item, limit)
        ctx.items.append(item)


def _item_timeline(ctx, rng, item, limit):
    report, agency = item.report, item.report.agency
    writer = report.authors[0]
    head = agency.pick(rng, Role.HEAD)
    doer = agency.pick(rng, Role.STAFF, Role.PENYULUH)
    # Proposed while the report was written, or later (a lesson months on).
    later = report.approved_at and rng.random() < 0.15
    start = report.approved_at if later else report.created_at
    state = item.status
    path = [(writer, "", AdoptionStatus.PROPOSED, "")]
    gaps = [(0.05, 5)]
    if state == AdoptionStatus.RETURNED or (
        state != AdoptionStatus.PROPOSED and rng.random() < 0.15
    ):
        path.append(
            (head, AdoptionStatus.PROPOSED, AdoptionStatus.RETURNED, rng.choice(RETURN_COMMENTS))
        )
        gaps.append((1, 14))
        # Revised and proposed again, unless it stays returned (or is dropped so).
        if state != AdoptionStatus.RETURNED and (
            state != AdoptionStatus.DROPPED or rng.random() < 0.5
        ):
            path.append((writer, AdoptionStatus.RETURNED, AdoptionStatus.PROPOSED, ""))
            gaps.append((1, 10))
    if state in (AdoptionStatus.APPROVED, AdoptionStatus.IN_PROGRESS, AdoptionStatus.ADOPTED) or (
        state == AdoptionStatus.DROPPED and path[-1][2] == AdoptionStatus.PROPOSED
    ):
        path.append((head, AdoptionStatus.PROPOSED, AdoptionStatus.APPROVED, ""))
        gaps.append((1, 14))
    started = state in (AdoptionStatus.IN_PROGRESS, AdoptionStatus.ADOPTED) or (
        state == AdoptionStatus.DROPPED
        and path[-1][2] == AdoptionStatus.APPROVED
        and rng.random() < 0.6
    )
    if started:
        path.append(
            (
                doer,
                AdoptionStatus.APPROVED,
                AdoptionStatus.IN_PROGRESS,
                "Mulai berjalan: kemajuan pertama dicatat.",
            )
        )
        gaps.append((7, 90))
    if state == AdoptionStatus.ADOPTED:
        path.append((head, AdoptionStatus.IN_PROGRESS, AdoptionStatus.ADOPTED, ""))
        gaps.append((60, 540))
    elif state == AdoptionStatus.DROPPED:
        path.append((head, path[-1][2], AdoptionStatus.DROPPED, rng.choice(DROP_COMMENTS)))
        gaps.append((30, 365))
    moments = chain(rng, start, gaps, limit, agency.tz)
    item.events = [
        (at, old, new, actor, comment)
        for at, (actor, old, new, comment) in zip(moments, path, strict=True)
    ]
    item.created_at = moments[0]
    item.target_date = (
        (moments[0] + datetime.timedelta(days=rng.randint(120, 720))).astimezone(agency.tz).date()
    )
    if started:
        _check_ins(rng, item, doer, writer, limit)


def _check_ins(rng, item, doer, writer, limit):
    """Progress check-ins of a started item: the first when it started, the
    others on random days until it ended (or ``limit``), at the end of the
    working day."""
    state, agency = item.status, item.report.agency
    begun = next(at for at, _o, new, *_ in item.events if new == AdoptionStatus.IN_PROGRESS)
    ended = item.events[-1][0] if state != AdoptionStatus.IN_PROGRESS else limit
    count = {
        AdoptionStatus.IN_PROGRESS: rng.randint(1, 4),
        AdoptionStatus.ADOPTED: rng.randint(2, 5),
    }.get(state, rng.randint(1, 2))
    first_day = begun.astimezone(agency.tz).date()
    last_day = max(first_day, (ended - datetime.timedelta(days=1)).astimezone(agency.tz).date())
    span = (last_day - first_day).days
    days = sorted(
        {
            first_day,
            *(first_day + datetime.timedelta(days=rng.randint(0, span)) for _ in range(count - 1)),
        }
    )
    notes = rng.sample(CHECK_IN_NOTES, min(len(days), len(CHECK_IN_NOTES)))
    for number, day in enumerate(days):
        recorded = (
            begun
            if number == 0
            else datetime.datetime.combine(day, datetime.time(16, 0), tzinfo=agency.tz)
        )
        recorded = min(recorded, limit)
        item.check_ins.append(
            (
                day,
                recorded,
                doer if number == 0 else rng.choice([doer, writer]),
                notes[number % len(notes)],
            )
        )


def write_items(ctx):
    def names(item):
        visit = item.report.visit
        learner, teacher = (
            (visit.visitor, visit.host)
            if item.report.agency is visit.visitor
            else (visit.host, visit.visitor)
        )
        return {"host": teacher.place, "visitor": learner.place}

    rng = ctx.rng("item-rows")
    rows = []
    for item in ctx.items:
        agency = item.report.agency
        last = max([item.events[-1][0]] + [c[1] for c in item.check_ins])
        division = rng.choice(agency.divisions[1:])[0] if rng.random() < 0.9 else None
        words = names(item)
        rows.append(
            (
                item.id,
                item.report.id,
                item.topic.pk,
                topic_text(item.topic, "observe", **words),
                topic_text(item.topic, "replicate", **words),
                topic_text(item.topic, "modify", **words),
                division,
                item.target_date,
                topic_text(item.topic, "indicator", **words),
                item.status,
                item.order,
                item.events[0][3].id,
                item.created_at,
                last,
            )
        )
    ctx.writer.write(
        AdoptionItem,
        (
            "id report_id topic_id observe replicate modify division_id target_date "
            "success_indicator status order created_by_id created_at updated_at"
        ),
        rows,
    )
    ctx.writer.write(
        AdoptionEvent,
        "item_id actor_id created_at from_status to_status comment",
        (
            (item.id, actor.id, at, old, new, comment)
            for item in ctx.items
            for at, old, new, actor, comment in item.events
        ),
    )
    ctx.writer.write(
        CheckIn,
        "item_id date note evidence created_by_id created_at",
        (
            (item.id, day, note, "", person.id, recorded)
            for item in ctx.items
            for day, recorded, person, note in item.check_ins
        ),
    )
