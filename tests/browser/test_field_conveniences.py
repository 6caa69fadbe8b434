"""The field's conveniences in the browser (issue 12, item 8): the whole
attendance page marked present with one button and the exceptions
unchecked; a photo upload that shows its progress and keeps the good files
of a batch; the calendar's month picker used with the keyboard."""

import io
import re

import pytest
from PIL import Image
from playwright.sync_api import expect

from tests.browser.conftest import log_in
from tests.factories import make_held_visit, make_participant, make_report, make_visit
from visits.models import Side, VisitStatus

pytestmark = pytest.mark.django_db(transaction=True)


def test_everyone_present_but_two_in_one_save(
    page, live_server, salatiga, magelang, csp_violations
):
    visit = make_visit(magelang.agency, salatiga.agency, status=VisitStatus.HELD)
    names = ["Sri Wahyuni", "Agus Prasetyo", "Dewi Lestari", "Andre"]
    for name in names:
        make_participant(visit, Side.VISITOR, name=name)
    make_participant(visit, Side.HOST, name="Hadi Sutopo")

    log_in(page, live_server, "staf.salatiga@test.id")
    page.goto(f"{live_server.url}/kunjungan/{visit.pk}/daftar-hadir/")
    page.get_by_role("button", name="Tandai semua hadir").click()
    expect(page.get_by_text("5 dari 5 dicentang")).to_be_visible()
    page.get_by_label("Dewi Lestari hadir").uncheck()
    page.get_by_label("Hadi Sutopo hadir").uncheck()
    expect(page.get_by_text("3 dari 5 dicentang")).to_be_visible()
    page.get_by_role("button", name="Simpan kehadiran").first.click()

    expect(page.get_by_text("Kehadiran disimpan: 3 hadir, 2 tidak hadir")).to_be_visible()
    expect(page.locator("#attendance-summary")).to_contain_text("3 dari 5 hadir")
    assert dict(visit.participants.values_list("name", "attended")) == {
        "Sri Wahyuni": True,
        "Agus Prasetyo": True,
        "Dewi Lestari": False,
        "Andre": True,
        "Hadi Sutopo": False,
    }
    assert csp_violations == []


def _noisy_jpeg(path):
    """A photo that does not compress: a few hundred kilobytes to send."""
    buffer = io.BytesIO()
    Image.effect_noise((640, 480), 80).convert("RGB").save(buffer, "JPEG", quality=95)
    path.write_bytes(buffer.getvalue())
    return path


def test_a_photo_upload_shows_its_progress_and_keeps_the_good_files(
    page, live_server, salatiga, magelang, csp_violations, tmp_path
):
    visit = make_held_visit(magelang.agency, salatiga.agency, days_ago=2)
    report = make_report(visit, salatiga.agency, by=salatiga.penyuluh)
    broken = tmp_path / "catatan.jpg"
    broken.write_bytes(b"bukan foto")

    log_in(page, live_server, "penyuluh.salatiga@test.id")
    page.goto(f"{live_server.url}/laporan/{report.pk}/foto/")
    expect(page.locator("#photo-limits")).to_contain_text("paling banyak 20 foto sekali unggah")
    page.set_input_files(
        "input[type=file]",
        [_noisy_jpeg(tmp_path / "aula.jpg"), broken, _noisy_jpeg(tmp_path / "lapangan.jpg")],
    )
    page.fill("#caption_0", "Sambutan di aula")
    page.fill("#caption_1", "Catatan rapat")
    # A slow line (about 1 Mbit/s up), as in the field.
    session = page.context.new_cdp_session(page)
    session.send("Network.enable")
    session.send(
        "Network.emulateNetworkConditions",
        {"offline": False, "latency": 40, "downloadThroughput": -1, "uploadThroughput": 125_000},
    )
    page.get_by_role("button", name="Unggah").click()

    progress = page.locator("#photo-progress")
    expect(progress).to_be_visible()
    # How much is sent, as it is sent: "Mengunggah… 40% (280 KB dari 700 KB)".
    expect(page.locator(".js-photo-progress-text")).to_contain_text(
        re.compile(r"Mengunggah… \d+% \(.+ dari .+\)")
    )
    # The upload takes a few seconds on that line.
    expect(page.get_by_text("2 foto tersimpan.")).to_be_visible(timeout=60_000)
    expect(
        page.get_by_text(
            "Ditolak, tidak disimpan: catatan.jpg: bukan gambar JPEG, PNG atau WebP. "
            "Keterangan yang Anda ketik: «Catatan rapat»."
        )
    ).to_be_visible()
    assert list(report.photos.values_list("caption", flat=True)) == ["Sambutan di aula", ""]
    assert csp_violations == []


def test_the_calendar_reaches_march_with_the_keyboard(page, live_server, salatiga, csp_violations):
    log_in(page, live_server, "staf.salatiga@test.id")
    page.goto(f"{live_server.url}/kalender/?bulan=12&tahun=2025")

    page.get_by_label("Bulan", exact=True).focus()
    page.keyboard.type("Maret")
    page.keyboard.press("Tab")
    expect(page.get_by_label("Tahun", exact=True)).to_be_focused()
    page.keyboard.press("ControlOrMeta+a")
    page.keyboard.type("2025")
    page.keyboard.press("Enter")

    expect(page.get_by_role("heading", level=1)).to_have_text("Kalender kunjungan · Maret 2025")
    assert page.url.endswith("/kalender/?bulan=3&tahun=2025")
    assert csp_violations == []
