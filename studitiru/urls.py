"""The portal's URLs: each app owns its namespace."""

from django.contrib import admin
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

from . import views

admin.site.site_header = _("Portal Studi Tiru")
admin.site.site_title = _("Portal Studi Tiru")
admin.site.index_title = _("Administrasi")

urlpatterns = [
    path("", views.home, name="home"),
    path("akun/", include("allauth.urls")),
    path("admin/", admin.site.urls),
]
