"""URLs of the agencies app (namespace ``agencies``)."""

from django.urls import path  # noqa: F401

import studitiru.converters  # noqa: F401  (registers <token:…>)

from .views import members, onboarding, practices, search  # noqa: F401

app_name = "agencies"

urlpatterns = [
    # Searching agencies for the selects that choose one (views/search.py). Not
    # under instansi/: visits' instansi/<slug>/ would take it for an agency.
    path("cari/instansi/", search.agency_search, name="search"),
    # The team and invitations (views/members.py)
    path("tim/", members.members, name="members"),
    path("tim/undang/", members.invite, name="invite"),
    path("tim/undangan/<int:pk>/batalkan/", members.revoke_invitation, name="revoke_invitation"),
    path("tim/undangan/<int:pk>/kirim-ulang/", members.resend_invitation, name="resend_invitation"),
    path("tim/anggota/<int:pk>/", members.edit_member, name="edit_member"),
    path("tim/anggota/<int:pk>/nonaktifkan/", members.deactivate_member, name="deactivate_member"),
    path("tim/anggota/<int:pk>/aktifkan/", members.reactivate_member, name="reactivate_member"),
    path("undangan/<token:token>/", members.accept_invitation, name="accept_invitation"),
    # A national administrator adds an agency and invites its first
    # coordinator (views/onboarding.py)
    path("nasional/instansi/baru/", onboarding.agency_create, name="agency_create"),
    path(
        "nasional/instansi/kabupaten-kota/",
        onboarding.agency_regencies,
        name="agency_regencies",
    ),
    path(
        "nasional/instansi/<slug:slug>/undang-koordinator/",
        onboarding.invite_coordinator,
        name="invite_coordinator",
    ),
    # The good-practice directory (views/practices.py)
    path("praktik-baik/", practices.practice_list, name="practices"),
    path("praktik-baik/baru/", practices.practice_create, name="practice_create"),
    path("praktik-baik/<int:pk>/", practices.practice_detail, name="practice_detail"),
    path("praktik-baik/<int:pk>/ubah/", practices.practice_edit, name="practice_edit"),
    path(
        "praktik-baik/<int:pk>/nonaktifkan/",
        practices.practice_deactivate,
        name="practice_deactivate",
    ),
]
