"""Sessions (allauth.usersessions): deactivating an account ends every session
it has, so reactivating it does not bring them back; a user sees their active
sessions on "Sesi aktif" and can end the others."""

import re

import pytest
from allauth.usersessions.models import UserSession
from django.conf import settings
from django.contrib.sessions.backends.cached_db import KEY_PREFIX
from django.contrib.sessions.models import Session
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from pytest_django.asserts import assertContains

from agencies.models import Role
from tests.factories import agency_fixture, make_national_admin, make_user, totp_code

pytestmark = pytest.mark.django_db


salatiga = agency_fixture("33.73")


def logged_in_browser(email, *, code=False, agent="Mozilla/5.0 (X11; Linux) Firefox/140.0"):
    browser = Client(headers={"user-agent": agent})
    response = browser.post(reverse("account_login"), {"login": email, "password": "password"})
    assert response.status_code == 302
    if code:
        browser.post(reverse("mfa_authenticate"), {"code": totp_code()})
    return browser


def test_reactivating_a_member_does_not_revive_their_old_sessions(salatiga):
    penyuluh = make_user(salatiga, Role.PENYULUH, email="p@test.id")
    coordinator = make_user(salatiga, Role.STAFF, email="staf@test.id")
    their_browser = logged_in_browser("p@test.id")
    assert their_browser.get(reverse("visits:dashboard")).status_code == 200
    coordinators_browser = logged_in_browser("staf@test.id")

    coordinators_browser.post(reverse("agencies:deactivate_member", args=[penyuluh.membership.pk]))
    coordinators_browser.post(reverse("agencies:reactivate_member", args=[penyuluh.membership.pk]))

    penyuluh.refresh_from_db()
    assert penyuluh.is_active is True
    response = their_browser.get(reverse("visits:dashboard"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))
    assert UserSession.objects.filter(user=penyuluh).exists() is False
    # The coordinator's own session goes on.
    assert coordinators_browser.get(reverse("visits:dashboard")).status_code == 200
    assert coordinator.is_active


def test_a_session_opened_by_accepting_an_invitation_ends_too(salatiga):
    from tests.factories import make_invitation

    coordinator = make_user(salatiga, Role.STAFF, email="staf@test.id")
    invitation, token = make_invitation(salatiga, Role.PENYULUH, by=coordinator)
    newcomer = Client()
    newcomer.post(
        reverse("agencies:accept_invitation", args=[token]),
        {
            "name": "Sri Wahyuni",
            "password1": "Salatiga-Hati-2023",
            "password2": "Salatiga-Hati-2023",
        },
    )
    assert newcomer.get(reverse("visits:dashboard")).status_code == 200
    invitation.refresh_from_db()

    logged_in_browser("staf@test.id").post(
        reverse("agencies:deactivate_member", args=[invitation.user.membership.pk])
    )
    invitation.user.is_active = True
    invitation.user.save()

    assert newcomer.get(reverse("visits:dashboard")).status_code == 302


def test_deactivating_in_the_admin_ends_the_sessions_too(salatiga):
    penyuluh = make_user(salatiga, Role.PENYULUH, email="p@test.id")
    their_browser = logged_in_browser("p@test.id")
    admin_browser = logged_in_browser(make_national_admin().email, code=True)
    change_url = reverse("admin:agencies_user_change", args=[penyuluh.pk])
    form = admin_browser.get(change_url).context["adminform"].form
    data = {name: value for name, value in form.initial.items() if value is not None}
    data |= {
        "email": penyuluh.email,
        "name": penyuluh.name,
        "is_active": "",
        "date_joined_0": penyuluh.date_joined.strftime("%d/%m/%Y"),
        "date_joined_1": penyuluh.date_joined.strftime("%H:%M:%S"),
        "membership-TOTAL_FORMS": "1",
        "membership-INITIAL_FORMS": "1",
        "membership-0-id": penyuluh.membership.pk,
        "membership-0-user": penyuluh.pk,
        "membership-0-agency": salatiga.pk,
        "membership-0-role": Role.PENYULUH,
    }
    data.pop("last_login", None)
    data.pop("groups", None)
    data.pop("user_permissions", None)

    response = admin_browser.post(change_url, data)

    assert response.status_code == 302, response.context["adminform"].form.errors
    penyuluh.refresh_from_db()
    assert penyuluh.is_active is False
    penyuluh.is_active = True
    penyuluh.save()
    assert their_browser.get(reverse("visits:dashboard")).status_code == 302


def test_a_user_sees_their_sessions_and_ends_the_others(salatiga):
    make_user(salatiga, Role.PENYULUH, email="p@test.id")
    laptop = logged_in_browser("p@test.id", agent="Laptop Firefox")
    phone = logged_in_browser("p@test.id", agent="Ponsel Chrome")

    page = laptop.get(reverse("usersessions_list"))
    laptop.post(reverse("usersessions_list"))

    assertContains(page, "Sesi aktif")
    assertContains(page, "Laptop Firefox")
    assertContains(page, "Ponsel Chrome")
    assertContains(page, "Keluarkan sesi lain")
    assert phone.get(reverse("visits:dashboard")).status_code == 302
    assert laptop.get(reverse("visits:dashboard")).status_code == 200


# --- Where sessions are kept -----------------------------------------------------------


def test_a_session_outlives_a_cleared_cache_and_logging_out_ends_both_copies(salatiga):
    """Sessions are read from the cache and kept in the database behind it: an
    emptied or restarted cache logs nobody out, and a logout leaves no copy
    that a stolen cookie could use."""
    make_user(salatiga, Role.STAFF, email="staf@test.id")
    browser = logged_in_browser("staf@test.id")
    key = browser.cookies[settings.SESSION_COOKIE_NAME].value
    assert cache.get(KEY_PREFIX + key) is not None
    assert Session.objects.filter(session_key=key).exists()

    cache.clear()
    assert browser.get(reverse("visits:dashboard")).status_code == 200

    browser.post(reverse("account_logout"))
    assert cache.get(KEY_PREFIX + key) is None
    assert Session.objects.filter(session_key=key).exists() is False
    stolen = Client()
    stolen.cookies[settings.SESSION_COOKIE_NAME] = key
    assert stolen.get(reverse("visits:dashboard")).status_code == 302


def test_every_request_loads_the_user_with_their_agency_in_one_query(client, salatiga):
    """The user, their membership, agency and its province (the time zone):
    what every page reads, in the query that finds the user."""
    user = make_user(salatiga, Role.STAFF, email="staf@test.id")
    client.force_login(user)

    with CaptureQueriesContext(connection) as captured:
        response = client.get(reverse("visits:dashboard"))

    assert response.wsgi_request.user == user
    user_queries = [
        q["sql"] for q in captured.captured_queries if 'FROM "agencies_user"' in q["sql"]
    ]
    assert len(user_queries) == 1
    joined = re.findall(r'JOIN "(\w+)"', user_queries[0])
    assert joined == ["agencies_membership", "agencies_agency", "agencies_province"]
    with CaptureQueriesContext(connection) as later:
        agency = response.wsgi_request.user.membership.agency
        assert (agency.name, agency.tzinfo) == (salatiga.name, salatiga.tzinfo)
    assert later.captured_queries == []
