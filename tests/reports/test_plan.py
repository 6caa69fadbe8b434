"""The ATM adoption plan: a writer proposes items, a head of the same agency
approves or returns them, the agency records progress with evidence, a head
concludes them; overdue items are flagged; both agencies of a visit see what
came of it; another agency's plan answers 404.

Salatiga visited Magelang (held ten days ago) and learns from it: the plan is
Salatiga's report's. Malang is an outsider."""

import datetime
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.template import Context, Template
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone
from PIL import Image

from agencies.models import Role, Topic
from reports.models import AdoptionEvent, AdoptionItem, AdoptionStatus, CheckIn
from reports.selectors import dashboard_screen
from tests.editing import opened
from tests.factories import (
    make_adoption_item,
    make_division,
    make_held_visit,
    make_report,
    make_user,
    make_visit,
)
from tests.pictures import after_a_pdf_was_rendered, truncated_jpeg_upload
from tests.snapshots import unchanged
from tests.timeline import move_of
from visits.models import VisitStatus
from visits.selectors import DashboardScreen

pytestmark = pytest.mark.django_db

S = AdoptionStatus
TODAY = timezone.localdate
DAY = datetime.timedelta(days=1)
MINIMAL_PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
)


@pytest.fixture
def visit(salatiga, magelang):
    return make_held_visit(
        magelang.agency,
        salatiga.agency,
        topics=["SLRT", "FTJSLP"],
        title="Studi tiru SLRT ke Kota Magelang",
    )


@pytest.fixture
def report(visit, salatiga):
    return make_report(visit, salatiga.agency, title="Studi Tiru SLRT ke Kota Magelang")


def item_in(report, status, **fields):
    return make_adoption_item(report, status=status, **fields)


def act(client, user, name, item, data=None):
    client.force_login(user)
    return client.post(reverse(f"reports:item_{name}", args=[item.pk]), data or {})


def status_of(item):
    return AdoptionItem.objects.values_list("status", flat=True).get(pk=item.pk)


def item_form_data(**overrides):
    return {
        "topic": Topic.objects.get(code="SLRT").pk,
        "observe": "Puskesos di setiap kelurahan terhubung dengan SLRT kota.",
        "replicate": "Integrasi SLRT ke Puskesos.",
        "modify": "Di tingkat desa, 52 fasilitator SLRT masing-masing 3-4 desa.",
        "division": "",
        "target_date": (TODAY() + 120 * DAY).isoformat(),
        "success_indicator": "Puskesos aktif di 30 desa.",
    } | overrides


# --- Proposing and editing items -------------------------------------------------------


def test_a_penyuluh_proposes_an_item_for_the_heads_review(client, salatiga, report):
    division = make_division(salatiga.agency, "Bidang Pemberdayaan Sosial")
    client.force_login(salatiga.penyuluh)

    response = client.post(
        reverse("reports:item_add", args=[report.pk]), item_form_data(division=division.pk)
    )

    assert response.status_code == 302
    assert response["Location"] == reverse("reports:plan", args=[report.pk])
    item = AdoptionItem.objects.get(report=report)
    assert (item.status, item.division, item.created_by, item.replicate) == (
        S.PROPOSED,
        division,
        salatiga.penyuluh,
        "Integrasi SLRT ke Puskesos.",
    )
    event = AdoptionEvent.objects.get(item=item)
    assert (event.actor, event.from_status, event.to_status) == (salatiga.penyuluh, "", S.PROPOSED)


def test_a_new_item_due_in_the_past_is_refused_and_the_text_is_kept(client, salatiga, report):
    client.force_login(salatiga.penyuluh)

    with unchanged("reports", "visits"):
        response = client.post(
            reverse("reports:item_add", args=[report.pk]),
            item_form_data(target_date=(TODAY() - DAY).isoformat()),
        )

    assert response.status_code == 200
    content = response.content.decode()
    assert "Target selesai tidak boleh tanggal yang sudah lewat." in content
    assert "52 fasilitator SLRT masing-masing 3-4 desa." in content
    assert not AdoptionItem.objects.exists()


