"""Agency pages: whom an agency visited and who visited it.

Any logged-in user sees any active agency: its region, contacts, the good
practices it can show, and the visits it made and received. Only visits that
were agreed (scheduled, held, reported) appear, with their date, the other
agency, title and topics: drafts, requests, declined and cancelled visits are
the two agencies' own business, and participants are personal data. The link
to the visit itself shows only to the two agencies of the visit.
"""

from django.db.models import Count, IntegerField, OuterRef, Prefetch, Subquery
from django.db.models.functions import Coalesce
from django.db.models.query import prefetch_related_objects
from django.shortcuts import get_object_or_404, render
from django.utils import timezone

from agencies.models import Agency, GoodPractice, Province
from agencies.permissions import agency_of, can_schedule
from studitiru.pagination import paginate

from ..filters import AgencyFilter
from ..models import Visit, VisitStatus, VisitTopic
from ..permissions import can_view

# Visits other agencies may know about: agreed by both sides.
AGENCY_PAGE_STATES = (VisitStatus.SCHEDULED, VisitStatus.HELD, VisitStatus.REPORTED)

AGENCY_PAGE_SIZE = 20
VISIT_PAGE_SIZE = 20


def _count(queryset, field):
    """A correlated COUNT of ``queryset`` rows whose ``field`` is the outer agency."""
    counted = (
        queryset.filter(**{field: OuterRef("pk")})
        .order_by()
        .values(field)
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(counted, output_field=IntegerField()), 0)


def agency_list(request):
    """Every active agency, searchable by name and region, filtered by
    province and level, with how many practices it lists and how many visits
    it made and received. Queries: the provinces, the count and the page."""
    filters = AgencyFilter(
        request.GET,
        Agency.objects.filter(is_active=True).select_related("province", "regency"),
        provinces=list(Province.objects.all()),
    )
    public_visits = Visit.objects.filter(status__in=AGENCY_PAGE_STATES)
    agencies = filters.qs.annotate(
        practice_count=_count(GoodPractice.objects.filter(is_active=True), "agency"),
        made_count=_count(public_visits, "visitor"),
        received_count=_count(public_visits, "host"),
    ).order_by("name")

    context = {
        "form": filters.form,  # an invalid filter shows its message and is ignored
        "page_obj": paginate(request, agencies, AGENCY_PAGE_SIZE),
        "is_filtered": filters.is_filtered(),
    }
    return render(request, "visits/agency_list.html", context)


def _visit_page(request, visits, name, *, other):
    """One page of ``visits``, the list ``name`` of the page (its page
    parameter ``halaman_<name>``, its anchor ``#<name>``); the links keep
    the other list's page."""
    page = paginate(request, visits, VISIT_PAGE_SIZE, prefix=name)
    return {"page": page, "param": name, "other": other}


def _rows(user, visits, other):
    rows = []
    for visit in visits:
        # Dates as the host's calendar has them: the visit takes place there.
        tz = visit.host.tzinfo
        rows.append(
            {
                "visit": visit,
                "other": getattr(visit, other),
                "start": timezone.localtime(visit.start, tz).date(),
                "end": timezone.localtime(visit.end, tz).date(),
                "upcoming": visit.status == VisitStatus.SCHEDULED,
                "can_open": can_view(user, visit),
                "topics": [vt.topic for vt in visit.visit_topics.all()],
            }
        )
    return rows


def agency_detail(request, slug):
    """One agency: who it is, what it can show, whom it visited and who
    visited it. Queries: the agency, its practices, then a count and a page
    for each list and the topics of both pages."""
    agency = get_object_or_404(
        Agency.objects.select_related("province", "regency"), slug=slug, is_active=True
    )
    practices = list(
        agency.good_practices.filter(is_active=True).select_related("topic").order_by("title")
    )
    public = (
        Visit.objects.filter(status__in=AGENCY_PAGE_STATES)
        .with_agencies()
        .order_by("-start", "-pk")
    )
    made = _visit_page(request, public.filter(visitor=agency), "dilakukan", other="host")
    received = _visit_page(request, public.filter(host=agency), "diterima", other="visitor")
    visits = [*made["page"].object_list, *received["page"].object_list]
    prefetch_related_objects(
        visits,
        Prefetch("visit_topics", queryset=VisitTopic.objects.select_related("topic")),
    )
    made["rows"] = _rows(request.user, made["page"].object_list, "host")
    received["rows"] = _rows(request.user, received["page"].object_list, "visitor")

    own_agency = agency_of(request.user)
    context = {
        "agency": agency,
        "practices": practices,
        "made": made,
        "received": received,
        "is_own": own_agency is not None and own_agency.pk == agency.pk,
        "can_request": (
            own_agency is not None
            and own_agency.pk != agency.pk
            and can_schedule(request.user, own_agency)
        ),
    }
    return render(request, "visits/agency_detail.html", context)
