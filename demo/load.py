"""Loading the demo: ``load_demo()`` makes the database match the
declarations of ``accounts.py``, ``visits.py`` and ``reports.py``, in one
transaction, and can run any number of times (``manage.py load_demo``).

What a second run does:

- rows are found by natural keys (agency by kabupaten/kota, user by e-mail,
  visit by host + visitor + start, a visit's topics by topic, venues by order,
  agenda items by start, participants by side + order) and a declared field a
  user has edited is set back to the declared value; a row whose values are
  already right is not written at all, so nothing changes, not even
  ``updated_at``;
- rows a user added (another participant, a second venue) and fields the demo
  leaves empty on purpose (an agency's address and phone, which the articles
  do not give) are left alone;
- a visit's status and timeline belong to its lifecycle: they are written
  through ``visits.services.move_visit`` only when the visit is created;
- a demo account's password is set when the account is created; a password the
  user changed is kept unless ``reset_passwords=True``.

For the reports, loaded after the visits:

- rows are found by natural keys (a report by visit + agency, its findings by
  topic, its quotes, authors and ATM items by order, an item's check-ins by
  date); a declared field a user has edited is set back, and a report whose
  text was restored gets a new version so that a form opened before cannot
  overwrite it; rows already right are not written at all;
- rows a user added (another quote, another ATM item) are left alone;
- a report's and an item's status and timeline belong to their lifecycle:
  they are written through ``reports.services`` only when the row is created
  (the report's text and an item's check-ins too), then dated as declared:
  the services stamp "now", the demo's steps happened in 2023 and 2025.
  Approving a report moves a held visit to "reported" through the same
  services.
"""

import datetime
from collections import Counter

from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from agencies.mfa import enrol_totp_in_bulk
from agencies.models import Agency, Division, GoodPractice, Membership, Regency, Role, Topic, User
from reports import notifications, services
from reports.models import (
    AdoptionEvent,
    AdoptionItem,
    AdoptionStatus,
    Author,
    CheckIn,
    Finding,
    Quote,
    Report,
    ReportEvent,
    ReportStatus,
)
from visits.models import Visit, VisitEvent, VisitStatus
from visits.services import move_visit

from .accounts import (
    AGENCIES,
    DEMO_ACCOUNTS,
    DEMO_PASSWORD,
    DEMO_TOTP_SECRET,
    GOOD_PRACTICES,
    NATIONAL_ADMIN,
)
from .reports import CHECK_IN_TIME, REPORTS
from .sync import restore, sync, sync_rows
from .visits import PARTICIPANT_DEFAULTS, VISITS, WIB

# The service that takes a report, or an ATM item, to each state.
REPORT_STEPS = {
    ReportStatus.SUBMITTED: services.report_submit,
    ReportStatus.APPROVED: services.report_approve,
    ReportStatus.PUBLISHED: services.report_publish,
}
ITEM_STEPS = {
    AdoptionStatus.APPROVED: services.item_approve,
    AdoptionStatus.IN_PROGRESS: services.item_start,
}


def load_demo(*, reset_passwords=False):
    """Load the agencies, accounts and visits, then the reports, in one
    transaction.

    Returns a ``Counter`` with the number of rows ``created`` and ``updated``;
    both are 0 when the demo data was already complete and unchanged.
    """
    # The demo replays steps that happened long ago: it e-mails nobody.
    with transaction.atomic(), notifications.muted():
        stats = _load_visits(reset_passwords=reset_passwords)
        emails = {email for data in REPORTS for email in _emails(data)}
        users = User.objects.select_related("membership__agency").in_bulk(
            emails, field_name="email"
        )
        topics = Topic.objects.in_bulk(field_name="code")
        divisions = {
            (division.agency.slug, division.name): division
            for division in Division.objects.select_related("agency").filter(
                agency__slug__in={data["agency"] for data in REPORTS}
            )
        }
        visits = _visits()
        for data in REPORTS:
            report = _load_report(data, visits, users, topics, stats)
            for order, item in enumerate(data["plan"]):
                _load_item(report, order, item, data["agency"], users, topics, divisions, stats)
    return stats


