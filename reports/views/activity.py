"""Every agency's activity, for the national administrators: visits, reports
and ATM items by state, one row per agency (``selectors.agency_activity``).
403 for everyone else."""

from django.shortcuts import render
from django.views.decorators.cache import cache_control

from agencies.models import Province
from agencies.permissions import require_national_admin
from studitiru.pagination import paginate
from visits.filters import AgencyFilter

from .. import selectors

PAGE_SIZE = 25


@cache_control(private=True, no_store=True)
def agency_activity(request):
    """The agencies (searched by name or region, filtered by province and
    level), a page at a time, each with its counts and, for one without
    members yet, the link to invite its first coordinator."""
    require_national_admin(request)
    filters = AgencyFilter(
        request.GET, selectors.activity_agencies(), provinces=list(Province.objects.all())
    )
    page = paginate(request, filters.qs, PAGE_SIZE)
    page.object_list = selectors.agency_activity(page.object_list)
    context = {
        "form": filters.form,  # an invalid filter shows its message and is ignored
        "page": page,
        "is_filtered": filters.is_filtered(),
    }
    return render(request, "reports/agency_activity.html", context)
