"""The portal's e-mail: one background task sends every message.

An app says only what differs: a *composer*, a generator marked
``@composer`` that takes one id (an event, an invitation, an address) and
yields the ``Email`` messages about it, none when nobody is to be told.
``enqueue_on_commit(composer, id)`` queues it once the current transaction
commits (``enqueue`` at once, where nothing is being written).

Tasks go through ``django.tasks``: in-process by default and in tests, a
database queue served by ``manage.py db_worker`` in production, so a slow
mail server never holds up a page. The task runs the composer in a
transaction: a composer that writes (a new invitation secret) is rolled back
when the mail server refuses, so the previous link keeps working."""

from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMessage
from django.db import transaction
from django.tasks import task
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.module_loading import import_string


@dataclass(frozen=True)
class Email:
    """One message: its two templates, their context and its recipients."""

    subject_template: str
    body_template: str
    context: dict
    to: list[str]
    subject_prefix: str = ""

    def send(self) -> None:
        """Send the message in each recipient's language: one message per
        language, to the recipients who chose it."""
        for language, to in recipients_by_language(self.to).items():
            with translation.override(language):
                subject = render_to_string(self.subject_template, self.context)
                body = render_to_string(self.body_template, self.context)
            subject = self.subject_prefix + " ".join(subject.split())
            EmailMessage(subject=subject, body=body, to=to).send()


def recipients_by_language(addresses: list[str]) -> dict[str, list[str]]:
    """``addresses`` grouped by the language their account chose
    (``User.language``), in their order; an address without an account (an
    invitation's) is written to in the portal's language."""
    chosen = dict(
        get_user_model()
        .objects.filter(email__in=[address.lower() for address in addresses])
        .values_list("email", "language")
    )
    groups: dict[str, list[str]] = {}
    for address in addresses:
        language = chosen.get(address.lower(), settings.LANGUAGE_CODE)
        groups.setdefault(language, []).append(address)
    return groups


def composer(function):
    """Mark ``function`` as one the task may run (it is named in the queue)."""
    function.composes_email = True
    return function


def composer_name(function) -> str:
    return f"{function.__module__}.{function.__qualname__}"


def enqueue(function, object_id) -> None:
    """Queue the e-mail that ``function`` composes about ``object_id``."""
    send_composed.enqueue(composer_name(function), object_id)


def enqueue_on_commit(function, object_id) -> None:
    """``enqueue`` once the current transaction commits (what it wrote is
    then there for the task to read)."""
    transaction.on_commit(lambda: enqueue(function, object_id))


@task
def send_composed(name: str, object_id) -> int:
    """Send what the composer ``name`` yields about ``object_id``; returns the
    number of recipients."""
    compose = import_string(name)
    if not getattr(compose, "composes_email", False):
        raise ValueError(f"{name} does not compose e-mail")
    recipients = 0
    with transaction.atomic():
        for email in compose(object_id):
            if email.to:  # nobody to tell
                email.send()
                recipients += len(email.to)
    return recipients
