"""Hostile input on every URL of the portal: nothing a client sends gives a 5xx.

For every URL of the permission matrix (its world, its rows, its personas),
the first persona allowed to use it sends what an attacker or a careless
paste would: NUL bytes (PostgreSQL refuses them in a text parameter), strings of
10,000 characters, right-to-left and zero-width characters, negative and
huge ids. They go

- as GET parameters and POST fields: every name a view reads from the query
  string, every field name of the portal's forms and of the page's own forms,
  and junk names, all with the same hostile value;
- into one field at a time of each form the page shows, the other fields
  kept as the page rendered them, so that the form is otherwise valid and
  the value reaches the save (a 201-character "Lokasi kunjungan lapangan"
  line was a 500 only on a form valid in every other field);
- into the path: an id larger than any column, a token with a NUL byte.

Every answer must be below 500: a 4xx, a page with the form's message, or the
action done. The values are fixed, not random: the test never flakes.
"""

import copy
import dataclasses
import importlib
import pkgutil
from html.parser import HTMLParser
from urllib.parse import urlencode, urljoin, urlsplit

import django_filters
import pytest
from django import forms
from django.db import transaction
from django.urls import reverse

from tests.test_permission_matrix import MATRIX, PERSONAS, _portal_url_names
from tests.test_permission_matrix import world as _matrix_world  # noqa: F401
from visits.models import VisitStatus

NUL = "x\x00y"
LONG = "x" * 10_000
# Right-to-left override, zero-width space and joiner, byte-order mark, Arabic.
RTL = "\u202e\u200b\u200d\ufeffمرحبا\u200f"
NEGATIVE = "-1"
HUGE = "99999999999999999999"  # beyond PostgreSQL's bigint
HOSTILE = {"nul": NUL, "long": LONG, "rtl": RTL, "negative": NEGATIVE, "huge": HUGE}

# The query parameters the views read (filters come from forms, collected
# below); pagination parameters are links, not form fields.
QUERY_NAMES = {
    "halaman",
    "halaman_undangan",
    "halaman_dilakukan",
    "halaman_diterima",
    "next",
    "format",
}
JUNK_NAMES = {"id", "pk", "x\x00", "\u202ename", "a" * 200}


def _portal_form_field_names():
    """Every field name declared by a form or a list filter of the portal's
    apps (and of the libraries they build on): what a request to any of its
    URLs may carry."""
    for app in ("agencies", "visits", "reports"):
        package = importlib.import_module(app)
        for module in pkgutil.walk_packages(package.__path__, f"{app}."):
            if ".migrations" not in module.name and ".management" not in module.name:
                importlib.import_module(module.name)
    names = set()
    # The list filters' forms are built from their FilterSets on each request.
    stack = [forms.BaseForm, django_filters.FilterSet]
    while stack:
        cls = stack.pop()
        stack.extend(cls.__subclasses__())
        names |= set(getattr(cls, "base_fields", {})) | set(getattr(cls, "base_filters", {}))
    return names


@dataclasses.dataclass
class _Field:
    name: str
    kind: str  # "text" (free text), "choice" (select, hidden, number) or "other"
    value: str  # as the page shows it
    maxlength: int | None = None
    email: bool = False


class _PageForms(HTMLParser):
    """The POST forms of a page, ``forms`` as {action: [_Field]}, with the
    values the page shows; the layout's own forms (language, logout) are
    left out: they have rows of their own."""

    TEXT_INPUTS = {"text", "search", "email", "tel", "url", ""}
    CHOICE_INPUTS = {"hidden", "number"}
    SKIPPED_INPUTS = {"submit", "button", "reset", "file", "image", "password"}

    def __init__(self, path):
        super().__init__()
        self.path = path
        self.layout = {reverse("set_language"), reverse("account_logout")}
        self.forms = {}
        self._fields = None
        self._textarea = None
        self._select = None

    def handle_starttag(self, tag, attrs):
        attrs = {key: value or "" for key, value in attrs}
        if tag == "form" and attrs.get("method", "").lower() == "post":
            action = urljoin(self.path, attrs.get("action") or self.path)
            if urlsplit(action).path not in self.layout:
                self._fields = self.forms.setdefault(action, [])
            return
        if tag == "option" and self._select is not None:
            self._option(attrs)
        # A formset's row template (``__prefix__``) is not a field of the form.
        name = attrs.get("name", "")
        if self._fields is None or not name or "__prefix__" in name:
            return
        maxlength = int(attrs["maxlength"]) if attrs.get("maxlength", "").isdigit() else None
        if tag == "input":
            kind = attrs.get("type", "").lower()
            if kind in self.SKIPPED_INPUTS:
                return
            if kind in ("checkbox", "radio"):
                if "checked" in attrs:
                    self._fields.append(_Field(name, "other", attrs.get("value") or "on"))
                return
            group = (
                "text"
                if kind in self.TEXT_INPUTS
                else "choice"
                if kind in self.CHOICE_INPUTS
                else "other"
            )
            value = attrs.get("value", "")
            self._fields.append(_Field(name, group, value, maxlength, kind == "email"))
        elif tag == "textarea":
            self._textarea = _Field(name, "text", "", maxlength)
        elif tag == "select":
            self._select = [name, None, None]

    def _option(self, attrs):
        value = attrs.get("value", "")
        if self._select[2] is None:
            self._select[2] = value
        if "selected" in attrs:
            self._select[1] = value

    def handle_data(self, data):
        if self._textarea is not None:
            self._textarea.value += data

    def handle_endtag(self, tag):
        if tag == "form":
            self._fields = None
        elif tag == "textarea" and self._textarea is not None:
            self._textarea.value = self._textarea.value.lstrip("\n")
            self._fields.append(self._textarea)
            self._textarea = None
        elif tag == "select" and self._select is not None:
            name, selected, first = self._select
            value = selected if selected is not None else first or ""
            self._fields.append(_Field(name, "choice", value))
            self._select = None


