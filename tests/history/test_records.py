"""Who changed what, when: every write to official or personal data leaves a
historical row naming the acting user, through the services, the admin,
lifecycle steps and bulk writes, and the rows outlive a deleted object."""

import datetime

import pytest
from django.urls import reverse
from simple_history.utils import get_history_manager_for_model

from agencies.models import GoodPractice, Membership, Role, Topic, User
from agencies.practices import deactivate_practice
from agencies.services import change_member
from reports import services as report_services
from reports.models import AdoptionItem, Photo, Report
from tests.factories import (
    make_adoption_item,
    make_participant,
    make_practice,
    make_report,
    make_user,
    make_visit,
)
from visits import delegation
from visits import services as visit_services
from visits.models import Participant, Visit, VisitStatus, VisitTopic

pytestmark = pytest.mark.django_db


def history_of(model, pk):
    """The historical rows of object ``pk``, oldest first."""
    return list(get_history_manager_for_model(model).filter(id=pk).order_by("history_id"))


def changed(row, before):
    """``{field: (old, new)}`` between two historical rows."""
    delta = row.diff_against(before)
    return {change.field: (change.old, change.new) for change in delta.changes}


@pytest.fixture
def visit(salatiga, magelang):
    return make_visit(magelang.agency, salatiga.agency, topics=["DTKS", "SLRT"])


def test_a_change_through_a_service_records_field_old_new_and_who(visit, salatiga):
    participant = make_participant(visit, name="Slamet", position="Penyuluh Sosial")
    participant.position = "Penyuluh Sosial Ahli Muda"

    delegation.participant_save(participant=participant, by=salatiga.staff)

    before, after = history_of(Participant, participant.pk)[-2:]
    assert after.history_type == "~"
    assert after.history_user == salatiga.staff
    assert changed(after, before) == {"position": ("Penyuluh Sosial", "Penyuluh Sosial Ahli Muda")}


def test_the_history_names_the_services_actor_not_the_logged_in_user(
    client, visit, salatiga, magelang
):
    """A write made for someone (a task, a command, a service called for a
    colleague) names the person it was made for."""
    participant = make_participant(visit, name="Slamet")
    participant.phone = "081234567890"
    client.force_login(magelang.staff)
    from simple_history.models import HistoricalRecords

    HistoricalRecords.context.request = client.get(reverse("home")).wsgi_request
    try:
        delegation.participant_save(participant=participant, by=salatiga.staff)
    finally:
        del HistoricalRecords.context.request

    assert history_of(Participant, participant.pk)[-1].history_user == salatiga.staff


def test_a_deleted_participant_keeps_its_history(visit, salatiga):
    participant = make_participant(visit, name="Slamet", nip="")
    pk = participant.pk

    delegation.participant_delete(participant=participant, by=salatiga.staff)

    assert not Participant.objects.filter(pk=pk).exists()
    rows = history_of(Participant, pk)
    assert [row.history_type for row in rows] == ["+", "-"]
    assert rows[-1].history_user == salatiga.staff
    assert rows[-1].name == "Slamet"


def test_a_deleted_agenda_item_keeps_its_history(visit, magelang):
    item = visit.agenda_items.create(start=visit.start, title="Sambutan")

    delegation.agenda_item_delete(item=item, by=magelang.staff)

    rows = get_history_manager_for_model(type(item)).filter(id=item.pk)
    assert sorted(row.history_type for row in rows) == ["+", "-"]


def test_a_change_of_the_visits_topics_records_each_topic_added_removed_or_changed(visit, salatiga):
    visit.status = VisitStatus.DRAFT
    visit.save()
    slrt = VisitTopic.objects.get(visit=visit, topic__code="SLRT")
    dtks = VisitTopic.objects.get(visit=visit, topic__code="DTKS")
    topics = [
        (Topic.objects.get(code="DTKS"), "Bagaimana verifikasi DTSEN?"),
        (Topic.objects.get(code="FTJSLP"), ""),
    ]

    visit_services.visit_update(visit=visit, topics=topics, by=salatiga.staff)

    removed = history_of(VisitTopic, slrt.pk)[-1]
    assert (removed.history_type, removed.history_user) == ("-", salatiga.staff)
    before, after = history_of(VisitTopic, dtks.pk)[-2:]
    assert changed(after, before) == {"questions": ("", "Bagaimana verifikasi DTSEN?")}
    added = VisitTopic.objects.get(visit=visit, topic__code="FTJSLP")
    assert [row.history_type for row in history_of(VisitTopic, added.pk)] == ["+"]
    assert history_of(VisitTopic, added.pk)[0].history_user == salatiga.staff