def test_the_division_must_be_one_of_the_agencys_own(client, salatiga, magelang, report):
    other = make_division(magelang.agency, "Bidang Rehabilitasi Sosial")
    client.force_login(salatiga.penyuluh)

    with unchanged("reports", "visits"):
        response = client.post(
            reverse("reports:item_add", args=[report.pk]), item_form_data(division=other.pk)
        )

    assert response.status_code == 200
    assert response.context["form"].errors["division"]
    assert not AdoptionItem.objects.exists()


def test_the_topic_is_one_of_the_visits_or_an_active_one(client, salatiga, report):
    retired = Topic.objects.create(code="LAMA", name="Program lama", is_active=False)
    client.force_login(salatiga.penyuluh)

    page = client.get(reverse("reports:item_add", args=[report.pk]))
    with unchanged("reports", "visits"):
        response = client.post(
            reverse("reports:item_add", args=[report.pk]), item_form_data(topic=retired.pk)
        )

    choices = {topic.code for topic in page.context["form"].fields["topic"].queryset}
    assert {"SLRT", "FTJSLP", "DTKS"} <= choices
    assert "LAMA" not in choices
    assert response.context["form"].errors["topic"]


def test_staff_cannot_add_items(client, salatiga, report):
    client.force_login(salatiga.staff)

    with unchanged("reports", "visits"):
        response = client.post(reverse("reports:item_add", args=[report.pk]), item_form_data())

    assert response.status_code == 403
    assert not AdoptionItem.objects.exists()


def test_the_writer_revises_a_returned_item_and_proposes_it_again(client, salatiga, report):
    item = item_in(report, S.RETURNED)
    client.force_login(salatiga.penyuluh)

    edit = reverse("reports:item_edit", args=[item.pk])
    edited = client.post(
        edit,
        item_form_data(replicate="Integrasi SLRT ke Puskesos desa, bertahap.")
        | opened(client, edit),
    )
    proposed = act(
        client, salatiga.penyuluh, "propose_again", item, {"comment": "Sudah diperbaiki."}
    )

    assert (edited.status_code, proposed.status_code) == (302, 302)
    item.refresh_from_db()
    assert (item.replicate, item.status) == (
        "Integrasi SLRT ke Puskesos desa, bertahap.",
        S.PROPOSED,
    )
    event = AdoptionEvent.objects.get(item=item)
    assert (event.from_status, event.to_status, event.comment) == (
        S.RETURNED,
        S.PROPOSED,
        "Sudah diperbaiki.",
    )


def test_an_approved_item_can_no_longer_be_edited(client, salatiga, report):
    item = item_in(report, S.APPROVED)
    client.force_login(salatiga.head)

    with unchanged("reports", "visits"):
        response = client.post(reverse("reports:item_edit", args=[item.pk]), item_form_data())

    assert response.status_code == 403
    assert AdoptionItem.objects.get(pk=item.pk).replicate == "Integrasi SLRT ke Puskesos."


# --- Review by a head ----------------------------------------------------------------


def test_a_head_approves_a_proposed_item(client, salatiga, report):
    item = item_in(report, S.PROPOSED)

    response = act(client, salatiga.head, "approve", item, {"comment": "Lanjutkan."})

    assert response.status_code == 302
    assert response["Location"] == reverse("reports:item_detail", args=[item.pk])
    assert status_of(item) == S.APPROVED
    assert move_of(AdoptionEvent.objects.get(item=item)) == (
        salatiga.head,
        S.PROPOSED,
        S.APPROVED,
        "Lanjutkan.",
    )


def test_an_action_started_from_the_plan_goes_back_to_the_plan(client, salatiga, report):
    item = item_in(report, S.PROPOSED)
    client.force_login(salatiga.head)

    response = client.post(reverse("reports:item_approve", args=[item.pk]) + "?dari=rencana")

    assert response["Location"] == reverse("reports:plan", args=[report.pk])


def test_a_head_returns_an_item_with_a_comment(client, salatiga, report):
    item = item_in(report, S.PROPOSED)

    act(client, salatiga.head, "return", item, {"comment": "Indikator belum terukur."})

    assert status_of(item) == S.RETURNED
    assert AdoptionEvent.objects.get(item=item).comment == "Indikator belum terukur."


