"""The admin of regions, agencies and their people, for the national and
provincial administrators."""

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.contrib.auth.forms import AdminUserCreationForm, UserChangeForm
from django.utils.translation import gettext_lazy as _

from .models import Agency, Division, GoodPractice, Membership, Province, Regency, User


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


@admin.register(Agency)
class AgencyAdmin(admin.ModelAdmin):
    list_display = ("name", "level", "province", "regency", "is_active")
    list_filter = ("level", "province", "is_active")
    list_select_related = ("province", "regency")
    search_fields = ("name", "short_name", "regency__name", "province__name")
    autocomplete_fields = ("province", "regency")
    prepopulated_fields = {"slug": ("name",)}
    inlines = (DivisionInline,)


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
class UserAdmin(BaseUserAdmin):
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


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ("user", "agency", "division", "role", "position")
    list_filter = ("role", "agency__province")
    list_select_related = ("user", "agency", "division")
    search_fields = ("user__email", "user__name", "agency__name", "nip")
    autocomplete_fields = ("user", "agency", "division")


@admin.register(GoodPractice)
class GoodPracticeAdmin(admin.ModelAdmin):
    list_display = ("title", "agency", "topic", "is_active")
    list_filter = ("topic", "agency__province", "is_active")
    list_select_related = ("agency", "topic")
    search_fields = ("title", "description", "agency__name")
    autocomplete_fields = ("agency", "topic")
