"""The PDF documents: the report, the attendance sheet and the ATM plan, read
back with pypdf as a person would read the printed page; the renderer's URL
fetcher, which reads only the project's own static and media files; the
cache that renders each version of a document once."""

import datetime
import io
import logging
import socket
import threading
import urllib.request
import zoneinfo

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation
from PIL import Image
from pypdf import PdfReader

from agencies.models import Topic
from reports import pdf, services
from reports.models import Author, Finding, Photo, Quote
from reports.photos import process_upload
from reports.templatetags.pdf_tags import jam, tanggal, tanggal_panjang, waktu_kunjungan
from tests.factories import (
    make_adoption_item,
    make_agency,
    make_participant,
    make_report,
    make_user,
    make_visit,
)
from visits.models import DelegationRole, VisitStatus

WIB = zoneinfo.ZoneInfo("Asia/Jakarta")
WITA = zoneinfo.ZoneInfo("Asia/Makassar")
# Seed 004: Madiun visited Malang on Friday 1 August 2025.
FRIDAY_MORNING = datetime.datetime(2025, 8, 1, 8, 30, tzinfo=WIB)


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


@pytest.fixture
def renders(monkeypatch):
    """The PDFs WeasyPrint renders during the test, one entry each."""
    from weasyprint import HTML

    rendered = []
    write_pdf = HTML.write_pdf

    def counted(self, *args, **kwargs):
        rendered.append(self)
        return write_pdf(self, *args, **kwargs)

    monkeypatch.setattr(HTML, "write_pdf", counted)
    return rendered


@pytest.fixture
def no_network(monkeypatch):
    """Any attempt to open a connection fails the test."""

    def refuse(*args, **kwargs):
        pytest.fail(f"the PDF renderer tried to open a connection: {args!r}")

    monkeypatch.setattr(urllib.request, "urlopen", refuse)
    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)


def _visit(host, visitor, *, start=FRIDAY_MORNING, **fields):
    return make_visit(
        host,
        visitor,
        status=VisitStatus.HELD,
        start=start,
        end=fields.pop("end", start + datetime.timedelta(hours=6, minutes=30)),
        title=fields.pop("title", "Studi tiru penguatan SLRT"),
        topics=fields.pop("topics", ("SLRT",)),
        **fields,
    )


def _delegation(visit, count):
    """``count`` people of the visiting delegation, "Anggota 01" onwards."""
    return [
        make_participant(
            visit, name=f"Anggota {n:02d}", position="Fasilitator SLRT", division="SLRT"
        )
        for n in range(1, count + 1)
    ]


def _jpeg(size=(2000, 1500), color=(30, 120, 90)):
    out = io.BytesIO()
    Image.new("RGB", size, color).save(out, "JPEG", quality=85)
    return out.getvalue()


def _png():
    out = io.BytesIO()
    Image.new("RGB", (200, 240), (0, 90, 60)).save(out, "PNG")
    return out.getvalue()


def _add_photo(report, n):
    data = _jpeg(color=(20 * n % 255, 90, 160))
    photo = Photo(report=report, caption=f"Dokumentasi kegiatan {n}", order=n)
    photo.image.save(f"foto-{n}.jpg", ContentFile(data), save=False)
    photo.thumbnail.save(f"foto-{n}-kecil.jpg", ContentFile(data), save=False)
    photo.width, photo.height = 2000, 1500
    photo.save()
    return photo


