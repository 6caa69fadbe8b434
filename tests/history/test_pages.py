"""The "Riwayat perubahan" pages of a visit, a report and an ATM item: field,
old value, new value, who and when, in words a reader knows, for the heads
and admins of the agency; a fixed number of queries whatever the history."""

import datetime

import pytest
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains

from agencies.models import Role, Topic
from reports import services as report_services
from reports.models import Photo
from tests.factories import (
    make_adoption_item,
    make_division,
    make_participant,
    make_report,
    make_user,
    make_visit,
)
from visits import delegation
from visits import services as visit_services
from visits.models import VisitStatus

pytestmark = pytest.mark.django_db


@pytest.fixture
def visit(salatiga, magelang):
    return make_visit(
        magelang.agency, salatiga.agency, status=VisitStatus.DRAFT, topics=["DTKS"], title="Studi"
    )


def entries(response):
    return response.context["entries"]


def test_the_visit_history_shows_field_old_new_who_and_when(client, visit, salatiga):
    participant = make_participant(visit, name="Slamet Setyo Budi", position="Staf")
    participant.position = "Penyuluh Sosial Ahli Muda"
    delegation.participant_save(participant=participant, by=salatiga.staff)
    client.force_login(salatiga.head)

    response = client.get(reverse("visits:history", args=[visit.pk]))

    assert response.status_code == 200
    entry = entries(response)[0]
    assert entry.subject == "Peserta: Slamet Setyo Budi"
    assert entry.who == "Staf salatiga"
    assert str(entry.action) == "diubah"
    assert [(c.field, c.old, c.new) for c in entry.changes] == [
        ("Jabatan", "Staf", "Penyuluh Sosial Ahli Muda")
    ]
    assertContains(response, "Penyuluh Sosial Ahli Muda")
    assertContains(response, "Riwayat perubahan")


def test_the_visit_history_shows_topics_and_lifecycle_in_words(client, visit, salatiga):
    visit_services.visit_update(
        visit=visit, topics=[(Topic.objects.get(code="SLRT"), "")], by=salatiga.staff
    )
    visit_services.visit_submit(visit=visit, by=salatiga.staff)
    client.force_login(salatiga.head)

    response = client.get(reverse("visits:history", args=[visit.pk]))

    shown = [
        (e.subject, str(e.action), [(c.field, c.old, c.new) for c in e.changes])
        for e in entries(response)
    ]
    assert shown[0] == ("Kunjungan", "diubah", [("Status", "Draf", "Diajukan")])
    changed_topics = {(subject.split(" — ")[0], action) for subject, action, _c in shown[1:]}
    assert ("Topik kunjungan: SLRT", "ditambahkan") in changed_topics
    assert ("Topik kunjungan: DTKS", "dihapus") in changed_topics


def test_a_new_visit_shows_its_agencies_by_name_and_its_date_in_indonesian(
    client, salatiga, magelang
):
    start = datetime.datetime(2026, 6, 14, 2, 0, tzinfo=datetime.UTC)  # 09.00 WIB
    visit = make_visit(magelang.agency, salatiga.agency, start=start, title="Studi tiru")
    client.force_login(salatiga.head)

    response = client.get(reverse("visits:history", args=[visit.pk]))

    created = entries(response)[-1]
    values = {c.field: c.new for c in created.changes}
    assert str(created.action) == "ditambahkan"
    assert values["Tuan rumah"] == magelang.agency.name
    assert values["Mulai"] == "14 Juni 2026, 09.00 WIB"
    assert values["Status"] == "Terjadwal"


def test_a_deleted_participant_stays_in_the_visits_history(client, visit, salatiga):
    participant = make_participant(visit, name="Slamet")
    delegation.participant_delete(participant=participant, by=salatiga.staff)
    client.force_login(salatiga.head)

    response = client.get(reverse("visits:history", args=[visit.pk]))

    entry = entries(response)[0]
    assert (entry.subject, str(entry.action), entry.who) == (
        "Peserta: Slamet",
        "dihapus",
        "Staf salatiga",
    )


def test_the_hosts_head_sees_the_visits_history(client, visit, salatiga, magelang):
    visit_services.visit_submit(visit=visit, by=salatiga.staff)
    client.force_login(magelang.head)

    assert client.get(reverse("visits:history", args=[visit.pk])).status_code == 200


