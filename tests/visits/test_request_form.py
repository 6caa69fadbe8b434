"""Creating and editing a visit request in the browser form."""

import datetime
import re
import zoneinfo

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from agencies.models import GoodPractice, Regency, Topic
from tests.editing import opened
from tests.factories import make_agency, make_visit
from visits.models import Participant, VenueKind, Visit, VisitEvent, VisitStatus

pytestmark = pytest.mark.django_db

# The requested day: 14 June next year, always in the future (a request
# for a day already past is refused).
VISIT_DAY = datetime.date(timezone.localdate().year + 1, 6, 14)

PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"


def request_data(host, **overrides):
    dtks = Topic.objects.get(code="DTKS")
    ftjslp = Topic.objects.get(code="FTJSLP")
    data = {
        "host": host.pk,
        "title": "Studi tiru Forum TJSLP",
        "purpose": "Bertukar informasi tentang Forum TJSLP.",
        "basis": "Perda Nomor 11 Tahun 2017",
        "start_date": VISIT_DAY.isoformat(),
        "start_time": "09:00",
        "end_date": "",
        "end_time": "12:00",
        "office_venue": "Kantor Dinas Sosial Kota Magelang",
        "field_sites": "Kelurahan Magersari\n\nTMP Giri Tunggal",
        f"topic_{ftjslp.pk}": "on",
        f"questions_{ftjslp.pk}": "Bagaimana forum dibentuk?\nSiapa anggotanya?",
        f"topic_{dtks.pk}": "on",
        f"questions_{dtks.pk}": "",
        "request_letter_number": "400/101/Dinsos",
        "request_letter_date": "2023-05-20",
    }
    return data | overrides


def test_coordinator_creates_a_draft_request(client, salatiga, magelang):
    client.force_login(salatiga.staff)

    response = client.post(reverse("visits:create"), request_data(magelang.agency))

    visit = Visit.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("visits:detail", args=[visit.pk])
    wib = zoneinfo.ZoneInfo("Asia/Jakarta")
    assert (visit.visitor, visit.host, visit.status, visit.created_by) == (
        salatiga.agency,
        magelang.agency,
        VisitStatus.DRAFT,
        salatiga.staff,
    )
    assert (visit.start, visit.end) == (
        datetime.datetime.combine(VISIT_DAY, datetime.time(9, 0), tzinfo=wib),
        datetime.datetime.combine(VISIT_DAY, datetime.time(12, 0), tzinfo=wib),
    )
    assert [(vt.topic.code, vt.question_list) for vt in visit.visit_topics.all()] == [
        ("DTKS", []),
        ("FTJSLP", ["Bagaimana forum dibentuk?", "Siapa anggotanya?"]),
    ]
    assert [(v.kind, v.name) for v in visit.venues.all()] == [
        (VenueKind.OFFICE, "Kantor Dinas Sosial Kota Magelang"),
        (VenueKind.FIELD, "Kelurahan Magersari"),
        (VenueKind.FIELD, "TMP Giri Tunggal"),
    ]
    event = VisitEvent.objects.get(visit=visit)
    assert (event.from_status, event.to_status, event.actor) == (
        "",
        VisitStatus.DRAFT,
        salatiga.staff,
    )


def test_times_are_entered_in_the_hosts_time_zone(client, salatiga):
    denpasar = make_agency("51.71")  # Bali: WITA, UTC+8
    client.force_login(salatiga.staff)

    client.post(reverse("visits:create"), request_data(denpasar))

    visit = Visit.objects.get()
    assert visit.start == datetime.datetime.combine(
        VISIT_DAY, datetime.time(1, 0), tzinfo=datetime.UTC
    )


def test_a_request_without_topics_is_refused_and_keeps_the_input(client, salatiga, magelang):
    client.force_login(salatiga.staff)
    data = request_data(magelang.agency)
    for key in [k for k in data if k.startswith("topic_")]:
        del data[key]

    response = client.post(reverse("visits:create"), data)

    content = response.content.decode()
    assert response.status_code == 200
    assert "Pilih setidaknya satu topik yang ingin dipelajari." in content
    assert "Bagaimana forum dibentuk?" in content
    assert Visit.objects.count() == 0