def test_returning_an_item_without_a_comment_is_refused(client, salatiga, report):
    item = item_in(report, S.PROPOSED)

    with unchanged("reports", "visits"):
        response = act(client, salatiga.head, "return", item, {"comment": "   "})

    assert response.status_code == 200
    assert "Tuliskan apa yang perlu diperbaiki." in response.content.decode()
    assert status_of(item) == S.PROPOSED
    assert not AdoptionEvent.objects.filter(item=item).exists()


@pytest.mark.parametrize("name", ["approve", "return"])
def test_a_penyuluh_cannot_review_an_item(client, salatiga, report, name):
    item = item_in(report, S.PROPOSED)
    client.force_login(salatiga.penyuluh)

    page = client.get(reverse(f"reports:item_{name}", args=[item.pk]))
    with unchanged("reports", "visits"):
        done = act(client, salatiga.penyuluh, name, item, {"comment": "Saya setuju sendiri."})

    assert (page.status_code, done.status_code) == (403, 403)
    assert status_of(item) == S.PROPOSED


def test_a_head_of_the_host_cannot_review_the_visitors_item(client, magelang, report):
    item = item_in(report, S.PROPOSED)

    with unchanged("reports", "visits"):
        response = act(client, magelang.head, "approve", item)

    assert response.status_code == 404
    assert status_of(item) == S.PROPOSED


def test_an_item_already_approved_cannot_be_approved_again(client, salatiga, report):
    item = item_in(report, S.APPROVED)

    with unchanged("reports", "visits"):
        response = act(client, salatiga.head, "approve", item)

        assert response.status_code == 403
    assert not AdoptionEvent.objects.filter(item=item).exists()


def test_the_plan_offers_each_user_only_their_steps(client, salatiga, report):
    item = item_in(report, S.PROPOSED)
    approve_url = reverse("reports:item_approve", args=[item.pk])

    client.force_login(salatiga.head)
    as_head = client.get(reverse("reports:plan", args=[report.pk])).content.decode()
    client.force_login(salatiga.penyuluh)
    as_penyuluh = client.get(reverse("reports:plan", args=[report.pk])).content.decode()

    assert approve_url in as_head
    assert approve_url not in as_penyuluh
    assert reverse("reports:item_edit", args=[item.pk]) in as_penyuluh


# --- Progress ---------------------------------------------------------------------------


def test_staff_start_an_approved_item(client, salatiga, report):
    item = item_in(report, S.APPROVED)

    act(client, salatiga.staff, "start", item)

    assert status_of(item) == S.IN_PROGRESS


def test_staff_cannot_approve_an_item(client, salatiga, report):
    item = item_in(report, S.PROPOSED)

    with unchanged("reports", "visits"):
        assert act(client, salatiga.staff, "approve", item).status_code == 403
    assert status_of(item) == S.PROPOSED


def test_staff_record_progress_and_the_first_check_in_starts_the_item(client, salatiga, report):
    item = item_in(report, S.APPROVED)
    client.force_login(salatiga.staff)

    response = client.post(
        reverse("reports:checkin_add", args=[item.pk]),
        {"date": TODAY().isoformat(), "note": "Rapat koordinasi dengan 12 kepala desa."},
    )

    assert response.status_code == 302
    check_in = CheckIn.objects.get(item=item)
    assert (check_in.date, check_in.note, check_in.created_by) == (
        TODAY(),
        "Rapat koordinasi dengan 12 kepala desa.",
        salatiga.staff,
    )
    assert status_of(item) == S.IN_PROGRESS
    event = AdoptionEvent.objects.get(item=item)
    assert (event.from_status, event.to_status, event.actor) == (
        S.APPROVED,
        S.IN_PROGRESS,
        salatiga.staff,
    )


def test_a_check_in_dated_in_the_future_is_refused_and_the_note_is_kept(client, salatiga, report):
    item = item_in(report, S.IN_PROGRESS)
    client.force_login(salatiga.staff)

    with unchanged("reports", "visits"):
        response = client.post(
            reverse("reports:checkin_add", args=[item.pk]),
            {"date": (TODAY() + 2 * DAY).isoformat(), "note": "Sosialisasi di Kecamatan Dolopo."},
        )

    assert response.status_code == 200
    content = response.content.decode()
    assert "Tanggal kemajuan tidak boleh di masa depan." in content
    assert "Sosialisasi di Kecamatan Dolopo." in content
    assert not CheckIn.objects.exists()


