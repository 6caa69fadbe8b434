"""Which writes to the agencies' tables change which page stamps, and the
scope of the pages about the reader's own agency (pagecache)."""

from pagecache.pages import Scope
from pagecache.stamps import agency, follow

from .models import (
    Agency,
    Division,
    GoodPractice,
    Invitation,
    Membership,
    Province,
    Regency,
    Topic,
    User,
)
from .permissions import require_membership


def _agency_of_user(user) -> set[str]:
    return {
        agency(pk)
        for pk in Membership.objects.filter(user_id=user.pk).values_list("agency_id", flat=True)
    }


def own_agency_page(request, *args, **kwargs) -> Scope:
    """The page cache's scope of a page about the reader's own agency (the
    dashboard, the lists, the calendar): 403 for an account without one."""
    require_membership(request)
    return Scope()


def register():
    # Names every page shows: agencies, their regions, the topic catalogue and
    # its good practices (the directory, the request form).
    for model in (Province, Regency, Agency, Topic, GoodPractice):
        follow(model, everything=True)
    for model in (Division, Membership, Invitation):
        follow(model, agencies=("agency_id",))
    # A login or a change of password or language shows on no page of the
    # agency (the language is part of every page's key).
    follow(User, resolve=_agency_of_user, ignore=("last_login", "password", "language"))