def test_an_end_before_the_start_is_refused(client, salatiga, magelang):
    client.force_login(salatiga.staff)

    response = client.post(
        reverse("visits:create"), request_data(magelang.agency, end_time="08:00")
    )

    assert "Waktu selesai harus sesudah waktu mulai." in response.content.decode()
    assert Visit.objects.count() == 0


def test_an_agency_cannot_request_a_visit_to_itself(client, salatiga):
    client.force_login(salatiga.staff)

    response = client.post(reverse("visits:create"), request_data(salatiga.agency))

    assert response.status_code == 200
    assert Visit.objects.count() == 0


def test_a_letter_that_is_not_a_pdf_is_refused(client, salatiga, magelang):
    client.force_login(salatiga.staff)
    fake = SimpleUploadedFile("surat.pdf", b"<html>not a pdf</html>", "application/pdf")

    response = client.post(
        reverse("visits:create"), request_data(magelang.agency, request_letter_file=fake)
    )

    assert "Berkas ini bukan PDF." in response.content.decode()
    assert Visit.objects.count() == 0


def test_the_letter_is_downloaded_only_by_the_two_agencies(
    client, salatiga, magelang, malang, media_root
):
    client.force_login(salatiga.staff)
    letter = SimpleUploadedFile("surat.pdf", PDF, "application/pdf")
    client.post(reverse("visits:create"), request_data(magelang.agency, request_letter_file=letter))
    visit = Visit.objects.get()
    url = reverse("visits:letter", args=[visit.pk, "permohonan"])

    response = client.get(url)
    assert (response.status_code, b"".join(response.streaming_content)) == (200, PDF)

    client.force_login(malang.staff)
    assert client.get(url).status_code == 404


def test_a_penyuluh_cannot_request_a_visit(client, salatiga):
    client.force_login(salatiga.penyuluh)

    assert client.get(reverse("visits:create")).status_code == 403


def test_the_form_is_prefilled_from_a_good_practice(client, salatiga, malang):
    slrt = Topic.objects.get(code="SLRT")
    GoodPractice.objects.create(
        agency=malang.agency, topic=slrt, title="SLRT terintegrasi Puskesos"
    )
    client.force_login(salatiga.staff)

    response = client.get(reverse("visits:create"), {"host": malang.agency.pk, "topic": "SLRT"})

    form = response.context["form"]
    assert (form.initial["host"], form.initial[f"topic_{slrt.pk}"]) == (malang.agency.pk, True)


def host_options(response):
    """The (value, selected, label) options of the host select."""
    select = re.search(r'<select name="host".*?</select>', response.content.decode(), re.S)
    return re.findall(r'<option value="([^"]*)"( selected)?>([^<]*)</option>', select.group(0))


def test_the_host_select_holds_only_the_chosen_host(client, salatiga, magelang, malang):
    visit = make_visit(magelang.agency, salatiga.agency, status=VisitStatus.DRAFT)
    client.force_login(salatiga.staff)
    empty = ("", "", "Pilih instansi tuan rumah…")

    new = client.get(reverse("visits:create"))
    prefilled = client.get(reverse("visits:create"), {"host": malang.agency.pk})
    edited = client.get(reverse("visits:edit", args=[visit.pk]))

    assert host_options(new) == [("", " selected", "Pilih instansi tuan rumah…")]
    assert host_options(prefilled) == [
        empty,
        (str(malang.agency.pk), " selected", "Dinas Sosial Kota Malang (Jawa Timur)"),
    ]
    assert host_options(edited) == [
        empty,
        (str(magelang.agency.pk), " selected", "Dinas Sosial Kota Magelang (Jawa Tengah)"),
    ]
    # The others are searched by primary key, without the visitor itself.
    assert 'data-search-url="/cari/instansi/?lain=1&amp;nilai=id"' in new.content.decode()


