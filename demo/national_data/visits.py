"""The generated visits planned in memory: who visits whom, in which state,
when, on which topics, with how large a delegation, and their timeline."""

import datetime
from collections import Counter, defaultdict
from itertools import accumulate

from agencies.models import AgencyLevel, Role
from visits.models import Visit, VisitStatus

from .agencies import name_benchmark_accounts
from .figures import BIG_DELEGATION, FUTURE_STATES, REPORTED_MIN_AGE_DAYS, VISIT_SHARES
from .plans import VisitPlan, chain, counts_by_share, shuffled, work_time
from .texts import date_id, letter_number, person_name, random_nip, titles
from .words import CANCEL_COMMENTS, DECLINE_COMMENTS, DTSEN_SINCE, TOPIC_WEIGHTS, VILLAGES


def _pick_topics(rng, topics, weights, day):
    """1–3 distinct topics; DTKS before DTSEN replaced it, DTSEN after."""
    retired = "DTKS" if day >= DTSEN_SINCE else "DTSEN"
    count = rng.choices([1, 2, 3], weights=[45, 35, 20])[0]
    chosen = []
    while len(chosen) < count:
        topic = rng.choices(topics, weights=weights)[0]
        if topic.code != retired and topic not in chosen:
            chosen.append(topic)
    return chosen


def plan_visits(ctx):
    """Each visit's agencies, state, dates, topics, delegation size and
    timeline; then the benchmark agency, visit and accounts."""
    rng = ctx.rng("visits")
    plans = _states_and_days(ctx, rng)
    pick_pair = _pair_picker(ctx.agencies)
    weights = [TOPIC_WEIGHTS.get(t.code, 5) for t in ctx.topics]
    first_id = ctx.writer.first_free_id(Visit)
    counts = Counter()
    for index, (state, day) in enumerate(plans):
        visitor, host = pick_pair(rng)
        # Weekdays only: future visits move forward, past ones back.
        while day.weekday() >= 5:
            day += datetime.timedelta(days=1 if state in FUTURE_STATES else -1)
        counts[host.id] += 1
        counts[visitor.id] += 1
        ctx.visits.append(
            VisitPlan(
                id=first_id + index,
                host=host,
                visitor=visitor,
                status=state,
                start=None,
                end=None,
                topics=_pick_topics(rng, ctx.topics, weights, day),
                created_at=day,  # replaced by the timeline below
            )
        )
    ctx.visit_counts = counts

    _choose_benchmark(ctx)
    name_benchmark_accounts(ctx)
    _size_delegations(ctx, rng)
    for visit in ctx.visits:
        _schedule(ctx, rng, visit)


def _states_and_days(ctx, rng):
    """(state, day) of every visit, by day: the shares of VISIT_SHARES,
    waiting states in the next months, the others over the last ten years."""
    total = ctx.counts["visits"]
    states = counts_by_share(total, VISIT_SHARES, rng)
    future_states = shuffled({s: n for s, n in states.items() if s in FUTURE_STATES}, rng)
    past_states = shuffled({s: n for s, n in states.items() if s not in FUTURE_STATES}, rng)

    # Past visits: more of them in recent years, as agencies took the portal up.
    past_ages = sorted(
        2 + int(3645 * (rng.random() if rng.random() < 0.4 else 1 - rng.random() ** 0.5))
        for _ in past_states
    )
    # A reported visit needs time for its report's review: swap any that is
    # too recent with an older held visit.
    held_old = [
        i
        for i, state in enumerate(past_states)
        if state == VisitStatus.HELD and past_ages[i] >= REPORTED_MIN_AGE_DAYS + 10
    ]
    for i, state in enumerate(past_states):
        if state == VisitStatus.REPORTED and past_ages[i] < REPORTED_MIN_AGE_DAYS and held_old:
            j = held_old.pop(rng.randrange(len(held_old)))
            past_states[i], past_states[j] = past_states[j], past_states[i]

    plans = [
        (state, ctx.today + datetime.timedelta(days=1 + int(rng.triangular(0, 180, 20))))
        for state in future_states
    ]
    plans += [
        (state, ctx.today - datetime.timedelta(days=age))
        for state, age in zip(past_states, past_ages, strict=True)
    ]
    plans.sort(key=lambda plan: plan[1])
    return plans


def _pair_picker(agencies):
    """A function drawing (visitor, host): active agencies visit more, popular
    ones are visited more, and nearly half the visits stay in the province."""
    activity = list(accumulate(a.activity for a in agencies))
    popularity = list(accumulate(a.popularity for a in agencies))
    by_province = defaultdict(list)
    for agency in agencies:
        by_province[agency.province_code].append(agency)
    local = {
        code: (members, list(accumulate(a.popularity for a in members)))
        for code, members in by_province.items()
        if len(members) > 1
    }

    def pick(rng):
        visitor = rng.choices(agencies, cum_weights=activity)[0]
        host = visitor
        if visitor.province_code in local and rng.random() < 0.45:
            members, cum = local[visitor.province_code]
            host = rng.choices(members, cum_weights=cum)[0]
        while host is visitor:
            host = rng.choices(agencies, cum_weights=popularity)[0]
        return visitor, host

    return pick


