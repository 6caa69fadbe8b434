"""The project as an operator meets it: settings, migrations, the home page."""

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command

ROOT = Path(__file__).resolve().parent.parent


def _django_check(**env):
    clean = {k: v for k, v in os.environ.items() if k not in {"SECRET_KEY", "DEBUG"}}
    return subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=ROOT,
        env=clean | env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_production_without_a_secret_key_refuses_to_start():
    result = _django_check(DEBUG="false")
    assert result.returncode != 0
    assert "SECRET_KEY is not set" in result.stderr


def test_development_starts_without_a_secret_key():
    result = _django_check(DEBUG="true")
    assert result.returncode == 0, result.stderr


def test_a_malformed_boolean_is_refused_clearly():
    result = _django_check(DEBUG="maybe")
    assert result.returncode != 0
    assert "DEBUG must be true or false" in result.stderr


@pytest.mark.django_db
def test_models_and_migrations_agree():
    call_command("makemigrations", "--check", "--dry-run", verbosity=0)


@pytest.mark.django_db
def test_home_page_is_public_and_in_indonesian(client):
    response = client.get("/")
    assert response.status_code == 200
    assert response["Content-Language"] == "id"
    content = response.content.decode()
    assert "<title>Portal Studi Tiru</title>" in content
    assert "Amati, Tiru, Modifikasi" in content
    assert "Masuk" in content


@pytest.mark.django_db
def test_pages_send_a_content_security_policy(client):
    response = client.get("/")
    assert "script-src 'self'" in response["Content-Security-Policy"]


@pytest.mark.django_db
def test_indonesian_is_shown_even_to_an_english_browser(client):
    response = client.get("/akun/login/", headers={"accept-language": "en-US,en;q=0.9"})
    assert response["Content-Language"] == "id"
    assert page_title(response) == "Masuk"


@pytest.mark.django_db
def test_a_user_can_switch_to_english(client):
    response = client.post("/bahasa/", {"language": "en", "next": "/akun/login/"})
    assert response.status_code == 302
    response = client.get("/akun/login/")
    assert response["Content-Language"] == "en"
    assert page_title(response) == "Sign In"


def page_title(response):
    return re.search(r"<title>(.*?)</title>", response.content.decode(), re.S).group(1).strip()


def test_the_health_check_answers_without_login_or_database(db, client, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = client.get("/sehat/")

    assert response.status_code == 200
    assert response.content == b"ok\n"
    assert "no-cache" in response["Cache-Control"]


def test_with_redis_url_the_cache_and_sessions_live_in_redis():
    """Several app processes share sessions through Redis (read from it, kept
    in the database behind it): the client library must be installed and the
    settings must reach the server (CI's Redis at 127.0.0.1:6379)."""
    script = (
        "import django; django.setup();"
        "from django.conf import settings;"
        "assert settings.SESSION_ENGINE == 'django.contrib.sessions.backends.cached_db';"
        "from django.core.cache import cache;"
        "from django.contrib.sessions.backends.cache import SessionStore;"
        "cache.set('studitiru-test', 'ok', 10); assert cache.get('studitiru-test') == 'ok';"
        "s = SessionStore(); s['x'] = 1; s.create();"
        "assert SessionStore(session_key=s.session_key)['x'] == 1; print('redis ok')"
    )
    env = os.environ | {
        "DEBUG": "true",
        "REDIS_URL": "redis://127.0.0.1:6379/15",
        "DJANGO_SETTINGS_MODULE": "studitiru.settings",
    }
    result = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, env=env, capture_output=True, text=True
    )

    assert result.returncode == 0, result.stderr
    assert "redis ok" in result.stdout


def test_form_widgets_are_drawn_from_jinja2_and_the_admins_from_the_template_language():
    """Django's own widgets come from its Jinja2 templates (the cheaper
    engine); a widget whose template exists only in Django's template
    language (the admin's) is still drawn, with that language."""
    from django import forms
    from django.contrib.admin.widgets import AdminDateWidget
    from django.forms.renderers import get_default_renderer
    from django.template.backends.jinja2 import Template as Jinja2Template

    renderer = get_default_renderer()
    assert isinstance(renderer.get_template("django/forms/widgets/select.html"), Jinja2Template)
    select = forms.Select(choices=[("a", "Satu"), ("b", "Dua & tiga")])
    html = select.render("pilihan", "b", renderer=renderer)
    assert '<option value="b" selected>Dua &amp; tiga</option>' in html
    date = AdminDateWidget().render("tanggal", "2026-01-08", renderer=renderer)
    assert 'class="vDateField"' in date and 'value="2026-01-08"' in date


def test_the_redis_cache_shares_one_client_between_calls():
    """A page from the cache costs two Redis calls; a new redis-py client for
    each (Django's way) cost half a millisecond more than the page itself."""
    from studitiru.caches import RedisCache

    cache = RedisCache("redis://127.0.0.1:6379/15", {"KEY_PREFIX": "studitiru-test"})
    cache.set("shared", "ok", 10)

    assert cache.get("shared") == "ok"
    assert cache._cache.get_client() is cache._cache.get_client(write=True)
