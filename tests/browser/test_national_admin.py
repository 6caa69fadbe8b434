"""A national administrator, in a real browser, adds an agency and invites
its first coordinator without opening the Django admin: the kabupaten/kota
list follows the chosen province (htmx), the invitation e-mail leaves, and
the agency shows in every agency's activity."""

import re

import pytest
from django.core import mail
from playwright.sync_api import expect

from agencies.models import Agency, Invitation, Role
from tests.browser.conftest import log_in
from tests.factories import make_agency, make_national_admin

pytestmark = pytest.mark.django_db(transaction=True)


def test_the_national_admin_adds_an_agency_and_invites_its_coordinator(
    page, live_server, csp_violations
):
    make_agency("33.71", name="Dinas Sosial Kota Magelang")
    make_national_admin(email="admin@test.id")
    visited = []
    page.on("framenavigated", lambda frame: visited.append(frame.url))

    log_in(page, live_server, "admin@test.id")
    # The front page leads to every agency's activity; the menu is theirs.
    expect(page.get_by_role("heading", name="Aktivitas instansi")).to_be_visible()
    nav = page.locator("#nav-main")
    expect(nav.get_by_role("link", name="Dasbor")).to_have_count(0)
    expect(nav.get_by_role("link", name="Tim")).to_have_count(0)
    nav.get_by_role("link", name="Tambah instansi").click()
    page.wait_for_url("**/nasional/instansi/baru/")  # loaded: htmx, which it loads, is ready

    # The kabupaten/kota list follows the province.
    regency = page.get_by_label("Kabupaten/kota")
    expect(regency.locator("option")).to_have_count(1)
    page.get_by_label("Provinsi").select_option(label="Daerah Istimewa Yogyakarta")
    expect(regency.locator("option", has_text="Kabupaten Gunungkidul")).to_have_count(1)
    expect(regency.locator("option", has_text="Kota Magelang")).to_have_count(0)
    regency.select_option(label="Kabupaten Gunungkidul")
    page.get_by_label("Telepon").fill("(0274) 391004")
    page.get_by_role("button", name="Simpan instansi").click()

    expect(page.get_by_role("heading", name="Undang koordinator pertama")).to_be_visible()
    expect(page.get_by_role("alert")).to_contain_text(
        "Dinas Sosial Kabupaten Gunungkidul telah ditambahkan"
    )
    agency = Agency.objects.get(regency__code="34.03")
    assert agency.phone == "(0274) 391004"

    page.get_by_label("E-mail").fill("sri.lestari@gunungkidulkab.go.id")
    page.get_by_label("Nama lengkap").fill("Sri Lestari, S.Sos.")
    page.get_by_label("Jabatan").fill("Kepala Subbagian Umum")
    page.get_by_role("button", name="Kirim undangan").click()

    expect(page.get_by_role("alert")).to_contain_text(
        "Undangan untuk Sri Lestari, S.Sos. telah dikirim ke sri.lestari@gunungkidulkab.go.id"
    )
    invitation = Invitation.objects.get()
    assert (invitation.agency, invitation.role) == (agency, Role.STAFF)
    assert [message.to for message in mail.outbox] == [["sri.lestari@gunungkidulkab.go.id"]]

    # Adding the same kabupaten again gets a sentence, not the constraint's name.
    nav.get_by_role("link", name="Tambah instansi").click()
    page.wait_for_url("**/nasional/instansi/baru/")  # loaded: htmx, which it loads, is ready
    page.get_by_label("Provinsi").select_option(label="Daerah Istimewa Yogyakarta")
    expect(regency.locator("option", has_text="Kabupaten Gunungkidul")).to_have_count(1)
    regency.select_option(label="Kabupaten Gunungkidul")
    page.get_by_role("button", name="Simpan instansi").click()
    expect(page.locator("#agency-form-error")).to_contain_text(
        "Kabupaten Gunungkidul sudah memiliki Dinas Sosial di portal: "
        "Dinas Sosial Kabupaten Gunungkidul."
    )

    # The activity lists the new agency.
    nav.get_by_role("link", name="Aktivitas instansi").click()
    page.get_by_label("Cari").fill("Gunungkidul")
    page.get_by_role("button", name="Terapkan").click()
    expect(page.locator("#activity-count")).to_contain_text("1 instansi")
    expect(page.locator("table")).to_contain_text("Dinas Sosial Kabupaten Gunungkidul")

    assert not [url for url in visited if re.search(r"/admin/", url)]
    assert csp_violations == []
