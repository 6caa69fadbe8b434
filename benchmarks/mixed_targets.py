"""What the mixed load works on, chosen in-process in the generated data
(``run.py`` imports this after ``django.setup()``, on the database the
mixed load will write to — a copy, never the data set itself).

The generator gives a known password to a staff member of each of the eight
busiest agencies and to the benchmark agency's penyuluh (a report writer);
the other agencies' report writers, and the staff of a lifecycle visit's
other side in a small data set, get it here (``User.password``, one
``update``), so that writes happen in more than one agency."""

from django.contrib.auth.hashers import make_password
from django.db.models import Q
from django.utils import timezone

from agencies.models import Role, User
from demo.national_data.figures import BENCHMARK_PASSWORD, GENERATED_EMAIL_DOMAIN
from reports.models import Report
from reports.permissions import EDITABLE_REPORT_STATES
from visits.filters import STATUS_DONE
from visits.models import Visit, VisitStatus
from visits.permissions import OPEN_STATES

LIFECYCLE_STATES = (VisitStatus.REQUESTED, VisitStatus.DATE_PROPOSED)


def _benchmark_staff() -> dict[int, str]:
    """agency id -> e-mail of its benchmark staff account (the login works)."""
    staff = {}
    for email, agency in (
        User.objects.filter(
            email__startswith="benchmark.",
            email__endswith="@" + GENERATED_EMAIL_DOMAIN,
            membership__role=Role.STAFF,
        )
        .order_by("email")
        .values_list("email", "membership__agency_id")
    ):
        staff.setdefault(agency, email)
    return staff


def _account(agency_id, role) -> str | None:
    """A member of the agency in ``role``, given the benchmark's password."""
    user = (
        User.objects.filter(membership__agency_id=agency_id, membership__role=role, is_active=True)
        .order_by("-email", "pk")  # "benchmark.…@" (after the generated names) where there is one
        .first()
    )
    if user is None:
        return None
    if not user.email.startswith("benchmark."):
        User.objects.filter(pk=user.pk).update(password=make_password(BENCHMARK_PASSWORD))
    return user.email


def mixed_targets(*, readers=8, per_kind=3) -> dict:
    """The readers (staff of up to ``readers`` agencies, with their pages)
    and up to ``per_kind`` writers of each kind, in different agencies."""
    staff = _benchmark_staff()
    agencies = sorted(staff)  # the readers' agencies
    now = timezone.now()
    answerable = Visit.objects.filter(
        status__in=LIFECYCLE_STATES, start__gt=now + timezone.timedelta(days=2)
    ).order_by("pk")
    fields = ("pk", "host_id", "visitor_id", "status")
    # Between agencies of the readers first; in a small data set, any.
    lifecycle = list(
        answerable.filter(host_id__in=agencies, visitor_id__in=agencies).values(*fields)[:per_kind]
    )
    lifecycle += list(
        answerable.exclude(pk__in=[v["pk"] for v in lifecycle]).values(*fields)[
            : per_kind - len(lifecycle)
        ]
    )
    for visit in lifecycle:
        for agency in (visit["host_id"], visit["visitor_id"]):
            if agency not in staff:
                staff[agency] = _account(agency, Role.STAFF)
    lifecycle = [v for v in lifecycle if staff[v["host_id"]] and staff[v["visitor_id"]]]
    busy = {v["pk"] for v in lifecycle}
    writers = [
        (
            "lifecycle",
            {
                "visit": v["pk"],
                "status": v["status"],
                "host": v["host_id"],
                "host_email": staff[v["host_id"]],
                "visitor": v["visitor_id"],
                "visitor_email": staff[v["visitor_id"]],
            },
        )
        for v in lifecycle
    ]
    used = set()
    for visit in (
        Visit.objects.filter(status__in=OPEN_STATES, visitor_id__in=agencies)
        .exclude(pk__in=busy)
        .order_by("-start", "pk")
        .values("pk", "visitor_id")
    ):
        if visit["visitor_id"] in used:
            continue
        used.add(visit["visitor_id"])
        agency = visit["visitor_id"]
        writers.append(
            ("participants", {"visit": visit["pk"], "agency": agency, "email": staff[agency]})
        )
        if len(used) == per_kind:
            break
    reporting = 0
    for report in (
        Report.objects.filter(status__in=EDITABLE_REPORT_STATES, agency_id__in=agencies)
        .order_by("agency_id", "pk")
        .distinct("agency_id")
        .values("pk", "agency_id")
    ):
        email = _account(report["agency_id"], Role.PENYULUH)
        if email is None:
            continue
        writers.append(
            ("report", {"report": report["pk"], "agency": report["agency_id"], "email": email})
        )
        reporting += 1
        if reporting == per_kind:
            break
    return {
        "password": BENCHMARK_PASSWORD,
        "writers": writers,
        "writer_agencies": {
            agency
            for _kind, t in writers
            for agency in (t.get("agency"), t.get("host"), t.get("visitor"))
            if agency is not None
        },
        "readers": [
            {"email": staff[a], "agency": a, "pages": _reader_pages(a, writers)}
            for a in agencies[:readers]
        ],
    }


def _reader_pages(agency, writers) -> list[str]:
    """The key pages of the agency, and every page a writer changes that it
    must see: it reads them in this order, around and around."""
    # One it may open: another agency's draft to it is its author's alone.
    visit = (
        Visit.objects.filter(Q(host_id=agency) | Q(visitor_id=agency))
        .exclude(host_id=agency, status=VisitStatus.DRAFT)
        .order_by("-start", "pk")
        .values_list("pk", flat=True)
        .first()
    )
    pages = [
        "/dasbor/",
        f"/kunjungan/?status={STATUS_DONE}",
        "/kalender/",
        "/atm/",
        "/laporan/",
        "/berita/",
    ]
    if visit is not None:
        pages.append(f"/kunjungan/{visit}/")
    for kind, target in writers:
        if kind == "lifecycle" and agency in (target["host"], target["visitor"]):
            pages.append(f"/kunjungan/{target['visit']}/")
        elif kind == "participants" and target["agency"] == agency:
            pages.append(f"/kunjungan/{target['visit']}/peserta/")
        elif kind == "report" and target["agency"] == agency:
            pages.append(f"/laporan/{target['report']}/")
    # The pages writers change, twice as often as the others.
    return pages + pages[6:]
