"""Finding visits: the agency dashboard and the visit list."""

from django.shortcuts import render

from agencies.permissions import can_schedule, require_membership
from agencies.stamps import own_agency_page
from pagecache.pages import cached_page
from pagecache.stamps import PEOPLE, REPORTS
from studitiru.pagination import paginate
from visits.filters import VisitFilter
from visits.selectors import dashboard_sections, visit_list_rows

PAGE_SIZE = 25


@cached_page(own_agency_page, facets=[PEOPLE])
def visit_list(request):
    """The visits of the user's agency, as host and as visitor, filtered,
    searched and paginated; another agency's drafts never show."""
    membership = require_membership(request)
    agency = membership.agency
    filters = VisitFilter(
        request.GET,
        visit_list_rows(agency),
        agency=agency,
    )
    # Counted in the page's query: the search costs PostgreSQL as much again.
    page = paginate(request, filters.qs, PAGE_SIZE, count_in_page=True)
    context = {
        "agency": agency,
        "form": filters.form,  # the errors are shown; the valid fields still filter
        "page": page,
        "visits": page.object_list,
        "is_filtered": filters.is_filtered(ignore={"urut"}),
        "can_schedule": can_schedule(request.user, agency),
    }
    return render(request, "visits/visit_list.html", context)


@cached_page(own_agency_page, facets=[REPORTS])
def dashboard(request):
    """The agency's week at a glance: what waits for its answer, what is
    coming and what was recently held, each with its count."""
    membership = require_membership(request)
    agency = membership.agency
    context = {
        "agency": agency,
        "membership": membership,
        "sections": dashboard_sections(agency),
        "can_schedule": can_schedule(request.user, agency),
    }
    return render(request, "visits/dashboard.html", context)
