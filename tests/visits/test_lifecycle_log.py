"""Every lifecycle step is recorded in the visit's timeline."""

import pytest
from django.core.exceptions import ValidationError

from agencies.models import Role
from tests.factories import make_agency, make_user, make_visit
from visits.models import VisitEvent, VisitStatus
from visits.services import move_visit

pytestmark = pytest.mark.django_db


def test_moving_a_visit_records_who_when_from_to_and_why():
    salatiga = make_agency("33.73")
    visit = make_visit(make_agency("33.71"), salatiga, status=VisitStatus.DRAFT)
    staff = make_user(salatiga, Role.STAFF)

    move_visit(visit=visit, to_status=VisitStatus.REQUESTED, by=staff, comment="Mohon diterima.")

    visit.refresh_from_db()
    event = VisitEvent.objects.get(visit=visit)
    assert visit.status == VisitStatus.REQUESTED
    assert (event.actor, event.actor_agency, event.from_status, event.to_status, event.comment) == (
        staff,
        salatiga,
        VisitStatus.DRAFT,
        VisitStatus.REQUESTED,
        "Mohon diterima.",
    )


def test_a_step_the_lifecycle_does_not_allow_is_refused_and_changes_nothing():
    visit = make_visit(make_agency("33.71"), make_agency("33.73"), status=VisitStatus.DRAFT)

    with pytest.raises(ValidationError):
        move_visit(visit=visit, to_status=VisitStatus.HELD, by=None)

    visit.refresh_from_db()
    assert visit.status == VisitStatus.DRAFT
    assert VisitEvent.objects.count() == 0


@pytest.mark.parametrize(
    "status",
    [VisitStatus.DRAFT, VisitStatus.REQUESTED, VisitStatus.DATE_PROPOSED, VisitStatus.SCHEDULED],
)
def test_a_visit_can_be_cancelled_before_it_is_held(status):
    visit = make_visit(make_agency("33.71"), make_agency("33.73"), status=status)
    assert visit.can_move_to(VisitStatus.CANCELLED)


@pytest.mark.parametrize(
    "status", [VisitStatus.HELD, VisitStatus.REPORTED, VisitStatus.DECLINED, VisitStatus.CANCELLED]
)
def test_a_visit_cannot_be_cancelled_once_held_or_closed(status):
    visit = make_visit(make_agency("33.71"), make_agency("33.73"), status=status)
    assert not visit.can_move_to(VisitStatus.CANCELLED)
