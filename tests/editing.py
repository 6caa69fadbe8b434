"""Posting an edit form as a browser does: with the version the page carried
(``edits.guard``), which every edit form needs to save."""

from django.test import Client


def opened(client: Client, url: str, guard: str = "edit_guard") -> dict:
    """The hidden fields of the edit page at ``url`` as it opens now: the
    edit guard's version. Post them with the form's fields. ``guard`` names
    the guard of a form on a page that is not its own (``reply_guard``: the
    reply letter's form on the visit's page)."""
    response = client.get(url)
    assert response.status_code == 200, response.status_code
    return {"edit_version": response.context[guard].page_version}
