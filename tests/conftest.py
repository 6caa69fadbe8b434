"""Shared fixtures of the test suite: the people of the story.

Salatiga visits Magelang (seed 000); Malang is an unrelated agency. Each
agency has a coordinator (staff), a penyuluh and a head; ``national_admin``
is a superuser without an agency."""

import functools
import re
from types import SimpleNamespace

import pytest
from django.conf import settings
from django.core.cache import caches
from django.core.cache.backends.db import BaseDatabaseCache
from django.db import connection
from django.db.models.query_utils import DeferredAttribute
from django.test import Client
from django.utils import translation

from agencies.models import Role
from tests import catalogue, frontend, stamping
from tests import coherence as coherence_run
from tests.factories import make_agency, make_national_admin, make_user, make_visit


def pytest_addoption(parser):
    parser.addoption(
        "--coherence",
        action="store_true",
        help="check every cached page against a fresh rendering after every write "
        "(tests/coherence.py)",
    )


def pytest_report_header(config):
    return f"database: {connection.vendor} ({connection.settings_dict['NAME']})"


def pytest_sessionstart(session):
    """The compiled message catalogues are not committed: ``make test``
    compiles them, and so does a run of pytest itself when one is missing or
    older than its .po."""
    catalogue.compile_stale()
    frontend.build_stale()


def _asks_for_a_browser(item):
    params = getattr(getattr(item, "callspec", None), "params", {})
    return "browser_name" in params or "browser_name" in getattr(item, "fixturenames", ())


def pytest_collection_modifyitems(items):
    """A test that asks for a browser (pytest-playwright's ``page``, even as a
    parameter's name) is grouped with the browser tests, which empty the
    database: outside tests/browser/ it would pull them ahead of the tests
    that need the reference data. Refuse it by name."""
    strays = [
        item.nodeid
        for item in items
        if _asks_for_a_browser(item) and "tests/browser/" not in item.path.as_posix()
    ]
    if strays:
        raise pytest.UsageError("Browser tests belong in tests/browser/: " + ", ".join(strays[:5]))


DATABASE_FIXTURES = {"db", "transactional_db", "live_server", "django_db_reset_sequences"}


@pytest.fixture(autouse=True)
def empty_caches(request, django_db_blocker):
    """No test sees what another left in a cache (a rendered PDF, a feed, a
    rate-limit counter). The default cache is a database table: emptied for
    the tests that use the database (the others cannot reach it)."""
    uses_database = request.node.get_closest_marker("django_db") is not None or bool(
        DATABASE_FIXTURES & set(request.fixturenames)
    )
    for cache in caches.all():
        if isinstance(cache, BaseDatabaseCache):
            if uses_database:
                request.getfixturevalue("django_db_setup")
                with django_db_blocker.unblock():
                    cache.clear()
        else:
            cache.clear()


@pytest.fixture(autouse=True)
def portal_language():
    """Each test starts in the portal's language: a request of an earlier test
    (the language middleware) may have left English active in this thread."""
    translation.activate(settings.LANGUAGE_CODE)


# An element that makes an htmx request (the CSRF header on <body> is on every page).
HTMX_REQUEST = re.compile(rb"data-hx-(?:get|post|put|patch|delete)=")


def check_each_request(monkeypatch, check, *, before=None):
    """Call ``check(path, response)`` after every request of the test client
    (and ``before()`` ahead of it)."""
    request = Client.request

    def checked(self, **kwargs):
        if before is not None:
            before()
        response = request(self, **kwargs)
        check(kwargs.get("PATH_INFO"), response)
        return response

    monkeypatch.setattr(Client, "request", checked)


def whole_page(response) -> bytes | None:
    """The body of a whole HTML page, None for anything else (a part, a file)."""
    if response.streaming or not response.get("Content-Type", "").startswith("text/html"):
        return None
    return response.content if b"<html" in response.content else None


@pytest.fixture(autouse=True)
def htmx_where_used(monkeypatch):
    """htmx is loaded only by the pages that swap parts of themselves (the
    ``htmx`` block of base.html). Every whole page any test fetches that
    carries an htmx attribute must load it: a page that forgot would show
    buttons that do nothing."""

    def check(path, response):
        body = whole_page(response)
        if body is not None and HTMX_REQUEST.search(body):
            assert b"htmx.min.js" in body, f"{path} uses htmx, loads it not"

    check_each_request(monkeypatch, check)


