"""The portal as production runs it: HTTPS on by default with DEBUG off, the
deployment check passing with the environment the README documents, the
documented order of set-up commands, and no logged-in page kept by a browser
or a proxy."""

import datetime
import json
import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse

from reports.models import CheckIn
from tests.factories import make_adoption_item, make_participant, make_report, make_visit
from visits.models import VisitStatus

ROOT = Path(__file__).resolve().parent.parent

# What the test run sets (pyproject.toml) or a developer's shell may hold, and
# a production server does not.
NOT_IN_PRODUCTION = (
    "DEBUG",
    "TESTING",
    "SECRET_KEY",
    "DATABASE_URL",
    "REDIS_URL",
    "ALLOWED_HOSTS",
    "CSRF_TRUSTED_ORIGINS",
    "BEHIND_PROXY",
    "EMAIL_HOST",
    "SECURE_SSL_REDIRECT",
    "SECURE_COOKIES",
    "SECURE_HSTS_SECONDS",
    "SECURE_HSTS_INCLUDE_SUBDOMAINS",
    "SECURE_HSTS_PRELOAD",
    "DJANGO_SETTINGS_MODULE",
    "STATIC_ROOT",
    "VAR_DIR",
    # Set by the browser tests for Playwright's event loop (tests/browser/).
    "DJANGO_ALLOW_ASYNC_UNSAFE",
)


def production_env(tmp_path, **overrides):
    """The production environment of the README ("Keamanan dan data
    pribadi"), nothing inherited from the test run."""
    env = {k: v for k, v in os.environ.items() if k not in NOT_IN_PRODUCTION}
    env |= {
        "DJANGO_SETTINGS_MODULE": "studitiru.settings",
        "DEBUG": "false",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "studitiru.dinsos.example.go.id",
        "CSRF_TRUSTED_ORIGINS": "https://studitiru.dinsos.example.go.id",
        "DATABASE_URL": "postgres://studitiru:rahasia@127.0.0.1:5432/studitiru",
        "BEHIND_PROXY": "true",
        "ALLAUTH_TRUSTED_PROXY_COUNT": "1",
        "EMAIL_HOST": "smtp.example.go.id",
        "STATIC_ROOT": str(tmp_path / "static"),
        "VAR_DIR": str(tmp_path / "var"),
    }
    return env | overrides