def _page_forms(response, path):
    """{action: [_Field]} of the page's POST forms; none unless an HTML page."""
    if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
        return {}
    parser = _PageForms(path)
    parser.feed(response.content.decode())
    return parser.forms


def _at_limit(field):
    """A value exactly as long as the field says it may be: valid for the
    form, so it reaches the column (an e-mail address when the field wants one)."""
    if not field.email:
        return "a" * field.maxlength
    local = "a" * 64
    # The domain: labels of at most 63 characters, each with its dot, then "id".
    remaining, labels = field.maxlength - len(local) - len("@") - len("id"), []
    while remaining > 1:
        size = min(63, remaining - 1)
        labels.append("b" * size)
        remaining -= size + 1
    return f"{local}{'a' * remaining}@{'.'.join([*labels, 'id'])}"


def _persona(expected):
    """The first persona the row allows ("ok"); for a URL nobody may use
    (no recovery codes exist in the world), the first that gets past the login."""
    answers = dict(zip(PERSONAS, expected.split(), strict=True))
    allowed = [persona for persona, answer in answers.items() if answer == "ok"]
    logged_in = [persona for persona, answer in answers.items() if answer != "L"]
    return (allowed or logged_in or ["anonymous"])[0]


def _usable_rows():
    """Each URL's rows that someone may use; a row that everyone is refused
    (403, 404, 405) is answered before any parameter is read, unless no row
    of its URL is usable: then it is kept, so that every URL is covered."""
    usable = {row[0] for row in MATRIX if "ok" in row[4].split()}
    return [row for row in MATRIX if "ok" in row[4].split() or row[0] not in usable]


USABLE = _usable_rows()


def _url(world, name, kwargs, replace=None):
    """The row's URL; ``replace`` maps a kwarg to the raw text put in its place."""
    values, placeholders = {}, {}
    for key, source in kwargs.items():
        value = world.get(source, source)
        value = value.pk if hasattr(value, "pk") else value
        if replace and key in replace:
            placeholders[key] = f"ZZ{key}ZZ" if isinstance(value, str) else 987654321
            values[key] = placeholders[key]
        else:
            values[key] = value
    url = reverse(name, kwargs=values)
    for key, placeholder in placeholders.items():
        url = url.replace(str(placeholder), replace[key])
    return url


class _Session:
    """The row's world as its allowed persona: each request is rolled back,
    so that one hostile action does not change what the next one sees."""

    def __init__(self, client, world, row):
        self.client, self.world = client, world
        self.name, self.method, self.status, self.kwargs, expected = row
        self.persona = _persona(expected)
        self.failures = []
        for key in ("visit", "started_visit"):
            visit = world[key]
            type(visit).objects.filter(pk=visit.pk).update(status=self.status)
        if self.status == VisitStatus.DATE_PROPOSED:
            visit = world["visit"]
            type(visit).objects.filter(pk=visit.pk).update(
                proposed_start=visit.start, proposed_end=visit.end
            )
        client.logout()
        if self.persona != "anonymous":
            client.force_login(world["users"][self.persona])
        self.cookies = copy.deepcopy(client.cookies)

    def request(self, method, url, data, label):
        with transaction.atomic():
            if method == "GET":
                response = self.client.get(url, data)
            else:
                response = self.client.post(url, data)
            transaction.set_rollback(True)
        # A request that logged out or in changed the cookie to a session
        # that was rolled back: the next one is sent with the row's own.
        self.client.cookies = copy.deepcopy(self.cookies)
        if response.status_code >= 500:
            self.failures.append(f"{method} {self.name} as {self.persona}: {label} → 500")
        return response