def _choose_benchmark(ctx):
    """The busiest agency, and its latest reported visit as the visitor:
    the visit page with 52 participants and the report the benchmark reads.
    It also gets an upcoming scheduled visit as the visitor, at any scale:
    the benchmark imports a participant sheet into it."""
    agency = max(ctx.agencies, key=lambda a: (ctx.visit_counts[a.id], -a.id))
    reported = [v for v in ctx.visits if v.status == VisitStatus.REPORTED]
    own = [v for v in reported if v.visitor is agency]
    visit = own[-1] if own else reported[-1]
    scheduled = [v for v in ctx.visits if v.status == VisitStatus.SCHEDULED]
    if not any(v.visitor is agency for v in scheduled):
        _make_visitor(scheduled[0], agency)
    _make_visitor(visit, agency)
    ctx.benchmark_agency, ctx.benchmark_visit = agency, visit


def _make_visitor(visit, agency):
    if visit.visitor is not agency:
        if visit.host is agency:
            visit.host = visit.visitor
        visit.visitor = agency


def _size_delegations(ctx, rng):
    """Delegation sizes: mostly 2–40 (8 the commonest), 3% of 52 like seed
    004, 1–6 host officials; then nudged so that the total is exact."""
    for visit in ctx.visits:
        visit.host_count = rng.randint(1, 6)
        visit.visitor_count = (
            BIG_DELEGATION if rng.random() < 0.03 else max(1, round(rng.triangular(2, 40, 8)))
        )
    ctx.benchmark_visit.visitor_count = BIG_DELEGATION
    difference = ctx.counts["participants"] - sum(
        v.visitor_count + v.host_count for v in ctx.visits
    )
    adjustable = [v for v in ctx.visits if v.visitor_count != BIG_DELEGATION]
    attempts = 20 * abs(difference) + 1000
    while difference and adjustable and attempts:
        attempts -= 1
        visit = rng.choice(adjustable)
        step = 1 if difference > 0 else -1
        if 1 <= visit.visitor_count + step <= 45:
            visit.visitor_count += step
            difference -= step


def _venues(rng, visit):
    host = visit.host
    office = rng.choice(["Aula", "Kantor", "Ruang Rapat"]) + f" {host.name}"
    field_venue = ""
    if rng.random() < 0.45:
        codes = {t.code for t in visit.topics}
        village = rng.choice(VILLAGES)
        if "TMP" in codes:
            field_venue = f"Taman Makam Pahlawan {host.town}"
        elif "ATENSI" in codes and rng.random() < 0.5:
            field_venue = f"UPT Rehabilitasi Sosial {host.town}"
        elif host.level == AgencyLevel.KOTA:
            field_venue = rng.choice(["Puskesos Kelurahan", "Kelurahan"]) + f" {village}"
        else:
            field_venue = rng.choice(["Puskesos Desa", "Desa"]) + f" {village}"
    return office, field_venue


def _schedule(ctx, rng, visit):
    """Dates in the host's time zone, places, officials and the timeline."""
    _dates(rng, visit)
    year = visit.created_at.year
    visit.venue, visit.field_venue = _venues(rng, visit)
    head = _official(rng, visit.visitor, year)
    official = _official(rng, visit.host, year)
    visit.head_name, visit.official_name = head, official
    visit.head_position, visit.official_position = head[3], official[3]
    _timeline(ctx, rng, visit)


