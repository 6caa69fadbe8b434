"""E-mail to the other agency when a visit moves along its lifecycle.

Sent by the portal's one mail task (``studitiru.mail``); this module says
who is told and with which templates."""

from agencies.models import Role, User
from studitiru import mail
from studitiru.links import absolute_url

from .models import Side, VisitEvent

# The people of an agency who keep its schedule and receive its requests.
NOTIFIED_ROLES = [Role.STAFF, Role.ADMIN]


def notify_other_side(event: VisitEvent) -> None:
    """Queue the e-mail about ``event`` once the current transaction commits."""
    if event.actor_agency_id is None:
        return
    mail.enqueue_on_commit(visit_event_emails, event.pk)


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


@mail.composer
def visit_event_emails(event_id: int):
    """The e-mail about one timeline event to the other agency's staff."""
    event = VisitEvent.objects.select_related(
        "visit__host__province", "visit__visitor__province", "actor", "actor_agency"
    ).get(pk=event_id)
    visit = event.visit
    other_side = Side.HOST if event.actor_agency_id == visit.visitor_id else Side.VISITOR
    context = {
        "event": event,
        "visit": visit,
        "other_agency": visit.host if other_side == Side.HOST else visit.visitor,
        "url": absolute_url("visits:detail", visit.pk),
    }
    yield mail.Email(
        "visits/email/event_subject.txt",
        "visits/email/event_body.txt",
        context,
        recipients_for(event),
    )
