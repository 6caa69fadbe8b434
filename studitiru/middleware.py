"""Language selection: Bahasa Indonesia unless the user chose English.

Django's LocaleMiddleware follows the browser's Accept-Language header, which
would show English to the many officials whose browsers are set to English.
The portal speaks Indonesian by default; the language switcher in the footer
(``agencies.views.language``) stores a different choice in a cookie, and on
the account of a logged-in user (``User.language``, which their e-mails
follow); logging in on another browser sets the cookie from the account
(``agencies.adapters``). The user is never loaded here: the health check and
the error pages read no session.
"""

from django.conf import settings
from django.utils import translation

SUPPORTED = {code for code, _name in settings.LANGUAGES}


class PreferredLanguageMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        language = chosen if chosen in SUPPORTED else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        return response


class PrivatePagesMiddleware:
    """Pages shown to a logged-in user are theirs: the agency's visits, the
    names and NIPs of its people. Without a Cache-Control header a browser
    (or a proxy between office and server) may keep and show them again, to
    whoever uses the office computer next. Every response to a logged-in user
    that says nothing of its own is sent ``private, no-cache``: kept by this
    browser only, and asked for again each time. Views that list personal data
    (participants, members, letters, evidence, attendance sheets) say
    ``no-store`` themselves; public pages (news, feeds, published photos) and
    anonymous visitors keep their own caching."""

    VALUE = "private, no-cache"

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        # The header first: a response that says something itself (the health
        # check, an error page) never loads the user.
        if "Cache-Control" not in response and request.user.is_authenticated:
            response["Cache-Control"] = self.VALUE
        return response