def run(args, env, **kwargs):
    return subprocess.run(
        [sys.executable, *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        **kwargs,
    )


def security_settings(env):
    script = (
        "import json, django; django.setup(); from django.conf import settings as s;"
        "print(json.dumps({n: getattr(s, n) for n in ("
        "'SECURE_SSL_REDIRECT', 'SESSION_COOKIE_SECURE', 'CSRF_COOKIE_SECURE',"
        "'SECURE_HSTS_SECONDS', 'SECURE_HSTS_INCLUDE_SUBDOMAINS', 'SECURE_HSTS_PRELOAD',"
        "'SECURE_PROXY_SSL_HEADER')}))"
    )
    result = run(["-c", script], env)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


# --- Settings -----------------------------------------------------------------------


def test_the_deployment_check_passes_with_the_documented_production_environment(tmp_path):
    result = run(
        ["manage.py", "check", "--deploy", "--fail-level", "WARNING"], production_env(tmp_path)
    )

    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def test_with_debug_off_https_secure_cookies_and_hsts_are_on_without_being_asked(tmp_path):
    env = production_env(tmp_path)
    del env["BEHIND_PROXY"]

    assert security_settings(env) == {
        "SECURE_SSL_REDIRECT": True,
        "SESSION_COOKIE_SECURE": True,
        "CSRF_COOKIE_SECURE": True,
        "SECURE_HSTS_SECONDS": 31_536_000,
        "SECURE_HSTS_INCLUDE_SUBDOMAINS": True,
        "SECURE_HSTS_PRELOAD": False,
        "SECURE_PROXY_SSL_HEADER": None,
    }


def test_each_https_default_is_turned_off_only_by_name(tmp_path):
    env = production_env(
        tmp_path,
        SECURE_SSL_REDIRECT="false",
        SECURE_COOKIES="false",
        SECURE_HSTS_SECONDS="0",
        SECURE_HSTS_INCLUDE_SUBDOMAINS="false",
        SECURE_HSTS_PRELOAD="true",
    )

    assert security_settings(env) == {
        "SECURE_SSL_REDIRECT": False,
        "SESSION_COOKIE_SECURE": False,
        "CSRF_COOKIE_SECURE": False,
        "SECURE_HSTS_SECONDS": 0,
        "SECURE_HSTS_INCLUDE_SUBDOMAINS": False,
        "SECURE_HSTS_PRELOAD": True,
        "SECURE_PROXY_SSL_HEADER": ["HTTP_X_FORWARDED_PROTO", "https"],
    }


def test_with_debug_off_plain_http_is_redirected_and_https_answers_with_hsts(tmp_path):
    """The headers themselves, through the middleware, behind the documented
    reverse proxy that says which scheme the browser used."""
    script = (
        "import django; django.setup();"
        "from django.test import Client; c = Client();"
        "r = c.get('/berita/', headers={'host': 'studitiru.dinsos.example.go.id'});"
        "print(r.status_code, r['Location']);"
        # A load balancer's plain-HTTP health probe is answered, not redirected.
        "r = c.get('/sehat/', headers={'host': 'studitiru.dinsos.example.go.id'});"
        "print(r.status_code);"
        "r = c.get('/sehat/', headers={'host': 'studitiru.dinsos.example.go.id',"
        " 'x-forwarded-proto': 'https'});"
        "print(r.status_code, r['Strict-Transport-Security'])"
    )
    env = production_env(tmp_path, DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}")

    result = run(["-c", script], env)

    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [
        "301 https://studitiru.dinsos.example.go.id/berita/",
        "200",
        "200 max-age=31536000; includeSubDomains",
    ]


def test_migrate_runs_before_collectstatic_with_debug_off(tmp_path):
    """The README's order on a new server: migrate, then collectstatic. The
    URLs are imported by migrate's checks, before any static manifest exists."""
    env = production_env(tmp_path, DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}")

    result = run(["manage.py", "migrate", "--noinput", "-v", "0"], env)

    assert result.returncode == 0, result.stderr
    assert not (tmp_path / "static").exists()
    assert (tmp_path / "db.sqlite3").exists()


def test_the_favicon_is_found_at_request_time(client):
    response = client.get("/favicon.ico")

    assert response.status_code == 301
    assert response["Location"] == "/static/img/favicon.svg"


# --- Cache-Control ------------------------------------------------------------------


@pytest.fixture
def visit(salatiga, magelang):
    visit = make_visit(magelang.agency, salatiga.agency, status=VisitStatus.SCHEDULED)
    make_participant(visit, name="Budi Santoso", nip="198001012006041001", phone="081234567890")
    return visit


def test_a_logged_in_users_page_is_private_and_asked_for_again(client, salatiga, visit):
    client.force_login(salatiga.staff)

    for url in (reverse("visits:dashboard"), reverse("visits:detail", args=[visit.pk])):
        response = client.get(url)
        assert response.status_code == 200
        assert response["Cache-Control"] == "private, no-cache"


def test_a_public_page_for_an_anonymous_visitor_keeps_its_own_caching(client, db):
    response = client.get(reverse("reports:news_list"))

    assert response.status_code == 200
    assert "Cache-Control" not in response


def test_a_public_page_shown_to_a_logged_in_user_is_private(client, salatiga):
    """It shows the user's name in the menu."""
    client.force_login(salatiga.staff)

    response = client.get(reverse("reports:news_list"))

    assert "Staf salatiga" in response.content.decode()
    assert response["Cache-Control"] == "private, no-cache"


@pytest.mark.parametrize(
    ("name", "shown"),
    [("visits:participants", "198001012006041001"), ("visits:attendance", "Budi Santoso")],
)
def test_the_participant_lists_are_not_stored(client, salatiga, visit, name, shown):
    client.force_login(salatiga.staff)

    response = client.get(reverse(name, args=[visit.pk]))

    assert response.status_code == 200
    assert shown in response.content.decode()
    assert response["Cache-Control"] == "private, no-store"


def test_the_members_list_is_not_stored(client, salatiga):
    client.force_login(salatiga.staff)

    response = client.get(reverse("agencies:members"))

    assert response.status_code == 200
    assert "penyuluh.salatiga@test.id" in response.content.decode()
    assert response["Cache-Control"] == "private, no-store"


def test_a_letter_download_is_not_stored(client, salatiga, visit, media_root):
    visit.request_letter_file.save("surat.pdf", ContentFile(b"%PDF-1.4\n%%EOF\n"))
    client.force_login(salatiga.staff)

    response = client.get(reverse("visits:letter", args=[visit.pk, "permohonan"]))

    assert response.status_code == 200
    assert response["Cache-Control"] == "private, no-store"


def test_an_evidence_download_is_not_stored(client, salatiga, visit, media_root):
    item = make_adoption_item(make_report(visit, salatiga.agency), status="in_progress")
    check_in = CheckIn.objects.create(
        item=item, date=datetime.date(2026, 12, 1), note="Notulen rapat."
    )
    check_in.evidence.save("bukti.pdf", ContentFile(b"%PDF-1.4\n%%EOF\n"))
    client.force_login(salatiga.staff)

    response = client.get(reverse("reports:checkin_evidence", args=[check_in.pk]))

    assert response.status_code == 200
    assert response["Cache-Control"] == "private, no-store"
