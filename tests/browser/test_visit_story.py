"""The whole scheduling story in Chromium, as the two agencies' staff live it.

Salatiga's staff request a visit to Magelang on DTKS and FTJSLP, Magelang's
staff propose another date, Salatiga confirms it, the delegation is imported
from an XLSX sheet, and the visit then shows in both agencies' month
calendars and in Salatiga's iCalendar feed."""

import datetime
import io
from urllib.parse import urlsplit

import icalendar
import openpyxl
import pytest
from django.core import mail
from playwright.sync_api import expect

from tests.browser.conftest import log_in, open_agency_search
from visits.models import DelegationRole, Visit, VisitStatus
from visits.workdays import is_holiday

pytestmark = pytest.mark.django_db(transaction=True)

TITLE = "Studi tiru DTKS dan FTJSLP ke Kota Magelang"


def _future_workday(days):
    day = datetime.date.today() + datetime.timedelta(days=days)
    while day.weekday() >= 5 or is_holiday(day):
        day += datetime.timedelta(days=1)
    return day


def _delegation_sheet(path):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["No", "Nama", "Gelar belakang", "Jabatan", "Peran", "NIP"])
    sheet.append([1, "Sri Wahyuni", "S.Sos", "Kepala Bidang Linjamsos", "Ketua", None])
    sheet.append([2, "Agus Prasetyo", "", "Penyuluh Sosial", "Anggota", None])
    sheet.append([3, "Dewi Lestari", "S.Kom", "Operator DTKS", "Anggota", None])
    for row in sheet.iter_rows(min_row=2, min_col=6, max_col=6):
        row[0].number_format = "@"
    sheet["F2"] = "197903122010012003"
    buffer = io.BytesIO()
    book.save(buffer)
    path.write_bytes(buffer.getvalue())
    return path


def _act(page, button_text, comment=""):
    """Open an action from the visit page and confirm it on its page."""
    page.get_by_role("link", name=button_text).click()
    if comment:
        page.fill("textarea[name=comment]", comment)
    page.get_by_role("button", name=button_text).click()
    page.wait_for_load_state()


def _switch_user(page, live_server, email):
    page.context.clear_cookies()
    log_in(page, live_server, email)


def test_salatiga_and_magelang_schedule_a_visit_end_to_end(
    page, live_server, salatiga, magelang, csp_violations, tmp_path
):
    requested_day = _future_workday(30)
    proposed_day = _future_workday(37)

    # Salatiga's staff write the request and send it.
    log_in(page, live_server, "staf.salatiga@test.id")
    page.goto(f"{live_server.url}/kunjungan/baru/")
    open_agency_search(page)
    page.keyboard.type("Magelang")
    page.locator(".ts-dropdown .option", has_text="Kota Magelang").first.click()
    page.fill("input[name=title]", TITLE)
    page.fill("textarea[name=purpose]", "Mempelajari verifikasi DTKS dan forum FTJSLP.")
    page.get_by_label("DTKS —", exact=False).check()
    page.get_by_label("FTJSLP —", exact=False).check()
    page.fill("input[name=start_date]", requested_day.isoformat())
    page.fill("input[name=start_time]", "09:00")
    page.fill("input[name=end_time]", "15:00")
    page.fill("input[name=office_venue]", "Kantor Dinas Sosial Kota Magelang")
    page.fill("input[name=request_letter_number]", "400.9/123/2026")
    page.get_by_role("button", name="Simpan sebagai draf").click()
    expect(page.locator(".alert-success")).to_contain_text("Draf permohonan tersimpan")

    visit = Visit.objects.get(title=TITLE)
    assert visit.host == magelang.agency
    assert sorted(visit.visit_topics.values_list("topic__code", flat=True)) == ["DTKS", "FTJSLP"]

    _act(page, "Ajukan ke tuan rumah")
    expect(page.locator(".alert-success")).to_contain_text("telah diajukan")
    assert any("staf.magelang@test.id" in message.to for message in mail.outbox)

    # Magelang's staff find it awaiting their answer and propose another date.
    _switch_user(page, live_server, "staf.magelang@test.id")
    page.goto(f"{live_server.url}/dasbor/")
    page.get_by_role("link", name=TITLE).first.click()
    page.get_by_role("link", name="Usulkan tanggal lain").click()
    page.fill("input[name=start_date]", proposed_day.isoformat())
    page.fill("input[name=start_time]", "08:30")
    page.fill("input[name=end_time]", "14:00")
    page.fill("textarea[name=comment]", "Tanggal semula bertepatan dengan rapat koordinasi.")
    page.get_by_role("button", name="Kirim usulan tanggal").click()
    expect(page.locator(".alert-success")).to_contain_text("Usulan tanggal lain")
    visit.refresh_from_db()
    assert visit.status == VisitStatus.DATE_PROPOSED

    # Salatiga's staff accept the proposed date.
    _switch_user(page, live_server, "staf.salatiga@test.id")
    page.goto(f"{live_server.url}/kunjungan/{visit.pk}/")
    expect(page.locator("body")).to_contain_text("rapat koordinasi")
    _act(page, "Setujui tanggal")
    expect(page.locator(".alert-success")).to_contain_text("kunjungan terjadwal")
    visit.refresh_from_db()
    assert visit.status == VisitStatus.SCHEDULED
    assert visit.start.astimezone(magelang.agency.tzinfo).date() == proposed_day

    # The delegation comes from the coordinator's spreadsheet.
    page.goto(f"{live_server.url}/kunjungan/{visit.pk}/peserta/impor/")
    page.set_input_files("input[name=file]", _delegation_sheet(tmp_path / "rombongan.xlsx"))
    page.get_by_role("button", name="Periksa dan impor").click()
    expect(page.locator(".alert-success")).to_contain_text("3 peserta diimpor")
    delegation = visit.participants.filter(side="visitor")
    assert delegation.count() == 3
    assert delegation.get(role=DelegationRole.HEAD).name == "Sri Wahyuni"
    assert delegation.get(name="Sri Wahyuni").nip == "197903122010012003"
    expect(page.locator("body")).to_contain_text("Dewi Lestari")

    # Both agencies see it in their month calendar.
    month = f"tahun={proposed_day.year}&bulan={proposed_day.month}"
    in_calendar = f'.calendar-month a.cal-visit[href$="/kunjungan/{visit.pk}/"]'
    page.goto(f"{live_server.url}/kalender/?{month}")
    expect(page.locator(in_calendar)).to_contain_text("08.30")
    expect(page.locator(in_calendar)).to_contain_text("Kota Magelang")

    # Salatiga subscribes its calendar program to the feed.
    page.goto(f"{live_server.url}/kalender/langganan/")
    page.get_by_role("button", name="Buat alamat langganan").click()
    feed_path = urlsplit(page.locator("#feed-url").input_value()).path
    response = page.context.request.get(f"{live_server.url}{feed_path}")
    assert response.ok
    calendar = icalendar.Calendar.from_ical(response.body())
    events = [e for e in calendar.walk("VEVENT") if e["UID"] == f"visit-{visit.pk}@studitiru"]
    assert len(events) == 1
    assert "Kota Magelang" in events[0]["SUMMARY"]
    assert TITLE in events[0]["DESCRIPTION"]
    assert events[0]["STATUS"] == "CONFIRMED"
    assert events[0].decoded("DTSTART") == visit.start

    _switch_user(page, live_server, "staf.magelang@test.id")
    page.goto(f"{live_server.url}/kalender/?{month}")
    expect(page.locator(in_calendar)).to_contain_text("Kota Salatiga")

    assert csp_violations == []
