"""The visit forms give the browser's date and time pickers values they can
read (ISO), so that editing a request shows its dates instead of empty
pickers that must be filled in again."""

import datetime
import re

import pytest
from django.urls import reverse

from tests.factories import WIB, make_visit
from visits.models import VisitStatus

pytestmark = pytest.mark.django_db


def input_values(content):
    return dict(re.findall(r'<input type="(?:date|time)" name="(\w+)" value="([^"]*)"', content))


def test_the_edit_form_shows_the_stored_dates_and_times_to_the_pickers(client, salatiga, magelang):
    visit = make_visit(
        magelang.agency,
        salatiga.agency,
        status=VisitStatus.REQUESTED,
        topics=["FTJSLP"],
        start=datetime.datetime(2023, 6, 14, 9, 0, tzinfo=WIB),
        end=datetime.datetime(2023, 6, 15, 12, 30, tzinfo=WIB),
        request_letter_date=datetime.date(2023, 5, 20),
    )
    client.force_login(salatiga.staff)

    content = client.get(reverse("visits:edit", args=[visit.pk])).content.decode()

    assert input_values(content) == {
        "start_date": "2023-06-14",
        "start_time": "09:00",
        "end_date": "2023-06-15",
        "end_time": "12:30",
        "request_letter_date": "2023-05-20",
    }


def test_the_reply_letter_form_shows_its_date_to_the_picker(client, salatiga, magelang):
    visit = make_visit(
        magelang.agency,
        salatiga.agency,
        status=VisitStatus.REQUESTED,
        reply_letter_date=datetime.date(2023, 6, 1),
    )
    client.force_login(magelang.staff)

    content = client.get(reverse("visits:detail", args=[visit.pk])).content.decode()

    assert input_values(content)["reply_letter_date"] == "2023-06-01"
