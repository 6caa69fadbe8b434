"""URLs of the reports app (namespace ``reports``)."""

from django.urls import path

from lifecycle.urls import action_urls

from .views import activity, documents, history, photos, plan, public, writing

app_name = "reports"

urlpatterns = [
    # Every agency's activity, for the national administrators (views/activity.py)
    path("nasional/aktivitas/", activity.agency_activity, name="agency_activity"),
    # Writing and reviewing a report (views/writing.py, one URL per review step)
    path("laporan/", writing.report_list, name="list"),
    path("kunjungan/<int:visit_pk>/laporan/baru/", writing.report_create, name="create"),
    path("laporan/<int:pk>/", writing.report_detail, name="detail"),
    path("laporan/<int:pk>/ubah/", writing.report_edit, name="edit"),
    *action_urls("laporan/<int:pk>/", writing.ACTIONS, writing.report_action),
    path("laporan/<int:pk>/riwayat/", history.report_history, name="history"),
    # Documentation photos (views/photos.py)
    path("laporan/<int:pk>/foto/", photos.photo_upload, name="photo_upload"),
    path("laporan/<int:pk>/foto/<int:photo_pk>/ubah/", photos.photo_edit, name="photo_edit"),
    path("laporan/<int:pk>/foto/<int:photo_pk>/hapus/", photos.photo_delete, name="photo_delete"),
    path("foto/<int:photo_pk>/<str:size>/", photos.photo_file, name="photo_file"),
    # Public news pages and feeds, no login (views/public.py)
    path("berita/", public.news_list, name="news_list"),
    path("berita/rss/", public.LatestReportsRss(), name="news_rss"),
    path("berita/atom/", public.LatestReportsAtom(), name="news_atom"),
    path("berita/<int:pk>/<slug:slug>/", public.news_detail, name="news_detail"),
    # The ATM adoption plan (views/plan.py, one URL per step of an item)
    path("atm/", plan.item_list, name="items"),
    path("laporan/<int:pk>/atm/", plan.plan_detail, name="plan"),
    path("laporan/<int:pk>/atm/tambah/", plan.item_add, name="item_add"),
    path("atm/<int:item_pk>/", plan.item_detail, name="item_detail"),
    path("atm/<int:item_pk>/ubah/", plan.item_edit, name="item_edit"),
    *action_urls("atm/<int:item_pk>/", plan.ACTIONS, plan.item_action, name_prefix="item_"),
    path("atm/<int:item_pk>/kemajuan/", plan.checkin_add, name="checkin_add"),
    path("atm/<int:item_pk>/riwayat/", history.item_history, name="item_history"),
    path("atm/kemajuan/<int:checkin_pk>/bukti/", plan.checkin_evidence, name="checkin_evidence"),
    # PDF documents (views/documents.py)
    path("laporan/<int:pk>/laporan.pdf", documents.report_pdf, name="report_pdf"),
    path("laporan/<int:pk>/rencana-atm.pdf", documents.plan_pdf, name="plan_pdf"),
    path(
        "kunjungan/<int:visit_pk>/daftar-hadir.pdf",
        documents.attendance_pdf,
        name="attendance_pdf",
    ),
]
