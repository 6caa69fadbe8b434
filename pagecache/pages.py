"""Whole pages kept in the "pages" cache, under keys that name their reader.

A view decorated with ``@cached_page(scope)`` is served from the cache when
the same reader asked for the same address under the same stamps before. The
key holds the user (their id, agency and role flags), the language, the date,
the full path with its query, what ``scope`` adds (the visit page: the user's
side) and the current value of every stamp the page depends on: the user's
own agency, the agencies ``scope`` names (and the facets of their data the
page shows), and ``EVERYTHING`` (or ``PUBLIC`` for the public pages).
``scope`` runs first and does the view's permission check, so a refusal
never reaches the cache.

A page is rendered with a placeholder for the CSRF token, kept like that,
and each response gets the token of its own request. A page is neither read
nor kept while the user has messages waiting (they are part of the page), and
only a complete 200 HTML answer is kept.
"""

import contextlib
import hashlib
import threading
from dataclasses import dataclass
from functools import wraps

from django.conf import settings
from django.contrib.messages import get_messages
from django.core.cache import caches
from django.core.exceptions import ObjectDoesNotExist
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.utils import timezone
from django.utils.translation import get_language

from . import stamps

CSRF_PLACEHOLDER = "pagecache-csrf-token-placeholder"
# Headers of a kept answer that are the page's own (not the request's).
KEPT_HEADERS = ("Content-Type", "Cache-Control", "X-Robots-Tag", "Link")


@dataclass(frozen=True)
class Scope:
    """What a page depends on beyond its reader: the agencies whose data it
    shows, whether it is a public page, and other parts of its key."""

    agencies: tuple = ()
    public: bool = False
    parts: tuple = ()


_local = threading.local()


@contextlib.contextmanager
def bypassed():
    """Pages rendered inside are neither read from nor kept in the cache."""
    _local.bypassed = True
    try:
        yield
    finally:
        _local.bypassed = False


def is_bypassed() -> bool:
    return getattr(_local, "bypassed", False)


def enabled() -> bool:
    return settings.PAGE_CACHE and not is_bypassed()


def pages_cache():
    return caches["pages"]


def cached_page(scope, *, facets=()):
    """Serve the view's GET from the cache (see the module's text). ``scope``
    is ``fn(request, *args, **kwargs) -> Scope``; it raises the view's 404 or
    403 for a reader who may not see the page. ``facets`` names the facets
    of the agencies' data the page shows beyond their own stamps
    (``stamps.PEOPLE``, ``stamps.REPORTS``)."""

    def decorator(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            if request.method not in ("GET", "HEAD") or not enabled() or _has_messages(request):
                return view(request, *args, **kwargs)
            key = page_key(request, scope(request, *args, **kwargs), facets)
            kept = pages_cache().get(key)
            if kept is not None:
                response = _answer(request, *kept)
                response.page_cache = "hit"
                return response
            request.renders_csrf_placeholder = True
            try:
                response = view(request, *args, **kwargs)
            finally:  # an error page drawn after a failure shows the real token
                request.renders_csrf_placeholder = False
            if not _keepable(request, response):
                return response
            headers = {name: response[name] for name in KEPT_HEADERS if response.has_header(name)}
            body = response.content.decode(response.charset)
            pages_cache().set(key, (body, headers), settings.PAGE_CACHE_SECONDS)
            response = _answer(request, body, headers, status=response.status_code)
            response.page_cache = "miss"
            return response

        wrapper.page_scope = scope
        return wrapper

    return decorator


def page_key(request, scope: Scope, facets=()) -> str:
    """The key of the page ``request`` asks for, for its reader, now."""
    user = request.user
    membership = _membership(user)
    agency_ids = {*scope.agencies}
    if membership is not None:
        agency_ids.add(membership.agency_id)
    names = [stamps.EVERYTHING]
    if scope.public:
        names.append(stamps.PUBLIC)
    names += [stamps.agency(pk, facet) for pk in sorted(agency_ids) for facet in ("", *facets)]
    current = stamps.current(names)
    # The rows drawn for this page need it too (pagecache.rows): read once.
    request.everything_stamp = current[stamps.EVERYTHING]
    reader = (
        user.pk,
        membership.agency_id if membership else None,
        membership.role if membership else None,
        user.is_staff,
        user.is_superuser,
    )
    parts = (
        request.resolver_match.view_name,
        request.get_full_path(),
        get_language(),
        # The hour: every Indonesian zone's date turns at a whole UTC hour, and
        # "late by 3 days, 20 hours" changes by the hour.
        timezone.now().strftime("%Y-%m-%d %H"),
        reader,
        scope.parts,
        sorted(current.items()),
    )
    return "page:" + hashlib.sha256(repr(parts).encode()).hexdigest()


def _membership(user):
    """The reader's membership of an agency (``agencies.Membership``), if any."""
    if not user.is_authenticated:
        return None
    try:
        return user.membership
    except ObjectDoesNotExist:
        return None


def csrf_placeholder(request):
    """Context processor: a page being kept shows the placeholder, filled in
    for each response (``_answer``)."""
    if getattr(request, "renders_csrf_placeholder", False):
        return {"csrf_token": CSRF_PLACEHOLDER}
    return {}


def _has_messages(request) -> bool:
    storage = get_messages(request)
    return bool(storage is not None and (len(storage) or getattr(storage, "used", False)))


def _keepable(request, response) -> bool:
    return (
        response.status_code == 200
        and not response.streaming
        and response["Content-Type"].startswith("text/html")
        and not response.cookies
        and not _has_messages(request)
    )


def _answer(request, body, headers, status=200):
    if CSRF_PLACEHOLDER in body:
        body = body.replace(CSRF_PLACEHOLDER, get_token(request))
    response = HttpResponse(body, status=status)
    for name, value in headers.items():
        response[name] = value
    return response
