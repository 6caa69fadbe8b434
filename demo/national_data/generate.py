"""Generating, finding and deleting the national data set: the entry
points of ``manage.py generate_national_data`` and of the benchmark."""

import datetime
import time
from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone

from agencies.models import (
    Agency,
    Division,
    GoodPractice,
    Invitation,
    Membership,
    Role,
    Topic,
    User,
)
from reports.models import (
    AdoptionEvent,
    AdoptionItem,
    Author,
    CheckIn,
    Finding,
    Photo,
    Quote,
    Report,
    ReportEvent,
    ReportStatus,
)
from visits.models import (
    AgendaItem,
    CalendarFeed,
    Participant,
    Side,
    Venue,
    Visit,
    VisitEvent,
    VisitTopic,
)

from .agencies import make_agencies, make_feed, make_practices, plan_people, write_people
from .atm import plan_items, write_items
from .figures import (
    BENCHMARK_PASSWORD,
    BENCHMARK_PHOTOS,
    BIG_DELEGATION,
    GENERATED_EMAIL_DOMAIN,
    GENERATED_SLUG_PREFIX,
)
from .photos import ensure_photo_files
from .plans import Context
from .reports import plan_reports, write_reports
from .texts import benchmark_email
from .visit_rows import write_visits
from .visits import plan_visits
from .writer import TableTiming, Writer, seconds_since


class GeneratedDataExists(Exception):
    """The database holds generated data already; ``replace=True`` replaces it."""


@dataclass
class Result:
    """What ``generate`` made: rows and seconds per table, the regions it
    skipped because they had an agency, and the total time."""

    seed: int
    scale: float
    today: datetime.date
    timings: list[TableTiming] = field(default_factory=list)
    phases: dict = field(default_factory=dict)  # seconds of the steps between tables
    skipped_regions: int = 0
    deleted_rows: int = 0
    seconds: float = 0.0


@dataclass
class BenchmarkTargets:
    """What the benchmark needs from the generated data: accounts with a
    known password, the busiest agency, its visit with 52 participants and
    its published report (6 photos), and the agency's iCalendar token."""

    password: str
    accounts: list  # [(email, role label, agency short name)]
    agency: Agency
    visit: Visit
    report: Report
    feed_token: str


def generated_agencies():
    return Agency.objects.filter(slug__startswith=GENERATED_SLUG_PREFIX)


def generated_users():
    return User.objects.filter(email__endswith="@" + GENERATED_EMAIL_DOMAIN)


def has_generated_data() -> bool:
    return generated_agencies().exists() or generated_users().exists()


def delete_generated_data() -> int:
    """Delete the generated agencies and accounts and everything that hangs
    off them: their visits (either side), the reports of those visits and of
    those agencies, and so on down. Children go first, each in one DELETE
    where the ORM allows it. Returns the number of rows deleted."""
    agencies = generated_agencies()
    users = generated_users()
    visits = Visit.objects.filter(Q(host__in=agencies) | Q(visitor__in=agencies))
    reports = Report.objects.filter(Q(visit__in=visits) | Q(agency__in=agencies))
    items = AdoptionItem.objects.filter(report__in=reports)
    steps = [
        CheckIn.objects.filter(item__in=items),
        AdoptionEvent.objects.filter(item__in=items),
        items,
        Photo.objects.filter(report__in=reports),
        ReportEvent.objects.filter(report__in=reports),
        Author.objects.filter(report__in=reports),
        Quote.objects.filter(report__in=reports),
        Finding.objects.filter(report__in=reports),
        reports,
        Participant.objects.filter(visit__in=visits),
        VisitEvent.objects.filter(visit__in=visits),
        AgendaItem.objects.filter(visit__in=visits),
        Venue.objects.filter(visit__in=visits),
        VisitTopic.objects.filter(visit__in=visits),
        visits,
        CalendarFeed.objects.filter(agency__in=agencies),
        GoodPractice.objects.filter(agency__in=agencies),
        Invitation.objects.filter(agency__in=agencies),
        Membership.objects.filter(Q(agency__in=agencies) | Q(user__in=users)),
        users,
        Division.objects.filter(agency__in=agencies),
        agencies,
    ]
    deleted = 0
    with transaction.atomic():
        for queryset in steps:
            deleted += queryset.delete()[0]
    return deleted


