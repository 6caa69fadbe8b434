"""Participants' NIP, phone and e-mail are erased once their visit has been
reported for PERSONAL_DATA_RETENTION_MONTHS months (UU PDP), by a command for
cron and a django.tasks task; names and positions stay, and the pages say
why the cells are empty."""

import datetime
import io

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from tests.editing import opened
from tests.factories import make_participant, make_visit
from visits.models import ContactErasure, Participant, VisitEvent, VisitStatus
from visits.retention import erase_expired_contacts_task, months_before

pytestmark = pytest.mark.django_db

NIP = "197903122005011004"
NOW = datetime.datetime(2026, 12, 7, 9, 0, tzinfo=datetime.UTC)


def reported_visit(host, visitor, *, reported_at):
    """A visit that moved to "reported" at ``reported_at``, with a member of
    the delegation whose contact data is complete."""
    visit = make_visit(
        host, visitor, status=VisitStatus.REPORTED, start=reported_at - datetime.timedelta(days=10)
    )
    VisitEvent.objects.create(
        visit=visit,
        created_at=reported_at,
        from_status=VisitStatus.HELD,
        to_status=VisitStatus.REPORTED,
    )
    make_participant(
        visit,
        name="Slamet Setyo Budi",
        back_title="S.E., M.Acc.",
        position="Penyuluh Sosial Ahli Muda",
        nip=NIP,
        phone="081234567890",
        email="slamet@example.id",
    )
    return visit


@pytest.fixture
def old_visit(salatiga, magelang):
    """Reported 25 months before NOW."""
    reported_at = datetime.datetime(2024, 11, 6, tzinfo=datetime.UTC)
    return reported_visit(magelang.agency, salatiga.agency, reported_at=reported_at)


@pytest.fixture
def recent_visit(salatiga, magelang):
    """Reported 23 months before NOW."""
    reported_at = datetime.datetime(2025, 1, 8, tzinfo=datetime.UTC)
    return reported_visit(magelang.agency, salatiga.agency, reported_at=reported_at)


def run(*args):
    out = io.StringIO()
    call_command("erase_expired_contacts", *args, stdout=out)
    return out.getvalue()


@pytest.fixture
def frozen_now(monkeypatch):
    monkeypatch.setattr(timezone, "now", lambda: NOW)


def test_contacts_of_a_visit_reported_24_months_ago_are_erased(frozen_now, old_visit, recent_visit):
    output = run()

    old = old_visit.participants.get()
    assert (old.nip, old.phone, old.email) == ("", "", "")
    assert old.contact_erased_at == NOW
    assert old.contact_erasure == ContactErasure.RETENTION
    # The historical record stays.
    assert (old.name, old.back_title, old.position) == (
        "Slamet Setyo Budi",
        "S.E., M.Acc.",
        "Penyuluh Sosial Ahli Muda",
    )
    recent = recent_visit.participants.get()
    assert (recent.nip, recent.phone, recent.email) == (NIP, "081234567890", "slamet@example.id")
    assert recent.contact_erased_at is None
    assert "1 peserta dari 1 kunjungan" in output


def test_the_period_is_a_setting(frozen_now, settings, old_visit, recent_visit):
    settings.PERSONAL_DATA_RETENTION_MONTHS = 12

    run()

    assert Participant.objects.filter(contact_erased_at=NOW).count() == 2


def test_a_dry_run_counts_and_changes_nothing(frozen_now, old_visit, recent_visit):
    output = run("--dry-run")

    assert "Uji coba" in output
    assert "1 peserta dari 1 kunjungan" in output
    assert old_visit.participants.get().nip == NIP


def test_a_second_run_keeps_the_first_date(frozen_now, monkeypatch, old_visit):
    run()
    monkeypatch.setattr(timezone, "now", lambda: NOW + datetime.timedelta(days=1))

    output = run()

    assert old_visit.participants.get().contact_erased_at == NOW
    assert "0 peserta dari 0 kunjungan" in output


def test_visits_not_yet_reported_keep_their_contacts(frozen_now, salatiga, magelang):
    held = make_visit(
        magelang.agency,
        salatiga.agency,
        status=VisitStatus.HELD,
        start=NOW - datetime.timedelta(days=1000),
    )
    make_participant(held, nip=NIP)

    run()

    assert held.participants.get().nip == NIP


def test_the_task_erases_like_the_command(frozen_now, old_visit):
    result = erase_expired_contacts_task.enqueue()

    assert result.return_value == 1
    assert old_visit.participants.get().contact_erased_at == NOW


def test_the_participant_list_says_why_the_cells_are_empty(client, frozen_now, salatiga, old_visit):
    run()
    client.force_login(salatiga.staff)

    content = client.get(reverse("visits:participants", args=[old_visit.pk])).content.decode()

    assert "dihapus sesuai masa retensi" in content
    assert "Slamet Setyo Budi" in content


def contacts_typed_again(**fields):
    """The participant form of Slamet, his erased contacts typed in again."""
    return {
        "name": "Slamet Setyo Budi",
        "position": "Penyuluh Sosial Ahli Madya",
        "role": "member",
        "employment_type": "pns",
        "nip": NIP,
        "phone": "0811",
        "email": "lagi@example.id",
    } | fields


def assert_saved_without_contacts(response, participant):
    """The edit saved the position, and none of the contacts typed again."""
    assert response.status_code == 302
    participant.refresh_from_db()
    assert participant.position == "Penyuluh Sosial Ahli Madya"
    assert (participant.nip, participant.phone, participant.email) == ("", "", "")


