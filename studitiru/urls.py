"""The portal's URLs: each app owns its namespace."""

from django.contrib import admin
from django.urls import include, path

from . import views

admin.site.site_header = "Portal Studi Tiru"
admin.site.site_title = "Portal Studi Tiru"
admin.site.index_title = "Administrasi"

urlpatterns = [
    path("", views.home, name="home"),
    path("akun/", include("allauth.urls")),
    path("admin/", admin.site.urls),
]
