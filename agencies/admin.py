"""The admin of regions, agencies and their people, the topic catalogue and
the good practices, for the national and provincial administrators."""

from allauth.usersessions.models import UserSession
from django import forms
from django.contrib import admin
from django.contrib.admin.widgets import AdminFileWidget
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.contrib.auth.forms import AdminUserCreationForm, UserChangeForm
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from uploads import cleanup, images

from . import logos, services
from .models import (
    Agency,
    Division,
    GoodPractice,
    Invitation,
    Membership,
    Province,
    Regency,
    Topic,
    User,
)
from .sessions import end_sessions


@admin.register(Province)
class ProvinceAdmin(admin.ModelAdmin):
    list_display = ("code", "name", "time_zone")
    list_filter = ("time_zone",)
    search_fields = ("code", "name")


@admin.register(Regency)
class RegencyAdmin(admin.ModelAdmin):
    list_display = ("code", "name", "kind", "province")
    list_filter = ("kind", "province")
    list_select_related = ("province",)
    search_fields = ("name", "code")


class DivisionInline(admin.TabularInline):
    model = Division
    extra = 0


class AgencyAdminForm(forms.ModelForm):
    """The agency with its logo checked and re-encoded by ``agencies.logos``:
    a plain file field, so that every refusal is the pipeline's own message
    (Django's image field would answer first, and only for some files). No
    ``Meta``: the admin builds the form for the model with all its fields."""

    logo = forms.FileField(
        label=_("Logo"),
        required=False,
        widget=AdminFileWidget(attrs={"accept": logos.ACCEPT_ATTRIBUTE}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["logo"].help_text = _(
            "PNG (sebaiknya berlatar transparan), JPEG atau WebP, paling besar %(size)s MB. "
            "Disimpan ulang dengan sisi terpanjang %(side)s piksel untuk kop surat."
        ) % {"size": logos.MAX_UPLOAD_BYTES // 2**20, "side": logos.LOGO_SIDE}
        self.fields["signing_place"].help_text = _(
            "Kota tempat dokumen instansi ditandatangani, misalnya “Wonosari” untuk "
            "Kabupaten Gunungkidul. Kosong: ibu kota kabupaten/kota atau provinsinya."
        )

    def clean_logo(self):
        logo = self.cleaned_data.get("logo")
        if isinstance(logo, UploadedFile):
            try:
                return logos.process_logo(logo)
            except images.ImageRefused as refused:
                raise ValidationError(str(refused), code=refused.code) from None
        return logo


@admin.register(Agency)
class AgencyAdmin(SimpleHistoryAdmin):
    form = AgencyAdminForm
    list_display = ("name", "level", "province", "regency", "is_active")
    list_filter = ("level", "province", "is_active")
    list_select_related = ("province", "regency")
    search_fields = ("name", "short_name", "regency__name", "province__name")
    autocomplete_fields = ("province", "regency")
    prepopulated_fields = {"slug": ("name",)}
    inlines = (DivisionInline,)

    def save_model(self, request, obj, form, change):
        # The row as stored, to delete a replaced or cleared logo's file once
        # the admin's transaction commits.
        before = Agency.objects.select_for_update().get(pk=obj.pk) if change else None
        super().save_model(request, obj, form, change)
        if before is not None:
            cleanup.delete_replaced(before, obj, "logo")


@admin.register(Division)
class DivisionAdmin(admin.ModelAdmin):
    list_display = ("name", "agency")
    list_filter = ("agency__province",)
    list_select_related = ("agency",)
    search_fields = ("name", "agency__name")
    autocomplete_fields = ("agency",)


class LowercaseEmailMixin:
    """The user manager stores addresses in lower case; the admin does the same,
    so that the unique check on e-mail also catches "Budi@…" next to "budi@…"."""

    def clean_email(self):
        return self.cleaned_data["email"].lower()


class UserCreationForm(LowercaseEmailMixin, AdminUserCreationForm):
    pass


class UserForm(LowercaseEmailMixin, UserChangeForm):
    pass


class MembershipInline(admin.StackedInline):
    model = Membership
    autocomplete_fields = ("agency", "division")


@admin.register(User)
class UserAdmin(SimpleHistoryAdmin, BaseUserAdmin):
    form = UserForm
    add_form = UserCreationForm
    fieldsets = (
        (None, {"fields": ("email", "password", "name")}),
        (
            _("Hak akses"),
            {"fields": ("is_active", "is_staff", "is_superuser", "groups", "user_permissions")},
        ),
        (_("Tanggal penting"), {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = (
        (
            None,
            {
                "classes": ("wide",),
                "fields": ("email", "name", "usable_password", "password1", "password2"),
            },
        ),
    )
    list_display = ("email", "name", "membership__agency", "is_staff", "is_active")
    list_filter = ("is_staff", "is_active", "membership__role")
    # A reverse one-to-one: select_related follows it, and a user without a
    # membership simply shows an empty agency.
    list_select_related = ("membership__agency",)
    search_fields = ("email", "name")
    ordering = ("email",)
    inlines = (MembershipInline,)

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if change and "is_active" in form.changed_data and not obj.is_active:
            # As deactivating in the portal does: a reactivated account logs in again.
            end_sessions(obj)


@admin.register(Membership)
class MembershipAdmin(SimpleHistoryAdmin):
    list_display = ("user", "agency", "division", "role", "position")
    list_filter = ("role", "agency__province")
    list_select_related = ("user", "agency", "division")
    search_fields = ("user__email", "user__name", "agency__name", "nip")
    autocomplete_fields = ("user", "agency", "division")


@admin.register(Topic)
class TopicAdmin(admin.ModelAdmin):
    list_display = ("code", "name", "successor", "is_active")
    list_filter = ("is_active",)
    list_select_related = ("successor",)
    search_fields = ("code", "name", "aliases")
    autocomplete_fields = ("successor",)


@admin.register(GoodPractice)
class GoodPracticeAdmin(SimpleHistoryAdmin):
    list_display = ("title", "agency", "topic", "is_active")
    list_filter = ("topic", "agency__province", "is_active")
    list_select_related = ("agency", "topic")
    search_fields = ("title", "description", "agency__name")
    autocomplete_fields = ("agency", "topic")


class InvitationAdminForm(forms.ModelForm):
    class Meta:
        model = Invitation
        fields = ("agency", "email", "name", "role", "division", "position")

    def clean_email(self):
        return services.check_invitee_email(self.cleaned_data["email"])


@admin.register(Invitation)
class InvitationAdmin(admin.ModelAdmin):
    """Invitations, read-only once sent. Adding one here sends it through
    ``services.invite_member`` (how the admin invites an agency's first
    coordinator); revoking and re-sending are actions."""

    form = InvitationAdminForm
    list_display = ("email", "name", "agency", "role", "status", "created_at", "expires_at")
    list_filter = ("role", "agency__province")
    list_select_related = ("agency", "invited_by")
    search_fields = ("email", "name", "agency__name")
    autocomplete_fields = ("agency", "division")
    date_hierarchy = "created_at"
    actions = ("revoke", "resend")
    readonly_fields = (
        "status",
        "invited_by",
        "token_hash",
        "created_at",
        "sent_at",
        "expires_at",
        "accepted_at",
        "user",
        "revoked_at",
        "revoked_by",
    )

    def get_fields(self, request, obj=None):
        if obj is None:
            return InvitationAdminForm.Meta.fields
        return InvitationAdminForm.Meta.fields + self.readonly_fields

    def get_readonly_fields(self, request, obj=None):
        return () if obj is None else self.readonly_fields

    def has_change_permission(self, request, obj=None):
        # An invitation is not edited once sent: it is revoked or re-sent
        # (the actions), and a wrong one is revoked and sent anew.
        return False

    @admin.display(description=_("status"))
    def status(self, obj):
        if obj.accepted_at:
            return _("diterima")
        if obj.revoked_at:
            return _("dibatalkan")
        if obj.is_expired:
            return _("kedaluwarsa")
        return _("menunggu")

    def save_model(self, request, obj, form, change):
        invitation = services.invite_member(
            agency=obj.agency,
            email=obj.email,
            name=obj.name,
            role=obj.role,
            division=obj.division,
            position=obj.position,
            by=request.user,
        )
        for field in Invitation._meta.concrete_fields:
            setattr(obj, field.attname, getattr(invitation, field.attname))
        obj._state.adding = False

    def _each(self, request, queryset, action, done_message):
        done = 0
        for invitation in queryset.select_related("agency"):
            try:
                action(invitation=invitation, by=request.user)
            except (ValidationError, PermissionDenied) as error:
                detail = " ".join(getattr(error, "messages", [])) or _("Tidak diizinkan.")
                self.message_user(request, f"{invitation.email}: {detail}", level="error")
            else:
                done += 1
        if done:
            self.message_user(request, done_message % {"count": done})

    @admin.action(description=_("Batalkan undangan terpilih"))
    def revoke(self, request, queryset):
        self._each(
            request, queryset, services.revoke_invitation, _("%(count)d undangan dibatalkan.")
        )

    @admin.action(description=_("Kirim ulang undangan terpilih dengan tautan baru"))
    def resend(self, request, queryset):
        self._each(
            request, queryset, services.resend_invitation, _("%(count)d undangan dikirim ulang.")
        )


# allauth's own admin of sessions searches a username, which this portal's
# users do not have: the same list, searched by e-mail address.
admin.site.unregister(UserSession)


@admin.register(UserSession)
class UserSessionAdmin(admin.ModelAdmin):
    raw_id_fields = ("user",)
    list_display = ("user", "created_at", "last_seen_at", "ip", "user_agent")
    list_select_related = ("user",)
    search_fields = ("user__email", "user__name", "ip")
