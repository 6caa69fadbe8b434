"""The visit list: an agency's visits as host and visitor, filtered, searched,
paginated, with a fixed number of queries."""

import datetime
import re
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from agencies.models import Role, Topic
from tests.access import (
    assert_refuses_an_account_without_an_agency,
    assert_sends_anonymous_users_to_log_in,
)
from tests.factories import agency_fixture, log_in, make_agency, make_user, make_visit
from visits.models import DelegationRole, Participant, Side, VisitStatus

pytestmark = pytest.mark.django_db

URL = "/kunjungan/"
WIB = ZoneInfo("Asia/Jakarta")
DAY = datetime.timedelta(days=1)


malang = agency_fixture("35.73")
madiun = agency_fixture("35.19")
salatiga = agency_fixture("33.73")
magelang = agency_fixture("33.71")


@pytest.fixture
def staff(client, malang):
    return log_in(client, make_user(malang, Role.STAFF))


def listed(response):
    return [visit.pk for visit in response.context["visits"]]


def at(year, month, day, hour=9):
    return datetime.datetime(year, month, day, hour, tzinfo=WIB)


def agency_options(response):
    """The (value, label, selected) options of the "Instansi lain" select."""
    select = re.search(r'<select name="instansi".*?</select>', response.content.decode(), re.S)
    return re.findall(r'<option value="([^"]*)"( selected)?>([^<]*)</option>', select.group(0))


def test_anonymous_users_are_sent_to_log_in(client):
    assert_sends_anonymous_users_to_log_in(client, URL)


def test_an_account_without_an_agency_gets_403(client):
    assert_refuses_an_account_without_an_agency(client, URL)


def test_it_lists_the_agencys_visits_as_host_and_visitor_newest_first(
    client, staff, malang, madiun, salatiga, magelang
):
    hosted = make_visit(malang, madiun, start=at(2025, 8, 1))
    made = make_visit(salatiga, malang, start=at(2025, 9, 1), status=VisitStatus.HELD)
    own_draft = make_visit(magelang, malang, start=at(2025, 10, 1), status=VisitStatus.DRAFT)
    make_visit(malang, salatiga, start=at(2025, 11, 1), status=VisitStatus.DRAFT)  # not ours yet
    make_visit(magelang, salatiga, start=at(2025, 12, 1))  # not ours at all

    response = client.get(URL)

    assert response.status_code == 200
    assert listed(response) == [own_draft.pk, made.pk, hosted.pk]


def test_oldest_first_on_request(client, staff, malang, madiun):
    first = make_visit(malang, madiun, start=at(2025, 8, 1))
    second = make_visit(malang, madiun, start=at(2025, 9, 1))
    assert listed(client.get(URL, {"urut": "terlama"})) == [first.pk, second.pk]


def test_it_shows_the_date_in_the_hosts_time_zone_in_indonesian(client, staff, malang):
    makassar = make_agency("73.71")  # WITA, an hour ahead of WIB
    # 23.30 WIB on Tuesday 13 June is already Wednesday 14 June in Makassar.
    make_visit(makassar, malang, start=at(2023, 6, 13, 23) + datetime.timedelta(minutes=30))
    content = client.get(URL).content.decode()
    assert "Rabu, 14 Juni 2023" in content
    assert "Selasa, 13 Juni 2023" not in content


def test_it_shows_topic_codes_and_the_size_of_the_delegation(client, staff, malang, madiun):
    visit = make_visit(malang, madiun, topics=["SLRT", "PUSKESOS"])
    for order, name in enumerate(["Dedy Anggoro", "Andre", "Agus Prasetyo"]):
        Participant.objects.create(
            visit=visit,
            side=Side.VISITOR,
            role=DelegationRole.HEAD if order == 0 else DelegationRole.MEMBER,
            name=name,
            order=order,
        )
    Participant.objects.create(
        visit=visit, side=Side.HOST, role=DelegationRole.RECEIVING_OFFICIAL, name="Syahrial Hamid"
    )

    response = client.get(URL)

    [row] = response.context["visits"]
    assert row.delegation_size == 3
    assert [vt.topic.code for vt in row.visit_topics.all()] == ["SLRT", "PUSKESOS"]
    content = response.content.decode()
    assert ">SLRT</span>" in content
    assert ">PUSKESOS</span>" in content


