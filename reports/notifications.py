"""E-mail about a report's review: the agency's heads when a report is
submitted, its writers when it is returned, approved, withdrawn or published.

Sent through ``django.tasks`` like ``visits.notifications``: in-process by
default and in tests, a database queue in production."""

import contextlib
from contextvars import ContextVar

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.db.models import Q
from django.tasks import task
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from agencies.models import User
from agencies.permissions import HEAD_ROLES

from .models import ReportEvent, ReportStatus
from .permissions import WRITER_ROLES

# True while steps are replayed rather than taken (the demo loader): nobody
# is told about them.
_muted = ContextVar("reports_notifications_muted", default=False)


@contextlib.contextmanager
def muted():
    token = _muted.set(True)
    try:
        yield
    finally:
        _muted.reset(token)


def notify_report_event(event: ReportEvent) -> None:
    """Queue the e-mail about ``event`` once the current transaction commits."""
    if _muted.get():
        return
    if event.from_status:  # creating the draft tells nobody
        transaction.on_commit(lambda: send_report_event_email.enqueue(event.pk))


def recipients_for(event: ReportEvent) -> list[str]:
    """Heads for a submitted report; otherwise the writers: the report's
    authors with an account and whoever started it, if still writers of the
    agency. Never the person who acted."""
    report = event.report
    members = User.objects.filter(is_active=True, membership__agency=report.agency_id)
    if event.to_status == ReportStatus.SUBMITTED:
        members = members.filter(membership__role__in=HEAD_ROLES)
    else:
        members = members.filter(
            Q(pk__in=report.authors.filter(user__isnull=False).values("user"))
            | Q(pk=report.created_by_id),
            membership__role__in=WRITER_ROLES,
        )
    if event.actor_id:
        members = members.exclude(pk=event.actor_id)
    return list(members.order_by("email").values_list("email", flat=True).distinct())


@task
def send_report_event_email(event_id: int) -> int:
    """Send the e-mail about one review step; returns the number of recipients."""
    event = ReportEvent.objects.select_related(
        "report__agency__province", "report__visit__host", "report__visit__visitor", "actor"
    ).get(pk=event_id)
    recipients = recipients_for(event)
    if not recipients:
        return 0
    report = event.report
    context = {
        "event": event,
        "report": report,
        "visit": report.visit,
        "to_heads": event.to_status == ReportStatus.SUBMITTED,
        "tz": report.agency.tzinfo,
        "url": settings.PORTAL_URL.rstrip("/") + reverse("reports:detail", args=[report.pk]),
    }
    with translation.override(settings.LANGUAGE_CODE):
        subject = render_to_string("reports/report_email_subject.txt", context).strip()
        body = render_to_string("reports/report_email_body.txt", context)
    EmailMessage(subject=subject, body=body, to=recipients).send()
    return len(recipients)