def generate(*, seed=1, scale=1.0, today=None, replace=False, log=None) -> Result:
    """Fill the database with the national data set; see the module docstring.

    ``today`` is the reference day (a ``date``; by default the current day in
    the portal's time zone): the same seed, scale and day give the same rows.
    Raises ``GeneratedDataExists`` when generated data is present and
    ``replace`` is false; with ``replace`` it is deleted first, in the same
    transaction. ``log`` receives progress lines.
    """
    log = log or (lambda line: None)
    today = today or timezone.localdate()
    started = time.monotonic()
    result = Result(seed=seed, scale=scale, today=today)
    photos = ensure_photo_files(seed, log)
    writer = Writer(result, log)
    with transaction.atomic():
        if has_generated_data():
            if not replace:
                raise GeneratedDataExists
            began = time.monotonic()
            result.deleted_rows = delete_generated_data()
            log(f"Data lama dihapus: {result.deleted_rows:,} baris ({seconds_since(began)}).")
        ctx = Context(seed=seed, scale=scale, today=today, writer=writer, photos=photos)
        ctx.topics = list(Topic.objects.filter(is_active=True).order_by("code"))
        for step in (
            make_agencies,
            plan_people,
            # Everything is planned before the rows that depend on it are
            # written: approving a report adds a step to its visit's timeline.
            plan_visits,
            plan_reports,
            plan_items,
            write_people,
            make_practices,
            write_visits,
            write_reports,
            write_items,
            make_feed,
        ):
            began = time.monotonic()
            step(ctx)
            if step.__name__.startswith("plan_"):
                writer.phase(step.__name__, began)
        result.skipped_regions = ctx.skipped_regions
        writer.reset_sequences()
        began = time.monotonic()
    # PostgreSQL checks the (deferred) foreign keys of every row at commit.
    writer.phase("commit", began)
    began = time.monotonic()
    if writer.analyze():
        writer.phase("vacuum_analyze", began)
    result.seconds = time.monotonic() - started
    return result


def benchmark_targets() -> BenchmarkTargets | None:
    """Find, in a database filled by ``generate``, what the benchmark uses."""
    staff = (
        User.objects.filter(email=benchmark_email("staf"))
        .select_related("membership__agency")
        .first()
    )
    if staff is None:
        return None
    agency = staff.membership.agency
    report = (
        Report.objects.filter(agency=agency, status=ReportStatus.PUBLISHED)
        .annotate(
            photo_count=Count("photos", distinct=True),
            delegation=Count(
                "visit__participants",
                filter=Q(visit__participants__side=Side.VISITOR),
                distinct=True,
            ),
        )
        .filter(photo_count=BENCHMARK_PHOTOS, delegation=BIG_DELEGATION, visit__visitor=agency)
        .select_related("visit")
        .order_by("-visit__start", "pk")
        .first()
    )
    feed = CalendarFeed.objects.filter(agency=agency, revoked_at__isnull=True).first()
    accounts = [
        (user.email, Role(user.membership.role).label, user.membership.agency.display_name)
        for user in User.objects.filter(
            email__startswith="benchmark.", email__endswith="@" + GENERATED_EMAIL_DOMAIN
        )
        .select_related("membership__agency")
        .order_by("email")
    ]
    return BenchmarkTargets(
        password=BENCHMARK_PASSWORD,
        accounts=accounts,
        agency=agency,
        visit=report.visit if report else None,
        report=report,
        feed_token=feed.token if feed else "",
    )
