"""The one mail task and the one helper for absolute links."""

import pytest
from django.db import transaction

from agencies.models import Invitation
from studitiru import mail
from studitiru.links import absolute_url
from tests.factories import make_agency, make_invitation

pytestmark = pytest.mark.django_db


def test_an_absolute_url_from_a_path_or_a_url_name(settings):
    settings.PORTAL_URL = "https://studitiru.example.go.id/"

    assert absolute_url("/undangan/abc/") == "https://studitiru.example.go.id/undangan/abc/"
    assert absolute_url("visits:detail", 7) == "https://studitiru.example.go.id/kunjungan/7/"


def not_a_composer(object_id):
    yield from ()


def test_the_task_runs_only_marked_composers():
    with pytest.raises(ValueError):
        mail.send_composed.call(mail.composer_name(not_a_composer), 1)


@mail.composer
def two_messages(object_id):
    context = {"report": None, "to_heads": True, "tz": "Asia/Jakarta", "url": "https://x.test/"}
    for to in (["a@x.test"], ["b@x.test", "c@x.test"]):
        yield mail.Email(
            "reports/report_email_subject.txt",
            "reports/report_email_body.txt",
            context,
            to,
            subject_prefix="[P] ",
        )


def test_the_task_sends_what_the_composer_yields(mailoutbox):
    assert mail.send_composed.call(mail.composer_name(two_messages), 1) == 3

    assert [message.to for message in mailoutbox] == [["a@x.test"], ["b@x.test", "c@x.test"]]
    assert all(message.subject.startswith("[P] ") for message in mailoutbox)
    assert all("\n" not in message.subject for message in mailoutbox)


@mail.composer
def writes_then_fails(invitation_id):
    Invitation.objects.filter(pk=invitation_id).update(token_hash="new")
    yield from ()
    raise ConnectionRefusedError("the mail server refused")


def test_a_refused_message_rolls_back_what_the_composer_wrote():
    invitation, _ = make_invitation(make_agency("33.71"))
    before = invitation.token_hash

    with pytest.raises(ConnectionRefusedError), transaction.atomic():
        mail.send_composed.call(mail.composer_name(writes_then_fails), invitation.pk)

    invitation.refresh_from_db()
    assert invitation.token_hash == before


@mail.composer
def nobody_to_tell(object_id):
    yield mail.Email("reports/report_email_subject.txt", "reports/report_email_body.txt", {}, [])


def test_a_message_without_recipients_is_not_sent(mailoutbox):
    assert mail.send_composed.call(mail.composer_name(nobody_to_tell), 1) == 0
    assert mailoutbox == []
