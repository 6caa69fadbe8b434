"""URLs of the reports app (namespace ``reports``)."""

from django.urls import path

from .views import documents, history, photos, plan, public, writing

app_name = "reports"

urlpatterns = [
    # Writing and reviewing a report (views/writing.py)
    path("laporan/", writing.report_list, name="list"),
    path("kunjungan/<int:visit_pk>/laporan/baru/", writing.report_create, name="create"),
    path("laporan/<int:pk>/", writing.report_detail, name="detail"),
    path("laporan/<int:pk>/ubah/", writing.report_edit, name="edit"),
    path("laporan/<int:pk>/ajukan/", writing.report_submit, name="submit"),
    path("laporan/<int:pk>/setujui/", writing.report_approve, name="approve"),
    path("laporan/<int:pk>/kembalikan/", writing.report_return, name="return"),
    path("laporan/<int:pk>/tarik/", writing.report_withdraw, name="withdraw"),
    path("laporan/<int:pk>/terbitkan/", writing.report_publish, name="publish"),
    path("laporan/<int:pk>/tarik-terbitan/", writing.report_unpublish, name="unpublish"),
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
    # The ATM adoption plan (views/plan.py)
    path("atm/", plan.item_list, name="items"),
    path("laporan/<int:pk>/atm/", plan.plan_detail, name="plan"),
    path("laporan/<int:pk>/atm/tambah/", plan.item_add, name="item_add"),
    path("atm/<int:item_pk>/", plan.item_detail, name="item_detail"),
    path("atm/<int:item_pk>/ubah/", plan.item_edit, name="item_edit"),
    path("atm/<int:item_pk>/setujui/", plan.item_approve, name="item_approve"),
    path("atm/<int:item_pk>/kembalikan/", plan.item_return, name="item_return"),
    path("atm/<int:item_pk>/ajukan-ulang/", plan.item_propose_again, name="item_propose_again"),
    path("atm/<int:item_pk>/mulai/", plan.item_start, name="item_start"),
    path("atm/<int:item_pk>/diadopsi/", plan.item_adopt, name="item_adopt"),
    path("atm/<int:item_pk>/hentikan/", plan.item_drop, name="item_drop"),
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
