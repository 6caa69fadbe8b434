"""The visit list's "Instansi lain" in Chromium: the agencies are not in the
page but searched on the server as the user types."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import log_in, open_agency_search
from tests.factories import make_visit

pytestmark = pytest.mark.django_db(transaction=True)


def test_other_agencies_are_searched_as_the_user_types(
    page, live_server, salatiga, magelang, malang, csp_violations
):
    make_visit(magelang.agency, salatiga.agency, title="Studi tiru DTKS ke Kota Magelang")
    make_visit(malang.agency, salatiga.agency, title="Studi tiru SLRT ke Kota Malang")
    log_in(page, live_server, "staf.salatiga@test.id")
    page.goto(f"{live_server.url}/kunjungan/")
    options = page.locator(".ts-dropdown .option")

    open_agency_search(page)
    with page.expect_response(re.compile(r"/cari/instansi/\?lain=1&q=kota")) as search:
        page.keyboard.type("kota")
    assert search.value.ok
    # Both other agencies come from the server; Salatiga itself does not.
    expect(options.filter(has_text="Kota Malang (Jawa Timur)")).to_have_count(1)
    expect(options.filter(has_text="Kota Magelang (Jawa Tengah)")).to_have_count(1)
    expect(options.filter(has_text="Salatiga")).to_have_count(0)

    page.keyboard.type(" mag")
    expect(options.filter(has_text="Kota Malang")).to_have_count(0)
    options.filter(has_text="Kota Magelang").click()
    page.get_by_role("button", name="Terapkan").click()

    expect(page).to_have_url(re.compile(r"instansi=kota-magelang"))
    expect(page.locator("#visit-count")).to_contain_text("1 kunjungan")
    expect(page.locator(".ts-control")).to_contain_text("Dinas Sosial Kota Magelang (Jawa Tengah)")
    assert csp_violations == []


def test_an_agency_found_by_its_kabupaten_or_kota_is_offered(
    page, live_server, salatiga, malang, csp_violations
):
    """The server matches the kabupaten/kota too; the browser's own filter of
    what it loaded must not hide an agency whose name does not say it."""
    malang.agency.name, malang.agency.short_name = "Dinas Sosial Ibu Kota Jawa Timur", ""
    malang.agency.save()
    log_in(page, live_server, "staf.salatiga@test.id")
    page.goto(f"{live_server.url}/kunjungan/")

    open_agency_search(page)
    with page.expect_response(re.compile(r"/cari/instansi/\?lain=1&q=malang")):
        page.keyboard.type("malang")

    expect(page.locator(".ts-dropdown .option")).to_have_text(
        ["Dinas Sosial Ibu Kota Jawa Timur (Jawa Timur)"]
    )
    assert csp_violations == []