def test_saving_a_visit_with_the_same_topics_records_no_topic_change(visit, salatiga):
    visit.status = VisitStatus.DRAFT
    visit.save()
    topics = [(vt.topic, vt.questions) for vt in visit.visit_topics.select_related("topic")]
    rows_before = get_history_manager_for_model(VisitTopic).count()

    visit_services.visit_update(visit=visit, topics=topics, by=salatiga.staff)

    assert get_history_manager_for_model(VisitTopic).count() == rows_before


def test_a_lifecycle_step_is_recorded_in_the_history_too(visit, magelang):
    visit.status = VisitStatus.REQUESTED
    visit.save()

    visit_services.visit_accept(visit=visit, by=magelang.staff)

    before, after = history_of(Visit, visit.pk)[-2:]
    assert after.history_user == magelang.staff
    assert changed(after, before)["status"] == (VisitStatus.REQUESTED, VisitStatus.SCHEDULED)


def test_a_report_step_made_with_an_update_is_recorded(salatiga, magelang):
    held = make_visit(
        magelang.agency,
        salatiga.agency,
        status=VisitStatus.HELD,
        start=datetime.datetime(2026, 6, 1, 9, tzinfo=datetime.UTC),
    )
    report = make_report(held, salatiga.agency)

    report_services.report_submit(report=report, by=salatiga.penyuluh)

    before, after = history_of(Report, report.pk)[-2:]
    assert after.history_user == salatiga.penyuluh
    assert changed(after, before)["status"] == ("draft", "submitted")


def test_an_atm_item_step_made_with_an_update_is_recorded(salatiga, magelang):
    held = make_visit(magelang.agency, salatiga.agency, status=VisitStatus.HELD)
    item = make_adoption_item(make_report(held, salatiga.agency))

    report_services.item_approve(item=item, by=salatiga.head)

    before, after = history_of(AdoptionItem, item.pk)[-2:]
    assert after.history_user == salatiga.head
    assert changed(after, before) == {"status": ("proposed", "approved")}


def test_a_photo_caption_change_is_recorded(salatiga, magelang, media_root):
    held = make_visit(magelang.agency, salatiga.agency, status=VisitStatus.HELD)
    report = make_report(held, salatiga.agency)
    photo = Photo.objects.create(
        report=report, image="a.jpg", thumbnail="b.jpg", width=8, height=8, caption="Lama"
    )

    report_services.photo_update_caption(photo=photo, by=salatiga.penyuluh, caption="Baru")

    before, after = history_of(Photo, photo.pk)[-2:]
    assert after.history_user == salatiga.penyuluh
    assert changed(after, before) == {"caption": ("Lama", "Baru")}


def test_attendance_is_recorded(visit, magelang):
    participant = make_participant(visit)

    delegation.attendance_set(participant=participant, attended=True, by=magelang.staff)

    before, after = history_of(Participant, participant.pk)[-2:]
    assert after.history_user == magelang.staff
    assert changed(after, before) == {"attended": (None, True)}


def test_a_new_head_of_delegation_records_the_previous_heads_demotion(visit, salatiga):
    old_head = make_participant(visit, role="head")
    new_head = make_participant(visit)

    delegation.participant_make_head(participant=new_head, by=salatiga.staff)

    before, after = history_of(Participant, old_head.pk)[-2:]
    assert after.history_user == salatiga.staff
    assert changed(after, before) == {"role": ("head", "member")}


def test_an_imported_sheet_records_every_participant(visit, salatiga):
    people = [Participant(name=f"Peserta {n}", role="member") for n in range(3)]

    delegation.participants_import(
        visit=visit, side="visitor", participants=people, replace=False, by=salatiga.staff
    )

    rows = get_history_manager_for_model(Participant).filter(visit_id=visit.pk)
    assert sorted(row.name for row in rows) == ["Peserta 0", "Peserta 1", "Peserta 2"]
    assert {row.history_user for row in rows} == {salatiga.staff}
    assert {row.history_type for row in rows} == {"+"}


def test_a_members_role_change_is_recorded(salatiga):
    colleague = make_user(salatiga.agency, Role.PENYULUH)
    membership = colleague.membership

    change_member(membership=membership, role=Role.STAFF, position="Analis", by=salatiga.staff)

    before, after = history_of(Membership, membership.pk)[-2:]
    assert after.history_user == salatiga.staff
    assert changed(after, before) == {
        "role": (Role.PENYULUH, Role.STAFF),
        "position": ("", "Analis"),
    }


