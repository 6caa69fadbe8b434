"""No edit form loses an update: two people open the same form, both save;
the second is refused (409) with the first one's change shown beside their
own, nothing of the first is lost, and "Simpan versi saya" then saves theirs.

One test per edit form (the report has its own, tests/reports/test_writing.py),
the good practice's included.
The first save in each, with nothing changed in between, shows that an
ordinary edit still saves."""

import datetime

import pytest
from django.test import Client
from django.urls import reverse

from agencies.models import Membership, Role
from edits.guard import Change
from reports.models import AdoptionStatus, Photo
from tests.editing import opened
from tests.factories import (
    make_adoption_item,
    make_participant,
    make_practice,
    make_report,
    make_user,
    make_visit,
)
from tests.reports.test_photos import add_photo
from tests.reports.test_plan import item_form_data
from tests.visits.test_agenda import WIB, item_data
from tests.visits.test_delegation import person
from tests.visits.test_request_form import request_data
from visits.models import AgendaItem, Side, Visit, VisitStatus

pytestmark = pytest.mark.django_db


def session(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def race(user, url, first_data, second_data):
    """Two sessions of ``user`` open ``url``; the first saves ``first_data``,
    then the second saves ``second_data``. Returns both answers and the
    second session."""
    first, second = session(user), session(user)
    first_version, second_version = opened(first, url), opened(second, url)
    saved = first.post(url, first_data | first_version)
    refused = second.post(url, second_data | second_version)
    return saved, refused, second


def prepare(user, url, data):
    """Save ``data`` once, alone: the starting point of a race."""
    client = session(user)
    assert client.post(url, data | opened(client, url)).status_code == 302


def keep_mine(client, url, data, refused):
    """Press "Simpan versi saya" on the conflict page: the same fields, with
    the version the conflict page carries."""
    page_version = refused.context["edit_guard"].page_version
    return client.post(url, data | {"edit_version": page_version, "simpan_versi_saya": "1"})


def assert_second_refused(saved, refused, changes, **form_keeps):
    """The first save went through; the second is refused showing ``changes``,
    its form still holding the second one's values (``field=value``)."""
    assert saved.status_code == 302
    assert conflict_of(refused) == changes
    for field, value in form_keeps.items():
        assert refused.context["form"][field].value() == value


def conflict_of(response):
    assert response.status_code == 409
    content = response.content.decode()
    assert 'id="edit-conflict"' in content
    assert "Simpan versi saya" in content and "Pakai versi mereka" in content
    return response.context["edit_guard"].conflict.changes


# --- Participant -----------------------------------------------------------------------


def test_a_participant_edit_never_overwrites_a_colleagues(salatiga, magelang):
    visit = make_visit(magelang.agency, salatiga.agency)
    andre = make_participant(visit, Side.VISITOR, name="Andre", position="Staf")
    url = reverse("visits:participant_edit", args=[visit.pk, andre.pk])
    theirs = person(name="Andre", position="Koordinator SLRT")
    mine = person(name="Andre", position="Pekerja Sosial Ahli Muda")

    saved, refused, second = race(salatiga.staff, url, theirs, mine)

    assert_second_refused(
        saved,
        refused,
        [Change(label="Jabatan", theirs="Koordinator SLRT", mine="Pekerja Sosial Ahli Muda")],
        position="Pekerja Sosial Ahli Muda",
    )
    andre.refresh_from_db()
    assert andre.position == "Koordinator SLRT"
    # "Pakai versi mereka" opens the form with the saved values.
    assert second.get(url).context["form"]["position"].value() == "Koordinator SLRT"

    assert keep_mine(second, url, mine, refused).status_code == 302
    andre.refresh_from_db()
    assert andre.position == "Pekerja Sosial Ahli Muda"


def test_the_conflict_names_the_colleague_who_saved_in_between(salatiga, magelang):
    visit = make_visit(magelang.agency, salatiga.agency)
    andre = make_participant(visit, Side.VISITOR, name="Andre", position="Staf")
    url = reverse("visits:participant_edit", args=[visit.pk, andre.pk])
    rina = make_user(salatiga.agency, Role.STAFF, email="rina@test.id", name="Rina Wulandari")
    theirs, mine = session(rina), session(salatiga.staff)
    my_version = opened(mine, url)
    theirs.post(url, person(name="Andre", position="Koordinator SLRT") | opened(theirs, url))

    refused = mine.post(url, person(name="Andre", position="Pekerja Sosial") | my_version)

    assert refused.status_code == 409
    assert refused.context["edit_guard"].conflict.who == "Rina Wulandari"
    assert "Data ini telah diubah oleh Rina Wulandari pada" in refused.content.decode()


# --- Agenda item -----------------------------------------------------------------------


def test_an_agenda_edit_never_overwrites_a_colleagues(salatiga, magelang):
    visit = make_visit(
        magelang.agency,
        salatiga.agency,
        status=VisitStatus.SCHEDULED,
        start=datetime.datetime(2023, 6, 14, 8, 0, tzinfo=WIB),
        end=datetime.datetime(2023, 6, 14, 15, 0, tzinfo=WIB),
    )
    item = AgendaItem.objects.create(
        visit=visit, start=datetime.datetime(2023, 6, 14, 9, 0, tzinfo=WIB), title="Sambutan"
    )
    url = reverse("visits:agenda_edit", args=[visit.pk, item.pk])
    theirs = item_data(title="Sambutan Kepala Dinas Sosial")
    mine = item_data(title="Sambutan", start_time="08:30")

    saved, refused, second = race(magelang.staff, url, theirs, mine)

    # The start is the second one's own change (the first kept 09.00): no conflict.
    assert_second_refused(
        saved,
        refused,
        [Change(label="Acara", theirs="Sambutan Kepala Dinas Sosial", mine="Sambutan")],
        start_time="08:30",
    )
    item.refresh_from_db()
    assert (item.title, item.start) == (
        "Sambutan Kepala Dinas Sosial",
        datetime.datetime(2023, 6, 14, 9, 0, tzinfo=WIB),
    )

    assert keep_mine(second, url, mine, refused).status_code == 302
    item.refresh_from_db()
    assert (item.title, item.start) == (
        "Sambutan",
        datetime.datetime(2023, 6, 14, 8, 30, tzinfo=WIB),
    )


# --- Visit request ---------------------------------------------------------------------


@pytest.fixture
def requested(salatiga, magelang):
    """A request about DTKS, saved once through its edit form: the visit and the URL."""
    visit = make_visit(
        magelang.agency, salatiga.agency, status=VisitStatus.REQUESTED, topics=["DTKS"]
    )
    url = reverse("visits:edit", args=[visit.pk])
    prepare(salatiga.staff, url, request_data(magelang.agency))
    return visit, url


def test_a_request_edit_never_overwrites_a_colleagues(salatiga, magelang, requested):
    visit, url = requested
    theirs = request_data(magelang.agency, title="Studi tiru Forum TJSLP dan DTKS")
    mine = request_data(magelang.agency, title="Studi tiru CSR", purpose="Belajar forum CSR.")

    saved, refused, second = race(salatiga.staff, url, theirs, mine)

    # The purpose is the second one's own change; only the title conflicts.
    assert_second_refused(
        saved,
        refused,
        [Change(label="Judul", theirs="Studi tiru Forum TJSLP dan DTKS", mine="Studi tiru CSR")],
        purpose="Belajar forum CSR.",
    )
    visit.refresh_from_db()
    assert (visit.title, visit.purpose) == (
        "Studi tiru Forum TJSLP dan DTKS",
        "Bertukar informasi tentang Forum TJSLP.",
    )

    assert keep_mine(second, url, mine, refused).status_code == 302
    visit.refresh_from_db()
    assert (visit.title, visit.purpose) == ("Studi tiru CSR", "Belajar forum CSR.")


def test_a_request_edit_sees_a_colleagues_change_of_topics(salatiga, magelang, requested):
    visit, url = requested
    theirs = request_data(magelang.agency)
    theirs.pop(next(key for key in theirs if key.startswith("topic_")))  # one topic fewer
    mine = request_data(magelang.agency)

    saved, refused, _ = race(salatiga.staff, url, theirs, mine)

    assert saved.status_code == 302
    assert conflict_of(refused) == [
        Change(
            label="Topik dan pertanyaan",
            theirs="DTKS — Data Terpadu Kesejahteraan Sosial",
            mine="DTKS — Data Terpadu Kesejahteraan Sosial\n"
            "FTJSLP — Forum Tanggung Jawab Sosial dan Lingkungan Perusahaan: "
            "Bagaimana forum dibentuk?; Siapa anggotanya?",
        )
    ]
    assert Visit.objects.get(pk=visit.pk).visit_topics.count() == 1


@pytest.mark.parametrize("codes", [["DTKS"], ["DTKS", "FTJSLP", "SLRT"]])
def test_checking_a_request_edit_reads_the_topics_in_fixed_queries(salatiga, magelang, codes):
    """The guard's snapshot of the saved request does not read each topic."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from edits import guard
    from visits import services

    visit = make_visit(magelang.agency, salatiga.agency, status=VisitStatus.REQUESTED, topics=codes)
    version = guard.version_of(services.visit_values(visit), about=visit)
    topics = [(vt.topic, vt.questions) for vt in visit.visit_topics.select_related("topic")]

    with CaptureQueriesContext(connection) as queries:
        services.visit_update(
            visit=visit, topics=topics, venues=(), by=salatiga.staff, version=version
        )

    reads = [q["sql"] for q in queries.captured_queries if q["sql"].startswith("SELECT")]
    assert sum('"visits_topic"' in sql for sql in reads) <= 1


# --- Photo caption ---------------------------------------------------------------------


@pytest.fixture
def report(salatiga, magelang):
    visit = make_visit(magelang.agency, salatiga.agency, status=VisitStatus.HELD)
    return make_report(visit, salatiga.agency)


def test_a_caption_edit_never_overwrites_a_colleagues(media_root, report, salatiga):
    photo = add_photo(report, salatiga.penyuluh, caption="Sambutn")
    url = reverse("reports:photo_edit", args=[report.pk, photo.pk])
    theirs = {"caption": "Sambutan Kepala Dinas Sosial Kota Magelang"}
    mine = {"caption": "Sambutan di aula kantor"}

    saved, refused, second = race(salatiga.penyuluh, url, theirs, mine)

    assert_second_refused(
        saved,
        refused,
        [
            Change(
                label="Keterangan",
                theirs="Sambutan Kepala Dinas Sosial Kota Magelang",
                mine="Sambutan di aula kantor",
            )
        ],
        caption="Sambutan di aula kantor",
    )
    assert Photo.objects.get(pk=photo.pk).caption == "Sambutan Kepala Dinas Sosial Kota Magelang"

    assert keep_mine(second, url, mine, refused).status_code == 302
    assert Photo.objects.get(pk=photo.pk).caption == "Sambutan di aula kantor"


# --- ATM item --------------------------------------------------------------------------


def test_an_atm_item_edit_never_overwrites_a_colleagues(report, salatiga):
    item = make_adoption_item(report, status=AdoptionStatus.PROPOSED)
    url = reverse("reports:item_edit", args=[item.pk])
    theirs = item_form_data(replicate="Integrasi SLRT ke Puskesos desa.")
    mine = item_form_data(replicate="Puskesos di setiap desa, bertahap.")

    saved, refused, second = race(salatiga.penyuluh, url, theirs, mine)

    assert_second_refused(
        saved,
        refused,
        [
            Change(
                label="Tiru",
                theirs="Integrasi SLRT ke Puskesos desa.",
                mine="Puskesos di setiap desa, bertahap.",
            )
        ],
        replicate="Puskesos di setiap desa, bertahap.",
    )
    item.refresh_from_db()
    assert item.replicate == "Integrasi SLRT ke Puskesos desa."

    assert keep_mine(second, url, mine, refused).status_code == 302
    item.refresh_from_db()
    assert item.replicate == "Puskesos di setiap desa, bertahap."


# --- Member ----------------------------------------------------------------------------


def test_a_member_edit_never_overwrites_a_colleagues(salatiga):
    colleague = make_user(salatiga.agency, Role.PENYULUH, position="Penyuluh Sosial")
    membership = colleague.membership
    url = reverse("agencies:edit_member", args=[membership.pk])
    theirs = {"role": Role.STAFF, "division": "", "position": "Penyuluh Sosial"}
    mine = {"role": Role.PENYULUH, "division": "", "position": "Penyuluh Sosial Ahli Muda"}

    saved, refused, second = race(salatiga.staff, url, theirs, mine)

    # The second one's form still said "Penyuluh sosial": saving it would undo the new role.
    assert_second_refused(
        saved,
        refused,
        [Change(label="Peran", theirs="Staf / koordinator", mine="Penyuluh sosial")],
        position="Penyuluh Sosial Ahli Muda",
    )
    membership.refresh_from_db()
    assert (membership.role, membership.position) == (Role.STAFF, "Penyuluh Sosial")

    assert keep_mine(second, url, mine, refused).status_code == 302
    membership.refresh_from_db()
    assert (membership.role, membership.position) == (Role.PENYULUH, "Penyuluh Sosial Ahli Muda")
    assert Membership.objects.filter(pk=membership.pk).exists()


# --- Good practice ---------------------------------------------------------------------


def test_a_practice_edit_never_overwrites_a_colleagues(salatiga):
    practice = make_practice(salatiga.agency, "SLRT", title="SLRT kelurahan")
    url = reverse("agencies:practice_edit", args=[practice.pk])
    data = {"topic": practice.topic_id, "title": "SLRT kelurahan", "is_active": "on"}
    theirs = data | {"location": "Kelurahan Mangunsari"}
    mine = data | {"location": "Kantor Dinas Sosial", "contact": "Bidang Linjamsos"}

    saved, refused, second = race(salatiga.staff, url, theirs, mine)

    assert_second_refused(
        saved,
        refused,
        [Change(label="Lokasi", theirs="Kelurahan Mangunsari", mine="Kantor Dinas Sosial")],
        contact="Bidang Linjamsos",
    )
    practice.refresh_from_db()
    assert (practice.location, practice.contact) == ("Kelurahan Mangunsari", "")

    assert keep_mine(second, url, mine, refused).status_code == 302
    practice.refresh_from_db()
    assert (practice.location, practice.contact) == ("Kantor Dinas Sosial", "Bidang Linjamsos")


def test_a_practice_hidden_meanwhile_is_not_shown_again_by_an_old_form(salatiga):
    practice = make_practice(salatiga.agency, "SLRT", title="SLRT kelurahan")
    url = reverse("agencies:practice_edit", args=[practice.pk])
    editor = session(salatiga.staff)
    opened_at = opened(editor, url)
    hidden = session(salatiga.staff).post(
        reverse("agencies:practice_deactivate", args=[practice.pk])
    )

    refused = editor.post(
        url,
        {"topic": practice.topic_id, "title": "SLRT terpadu", "is_active": "on"} | opened_at,
    )

    assert hidden.status_code == 302
    assert conflict_of(refused) == [Change(label="Ditampilkan", theirs="Tidak", mine="Ya")]
    practice.refresh_from_db()
    assert (practice.title, practice.is_active) == ("SLRT kelurahan", False)


# --- Reply letter (a form on the visit's page) -------------------------------------------


def test_a_reply_letter_never_overwrites_a_colleagues(salatiga, magelang):
    visit = make_visit(magelang.agency, salatiga.agency, status=VisitStatus.REQUESTED)
    page = reverse("visits:detail", args=[visit.pk])
    url = reverse("visits:reply_letter", args=[visit.pk])
    first, second = session(magelang.staff), session(magelang.staff)
    opened_first, opened_second = (
        opened(client, page, guard="reply_guard") for client in (first, second)
    )
    theirs = {"reply_letter_number": "400.9/123/Dinsos", "reply_letter_date": "2023-06-01"}
    mine = {"reply_letter_number": "400.9/124/Dinsos", "reply_letter_date": "2023-06-01"}

    saved = first.post(url, theirs | opened_first)
    refused = second.post(url, mine | opened_second)

    assert_second_refused(
        saved,
        refused,
        [Change(label="Nomor surat balasan", theirs="400.9/123/Dinsos", mine="400.9/124/Dinsos")],
        reply_letter_number="400.9/124/Dinsos",
    )
    assert f'href="{page}"' in refused.content.decode()  # "Pakai versi mereka"
    visit.refresh_from_db()
    assert visit.reply_letter_number == "400.9/123/Dinsos"

    assert keep_mine(second, url, mine, refused).status_code == 302
    visit.refresh_from_db()
    assert visit.reply_letter_number == "400.9/124/Dinsos"


def test_a_form_posted_without_its_version_is_not_saved_blindly(salatiga, magelang):
    visit = make_visit(magelang.agency, salatiga.agency)
    andre = make_participant(visit, Side.VISITOR, name="Andre", position="Staf")
    url = reverse("visits:participant_edit", args=[visit.pk, andre.pk])

    refused = session(salatiga.staff).post(url, person(name="Andre", position="Koordinator"))

    # Unknown version: every field that would change is shown, none is saved.
    assert [change.label for change in conflict_of(refused)] == [
        "Gelar belakang",
        "Jabatan",
        "Telepon",
    ]
    andre.refresh_from_db()
    assert (andre.position, andre.phone) == ("Staf", "")