def test_an_agency_admin_sees_the_visits_history(client, visit, salatiga):
    admin = make_user(salatiga.agency, Role.ADMIN)
    client.force_login(admin)

    assert client.get(reverse("visits:history", args=[visit.pk])).status_code == 200


def test_staff_and_penyuluh_are_refused_the_visits_history(client, visit, salatiga):
    for user in (salatiga.staff, salatiga.penyuluh):
        client.force_login(user)
        assert client.get(reverse("visits:history", args=[visit.pk])).status_code == 403


def test_another_agencys_head_gets_404(client, visit, malang):
    client.force_login(malang.head)

    assert client.get(reverse("visits:history", args=[visit.pk])).status_code == 404


def test_the_visit_page_links_the_history_for_heads_only(client, visit, salatiga):
    url = reverse("visits:history", args=[visit.pk])
    client.force_login(salatiga.head)
    assertContains(client.get(reverse("visits:detail", args=[visit.pk])), url)
    client.force_login(salatiga.staff)
    assertNotContains(client.get(reverse("visits:detail", args=[visit.pk])), url)


@pytest.fixture
def report(salatiga, magelang):
    held = make_visit(magelang.agency, salatiga.agency, status=VisitStatus.HELD)
    return make_report(held, salatiga.agency, title="Studi tiru SLRT")


def test_the_report_history_shows_a_lifecycle_step_and_a_photo_caption(
    client, report, salatiga, media_root
):
    photo = Photo.objects.create(
        report=report, image="a.jpg", thumbnail="b.jpg", width=8, height=8, caption="Sambutan"
    )
    report_services.photo_update_caption(
        photo=photo, by=salatiga.penyuluh, caption="Sambutan Kepala Dinas"
    )
    report_services.report_submit(report=report, by=salatiga.penyuluh)
    client.force_login(salatiga.head)

    response = client.get(reverse("reports:history", args=[report.pk]))

    shown = [
        (e.subject, e.who, [(c.field, c.old, c.new) for c in e.changes])
        for e in entries(response)[:2]
    ]
    assert shown == [
        ("Laporan", "Penyuluh salatiga", [("Status", "Draf", "Menunggu persetujuan")]),
        (
            "Foto dokumentasi: Sambutan Kepala Dinas",
            "Penyuluh salatiga",
            [("Keterangan", "Sambutan", "Sambutan Kepala Dinas")],
        ),
    ]
    assertContains(
        client.get(reverse("reports:detail", args=[report.pk])),
        reverse("reports:history", args=[report.pk]),
    )


def test_the_report_history_is_refused_to_writers_and_other_agencies(
    client, report, salatiga, magelang
):
    client.force_login(salatiga.penyuluh)
    assert client.get(reverse("reports:history", args=[report.pk])).status_code == 403
    client.force_login(magelang.head)
    assert client.get(reverse("reports:history", args=[report.pk])).status_code == 404


def test_the_item_history_shows_the_division_by_name_and_dates_in_indonesian(
    client, report, salatiga
):
    item = make_adoption_item(report, target_date=datetime.date(2026, 12, 31))
    item.division = make_division(salatiga.agency, "Bidang Linjamsos")
    item.target_date = datetime.date(2027, 3, 31)
    report_services.item_update(
        item=item, by=salatiga.penyuluh, division=item.division, target_date=item.target_date
    )
    client.force_login(salatiga.head)

    response = client.get(reverse("reports:item_history", args=[item.pk]))

    changes = {c.field: (c.old, c.new) for c in entries(response)[0].changes}
    assert changes == {
        "Bidang penanggung jawab": ("—", "Bidang Linjamsos"),
        "Target selesai": ("31 Desember 2026", "31 Maret 2027"),
    }
    assertContains(
        client.get(reverse("reports:item_detail", args=[item.pk])),
        reverse("reports:item_history", args=[item.pk]),
    )


def test_the_item_history_is_refused_to_staff_and_other_agencies(client, report, salatiga, malang):
    item = make_adoption_item(report)
    client.force_login(salatiga.staff)
    assert client.get(reverse("reports:item_history", args=[item.pk])).status_code == 403
    client.force_login(malang.head)
    assert client.get(reverse("reports:item_history", args=[item.pk])).status_code == 404


