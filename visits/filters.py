"""The filters of the visit list and of a visit's participants and
attendance, on the portal's base ``studitiru.filters.PortalFilterSet``."""

import datetime

import django_filters
from django.db.models import OuterRef, Q
from django.utils.translation import gettext_lazy as _

from agencies.models import Agency, AgencyLevel, Province, Topic
from agencies.widgets import AgencySearchSelect, agency_label
from studitiru.filters import (
    FilterForm,
    PortalFilterSet,
    province_filter,
    search_filter,
    status_filter,
    topic_filter,
)

from .forms import DATE_INPUT
from .models import Side, VisitStatus, VisitTopic
from .permissions import OPEN_STATES

# Status filter values beyond the single states: groups a coordinator asks for.
STATUS_OPEN = "aktif"
STATUS_DONE = "selesai"
STATUS_GROUPS = {
    STATUS_OPEN: OPEN_STATES,
    STATUS_DONE: [VisitStatus.HELD, VisitStatus.REPORTED],
}

ROLE_HOST = "tuan_rumah"
ROLE_VISITOR = "pengunjung"

SORT_ORDERS = {
    "terbaru": ("-start", "-pk"),
    "terlama": ("start", "pk"),
    "diubah": ("-updated_at", "-pk"),
}


class VisitFilterForm(FilterForm):
    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("dari"), cleaned.get("sampai")
        if start and end and end < start:
            self.add_error("sampai", _("Tanggal akhir tidak boleh sebelum tanggal awal."))
        return cleaned


class VisitFilter(PortalFilterSet):
    """The filters of the visit list of ``agency``, in the chosen order."""

    q = search_filter(_("Judul, instansi, tujuan…"))
    status = status_filter(
        [
            (STATUS_OPEN, _("Masih berjalan (draf s.d. terjadwal)")),
            (STATUS_DONE, _("Terlaksana atau dilaporkan")),
            *VisitStatus.choices,
        ],
        method="filter_status",
    )
    topik = topic_filter(Topic.objects.order_by("code"))
    peran = django_filters.ChoiceFilter(
        label=_("Peran instansi kami"),
        method="filter_role",
        empty_label=_("Tuan rumah dan pengunjung"),
        choices=[(ROLE_HOST, _("Sebagai tuan rumah")), (ROLE_VISITOR, _("Sebagai pengunjung"))],
    )
    # Only the chosen agency is rendered; the others are searched as the user
    # types (agencies.widgets), not sent on every page.
    instansi = django_filters.ModelChoiceFilter(
        label=_("Instansi lain"),
        queryset=Agency.objects.none(),
        to_field_name="slug",
        method="filter_other_agency",
        empty_label=_("Semua instansi"),
        widget=AgencySearchSelect(),
    )
    provinsi = province_filter(Province.objects.order_by("name"), label=_("Provinsi instansi lain"))
    dari = django_filters.DateFilter(
        label=_("Dari tanggal"), method="filter_from", widget=DATE_INPUT
    )
    sampai = django_filters.DateFilter(
        label=_("Sampai tanggal"), method="filter_until", widget=DATE_INPUT
    )
    urut = django_filters.ChoiceFilter(
        label=_("Urutkan"),
        method="keep",  # the order is applied last, by filter_queryset
        empty_label=None,
        choices=[
            ("terbaru", _("Tanggal terbaru dahulu")),
            ("terlama", _("Tanggal terlama dahulu")),
            ("diubah", _("Terakhir diubah")),
        ],
    )

    search_fields = (
        "title",
        "purpose",
        "host__name",
        "host__short_name",
        "visitor__name",
        "visitor__short_name",
    )

    class Meta:
        form = VisitFilterForm

    def __init__(self, data, queryset, *, agency):
        super().__init__(data, queryset)
        self.agency = agency
        self.filters["instansi"].queryset = (
            Agency.objects.filter(is_active=True).exclude(pk=agency.pk).select_related("province")
        )
        self.form.fields["instansi"].label_from_instance = agency_label

    def topic_rows(self):
        return VisitTopic.objects.filter(visit=OuterRef("pk"))

    def filter_status(self, visits, name, status):
        if status in STATUS_GROUPS:
            return visits.filter(status__in=STATUS_GROUPS[status])
        return visits.filter(status=status)

    def filter_role(self, visits, name, role):
        side = "host" if role == ROLE_HOST else "visitor"
        return visits.filter(**{side: self.agency})

    def filter_other_agency(self, visits, name, other):
        agency = self.agency
        return visits.filter(Q(host=agency, visitor=other) | Q(visitor=agency, host=other))

    def filter_province(self, visits, name, province):
        # The other agency's province, whichever side it is on.
        agency = self.agency
        return visits.filter(
            Q(host=agency, visitor__province=province) | Q(visitor=agency, host__province=province)
        )

    # The days are the agency's own: midnight in its time zone.
    def filter_from(self, visits, name, day):
        return visits.filter(end__gte=_midnight(day, self.agency.tzinfo))

    def filter_until(self, visits, name, day):
        return visits.filter(
            start__lt=_midnight(day + datetime.timedelta(days=1), self.agency.tzinfo)
        )

    def filter_queryset(self, queryset):
        order = self.form.cleaned_data.get("urut") or "terbaru"
        return super().filter_queryset(queryset).order_by(*SORT_ORDERS[order])


