"""The figures the national data set aims at: how generated rows are
recognised, how many of each kind at scale 1, and the shares of the states
of visits, reports and ATM items."""

from reports.models import AdoptionStatus, ReportStatus
from visits.models import VisitStatus

GENERATED_SLUG_PREFIX = "gen-"
GENERATED_EMAIL_DOMAIN = "gen.studitiru.test"

# Counts at scale 1.0. Agencies: one per region, 552 when none exists yet.
FULL_SCALE = {
    "visits": 50_000,
    "participants": 1_000_000,
    "reports": 20_000,
    "items": 60_000,
}
MIN_AGENCIES = 20
ALL_REGIONS = 552

# The benchmark logs in with these; every other generated account has an
# unusable password (one shared string: hashing per user would take hours).
BENCHMARK_PASSWORD = "benchmark-studitiru"
UNUSABLE_PASSWORD = "!generated-account-without-password"
BIG_DELEGATION = 52
BENCHMARK_PHOTOS = 6

# Where the shared photo files live, under MEDIA_ROOT.
PHOTO_DIR = "reports/generated"
PHOTO_FILES = 8
PHOTO_SIZE = (2000, 1333)
THUMBNAIL_SIZE = (480, 320)

# Shares of the visits by state (they add up to 1). Waiting states lie in the
# future, the others in the past.
VISIT_SHARES = {
    VisitStatus.DRAFT: 0.010,
    VisitStatus.REQUESTED: 0.020,
    VisitStatus.DATE_PROPOSED: 0.008,
    VisitStatus.SCHEDULED: 0.022,
    VisitStatus.DECLINED: 0.080,
    VisitStatus.CANCELLED: 0.110,
    VisitStatus.REPORTED: 0.300,
    VisitStatus.HELD: 0.450,
}
FUTURE_STATES = frozenset(
    {VisitStatus.DRAFT, VisitStatus.REQUESTED, VisitStatus.DATE_PROPOSED, VisitStatus.SCHEDULED}
)
# A reported visit went through a report's review: at least this old.
REPORTED_MIN_AGE_DAYS = 21

# Report states: the report that made a visit "reported", a second report of
# the same visit (by the other agency) and the report of a held visit.
FIRST_REPORT_SHARES = {ReportStatus.PUBLISHED: 0.92, ReportStatus.APPROVED: 0.08}
SECOND_REPORT_SHARES = {
    ReportStatus.PUBLISHED: 0.70,
    ReportStatus.APPROVED: 0.10,
    ReportStatus.SUBMITTED: 0.10,
    ReportStatus.DRAFT: 0.10,
}
HELD_REPORT_SHARES = {ReportStatus.DRAFT: 0.6, ReportStatus.SUBMITTED: 0.4}
# Of the reports beyond one per reported visit, the share that are second
# reports of reported visits (the rest are reports of held visits).
SECOND_REPORT_PART = 0.6

# ATM item states by the age of the report's approval, in days.
ITEM_SHARES_BY_AGE = [
    (
        45,
        {
            AdoptionStatus.PROPOSED: 35,
            AdoptionStatus.RETURNED: 10,
            AdoptionStatus.APPROVED: 40,
            AdoptionStatus.IN_PROGRESS: 15,
        },
    ),
    (
        365,
        {
            AdoptionStatus.PROPOSED: 5,
            AdoptionStatus.RETURNED: 5,
            AdoptionStatus.APPROVED: 20,
            AdoptionStatus.IN_PROGRESS: 50,
            AdoptionStatus.ADOPTED: 10,
            AdoptionStatus.DROPPED: 10,
        },
    ),
    (
        None,
        {
            AdoptionStatus.PROPOSED: 2,
            AdoptionStatus.RETURNED: 2,
            AdoptionStatus.APPROVED: 3,
            AdoptionStatus.IN_PROGRESS: 9,
            AdoptionStatus.ADOPTED: 68,
            AdoptionStatus.DROPPED: 16,
        },
    ),
]


def scaled_counts(scale: float, available_regions: int = ALL_REGIONS) -> dict:
    """The number of rows of each kind at ``scale``: every count scales, the
    agencies too but never below MIN_AGENCIES nor above the free regions."""
    counts = {name: max(1, round(full * scale)) for name, full in FULL_SCALE.items()}
    counts["agencies"] = min(available_regions, max(MIN_AGENCIES, round(ALL_REGIONS * scale)))
    return counts