def test_no_progress_is_recorded_on_an_item_not_yet_approved(client, salatiga, report):
    item = item_in(report, S.PROPOSED)
    client.force_login(salatiga.head)

    with unchanged("reports", "visits"):
        response = client.post(
            reverse("reports:checkin_add", args=[item.pk]),
            {"date": TODAY().isoformat(), "note": "Terlalu cepat."},
        )

    assert response.status_code == 403
    assert not CheckIn.objects.exists()


def test_a_head_marks_a_running_item_adopted(client, salatiga, report):
    item = item_in(report, S.IN_PROGRESS)

    act(client, salatiga.head, "adopt", item, {"comment": "Puskesos aktif di 31 desa."})

    assert status_of(item) == S.ADOPTED


def test_an_item_not_started_cannot_be_marked_adopted(client, salatiga, report):
    item = item_in(report, S.APPROVED)

    with unchanged("reports", "visits"):
        assert act(client, salatiga.head, "adopt", item).status_code == 403
    assert status_of(item) == S.APPROVED


def test_a_penyuluh_cannot_conclude_an_item(client, salatiga, report):
    item = item_in(report, S.IN_PROGRESS)

    with unchanged("reports", "visits"):
        adopt = act(client, salatiga.penyuluh, "adopt", item)
        drop = act(client, salatiga.penyuluh, "drop", item, {"comment": "Tidak ada anggaran."})

    assert (adopt.status_code, drop.status_code) == (403, 403)
    assert status_of(item) == S.IN_PROGRESS


def test_a_head_drops_an_item_with_a_reason(client, salatiga, report):
    item = item_in(report, S.APPROVED)

    act(client, salatiga.head, "drop", item, {"comment": "Tidak ada anggaran tahun ini."})

    assert status_of(item) == S.DROPPED
    assert AdoptionEvent.objects.get(item=item).comment == "Tidak ada anggaran tahun ini."


def test_dropping_an_item_without_a_reason_is_refused(client, salatiga, report):
    item = item_in(report, S.IN_PROGRESS)

    with unchanged("reports", "visits"):
        response = act(client, salatiga.head, "drop", item, {"comment": ""})

    assert response.status_code == 200
    assert "Tuliskan alasan butir ini dihentikan." in response.content.decode()
    assert status_of(item) == S.IN_PROGRESS


def test_the_item_page_shows_its_timeline_and_check_ins(client, salatiga, report):
    item = item_in(report, S.PROPOSED)
    act(client, salatiga.head, "return", item, {"comment": "Perjelas modifikasinya."})
    act(client, salatiga.penyuluh, "propose_again", item)
    act(client, salatiga.head, "approve", item)
    CheckIn.objects.create(item=item, date=TODAY(), note="SK tim Puskesos terbit.")
    client.force_login(salatiga.staff)

    content = client.get(reverse("reports:item_detail", args=[item.pk])).content.decode()

    assert "Perjelas modifikasinya." in content
    assert "Kepala salatiga" in content
    assert "SK tim Puskesos terbit." in content


# --- Another agency ------------------------------------------------------------------


@pytest.mark.parametrize(
    "name", ["detail", "edit", "approve", "return", "start", "adopt", "drop", "checkin_add"]
)
def test_another_agency_gets_404_for_an_item(client, malang, report, name):
    item = item_in(report, S.PROPOSED)
    client.force_login(malang.head)

    url_name = name if name == "checkin_add" else f"item_{name}"
    with unchanged("reports", "visits"):
        response = client.post(reverse(f"reports:{url_name}", args=[item.pk]))

    assert response.status_code == 404
    assert status_of(item) == S.PROPOSED


@pytest.mark.parametrize("name", ["plan", "item_add"])
def test_another_agency_gets_404_for_a_plan(client, magelang, report, name):
    client.force_login(magelang.head)

    assert client.get(reverse(f"reports:{name}", args=[report.pk])).status_code == 404


