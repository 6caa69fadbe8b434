"""The filters of the report list, the public news list and the agency's
ATM item list, on the portal's base ``studitiru.filters.PortalFilterSet``."""

import django_filters
from django.db.models import Case, Exists, OuterRef, Q, Value, When
from django.utils.translation import gettext_lazy as _

from agencies.models import Division, Province, Topic
from studitiru.filters import (
    FilterForm,
    PortalFilterSet,
    province_filter,
    search_filter,
    status_filter,
    topic_filter,
)
from visits.models import VisitTopic

from .models import ACTIVE_ADOPTION_STATES, AdoptionStatus, ReportStatus

# The item list's status values beyond the single states.
SHOW_AWAITING = "menunggu"
SHOW_OVERDUE = "terlambat"
SHOW_ACTIVE = "berjalan"
SHOW_CHECKIN_DUE = "perlu_catatan"


class ReportFilter(PortalFilterSet):
    """The filters of the agency's report list."""

    class Meta:
        form = FilterForm  # drawn field by field with _filter_field.html

    q = search_filter(_("Judul laporan…"), label=_("Cari judul"))
    status = status_filter(ReportStatus.choices)

    search_fields = ("title",)


class NewsFilter(PortalFilterSet):
    """Search and filters of the public news list."""

    class Meta:
        form = FilterForm  # drawn field by field with _filter_field.html

    q = search_filter(_("Judul, instansi, topik…"))
    topik = topic_filter(Topic.objects.order_by("code"))
    provinsi = province_filter(Province.objects.order_by("name"))

    search_fields = (
        "title",
        "summary",
        "agency__name",
        "visit__host__name",
        "visit__visitor__name",
    )
    province_fields = ("visit__host__province", "visit__visitor__province")

    def search_condition(self, word):
        # A topic's code or name finds its visits' reports.
        topics = Q(topic__code__iexact=word) | Q(topic__name__icontains=word)
        return super().search_condition(word) | Exists(self.topic_rows().filter(topics))

    def topic_rows(self):
        return VisitTopic.objects.filter(visit=OuterRef("visit"))


class ItemFilter(PortalFilterSet):
    """The filters of the agency's ATM items, open work first, soonest due first."""

    class Meta:
        form = FilterForm  # drawn field by field with _filter_field.html

    q = search_filter(_("Amati, tiru, indikator, kunjungan…"))
    status = status_filter(
        [
            (SHOW_AWAITING, _("Menunggu tinjauan")),
            (SHOW_OVERDUE, _("Terlambat")),
            (SHOW_ACTIVE, _("Disetujui atau sedang berjalan")),
            (SHOW_CHECKIN_DUE, _("Perlu catatan kemajuan")),
            *AdoptionStatus.choices,
        ],
        method="filter_status",
    )
    topik = topic_filter(Topic.objects.order_by("code"))
    bidang = django_filters.ModelChoiceFilter(
        label=_("Bidang"),
        field_name="division",
        queryset=Division.objects.none(),
        empty_label=_("Semua bidang"),
    )

    search_fields = (
        "observe",
        "replicate",
        "modify",
        "success_indicator",
        "topic__code",
        "topic__name",
        "report__title",
        "report__visit__title",
    )

    def __init__(self, data, queryset, *, agency):
        super().__init__(data, queryset)
        self.filters["bidang"].queryset = Division.objects.filter(agency=agency).order_by("name")

    def filter_status(self, items, name, status):
        if status == SHOW_AWAITING:
            return items.filter(status=AdoptionStatus.PROPOSED)
        if status == SHOW_OVERDUE:
            return items.overdue()
        if status == SHOW_ACTIVE:
            return items.filter(status__in=ACTIVE_ADOPTION_STATES)
        if status == SHOW_CHECKIN_DUE:
            return items.checkin_due()
        return items.filter(status=status)

    def filter_queryset(self, items):
        concluded = Case(
            When(status__in=[AdoptionStatus.ADOPTED, AdoptionStatus.DROPPED], then=Value(1)),
            default=Value(0),
        )
        return super().filter_queryset(items).order_by(concluded, "target_date", "pk")