def _report(failures):
    if failures:
        pytest.fail("\n".join(failures), pytrace=False)


@pytest.fixture
def world(db, request):
    """The permission matrix's world: its agencies, people and objects."""
    return request.getfixturevalue("_matrix_world")


@pytest.fixture
def hostile_client(client):
    client.raise_request_exception = False
    return client


def test_hostile_parameters_never_give_a_server_error(hostile_client, world):
    """Every URL, as its allowed persona: every name the portal reads, with
    one hostile value at a time, in the query string and in the POST body
    (the body only where the URL takes a POST: an action, or a page with a
    form of its own)."""
    base_names = _portal_form_field_names() | QUERY_NAMES | JUNK_NAMES
    failures = []
    for row in USABLE:
        session = _Session(hostile_client, world, row)
        url = _url(world, session.name, session.kwargs)
        names, posts = set(base_names), session.method == "POST"
        if session.method == "GET":
            page_forms = _page_forms(session.request("GET", url, {}, "no parameters"), url)
            names |= {field.name for fields in page_forms.values() for field in fields}
            posts = url in page_forms
        for value_name, value in HOSTILE.items():
            data = dict.fromkeys(sorted(names), value)
            if session.method == "GET":
                session.request("GET", url, data, f"every parameter {value_name}")
            if posts:
                query = urlencode(data)
                session.request("POST", f"{url}?{query}", data, f"every field {value_name}")
        failures += session.failures
    _report(failures)


def test_one_hostile_field_in_an_otherwise_valid_form_never_gives_a_server_error(
    hostile_client, world
):
    """Every form the pages of the matrix show, posted to its action as the
    page rendered it but for: one free-text field of 10,000 characters (a
    limit the form does not check shows only when every other field is
    valid; a 201-character "Lokasi kunjungan lapangan" line was a 500); every
    free-text field exactly as long as its ``maxlength`` (valid for the form,
    so a column shorter than the form's limit shows); every free-text field
    with RTL and zero-width characters; every choice (select, hidden) as a
    negative id, a huge id and a NUL byte."""
    failures, seen = [], set()
    for row in USABLE:
        if row[1] != "GET":
            continue
        session = _Session(hostile_client, world, row)
        url = _url(world, session.name, session.kwargs)
        page_forms = _page_forms(session.request("GET", url, {}, "the page"), url)
        for action, fields in page_forms.items():
            rendered = {}
            for field in fields:
                rendered.setdefault(field.name, field.value)
            key = (urlsplit(action).path, tuple(sorted(rendered)))
            if key in seen:
                continue
            seen.add(key)
            texts = {field.name: field for field in fields if field.kind == "text"}
            to = urlsplit(action).path
            for name in sorted(texts):
                session.request("POST", action, rendered | {name: LONG}, f"{to} {name}=long")
            at_limit = {name: _at_limit(f) for name, f in texts.items() if f.maxlength}
            if at_limit:
                session.request(
                    "POST", action, rendered | at_limit, f"{to} every text at its limit"
                )
            if texts:
                data = rendered | dict.fromkeys(texts, RTL)
                session.request("POST", action, data, f"{to} every text field rtl")
            choices = sorted({field.name for field in fields if field.kind != "text"})
            for value_name in ("negative", "huge", "nul") if choices else ():
                data = rendered | dict.fromkeys(choices, HOSTILE[value_name])
                session.request("POST", action, data, f"{to} every choice {value_name}")
        failures += session.failures
    _report(failures)


def _not_found(response, session):
    """404; or 405 from a view that refuses the method before it looks; or,
    for anonymous, the login page (what a missing private object answers)."""
    if response.status_code in (404, 405):
        return True
    login = reverse("account_login")
    return (
        session.persona == "anonymous"
        and response.status_code == 302
        and response["Location"].startswith(login)
    )


def test_hostile_path_parameters_answer_404(hostile_client, world):
    """An id beyond any column is not found (404); a token, key or slug with
    a NUL byte or of 300 characters is never a server error."""
    failures = []
    for row in USABLE:
        session = _Session(hostile_client, world, row)
        for key, source in session.kwargs.items():
            value = world.get(source, source)
            value = value.pk if hasattr(value, "pk") else value
            variants = [HUGE] if isinstance(value, int) else ["x%00", "a" * 300]
            for variant in variants:
                url = _url(world, session.name, session.kwargs, replace={key: variant})
                response = session.request(session.method, url, {}, f"{key}={variant[:8]}")
                if isinstance(value, int) and not _not_found(response, session):
                    failures.append(f"{session.name} {key}={variant}: {response.status_code}")
        failures += session.failures
    _report(failures)


def test_the_sweep_covers_every_url_of_the_portal():
    """The permission matrix has a row for every URL (its own test says so);
    the rows swept here name every one of them."""
    assert {row[0] for row in USABLE} == _portal_url_names()