# --- Agencies, accounts and visits ------------------------------------------


def _load_visits(*, reset_passwords):
    """The agencies, their accounts and good practices, and the visits;
    returns the ``Counter`` of rows ``created`` and ``updated``."""
    stats = Counter(created=0, updated=0)
    with transaction.atomic():
        agencies, divisions = _load_agencies(stats)
        users = _load_accounts(agencies, divisions, stats, reset_passwords=reset_passwords)
        topics = Topic.objects.in_bulk(field_name="code")
        sync_rows(
            GoodPractice.objects.filter(agency__in=agencies.values()),
            ["agency", "topic", "title"],
            [
                {
                    **practice,
                    "agency": agencies[practice["agency"]],
                    "topic": topics[practice["topic"]],
                    "is_active": True,
                }
                for practice in GOOD_PRACTICES
            ],
            stats,
        )
        for data in VISITS:
            _load_visit(data, agencies, users, topics, stats)
    return stats


def _load_agencies(stats):
    """The agencies by slug, and their divisions by (slug, name)."""
    regencies = Regency.objects.select_related("province").in_bulk(
        [data["regency"] for data in AGENCIES], field_name="code"
    )
    agencies, divisions = {}, {}
    for data in AGENCIES:
        regency = regencies[data["regency"]]
        # Found by region, not slug: the database allows one Dinas Sosial per
        # kabupaten/kota, so an agency an admin created already is adopted.
        agency, _created = sync(
            Agency,
            {"regency": regency},
            {
                "name": data["name"],
                "short_name": data["short_name"],
                "slug": data["slug"],
                "level": regency.kind,
                "province": regency.province,
                "letterhead": data["letterhead"],
                "is_active": True,
            },
            stats,
        )
        agencies[data["slug"]] = agency
        rows = sync_rows(
            agency.divisions.all(),
            ["name"],
            [{"agency": agency, "name": name} for name in data["divisions"]],
            stats,
        )
        divisions |= {(data["slug"], name): division for (name,), division in rows.items()}
    return agencies, divisions


def _load_accounts(agencies, divisions, stats, *, reset_passwords):
    """The national administrator and the agency accounts with their
    memberships; returns the users by e-mail."""
    emails = [NATIONAL_ADMIN["email"]] + [account["email"] for account in DEMO_ACCOUNTS]
    existing = set(User.objects.filter(email__in=emails).values_list("email", flat=True))
    # Hashing is slow on purpose: hash once per run, and only when needed. The
    # accounts share the hash; they share the (public) password anyway.
    needs_hash = reset_passwords or existing != set(emails)
    password = make_password(DEMO_PASSWORD) if needs_hash else None
    rows = sync_rows(
        User.objects.filter(email__in=emails),
        ["email"],
        [
            {**NATIONAL_ADMIN, "is_staff": True, "is_superuser": True, "is_active": True},
            *(
                {
                    "email": account["email"],
                    "name": account["name"],
                    "is_staff": False,
                    "is_superuser": False,
                    "is_active": True,
                }
                for account in DEMO_ACCOUNTS
            ),
        ],
        stats,
        on_create={"password": password},
    )
    if reset_passwords:
        stats["updated"] += User.objects.filter(email__in=existing).update(password=password)
    users = {email: user for (email,), user in rows.items()}
    sync_rows(
        Membership.objects.filter(user__in=users.values()),
        ["user"],
        [
            {
                "user": users[account["email"]],
                "agency": agencies[account["agency"]],
                "division": divisions.get((account["agency"], account["division"])),
                "position": account["position"],
                "role": account["role"],
                "nip": "",
            }
            for account in DEMO_ACCOUNTS
        ],
        stats,
    )
    # The accounts that must log in with a second factor get the demo's
    # authenticator app when they have none (one they enrolled is kept).
    stats["created"] += enrol_totp_in_bulk(
        [users[NATIONAL_ADMIN["email"]]]
        + [users[a["email"]] for a in DEMO_ACCOUNTS if a["role"] in (Role.HEAD, Role.ADMIN)],
        DEMO_TOTP_SECRET,
    )
    return users


