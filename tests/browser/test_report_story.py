"""What came of a visit, in Chromium: Salatiga's penyuluh writes the report
of its visit to Magelang, uploads documentation photos and proposes an ATM
item; Salatiga's head approves the report and the item, publishes the report
and downloads each PDF; anyone then reads it on the public news page."""

import datetime
import io

import pytest
from django.utils import timezone
from PIL import Image
from playwright.sync_api import expect
from pypdf import PdfReader

from agencies.models import Topic
from reports.models import AdoptionStatus, Report, ReportStatus
from tests.browser.conftest import log_in
from tests.factories import make_participant, make_visit
from visits.models import VisitStatus

pytestmark = pytest.mark.django_db(transaction=True)


def _photo(path, colour):
    buffer = io.BytesIO()
    Image.new("RGB", (1200, 800), colour).save(buffer, "JPEG")
    path.write_bytes(buffer.getvalue())
    return path


def _switch_user(page, live_server, email):
    page.context.clear_cookies()
    log_in(page, live_server, email)


def _act(page, link_text, button_text=None):
    page.get_by_role("link", name=link_text).first.click()
    page.get_by_role("button", name=button_text or link_text).click()
    page.wait_for_load_state()


def _pdf_text(page, url):
    response = page.context.request.get(url)
    assert response.ok
    assert response.headers["content-type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(response.body()))
    # Table cells wrap their text over several lines: compare words, not lines.
    return " ".join(" ".join(pdf_page.extract_text() for pdf_page in reader.pages).split())


def test_a_report_and_its_atm_plan_from_writing_to_publication(
    page, live_server, salatiga, magelang, csp_violations, tmp_path
):
    visit = make_visit(
        magelang.agency,
        salatiga.agency,
        status=VisitStatus.HELD,
        start=timezone.now() - datetime.timedelta(days=2),
        topics=["DTKS", "FTJSLP"],
        title="Studi tiru FTJSLP ke Kota Magelang",
    )
    for name in ("Sri Wahyuni", "Agus Prasetyo", "Dewi Lestari"):
        make_participant(visit, "visitor", name=name)

    # The penyuluh starts the report from the visit page and writes it.
    log_in(page, live_server, "penyuluh.salatiga@test.id")
    page.goto(f"{live_server.url}/kunjungan/{visit.pk}/")
    page.get_by_role("button", name="Tulis laporan").click()
    page.fill("textarea[name=summary]", "Salatiga belajar mengelola Forum TJSLP dari Magelang.")
    page.fill("textarea[name=temuan-0-text]", "Verifikasi DTKS melibatkan kelurahan.")
    page.fill("textarea[name=temuan-1-text]", "Forum TJSLP dibentuk dengan Perda Nomor 11/2017.")
    page.fill("textarea[name=conclusion]", "Forum TJSLP Salatiga perlu diperkuat dengan Perwali.")
    page.get_by_role("button", name="Simpan dan lihat laporan").click()
    expect(page.locator("body")).to_contain_text("Forum TJSLP dibentuk dengan Perda")
    report = Report.objects.get(visit=visit, agency=salatiga.agency)

    # Two documentation photos, each with its caption.
    page.goto(f"{live_server.url}/laporan/{report.pk}/foto/")
    page.set_input_files(
        "input[type=file]",
        [_photo(tmp_path / "sambutan.jpg", "navy"), _photo(tmp_path / "diskusi.jpg", "olive")],
    )
    page.fill("#caption_0", "Sambutan Sekretaris Dinas Sosial Kota Magelang")
    page.fill("#caption_1", "Diskusi Forum TJSLP")
    page.get_by_role("button", name="Unggah").click()
    expect(page.locator("body")).to_contain_text("Diskusi Forum TJSLP")
    assert report.photos.count() == 2

    # An ATM item, then the report goes to the head.
    page.goto(f"{live_server.url}/laporan/{report.pk}/atm/tambah/")
    page.select_option("select[name=topic]", value=str(Topic.objects.get(code="FTJSLP").pk))
    page.fill("textarea[name=observe]", "Forum TJSLP Magelang berdiri atas Perda.")
    page.fill("textarea[name=replicate]", "Membentuk forum TJSLP dengan Perwali.")
    page.fill("textarea[name=modify]", "Dimulai dari 20 perusahaan terbesar di Salatiga.")
    page.fill(
        "input[name=target_date]", (timezone.localdate() + datetime.timedelta(days=120)).isoformat()
    )
    page.fill("textarea[name=success_indicator]", "Perwali terbit dan forum rapat tiap triwulan.")
    page.get_by_role("button", name="Simpan dan ajukan").click()
    expect(page.locator("body")).to_contain_text("Membentuk forum TJSLP dengan Perwali.")

    page.goto(f"{live_server.url}/laporan/{report.pk}/")
    _act(page, "Ajukan laporan")
    report.refresh_from_db()
    assert report.status == ReportStatus.SUBMITTED

    # The head approves the report and the ATM item, then publishes.
    _switch_user(page, live_server, "kepala.salatiga@test.id")
    page.goto(f"{live_server.url}/dasbor/")
    page.get_by_role("link", name=report.title).first.click()
    _act(page, "Setujui laporan")
    expect(page.locator(".alert-success")).to_contain_text("Laporan disetujui")

    page.goto(f"{live_server.url}/laporan/{report.pk}/atm/")
    _act(page, "Setujui")
    item = report.adoption_items.get()
    assert item.status == AdoptionStatus.APPROVED

    page.goto(f"{live_server.url}/laporan/{report.pk}/")
    _act(page, "Terbitkan")
    report.refresh_from_db()
    visit.refresh_from_db()
    assert report.status == ReportStatus.PUBLISHED
    assert visit.status == VisitStatus.REPORTED

    # Each PDF from the report page.
    links = {
        name: page.get_by_role("link", name=name).get_attribute("href")
        for name in ("Laporan (PDF)", "Daftar hadir (PDF)", "Rencana ATM (PDF)")
    }
    report_text = _pdf_text(page, live_server.url + links["Laporan (PDF)"])
    assert "LAPORAN TENTANG STUDI TIRU" in report_text
    assert "Forum TJSLP dibentuk dengan Perda" in report_text
    assert "Dewi Lestari" in report_text
    attendance_text = _pdf_text(page, live_server.url + links["Daftar hadir (PDF)"])
    assert "DAFTAR HADIR" in attendance_text
    assert all(name in attendance_text for name in ("Sri Wahyuni", "Agus Prasetyo"))
    plan_text = _pdf_text(page, live_server.url + links["Rencana ATM (PDF)"])
    assert "Membentuk forum TJSLP dengan Perwali." in plan_text

    # Anyone reads it on the news page, photos included, without logging in.
    page.context.clear_cookies()
    page.goto(f"{live_server.url}/berita/")
    page.get_by_role("link", name=report.title).first.click()
    expect(page.locator("body")).to_contain_text("Forum TJSLP dibentuk dengan Perda")
    expect(page.locator("body")).not_to_contain_text("Dewi Lestari")
    expect(page.locator(".card-img-top")).to_have_count(2)
    expect(page.get_by_role("img", name="Diskusi Forum TJSLP")).to_have_count(1)
    lead = page.locator(".news-lead-img")
    expect(lead).to_have_attribute("alt", "Sambutan Sekretaris Dinas Sosial Kota Magelang")
    assert lead.evaluate("(img) => img.complete && img.naturalWidth > 0")

    assert csp_violations == []
