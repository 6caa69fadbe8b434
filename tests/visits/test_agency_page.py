"""The agency page (whom it visited, who visited it) and the agency index."""

import datetime

import pytest
from django.urls import reverse

from agencies.models import Regency, Role
from tests.factories import agency_fixture, make_agency, make_practice, make_user, make_visit
from visits.models import EmploymentType, Participant, Side, VisitStatus

pytestmark = pytest.mark.django_db

AGENCY_LIST = reverse("visits:agency_list")


malang = agency_fixture("35.73")
madiun = agency_fixture("35.19")
salatiga = agency_fixture("33.73")


def page_of(agency):
    return reverse("visits:agency_detail", args=[agency.slug])


def made(response):
    return [row["visit"].title for row in response.context["made"]["rows"]]


def received(response):
    return [row["visit"].title for row in response.context["received"]["rows"]]


def logged_in(client, user):
    client.force_login(user)
    return client


def days_ago(days):
    return datetime.datetime(2025, 8, 1, 2, 0, tzinfo=datetime.UTC) - datetime.timedelta(days=days)


# --- Who may come in ---------------------------------------------------------------


def test_anonymous_user_is_redirected_to_login(client, malang):
    for url in (page_of(malang), AGENCY_LIST):
        response = client.get(url)
        assert (response.status_code, response.url) == (
            302,
            f"{reverse('account_login')}?next={url}",
        )


@pytest.mark.parametrize("role", [Role.STAFF, Role.PENYULUH, Role.HEAD, Role.ADMIN])
def test_any_member_of_any_agency_sees_an_agency_page(client, malang, salatiga, role):
    response = logged_in(client, make_user(salatiga, role)).get(page_of(malang))
    assert (response.status_code, response.context["agency"]) == (200, malang)


def test_an_account_without_agency_sees_an_agency_page(client, malang):
    assert logged_in(client, make_user()).get(page_of(malang)).status_code == 200


def test_an_inactive_agency_answers_404(client, malang, salatiga):
    malang.is_active = False
    malang.save()
    response = logged_in(client, make_user(salatiga)).get(page_of(malang))
    assert response.status_code == 404


# --- What the page shows -----------------------------------------------------------


def test_agency_page_lists_visits_made_and_received(client, malang, madiun, salatiga):
    make_visit(malang, madiun, title="Madiun ke Malang", start=days_ago(10))
    make_visit(salatiga, malang, title="Malang ke Salatiga", start=days_ago(20))
    make_visit(madiun, salatiga, title="Salatiga ke Madiun", start=days_ago(30))

    response = logged_in(client, make_user(salatiga, Role.PENYULUH)).get(page_of(malang))

    assert made(response) == ["Malang ke Salatiga"]
    assert received(response) == ["Madiun ke Malang"]
    assert [row["other"] for row in response.context["received"]["rows"]] == [madiun]
    assert f'href="{page_of(madiun)}"' in response.text
    assert f'href="{page_of(salatiga)}"' in response.text


def test_visits_are_listed_newest_first(client, malang, madiun):
    for days in (30, 10, 20):
        make_visit(malang, madiun, title=f"{days} hari lalu", start=days_ago(days))
    response = logged_in(client, make_user(madiun)).get(page_of(malang))
    assert received(response) == ["10 hari lalu", "20 hari lalu", "30 hari lalu"]


def test_only_scheduled_held_and_reported_visits_are_shown(client, malang, madiun):
    for status in VisitStatus:
        make_visit(malang, madiun, status=status, title=status.label)

    response = logged_in(client, make_user(make_agency("33.73"))).get(page_of(malang))

    assert sorted(received(response)) == sorted(["Terjadwal", "Terlaksana", "Dilaporkan"])
    for hidden in ("Draf", "Diajukan", "Tanggal lain diusulkan", "Ditolak", "Dibatalkan"):
        assert hidden not in response.text


