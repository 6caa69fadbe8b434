"""Password reset through the task queue: the request answers every address
alike and looks no account up; the task e-mails the link to a known address
and nothing to an unknown one."""

import re

import pytest
from django.db import connection
from django.tasks import task_backends
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from pytest_django.asserts import assertRedirects

from agencies.models import Role
from agencies.password_reset import password_reset_emails
from studitiru.mail import composer_name, send_composed
from tests.factories import make_agency, make_user

pytestmark = pytest.mark.django_db

ACCOUNT_TABLES = ("agencies_user", "account_emailaddress")
COMPOSER = composer_name(password_reset_emails)


def send_password_reset_email(email):
    return send_composed.call(COMPOSER, email)


@pytest.fixture
def queued(settings):
    """Tasks are queued and not run, as with TASKS_BACKEND=database."""
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.dummy.DummyBackend"}}
    return task_backends["default"].results


@pytest.fixture
def budi():
    return make_user(make_agency("33.73"), Role.STAFF, email="budi@studitiru.test")


def request_reset(client, email):
    with CaptureQueriesContext(connection) as queries:
        response = client.post(reverse("account_reset_password"), {"email": email})
    return response, [query["sql"] for query in queries]


def test_a_known_and_an_unknown_address_are_answered_alike(client, budi, queued, mailoutbox):
    known, known_queries = request_reset(client, "budi@studitiru.test")
    unknown, unknown_queries = request_reset(client, "siapa@studitiru.test")

    assertRedirects(known, reverse("account_reset_password_done"), fetch_redirect_response=False)
    assertRedirects(unknown, reverse("account_reset_password_done"), fetch_redirect_response=False)
    assert len(known_queries) == len(unknown_queries)
    assert [q for q in known_queries + unknown_queries if any(t in q for t in ACCOUNT_TABLES)] == []
    assert mailoutbox == []
    assert [(r.task.name, r.args) for r in queued] == [
        ("send_composed", [COMPOSER, "budi@studitiru.test"]),
        ("send_composed", [COMPOSER, "siapa@studitiru.test"]),
    ]


def test_the_task_mails_a_working_link_to_a_known_address(client, budi, mailoutbox):
    assert send_password_reset_email("budi@studitiru.test") == 1

    assert [message.to for message in mailoutbox] == [["budi@studitiru.test"]]
    assert mailoutbox[0].subject == "[Portal Studi Tiru] Tautan untuk mengganti kata sandi"
    link = re.search(r"http://127.0.0.1:8000(/akun/password/reset/key/\S+/)", mailoutbox[0].body)
    form_page = client.get(link.group(1), follow=True)
    assert "Buat kata sandi baru" in form_page.text


def test_the_task_sends_nothing_for_an_unknown_or_inactive_address(budi, mailoutbox):
    budi.is_active = False
    budi.save()

    assert send_password_reset_email("siapa@studitiru.test") == 0
    assert send_password_reset_email("budi@studitiru.test") == 0
    assert mailoutbox == []