def test_the_item_list_shows_only_the_agencys_own_items(client, salatiga, magelang, visit):
    own = item_in(make_report(visit, salatiga.agency), S.PROPOSED, replicate="Milik Salatiga")
    item_in(make_report(visit, magelang.agency), S.PROPOSED, replicate="Milik Magelang")
    client.force_login(salatiga.staff)

    response = client.get(reverse("reports:items"))

    assert [item.pk for item in response.context["items"]] == [own.pk]
    assert "Milik Magelang" not in response.content.decode()


# --- Overdue items and the dashboard ---------------------------------------------------


def test_only_running_items_past_their_target_are_overdue(client, salatiga, report):
    past = TODAY() - 5 * DAY
    late = item_in(report, S.IN_PROGRESS, target_date=past)
    item_in(report, S.ADOPTED, target_date=past)
    item_in(report, S.PROPOSED, target_date=past)
    item_in(report, S.APPROVED, target_date=TODAY())
    client.force_login(salatiga.staff)

    response = client.get(reverse("reports:plan", args=[report.pk]))

    assert [item.pk for item in response.context["items"] if item.is_overdue] == [late.pk]
    assert response.content.decode().count('class="badge text-bg-danger atm-overdue"') == 1


def test_the_item_list_filters_overdue_and_awaiting_items(client, salatiga, report):
    late = item_in(report, S.APPROVED, target_date=TODAY() - DAY)
    waiting = item_in(report, S.PROPOSED)
    item_in(report, S.ADOPTED)
    client.force_login(salatiga.head)

    overdue = client.get(reverse("reports:items"), {"status": "terlambat"})
    awaiting = client.get(reverse("reports:items"), {"status": "menunggu"})

    assert [item.pk for item in overdue.context["items"]] == [late.pk]
    assert [item.pk for item in awaiting.context["items"]] == [waiting.pk]


def test_the_item_list_searches_and_filters_by_topic(client, salatiga, report):
    puskesos = item_in(report, S.PROPOSED, topic="SLRT", replicate="Puskesos di desa")
    item_in(
        report,
        S.PROPOSED,
        topic="FTJSLP",
        observe="Forum TJSLP di bawah Perda.",
        replicate="Forum CSR kabupaten",
        success_indicator="Forum terbentuk dengan SK Bupati.",
    )
    client.force_login(salatiga.staff)

    searched = client.get(reverse("reports:items"), {"q": "puskesos"})
    by_topic = client.get(reverse("reports:items"), {"topik": "SLRT"})

    assert [item.pk for item in searched.context["items"]] == [puskesos.pk]
    assert [item.pk for item in by_topic.context["items"]] == [puskesos.pk]


def test_the_item_topic_filter_finds_items_under_the_topics_old_and_new_name(
    client, salatiga, report
):
    old = item_in(report, S.PROPOSED, topic="DTKS")
    new = item_in(report, S.PROPOSED, topic="DTSEN")
    item_in(report, S.PROPOSED, topic="SLRT")
    client.force_login(salatiga.staff)

    def listed(code):
        response = client.get(reverse("reports:items"), {"topik": code})
        return {item.pk for item in response.context["items"]}

    assert listed("DTSEN") == {old.pk, new.pk}
    assert listed("DTKS") == {old.pk, new.pk}


def dashboard_lists(client, user):
    client.force_login(user)
    return client.get(reverse("visits:dashboard")).content.decode()


def test_a_head_sees_items_awaiting_review_and_overdue_items_on_the_dashboard(
    client, salatiga, report
):
    item_in(report, S.PROPOSED, replicate="Menunggu kepala")
    item_in(report, S.IN_PROGRESS, replicate="Sudah lewat target", target_date=TODAY() - DAY)
    item_in(report, S.RETURNED, replicate="Dikembalikan ke penyuluh")

    content = dashboard_lists(client, salatiga.head)

    assert 'data-count="atm_review">1<' in content
    assert 'data-count="atm_overdue">1<' in content
    assert "Menunggu kepala" in content
    assert "Sudah lewat target" in content
    assert "Dikembalikan ke penyuluh" not in content