def test_the_page_never_shows_participants_or_their_personal_data(client, malang, madiun):
    visit = make_visit(malang, madiun, title="Studi tiru SLRT", status=VisitStatus.HELD)
    Participant.objects.create(
        visit=visit,
        side=Side.VISITOR,
        name="Andre Wibisono",
        employment_type=EmploymentType.PNS,
        nip="198503122010011004",
        phone="081234567890",
        email="andre.pribadi@example.test",
    )

    for user in (make_user(madiun), make_user(make_agency("33.73"))):
        response = logged_in(client, user).get(page_of(malang))
        assert received(response) == ["Studi tiru SLRT"]
        for personal in ("Andre Wibisono", "198503122010011004", "081234567890", "andre.pribadi"):
            assert personal not in response.text


def test_the_visit_links_to_its_page_only_for_the_two_agencies(client, malang, madiun):
    visit = make_visit(malang, madiun, title="Studi tiru SLRT")
    detail = f'href="{reverse("visits:detail", args=[visit.pk])}"'

    for user, linked in [
        (make_user(malang, Role.PENYULUH), True),
        (make_user(madiun, Role.STAFF), True),
        (make_user(make_agency("33.73"), Role.STAFF), False),
        (make_user(), False),
    ]:
        response = logged_in(client, user).get(page_of(malang))
        assert (detail in response.text) is linked


def test_topics_show_as_badges(client, malang, madiun):
    make_visit(malang, madiun, topics=["SLRT", "PUSKESOS"])
    response = logged_in(client, make_user(madiun)).get(page_of(malang))
    assert [t.code for t in response.context["received"]["rows"][0]["topics"]] == [
        "SLRT",
        "PUSKESOS",
    ]


def test_dates_are_those_of_the_host_time_zone(client, madiun):
    ambon = make_agency("81.71")  # Kota Ambon, Maluku: WIT (UTC+9)
    # 20.00 UTC on 1 August is already 2 August in Ambon.
    make_visit(ambon, madiun, start=datetime.datetime(2025, 8, 1, 20, 0, tzinfo=datetime.UTC))

    response = logged_in(client, make_user(madiun)).get(page_of(ambon))

    assert response.context["received"]["rows"][0]["start"] == datetime.date(2025, 8, 2)
    assert "Sabtu, 2 Agustus 2025" in response.text


def test_the_page_lists_active_good_practices_and_contacts(client, malang, madiun):
    malang.address = "Jl. Sulfat No. 12, Malang"
    malang.phone = "0341-000000"
    malang.save()
    make_practice(malang, "SLRT", title="SLRT terintegrasi Puskesos kelurahan")
    make_practice(malang, "ATENSI", title="Disembunyikan", is_active=False)

    response = logged_in(client, make_user(madiun)).get(page_of(malang))

    assert [p.title for p in response.context["practices"]] == [
        "SLRT terintegrasi Puskesos kelurahan"
    ]
    assert "Jl. Sulfat No. 12, Malang" in response.text
    assert "0341-000000" in response.text
    assert "Jawa Timur" in response.text


def test_schedulers_of_another_agency_may_ask_to_visit_from_the_page(client, malang, madiun):
    ajukan = f'href="{reverse("visits:create")}?host={malang.pk}"'
    assert ajukan in logged_in(client, make_user(madiun, Role.STAFF)).get(page_of(malang)).text
    assert (
        ajukan not in logged_in(client, make_user(madiun, Role.PENYULUH)).get(page_of(malang)).text
    )
    assert ajukan not in logged_in(client, make_user(malang, Role.STAFF)).get(page_of(malang)).text


def test_each_list_has_its_own_pages_of_20(client, malang, madiun):
    for n in range(25):
        make_visit(malang, madiun, title=f"Diterima {n:02}", start=days_ago(n + 1))
    for n in range(3):
        make_visit(madiun, malang, title=f"Dilakukan {n}", start=days_ago(n + 1))
    client = logged_in(client, make_user(madiun))

    first = client.get(page_of(malang))
    second = client.get(page_of(malang), {"halaman_diterima": 2})

    assert received(first) == [f"Diterima {n:02}" for n in range(20)]
    assert received(second) == [f"Diterima {n:02}" for n in range(20, 25)]
    assert made(second) == ["Dilakukan 0", "Dilakukan 1", "Dilakukan 2"]
    assert (
        first.context["received"]["page"].paginator.count,
        first.context["made"]["page"].paginator.count,
    ) == (25, 3)
    assert 'href="?halaman_diterima=2#diterima"' in first.text


