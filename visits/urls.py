"""URLs of the visits app (namespace ``visits``)."""

from django.urls import path

from .views import lists, requests

app_name = "visits"

urlpatterns = [
    # Finding visits (views/lists.py)
    path("dasbor/", lists.dashboard, name="dashboard"),
    path("kunjungan/", lists.visit_list, name="list"),
    # A visit request and its lifecycle (views/requests.py)
    path("kunjungan/baru/", requests.visit_create, name="create"),
    path("kunjungan/<int:pk>/", requests.visit_detail, name="detail"),
    path("kunjungan/<int:pk>/ubah/", requests.visit_edit, name="edit"),
    path("kunjungan/<int:pk>/ajukan/", requests.visit_submit, name="submit"),
    path("kunjungan/<int:pk>/terima/", requests.visit_accept, name="accept"),
    path("kunjungan/<int:pk>/tolak/", requests.visit_decline, name="decline"),
    path("kunjungan/<int:pk>/usulkan-tanggal/", requests.visit_propose_date, name="propose_date"),
    path(
        "kunjungan/<int:pk>/terima-tanggal/", requests.visit_accept_proposal, name="accept_proposal"
    ),
    path(
        "kunjungan/<int:pk>/tolak-tanggal/", requests.visit_refuse_proposal, name="refuse_proposal"
    ),
    path("kunjungan/<int:pk>/batalkan/", requests.visit_cancel, name="cancel"),
    path("kunjungan/<int:pk>/terlaksana/", requests.visit_mark_held, name="mark_held"),
    # Delegation, attendance and agenda (views/delegation.py)
    # Calendar and iCalendar feed (views/calendar.py)
    # Agency pages: whom it visited, who visited it (views/agencies.py)
]
