"""Heads, agency admins and national admins use the portal only with a second
factor: until they have enrolled one, every page sends them to the enrolment
page ("Keamanan akun"), which explains why.

Let through: the enrolment pages themselves and the confirmation of the
password they may ask for, logging out, the language switch, the health check
and the favicon (static files are answered before this middleware).
"""

from django.http import HttpResponseRedirect
from django.urls import reverse
from django_htmx.http import HttpResponseClientRedirect

from .mfa import second_factor_enrolled
from .permissions import must_use_second_factor

ALLOWED_URL_NAMES = frozenset(
    {
        "mfa_index",
        "mfa_activate_totp",
        "mfa_view_recovery_codes",
        "mfa_generate_recovery_codes",
        "mfa_download_recovery_codes",
        "mfa_reauthenticate",
        "account_reauthenticate",
        "account_logout",
        "set_language",
        "health",
        "favicon",
    }
)


class MFAEnrolmentMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        # The URL first: the health check and the favicon must not load the
        # session and the user (load balancers poll them; the benchmark's
        # baseline counts their queries).
        if request.resolver_match.url_name in ALLOWED_URL_NAMES:
            return None
        user = request.user
        if not user.is_authenticated or not must_use_second_factor(user):
            return None
        if second_factor_enrolled(request):
            return None
        if request.headers.get("HX-Request"):
            # A fragment must not be swapped for the enrolment page: the
            # browser goes there as a whole.
            return HttpResponseClientRedirect(reverse("mfa_index"))
        return HttpResponseRedirect(reverse("mfa_index"))