def test_a_long_history_is_shown_a_page_at_a_time(client, visit, salatiga):
    for n in range(30):
        make_participant(visit, name=f"Peserta {n}")
    client.force_login(salatiga.head)

    first = client.get(reverse("visits:history", args=[visit.pk]))
    second = client.get(reverse("visits:history", args=[visit.pk]), {"halaman": 2})

    assert len(entries(first)) == 25
    assert entries(first)[0].subject == "Peserta: Peserta 29"
    assert len(entries(second)) == 30 + 2 - 25  # the visit and its topic


# --- Fixed query counts --------------------------------------------------------------
# The session, the user, the object; the count and the page of (table, row)
# pairs; per table on the page its rows and, when some follow earlier ones,
# those; one query per kind of object the values name (topics, agencies,
# divisions).


def fill(visit, report_item, by, count):
    """``count`` participants and agenda items each added then changed, and
    as many check-ins."""
    for n in range(count):
        participant = make_participant(visit, name=f"Peserta {n}")
        participant.phone = f"08123{n}"
        delegation.participant_save(participant=participant, by=by)
        visit.agenda_items.create(start=visit.start, title=f"Acara {n}")
    item = report_item
    for n in range(count):
        item.check_ins.create(date=datetime.date(2026, 1, 1 + n), note=f"Kemajuan {n}")


@pytest.mark.parametrize("count", [1, 3])
def test_the_visit_history_runs_a_fixed_number_of_queries(
    client, visit, report, salatiga, django_assert_num_queries, count
):
    fill(visit, make_adoption_item(report), salatiga.staff, count)
    client.force_login(salatiga.head)

    with django_assert_num_queries(12):
        response = client.get(reverse("visits:history", args=[visit.pk]))

    assert len(entries(response)) == 2 + 3 * count


@pytest.mark.parametrize("count", [1, 3])
def test_the_item_history_runs_a_fixed_number_of_queries(
    client, report, salatiga, django_assert_num_queries, count
):
    item = make_adoption_item(report, division=make_division(salatiga.agency))
    fill(make_visit(report.visit.host, report.agency), item, salatiga.staff, count)
    client.force_login(salatiga.head)

    with django_assert_num_queries(9):
        response = client.get(reverse("reports:item_history", args=[item.pk]))

    assert len(entries(response)) == 1 + count


def test_the_report_history_shows_a_findings_text_under_its_topic(client, salatiga, magelang):
    from reports.models import Finding

    held = make_visit(magelang.agency, salatiga.agency, status=VisitStatus.HELD, topics=["DTKS"])
    report = report_services.report_create(visit=held, by=salatiga.penyuluh)
    finding = report.findings.get()
    report_services.report_update(
        report=report,
        by=salatiga.penyuluh,
        version=report.version,
        fields={},
        findings=[Finding(topic_id=finding.topic_id, text="Verifikasi DTSEN di desa")],
    )
    client.force_login(salatiga.head)

    response = client.get(reverse("reports:history", args=[report.pk]))

    entry = entries(response)[0]
    assert entry.subject.startswith("Temuan: DTKS")
    assert [(c.field, c.old, c.new) for c in entry.changes] == [
        ("Temuan", "—", "Verifikasi DTSEN di desa")
    ]


@pytest.mark.parametrize("count", [1, 3])
def test_the_report_history_runs_a_fixed_number_of_queries(
    client, salatiga, magelang, media_root, django_assert_num_queries, count
):
    held = make_visit(magelang.agency, salatiga.agency, status=VisitStatus.HELD, topics=["DTKS"])
    report = report_services.report_create(visit=held, by=salatiga.penyuluh)
    for n in range(count):
        photo = Photo.objects.create(
            report=report, image=f"{n}.jpg", thumbnail="t.jpg", width=8, height=8
        )
        report_services.photo_update_caption(photo=photo, by=salatiga.penyuluh, caption=f"{n}")
    client.force_login(salatiga.head)

    with django_assert_num_queries(11):
        response = client.get(reverse("reports:history", args=[report.pk]))

    # The report, its finding and author, and each photo added then captioned.
    assert len(entries(response)) == 3 + 2 * count