def _dates(rng, visit):
    """Start and end on the planned day (``created_at`` until the timeline
    replaces it): a few hours, now and then until noon of the next working day."""
    host, day = visit.host, visit.created_at
    start_minutes = rng.choice([480, 510, 540, 540, 570, 600, 780])
    visit.start = datetime.datetime.combine(
        day, datetime.time(start_minutes // 60, start_minutes % 60), tzinfo=host.tz
    ).astimezone(datetime.UTC)
    if rng.random() < 0.08:
        next_day = day + datetime.timedelta(days=3 if day.weekday() == 4 else 1)
        visit.end = datetime.datetime.combine(
            next_day, datetime.time(12, 0), tzinfo=host.tz
        ).astimezone(datetime.UTC)
    else:
        hours = rng.choice([2, 3, 3, 4, 4, 5, 6, 7])
        end_minutes = min(start_minutes + 60 * hours, 16 * 60 + 30)
        visit.end = visit.start + datetime.timedelta(minutes=end_minutes - start_minutes)


def _official(rng, agency, year):
    """A head of delegation or receiving official of ``agency``:
    (front, name, back, position, nip)."""
    position = rng.choice(
        [
            f"Kepala Dinas Sosial {agency.place}",
            f"Sekretaris Dinas Sosial {agency.place}",
            f"Kepala {rng.choice(agency.divisions[1:])[1]}",
        ]
    )
    sex = "1" if rng.random() < 0.6 else "2"
    front, back = titles(rng, sex, senior=True, diploma_ok=False)
    return (
        front,
        person_name(rng, agency.flavour, sex),
        back,
        position,
        random_nip(rng, sex, year),
    )


def _timeline(ctx, rng, visit):
    """The steps that led to the visit's state: drafted 2–11 weeks ahead,
    every step before the visit and before the reference instant; "held"
    after the visit ends."""
    host, visitor = visit.host, visit.visitor
    state = visit.status
    visitor_staff = visitor.pick(rng, Role.STAFF, Role.STAFF, Role.ADMIN)
    host_staff = host.pick(rng, Role.STAFF)
    visit.created_by = visitor_staff
    before = min(visit.start, ctx.now)
    drafted = visit.start - datetime.timedelta(days=rng.uniform(14, 75))
    if drafted > before - datetime.timedelta(days=2):
        drafted = before - datetime.timedelta(days=rng.uniform(2, 20))
    drafted = work_time(rng, drafted.astimezone(visitor.tz).date(), visitor.tz)
    visit.created_at = drafted
    path = _path(rng, state)
    gaps = [(0.2, 4) if step == VisitStatus.REQUESTED else (1, 14) for step in path]
    moments = chain(rng, drafted, gaps, before, visitor.tz)
    events = [(drafted, "", VisitStatus.DRAFT, visitor_staff, visitor, "")]
    current = VisitStatus.DRAFT
    for step, moment in zip(path, moments, strict=True):
        actor, agency, comment = _step(rng, visit, step, current, moment, visitor_staff, host_staff)
        events.append((moment, current, step, actor, agency, comment))
        current = step
    if (
        visit.answered_at
        and state != VisitStatus.DATE_PROPOSED
        and (state != VisitStatus.DECLINED or rng.random() < 0.6)
    ):
        visit.reply_number = letter_number(rng, visit.answered_at.date())
    if state == VisitStatus.DATE_PROPOSED:
        shift = datetime.timedelta(days=rng.choice([7, 14, 21, 28]))
        visit.proposed = (visit.start + shift, visit.end + shift)
    if state in (VisitStatus.HELD, VisitStatus.REPORTED):
        held = visit.end + datetime.timedelta(minutes=rng.randint(20, 240))
        visit.held_at = min(held, ctx.now - datetime.timedelta(hours=1))
        marker = rng.choice([visitor_staff, host_staff])
        events.append(
            (
                visit.held_at,
                VisitStatus.SCHEDULED,
                VisitStatus.HELD,
                marker,
                visitor if marker is visitor_staff else host,
                f"Studi tiru telah terlaksana; rombongan {visit.visitor_count} orang hadir.",
            )
        )
    visit.events = events
    visit.updated_at = events[-1][0]


def _path(rng, state):
    """The states a visit went through after its draft to reach ``state``
    (held comes later, from the visit's end)."""
    if state == VisitStatus.CANCELLED:
        return rng.choice(
            [
                [VisitStatus.CANCELLED],
                [VisitStatus.REQUESTED, VisitStatus.CANCELLED],
                [VisitStatus.REQUESTED, VisitStatus.SCHEDULED, VisitStatus.CANCELLED],
            ]
        )
    fixed = {
        VisitStatus.DRAFT: [],
        VisitStatus.DECLINED: [VisitStatus.REQUESTED, VisitStatus.DECLINED],
        VisitStatus.REQUESTED: [VisitStatus.REQUESTED],
        VisitStatus.DATE_PROPOSED: [VisitStatus.REQUESTED, VisitStatus.DATE_PROPOSED],
    }
    if state in fixed:
        return fixed[state]
    if rng.random() < 0.2:
        return [VisitStatus.REQUESTED, VisitStatus.DATE_PROPOSED, VisitStatus.SCHEDULED]
    return [VisitStatus.REQUESTED, VisitStatus.SCHEDULED]


def _step(rng, visit, step, current, moment, visitor_staff, host_staff):
    """Who took ``step`` (from ``current``) and with which comment, as
    (actor, agency, comment); records the request and the answer on ``visit``."""
    host, visitor = visit.host, visit.visitor
    if step == VisitStatus.REQUESTED:
        visit.requested_at = moment
        visit.request_number = letter_number(rng, moment.date())
        comment = (
            f"Surat permohonan Nomor {visit.request_number} telah dikirim melalui e-office."
            if rng.random() < 0.7
            else ""
        )
        return visitor_staff, visitor, comment
    if step == VisitStatus.SCHEDULED and current == VisitStatus.DATE_PROPOSED:
        return visitor_staff, visitor, "Tanggal usulan tuan rumah kami terima."
    if step == VisitStatus.CANCELLED:
        return visitor_staff, visitor, rng.choice(CANCEL_COMMENTS)
    # Every other step is the host's answer to the request.
    visit.answered_at = moment
    if step == VisitStatus.SCHEDULED:
        local_start = visit.start.astimezone(host.tz).date()
        comment = (
            f"Permohonan diterima. Rombongan akan diterima di {visit.venue}, "
            f"{date_id(local_start)}."
        )
    elif step == VisitStatus.DATE_PROPOSED:
        comment = "Pada tanggal yang diajukan pimpinan berhalangan; kami usulkan tanggal lain."
    else:  # declined
        comment = rng.choice(DECLINE_COMMENTS)
    return host_staff, host, comment
