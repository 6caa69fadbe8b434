"""Who may export or erase a person's data: the agency's admins (who also
must log in with a second factor, ``agencies.permissions.SECOND_FACTOR_ROLES``).
A person's data is looked up only within what their agency may see."""

from django.core.exceptions import PermissionDenied

from agencies.models import Membership, Role
from agencies.permissions import has_role, membership_of, require_membership

PRIVACY_ROLES = frozenset({Role.ADMIN})


def can_handle_personal_data(user, agency=None) -> bool:
    """An admin of ``agency`` (by default, of their own agency)."""
    if agency is None:
        membership = membership_of(user)
        agency = membership.agency if membership else None
    return has_role(user, agency, PRIVACY_ROLES)


def require_privacy_officer(request) -> Membership:
    """The requesting agency admin's membership; 403 for anyone else."""
    membership = require_membership(request)
    if membership.role not in PRIVACY_ROLES:
        raise PermissionDenied
    return membership