@pytest.fixture(autouse=True)
def no_deferred_field_fetched(monkeypatch):
    """A page reads the columns it shows in its own queries: a field left out
    of an ``only()`` and read by the template costs a query per row (the
    dashboard's proposed dates once cost seven). Any test's page that loads a
    deferred field one row at a time fails, naming it."""
    fetched = []
    fetch_one = DeferredAttribute.fetch_one

    def recorded(self, instance):
        fetched.append(f"{type(instance).__name__}.{self.field.attname}")
        return fetch_one(self, instance)

    monkeypatch.setattr(DeferredAttribute, "fetch_one", recorded)

    def check(path, response):
        assert not fetched, f"{path} loaded deferred fields row by row: {sorted(set(fetched))}"

    check_each_request(monkeypatch, check, before=fetched.clear)


@pytest.fixture(autouse=True)
def writes_bump_stamps(monkeypatch):
    """Every request that writes a table the page cache follows bumps the
    stamps of what it wrote (tests/stamping.py)."""
    stamping.check_requests(monkeypatch)


QUERY_COUNTS = {"django_assert_num_queries", "django_assert_max_num_queries"}


@pytest.fixture(autouse=True)
def coherence(request, monkeypatch):
    """With --coherence: every cached page is checked after every write (tests/coherence.py)."""
    if (
        not request.config.getoption("--coherence")
        or not DATABASE_FIXTURES & set(request.fixturenames)
        or QUERY_COUNTS & set(request.fixturenames)  # its reads would be counted
    ):
        yield
        return
    watch = coherence_run.install(monkeypatch)
    with connection.execute_wrapper(watch):
        yield
        watch.check("at the end of the test")


# An icon drawn from the sprite ({% icon %}), and the parts of the front end a
# page may load only where it uses them.
SPRITE_ICON = re.compile(rb'<use href="[^"#]*/icons(?:\.[0-9a-f]+)?\.svg#([a-z0-9-]+)"')
SEARCHABLE_SELECT = re.compile(rb'<select [^>]*class="[^"]*\bjs-searchable-select\b')


@pytest.fixture(autouse=True)
def front_end_where_used(monkeypatch):
    """Every whole page any test fetches draws its icons from the sprite,
    each of them in it (an icon missing from the sprite is an empty space),
    never links the icon font, and loads Tom Select exactly when it has a
    searchable select (``templates/_tom_select.html``)."""

    def check(path, response):
        body = whole_page(response)
        if body is None:
            return
        assert b"bootstrap-icons" not in body, f"{path} links the icon font"
        missing = {n.decode() for n in SPRITE_ICON.findall(body)} - frontend.sprite_names()
        assert not missing, f"{path} draws icons missing from the sprite: {sorted(missing)}"
        uses = bool(SEARCHABLE_SELECT.search(body))
        loads = b"tom-select.complete.min.js" in body
        assert uses == loads, (
            f"{path} {'uses' if uses else 'does not use'} Tom Select, loads it {'' if loads else 'not'}"
        )

    check_each_request(monkeypatch, check)


def _people(agency, place):
    return SimpleNamespace(
        agency=agency,
        staff=make_user(agency, Role.STAFF, email=f"staf.{place}@test.id", name=f"Staf {place}"),
        penyuluh=make_user(
            agency, Role.PENYULUH, email=f"penyuluh.{place}@test.id", name=f"Penyuluh {place}"
        ),
        head=make_user(agency, Role.HEAD, email=f"kepala.{place}@test.id", name=f"Kepala {place}"),
    )


@pytest.fixture
def salatiga(db):
    """The visiting agency and its people."""
    return _people(make_agency("33.73", slug="kota-salatiga"), "salatiga")


@pytest.fixture
def magelang(db):
    """The host agency and its people."""
    return _people(make_agency("33.71", slug="kota-magelang"), "magelang")


@pytest.fixture
def malang(db):
    """An agency that has nothing to do with the visit."""
    return _people(make_agency("35.73", slug="kota-malang"), "malang")


@pytest.fixture
def story_visit(salatiga, magelang):
    """Builds a visit of Salatiga to Magelang with the fields given
    (``story_visit(status=..., start=...)``, as ``make_visit`` takes them)."""
    return functools.partial(make_visit, magelang.agency, salatiga.agency)


@pytest.fixture
def national_admin(db):
    """Enrolled with an authenticator app, as every national admin must be."""
    return make_national_admin()


@pytest.fixture
def admin_user(db):
    """pytest-django's superuser (``admin_client`` logs it in), enrolled with an
    authenticator app, as every national admin must be."""
    return make_national_admin(email="admin@example.com", name="Admin")


@pytest.fixture
def media_root(settings, tmp_path):
    """Uploaded files go to a folder of the test's own; its path. Modules that
    store files use it for every test (``pytest.mark.usefixtures("media_root")``)."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT
