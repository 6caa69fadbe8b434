"""The request log in the Django admin: read only, it is evidence."""

from django.contrib import admin

from .models import PersonalDataRequest


@admin.register(PersonalDataRequest)
class PersonalDataRequestAdmin(admin.ModelAdmin):
    list_display = ("created_at", "agency", "kind", "subject_names", "participants", "actor")
    list_filter = ("kind", "agency")
    list_select_related = ("agency", "actor")
    search_fields = ("subject_names",)
    readonly_fields = [field.name for field in PersonalDataRequest._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
