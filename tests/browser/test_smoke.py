"""The portal opens in a real browser without script or policy errors."""

import pytest

from tests.browser.conftest import log_in

pytestmark = pytest.mark.django_db(transaction=True)


def test_home_page_renders_in_chromium_without_csp_violations(page, live_server, csp_violations):
    page.goto(live_server.url + "/")

    assert page.title() == "Portal Studi Tiru"
    assert page.locator("h1").inner_text() == "Portal Studi Tiru"
    assert csp_violations == []


def test_a_member_logs_in_with_email_and_password(page, live_server, salatiga):
    log_in(page, live_server, "staf.salatiga@test.id")

    assert page.locator("nav").get_by_text("Staf salatiga").count() == 1