def test_status_filter(client, staff, malang, madiun):
    make_visit(malang, madiun, status=VisitStatus.REQUESTED)
    held = make_visit(malang, madiun, status=VisitStatus.HELD)
    assert listed(client.get(URL, {"status": "held"})) == [held.pk]


def test_status_group_of_visits_held_or_reported(client, staff, malang, madiun):
    make_visit(malang, madiun, status=VisitStatus.SCHEDULED, start=at(2025, 7, 1))
    held = make_visit(malang, madiun, status=VisitStatus.HELD, start=at(2025, 8, 1))
    reported = make_visit(malang, madiun, status=VisitStatus.REPORTED, start=at(2025, 9, 1))
    assert listed(client.get(URL, {"status": "selesai"})) == [reported.pk, held.pk]


def test_topic_filter_finds_visits_under_the_topics_old_and_new_name(client, staff, malang, madiun):
    dtks = Topic.objects.get(code="DTKS")
    dtsen, _ = Topic.objects.get_or_create(code="DTSEN", defaults={"name": "DTSEN"})
    dtks.successor = dtsen
    dtks.save()
    old = make_visit(malang, madiun, topics=["DTKS"], start=at(2023, 6, 14))
    new = make_visit(malang, madiun, topics=["DTSEN"], start=at(2025, 6, 14))
    make_visit(malang, madiun, topics=["SLRT"])

    assert listed(client.get(URL, {"topik": "DTSEN"})) == [new.pk, old.pk]
    assert listed(client.get(URL, {"topik": "DTKS"})) == [new.pk, old.pk]


def test_role_filter(client, staff, malang, madiun, salatiga):
    hosted = make_visit(malang, madiun)
    made = make_visit(salatiga, malang)
    assert listed(client.get(URL, {"peran": "tuan_rumah"})) == [hosted.pk]
    assert listed(client.get(URL, {"peran": "pengunjung"})) == [made.pk]


def test_other_agency_filter_takes_both_directions(client, staff, malang, madiun, salatiga):
    hosted = make_visit(malang, madiun, start=at(2025, 8, 1))
    made = make_visit(madiun, malang, start=at(2025, 9, 1))
    make_visit(malang, salatiga)
    assert listed(client.get(URL, {"instansi": madiun.slug})) == [made.pk, hosted.pk]


def test_the_other_agency_select_holds_only_the_chosen_agency(
    client, staff, malang, madiun, salatiga, magelang
):
    assert agency_options(client.get(URL)) == [("", " selected", "Semua instansi")]
    assert agency_options(client.get(URL, {"instansi": madiun.slug})) == [
        ("", "", "Semua instansi"),
        ("kabupaten-madiun", " selected", "Dinas Sosial Kabupaten Madiun (Jawa Timur)"),
    ]


def test_the_other_agency_select_searches_the_other_agencies(client, staff):
    content = client.get(URL).content.decode()
    assert 'data-search-url="/cari/instansi/?lain=1"' in content
    assert 'data-text-hint="Ketik paling sedikit 2 huruf untuk mencari."' in content


# Nobody, the user's own agency, an agency no longer active.
@pytest.mark.parametrize("slug", ["tidak-ada", "kota-malang", "kota-salatiga"])
def test_an_unknown_own_or_inactive_other_agency_is_reported_and_ignored(
    client, staff, malang, madiun, salatiga, slug
):
    salatiga.is_active = False
    salatiga.save()
    visit = make_visit(malang, madiun)

    response = client.get(URL, {"instansi": slug})

    assert response.status_code == 200
    assert listed(response) == [visit.pk]
    assert response.context["form"].errors["instansi"] == [
        "Masukkan pilihan yang valid. Pilihan tersebut bukan salah satu dari pilihan yang tersedia."
    ]
    assert agency_options(response) == [("", "", "Semua instansi")]