def test_a_penyuluh_sees_overdue_and_returned_items_on_the_dashboard(client, salatiga, report):
    item_in(report, S.PROPOSED, replicate="Menunggu kepala")
    item_in(report, S.APPROVED, replicate="Sudah lewat target", target_date=TODAY() - DAY)
    item_in(report, S.RETURNED, replicate="Dikembalikan ke penyuluh")

    content = dashboard_lists(client, salatiga.penyuluh)

    assert 'data-count="atm_review"' not in content
    assert 'data-count="atm_overdue">1<' in content
    assert 'data-count="atm_returned">1<' in content
    assert "Dikembalikan ke penyuluh" in content
    assert "Menunggu kepala" not in content


def test_the_dashboard_lists_no_other_agencys_items(client, salatiga, magelang, visit):
    other = make_report(visit, magelang.agency)
    item_in(other, S.PROPOSED, replicate="Usulan Magelang")
    item_in(other, S.APPROVED, replicate="Terlambat Magelang", target_date=TODAY() - DAY)

    content = dashboard_lists(client, salatiga.head)

    # Both lists are empty: named on the line of empty lists, not a card each.
    assert 'data-empty="atm_review">' in content
    assert 'data-empty="atm_overdue">' in content
    assert 'data-count="atm_review"' not in content
    assert "Usulan Magelang" not in content
    assert "Terlambat Magelang" not in content


# --- Evidence files ------------------------------------------------------------------


def check_in_with(client, user, item, upload, note="Notulen rapat koordinasi."):
    client.force_login(user)
    return client.post(
        reverse("reports:checkin_add", args=[item.pk]),
        {"date": TODAY().isoformat(), "note": note, "evidence": upload},
    )


def test_a_text_file_named_pdf_is_refused_as_evidence(client, salatiga, report, media_root):
    item = item_in(report, S.IN_PROGRESS)
    fake = SimpleUploadedFile("notulen.pdf", b"ini bukan PDF", content_type="application/pdf")

    with unchanged("reports", "visits"):
        response = check_in_with(
            client, salatiga.staff, item, fake, note="Catatan yang tidak hilang"
        )

    assert response.status_code == 200
    content = response.content.decode()
    assert "Berkas ini bukan PDF atau gambar JPEG/PNG yang dapat dibaca." in content
    assert "Catatan yang tidak hilang" in content
    assert not CheckIn.objects.exists()


def test_an_oversized_evidence_file_is_refused(client, salatiga, report, media_root):
    item = item_in(report, S.IN_PROGRESS)
    big = SimpleUploadedFile("besar.pdf", MINIMAL_PDF + b"0" * (10 * 1024 * 1024))

    with unchanged("reports", "visits"):
        response = check_in_with(client, salatiga.staff, item, big)

    assert "Berkas bukti paling besar 10 MB." in response.content.decode()
    assert not CheckIn.objects.exists()


def test_an_image_with_too_many_pixels_is_refused(client, salatiga, report, media_root):
    item = item_in(report, S.IN_PROGRESS)
    buffer = io.BytesIO()
    Image.new("1", (8000, 8000)).save(buffer, "PNG")  # 64 MP in a few kilobytes
    bomb = SimpleUploadedFile("foto.png", buffer.getvalue())

    with unchanged("reports", "visits"):
        response = check_in_with(client, salatiga.staff, item, bomb)

    assert (
        "foto.png: ukuran gambar terlalu besar; paling banyak 50 megapiksel."
        in response.content.decode()
    )
    assert not CheckIn.objects.exists()


def test_a_truncated_photo_is_refused_as_evidence_after_a_pdf_was_rendered(
    client, salatiga, report, media_root, monkeypatch
):
    after_a_pdf_was_rendered(monkeypatch)
    item = item_in(report, S.IN_PROGRESS)

    with unchanged("reports", "visits"):
        response = check_in_with(
            client,
            salatiga.staff,
            item,
            truncated_jpeg_upload("kegiatan.jpg"),
            note="Catatan yang tidak hilang",
        )

    assert response.status_code == 200
    content = response.content.decode()
    assert "kegiatan.jpg: berkas gambar rusak atau terpotong." in content
    assert "Catatan yang tidak hilang" in content
    assert not CheckIn.objects.exists()
    assert list(media_root.rglob("*.*")) == []


