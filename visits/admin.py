"""The admin of visits. A visit's status and timeline are shown but
never edited here: lifecycle changes go through ``visits.services.move_visit``.

Participants and agenda items are read-only here too: ``visits.delegation``
writes them (it locks the visit, checks the one-head and one-NIP rules and
records who did it), and routing an admin form through it would need an
acting agency the admin does not have. An official corrects them in the
portal, as the agency's staff."""

from django import forms
from django.contrib import admin
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from simple_history.admin import SimpleHistoryAdmin

from uploads import cleanup

from . import services
from .forms import LETTER_VALIDATORS
from .models import (
    AgendaItem,
    CalendarFeed,
    Participant,
    Venue,
    Visit,
    VisitEvent,
    VisitTopic,
)

# Visit.__str__ names both agencies.
VISIT_AGENCIES = ("visit__host", "visit__visitor")


class ReadOnlyMixin:
    """Shown, never written: the services write these rows (the timeline,
    the people and the programme)."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class VisitTopicInline(admin.TabularInline):
    model = VisitTopic
    extra = 0
    autocomplete_fields = ("topic",)


class VenueInline(admin.TabularInline):
    model = Venue
    extra = 0


class AgendaItemInline(ReadOnlyMixin, admin.TabularInline):
    model = AgendaItem
    extra = 0


class ParticipantInline(ReadOnlyMixin, admin.TabularInline):
    model = Participant
    extra = 0
    fields = (
        "order",
        "side",
        "role",
        "front_title",
        "name",
        "back_title",
        "position",
        "division",
        "employment_type",
        "nip",
        "attended",
    )


class VisitEventInline(ReadOnlyMixin, admin.TabularInline):
    model = VisitEvent
    fields = ("created_at", "from_status", "to_status", "actor", "actor_agency", "comment")

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("actor", "actor_agency")


LETTER_FIELDS = ("request_letter_file", "reply_letter_file")


class VisitAdminForm(forms.ModelForm):
    """Letters uploaded here are checked as in the portal's own forms. No
    ``Meta``: the admin builds the form for the model with all its fields."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in LETTER_FIELDS:
            if name in self.fields:
                self.fields[name].validators = [*self.fields[name].validators, *LETTER_VALIDATORS]


@admin.register(Visit)
class VisitAdmin(SimpleHistoryAdmin):
    form = VisitAdminForm
    list_display = ("title", "visitor", "host", "start", "status")
    list_filter = ("status", "visit_topics__topic", "host__province")
    list_select_related = ("host", "visitor")
    search_fields = (
        "title",
        "host__name",
        "host__short_name",
        "visitor__name",
        "visitor__short_name",
        "request_letter_number",
        "reply_letter_number",
    )
    date_hierarchy = "start"
    autocomplete_fields = ("host", "visitor", "created_by")
    # The lifecycle (status, and the date the host proposes) moves through
    # visits.services.move_visit only, so that every step is in the timeline.
    readonly_fields = ("status", "proposed_start", "proposed_end")
    # A visit held before it was in the portal: added here as a draft with
    # its past dates, then recorded as held (the request form refuses them).
    actions = ("record_past",)
    inlines = (
        VisitTopicInline,
        VenueInline,
        AgendaItemInline,
        ParticipantInline,
        VisitEventInline,
    )

    def save_model(self, request, obj, form, change):
        # The row as stored, to delete a replaced or cleared letter's file
        # once the admin's transaction commits.
        before = Visit.objects.select_for_update().get(pk=obj.pk) if change else None
        super().save_model(request, obj, form, change)
        if before is not None:
            cleanup.delete_replaced(before, obj, *LETTER_FIELDS)

    @admin.action(
        description=_("Catat sebagai kunjungan yang sudah terlaksana"), permissions=["change"]
    )
    def record_past(self, request, queryset):
        done = 0
        for visit in queryset:
            try:
                services.visit_record_past(visit=visit, by=request.user)
            except (ValidationError, PermissionDenied) as error:
                detail = " ".join(getattr(error, "messages", [])) or _("Tidak diizinkan.")
                self.message_user(request, f"{visit}: {detail}", level="error")
            else:
                done += 1
        if done:
            message = ngettext(
                "%(count)d kunjungan dicatat sebagai sudah terlaksana.",
                "%(count)d kunjungan dicatat sebagai sudah terlaksana.",
                done,
            )
            self.message_user(request, message % {"count": done})


@admin.register(VisitTopic)
class VisitTopicAdmin(SimpleHistoryAdmin):
    list_display = ("topic", "visit", "order")
    list_filter = ("topic",)
    list_select_related = ("topic", *VISIT_AGENCIES)
    search_fields = ("visit__title", "topic__code", "topic__name", "questions")
    autocomplete_fields = ("visit", "topic")


@admin.register(Venue)
class VenueAdmin(SimpleHistoryAdmin):
    list_display = ("name", "kind", "visit", "address")
    list_filter = ("kind",)
    list_select_related = VISIT_AGENCIES
    search_fields = ("name", "address", "visit__title")
    autocomplete_fields = ("visit",)


@admin.register(AgendaItem)
class AgendaItemAdmin(ReadOnlyMixin, SimpleHistoryAdmin):
    list_display = ("title", "visit", "start", "kind", "place", "speaker")
    list_filter = ("kind",)
    list_select_related = VISIT_AGENCIES
    search_fields = ("title", "speaker", "place", "visit__title")
    autocomplete_fields = ("visit",)


@admin.register(Participant)
class ParticipantAdmin(ReadOnlyMixin, SimpleHistoryAdmin):
    list_display = (
        "full_name",
        "visit",
        "side",
        "role",
        "position",
        "employment_type",
        "attended",
    )
    list_filter = ("side", "role", "employment_type", "attended", "contact_erasure")
    list_select_related = VISIT_AGENCIES
    search_fields = ("name", "nip", "visit__title")
    autocomplete_fields = ("visit",)

    @admin.display(description=_("nama lengkap"), ordering="name")
    def full_name(self, obj):
        return obj.full_name


@admin.register(VisitEvent)
class VisitEventAdmin(ReadOnlyMixin, admin.ModelAdmin):
    list_display = ("visit", "from_status", "to_status", "actor", "actor_agency", "created_at")
    # The visit first, not the fields of the event base (lifecycle.events).
    fields = ("visit", "actor", "actor_agency", "created_at", "from_status", "to_status", "comment")
    list_filter = ("to_status",)
    list_select_related = (*VISIT_AGENCIES, "actor", "actor_agency")
    search_fields = ("visit__title", "comment", "actor__email", "actor__name")
    date_hierarchy = "created_at"


@admin.register(CalendarFeed)
class CalendarFeedAdmin(ReadOnlyMixin, admin.ModelAdmin):
    """Feeds are issued and revoked by the agencies (``visits.feeds``); the
    admin only lists them. The token itself is never shown."""

    list_display = ("agency", "created_by", "created_at", "revoked_at")
    list_filter = ("revoked_at",)
    list_select_related = ("agency", "created_by")
    search_fields = ("agency__name",)
    exclude = ("token",)