@pytest.mark.parametrize("rows", [5, 50])
def test_agency_page_runs_a_fixed_number_of_queries(
    client, malang, madiun, salatiga, rows, django_assert_num_queries
):
    for n in range(rows):
        make_visit(malang, madiun, start=days_ago(n + 1), topics=["SLRT", "PUSKESOS"])
        make_visit(salatiga, malang, start=days_ago(n + 1), topics=["DTKS"])
        make_practice(malang, title=f"Praktik {n:02}")
    client = logged_in(client, make_user(madiun))

    # session, user, agency, practices, count + page of each list, topics of both pages
    with django_assert_num_queries(9):
        response = client.get(page_of(malang))

    assert (len(made(response)), len(received(response))) == (min(rows, 20), min(rows, 20))


# --- The agency index --------------------------------------------------------------


def names(response):
    return [agency.name for agency in response.context["page_obj"]]


def test_agency_index_searches_and_filters_by_province(client, malang, madiun, salatiga):
    client = logged_in(client, make_user(salatiga))

    assert names(client.get(AGENCY_LIST)) == [
        "Dinas Sosial Kabupaten Madiun",
        "Dinas Sosial Kota Malang",
        "Dinas Sosial Kota Salatiga",
    ]
    assert names(client.get(AGENCY_LIST, {"province": "35"})) == [
        "Dinas Sosial Kabupaten Madiun",
        "Dinas Sosial Kota Malang",
    ]
    assert names(client.get(AGENCY_LIST, {"q": "kota"})) == [
        "Dinas Sosial Kota Malang",
        "Dinas Sosial Kota Salatiga",
    ]
    assert names(client.get(AGENCY_LIST, {"q": "jawa tengah"})) == ["Dinas Sosial Kota Salatiga"]
    assert names(client.get(AGENCY_LIST, {"level": "kabupaten"})) == [
        "Dinas Sosial Kabupaten Madiun"
    ]


def test_agency_index_counts_practices_and_agreed_visits(client, malang, madiun):
    make_visit(malang, madiun, status=VisitStatus.HELD)
    make_visit(malang, madiun, status=VisitStatus.REQUESTED)
    make_visit(madiun, malang, status=VisitStatus.SCHEDULED)
    make_visit(madiun, malang, status=VisitStatus.REPORTED)
    make_practice(malang)
    make_practice(malang, is_active=False)

    response = logged_in(client, make_user(madiun)).get(AGENCY_LIST, {"q": "malang"})

    row = response.context["page_obj"][0]
    assert (row.practice_count, row.made_count, row.received_count) == (1, 2, 1)


def test_agency_index_hides_inactive_agencies(client, malang, madiun):
    madiun.is_active = False
    madiun.save()
    response = logged_in(client, make_user(malang)).get(AGENCY_LIST)
    assert names(response) == ["Dinas Sosial Kota Malang"]


def make_agencies(count):
    regencies = Regency.objects.order_by("code")[:count]
    return [make_agency(r.code, slug=r.code.replace(".", "-")) for r in regencies]


def test_agency_index_shows_20_per_page_keeping_filters(client):
    make_agencies(30)
    client = logged_in(client, make_user())

    response = client.get(AGENCY_LIST, {"q": "sosial", "halaman": 2})

    assert (len(names(response)), response.context["page_obj"].paginator.count) == (10, 30)
    assert 'href="?q=sosial&amp;halaman=1"' in response.text


@pytest.mark.parametrize("rows", [5, 50])
def test_agency_index_runs_a_fixed_number_of_queries(client, rows, django_assert_num_queries):
    agencies = make_agencies(rows)
    for visitor, host in zip(agencies, agencies[1:], strict=False):
        make_visit(host, visitor, status=VisitStatus.HELD)
        make_practice(host)
    client = logged_in(client, make_user(agencies[0]))

    # session, user, provinces, count, page (with its counts)
    with django_assert_num_queries(5):
        response = client.get(AGENCY_LIST, {"q": "dinas"})

    assert len(names(response)) == min(rows, 20)