def test_province_filter_looks_at_the_other_agency(client, staff, malang, madiun, salatiga):
    # Malang and Madiun are both in Jawa Timur (35); Salatiga is in Jawa Tengah (33).
    from_central_java = make_visit(malang, salatiga)
    make_visit(malang, madiun)
    assert listed(client.get(URL, {"provinsi": "33"})) == [from_central_java.pk]


def test_period_filter_takes_visits_that_overlap_it(client, staff, malang, madiun):
    make_visit(malang, madiun, start=at(2025, 7, 30))
    spanning = make_visit(malang, madiun, start=at(2025, 7, 31), end=at(2025, 8, 1, 12))
    inside = make_visit(malang, madiun, start=at(2025, 8, 15))
    last_day = make_visit(malang, madiun, start=at(2025, 8, 31, 20))
    make_visit(malang, madiun, start=at(2025, 9, 1, 8))

    response = client.get(URL, {"dari": "2025-08-01", "sampai": "2025-08-31"})

    assert listed(response) == [last_day.pk, inside.pk, spanning.pk]


@pytest.mark.parametrize(
    "words", ["penguatan slrt", "Kabupaten Madiun", "Dinsos Kabupaten", "kelurahan"]
)
def test_search_looks_at_title_agency_names_and_purpose(
    client, staff, malang, madiun, salatiga, words
):
    wanted = make_visit(
        malang,
        madiun,
        title="Studi tiru penguatan SLRT",
        purpose="Mempelajari SLRT berbasis kelurahan.",
    )
    make_visit(salatiga, malang, title="Studi tiru Forum TJSLP", purpose="Forum CSR.")
    assert listed(client.get(URL, {"q": words})) == [wanted.pk]


def test_filters_combine(client, staff, malang, madiun, salatiga):
    wanted = make_visit(malang, madiun, status=VisitStatus.HELD, topics=["SLRT"])
    make_visit(malang, madiun, status=VisitStatus.SCHEDULED, topics=["SLRT"])
    make_visit(malang, salatiga, status=VisitStatus.HELD, topics=["SLRT"])
    make_visit(malang, madiun, status=VisitStatus.HELD, topics=["DTKS"])
    response = client.get(
        URL, {"status": "held", "topik": "SLRT", "instansi": madiun.slug, "peran": "tuan_rumah"}
    )
    assert listed(response) == [wanted.pk]


def test_invalid_filters_get_an_indonesian_message_and_the_valid_ones_still_apply(
    client, staff, malang, madiun
):
    held = make_visit(malang, madiun, status=VisitStatus.HELD)
    make_visit(malang, madiun, status=VisitStatus.SCHEDULED)

    response = client.get(
        URL, {"status": "held", "dari": "kemarin", "topik": "TIDAK-ADA", "halaman": "x"}
    )

    assert response.status_code == 200
    assert listed(response) == [held.pk]
    form = response.context["form"]
    assert form.errors["dari"] == ["Masukkan tanggal yang valid."]
    assert form.errors["topik"] == [
        "Masukkan pilihan yang valid. Pilihan tersebut bukan salah satu dari pilihan yang tersedia."
    ]
    content = response.content.decode()
    assert "Sebagian isian saringan tidak valid dan tidak dipakai." in content
    assert 'value="kemarin"' in content  # the user's input is kept


def test_each_filter_is_labelled_and_one_in_error_is_marked_and_described_by_its_message(
    client, staff
):
    content = client.get(URL, {"dari": "kemarin", "q": "desa"}).content.decode()

    for name, label in [("q", "Cari"), ("status", "Status"), ("dari", "Dari tanggal")]:
        assert re.search(rf'<label for="id_{name}" class="form-label">\s*{label}</label>', content)
    assert re.search(
        r'<input type="search" name="q" value="desa" [^>]*class="form-control"', content
    )
    assert re.search(r'<select name="status" class="form-select" id="id_status">', content)
    field = re.search(r'<input type="text" name="dari" [^>]*>', content).group(0)
    assert 'aria-invalid="true"' in field
    assert 'aria-describedby="id_dari_error"' in field
    assert 'class="form-control is-invalid"' in field
    assert re.search(
        r'<div id="id_dari_error" class="invalid-feedback"><p id="error_1_id_dari">'
        r"<strong>Masukkan tanggal yang valid.</strong></p></div>",
        content,
    )
    assert "id_sampai_error" not in content


