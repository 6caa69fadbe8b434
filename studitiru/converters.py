"""Path converters beyond Django's own.

``<token:…>``: the secret of a link (a calendar feed, an invitation), as
``secrets.token_urlsafe`` makes it. Django's ``str`` took anything but a
slash, NUL bytes included, and PostgreSQL refuses a NUL in a parameter:
``/kalender/%00.ics`` answered 500. A path that is not a token now matches
no URL: 404.

Integer ids need no converter of ours: ``<int:pk>`` matches digits only (no
sign), and since Django 5.0 a lookup on a number beyond the column's range
finds nothing instead of failing, so ``/kunjungan/99999999999999999999/`` is a
404 like any unknown id (``tests/test_hostile_input.py`` checks every URL).

A URLconf that uses ``<token:…>`` imports this module first.
"""

from django.urls import register_converter


class TokenConverter:
    # token_urlsafe(32) gives 43 characters; room for longer secrets.
    regex = "[A-Za-z0-9_-]{1,128}"

    def to_python(self, value):
        return value

    def to_url(self, value):
        return value


# Registered once, when the first URLconf that uses it imports this module.
register_converter(TokenConverter, "token")
