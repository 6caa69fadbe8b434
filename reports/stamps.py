"""Which writes to the reports' tables change which page stamps (pagecache):
a report's rows touch both agencies of its visit (their ``REPORTS`` facet),
and the public pages while the report is on them or one step from them."""

from pagecache.stamps import PUBLIC, REPORTS, also, follow
from visits.models import Visit

from .models import (
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

# A report goes on and off the public pages only from and to "approved": a
# write to an approved or published report may change them.
NEAR_PUBLIC = frozenset({ReportStatus.APPROVED, ReportStatus.PUBLISHED})


def _public_if_reported(visit) -> set[str]:
    """A visit's dates, venues, topics and head counts are on its public report."""
    reported = Report.objects.filter(visit_id=visit.pk, status__in=NEAR_PUBLIC).exists()
    return {PUBLIC} if reported else set()


def register():
    # A report's rows touch the REPORTS facet of both agencies of its visit;
    # the rows below a report share its stamps.
    follow(
        Report,
        agencies=("agency_id",),
        via="visit",
        public=("status", NEAR_PUBLIC),
        facet=REPORTS,
    )
    for model in (Finding, Quote, Author, Photo, ReportEvent, AdoptionItem):
        follow(model, via="report")
    for model in (AdoptionEvent, CheckIn):
        follow(model, via="item")
    also(Visit, _public_if_reported)