def _pages(response):
    """The text of each page, with runs of white space made single spaces."""
    assert response["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(response.content))
    return [" ".join(page.extract_text().split()) for page in reader.pages]


def _text(response):
    return " ".join(_pages(response))


# --- The report ---------------------------------------------------------------------------


@pytest.fixture
def madiun_report(salatiga, magelang):
    """Salatiga's report of its visit to Magelang on Friday 1 August 2025,
    with 52 people in the delegation and one receiving official."""
    visit = _visit(magelang.agency, salatiga.agency)
    visit.venues.create(name="Aula Dinas Sosial Kota Magelang", order=1)
    make_participant(
        visit,
        role=DelegationRole.HEAD,
        name="Slamet Setyo Budi",
        back_title="S.E., M.Acc.",
        position="Kepala Dinas Sosial Kota Salatiga",
        order=0,
    )
    _delegation(visit, 51)
    make_participant(
        visit, "host", name="Hadi Sutopo", front_title="Drs.", position="Sekretaris Dinas"
    )
    report = make_report(
        visit,
        salatiga.agency,
        title="Studi Tiru Penguatan SLRT ke Kota Magelang",
        general="Dinas Sosial Kota Salatiga melaksanakan studi tiru.",
        conclusion="Model SLRT terintegrasi dapat diterapkan.",
        signed_place="Salatiga",
        signed_on=datetime.date(2025, 8, 8),
        signatory_name="Slamet Setyo Budi, S.E., M.Acc.",
        signatory_position="Kepala Dinas Sosial Kota Salatiga",
        signatory_nip="197001012000031001",
    )
    Finding.objects.create(
        report=report, topic=Topic.objects.get(code="SLRT"), text="SLRT terintegrasi Puskesos."
    )
    Quote.objects.create(
        report=report,
        text="Banyak yang bisa kami adopsi.",
        speaker_name="Andre",
        speaker_position="Koordinator SLRT",
    )
    Author.objects.create(
        report=report, name="Dwi Ambar Pratiknyo", back_title="S.Sos., MPSSp", position="Penyuluh"
    )
    return report


def test_report_pdf_names_the_agency_the_day_and_every_participant(client, salatiga, madiun_report):
    client.force_login(salatiga.penyuluh)

    response = client.get(reverse("reports:report_pdf", args=[madiun_report.pk]))

    assert response.status_code == 200
    text = _text(response)
    # An agency without letterhead lines heads the page with its own name
    # (in capitals, as the letterhead's style sets it), above the title.
    assert text.startswith(f"{salatiga.agency.name.upper()} LAPORAN TENTANG")
    assert "LAPORAN TENTANG STUDI TIRU PENGUATAN SLRT KE KOTA MAGELANG" in text
    assert "Jumat, 1 Agustus 2025, pukul 08.30–15.00 WIB" in text
    assert "Kegiatan diikuti oleh 52 orang peserta dari Dinas Sosial Kota Salatiga" in text
    assert "dipimpin oleh Slamet Setyo Budi, S.E., M.Acc." in text
    assert "diterima oleh Drs. Hadi Sutopo" in text
    for n in range(1, 52):
        assert f"Anggota {n:02d}" in text
    assert "SLRT terintegrasi Puskesos." in text
    assert "“Banyak yang bisa kami adopsi.” — Andre, Koordinator SLRT" in text
    assert "Salatiga, 8 Agustus 2025" in text
    assert "NIP. 197001012000031001" in text
    assert "Dwi Ambar Pratiknyo, S.Sos., MPSSp" in text


def test_report_pdf_numbers_its_pages_and_lists_participants_without_contact_data(
    client, salatiga, madiun_report
):
    person = madiun_report.visit.participants.get(name="Anggota 07")
    person.nip, person.phone, person.email = "198502142010012003", "081234567890", "a@b.id"
    person.save()
    client.force_login(salatiga.penyuluh)

    pages = _pages(client.get(reverse("reports:report_pdf", args=[madiun_report.pk])))

    assert len(pages) >= 3
    for number, page in enumerate(pages, start=1):
        assert f"Halaman {number} dari {len(pages)}" in page
    appendix = " ".join(page for page in pages if "LAMPIRAN I" in page)
    assert "DAFTAR PESERTA" in appendix
    assert "Anggota 07 Fasilitator SLRT SLRT Tamu" in " ".join(pages)
    text = " ".join(pages)
    assert "198502142010012003" not in text
    assert "081234567890" not in text
    assert "a@b.id" not in text


def test_report_pdf_is_shown_inline_under_a_readable_name(client, salatiga, madiun_report):
    client.force_login(salatiga.penyuluh)

    response = client.get(reverse("reports:report_pdf", args=[madiun_report.pk]))

    assert response["Content-Disposition"] == (
        'inline; filename="laporan-studi-tiru-penguatan-slrt-ke-kota-magelang.pdf"'
    )


def test_a_long_title_gives_a_file_name_cut_at_a_word(client, salatiga, madiun_report):
    madiun_report.title = (
        "Studi Tiru Penguatan Sistem Layanan dan Rujukan Terpadu (SLRT) "
        "ke Dinas Sosial Kota Malang dan Kelurahan Pandanwangi"
    )
    madiun_report.save()
    client.force_login(salatiga.penyuluh)

    response = client.get(reverse("reports:report_pdf", args=[madiun_report.pk]))

    assert response["Content-Disposition"] == (
        'inline; filename="laporan-studi-tiru-penguatan-sistem-layanan-dan-rujukan-terpadu-slrt'
        '-ke-dinas-sosial.pdf"'
    )


def test_a_draft_report_is_marked_as_not_yet_approved(client, salatiga, madiun_report):
    client.force_login(salatiga.penyuluh)

    draft = _text(client.get(reverse("reports:report_pdf", args=[madiun_report.pk])))
    madiun_report.status = "approved"
    madiun_report.save()
    approved = _text(client.get(reverse("reports:report_pdf", args=[madiun_report.pk])))

    assert "DRAF — BELUM DISETUJUI" in draft
    assert "DRAF" not in approved


def test_report_pdf_is_indonesian_whatever_the_users_language(client, salatiga, madiun_report):
    client.force_login(salatiga.penyuluh)
    client.cookies["django_language"] = "en"

    text = _text(client.get(reverse("reports:report_pdf", args=[madiun_report.pk])))

    assert "Jumat, 1 Agustus 2025" in text
    assert "A. PENDAHULUAN" in text
    assert "Friday" not in text


def test_report_of_a_wita_host_shows_the_visit_in_wita(client, salatiga):
    makassar = make_agency("73.71", slug="kota-makassar")
    head = make_user(makassar, "penyuluh")
    visit = _visit(
        makassar, salatiga.agency, start=datetime.datetime(2025, 8, 1, 8, 30, tzinfo=WITA)
    )
    report = make_report(visit, makassar, title="Kunjungan Dinsos Kota Salatiga")
    client.force_login(head)

    text = _text(client.get(reverse("reports:report_pdf", args=[report.pk])))

    # 08.30 WITA is 07.30 WIB: the host's own clock.
    assert "Jumat, 1 Agustus 2025, pukul 08.30–15.00 WITA" in text


def test_report_pdf_embeds_its_photos_served_from_media(client, salatiga, madiun_report):
    for n in range(1, 4):
        _add_photo(madiun_report, n)
    client.force_login(salatiga.penyuluh)

    response = client.get(reverse("reports:report_pdf", args=[madiun_report.pk]))

    reader = PdfReader(io.BytesIO(response.content))
    photo_pages = [page for page in reader.pages if "DOKUMENTASI KEGIATAN" in page.extract_text()]
    assert len(photo_pages) == 1
    images = photo_pages[0].images
    assert len(images) == 3
    # Scaled down to at most 150 dpi for an 8 cm wide frame: a light PDF.
    assert all(image.image.width < 1000 for image in images)
    assert "Foto 3. Dokumentasi kegiatan 3" in " ".join(photo_pages[0].extract_text().split())


def _upload_photo(report, by, size, caption="Foto kegiatan"):
    """A photo stored as an upload is: re-encoded, with its thumbnail."""
    processed = process_upload(SimpleUploadedFile("foto.jpg", _jpeg(size), "image/jpeg"))
    [photo] = services.photo_add(report=report, by=by, photos=[(processed, caption)])
    return photo


def test_report_pdf_prints_a_landscape_photos_thumbnail_and_a_portrait_photo_scaled_down(
    client, salatiga, madiun_report
):
    _upload_photo(madiun_report, salatiga.penyuluh, (2000, 1333))
    _upload_photo(madiun_report, salatiga.penyuluh, (1333, 2000))
    client.force_login(salatiga.penyuluh)

    response = client.get(reverse("reports:report_pdf", args=[madiun_report.pk]))

    [photo_page] = [
        page
        for page in PdfReader(io.BytesIO(response.content)).pages
        if "DOKUMENTASI KEGIATAN" in page.extract_text()
    ]
    landscape, portrait = sorted(
        (image.image.size for image in photo_page.images), key=lambda size: size[1]
    )
    # The 480 x 320 thumbnail has 145 dpi in the 7.7 x 5.6 cm frame: printed
    # as it is (the photo would have been scaled down to 496 x 331, 150 dpi).
    assert landscape == (480, 320)
    # The portrait thumbnail (320 x 480) would have 106 dpi across the frame:
    # the photo instead, scaled down to 150 dpi.
    assert 450 <= portrait[0] <= 456
    assert portrait[1] > 600


def test_report_pdf_runs_the_same_queries_for_2_or_20_people_and_photos(
    client, salatiga, magelang, django_assert_num_queries
):
    client.force_login(salatiga.penyuluh)
    reports = []
    for count in (2, 20):
        visit = _visit(magelang.agency, salatiga.agency, start=FRIDAY_MORNING)
        _delegation(visit, count)
        report = make_report(visit, salatiga.agency)
        for n in range(count // 10 + 1):
            _add_photo(report, n)
            Quote.objects.create(report=report, text="Kutipan", speaker_name=f"Orang {n}")
        make_adoption_item(report)
        reports.append(report)

    with django_assert_num_queries(12):
        client.get(reverse("reports:report_pdf", args=[reports[0].pk]))
    with django_assert_num_queries(12):
        client.get(reverse("reports:report_pdf", args=[reports[1].pk]))


# --- Escaping and the URL fetcher ----------------------------------------------------------

HOSTILE = "<script>alert(1)</script> <img src=http://example.com/x.png>"


def test_report_text_with_markup_is_printed_as_text_and_fetches_nothing(
    client, salatiga, madiun_report, no_network, caplog
):
    madiun_report.general = HOSTILE
    madiun_report.title = "<b>Tebal</b>"
    madiun_report.save()
    Quote.objects.create(report=madiun_report, text=HOSTILE, speaker_name="<i>Seseorang</i>")
    client.force_login(salatiga.penyuluh)

    with caplog.at_level(logging.WARNING):
        response = client.get(reverse("reports:report_pdf", args=[madiun_report.pk]))

    text = _text(response)
    assert text.count("<script>alert(1)</script> <img src=http://example.com/x.png>") == 2
    assert "LAPORAN TENTANG <B>TEBAL</B>" in text
    assert "<i>Seseorang</i>" in text
    assert "example.com" not in caplog.text


def test_the_letterhead_shows_the_agencys_logo_and_lines(client, salatiga, madiun_report):
    agency = salatiga.agency
    agency.letterhead = "PEMERINTAH KOTA SALATIGA\nDINAS SOSIAL"
    agency.address = "Jl. Hasanudin No. 110A"
    agency.phone = "(0298) 324088"
    agency.logo.save("salatiga.png", ContentFile(_png()), save=True)
    client.force_login(salatiga.penyuluh)

    response = client.get(reverse("reports:report_pdf", args=[madiun_report.pk]))

    first_page = PdfReader(io.BytesIO(response.content)).pages[0]
    assert len(first_page.images) == 1
    text = " ".join(first_page.extract_text().split())
    assert (
        "PEMERINTAH KOTA SALATIGA DINAS SOSIAL Jl. Hasanudin No. 110A Telepon (0298) 324088" in text
    )


@pytest.mark.parametrize(
    "url",
    [
        "http://example.com/x.png",
        "https://example.com/static/css/pdf.css",
        "ftp://example.com/x.png",
        "file:///etc/passwd",
        pdf.BASE_URL + "etc/passwd",
        pdf.BASE_URL + "static/..%2F..%2Fstuditiru/settings.py",
        pdf.BASE_URL + "media/%2e%2e/%2e%2e/etc/passwd",
        pdf.BASE_URL + "media//etc/passwd",
        pdf.BASE_URL + "media/..\\..\\etc\\passwd",
        "https://dokumen.studitiru.invalid.example.com/static/css/pdf.css",
    ],
)
def test_the_fetcher_refuses_anything_but_the_projects_files(url, no_network, caplog):
    fetcher = pdf.url_fetcher()

    with pytest.raises(pdf.ResourceRefused), caplog.at_level(logging.WARNING):
        fetcher.fetch(url)

    assert "PDF renderer" in caplog.text


def test_the_fetcher_serves_static_media_and_data_urls(media, no_network):
    (media / "agencies").mkdir()
    (media / "agencies" / "logo.png").write_bytes(b"\x89PNG-logo")
    fetcher = pdf.url_fetcher()

    css = fetcher.fetch(pdf.BASE_URL + "static/css/pdf.css")
    logo = fetcher.fetch(pdf.BASE_URL + "media/agencies/logo.png")
    data = fetcher.fetch("data:text/plain;base64,SGFsbw==")

    assert b"@page" in css.read()
    assert css.content_type == "text/css"
    assert logo.read() == b"\x89PNG-logo"
    assert logo.content_type == "image/png"
    assert data.read() == b"Halo"
    for response in (css, logo, data):
        response.close()


def test_the_fetcher_refuses_a_missing_file(db):
    with pytest.raises(pdf.ResourceRefused):
        pdf.url_fetcher().fetch(pdf.BASE_URL + "media/tidak-ada.png")


# --- Access -------------------------------------------------------------------------------


def test_documents_of_a_report_are_for_its_agency_only(
    client, salatiga, magelang, malang, madiun_report
):
    for user in (magelang.staff, malang.head):
        client.force_login(user)
        for name in ("reports:report_pdf", "reports:plan_pdf"):
            assert client.get(reverse(name, args=[madiun_report.pk])).status_code == 404


def test_the_other_agency_opens_the_report_pdf_once_it_is_published(
    client, salatiga, magelang, malang, madiun_report
):
    """Magelang received Salatiga's delegation: it files Salatiga's report once
    published, never a draft or an approved one not yet public; a third
    agency never; the ATM plan stays Salatiga's own."""
    report_url = reverse("reports:report_pdf", args=[madiun_report.pk])
    plan_url = reverse("reports:plan_pdf", args=[madiun_report.pk])
    seen = {}
    madiun_report.published_at = datetime.datetime(2025, 8, 20, 9, 0, tzinfo=WIB)
    for status in ("draft", "submitted", "approved", "published"):
        madiun_report.status = status
        madiun_report.save()
        for name, user in (
            ("salatiga", salatiga.staff),
            ("magelang", magelang.staff),
            ("magelang head", magelang.head),
            ("malang", malang.head),
        ):
            client.force_login(user)
            seen[status, name] = client.get(report_url).status_code

    assert seen == {
        **{(status, "salatiga"): 200 for status in ("draft", "submitted", "approved")},
        **{(status, "magelang"): 404 for status in ("draft", "submitted", "approved")},
        **{(status, "magelang head"): 404 for status in ("draft", "submitted", "approved")},
        **{(status, "malang"): 404 for status in ("draft", "submitted", "approved")},
        ("published", "salatiga"): 200,
        ("published", "magelang"): 200,
        ("published", "magelang head"): 200,
        ("published", "malang"): 404,
    }
    client.force_login(magelang.staff)
    response = client.get(report_url)
    assert "LAPORAN TENTANG STUDI TIRU PENGUATAN SLRT KE KOTA MAGELANG" in _text(response)
    assert client.get(plan_url).status_code == 404


def test_the_visit_page_links_the_other_agencys_published_report_pdf(
    client, salatiga, magelang, madiun_report
):
    url = reverse("reports:report_pdf", args=[madiun_report.pk])
    visit_url = reverse("visits:detail", args=[madiun_report.visit_id])
    client.force_login(magelang.staff)

    before = client.get(visit_url).content.decode()
    madiun_report.status = "published"
    madiun_report.published_at = datetime.datetime(2025, 8, 20, 9, 0, tzinfo=WIB)
    madiun_report.save()
    after = client.get(visit_url).content.decode()

    assert url not in before
    assert url in after


def test_anonymous_users_are_sent_to_log_in(client, madiun_report):
    for url in (
        reverse("reports:report_pdf", args=[madiun_report.pk]),
        reverse("reports:plan_pdf", args=[madiun_report.pk]),
        reverse("reports:attendance_pdf", args=[madiun_report.visit_id]),
    ):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("account_login"))


# --- The cache ----------------------------------------------------------------------------


def _document_urls(report):
    return [
        reverse("reports:report_pdf", args=[report.pk]),
        reverse("reports:plan_pdf", args=[report.pk]),
        reverse("reports:attendance_pdf", args=[report.visit_id]),
    ]


def test_a_document_fetched_again_is_not_rendered_again(client, salatiga, madiun_report, renders):
    client.force_login(salatiga.staff)

    for url in _document_urls(madiun_report):
        first = client.get(url)
        again = client.get(url)

        assert again.status_code == 200
        assert again.content == first.content
    assert len(renders) == 3


def test_a_report_and_its_plan_may_be_kept_by_the_browser(client, salatiga, madiun_report):
    client.force_login(salatiga.staff)
    report_url, plan_url, _attendance_url = _document_urls(madiun_report)

    for url in (report_url, plan_url):
        response = client.get(url)
        assert response["Cache-Control"] == "private, no-cache"
        assert response["ETag"]


def test_an_attendance_sheet_is_never_kept_by_the_browser(client, salatiga, madiun_report):
    """Names, NIP and phone numbers: not left on the office computer."""
    client.force_login(salatiga.staff)
    url = _document_urls(madiun_report)[2]

    first = client.get(url)
    again = client.get(url, headers={"if-none-match": '"anything"'})

    assert first["Cache-Control"] == "no-store"
    assert "ETag" not in first
    assert again.status_code == 200


def test_a_pdf_that_missed_a_file_is_neither_cached_nor_kept(
    client, salatiga, madiun_report, renders, monkeypatch
):
    _add_photo(madiun_report, 1)
    url = reverse("reports:report_pdf", args=[madiun_report.pk])
    client.force_login(salatiga.penyuluh)
    open_file = pdf._open_file

    def storage_hiccup(kind, name):
        if kind == "media":
            raise OSError("storage unreachable")
        return open_file(kind, name)

    monkeypatch.setattr(pdf, "_open_file", storage_hiccup)
    broken = client.get(url)
    monkeypatch.setattr(pdf, "_open_file", open_file)
    whole = client.get(url)
    again = client.get(url)

    assert broken.status_code == 200  # the text is there; the photo is not
    assert broken["Cache-Control"] == "no-store"
    assert "ETag" not in broken
    assert whole["ETag"]
    assert len(whole.content) > len(broken.content)
    assert again.content == whole.content
    assert len(renders) == 2  # the broken one, the whole one; then the cache


def _change_the_text(report):
    report.general = "Kunjungan ini membahas penguatan Puskesos kelurahan."
    report.save()
    return "Kunjungan ini membahas penguatan Puskesos kelurahan."


def _rename_a_participant(report):
    report.visit.participants.filter(name="Anggota 07").update(name="Rahmat Hidayat")
    return "Rahmat Hidayat"


def _change_a_caption(report):
    report.photos.update(caption="Penyerahan cendera mata")
    return "Foto 1. Penyerahan cendera mata"


def _change_the_letterhead(report):
    report.agency.letterhead = "PEMERINTAH KOTA SALATIGA\nDINAS SOSIAL PPKB"
    report.agency.save()
    return "PEMERINTAH KOTA SALATIGA DINAS SOSIAL PPKB"


@pytest.mark.parametrize(
    "change",
    [_change_the_text, _rename_a_participant, _change_a_caption, _change_the_letterhead],
    ids=["text", "participant", "caption", "letterhead"],
)
def test_a_changed_report_gives_a_new_pdf(client, salatiga, madiun_report, renders, change):
    _add_photo(madiun_report, 1)
    url = reverse("reports:report_pdf", args=[madiun_report.pk])
    client.force_login(salatiga.penyuluh)
    before = client.get(url)

    shown = change(madiun_report)
    after = client.get(url)

    assert len(renders) == 2
    assert after["ETag"] != before["ETag"]
    assert shown not in _text(before)
    assert shown in _text(after)


def test_a_cached_document_is_still_for_its_agencies_only(
    client, salatiga, magelang, malang, national_admin, madiun_report, renders
):
    report_url, plan_url, attendance_url = _document_urls(madiun_report)
    client.force_login(salatiga.staff)
    for url in (report_url, plan_url, attendance_url):
        assert client.get(url).status_code == 200

    client.force_login(magelang.staff)  # the host: its attendance sheet, not the report
    assert client.get(report_url).status_code == 404
    assert client.get(plan_url).status_code == 404
    assert client.get(attendance_url).status_code == 200
    client.force_login(malang.head)
    for url in (report_url, plan_url, attendance_url):
        assert client.get(url).status_code == 404
    client.force_login(national_admin)  # no agency
    assert client.get(report_url).status_code == 403
    client.logout()
    assert client.get(report_url).status_code == 302
    # The host's copy of the attendance sheet came from the cache.
    assert len(renders) == 3


def test_a_browser_that_has_the_document_is_told_it_did_not_change(
    client, salatiga, magelang, madiun_report, renders
):
    url = reverse("reports:report_pdf", args=[madiun_report.pk])
    client.force_login(salatiga.penyuluh)
    etag = client.get(url)["ETag"]

    not_modified = client.get(url, headers={"if-none-match": etag})

    assert not_modified.status_code == 304
    assert not_modified.content == b""
    assert not_modified["ETag"] == etag
    assert len(renders) == 1
    client.force_login(magelang.staff)
    assert client.get(url, headers={"if-none-match": etag}).status_code == 404


def test_a_stylesheet_edited_under_the_same_name_gives_a_new_pdf(
    client, settings, tmp_path, salatiga, madiun_report, renders
):
    # Development serves static files under their plain names: a copy of
    # pdf.css in a folder of its own, found before the project's.
    (tmp_path / "static" / "css").mkdir(parents=True)
    stylesheet = tmp_path / "static" / "css" / "pdf.css"
    stylesheet.write_text((settings.BASE_DIR / "static" / "css" / "pdf.css").read_text())
    settings.STATICFILES_DIRS = [tmp_path / "static", *settings.STATICFILES_DIRS]
    url = reverse("reports:report_pdf", args=[madiun_report.pk])
    client.force_login(salatiga.penyuluh)
    client.get(url)

    stylesheet.write_text(stylesheet.read_text() + "\n.doc-title { color: #222; }\n")
    client.get(url)

    assert len(renders) == 2


# --- The attendance sheet -----------------------------------------------------------------


def test_attendance_sheet_lists_52_people_and_repeats_its_header(client, salatiga, magelang):
    visit = _visit(magelang.agency, salatiga.agency)
    _delegation(visit, 52)
    make_participant(visit, "host", role=DelegationRole.HOST_STAFF, name="Pendamping Magelang")
    client.force_login(magelang.staff)

    response = client.get(reverse("reports:attendance_pdf", args=[visit.pk]))

    pages = _pages(response)
    text = " ".join(pages)
    assert "DAFTAR HADIR" in pages[0]
    assert "Hari/tanggal : Jumat, 1 Agustus 2025" in pages[0]
    assert "Peserta : Rombongan Dinas Sosial Kota Salatiga" in pages[0]
    for n in range(1, 53):
        assert f"Anggota {n:02d}" in text
    assert "Pendamping Magelang" not in text  # the host's people have their own sheet
    assert len(pages) >= 2
    for page in pages:
        assert "No. Nama Jabatan Bidang/Unit Tanda Tangan" in page
    assert response["Content-Disposition"] == (
        'inline; filename="daftar-hadir-tamu-studi-tiru-penguatan-slrt.pdf"'
    )


def test_attendance_sheet_is_on_the_hosts_letterhead_for_both_agencies(client, salatiga, magelang):
    salatiga.agency.letterhead = "PEMERINTAH KOTA SALATIGA\nDINAS SOSIAL"
    salatiga.agency.save()
    magelang.agency.letterhead = "PEMERINTAH KOTA MAGELANG\nDINAS SOSIAL"
    magelang.agency.save()
    visit = _visit(magelang.agency, salatiga.agency)
    _delegation(visit, 2)

    for user in (salatiga.staff, magelang.penyuluh):
        client.force_login(user)
        first_page = _pages(client.get(reverse("reports:attendance_pdf", args=[visit.pk])))[0]
        assert "PEMERINTAH KOTA MAGELANG DINAS SOSIAL DAFTAR HADIR" in first_page
        assert "SALATIGA" not in first_page


def test_attendance_sheet_of_the_host_lists_the_hosts_people(client, salatiga, magelang):
    visit = _visit(magelang.agency, salatiga.agency)
    _delegation(visit, 3)
    make_participant(visit, "host", name="Hadi Sutopo", front_title="Drs.", position="Sekretaris")
    client.force_login(salatiga.staff)

    text = _text(
        client.get(reverse("reports:attendance_pdf", args=[visit.pk]) + "?pihak=tuan-rumah")
    )

    assert "Drs. Hadi Sutopo" in text
    assert "Dinas Sosial Kota Magelang (tuan rumah)" in text
    assert "Anggota 01" not in text


def test_attendance_sheet_refuses_an_unknown_side_and_other_agencies(
    client, salatiga, magelang, malang
):
    visit = _visit(magelang.agency, salatiga.agency)
    url = reverse("reports:attendance_pdf", args=[visit.pk])

    client.force_login(salatiga.staff)
    assert client.get(url + "?pihak=semua").status_code == 404
    client.force_login(malang.staff)
    assert client.get(url).status_code == 404


def test_attendance_sheet_runs_the_same_queries_for_2_or_20_people(
    client, salatiga, magelang, django_assert_num_queries
):
    client.force_login(salatiga.staff)
    visits = []
    for count in (2, 20):
        visit = _visit(magelang.agency, salatiga.agency)
        _delegation(visit, count)
        visits.append(visit)

    with django_assert_num_queries(6):
        client.get(reverse("reports:attendance_pdf", args=[visits[0].pk]))
    with django_assert_num_queries(6):
        client.get(reverse("reports:attendance_pdf", args=[visits[1].pk]))


# --- The ATM plan -------------------------------------------------------------------------


def test_plan_pdf_lists_every_item_and_the_head_who_approved(client, salatiga, madiun_report):
    membership = salatiga.head.membership
    membership.position = "Kepala Dinas Sosial Kota Salatiga"
    membership.nip = "197001012000031001"
    membership.save()
    first = make_adoption_item(
        madiun_report,
        observe="Puskesos kelurahan melayani warga.",
        replicate="Integrasi SLRT ke Puskesos.",
        modify="Di tingkat desa, 52 tenaga SLRT.",
        target_date=datetime.date(2026, 6, 30),
        success_indicator="Puskesos aktif di 10 desa.",
    )
    make_adoption_item(madiun_report, "DTKS", replicate="Pemutakhiran DTKS bulanan.")
    services.item_approve(item=first, by=salatiga.head)
    client.force_login(salatiga.staff)

    response = client.get(reverse("reports:plan_pdf", args=[madiun_report.pk]))

    text = _text(response)
    assert "RENCANA TINDAK LANJUT ATM (AMATI, TIRU, MODIFIKASI)" in text
    assert "Puskesos kelurahan melayani warga." in text
    assert "Integrasi SLRT ke Puskesos." in text
    assert "Di tingkat desa, 52 tenaga SLRT." in text
    assert "30 Juni 2026" in text
    assert "Puskesos aktif di 10 desa." in text
    assert "Pemutakhiran DTKS bulanan." in text
    assert "Disetujui" in text and "Diusulkan" in text
    assert "Menyetujui, Kepala Dinas Sosial Kota Salatiga" in text
    assert "Kepala salatiga NIP. 197001012000031001" in text
    # Landscape A4.
    page = PdfReader(io.BytesIO(response.content)).pages[0]
    assert page.mediabox.width > page.mediabox.height
    assert response["Content-Disposition"] == (
        'inline; filename="rencana-atm-studi-tiru-penguatan-slrt-ke-kota-magelang.pdf"'
    )


def test_plan_pdf_runs_the_same_queries_for_2_or_20_items(
    client, salatiga, magelang, django_assert_num_queries
):
    client.force_login(salatiga.staff)
    reports = []
    for count in (2, 20):
        report = make_report(_visit(magelang.agency, salatiga.agency), salatiga.agency)
        for _ in range(count):
            services.item_approve(item=make_adoption_item(report), by=salatiga.head)
        reports.append(report)

    for report in reports:  # each item with two check-ins
        for item in report.adoption_items.all():
            for day in (1, 2):
                item.check_ins.create(date=datetime.date(2025, 9, day), note="Rapat tim.")

    # One more than before the plan listed its check-ins: the check-ins.
    with django_assert_num_queries(6):
        client.get(reverse("reports:plan_pdf", args=[reports[0].pk]))
    with django_assert_num_queries(6):
        client.get(reverse("reports:plan_pdf", args=[reports[1].pk]))


# --- Dates in documents -------------------------------------------------------------------


def test_long_dates_are_indonesian_in_the_agencys_time_zone(salatiga):
    makassar = make_agency("73.71", slug="kota-makassar")
    late_thursday_in_java = datetime.datetime(2025, 7, 31, 23, 30, tzinfo=WIB)

    with translation.override("en"):
        assert tanggal_panjang(late_thursday_in_java, salatiga.agency) == "Kamis, 31 Juli 2025"
        assert tanggal_panjang(late_thursday_in_java, makassar) == "Jumat, 1 Agustus 2025"
        assert tanggal(late_thursday_in_java, makassar) == "1 Agustus 2025"
        assert jam(late_thursday_in_java, salatiga.agency) == "23.30 WIB"
        assert jam(late_thursday_in_java, makassar) == "00.30 WITA"
        assert tanggal_panjang(datetime.date(2023, 6, 14)) == "Rabu, 14 Juni 2023"


def test_a_visit_of_two_days_names_its_first_and_last_day(salatiga, magelang):
    visit = _visit(
        magelang.agency,
        salatiga.agency,
        start=datetime.datetime(2025, 7, 31, 8, 0, tzinfo=WIB),
        end=datetime.datetime(2025, 8, 1, 12, 0, tzinfo=WIB),
    )

    assert waktu_kunjungan(visit) == (
        "Kamis, 31 Juli 2025, pukul 08.00 WIB s.d. Jumat, 1 Agustus 2025, pukul 12.00 WIB"
    )


def test_the_other_agencys_copy_lists_only_the_approved_atm_items(
    client, salatiga, magelang, madiun_report
):
    """Magelang files the published report, but a proposal still under
    review stays Salatiga's own, in the PDF as on the visit page."""
    madiun_report.status = "published"
    madiun_report.published_at = datetime.datetime(2025, 8, 20, 9, 0, tzinfo=WIB)
    madiun_report.save()
    make_adoption_item(madiun_report, status="approved", replicate="Posko rujukan kelurahan")
    make_adoption_item(madiun_report, status="proposed", replicate="Kartu layanan terpadu")
    url = reverse("reports:report_pdf", args=[madiun_report.pk])

    client.force_login(salatiga.staff)
    own = _text(client.get(url))
    client.force_login(magelang.staff)
    shared = _text(client.get(url))

    assert "Posko rujukan kelurahan" in own and "Kartu layanan terpadu" in own
    assert "Posko rujukan kelurahan" in shared and "Kartu layanan terpadu" not in shared


def test_a_stylesheet_edited_under_the_same_name_is_printed_as_edited(
    client, settings, tmp_path, salatiga, madiun_report
):
    # The parsed stylesheet is kept between renderings: only while its
    # content is the same.
    (tmp_path / "static" / "css").mkdir(parents=True)
    stylesheet = tmp_path / "static" / "css" / "pdf.css"
    stylesheet.write_text((settings.BASE_DIR / "static" / "css" / "pdf.css").read_text())
    settings.STATICFILES_DIRS = [tmp_path / "static", *settings.STATICFILES_DIRS]
    url = reverse("reports:report_pdf", args=[madiun_report.pk])
    client.force_login(salatiga.penyuluh)
    before = _pages(client.get(url))[0]

    stylesheet.write_text(stylesheet.read_text() + "\n.doc-title { text-transform: none; }\n")
    after = _pages(client.get(url))[0]

    assert "LAPORAN TENTANG" in before
    assert "Laporan tentang" in after
    assert "LAPORAN TENTANG" not in after


def test_the_stylesheet_is_parsed_once_for_many_documents(
    client, salatiga, magelang, madiun_report, monkeypatch
):
    import weasyprint

    parsed = []
    css = weasyprint.CSS

    def counted(*args, **kwargs):
        parsed.append(kwargs.get("base_url"))
        return css(*args, **kwargs)

    monkeypatch.setattr(weasyprint, "CSS", counted)
    pdf._parsed_stylesheet.cache_clear()
    client.force_login(salatiga.penyuluh)
    for url in _document_urls(madiun_report):
        assert client.get(url).status_code == 200

    assert parsed == [pdf.BASE_URL + "static/css/pdf.css"]


def test_a_pdf_without_its_stylesheet_is_neither_cached_nor_kept(
    client, salatiga, madiun_report, renders, monkeypatch
):
    monkeypatch.setattr(pdf, "STYLESHEETS", ("css/tidak-ada.css",))
    url = reverse("reports:report_pdf", args=[madiun_report.pk])
    client.force_login(salatiga.penyuluh)

    first = client.get(url)
    second = client.get(url)

    for response in (first, second):
        assert response.status_code == 200
        assert response["Cache-Control"] == "no-store"
        assert "ETag" not in response
    assert len(renders) == 2  # not taken from the cache


def test_fonts_are_found_once_per_thread():
    here = pdf._font_configuration()
    elsewhere = []
    thread = threading.Thread(target=lambda: elsewhere.append(pdf._font_configuration()))
    thread.start()
    thread.join()

    assert pdf._font_configuration() is here
    assert elsewhere[0] is not here