@pytest.mark.parametrize("host", ["999999", "bukan-angka"])
def test_an_unknown_host_is_refused_clearly(client, salatiga, magelang, host):
    client.force_login(salatiga.staff)

    response = client.post(reverse("visits:create"), request_data(magelang.agency) | {"host": host})

    assert response.status_code == 200
    assert response.context["form"].errors["host"] == [
        "Masukkan pilihan yang valid. Pilihan tersebut bukan salah satu dari pilihan yang tersedia."
    ]
    assert host_options(response) == [("", "", "Pilih instansi tuan rumah…")]
    assert Visit.objects.count() == 0


@pytest.mark.parametrize("other_agencies", [3, 30])
def test_the_request_form_runs_a_fixed_number_of_queries(
    client, salatiga, magelang, django_assert_num_queries, other_agencies
):
    for regency in Regency.objects.filter(agencies=None)[:other_agencies]:
        make_agency(regency.code)
    visit = make_visit(magelang.agency, salatiga.agency, status=VisitStatus.DRAFT)
    client.force_login(salatiga.staff)

    # session, user, the topic list; the host is not listed, only searched
    # (a prefill is looked up only when the address asks for one).
    with django_assert_num_queries(3):
        assert client.get(reverse("visits:create")).status_code == 200
    # session, user, the visit, the topic list, its topics and venues, the host.
    with django_assert_num_queries(7):
        assert client.get(reverse("visits:edit", args=[visit.pk])).status_code == 200


def test_the_visitor_edits_its_request_until_the_host_answers(client, salatiga, magelang):
    visit = make_visit(
        magelang.agency, salatiga.agency, status=VisitStatus.REQUESTED, topics=["DTKS"]
    )
    client.force_login(salatiga.staff)

    edit = reverse("visits:edit", args=[visit.pk])
    response = client.post(
        edit, request_data(magelang.agency, title="Judul baru") | opened(client, edit)
    )

    assert response.status_code == 302
    visit.refresh_from_db()
    assert (visit.title, visit.status) == ("Judul baru", VisitStatus.REQUESTED)
    assert sorted(visit.visit_topics.values_list("topic__code", flat=True)) == ["DTKS", "FTJSLP"]


def test_a_scheduled_visit_is_no_longer_edited_as_a_request(client, salatiga, magelang):
    visit = make_visit(magelang.agency, salatiga.agency, status=VisitStatus.SCHEDULED)
    client.force_login(salatiga.staff)

    assert client.get(reverse("visits:edit", args=[visit.pk])).status_code == 403


def test_the_host_cannot_edit_the_request(client, salatiga, magelang):
    visit = make_visit(magelang.agency, salatiga.agency, status=VisitStatus.REQUESTED)
    client.force_login(magelang.staff)

    assert client.get(reverse("visits:edit", args=[visit.pk])).status_code == 403


def test_the_visit_page_warns_about_a_national_holiday(client, salatiga, story_visit):
    wib = zoneinfo.ZoneInfo("Asia/Jakarta")
    visit = story_visit(
        start=datetime.datetime(2025, 8, 18, 9, 0, tzinfo=wib),
        end=datetime.datetime(2025, 8, 18, 12, 0, tzinfo=wib),
    )
    client.force_login(salatiga.staff)

    content = client.get(reverse("visits:detail", args=[visit.pk])).content.decode()

    assert "Senin, 18 Agustus 2025" in content
    assert "Cuti Bersama Hari Kemerdekaan Republik Indonesia" in content


@pytest.mark.parametrize("participant_count", [5, 50])
def test_the_visit_page_runs_a_fixed_number_of_queries(
    client, salatiga, magelang, django_assert_num_queries, participant_count
):
    visit = make_visit(magelang.agency, salatiga.agency, topics=["DTKS", "FTJSLP"])
    Participant.objects.bulk_create(
        Participant(visit=visit, name=f"Peserta {n}", order=n) for n in range(participant_count)
    )
    client.force_login(salatiga.staff)

    with django_assert_num_queries(8):
        response = client.get(reverse("visits:detail", args=[visit.pk]))

    assert response.status_code == 200
