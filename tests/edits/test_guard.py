"""The edit guard itself (edits.guard): what counts as a conflict."""

import json

import pytest
from django.core import signing

from edits import guard
from edits.guard import Change, EditConflict, Value
from tests.factories import make_participant, make_visit
from visits import delegation
from visits.models import Participant, Side

pytestmark = pytest.mark.django_db


@pytest.fixture
def andre(salatiga, magelang):
    visit = make_visit(magelang.agency, salatiga.agency)
    return make_participant(visit, Side.VISITOR, name="Andre", position="Staf", phone="0811")


def values(**texts):
    return {name: Value(name.title(), text) for name, text in texts.items()}


def test_nothing_changed_since_the_form_opened_saves(andre):
    opened = guard.version_of(values(name="Andre", phone="0811"), about=andre)

    guard.check(
        opened,
        about=andre,
        current=values(name="Andre", phone="0811"),
        mine=values(name="Andre S.", phone="0812"),
    )


def test_a_field_someone_else_changed_conflicts_even_if_the_user_left_it_alone(andre):
    opened = guard.version_of(values(name="Andre", phone="0811"), about=andre)

    with pytest.raises(EditConflict) as raised:
        guard.check(
            opened,
            about=andre,
            current=values(name="Andre", phone="0899"),
            mine=values(name="Andre S.", phone="0811"),
        )

    assert raised.value.changes == [Change(label="Phone", theirs="0899", mine="0811")]
    # Saving again with the version of the conflict keeps the user's values.
    guard.check(
        raised.value.version,
        about=andre,
        current=values(name="Andre", phone="0899"),
        mine=values(name="Andre S.", phone="0811"),
    )


def test_the_same_change_made_by_both_is_no_conflict(andre):
    opened = guard.version_of(values(name="Andre"), about=andre)

    guard.check(opened, about=andre, current=values(name="Andre S."), mine=values(name="Andre S."))


@pytest.mark.parametrize("version", ["", "forged", "missing"])
def test_a_missing_or_forged_version_never_overwrites(andre, version):
    if version == "forged":
        version = guard.version_of(values(name="Andre"), about=andre)[:-2] + "xx"
    elif version == "missing":
        version = None

    with pytest.raises(EditConflict) as raised:
        guard.check(
            version or "",
            about=andre,
            current=values(name="Andre", phone="0899"),
            mine=values(name="Andre", phone="0811"),
        )

    assert raised.value.changes == [Change(label="Phone", theirs="0899", mine="0811")]


def test_a_version_of_another_object_is_not_accepted(andre):
    other = make_participant(andre.visit, Side.VISITOR, name="Budi")
    opened = guard.version_of(values(phone="0811"), about=other)

    with pytest.raises(EditConflict):
        guard.check(opened, about=andre, current=values(phone="0899"), mine=values(phone="0811"))


def test_the_page_carries_digests_never_the_personal_data(andre):
    opened = guard.version_of(delegation.participant_values(andre), about=andre)

    carried = json.dumps(signing.loads(opened, salt=guard.SALT))
    assert "0811" not in carried and "Andre" not in carried


def test_the_service_saves_nothing_on_a_conflict(andre, salatiga):
    opened = guard.version_of(delegation.participant_values(andre), about=andre)
    Participant.objects.filter(pk=andre.pk).update(phone="0899")
    andre.phone, andre.email = "0812", "andre@salatiga.test"

    with pytest.raises(EditConflict):
        delegation.participant_save(participant=andre, by=salatiga.staff, version=opened)

    andre.refresh_from_db()
    assert (andre.phone, andre.email) == ("0899", "")
