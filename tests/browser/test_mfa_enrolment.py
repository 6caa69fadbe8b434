"""A head's first login in a real browser: sent to "Keamanan akun", enrols an
authenticator app from the QR code (drawn by the server, allowed by the CSP),
keeps the recovery codes, then reaches the dashboard."""

import pytest
from playwright.sync_api import expect

from agencies.mfa import current_totp_code
from agencies.models import Role
from tests.browser.conftest import log_in
from tests.factories import make_agency, make_user

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_heads_first_login_enrols_an_authenticator_app(page, live_server, csp_violations):
    agency = make_agency("33.73")
    make_user(agency, Role.HEAD, email="kepala@test.id", second_factor=False)

    log_in(page, live_server, "kepala@test.id")
    expect(page.locator("#mfa-required")).to_contain_text("wajib memakai verifikasi dua langkah")
    page.goto(f"{live_server.url}/dasbor/")
    expect(page).to_have_url(f"{live_server.url}/akun/2fa/")

    page.get_by_role("link", name="Aktifkan aplikasi autentikator").click()
    page.fill("input[name=password]", "password")
    page.get_by_role("button", name="Konfirmasi").click()
    qr = page.locator("img.totp-qr")
    expect(qr).to_be_visible()
    assert qr.evaluate("img => img.complete && img.naturalWidth > 0")
    secret = page.input_value("#authenticator_secret")
    page.fill("input[name=code]", current_totp_code(secret))
    page.get_by_role("button", name="Aktifkan").click()

    expect(page.locator("#recovery_codes li")).to_have_count(10)
    page.get_by_role("link", name="Selesai").click()
    expect(page.locator("#mfa-totp")).to_contain_text("Aktif")
    page.goto(f"{live_server.url}/dasbor/")
    expect(page).to_have_url(f"{live_server.url}/dasbor/")
    assert csp_violations == []