def _load_visit(data, agencies, users, topics, stats):
    """A visit with its topics, venues, agenda and participants; its timeline
    only when the visit is new."""
    visit, created = sync(
        Visit,
        {
            "host": agencies[data["host"]],
            "visitor": agencies[data["visitor"]],
            "start": data["start"],
        },
        {
            "title": data["title"],
            "end": data["end"],
            "purpose": data["purpose"],
            "basis": data["basis"],
            "created_by": users[data["created_by"]],
        },
        stats,
        on_create={"status": VisitStatus.DRAFT},
    )
    sync_rows(
        visit.visit_topics.all(),
        ["topic"],
        [
            {"visit": visit, "topic": topics[code], "questions": questions, "order": order}
            for order, (code, questions) in enumerate(data["topics"], start=1)
        ],
        stats,
    )
    sync_rows(
        visit.venues.all(),
        ["order"],
        [
            {"visit": visit, "order": order, "address": "", **venue}
            for order, venue in enumerate(data["venues"], start=1)
        ],
        stats,
    )
    sync_rows(
        visit.agenda_items.all(),
        ["start"],
        [{"visit": visit, **item} for item in data["agenda"]],
        stats,
    )
    # Numbered from 1 on each side, as on each side's attendance sheet.
    numbers = Counter()
    participants = []
    for participant in data["participants"]:
        numbers[participant["side"]] += 1
        participants.append(
            {
                **PARTICIPANT_DEFAULTS,
                "visit": visit,
                "order": numbers[participant["side"]],
                **participant,
            }
        )
    sync_rows(visit.participants.all(), ["side", "order"], participants, stats)
    if created:
        # Dated from its draft rather than from today, like its timeline.
        Visit.objects.filter(pk=visit.pk).update(created_at=data["drafted_at"])
        for step in data["history"]:
            move_visit(
                visit=visit,
                to_status=step["to"],
                by=users[step["by"]],
                comment=step["comment"],
                at=step["at"],
            )


# --- Reports and their ATM plans --------------------------------------------


def _emails(data):
    yield data["drafted"]["by"]
    yield from (author["user"] for author in data["authors"])
    yield from (step["by"] for step in data["history"])
    for item in data["plan"]:
        yield item["proposed"]["by"]
        yield from (step["by"] for step in item["history"])
        yield from (check_in["by"] for check_in in item["check_ins"])


def _visits():
    """The demo visits by (visitor slug, host slug, start), in one query."""
    keys = {(d["visit"]["visitor"], d["visit"]["host"], d["visit"]["start"]) for d in REPORTS}
    found = Visit.objects.filter(start__in={start for _, _, start in keys}).select_related(
        "host", "visitor"
    )
    return {
        (visit.visitor.slug, visit.host.slug, visit.start): visit
        for visit in found
        if (visit.visitor.slug, visit.host.slug, visit.start) in keys
    }


def _load_report(data, visits, users, topics, stats):
    """The agency's report of the visit: written and moved along its timeline
    through the services when missing, its declared text restored otherwise."""
    key = data["visit"]
    visit = visits[(key["visitor"], key["host"], key["start"])]
    report = (
        Report.objects.filter(visit=visit, agency__slug=data["agency"])
        .select_related("agency", "visit")
        .first()
    )
    findings = [
        {"topic": topics[code], "text": text, "order": order}
        for order, (code, text) in enumerate(data["findings"])
    ]
    quotes = [{**quote, "order": order} for order, quote in enumerate(data["quotes"])]
    authors = [
        {
            "front_title": "",
            **author,
            "user": users[author["user"]],
            "order": order,
        }
        for order, author in enumerate(data["authors"])
    ]
    if report is None:
        return _write_report(data, visit, users, findings, quotes, authors, stats)
    writes = stats["created"] + stats["updated"]
    restore(report, data["fields"], stats)
    for model, rows, key_fields in (
        (Finding, findings, ["topic"]),
        (Quote, quotes, ["order"]),
        (Author, authors, ["order"]),
    ):
        sync_rows(
            model.objects.filter(report=report),
            key_fields,
            [{"report": report, **row} for row in rows],
            stats,
        )
    if stats["created"] + stats["updated"] != writes:
        # A form opened before the restore must not save over it.
        Report.objects.filter(pk=report.pk).update(version=F("version") + 1)
    return report


