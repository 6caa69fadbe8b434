"""A field in error says so to a screen reader: it is marked aria-invalid and
described (aria-describedby) by the element that holds its message, on every
kind of form the portal draws (crispy fields, hand-drawn rows of the report,
allauth's single fields)."""

from html.parser import HTMLParser

import pytest
from django.template import engines
from django.urls import reverse

from reports import services
from tests.factories import make_held_visit
from tests.reports.test_writing import edit_data
from tests.visits.test_request_form import request_data

pytestmark = pytest.mark.django_db


class _Page(HTMLParser):
    """The page's controls in error and the text of every element with an id."""

    VOID = {"input", "br", "img", "hr", "meta", "link", "source", "wbr", "col", "area"}

    def __init__(self, html):
        super().__init__()
        self.invalid, self.texts, self._open = [], {}, []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if attrs.get("aria-invalid") == "true":
            self.invalid.append(attrs)
        if tag not in self.VOID:
            self._open.append(attrs.get("id"))
            if attrs.get("id"):
                self.texts[attrs["id"]] = ""

    def handle_endtag(self, tag):
        if tag not in self.VOID and self._open:
            self._open.pop()

    def handle_data(self, data):
        for element_id in filter(None, self._open):
            self.texts[element_id] += data


def undescribed(html, *messages):
    """The controls in error whose description lacks a message, and the
    messages no control in error is described by."""
    page = _Page(html)
    descriptions = {
        control.get("name") or control.get("id"): " ".join(
            " ".join(page.texts.get(ref, "").split())
            for ref in control.get("aria-describedby", "").split()
        )
        for control in page.invalid
    }
    return (
        [name for name, text in descriptions.items() if not text],
        [m for m in messages if not any(m in text for text in descriptions.values())],
    )


def test_the_request_forms_fields_in_error_are_described_by_their_messages(
    client, salatiga, magelang
):
    client.force_login(salatiga.staff)

    data = request_data(magelang.agency, start_time="25:00", request_letter_date="kemarin")
    data["host"] = ""

    response = client.post(reverse("visits:create"), data)

    assert response.status_code == 200
    page = _Page(response.content.decode())
    assert {control["name"] for control in page.invalid} >= {
        "host",
        "start_time",
        "request_letter_date",
    }
    assert undescribed(response.content.decode()) == ([], [])


def test_the_report_forms_fields_in_error_are_described_by_their_messages(
    client, salatiga, magelang
):
    visit = make_held_visit(magelang.agency, salatiga.agency, topics=["FTJSLP"])
    report = services.report_create(visit=visit, by=salatiga.penyuluh)
    client.force_login(salatiga.penyuluh)
    url = reverse("reports:edit", args=[report.pk])
    opened = client.get(url)

    response = client.post(url, edit_data(opened, signatory_nip="12345", **{"temuan-0-topic": "0"}))

    assert response.status_code == 200
    content = response.content.decode()
    assert {control["name"] for control in _Page(content).invalid} >= {
        "signatory_nip",
        "temuan-0-text",
    }
    assert undescribed(content, "NIP harus terdiri dari 18 angka") == ([], [])


def test_allauths_single_field_is_described_by_its_error_and_help_text():
    template = engines["django"].from_string(
        "{% load allauth %}"
        '{% element field type="text" id="id_code" name="code" errors=errors %}'
        "{% slot label %}Kode{% endslot %}{% slot help_text %}Enam angka.{% endslot %}"
        "{% endelement %}"
    )
    template.template.origin.template_name = "test_form_errors.html"

    html = template.render({"errors": ["Kode tidak cocok."]})

    assert undescribed(html, "Kode tidak cocok.", "Enam angka.") == ([], [])
