"""Every predicate of ``visits.permissions`` on its own: who (role × side of
the visit) may do what in which state of the visit, and what the loader and
the refusals answer. The tables list whom a predicate lets through; every
other person of ``tests.rules.people()`` in every state is refused."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils import timezone

from agencies.models import Role
from tests.factories import make_visit
from tests.rules import (
    HOST,
    OUTSIDER,
    ROLES,
    SCHEDULERS,
    VISITOR,
    Pinned,
    granted,
    of,
    people,
    person,
    request_by,
)
from visits import permissions
from visits.models import Side, Visit, VisitStatus

S = VisitStatus
ALL = tuple(VisitStatus)
OPEN = (S.DRAFT, S.REQUESTED, S.DATE_PROPOSED, S.SCHEDULED)
PLANNING = (*OPEN, S.HELD)
SUBMITTED = tuple(state for state in ALL if state != S.DRAFT)
# The host's side of a visit starts once the request is sent.
HOST_OPEN = tuple(state for state in OPEN if state != S.DRAFT)
HOST_PLANNING = tuple(state for state in PLANNING if state != S.DRAFT)
HISTORY_READERS = (Role.HEAD, Role.ADMIN)
DAY = datetime.timedelta(days=1)

pinned = Pinned()


def visits(*, started=False) -> dict:
    """Salatiga's (VISITOR) visit to Magelang (HOST) in each state, by state:
    started yesterday, or a month ahead."""
    start = timezone.now() + (-DAY if started else 30 * DAY)
    return {
        state: Visit(host=HOST, visitor=VISITOR, status=state, start=start, end=start + DAY)
        for state in ALL
    }


TABLES = {
    "can_view": of("visitor", ROLES, ALL) | of("host", ROLES, SUBMITTED),
    "can_edit_request": of("visitor", SCHEDULERS, (S.DRAFT, S.REQUESTED)),
    "can_submit": of("visitor", SCHEDULERS, (S.DRAFT,)),
    "can_answer_request": of("host", SCHEDULERS, (S.REQUESTED,)),
    "can_answer_proposal": of("visitor", SCHEDULERS, (S.DATE_PROPOSED,)),
    "can_record_reply_letter": of("host", SCHEDULERS, SUBMITTED),
    "can_cancel": of("visitor", SCHEDULERS, OPEN),
    # The host plans (agenda, attendance, its people) only once it has been
    # sent the request: a draft is the visitor's alone.
    "can_edit_agenda": of("visitor", SCHEDULERS, PLANNING) | of("host", SCHEDULERS, HOST_PLANNING),
    "can_mark_attendance": (
        of("visitor", SCHEDULERS, PLANNING) | of("host", SCHEDULERS, HOST_PLANNING)
    ),
    "can_view_history": (
        of("visitor", HISTORY_READERS, ALL) | of("host", HISTORY_READERS, SUBMITTED)
    ),
}
pinned.update(getattr(permissions, name) for name in TABLES)


@pytest.mark.parametrize("name", TABLES)
def test_the_predicate_lets_through_exactly_its_table(name):
    assert granted(getattr(permissions, name), visits()) == TABLES[name]


# Each agency keeps its own people; removing them ends once the visit is held.
SIDE_TABLES = {
    ("can_edit_participants", Side.VISITOR): of("visitor", SCHEDULERS, PLANNING),
    ("can_edit_participants", Side.HOST): of("host", SCHEDULERS, HOST_PLANNING),
    ("can_remove_participants", Side.VISITOR): of("visitor", SCHEDULERS, OPEN),
    ("can_remove_participants", Side.HOST): of("host", SCHEDULERS, HOST_OPEN),
}
pinned.update(getattr(permissions, name) for name, _ in SIDE_TABLES)


@pytest.mark.parametrize(("name", "side"), SIDE_TABLES)
def test_the_predicate_of_one_side_lets_through_exactly_its_table(name, side):
    check = permissions.side_check(getattr(permissions, name), side)

    assert granted(check, visits()) == SIDE_TABLES[name, side]


@pinned.by(permissions.side_check)
def test_side_check_passes_the_side_to_the_predicate():
    visit = visits()[S.SCHEDULED]
    host_staff = person(HOST, Role.STAFF)

    host_check = permissions.side_check(permissions.can_edit_participants, Side.HOST)
    visitor_check = permissions.side_check(permissions.can_edit_participants, Side.VISITOR)

    assert (host_check(host_staff, visit), visitor_check(host_staff, visit)) == (True, False)


@pinned.by(permissions.can_mark_held)
def test_either_sides_schedulers_mark_a_started_scheduled_visit_held():
    assert granted(permissions.can_mark_held, visits(started=True)) == (
        of("visitor", SCHEDULERS, (S.SCHEDULED,)) | of("host", SCHEDULERS, (S.SCHEDULED,))
    )


@pinned.by(permissions.can_mark_held)
def test_nobody_marks_a_visit_held_before_its_first_day():
    assert granted(permissions.can_mark_held, visits(started=False)) == set()


@pinned.by(permissions.side_of)
def test_side_of_names_the_users_side_of_the_visit():
    visit = visits()[S.SCHEDULED]

    sides = {name: permissions.side_of(user, visit) for name, user in people().items()}

    # Outsiders, inactive accounts, national admins and anonymous: no side.
    assert sides == (
        dict.fromkeys(sides)
        | {f"visitor {role}": Side.VISITOR for role in ROLES}
        | {f"host {role}": Side.HOST for role in ROLES}
    )


# --- Why a step is refused -------------------------------------------------------------


@pinned.by(permissions.passes_in_another_state)
def test_a_check_that_passes_in_another_state_is_found_and_the_visit_is_left_as_it_is():
    visit = visits()[S.REQUESTED]
    staff = person(VISITOR, Role.STAFF)

    assert permissions.passes_in_another_state(staff, visit, permissions.can_submit, ALL)
    assert visit.status == S.REQUESTED


@pinned.by(permissions.passes_in_another_state)
def test_a_check_that_fails_in_every_other_state_is_not_about_the_state():
    visit = visits()[S.REQUESTED]
    without_draft = [state for state in ALL if state != S.DRAFT]

    assert not permissions.passes_in_another_state(
        person(VISITOR, Role.STAFF), visit, permissions.can_submit, without_draft
    )
    assert not permissions.passes_in_another_state(
        person(VISITOR, Role.PENYULUH), visit, permissions.can_submit, ALL
    )


@pytest.mark.parametrize(
    ("who", "check", "state", "message"),
    [
        ((VISITOR, Role.STAFF), "can_submit", S.REQUESTED, permissions.STATE_RULES[S.REQUESTED]),
        (
            (HOST, Role.HEAD),
            "can_answer_request",
            S.SCHEDULED,
            permissions.STATE_RULES[S.SCHEDULED],
        ),
        ((VISITOR, Role.PENYULUH), "can_submit", S.DRAFT, permissions.NOT_A_SCHEDULER),
        ((OUTSIDER, Role.STAFF), "can_cancel", S.SCHEDULED, permissions.NOT_A_SCHEDULER),
        ((HOST, Role.STAFF), "can_cancel", S.SCHEDULED, permissions.OTHER_SIDE),
        ((VISITOR, Role.ADMIN), "can_answer_request", S.REQUESTED, permissions.OTHER_SIDE),
        ((HOST, Role.STAFF), "can_mark_held", S.SCHEDULED, permissions.NOT_STARTED),
    ],
)
def test_the_refusal_names_the_rule_that_refused(who, check, state, message):
    refusal = permissions.refusal(person(*who), visits()[state], getattr(permissions, check))

    assert isinstance(refusal, PermissionDenied)
    assert refusal.args == (message,)


pinned.add(permissions.refusal)


@pinned.by(permissions.attendance_refusal)
def test_the_attendance_refusal_names_the_state_before_the_role():
    expected = {
        S.REPORTED: str(permissions.ATTENDANCE_LOCKED),
        S.CANCELLED: "Kunjungan ini sudah dibatalkan. Kehadiran tidak dicatat.",
        S.DECLINED: "Kunjungan ini sudah ditolak. Kehadiran tidak dicatat.",
    }
    allowed = TABLES["can_mark_attendance"]
    for name, user in people().items():
        for state, visit in visits().items():
            reason = permissions.attendance_refusal(user, visit)
            if (name, state) in allowed:
                assert reason is None
            else:
                assert reason == expected.get(state, str(permissions.ATTENDANCE_ROLES))


def test_a_refused_attendance_step_answers_the_same_reason():
    refused = permissions.refusal(
        person(VISITOR, Role.STAFF), visits()[S.REPORTED], permissions.can_mark_attendance
    )

    assert refused.args == (str(permissions.ATTENDANCE_LOCKED),)


# --- What an agency sees, and the loader (database) ------------------------------------


@pytest.fixture
def story(salatiga, magelang):
    """Salatiga's draft and its submitted request to Magelang, and Magelang's
    own draft to Salatiga."""
    return {
        "salatiga draft": make_visit(magelang.agency, salatiga.agency, status=S.DRAFT),
        "salatiga request": make_visit(magelang.agency, salatiga.agency, status=S.REQUESTED),
        "magelang draft": make_visit(salatiga.agency, magelang.agency, status=S.DRAFT),
    }


def names(visits_queryset, story):
    pks = set(visits_queryset.values_list("pk", flat=True))
    return {name for name, visit in story.items() if visit.pk in pks}


@pinned.by(permissions.visits_for_agency)
def test_an_agency_sees_its_own_visits_and_the_others_once_submitted(
    story, salatiga, magelang, malang
):
    assert names(permissions.visits_for_agency(salatiga.agency), story) == {
        "salatiga draft",
        "salatiga request",
    }
    assert names(permissions.visits_for_agency(magelang.agency), story) == {
        "salatiga request",
        "magelang draft",
    }
    assert names(permissions.visits_for_agency(malang.agency), story) == set()


@pinned.by(permissions.visits_for_user)
def test_a_user_sees_their_agencys_visits_with_both_agencies_loaded(
    story, magelang, national_admin, django_assert_num_queries
):
    inactive = magelang.staff
    inactive.is_active = False  # in memory: as a deactivated account

    assert names(permissions.visits_for_user(magelang.penyuluh), story) == {
        "salatiga request",
        "magelang draft",
    }
    assert names(permissions.visits_for_user(national_admin), story) == set()
    assert names(permissions.visits_for_user(inactive), story) == set()
    loaded = list(permissions.visits_for_user(magelang.head))
    with django_assert_num_queries(0):  # host and visitor come with the visits
        assert {(visit.visitor.slug, visit.host.slug) for visit in loaded} == {
            ("kota-salatiga", "kota-magelang"),
            ("kota-magelang", "kota-salatiga"),
        }


@pinned.by(permissions.get_visit_for_user)
def test_the_loader_gives_either_party_the_visit(story, salatiga, magelang):
    visit = story["salatiga request"]

    for user in (salatiga.penyuluh, magelang.staff):
        assert permissions.get_visit_for_user(request_by(user), visit.pk) == visit


@pinned.by(permissions.get_visit_for_user)
def test_the_loader_answers_404_to_another_agency_and_to_the_host_for_a_draft(
    story, magelang, malang
):
    with pytest.raises(Http404):
        permissions.get_visit_for_user(request_by(malang.head), story["salatiga request"].pk)
    with pytest.raises(Http404):
        permissions.get_visit_for_user(request_by(magelang.head), story["salatiga draft"].pk)


@pinned.by(permissions.get_visit_for_user)
def test_the_loader_answers_403_without_an_agency(story, national_admin):
    with pytest.raises(PermissionDenied):
        permissions.get_visit_for_user(request_by(national_admin), story["salatiga request"].pk)


@pinned.by(permissions.get_visit_for_user)
def test_the_loader_answers_403_with_the_rule_when_the_check_refuses(story, salatiga, magelang):
    visit = story["salatiga request"]

    loaded = permissions.get_visit_for_user(
        request_by(magelang.staff), visit.pk, check=permissions.can_answer_request
    )
    with pytest.raises(PermissionDenied) as refused:
        permissions.get_visit_for_user(
            request_by(salatiga.staff), visit.pk, check=permissions.can_answer_request
        )

    assert loaded == visit
    assert refused.value.args == (permissions.OTHER_SIDE,)


def test_every_public_function_of_the_module_is_pinned():
    assert pinned.missing_from(permissions) == set()
