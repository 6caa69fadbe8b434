"""Authentication backends that load the user's agency with the user.

Nearly every page asks for the user's membership, agency and the agency's
time zone; loading them with the user in one query saves three per request.
The member's division is not among them (only their own data export shows
it, and loads it there): a fifth table on every request costs more than that
one query. Trimming the columns with ``only()`` was measured too and saved
nothing: the joins, not the columns, are the cost.
"""

from allauth.account.auth_backends import AuthenticationBackend as AllauthBackend
from django.contrib.auth.backends import ModelBackend as DjangoModelBackend

from .models import User


class LoadsAgencyMixin:
    def get_user(self, user_id):
        user = (
            User.objects.select_related("membership__agency__province").filter(pk=user_id).first()
        )
        return user if user is not None and self.user_can_authenticate(user) else None


class ModelBackend(LoadsAgencyMixin, DjangoModelBackend):
    """Django's backend (the admin's login by e-mail and password)."""


class AuthenticationBackend(LoadsAgencyMixin, AllauthBackend):
    """django-allauth's backend (the portal's login pages)."""
