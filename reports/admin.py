"""The admin of reports and ATM plans. Statuses and timelines are shown but
never edited here: review steps go through ``reports.services``, which
record who did what. Photos are processed on upload (``reports.photos``),
so the admin shows them without changing them."""

from django.contrib import admin
from django.db.models import F
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from visits.admin import ReadOnlyMixin

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
)


class ReadOnlyInlineMixin(ReadOnlyMixin):
    """Rows written by the services only."""

    extra = 0
    can_delete = False


class FindingInline(admin.StackedInline):
    model = Finding
    extra = 0
    fields = ("order", "topic", "text")
    autocomplete_fields = ("topic",)


class QuoteInline(admin.StackedInline):
    model = Quote
    extra = 0
    fields = ("order", "text", "speaker_name", "speaker_position")


class AuthorInline(admin.TabularInline):
    model = Author
    extra = 0
    fields = ("order", "front_title", "name", "back_title", "position", "user")
    autocomplete_fields = ("user",)


class PhotoInline(ReadOnlyInlineMixin, admin.TabularInline):
    model = Photo
    fields = ("order", "caption", "image", "width", "height", "uploaded_by", "created_at")
    readonly_fields = fields

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("uploaded_by")


class ReportEventInline(ReadOnlyInlineMixin, admin.TabularInline):
    model = ReportEvent
    fields = ("created_at", "from_status", "to_status", "actor", "comment")
    readonly_fields = fields

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("actor")


@admin.register(Report)
class ReportAdmin(SimpleHistoryAdmin):
    list_display = ("title", "agency", "visit_title", "status", "updated_at", "published_at")
    list_filter = ("status", "agency__province")
    list_select_related = ("agency", "visit")
    search_fields = ("title", "summary", "agency__name", "agency__short_name", "visit__title")
    date_hierarchy = "created_at"
    autocomplete_fields = ("visit", "agency", "created_by", "updated_by")
    # The review lifecycle (status, publication date) and the optimistic lock
    # (version) move through reports.services only.
    readonly_fields = ("status", "published_at", "version", "created_at", "updated_at")
    inlines = (FindingInline, QuoteInline, AuthorInline, PhotoInline, ReportEventInline)

    @admin.display(description=_("kunjungan"), ordering="visit__title")
    def visit_title(self, report):
        return report.visit.title

    def save_model(self, request, obj, form, change):
        # A text change here is a change like any other: writers who opened
        # the report before it must not overwrite it (see report_update).
        if change:
            obj.version = F("version") + 1
        obj.updated_by = request.user
        super().save_model(request, obj, form, change)
        if change:
            obj.refresh_from_db(fields=["version"])


class CheckInInline(ReadOnlyInlineMixin, admin.TabularInline):
    model = CheckIn
    fields = ("date", "note", "evidence", "created_by", "created_at")
    readonly_fields = fields

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("created_by")


class AdoptionEventInline(ReadOnlyInlineMixin, admin.TabularInline):
    model = AdoptionEvent
    fields = ("created_at", "from_status", "to_status", "actor", "comment")
    readonly_fields = fields

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("actor")


@admin.register(AdoptionItem)
class AdoptionItemAdmin(SimpleHistoryAdmin):
    list_display = ("__str__", "report_agency", "topic", "status", "target_date")
    list_filter = ("status", "topic")
    list_select_related = ("report__agency", "topic")
    search_fields = (
        "replicate",
        "observe",
        "modify",
        "report__title",
        "report__agency__name",
        "report__agency__short_name",
    )
    date_hierarchy = "target_date"
    autocomplete_fields = ("report", "topic", "division", "created_by")
    readonly_fields = ("status", "created_at", "updated_at")
    inlines = (CheckInInline, AdoptionEventInline)

    @admin.display(description=_("instansi"), ordering="report__agency__name")
    def report_agency(self, item):
        return item.report.agency
