"""The agency dashboard: what waits for its answer, what is coming, what was
recently held — for the host and for the visitor, never another agency's."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from agencies.models import Role
from tests.access import (
    assert_refuses_an_account_without_an_agency,
    assert_sends_anonymous_users_to_log_in,
)
from tests.factories import make_agency, make_user, make_visit
from visits.models import VisitStatus

pytestmark = pytest.mark.django_db

URL = "/dasbor/"
DAY = datetime.timedelta(days=1)


@pytest.fixture
def world():
    """Madiun visits Malang; Salatiga and Magelang are strangers to both."""
    return {
        "madiun": make_agency("35.19"),
        "malang": make_agency("35.73"),
        "salatiga": make_agency("33.73"),
        "magelang": make_agency("33.71"),
    }


def sections(response):
    return {section.key: [v.pk for v in section.rows] for section in response.context["sections"]}


def counts(response):
    return {section.key: section.count for section in response.context["sections"]}


def test_dashboard_is_the_first_page_of_a_member(client, world):
    client.force_login(make_user(world["malang"], Role.STAFF))
    response = client.get("/")
    assert response.status_code == 302
    assert response["Location"] == URL


def test_the_dashboard_does_not_download_htmx(client, world):
    # It swaps nothing in; htmx (52 KB) is for the pages that do.
    madiun = world["madiun"]
    client.force_login(make_user(madiun, Role.STAFF))
    make_visit(world["malang"], madiun, status=VisitStatus.SCHEDULED)

    response = client.get(URL)

    assert response.status_code == 200
    assert b"htmx.min.js" not in response.content


def test_home_stays_the_home_page_for_an_account_without_an_agency(client):
    client.force_login(make_user(None))
    response = client.get("/")
    assert response.status_code == 200
    assert "Amati, Tiru, Modifikasi" in response.content.decode()


def test_anonymous_users_are_sent_to_log_in(client):
    assert_sends_anonymous_users_to_log_in(client, URL)


def test_an_account_without_an_agency_gets_403(client):
    assert_refuses_an_account_without_an_agency(client, URL)


def madiuns_request(world):
    """Madiun's request to visit Malang in twenty days."""
    start = timezone.now() + 20 * DAY
    return make_visit(world["malang"], world["madiun"], status=VisitStatus.REQUESTED, start=start)


def test_host_sees_the_request_awaiting_its_answer(client, world):
    request = madiuns_request(world)
    client.force_login(make_user(world["malang"], Role.STAFF))

    response = client.get(URL)

    assert response.status_code == 200
    assert sections(response) == {
        "to_answer": [request.pk],
        "proposals": [],
        "upcoming": [],
        "waiting": [],
        "drafts": [],
        "recent": [],
    }
    assert reverse("visits:detail", args=[request.pk]) in response.content.decode()


def test_visitor_sees_its_own_request_as_waiting_for_the_host(client, world):
    request = madiuns_request(world)
    client.force_login(make_user(world["madiun"], Role.STAFF))

    response = client.get(URL)

    assert sections(response)["to_answer"] == []
    assert sections(response)["waiting"] == [request.pk]


def test_visitor_sees_a_proposed_date_awaiting_its_answer_and_host_sees_it_waiting(client, world):
    proposal = make_visit(
        world["malang"],
        world["madiun"],
        status=VisitStatus.DATE_PROPOSED,
        proposed_start=timezone.now() + 40 * DAY,
        proposed_end=timezone.now() + 40 * DAY + datetime.timedelta(hours=6),
    )
    client.force_login(make_user(world["madiun"], Role.STAFF))
    assert sections(client.get(URL))["proposals"] == [proposal.pk]

    client.force_login(make_user(world["malang"], Role.STAFF))
    response = client.get(URL)
    assert sections(response)["proposals"] == []
    assert sections(response)["waiting"] == [proposal.pk]


def test_drafts_show_to_their_own_agency_only(client, world):
    draft = make_visit(world["malang"], world["madiun"], status=VisitStatus.DRAFT)

    client.force_login(make_user(world["madiun"], Role.PENYULUH))
    assert sections(client.get(URL))["drafts"] == [draft.pk]

    client.force_login(make_user(world["malang"], Role.STAFF))
    response = client.get(URL)
    assert set(counts(response).values()) == {0}
    assert reverse("visits:detail", args=[draft.pk]) not in response.content.decode()


