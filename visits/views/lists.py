"""Finding visits: the agency dashboard and the visit list."""

import datetime

from django import forms
from django.core.paginator import Paginator
from django.db.models import Exists, OuterRef, Q
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

from agencies.models import Agency, Province
from agencies.permissions import can_schedule, require_membership
from agencies.widgets import AgencySearchSelect, agency_label
from studitiru.query import page_number
from visits.models import Topic, VisitStatus, VisitTopic
from visits.permissions import visits_for_user
from visits.selectors import (
    ROLE_HOST,
    ROLE_VISITOR,
    STATUS_DONE,
    STATUS_GROUPS,
    STATUS_OPEN,
    dashboard_sections,
)

PAGE_SIZE = 25

SORT_ORDERS = {
    "terbaru": ("-start", "-pk"),
    "terlama": ("start", "pk"),
    "diubah": ("-updated_at", "-pk"),
}


class VisitFilterForm(forms.Form):
    """The filters of the visit list, read from the query string (GET). Every
    field is optional; a value that does not validate is reported and ignored."""

    q = forms.CharField(
        label=_("Cari"),
        required=False,
        max_length=200,
        widget=forms.TextInput(
            attrs={"placeholder": _("Judul, instansi, tujuan…"), "type": "search"}
        ),
    )
    status = forms.ChoiceField(label=_("Status"), required=False)
    topik = forms.ModelChoiceField(
        label=_("Topik"),
        queryset=Topic.objects.order_by("code"),
        to_field_name="code",
        required=False,
        empty_label=_("Semua topik"),
    )
    peran = forms.ChoiceField(
        label=_("Peran instansi kami"),
        required=False,
        choices=[
            ("", _("Tuan rumah dan pengunjung")),
            (ROLE_HOST, _("Sebagai tuan rumah")),
            (ROLE_VISITOR, _("Sebagai pengunjung")),
        ],
    )
    # Only the chosen agency is rendered; the others are searched as the user
    # types (agencies.widgets), not sent on every page.
    instansi = forms.ModelChoiceField(
        label=_("Instansi lain"),
        queryset=Agency.objects.none(),
        to_field_name="slug",
        required=False,
        empty_label=_("Semua instansi"),
        widget=AgencySearchSelect(),
    )
    provinsi = forms.ModelChoiceField(
        label=_("Provinsi instansi lain"),
        queryset=Province.objects.order_by("name"),
        to_field_name="code",
        required=False,
        empty_label=_("Semua provinsi"),
    )
    dari = forms.DateField(
        label=_("Dari tanggal"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    sampai = forms.DateField(
        label=_("Sampai tanggal"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    urut = forms.ChoiceField(
        label=_("Urutkan"),
        required=False,
        choices=[
            ("terbaru", _("Tanggal terbaru dahulu")),
            ("terlama", _("Tanggal terlama dahulu")),
            ("diubah", _("Terakhir diubah")),
        ],
    )

    def __init__(self, *args, agency, **kwargs):
        super().__init__(*args, **kwargs)
        self.agency = agency
        self.fields["status"].choices = [
            ("", _("Semua status")),
            (STATUS_OPEN, _("Masih berjalan (draf s.d. terjadwal)")),
            (STATUS_DONE, _("Terlaksana atau dilaporkan")),
            *VisitStatus.choices,
        ]
        instansi = self.fields["instansi"]
        instansi.queryset = (
            Agency.objects.filter(is_active=True).exclude(pk=agency.pk).select_related("province")
        )
        instansi.label_from_instance = agency_label

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("dari"), cleaned.get("sampai")
        if start and end and end < start:
            self.add_error("sampai", _("Tanggal akhir tidak boleh sebelum tanggal awal."))
        return cleaned

    def filter(self, visits):
        """``visits`` narrowed by the fields that validated, in the chosen order."""
        data = self.cleaned_data if self.is_bound else {}
        agency = self.agency
        for word in (data.get("q") or "").split():
            visits = visits.filter(
                Q(title__icontains=word)
                | Q(purpose__icontains=word)
                | Q(host__name__icontains=word)
                | Q(host__short_name__icontains=word)
                | Q(visitor__name__icontains=word)
                | Q(visitor__short_name__icontains=word)
            )
        status = data.get("status")
        if status in STATUS_GROUPS:
            visits = visits.filter(status__in=STATUS_GROUPS[status])
        elif status:
            visits = visits.filter(status=status)
        if topic := data.get("topik"):
            # A renamed programme's old visits count too (DTKS under DTSEN).
            visits = visits.filter(
                Exists(
                    VisitTopic.objects.filter(visit=OuterRef("pk")).filter(
                        Q(topic=topic) | Q(topic__successor=topic)
                    )
                )
            )
        if data.get("peran") == ROLE_HOST:
            visits = visits.filter(host=agency)
        elif data.get("peran") == ROLE_VISITOR:
            visits = visits.filter(visitor=agency)
        if other := data.get("instansi"):
            visits = visits.filter(Q(host=agency, visitor=other) | Q(visitor=agency, host=other))
        if province := data.get("provinsi"):
            visits = visits.filter(
                Q(host=agency, visitor__province=province)
                | Q(visitor=agency, host__province=province)
            )
        start, end = data.get("dari"), data.get("sampai")
        # The days are the agency's own: midnight in its time zone.
        tz = agency.tzinfo
        if start:
            visits = visits.filter(end__gte=_midnight(start, tz))
        if end:
            visits = visits.filter(start__lt=_midnight(end + datetime.timedelta(days=1), tz))
        return visits.order_by(*SORT_ORDERS.get(data.get("urut") or "terbaru"))


def _midnight(day, tz):
    return datetime.datetime.combine(day, datetime.time.min, tzinfo=tz)


def visit_list(request):
    """The visits of the user's agency, as host and as visitor, filtered,
    searched and paginated; another agency's drafts never show."""
    membership = require_membership(request)
    agency = membership.agency
    form = VisitFilterForm(request.GET, agency=agency)
    form.is_valid()  # the errors are shown; the valid fields still filter
    visits = form.filter(visits_for_user(request.user).with_topics().with_delegation_size())
    page = Paginator(visits, PAGE_SIZE).get_page(page_number(request.GET, "halaman"))
    context = {
        "agency": agency,
        "form": form,
        "page": page,
        "visits": page.object_list,
        "is_filtered": any(
            value not in (None, "") for name, value in form.cleaned_data.items() if name != "urut"
        ),
        "can_schedule": can_schedule(request.user, agency),
    }
    return render(request, "visits/visit_list.html", context)


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