def test_an_end_before_the_start_is_refused_clearly(client, staff, malang, madiun):
    make_visit(malang, madiun, start=at(2025, 8, 1))
    later = make_visit(malang, madiun, start=at(2025, 9, 1))
    response = client.get(URL, {"dari": "2025-08-31", "sampai": "2025-08-01"})
    assert response.context["form"].errors["sampai"] == [
        "Tanggal akhir tidak boleh sebelum tanggal awal."
    ]
    # The start date stands on its own; the refused end is not used.
    assert listed(response) == [later.pk]


def test_pages_hold_25_visits_and_page_links_keep_the_filters(client, staff, malang, madiun):
    start = timezone.now()
    visits = [
        make_visit(malang, madiun, status=VisitStatus.HELD, start=start - n * DAY)
        for n in range(30)
    ]
    make_visit(malang, madiun, status=VisitStatus.SCHEDULED)

    first = client.get(URL, {"status": "held", "q": "studi"})
    second = client.get(URL, {"status": "held", "q": "studi", "halaman": "2"})

    assert listed(first) == [visit.pk for visit in visits[:25]]
    assert listed(second) == [visit.pk for visit in visits[25:]]
    assert 'href="?status=held&amp;q=studi&amp;halaman=2"' in first.content.decode()
    assert 'href="?status=held&amp;q=studi&amp;halaman=1"' in second.content.decode()
    # The total is read with the page's rows (a window count), on both pages.
    assert "30 kunjungan · halaman 1 dari 2" in first.content.decode()
    assert "30 kunjungan · halaman 2 dari 2" in second.content.decode()
    nothing = client.get(URL, {"q": "tidak-ada-yang-cocok"})
    assert listed(nothing) == []
    assert "0 kunjungan" in nothing.content.decode()


def test_a_page_past_the_end_shows_the_last_page(client, staff, malang, madiun):
    visit = make_visit(malang, madiun)
    last = client.get(URL, {"halaman": "99"})
    assert listed(last) == [visit.pk]
    assert "1 kunjungan" in last.content.decode()


@pytest.mark.parametrize("count", [5, 50])
def test_the_list_runs_a_fixed_number_of_queries(
    client, staff, malang, madiun, salatiga, django_assert_num_queries, count
):
    for n in range(count):
        host, visitor = (malang, madiun) if n % 2 else (salatiga, malang)
        visit = make_visit(host, visitor, topics=["SLRT", "DTKS"], start=at(2025, 1, 1) + n * DAY)
        Participant.objects.create(visit=visit, side=Side.VISITOR, name=f"Peserta {n}")

    # session, user, page of visits (their count read with them), their
    # topics, and the two choice lists of the filter form (topics, provinces);
    # the agencies are searched as the user types, not listed.
    with django_assert_num_queries(6):
        response = client.get(URL)

    assert len(response.context["visits"]) == min(count, 25)


@pytest.mark.parametrize("count", [5, 50])
def test_a_filtered_list_runs_a_fixed_number_of_queries(
    client, staff, malang, madiun, django_assert_num_queries, count
):
    for n in range(count):
        make_visit(malang, madiun, topics=["SLRT"], start=at(2025, 1, 1) + n * DAY)

    # The three chosen values are looked up once each, and the chosen agency
    # once more for its option in the select.
    with django_assert_num_queries(10):
        response = client.get(
            URL, {"topik": "SLRT", "instansi": madiun.slug, "provinsi": "35", "q": "studi"}
        )

    assert len(response.context["visits"]) == min(count, 25)
