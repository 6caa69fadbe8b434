"""URLs of the visits app (namespace ``visits``)."""

from django.urls import path

import studitiru.converters  # noqa: F401  (registers <token:…>)
from lifecycle.urls import action_urls

from .views import agencies, calendar, delegation, history, lists, requests

app_name = "visits"

urlpatterns = [
    # Finding visits (views/lists.py)
    path("dasbor/", lists.dashboard, name="dashboard"),
    path("kunjungan/", lists.visit_list, name="list"),
    # A visit request and its lifecycle (views/requests.py, one URL per action)
    path("kunjungan/baru/", requests.visit_create, name="create"),
    path("kunjungan/<int:pk>/", requests.visit_detail, name="detail"),
    path("kunjungan/<int:pk>/ubah/", requests.visit_edit, name="edit"),
    *action_urls("kunjungan/<int:pk>/", requests.ACTIONS, requests.visit_action),
    path("kunjungan/<int:pk>/surat-balasan/", requests.visit_reply_letter, name="reply_letter"),
    path("kunjungan/<int:pk>/surat/<str:kind>/", requests.visit_letter, name="letter"),
    # Who changed what, when (views/history.py)
    path("kunjungan/<int:pk>/riwayat/", history.visit_history, name="history"),
    # Delegation, attendance and agenda (views/delegation.py)
    path("kunjungan/<int:pk>/peserta/", delegation.participants, name="participants"),
    path("kunjungan/<int:pk>/peserta/tambah/", delegation.participant_add, name="participant_add"),
    path(
        "kunjungan/<int:pk>/peserta/<int:participant_pk>/ubah/",
        delegation.participant_edit,
        name="participant_edit",
    ),
    path(
        "kunjungan/<int:pk>/peserta/<int:participant_pk>/hapus/",
        delegation.participant_delete,
        name="participant_delete",
    ),
    path(
        "kunjungan/<int:pk>/peserta/<int:participant_pk>/jadikan-ketua/",
        delegation.participant_make_head,
        name="participant_make_head",
    ),
    path(
        "kunjungan/<int:pk>/peserta/impor/",
        delegation.participant_import,
        name="participant_import",
    ),
    path(
        "kunjungan/<int:pk>/peserta/templat/",
        delegation.participant_template,
        name="participant_template",
    ),
    path("kunjungan/<int:pk>/daftar-hadir/", delegation.attendance, name="attendance"),
    path(
        "kunjungan/<int:pk>/daftar-hadir/simpan/",
        delegation.attendance_save,
        name="attendance_save",
    ),
    path(
        "kunjungan/<int:pk>/daftar-hadir/<int:participant_pk>/",
        delegation.attendance_mark,
        name="attendance_mark",
    ),
    path("kunjungan/<int:pk>/agenda/", delegation.agenda, name="agenda"),
    path("kunjungan/<int:pk>/agenda/tambah/", delegation.agenda_add, name="agenda_add"),
    path(
        "kunjungan/<int:pk>/agenda/<int:item_pk>/ubah/", delegation.agenda_edit, name="agenda_edit"
    ),
    path(
        "kunjungan/<int:pk>/agenda/<int:item_pk>/hapus/",
        delegation.agenda_delete,
        name="agenda_delete",
    ),
    # Calendar and iCalendar feed (views/calendar.py)
    path("kalender/", calendar.month_calendar, name="calendar"),
    path("kalender/langganan/", calendar.calendar_feed, name="calendar_feed"),
    path(
        "kalender/langganan/atur-ulang/",
        calendar.calendar_feed_reset,
        name="calendar_feed_reset",
    ),
    path("kalender/<token:token>.ics", calendar.ical_feed, name="ical"),
    # Agency pages: whom it visited, who visited it (views/agencies.py)
    path("instansi/", agencies.agency_list, name="agency_list"),
    path("instansi/<slug:slug>/", agencies.agency_detail, name="agency_detail"),
]
