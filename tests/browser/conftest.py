"""Browser tests: Playwright for Python driving Debian's Chromium against
pytest-django's live server.

Playwright's sync API keeps an event loop running in the test thread, which
makes Django refuse ORM calls from it; the tests only touch the database to
set up and check data, never concurrently with a request, so that guard is
lifted for this package."""

import os
import shutil

import pytest
from playwright.sync_api import expect

from tests.factories import reload_reference_data, totp_code

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser/" in str(item.path):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(autouse=True)
def reference_data(transactional_db):
    """Browser tests run against a live server, so their data is committed and
    the database is emptied after each test — the regions and topics that the
    migrations load included. Load them again the way the migrations do."""
    reload_reference_data()


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-dev-shm-usage",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
        ],
    }


@pytest.fixture
def csp_violations(page):
    """Console messages about the Content-Security-Policy; a test asserts it stays empty."""
    messages = []
    page.on(
        "console",
        lambda message: (
            messages.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    return messages


def open_agency_search(page):
    """Open the first agency select (searched on the server as the user
    types) and wait until it has the focus and asks for letters: keys typed
    before that may be lost on a busy machine."""
    page.locator(".ts-control").first.click()
    expect(page.locator(".ts-dropdown")).to_contain_text("Ketik paling sedikit 2 huruf")


def log_in(page, live_server, email, password="password"):
    """Log in through the login form; a head or admin (enrolled by the
    factories) then types the code of their authenticator app."""
    page.goto(f"{live_server.url}/akun/login/")
    page.fill("input[name=login]", email)
    page.fill("input[name=password]", password)
    page.click("form button[type=submit]")
    page.wait_for_load_state()
    if "/akun/2fa/authenticate/" in page.url:
        page.fill("input[name=code]", totp_code())
        page.click("form button[type=submit] >> nth=0")
        page.wait_for_load_state()


@pytest.fixture(autouse=True)
def page_cache(settings):
    """The browser sees the portal as its users do: through the page cache."""
    settings.PAGE_CACHE = True
