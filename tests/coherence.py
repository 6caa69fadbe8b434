"""The coherence run of the page cache (``pytest --coherence``, part of
``make test``): after every write a test makes — to a table the page cache
follows, by a request, a service or the test's own set-up — every cached page
of every reader in the database is read through the cache (before the test's
next request, and at its end), and each page the cache answers is rendered
again without it. Any difference fails the test: a write that did not bump a stamp it
should have.

The readers are each agency's people (one per role) and an anonymous
visitor; the pages are the dashboard, the visit, report and ATM item lists,
the calendar, each visit and report page a reader may open, and the public
news with each published report."""

import re
import threading

from django.test import Client, override_settings
from django.urls import reverse

from tests.stamping import WRITE

# What differs from one rendering to the next by design: CSRF tokens and the
# signed, time-stamped versions of the edit guard.
VOLATILE = re.compile(r"\b[A-Za-z0-9]{64}\b|\b[\w-]{8,}:[\w-]{4,}:[\w-]{20,}\b")
OWN_AGENCY_PAGES = ("visits:dashboard", "visits:list", "visits:calendar", "reports:items")
PER_KIND = 4  # visits, reports and news pages read per reader

_local = threading.local()


class IncoherentPage(AssertionError):
    pass


def normalized(body: bytes) -> str:
    return VOLATILE.sub("", body.decode())


def readers():
    from agencies.models import Membership

    seen, people = set(), [None]
    for membership in Membership.objects.select_related("user").order_by("agency_id", "pk"):
        if (membership.agency_id, membership.role) not in seen and membership.user.is_active:
            seen.add((membership.agency_id, membership.role))
            people.append(membership.user)
    return people


def pages_of(user) -> list[str]:
    from reports.models import Report, ReportStatus
    from reports.permissions import reports_for_agency
    from visits.permissions import visits_for_user

    if user is None:
        published = Report.objects.filter(status=ReportStatus.PUBLISHED).order_by("-pk")
        return [reverse("reports:news_list")] + [
            report.get_public_url() for report in published[:PER_KIND]
        ]
    urls = [reverse(name) for name in OWN_AGENCY_PAGES]
    urls += [
        reverse("visits:detail", args=[pk])
        for pk in visits_for_user(user).order_by("-pk").values_list("pk", flat=True)[:PER_KIND]
    ]
    agency_id = user.membership.agency_id
    urls += [
        reverse("reports:detail", args=[pk])
        for pk in reports_for_agency(user.membership.agency)
        .filter(agency_id=agency_id)
        .order_by("-pk")
        .values_list("pk", flat=True)[:PER_KIND]
    ]
    return urls


def check_every_page(after: str):
    """Read every page through the cache; render each hit again without it."""
    if getattr(_local, "checking", False):
        return
    _local.checking = True
    # Only these reads go through the cache: the test's own requests stay as
    # they are (their pages' context, their query counts).
    try:
        with override_settings(PAGE_CACHE=True):
            _read_every_page(after)
    finally:
        _local.checking = False


def _read_every_page(after):
    from pagecache import pages

    for user in readers():
        client = Client()
        if user is not None:
            client.force_login(user)
        for url in pages_of(user):
            cached = client.get(url)
            if getattr(cached, "page_cache", "") != "hit":
                continue
            with pages.bypassed():
                fresh = client.get(url)
            if normalized(cached.content) != normalized(fresh.content):
                raise IncoherentPage(
                    f"after {after}, {url} read by {user or 'an anonymous visitor'} "
                    "came from the cache with old data"
                )


class Watch:
    """Notes a write to a followed table, and checks every page before the
    next request and at the end of the test when one was made."""

    def __init__(self):
        from tests.stamping import followed_tables

        self.tables = followed_tables()
        self.dirty = ""

    def __call__(self, execute, sql, params, many, context):
        match = None if getattr(_local, "checking", False) else WRITE.match(sql)
        if match and match[1] in self.tables and not self.dirty:
            self.dirty = f"a write to {match[1]}"
        return execute(sql, params, many, context)

    def check(self, when):
        if self.dirty:
            after, self.dirty = self.dirty, ""
            check_every_page(f"{after} ({when})")


def install(monkeypatch):
    """Check every page after each write of the test; returns the watch, to
    enter as the connection's execute wrapper and check at the end. The check
    runs outside the test client's request, whose captured templates and
    context stay the test's own."""
    watch = Watch()
    request = Client.request

    def watched(self, **kwargs):
        if getattr(_local, "checking", False):
            return request(self, **kwargs)
        where = f"{kwargs.get('REQUEST_METHOD')} {kwargs.get('PATH_INFO')}"
        watch.check(f"before {where}")
        response = request(self, **kwargs)
        watch.check(f"in {where}")
        return response

    monkeypatch.setattr(Client, "request", watched)
    return watch
