"""Reading the query string through forms, never raw.

A value typed into an address bar can hold anything: a NUL byte (which
PostgreSQL refuses in a text parameter: the page answered 500), ten thousand
characters, a number larger than any column. Every parameter a view reads
goes through a form field, which refuses NUL bytes
(``ProhibitNullCharactersValidator``), bounds lengths and numbers, and turns
what it refuses into "not given". These helpers cover what the three apps
read alike: page numbers and the ``next`` address of a form.
"""

import functools

from django import forms
from django.core.exceptions import BadRequest

# More pages than any list of the portal has; a larger number is not a page.
MAX_PAGE = 100_000
# Longer than any address of the portal with its query string.
MAX_NEXT_LENGTH = 2000


class PageForm(forms.Form):
    """A page number, from 1, whatever the parameter's name (``?halaman=3``:
    ``studitiru.pagination``)."""

    page = forms.IntegerField(min_value=1, max_value=MAX_PAGE, required=False)


def page_number(query, name: str = "page") -> int | None:
    """The page number in the query parameter ``name``, or None (the first
    page) when it is missing or not a page number. Pass the result to
    ``Paginator.get_page``, which turns a number past the end into the last page."""
    form = PageForm({"page": query.get(name)})
    return form.cleaned_data["page"] if form.is_valid() else None


class NextForm(forms.Form):
    """``next``: where to go back to after a form, checked by the view
    against the addresses it allows."""

    next = forms.CharField(max_length=MAX_NEXT_LENGTH, required=False)


def next_path(data) -> str:
    """The ``next`` value of ``data`` (GET or POST), or "" when it does not validate."""
    form = NextForm(data)
    return form.cleaned_data["next"] if form.is_valid() else ""


def refuse_nul_bytes(view):
    """``view``, answering 400 to a query string with a NUL byte. For views
    that are not ours to route through forms: the admin's list filters pass
    their values to the database as they come (``?status=%00`` was a 500)."""

    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        if any("\x00" in key or "\x00" in value for key, value in request.GET.items()):
            raise BadRequest("NUL byte in the query string")
        return view(request, *args, **kwargs)

    return wrapper
