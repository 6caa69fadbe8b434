"""E-mail to the other agency when a visit moves along its lifecycle.

Sent through ``django.tasks``: in-process by default and in tests, a
database queue served by ``manage.py db_worker`` in production, so a slow
mail server never holds up a page."""

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.tasks import task
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from agencies.models import Role, User

from .models import Side, VisitEvent

# The people of an agency who keep its schedule and receive its requests.
NOTIFIED_ROLES = [Role.STAFF, Role.ADMIN]


def notify_other_side(event: VisitEvent) -> None:
    """Queue the e-mail about ``event`` once the current transaction commits."""
    if event.actor_agency_id is None:
        return
    transaction.on_commit(lambda: send_visit_event_email.enqueue(event.pk))


def recipients_for(event: VisitEvent) -> list[str]:
    visit = event.visit
    other = visit.host if event.actor_agency_id == visit.visitor_id else visit.visitor
    return list(
        User.objects.filter(
            is_active=True, membership__agency=other, membership__role__in=NOTIFIED_ROLES
        )
        .order_by("email")
        .values_list("email", flat=True)
    )


@task
def send_visit_event_email(event_id: int) -> int:
    """Send the e-mail about one timeline event; returns the number of recipients."""
    event = VisitEvent.objects.select_related(
        "visit__host__province", "visit__visitor__province", "actor", "actor_agency"
    ).get(pk=event_id)
    recipients = recipients_for(event)
    if not recipients:
        return 0
    visit = event.visit
    other_side = Side.HOST if event.actor_agency_id == visit.visitor_id else Side.VISITOR
    context = {
        "event": event,
        "visit": visit,
        "other_agency": visit.host if other_side == Side.HOST else visit.visitor,
        "tz": (visit.host if other_side == Side.HOST else visit.visitor).tzinfo,
        "url": settings.PORTAL_URL.rstrip("/") + reverse("visits:detail", args=[visit.pk]),
    }
    with translation.override(settings.LANGUAGE_CODE):
        subject = render_to_string("visits/email/event_subject.txt", context).strip()
        body = render_to_string("visits/email/event_body.txt", context)
    EmailMessage(subject=subject, body=body, to=recipients).send()
    return len(recipients)
