"""Date and time fields in a browser whose own language is English (the
Chromium of many offices): the Indonesian page still asks for 14/06/2026 and
09.00, never mm/dd/yyyy and AM/PM, and shows the times in its one style."""

import datetime

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import log_in, open_agency_search
from visits.models import Visit

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def browser_context_args(browser_context_args):
    return {**browser_context_args, "locale": "en-US", "timezone_id": "America/New_York"}


def test_an_english_browser_types_indonesian_dates_and_times(page, live_server, salatiga, magelang):
    day = datetime.date.today() + datetime.timedelta(days=45)
    log_in(page, live_server, "staf.salatiga@test.id")
    page.goto(f"{live_server.url}/kunjungan/baru/")

    start_date = page.locator("input[name=start_date]")
    expect(start_date).to_have_attribute("type", "text")
    expect(start_date).to_have_attribute("placeholder", "hh/bb/tttt")
    expect(page.locator("input[name=start_time]")).to_have_attribute("placeholder", "jj.mm")

    open_agency_search(page)
    page.keyboard.type("Magelang")
    page.locator(".ts-dropdown .option", has_text="Kota Magelang").first.click()
    page.fill("input[name=title]", "Studi tiru tanggal")
    page.get_by_label("DTKS —", exact=False).check()
    start_date.fill(day.strftime("%d/%m/%Y"))
    page.fill("input[name=start_time]", "09.00")
    page.fill("input[name=end_time]", "15.30")
    page.get_by_role("button", name="Simpan sebagai draf").click()
    expect(page.locator(".alert-success")).to_contain_text("Draf permohonan tersimpan")

    visit = Visit.objects.get(title="Studi tiru tanggal")
    assert visit.start.astimezone(magelang.agency.tzinfo).date() == day
    expect(page.locator("main")).to_contain_text("09.00–15.30 WIB")

    page.get_by_role("link", name="Ubah permohonan").click()
    expect(page.locator("input[name=start_date]")).to_have_value(day.strftime("%d/%m/%Y"))
    expect(page.locator("input[name=end_time]")).to_have_value("15.30")