def test_the_edit_form_no_longer_asks_for_them(client, frozen_now, salatiga, old_visit):
    run()
    participant = old_visit.participants.get()
    # The visit is reported; editing is allowed only on a scheduled one.
    type(old_visit).objects.filter(pk=old_visit.pk).update(status=VisitStatus.SCHEDULED)
    client.force_login(salatiga.staff)
    url = reverse("visits:participant_edit", args=[old_visit.pk, participant.pk])

    page = client.get(url)
    assert set(page.context["form"].fields).isdisjoint({"nip", "phone", "email"})
    assert "dihapus sesuai masa retensi" in page.content.decode()
    response = client.post(url, opened(client, url) | contacts_typed_again())

    assert_saved_without_contacts(response, participant)


@pytest.mark.parametrize(
    ("moment", "months", "expected"),
    [
        (datetime.datetime(2026, 12, 7), 24, datetime.datetime(2024, 12, 7)),
        (datetime.datetime(2026, 3, 31), 1, datetime.datetime(2026, 2, 28)),
        (datetime.datetime(2026, 1, 15), 13, datetime.datetime(2024, 12, 15)),
    ],
)
def test_months_before_counts_calendar_months(moment, months, expected):
    assert months_before(moment, months) == expected


def test_many_rows_are_erased_in_batches(frozen_now, monkeypatch, salatiga, magelang, old_visit):
    from visits import delegation

    monkeypatch.setattr(delegation, "ERASURE_BATCH", 2)
    for n in range(4):
        make_participant(old_visit, name=f"Peserta {n}", phone=f"08{n}")

    output = run()

    assert "5 peserta dari 1 kunjungan" in output
    assert not old_visit.participants.exclude(phone="").exists()
    assert old_visit.participants.filter(contact_erased_at=NOW).count() == 5


def test_the_admin_cannot_put_erased_contacts_back(admin_client, frozen_now, old_visit):
    run()
    participant = old_visit.participants.get()
    url = reverse("admin:visits_participant_change", args=[participant.pk])
    data = {
        "visit": old_visit.pk,
        "side": "visitor",
        "role": "member",
        "name": participant.name,
        "employment_type": "pns",
        "nip": NIP,
        "phone": "",
        "email": "",
        "order": participant.order,
    }

    response = admin_client.post(url, data)

    # Participants are read-only in the admin (visits.delegation writes them).
    assert response.status_code == 403
    participant.refresh_from_db()
    assert participant.nip == ""
    # And a form that would try is told why by the model.
    participant.nip = NIP
    with pytest.raises(ValidationError) as error:
        participant.full_clean()
    assert "telah dihapus dan tidak diisi lagi" in str(error.value)


def test_a_visit_reported_without_a_timeline_step_counts_from_its_end(
    frozen_now, salatiga, magelang
):
    # Imported history: reported, but no step into "reported" was recorded.
    visit = make_visit(
        magelang.agency,
        salatiga.agency,
        status=VisitStatus.REPORTED,
        start=datetime.datetime(2024, 10, 1, tzinfo=datetime.UTC),
    )
    make_participant(visit, nip=NIP)

    run()

    assert visit.participants.get().contact_erasure == ContactErasure.RETENTION


def test_a_form_opened_before_the_erasure_saves_without_bringing_them_back(
    client, frozen_now, salatiga, old_visit
):
    participant = old_visit.participants.get()
    type(old_visit).objects.filter(pk=old_visit.pk).update(status=VisitStatus.SCHEDULED)
    client.force_login(salatiga.staff)
    url = reverse("visits:participant_edit", args=[old_visit.pk, participant.pk])
    version = opened(client, url)
    visits = type(old_visit).objects.filter(pk=old_visit.pk)
    visits.update(status=VisitStatus.REPORTED)
    run()
    visits.update(status=VisitStatus.SCHEDULED)

    response = client.post(
        url,
        version
        | contacts_typed_again(
            back_title="S.E., M.Acc.", phone="081234567890", email="slamet@example.id"
        ),
    )

    assert_saved_without_contacts(response, participant)


def test_the_change_history_keeps_no_copy_of_the_erased_contacts(frozen_now, old_visit):
    participant = old_visit.participants.get()
    participant.position = "Kepala Bidang Rehabilitasi Sosial"
    participant.save()  # a second historical row holding the contacts
    assert participant.history.filter(nip=NIP).count() == 2

    run()

    rows = participant.history.all()
    assert rows.count() == 3  # the two, and the erasure
    assert {(row.nip, row.phone, row.email) for row in rows} == {("", "", "")}
    # The history still says who held which position.
    assert {row.position for row in rows} == {
        "Penyuluh Sosial Ahli Muda",
        "Kepala Bidang Rehabilitasi Sosial",
    }


def test_the_erasure_is_in_the_change_history_with_who_made_it(frozen_now, old_visit):
    participant = old_visit.participants.get()

    run()  # the retention task: nobody in particular

    latest = participant.history.first()
    assert (latest.history_type, latest.history_user) == ("~", None)
    assert (latest.contact_erasure, latest.nip) == (ContactErasure.RETENTION, "")
    # The next edit is not credited with the erasure.
    participant.refresh_from_db()
    participant.position = "Kepala Bidang"
    participant.save()
    previous, latest = participant.history.all()[1], participant.history.first()
    assert previous.contact_erasure == latest.contact_erasure == ContactErasure.RETENTION
