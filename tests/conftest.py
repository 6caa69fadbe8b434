"""Shared fixtures of the test suite: the people of the story.

Salatiga visits Magelang (seed 000); Malang is an unrelated agency. Each
agency has a coordinator (staff), a penyuluh and a head; ``national_admin``
is a superuser without an agency."""

from types import SimpleNamespace

import pytest
from django.core.cache import caches
from django.db import connection

from agencies.models import Role, User
from tests.factories import make_agency, make_user


def pytest_report_header(config):
    return f"database: {connection.vendor} ({connection.settings_dict['NAME']})"


@pytest.fixture(autouse=True)
def empty_caches():
    """No test sees what another left in a cache (a rendered PDF, a feed)."""
    for cache in caches.all():
        cache.clear()


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
def national_admin(db):
    return User.objects.create_superuser(
        email="admin@test.id", password="password", name="Admin Nasional"
    )
