"""Every predicate of ``agencies.permissions`` on its own: which person (role
× agency, inactive, without an agency, anonymous) passes for which agency,
and what the loaders answer. The tables list whom a predicate lets through;
everyone else of ``tests.rules.people()`` is refused."""

import pytest
from django.contrib.auth.models import AnonymousUser, Permission
from django.core.exceptions import PermissionDenied
from django.http import Http404

from agencies import permissions
from agencies.models import Role, User
from tests.factories import make_invitation, make_practice
from tests.rules import AGENCIES, HOST, ROLES, SCHEDULERS, Pinned, granted, people, request_by

COORDINATORS = (Role.STAFF, Role.ADMIN)
EVERY_AGENCY = tuple(AGENCIES)

pinned = Pinned()


def own(roles, agencies=EVERY_AGENCY) -> set:
    """(person, agency) pairs: ``roles`` of each agency, for their own agency."""
    return {(f"{where} {role}", where) for where in agencies for role in roles}


TABLES = {
    "can_schedule": own(SCHEDULERS),
    "can_manage_members": own(COORDINATORS),
    "can_manage_practices": own(SCHEDULERS),
    # A national administrator creates an agency's first coordinator.
    "can_invite": own(COORDINATORS) | {("national admin", where) for where in EVERY_AGENCY},
}
pinned.update(getattr(permissions, name) for name in TABLES)


@pytest.mark.parametrize("name", TABLES)
def test_the_predicate_lets_through_exactly_its_table(name):
    assert granted(getattr(permissions, name), AGENCIES) == TABLES[name]


@pinned.by(permissions.has_role)
@pytest.mark.parametrize("role", ROLES)
def test_has_role_passes_that_role_of_that_agency_only(role):
    def has_that_role(user, agency):
        return permissions.has_role(user, agency, {role})

    assert granted(has_that_role, AGENCIES) == own([role])


@pinned.by(permissions.has_role)
def test_nobody_has_a_role_in_no_agency():
    assert granted(lambda user, agency: permissions.has_role(user, agency, ROLES), {"-": None}) == (
        set()
    )


@pinned.by(permissions.membership_of, permissions.agency_of)
def test_only_an_active_member_has_a_membership_and_an_agency():
    everyone = people()
    members = {f"{where} {role}" for where in AGENCIES for role in ROLES}

    found = {name: permissions.membership_of(user) for name, user in everyone.items()}

    assert {name for name, membership in found.items() if membership} == members
    assert found["host penyuluh"].role == Role.PENYULUH
    assert permissions.agency_of(everyone["host penyuluh"]) is HOST
    for name in ("inactive host head", "national admin", "anonymous"):
        assert permissions.agency_of(everyone[name]) is None


@pinned.by(permissions.must_use_second_factor)
def test_heads_admins_and_national_admins_must_use_a_second_factor():
    def must(user, _):
        return permissions.must_use_second_factor(user)

    assert granted(must, {"-": None}) == (
        {(f"{where} {role}", "-") for where in AGENCIES for role in (Role.HEAD, Role.ADMIN)}
        | {("national admin", "-")}
    )


@pinned.by(permissions.must_use_second_factor)
def test_anyone_who_may_open_the_django_admin_must_use_a_second_factor():
    assert permissions.must_use_second_factor(User(is_staff=True))
    assert not permissions.must_use_second_factor(AnonymousUser())


# --- Loaders and what needs the database ------------------------------------------------


@pinned.by(permissions.can_invite)
def test_a_staff_account_without_an_agency_invites_only_with_the_permission(db, salatiga):
    clerk = User.objects.create_user(email="petugas@test.id", password="x", is_staff=True)

    refused = permissions.can_invite(clerk, salatiga.agency)
    clerk.user_permissions.add(Permission.objects.get(codename="add_invitation"))
    clerk = User.objects.get(pk=clerk.pk)  # a fresh permission cache

    assert (refused, permissions.can_invite(clerk, salatiga.agency)) == (False, True)