def _write_report(data, visit, users, findings, quotes, authors, stats):
    """Write a new report as its penyuluh would, then take it through its
    declared steps; each step is dated as declared."""
    writer = users[data["drafted"]["by"]]
    report = services.report_create(visit=visit, by=writer)
    report = services.report_update(
        report=report,
        by=writer,
        version=report.version,
        fields=data["fields"],
        findings=[Finding(**row) for row in findings],
        quotes=[Quote(**row) for row in quotes],
        authors=[Author(**row) for row in authors],
    )
    stats["created"] += 1 + len(findings) + len(quotes) + len(authors)
    Report.objects.filter(pk=report.pk).update(created_at=data["drafted"]["at"])
    ReportEvent.objects.filter(report=report).update(created_at=data["drafted"]["at"])
    for step in data["history"]:
        started = timezone.now()
        extra = {"at": step["at"]} if step["to"] == ReportStatus.PUBLISHED else {}
        report = REPORT_STEPS[step["to"]](
            report=report, by=users[step["by"]], comment=step.get("comment", ""), **extra
        )
        # The step just taken is the only event stamped since ``started``.
        ReportEvent.objects.filter(report=report, created_at__gte=started).update(
            created_at=step["at"]
        )
        if step["to"] == ReportStatus.APPROVED:
            VisitEvent.objects.filter(
                visit=visit, to_status=VisitStatus.REPORTED, created_at__gte=started
            ).update(created_at=step["at"])
    return report


def _load_item(report, order, data, agency_slug, users, topics, divisions, stats):
    """One ATM item of the report's plan, found by its order; proposed and
    moved along its timeline through the services when missing."""
    fields = {
        "topic": topics[data["topic"]],
        "observe": data["observe"],
        "replicate": data["replicate"],
        "modify": data["modify"],
        "division": divisions[(agency_slug, data["division"])],
        "target_date": data["target_date"],
        "success_indicator": data["success_indicator"],
    }
    item = AdoptionItem.objects.filter(report=report, order=order).first()
    if item is None:
        item = _write_item(report, order, data, fields, users)
        stats["created"] += 1 + len(data["check_ins"])
    else:
        restore(item, fields, stats)
    # A check-in deleted since (in the admin) comes back as a plain row: the
    # item's lifecycle has moved on and is not replayed.
    sync_rows(
        CheckIn.objects.filter(item=item),
        ["date"],
        [
            {
                "item": item,
                "date": check_in["date"],
                "note": check_in["note"],
                "created_by": users[check_in["by"]],
                "created_at": _check_in_time(check_in),
            }
            for check_in in data["check_ins"]
        ],
        stats,
    )


def _write_item(report, order, data, fields, users):
    """Propose the item, take it through its declared steps and record its
    check-ins, all through the services; each dated as declared."""
    item = services.item_create(report=report, by=users[data["proposed"]["by"]], **fields)
    AdoptionItem.objects.filter(pk=item.pk).update(order=order, created_at=data["proposed"]["at"])
    AdoptionEvent.objects.filter(item=item).update(created_at=data["proposed"]["at"])
    for step in data["history"]:
        started = timezone.now()
        ITEM_STEPS[step["to"]](item=item, by=users[step["by"]], comment=step.get("comment", ""))
        AdoptionEvent.objects.filter(item=item, created_at__gte=started).update(
            created_at=step["at"]
        )
    for check_in in data["check_ins"]:
        created = services.checkin_add(
            item=item, by=users[check_in["by"]], date=check_in["date"], note=check_in["note"]
        )
        CheckIn.objects.filter(pk=created.pk).update(created_at=_check_in_time(check_in))
    item.refresh_from_db()
    return item


def _check_in_time(check_in):
    return datetime.datetime.combine(check_in["date"], CHECK_IN_TIME, tzinfo=WIB)