def test_a_practice_taken_out_of_the_directory_is_recorded(magelang):
    practice = make_practice(magelang.agency)

    deactivate_practice(practice=practice, by=magelang.staff)

    before, after = history_of(GoodPractice, practice.pk)[-2:]
    assert after.history_user == magelang.staff
    assert changed(after, before) == {"is_active": (True, False)}


def test_an_edit_in_the_admin_is_recorded_with_the_admin(admin_client, admin_user, magelang):
    practice = make_practice(magelang.agency, title="SLRT kelurahan")
    url = reverse("admin:agencies_goodpractice_change", args=[practice.pk])

    response = admin_client.post(
        url,
        {
            "agency": practice.agency_id,
            "topic": practice.topic_id,
            "title": "SLRT terintegrasi Puskesos kelurahan",
            "description": "",
            "location": "",
            "contact": "",
            "is_active": "on",
        },
    )

    assert response.status_code == 302
    before, after = history_of(GoodPractice, practice.pk)[-2:]
    assert after.history_user == admin_user
    assert changed(after, before) == {
        "title": ("SLRT kelurahan", "SLRT terintegrasi Puskesos kelurahan")
    }


def test_the_admin_shows_an_objects_history(admin_client, magelang):
    practice = make_practice(magelang.agency, title="SLRT kelurahan")

    response = admin_client.get(reverse("admin:agencies_goodpractice_history", args=[practice.pk]))

    assert response.status_code == 200
    assert "SLRT kelurahan" in response.content.decode()


def test_a_login_writes_no_history_of_the_account(client, salatiga):
    rows_before = get_history_manager_for_model(User).filter(id=salatiga.staff.pk).count()

    assert client.login(email=salatiga.staff.email, password="password")

    User.objects.get(pk=salatiga.staff.pk)  # last_login was saved
    assert get_history_manager_for_model(User).filter(id=salatiga.staff.pk).count() == rows_before


def test_a_deactivated_account_is_recorded(salatiga):
    from agencies.services import set_member_active

    colleague = make_user(salatiga.agency, Role.PENYULUH)

    set_member_active(membership=colleague.membership, active=False, by=salatiga.staff)

    before, after = history_of(User, colleague.pk)[-2:]
    assert after.history_user == salatiga.staff
    assert changed(after, before) == {"is_active": (True, False)}
    assert not hasattr(after, "password")


def test_saving_a_report_records_only_the_finding_and_quote_that_changed(salatiga, magelang):
    from reports.models import Finding, Quote

    held = make_visit(
        magelang.agency, salatiga.agency, status=VisitStatus.HELD, topics=["DTKS", "SLRT"]
    )
    report = report_services.report_create(visit=held, by=salatiga.penyuluh)
    dtks, slrt = report.findings.order_by("order")
    rows_before = get_history_manager_for_model(Finding).count()

    def save(version, slrt_text, quotes):
        return report_services.report_update(
            report=report,
            by=salatiga.penyuluh,
            version=version,
            fields={"title": "Studi tiru DTKS"},
            findings=[
                Finding(topic_id=dtks.topic_id, text=""),
                Finding(topic_id=slrt.topic_id, text=slrt_text),
            ],
            quotes=[Quote(text=text, speaker_name=name) for name, text in quotes],
        )

    saved = save(report.version, "", [("Hadi", "Terbuka belajar"), ("Budi", "Terima kasih")])
    save(
        saved.version,
        "Puskesos di kelurahan",
        [("Hadi", "Kami terbuka belajar"), ("Budi", "Terima kasih")],
    )

    findings = (
        get_history_manager_for_model(Finding).filter(history_id__gt=0).order_by("history_id")
    )
    assert findings.count() == rows_before + 1
    before, after = history_of(Finding, slrt.pk)[-2:]
    assert after.history_user == salatiga.penyuluh
    assert changed(after, before) == {"text": ("", "Puskesos di kelurahan")}
    quotes = list(Quote.objects.filter(report=report).order_by("order"))
    assert [row.history_type for row in history_of(Quote, quotes[0].pk)] == ["+", "~"]
    assert [row.history_type for row in history_of(Quote, quotes[1].pk)] == ["+"]


def test_a_report_started_records_its_findings(salatiga, magelang):
    from reports.models import Finding

    held = make_visit(magelang.agency, salatiga.agency, status=VisitStatus.HELD, topics=["DTKS"])

    report = report_services.report_create(visit=held, by=salatiga.penyuluh)

    rows = get_history_manager_for_model(Finding).filter(report_id=report.pk)
    assert [(row.history_type, row.history_user) for row in rows] == [("+", salatiga.penyuluh)]
