"""Language selection: Bahasa Indonesia unless the user chose English.

Django's LocaleMiddleware follows the browser's Accept-Language header, which
would show English to the many officials whose browsers are set to English.
The portal speaks Indonesian by default; the language switcher in the footer
(Django's ``set_language`` view) stores a different choice in a cookie.
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