def test_upcoming_visits_show_for_both_sides_in_date_order(client, world):
    now = timezone.now()
    later = make_visit(world["malang"], world["madiun"], start=now + 30 * DAY)
    sooner = make_visit(world["salatiga"], world["malang"], start=now + 3 * DAY)
    # Happening now: still upcoming until it ends.
    ongoing = make_visit(
        world["malang"], world["magelang"], start=now - datetime.timedelta(hours=2)
    )
    make_visit(world["malang"], world["salatiga"], start=now - 10 * DAY)  # past, not held
    make_visit(world["malang"], world["magelang"], status=VisitStatus.CANCELLED)
    client.force_login(make_user(world["malang"], Role.STAFF))

    response = client.get(URL)

    assert sections(response)["upcoming"] == [ongoing.pk, sooner.pk, later.pk]
    assert counts(response)["upcoming"] == 3


def test_recently_held_visits_are_those_of_the_last_90_days(client, world):
    now = timezone.now()
    held = make_visit(
        world["malang"], world["madiun"], status=VisitStatus.HELD, start=now - 5 * DAY
    )
    reported = make_visit(
        world["salatiga"], world["malang"], status=VisitStatus.REPORTED, start=now - 60 * DAY
    )
    make_visit(world["malang"], world["magelang"], status=VisitStatus.HELD, start=now - 120 * DAY)
    client.force_login(make_user(world["malang"], Role.HEAD))

    response = client.get(URL)

    assert sections(response)["recent"] == [held.pk, reported.pk]


def test_another_agencys_visits_never_show(client, world):
    now = timezone.now()
    for status, start in [
        (VisitStatus.REQUESTED, now + 10 * DAY),
        (VisitStatus.DATE_PROPOSED, now + 10 * DAY),
        (VisitStatus.SCHEDULED, now + 10 * DAY),
        (VisitStatus.DRAFT, now + 10 * DAY),
        (VisitStatus.HELD, now - 10 * DAY),
    ]:
        make_visit(world["magelang"], world["salatiga"], status=status, start=start)
    client.force_login(make_user(world["malang"], Role.STAFF))

    response = client.get(URL)

    assert set(counts(response).values()) == {0}


def test_each_section_lists_a_few_visits_and_links_to_all_of_them(client, world):
    now = timezone.now()
    for days in range(12):
        make_visit(
            world["malang"],
            world["madiun"],
            status=VisitStatus.REQUESTED,
            start=now + (days + 1) * DAY,
        )
    client.force_login(make_user(world["malang"], Role.STAFF))

    response = client.get(URL)

    assert counts(response)["to_answer"] == 12
    assert len(sections(response)["to_answer"]) == 8
    assert 'href="/kunjungan/?status=requested&amp;peran=tuan_rumah"' in response.content.decode()


def test_schedulers_get_the_button_to_request_a_visit(client, world):
    client.force_login(make_user(world["madiun"], Role.STAFF))
    assert f'href="{reverse("visits:create")}"' in client.get(URL).content.decode()


def test_a_penyuluh_gets_no_button_to_request_a_visit(client, world):
    client.force_login(make_user(world["madiun"], Role.PENYULUH))
    assert f'href="{reverse("visits:create")}"' not in client.get(URL).content.decode()


@pytest.mark.parametrize("per_section", [1, 10])
def test_the_dashboard_runs_a_fixed_number_of_queries(
    client, world, django_assert_num_queries, per_section
):
    """5 visits (one per kind) against 50 (ten per kind): the same queries."""
    now = timezone.now()
    for n in range(per_section):
        make_visit(
            world["malang"],
            world["madiun"],
            status=VisitStatus.REQUESTED,
            start=now + (n + 1) * DAY,
        )
        make_visit(world["salatiga"], world["malang"], status=VisitStatus.DATE_PROPOSED)
        make_visit(world["malang"], world["magelang"], start=now + (n + 1) * DAY)
        make_visit(world["magelang"], world["malang"], status=VisitStatus.DRAFT)
        make_visit(
            world["malang"], world["salatiga"], status=VisitStatus.HELD, start=now - (n + 1) * DAY
        )
    client.force_login(make_user(world["malang"], Role.STAFF))

    # 5 for the visits (the session, the user with their agency, the section
    # and order of every visit in any section, the first of each, their
    # agencies); 2 for the ATM lists (their counts, the overdue list); 1 for
    # the ATM progress chart (one aggregate).
    with django_assert_num_queries(8):
        response = client.get(URL)

    assert sum(counts(response).values()) == 5 * per_section
