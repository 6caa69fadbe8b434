"""The visit forms show dates and times in the page's language (dd/mm/yyyy and
09.00 in Indonesian, 09:00 in English) whatever the browser's own locale, so
that editing a request shows its dates instead of empty fields that must be
filled in again, and read them back as typed (ISO too)."""

import datetime
import re

import pytest
from django.urls import reverse

from tests.factories import WIB
from tests.visits.test_request_form import request_data
from visits.models import Visit, VisitStatus

pytestmark = pytest.mark.django_db


def input_values(content):
    """The date and time fields of a page (text fields with the format as
    placeholder), by name."""
    return dict(
        re.findall(
            r'<input type="text" name="(\w+)" value="([^"]*)"[^>]*placeholder="'
            r'(?:hh/bb/tttt|jj\.mm|dd/mm/yyyy|hh:mm)"',
            content,
        )
    )


def test_the_edit_form_shows_the_stored_dates_and_times(client, salatiga, story_visit):
    visit = story_visit(
        status=VisitStatus.REQUESTED,
        topics=["FTJSLP"],
        start=datetime.datetime(2023, 6, 14, 9, 0, tzinfo=WIB),
        end=datetime.datetime(2023, 6, 15, 12, 30, tzinfo=WIB),
        request_letter_date=datetime.date(2023, 5, 20),
    )
    client.force_login(salatiga.staff)

    content = client.get(reverse("visits:edit", args=[visit.pk])).content.decode()

    assert input_values(content) == {
        "start_date": "14/06/2023",
        "start_time": "09.00",
        "end_date": "15/06/2023",
        "end_time": "12.30",
        "request_letter_date": "20/05/2023",
    }


def test_the_reply_letter_form_shows_its_date(client, magelang, story_visit):
    visit = story_visit(status=VisitStatus.REQUESTED, reply_letter_date=datetime.date(2023, 6, 1))
    client.force_login(magelang.staff)

    content = client.get(reverse("visits:detail", args=[visit.pk])).content.decode()

    assert input_values(content)["reply_letter_date"] == "01/06/2023"


def test_in_english_the_fields_show_the_english_formats_whatever_the_browser(
    client, salatiga, story_visit
):
    visit = story_visit(
        status=VisitStatus.REQUESTED,
        topics=["FTJSLP"],
        start=datetime.datetime(2023, 6, 14, 9, 0, tzinfo=WIB),
        end=datetime.datetime(2023, 6, 14, 12, 30, tzinfo=WIB),
    )
    client.force_login(salatiga.staff)
    client.cookies["django_language"] = "en"

    content = client.get(
        reverse("visits:edit", args=[visit.pk]), headers={"accept-language": "id-ID,id"}
    ).content.decode()

    values = input_values(content)
    assert (values["start_date"], values["start_time"], values["end_time"]) == (
        "14/06/2023",
        "09:00",
        "12:30",
    )
    assert 'placeholder="dd/mm/yyyy"' in content and 'placeholder="hh:mm"' in content
    assert 'type="date"' not in content and 'type="time"' not in content


@pytest.mark.parametrize(
    ("day", "start", "end"),
    [
        ("{d:%d/%m/%Y}", "09.00", "12.30"),  # as the Indonesian placeholder shows
        ("{d:%d-%m-%Y}", "09:00", "12:30"),
        ("{d:%Y-%m-%d}", "0900", "1230"),  # ISO, and digits only from a phone's keypad
    ],
)
def test_typed_dates_and_times_are_read_back(client, salatiga, magelang, day, start, end):
    first_day = datetime.date.today() + datetime.timedelta(days=60)
    client.force_login(salatiga.staff)

    response = client.post(
        reverse("visits:create"),
        request_data(
            magelang.agency,
            start_date=day.format(d=first_day),
            start_time=start,
            end_time=end,
            request_letter_date="20/05/2023",
        ),
    )

    assert response.status_code == 302
    visit = Visit.objects.get()
    start_local = visit.start.astimezone(WIB)
    assert (start_local.date(), start_local.time(), visit.end.astimezone(WIB).time()) == (
        first_day,
        datetime.time(9, 0),
        datetime.time(12, 30),
    )
    assert visit.request_letter_date == datetime.date(2023, 5, 20)