def _midnight(day, tz):
    return datetime.datetime.combine(day, datetime.time.min, tzinfo=tz)


class ParticipantFilter(PortalFilterSet):
    """Search by name, position or division (never by NIP, phone or e-mail:
    personal data must not end up in a URL) and filter by side."""

    q = search_filter(_("Nama, jabatan atau bidang"), max_length=100)
    side = django_filters.ChoiceFilter(
        label=_("Pihak"), empty_label=_("Semua pihak"), choices=Side.choices
    )

    search_fields = ("name", "front_title", "back_title", "position", "division")
    whole_phrase = True

    # One invalid value ignores them all: the list shows everyone, never a
    # part of it that the form does not show.
    def filter_queryset(self, participants):
        return super().filter_queryset(participants) if self.form.is_valid() else participants

    def is_filtered(self, **kwargs):
        return self.form.is_valid() and super().is_filtered(**kwargs)

    @property
    def chosen_side(self):
        """The side chosen, or "" for both."""
        return self.form.cleaned_data.get("side", "") if self.form.is_valid() else ""


ATTENDANCE_STATES = {
    "unknown": Q(attended__isnull=True),
    "present": Q(attended=True),
    "absent": Q(attended=False),
}


class AttendanceFilter(ParticipantFilter):
    status = django_filters.ChoiceFilter(
        label=_("Kehadiran"),
        method="filter_attendance",
        empty_label=_("Semua"),
        choices=[
            ("unknown", _("Belum dicatat")),
            ("present", _("Hadir")),
            ("absent", _("Tidak hadir")),
        ],
    )

    def filter_attendance(self, participants, name, status):
        return participants.filter(ATTENDANCE_STATES[status])


class AgencyFilter(PortalFilterSet):
    """The agency index's filters. The province choices come from the
    provinces the view loaded, so validating costs no query."""

    q = search_filter(_("Nama instansi atau daerah"), max_length=100)
    province = django_filters.ChoiceFilter(
        label=_("Provinsi"), field_name="province__code", empty_label=_("Semua provinsi")
    )
    level = django_filters.ChoiceFilter(
        label=_("Tingkat"), empty_label=_("Semua tingkat"), choices=AgencyLevel.choices
    )

    search_fields = ("name", "short_name", "regency__name", "province__name")

    def __init__(self, data, queryset, *, provinces):
        super().__init__(data, queryset)
        self.filters["province"].extra["choices"] = [(p.code, p.name) for p in provinces]
