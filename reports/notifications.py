"""E-mail about a report's review: the agency's heads when a report is
submitted, its writers when it is returned, approved, withdrawn or published.

Sent by the portal's one mail task (``studitiru.mail``); this module says
who is told and with which templates."""

import contextlib
from contextvars import ContextVar

from django.db.models import Q

from agencies.models import User
from agencies.permissions import HEAD_ROLES
from studitiru import mail
from studitiru.links import absolute_url

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
        mail.enqueue_on_commit(report_event_emails, event.pk)


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


@mail.composer
def report_event_emails(event_id: int):
    """The e-mail about one review step."""
    event = ReportEvent.objects.select_related(
        "report__agency__province", "report__visit__host", "report__visit__visitor", "actor"
    ).get(pk=event_id)
    report = event.report
    context = {
        "event": event,
        "report": report,
        "visit": report.visit,
        "to_heads": event.to_status == ReportStatus.SUBMITTED,
        "tz": report.agency.tzinfo,
        "url": absolute_url("reports:detail", report.pk),
    }
    yield mail.Email(
        "reports/report_email_subject.txt",
        "reports/report_email_body.txt",
        context,
        recipients_for(event),
    )