@pinned.by(permissions.is_national_admin, permissions.require_national_admin)
def test_only_a_national_admin_uses_the_national_pages():
    """Adding an agency, inviting its first coordinator, every agency's activity."""
    everyone = people()

    passed = {name for name, user in everyone.items() if permissions.is_national_admin(user)}
    permissions.require_national_admin(request_by(everyone["national admin"]))
    for name in set(everyone) - {"national admin"}:
        with pytest.raises(PermissionDenied):
            permissions.require_national_admin(request_by(everyone[name]))

    assert passed == {"national admin"}


@pinned.by(permissions.is_national_admin)
def test_a_staff_account_without_an_agency_is_a_national_admin_only_with_both_permissions(db):
    clerk = User.objects.create_user(email="petugas@test.id", password="x", is_staff=True)
    answers = [permissions.is_national_admin(clerk)]
    for codename in ("add_agency", "add_invitation"):
        clerk.user_permissions.add(Permission.objects.get(codename=codename))
        clerk = User.objects.get(pk=clerk.pk)  # a fresh permission cache
        answers.append(permissions.is_national_admin(clerk))

    assert answers == [False, False, True]


@pinned.by(permissions.require_membership)
def test_require_membership_gives_the_membership_or_403():
    everyone = people()

    membership = permissions.require_membership(request_by(everyone["visitor head"]))
    for name in ("inactive visitor head", "national admin", "anonymous"):
        with pytest.raises(PermissionDenied):
            permissions.require_membership(request_by(everyone[name]))

    assert (membership.agency, membership.role) == (AGENCIES["visitor"], Role.HEAD)


@pinned.by(permissions.get_practice_for_user)
def test_any_logged_in_user_reads_an_active_practice_only(magelang, malang, national_admin):
    practice = make_practice(magelang.agency)
    retired = make_practice(magelang.agency, is_active=False)

    for user in (malang.penyuluh, national_admin, magelang.staff):
        assert permissions.get_practice_for_user(request_by(user), practice.pk) == practice
    with pytest.raises(Http404):
        permissions.get_practice_for_user(request_by(magelang.staff), retired.pk)


@pinned.by(permissions.get_practice_for_user)
def test_only_the_owning_agencys_schedulers_change_a_practice(magelang, salatiga, national_admin):
    practice = make_practice(magelang.agency)
    retired = make_practice(magelang.agency, is_active=False)

    def for_writing(user, pk=practice.pk):
        return permissions.get_practice_for_user(request_by(user), pk, write=True)

    assert for_writing(magelang.head) == practice
    assert for_writing(magelang.staff, retired.pk) == retired
    with pytest.raises(PermissionDenied):
        for_writing(magelang.penyuluh)
    for outsider in (salatiga.staff, national_admin):
        with pytest.raises(Http404):
            for_writing(outsider)


@pinned.by(permissions.get_invitation_for_user)
def test_an_invitation_is_found_in_its_own_agency_only(magelang, salatiga, national_admin):
    invitation, _token = make_invitation(magelang.agency)

    found = permissions.get_invitation_for_user(request_by(magelang.penyuluh), invitation.pk)
    with pytest.raises(Http404):
        permissions.get_invitation_for_user(request_by(salatiga.staff), invitation.pk)
    with pytest.raises(PermissionDenied):
        permissions.get_invitation_for_user(request_by(national_admin), invitation.pk)

    assert found == invitation


@pinned.by(permissions.get_member_for_manager)
def test_a_coordinator_changes_a_colleagues_membership(salatiga):
    colleague = salatiga.penyuluh.membership

    assert permissions.get_member_for_manager(request_by(salatiga.staff), colleague.pk) == colleague


@pinned.by(permissions.get_member_for_manager)
def test_a_member_is_refused_to_others_to_non_coordinators_and_to_themselves(
    salatiga, magelang, national_admin
):
    colleague = salatiga.penyuluh.membership

    with pytest.raises(Http404):
        permissions.get_member_for_manager(request_by(magelang.staff), colleague.pk)
    for refused, pk in [
        (salatiga.head, colleague.pk),
        (salatiga.penyuluh, salatiga.staff.membership.pk),
        (salatiga.staff, salatiga.staff.membership.pk),
        (national_admin, colleague.pk),
    ]:
        with pytest.raises(PermissionDenied):
            permissions.get_member_for_manager(request_by(refused), pk)


def test_every_public_function_of_the_module_is_pinned():
    assert pinned.missing_from(permissions) == set()
