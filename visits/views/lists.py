"""Finding visits: the agency dashboard and the visit list."""

import datetime
import operator
from functools import reduce
from urllib.parse import urlencode

from django.db.models import Count, Q
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from agencies.models import Agency
from agencies.permissions import can_schedule, require_membership
from studitiru.pagination import paginate
from visits.filters import (
    ROLE_HOST,
    ROLE_VISITOR,
    STATUS_DONE,
    STATUS_GROUPS,
    STATUS_OPEN,
    VisitFilter,
)
from visits.models import VisitStatus
from visits.permissions import visits_for_agency, visits_for_user

PAGE_SIZE = 25
# How many visits each dashboard section lists; its count and its link to the
# filtered list cover the rest.
DASHBOARD_SECTION_SIZE = 8
# What the dashboard shows of a visit (templates/visits/dashboard.html).
DASHBOARD_VISIT_FIELDS = (
    "host",
    "visitor",
    "title",
    "status",
    "start",
    "end",
    "proposed_start",
    "updated_at",
)
# "Recently held" on the dashboard: visits held within this many days.
RECENT_DAYS = 90


def visit_list(request):
    """The visits of the user's agency, as host and as visitor, filtered,
    searched and paginated; another agency's drafts never show."""
    membership = require_membership(request)
    agency = membership.agency
    filters = VisitFilter(
        request.GET,
        visits_for_user(request.user).with_topics().with_delegation_size(),
        agency=agency,
    )
    page = paginate(request, filters.qs, PAGE_SIZE)
    context = {
        "agency": agency,
        "form": filters.form,  # the errors are shown; the valid fields still filter
        "page": page,
        "visits": page.object_list,
        "is_filtered": filters.is_filtered(ignore={"urut"}),
        "can_schedule": can_schedule(request.user, agency),
    }
    return render(request, "visits/visit_list.html", context)


def dashboard(request):
    """The agency's week at a glance: what waits for its answer, what is
    coming and what was recently held, each with its count."""
    membership = require_membership(request)
    agency = membership.agency
    now = timezone.now()
    recent_since = now - datetime.timedelta(days=RECENT_DAYS)
    visits = visits_for_agency(agency)

    sections = [
        {
            "key": "to_answer",
            "urgent": True,
            "title": _("Permohonan menunggu jawaban kami"),
            "help": _("Instansi lain ingin berkunjung: terima, tolak atau usulkan tanggal lain."),
            "icon": "inbox",
            "filter": Q(host=agency, status=VisitStatus.REQUESTED),
            "order": ("start", "pk"),
            "query": {"status": VisitStatus.REQUESTED, "peran": ROLE_HOST},
            "empty": _("Tidak ada permohonan yang menunggu jawaban."),
        },
        {
            "key": "proposals",
            "urgent": True,
            "title": _("Usulan tanggal menunggu jawaban kami"),
            "help": _("Tuan rumah mengusulkan tanggal lain: terima atau tolak usulannya."),
            "icon": "calendar2-range",
            "filter": Q(visitor=agency, status=VisitStatus.DATE_PROPOSED),
            "order": ("start", "pk"),
            "query": {"status": VisitStatus.DATE_PROPOSED, "peran": ROLE_VISITOR},
            "empty": _("Tidak ada usulan tanggal yang menunggu jawaban."),
        },
        {
            "key": "upcoming",
            "title": _("Kunjungan mendatang"),
            "help": _("Kunjungan terjadwal, sebagai tuan rumah maupun pengunjung."),
            "icon": "calendar-check",
            "filter": _either_side(agency, status=VisitStatus.SCHEDULED, end__gte=now),
            "order": ("start", "pk"),
            "query": {
                "status": VisitStatus.SCHEDULED,
                "dari": timezone.localdate(now, agency.tzinfo),
            },
            "empty": _("Belum ada kunjungan terjadwal."),
        },
        {
            "key": "waiting",
            "title": _("Menunggu jawaban instansi lain"),
            "help": _("Permohonan kami yang belum dijawab tuan rumah, dan usulan tanggal kami."),
            "icon": "hourglass-split",
            "filter": Q(visitor=agency, status=VisitStatus.REQUESTED)
            | Q(host=agency, status=VisitStatus.DATE_PROPOSED),
            "order": ("start", "pk"),
            "query": {"status": STATUS_OPEN},
            "empty": _("Tidak ada yang sedang menunggu jawaban."),
        },
        {
            "key": "drafts",
            "title": _("Draf permohonan kami"),
            "help": _("Belum dikirim ke tuan rumah."),
            "icon": "pencil-square",
            "filter": Q(visitor=agency, status=VisitStatus.DRAFT),
            "order": ("-updated_at", "-pk"),
            "query": {"status": VisitStatus.DRAFT},
            "empty": _("Tidak ada draf."),
        },
        {
            "key": "recent",
            "title": _("Baru terlaksana"),
            "help": _("Kunjungan yang terlaksana dalam %(days)s hari terakhir.")
            % {"days": RECENT_DAYS},
            "icon": "check2-circle",
            "filter": _either_side(
                agency,
                status__in=STATUS_GROUPS[STATUS_DONE],
                start__gte=recent_since,
                start__lt=now,
            ),
            "order": ("-start", "-pk"),
            "query": {
                "status": STATUS_DONE,
                "dari": timezone.localdate(recent_since, agency.tzinfo),
            },
            "empty": _("Belum ada kunjungan yang terlaksana dalam 90 hari terakhir."),
        },
    ]
    # One query counts every section, one per section lists its first visits,
    # one loads their agencies. Each filter names the agency's side and the
    # states, so PostgreSQL reads only those visits through the (host, status,
    # start) and (visitor, status, start) indexes, never the agency's history.
    in_any_section = reduce(operator.or_, (section["filter"] for section in sections))
    counts = visits.filter(in_any_section).aggregate(
        **{section["key"]: Count("pk", filter=section["filter"]) for section in sections}
    )
    for section in sections:
        section["count"] = counts[section["key"]]
        section["list_query"] = urlencode(
            {name: str(value) for name, value in section["query"].items()}
        )
        section["visits"] = list(
            visits.filter(section["filter"])
            .only(*DASHBOARD_VISIT_FIELDS)
            .order_by(*section["order"])[:DASHBOARD_SECTION_SIZE]
        )
    _load_agencies([visit for section in sections for visit in section["visits"]])
    context = {
        "agency": agency,
        "membership": membership,
        "sections": sections,
        "can_schedule": can_schedule(request.user, agency),
    }
    return render(request, "visits/dashboard.html", context)


def _either_side(agency, **conditions):
    """Visits matching ``conditions`` where ``agency`` is the host or the visitor."""
    return Q(host=agency, **conditions) | Q(visitor=agency, **conditions)


def _load_agencies(visits):
    """Give ``visits`` their host and visitor (with province, for the time
    zone) from one query: the dashboard's sections share most of them."""
    ids = {visit.host_id for visit in visits} | {visit.visitor_id for visit in visits}
    agencies = Agency.objects.select_related("province").in_bulk(ids)
    for visit in visits:
        visit.host = agencies[visit.host_id]
        visit.visitor = agencies[visit.visitor_id]