def test_a_real_pdf_is_kept_and_downloadable_only_by_the_agency(
    client, salatiga, magelang, malang, report, media_root
):
    item = item_in(report, S.IN_PROGRESS)
    pdf = SimpleUploadedFile("SK Tim Puskesos.pdf", MINIMAL_PDF, content_type="application/pdf")

    response = check_in_with(client, salatiga.staff, item, pdf)

    assert response.status_code == 302
    check_in = CheckIn.objects.get(item=item)
    assert check_in.evidence.name.startswith("reports/evidence/bukti-")
    assert "SK Tim" not in check_in.evidence.name
    url = reverse("reports:checkin_evidence", args=[check_in.pk])
    client.force_login(salatiga.penyuluh)
    download = client.get(url)
    assert download.status_code == 200
    assert download["Content-Type"] == "application/pdf"
    assert download["Content-Disposition"] == (
        f'attachment; filename="bukti-kemajuan-{check_in.pk}.pdf"'
    )
    assert b"".join(download.streaming_content) == MINIMAL_PDF
    for outsider in (magelang.head, malang.staff):
        client.force_login(outsider)
        assert client.get(url).status_code == 404


def test_deleting_an_item_in_the_admin_deletes_its_evidence(
    admin_client, client, salatiga, report, media_root, django_capture_on_commit_callbacks
):
    item = item_in(report, S.IN_PROGRESS)
    check_in_with(client, salatiga.staff, item, SimpleUploadedFile("sk.pdf", MINIMAL_PDF))
    assert len(list(media_root.rglob("bukti-*"))) == 1

    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(
            reverse("admin:reports_adoptionitem_delete", args=[item.pk]), {"post": "yes"}
        )

    assert response.status_code == 302
    assert not CheckIn.objects.exists()
    assert list(media_root.rglob("bukti-*")) == []


def test_an_evidence_photo_loses_its_exif_location(client, salatiga, report, media_root):
    item = item_in(report, S.IN_PROGRESS)
    exif = Image.Exif()
    exif[0x8825] = {1: "S", 2: (7.0, 37.0, 0.0)}  # GPSInfo: somewhere in East Java
    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), "teal").save(buffer, "JPEG", exif=exif)
    assert Image.open(io.BytesIO(buffer.getvalue())).getexif().get(0x8825)

    check_in_with(client, salatiga.staff, item, SimpleUploadedFile("foto.jpg", buffer.getvalue()))

    check_in = CheckIn.objects.get(item=item)
    assert check_in.evidence.name.endswith(".jpg")
    with check_in.evidence.open("rb") as stored, Image.open(stored) as image:
        assert (image.format, image.size) == ("JPEG", (40, 30))
        assert not image.getexif()


# --- What came of the visit ----------------------------------------------------------


@pytest.fixture
def outcome(visit, salatiga, magelang):
    """Salatiga learned two things (one still under review); Magelang, the
    host, learned one thing from its visitors too."""
    salatiga_report = make_report(visit, salatiga.agency)
    item_in(salatiga_report, S.IN_PROGRESS, replicate="Integrasi SLRT ke Puskesos")
    item_in(salatiga_report, S.PROPOSED, replicate="Usulan yang belum ditinjau")
    item_in(make_report(visit, magelang.agency), S.APPROVED, replicate="Forum CSR Salatiga")
    return salatiga_report


def test_both_parties_see_what_came_of_the_visit(client, salatiga, magelang, visit, outcome):
    client.force_login(salatiga.staff)
    as_visitor = client.get(reverse("visits:detail", args=[visit.pk])).content.decode()
    client.force_login(magelang.staff)
    as_host = client.get(reverse("visits:detail", args=[visit.pk])).content.decode()

    for content in (as_visitor, as_host):
        assert "Hasil kunjungan" in content
        assert "Integrasi SLRT ke Puskesos" in content
        assert "Forum CSR Salatiga" in content
    # Proposals under review stay the agency's own; the plan link is only for its own items.
    assert "Usulan yang belum ditinjau" in as_visitor
    assert "Usulan yang belum ditinjau" not in as_host
    assert reverse("reports:plan", args=[outcome.pk]) in as_visitor
    assert reverse("reports:plan", args=[outcome.pk]) not in as_host


