"""Absolute addresses on the portal, for links that leave the browser: in
e-mail, calendar feeds and a public page's canonical address."""

from django.conf import settings
from django.urls import reverse


def absolute_url(path_or_viewname: str, *args) -> str:
    """``PORTAL_URL`` followed by a path (``"/undangan/…/"``) or by the path of
    a URL name with its arguments (``absolute_url("visits:detail", visit.pk)``)."""
    if path_or_viewname.startswith("/"):
        path = path_or_viewname
    else:
        path = reverse(path_or_viewname, args=args)
    return settings.PORTAL_URL.rstrip("/") + path
