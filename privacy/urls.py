"""URLs of the personal-data pages (namespace ``privacy``): the agency
admin's export and erasure of one person's data. The person is named in a
POST body, never in a URL."""

from django.urls import path

from . import views

app_name = "privacy"

urlpatterns = [
    path("data-pribadi/", views.index, name="index"),
    path("data-pribadi/ekspor/", views.export, name="export"),
    path("data-pribadi/hapus-kontak/", views.erase, name="erase"),
]