def render_outcome(user, visit):
    request = RequestFactory().get("/")
    request.user = user
    template = Template("{% load plan_panels %}{% visit_outcome_panel visit %}")
    return template.render(Context({"request": request, "visit": visit}))


def test_an_outsider_sees_no_outcome_of_the_visit(client, malang, visit, outcome):
    client.force_login(malang.head)

    assert client.get(reverse("visits:detail", args=[visit.pk])).status_code == 404
    assert render_outcome(malang.head, visit) == ""


def test_a_visit_not_yet_held_has_no_outcome_panel_and_costs_no_query(
    salatiga, magelang, django_assert_num_queries
):
    scheduled = make_visit(magelang.agency, salatiga.agency, status=VisitStatus.SCHEDULED)
    user = (
        type(salatiga.staff)
        .objects.select_related("membership__agency__province")
        .get(pk=salatiga.staff.pk)
    )

    with django_assert_num_queries(0):
        assert render_outcome(user, scheduled) == ""


# --- Fixed query counts --------------------------------------------------------------


def fill_plan(report, count):
    """``count`` running items, each with two check-ins, in several divisions."""
    division = make_division(report.agency, f"Bidang {count}")
    for n in range(count):
        item = item_in(report, S.IN_PROGRESS, division=division, replicate=f"Butir {n}")
        CheckIn.objects.bulk_create(
            CheckIn(item=item, date=TODAY() - days * DAY, note=f"Kemajuan {days}")
            for days in (3, 1)
        )


@pytest.mark.parametrize("count", [2, 20])
def test_the_plan_page_runs_a_fixed_number_of_queries(
    client, salatiga, report, django_assert_num_queries, count
):
    fill_plan(report, count)
    client.force_login(salatiga.head)

    with django_assert_num_queries(4):
        response = client.get(reverse("reports:plan", args=[report.pk]))

    assert len(response.context["items"]) == count
    assert response.context["items"][0].last_checkin_note == "Kemajuan 1"


@pytest.mark.parametrize("count", [2, 20])
def test_the_item_list_runs_a_fixed_number_of_queries(
    client, salatiga, report, django_assert_num_queries, count
):
    fill_plan(report, count)
    client.force_login(salatiga.head)

    with django_assert_num_queries(7):
        response = client.get(reverse("reports:items"))

    assert response.context["page"].paginator.count == count


@pytest.mark.parametrize("count", [2, 20])
def test_the_item_page_runs_a_fixed_number_of_queries(
    client, salatiga, report, django_assert_num_queries, count
):
    item = item_in(report, S.IN_PROGRESS)
    CheckIn.objects.bulk_create(
        CheckIn(item=item, date=TODAY(), note=f"Kemajuan {n}", created_by=salatiga.staff)
        for n in range(count)
    )
    client.force_login(salatiga.head)

    with django_assert_num_queries(5):
        client.get(reverse("reports:item_detail", args=[item.pk]))


@pytest.mark.parametrize("count", [2, 20])
def test_the_outcome_panel_runs_a_fixed_number_of_queries(
    salatiga, magelang, visit, django_assert_num_queries, count
):
    fill_plan(make_report(visit, salatiga.agency), count)
    fill_plan(make_report(visit, magelang.agency), count)
    user = (
        type(salatiga.staff)
        .objects.select_related("membership__agency__province")
        .get(pk=salatiga.staff.pk)
    )

    with django_assert_num_queries(2):
        content = render_outcome(user, visit)

    assert content.count("catatan kemajuan") == 2 * count


def test_a_user_without_an_agency_gets_no_dashboard_lists(national_admin):
    assert dashboard_screen(national_admin, []) == DashboardScreen(waiting=[], others=[], empty=[])


def test_new_people_of_the_agency_see_the_plan(client, salatiga, report):
    """Any member of the agency reads the plan, whatever their role."""
    item_in(report, S.APPROVED, replicate="Butir untuk semua")
    client.force_login(make_user(salatiga.agency, Role.ADMIN))

    assert (
        "Butir untuk semua"
        in client.get(reverse("reports:plan", args=[report.pk])).content.decode()
    )
