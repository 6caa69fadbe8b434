"""Login rate limits (allauth, ACCOUNT_RATE_LIMITS), counted in the cache all
app processes share: 5 failed logins of one account, then even the right
password is refused for a while; the admin's login is the portal's login.
The same limits across three gunicorn workers: test_rate_limits_gunicorn.py."""

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains

from agencies.models import Role
from tests.factories import make_agency, make_national_admin, make_user

ROOT = Path(__file__).resolve().parent.parent.parent
BLOCKED = "Terlalu banyak percobaan masuk yang gagal. Coba lagi nanti."
WRONG = "Alamat e-mail dan/atau kata sandi yang anda masukkan tidak benar."


def logged_in_user_id(client):
    return client.session.get("_auth_user_id")


@pytest.mark.django_db
def test_20_wrong_admin_passwords_are_blocked_before_the_6th_and_then_so_is_the_right_one(
    client,
):
    admin = make_national_admin()
    # /admin/ → /admin/login/ → the portal's login page, which returns to the admin.
    login_url = client.get(client.get("/admin/")["Location"])["Location"]
    assert login_url.startswith(reverse("account_login") + "?next=")

    answers = []
    for attempt in range(20):
        response = client.post(login_url, {"login": admin.email, "password": f"tebakan-{attempt}"})
        answers.append(
            BLOCKED if BLOCKED in response.text else WRONG if WRONG in response.text else "?"
        )
    right = client.post(login_url, {"login": admin.email, "password": "password"})

    assert answers == [WRONG] * 5 + [BLOCKED] * 15
    assertContains(right, BLOCKED)
    assertNotContains(right, WRONG)
    assert logged_in_user_id(client) is None
    assert client.get("/admin/").status_code == 302


@pytest.mark.django_db
def test_failed_logins_of_colleagues_behind_one_address_do_not_lock_out_another(client):
    """One office behind one NAT address: ten people mistyping their password
    in a minute (the old per-address limit) must not refuse an eleventh
    colleague's right password."""
    agency = make_agency("33.73")
    colleagues = [make_user(agency, Role.STAFF) for _ in range(12)]
    for colleague in colleagues[:11]:
        client.post(reverse("account_login"), {"login": colleague.email, "password": "salah"})

    response = client.post(
        reverse("account_login"), {"login": colleagues[11].email, "password": "password"}
    )

    assert response.status_code == 302
    assert logged_in_user_id(client) == str(colleagues[11].pk)


@pytest.mark.django_db
def test_one_accounts_failures_do_not_block_another_account(client):
    agency = make_agency("33.73")
    target, colleague = make_user(agency, Role.STAFF), make_user(agency, Role.STAFF)
    for _ in range(6):
        client.post(reverse("account_login"), {"login": target.email, "password": "salah"})

    client.post(reverse("account_login"), {"login": colleague.email, "password": "password"})

    assert logged_in_user_id(client) == str(colleague.pk)


@pytest.mark.django_db
def test_the_counters_live_in_the_shared_database_cache(client):
    from django.core.cache import caches
    from django.core.cache.backends.db import DatabaseCache
    from django.db import connection

    agency = make_agency("33.73")
    user = make_user(agency, Role.STAFF)
    client.post(reverse("account_login"), {"login": user.email, "password": "salah"})

    assert isinstance(caches["default"], DatabaseCache)
    with connection.cursor() as cursor:
        cursor.execute("SELECT cache_key FROM studitiru_cache")
        keys = [row[0] for row in cursor.fetchall()]
    assert any(":allauth:rl:allauth.account:login_failed:5/300.0/key:" in key for key in keys)


def _settings_of(**env):
    """Settings as a fresh process reads them from ``env``."""
    script = (
        "import django; django.setup(); from django.conf import settings as s;"
        "print(s.CACHES['default']['BACKEND']);"
        "print(s.ALLAUTH_TRUSTED_PROXY_COUNT, s.ALLAUTH_TRUSTED_CLIENT_IP_HEADER)"
    )
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("REDIS", "ALLAUTH_"))}
    result = subprocess.run(
        [sys.executable, "-c", script],
        cwd=ROOT,
        env=clean | {"DEBUG": "true", "DJANGO_SETTINGS_MODULE": "studitiru.settings"} | env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.split("\n")[:2]


def test_without_redis_the_default_cache_is_the_database_and_no_proxy_is_trusted():
    assert _settings_of() == ["django.core.cache.backends.db.DatabaseCache", "0 None"]


def test_with_redis_the_default_cache_is_redis():
    backend, _ = _settings_of(REDIS_URL="redis://127.0.0.1:6379/15")
    assert backend == "studitiru.caches.RedisCache"


def test_trusted_proxies_come_from_the_environment():
    _, proxies = _settings_of(
        ALLAUTH_TRUSTED_PROXY_COUNT="1", ALLAUTH_TRUSTED_CLIENT_IP_HEADER="X-Real-IP"
    )
    assert proxies == "1 X-Real-IP"


def test_migrate_creates_the_cache_table_on_a_clean_checkout(tmp_path):
    """`manage.py migrate` is the one documented step: no createcachetable."""
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "REDIS_URL"}}
    result = subprocess.run(
        [sys.executable, "manage.py", "migrate", "--noinput", "-v", "0"],
        cwd=ROOT,
        env=env | {"DEBUG": "true", "VAR_DIR": str(tmp_path)},
        capture_output=True,
        text=True,
        timeout=300,
    )

    assert result.returncode == 0, result.stderr
    with sqlite3.connect(tmp_path / "db.sqlite3") as db:
        tables = {row[0] for row in db.execute("SELECT name FROM sqlite_master")}
    assert "studitiru_cache" in tables
