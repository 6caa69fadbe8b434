"""Who may do what in an agency. Every view and service asks here; nothing
else decides access to agency data.

A user belongs to one agency (their ``Membership``); every permission is
scoped to it. A national administrator has no membership: the agency pages
are not theirs, but the pages that add an agency, invite its first
coordinator and show every agency's activity are (``is_national_admin``)."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from .models import Agency, GoodPractice, Invitation, Membership, Role

# Roles that keep an agency's schedule: request, answer, delegation, agenda.
SCHEDULER_ROLES = frozenset({Role.STAFF, Role.HEAD, Role.ADMIN})
# Roles that invite colleagues and manage the agency's accounts.
COORDINATOR_ROLES = frozenset({Role.STAFF, Role.ADMIN})
# Roles that review adoption plans and approve reports.
HEAD_ROLES = frozenset({Role.HEAD})
# Roles that must log in with a second factor: they approve what the agency
# publishes and manage its accounts.
SECOND_FACTOR_ROLES = frozenset({Role.HEAD, Role.ADMIN})
# Roles that read the change history (who changed what, when) of the
# agency's visits, reports and ATM items.
HISTORY_ROLES = frozenset({Role.HEAD, Role.ADMIN})


def membership_of(user) -> Membership | None:
    """The user's membership, or None for anonymous users and for accounts
    without an agency (such as a national administrator)."""
    if not user.is_authenticated or not user.is_active:
        return None
    try:
        return user.membership
    except Membership.DoesNotExist:
        return None


def must_use_second_factor(user) -> bool:
    """Heads and agency admins, and anyone who may open the Django admin
    (national administrators): they cannot use the portal until they have
    enrolled a second factor (agencies.middleware.MFAEnrolmentMiddleware)."""
    if not user.is_authenticated:
        return False
    if user.is_staff or user.is_superuser:
        return True
    membership = membership_of(user)
    return membership is not None and membership.role in SECOND_FACTOR_ROLES


def agency_of(user) -> Agency | None:
    membership = membership_of(user)
    return membership.agency if membership else None


def has_role(user, agency, roles) -> bool:
    """True when ``user`` belongs to ``agency`` with one of ``roles``."""
    membership = membership_of(user)
    return (
        membership is not None
        and agency is not None
        and membership.agency_id == agency.pk
        and membership.role in roles
    )


def can_schedule(user, agency) -> bool:
    return has_role(user, agency, SCHEDULER_ROLES)


def can_manage_members(user, agency) -> bool:
    return has_role(user, agency, COORDINATOR_ROLES)


def can_manage_practices(user, agency) -> bool:
    return has_role(user, agency, SCHEDULER_ROLES)


def can_invite(user, agency) -> bool:
    """A coordinator of ``agency``, or a national administrator working in the
    Django admin (who creates an agency's first coordinator)."""
    if can_manage_members(user, agency):
        return True
    return bool(
        user.is_authenticated
        and user.is_active
        and user.is_staff
        and membership_of(user) is None
        and user.has_perm("agencies.add_invitation")
    )


def is_national_admin(user) -> bool:
    """A national administrator: an active staff account without an agency
    that may add agencies and invite their people (the permissions the Django
    admin asks for the same work; a superuser has them all)."""
    return bool(
        user.is_authenticated
        and user.is_active
        and user.is_staff
        and membership_of(user) is None
        and user.has_perms(("agencies.add_agency", "agencies.add_invitation"))
    )


def require_national_admin(request) -> None:
    """403 for anyone but a national administrator."""
    if not is_national_admin(request.user):
        raise PermissionDenied


def require_membership(request) -> Membership:
    """The membership of the requesting user; 403 for an account without an
    agency (agency pages make no sense for it)."""
    membership = membership_of(request.user)
    if membership is None:
        raise PermissionDenied
    return membership


def get_practice_for_user(request, pk, *, write=False) -> GoodPractice:
    """A good practice as the requesting user may see it: any logged-in user
    reads active practices; only the owning agency's schedulers change them
    (another agency's practice answers 404 for writing, not 403)."""
    practices = GoodPractice.objects.select_related("agency__province", "topic")
    if write:
        agency = agency_of(request.user)
        practice = get_object_or_404(practices, pk=pk, agency=agency)
        if not can_manage_practices(request.user, agency):
            raise PermissionDenied
        return practice
    return get_object_or_404(practices, pk=pk, is_active=True)


def get_invitation_for_user(request, pk) -> Invitation:
    """An invitation of the requesting user's own agency; 404 for any other
    agency's (its existence does not leak), 403 without a membership."""
    membership = require_membership(request)
    return get_object_or_404(
        Invitation.objects.select_related("agency"), pk=pk, agency_id=membership.agency_id
    )


def get_member_for_manager(request, pk) -> Membership:
    """A colleague's membership that the requesting coordinator may change:
    404 for another agency's member, 403 for a user who does not manage the
    agency's members or for their own membership."""
    membership = require_membership(request)
    member = get_object_or_404(
        Membership.objects.select_related("user", "division", "agency"),
        pk=pk,
        agency_id=membership.agency_id,
    )
    if not can_manage_members(request.user, member.agency) or member.user_id == request.user.pk:
        raise PermissionDenied
    return member
