"""How long participants' contact data is kept (UU PDP No. 27/2022).

A participant's NIP, phone and e-mail serve the visit: the invitation, the
attendance sheet, the report. Once the visit has been reported for
``PERSONAL_DATA_RETENTION_MONTHS`` months (default 24), they are erased by
``erase_expired_contacts`` — run daily from cron
(``manage.py erase_expired_contacts``) or queued as a ``django.tasks`` task
(``erase_expired_contacts_task``). Names, titles, positions and attendance
stay: they are the historical record of who took part.

When a visit was reported is the moment of its timeline event into
"reported"; a visit reported without such an event (imported data) counts
from its end.
"""

import calendar
import datetime
from dataclasses import dataclass

from django.conf import settings
from django.db.models import Exists, OuterRef, Q
from django.tasks import task
from django.utils import timezone

from .delegation import participants_erase_contacts
from .models import ContactErasure, Participant, Visit, VisitEvent, VisitStatus


def months_before(moment: datetime.datetime, months: int) -> datetime.datetime:
    """``moment`` shifted back by whole calendar months; the 31st of a month
    becomes the last day of a shorter one."""
    index = moment.year * 12 + (moment.month - 1) - months
    year, month = divmod(index, 12)
    month += 1
    day = min(moment.day, calendar.monthrange(year, month)[1])
    return moment.replace(year=year, month=month, day=day)


def retention_cutoff(now=None) -> datetime.datetime:
    """Visits reported before this moment have had their contact data long enough."""
    return months_before(now or timezone.now(), settings.PERSONAL_DATA_RETENTION_MONTHS)


def expired_visits(cutoff):
    """Reported visits whose report step (or, without one, their end) lies
    before ``cutoff``."""
    reported_late = VisitEvent.objects.filter(
        visit=OuterRef("pk"), to_status=VisitStatus.REPORTED, created_at__gte=cutoff
    )
    reported_at_all = VisitEvent.objects.filter(
        visit=OuterRef("pk"), to_status=VisitStatus.REPORTED
    )
    return (
        Visit.objects.filter(status=VisitStatus.REPORTED)
        .filter(~Exists(reported_late))
        .filter(Exists(reported_at_all) | Q(end__lt=cutoff))
    )


def expired_participants(cutoff):
    """Participants of expired visits whose contact data is still stored."""
    return Participant.objects.filter(
        visit__in=expired_visits(cutoff), contact_erased_at__isnull=True
    )


@dataclass(frozen=True)
class RetentionResult:
    visits: int
    participants: int
    cutoff: datetime.datetime


def erase_expired_contacts(*, now=None, dry_run=False) -> RetentionResult:
    """Erase the NIP, phone and e-mail of every participant of a visit
    reported more than the retention period ago (see the module docstring).
    With ``dry_run`` nothing changes; the counts say what would."""
    now = now or timezone.now()
    cutoff = retention_cutoff(now)
    participants = expired_participants(cutoff)
    visits = participants.values("visit_id").distinct().count()
    if dry_run:
        return RetentionResult(visits=visits, participants=participants.count(), cutoff=cutoff)
    erased = participants_erase_contacts(
        participants=participants, reason=ContactErasure.RETENTION, by=None, at=now
    )
    return RetentionResult(visits=visits, participants=erased, cutoff=cutoff)


@task
def erase_expired_contacts_task() -> int:
    """``erase_expired_contacts`` as a background task (for a scheduler that
    enqueues tasks rather than running commands); returns the number of
    participants erased."""
    return erase_expired_contacts().participants
