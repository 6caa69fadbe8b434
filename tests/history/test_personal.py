"""Personal data erased from the live rows leaves the history too
(``history.personal.scrub_personal_history``), names and who-changed-what stay."""

import pytest
from simple_history.utils import get_history_manager_for_model

from agencies.models import Membership, Role, User
from history.personal import scrub_personal_history
from tests.factories import make_participant, make_user, make_visit
from visits import delegation
from visits.models import Participant

pytestmark = pytest.mark.django_db

NIP = "198504122010011003"


def test_scrubbing_blanks_a_participants_nip_phone_and_email_in_every_historical_row(
    salatiga, magelang
):
    visit = make_visit(magelang.agency, salatiga.agency)
    erased = make_participant(
        visit, name="Slamet", nip=NIP, phone="081234567890", email="slamet@contoh.id"
    )
    erased.phone = "089876543210"
    delegation.participant_save(participant=erased, by=salatiga.staff)
    kept = make_participant(visit, name="Hadi", phone="0811111111", email="hadi@contoh.id")

    # A retention run erases many people: theirs is in the second chunk.
    unknown = range(10**9, 10**9 + 1500)
    changed = scrub_personal_history(participant_ids=[*unknown, erased.pk])

    history = get_history_manager_for_model(Participant)
    rows = list(history.filter(id=erased.pk))
    assert changed == len(rows) == 2
    assert {(row.nip, row.phone, row.email) for row in rows} == {("", "", "")}
    assert {row.name for row in rows} == {"Slamet"}
    assert {row.history_user for row in rows} == {None, salatiga.staff}
    other = history.get(id=kept.pk)
    assert (other.phone, other.email) == ("0811111111", "hadi@contoh.id")


def test_scrubbing_blanks_a_members_nip_and_replaces_a_users_email(salatiga):
    colleague = make_user(salatiga.agency, Role.PENYULUH, email="rina@contoh.id", nip=NIP)
    membership = colleague.membership

    scrub_personal_history(membership_ids=[membership.pk], user_ids=[colleague.pk])

    assert get_history_manager_for_model(Membership).get(id=membership.pk).nip == ""
    assert get_history_manager_for_model(User).get(id=colleague.pk).email == (
        f"dihapus-{colleague.pk}@invalid"
    )
    colleague.refresh_from_db()
    assert colleague.email == "rina@contoh.id"  # the live row is the caller's business
