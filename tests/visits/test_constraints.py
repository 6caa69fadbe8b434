"""The rules of a visit that the database itself enforces."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from tests.factories import agency_fixture, make_agency, make_visit
from visits.models import DelegationRole, EmploymentType, Participant, Side, Visit, VisitStatus

pytestmark = pytest.mark.django_db


magelang = agency_fixture("33.71")
salatiga = agency_fixture("33.73")


@pytest.fixture
def visit(magelang, salatiga):
    return make_visit(host=magelang, visitor=salatiga)


def test_an_agency_cannot_visit_itself(magelang):
    with pytest.raises(IntegrityError) as error:
        make_visit(host=magelang, visitor=magelang)
    assert "visits_visit_host_not_visitor" in str(error.value)


def test_model_validation_explains_a_visit_to_oneself(magelang):
    visit = Visit(host=magelang, visitor=magelang, title="x", start=_at(9), end=_at(12))
    with pytest.raises(ValidationError) as error:
        visit.full_clean()
    assert error.value.message_dict["host"] == [
        "Instansi tidak dapat berkunjung ke dirinya sendiri."
    ]


def test_a_visit_cannot_end_before_it_starts(magelang, salatiga):
    with pytest.raises(IntegrityError) as error:
        make_visit(host=magelang, visitor=salatiga, start=_at(12), end=_at(9))
    assert "visits_visit_end_not_before_start" in str(error.value)


def test_model_validation_explains_an_end_before_the_start(magelang, salatiga):
    visit = Visit(host=magelang, visitor=salatiga, title="x", start=_at(12), end=_at(9))
    with pytest.raises(ValidationError) as error:
        visit.full_clean()
    assert error.value.message_dict["end"] == ["Waktu selesai tidak boleh sebelum waktu mulai."]


def test_an_unknown_status_is_refused(visit):
    with pytest.raises(IntegrityError):
        Visit.objects.filter(pk=visit.pk).update(status="approved")


def test_a_proposed_date_needs_both_start_and_end(visit):
    with pytest.raises(IntegrityError):
        Visit.objects.filter(pk=visit.pk).update(proposed_start=_at(9))


def test_a_delegation_has_at_most_one_head(visit):
    Participant.objects.create(visit=visit, name="A", role=DelegationRole.HEAD)
    with pytest.raises(IntegrityError):
        Participant.objects.create(visit=visit, name="B", role=DelegationRole.HEAD)


def test_a_host_official_cannot_be_head_of_the_delegation(visit):
    with pytest.raises(IntegrityError):
        Participant.objects.create(visit=visit, name="A", side=Side.HOST, role=DelegationRole.HEAD)


def test_a_participant_nip_must_be_18_characters(visit):
    with pytest.raises(IntegrityError):
        Participant.objects.create(visit=visit, name="A", nip="1234")


def test_a_non_asn_participant_has_no_nip(visit):
    with transaction.atomic(), pytest.raises(IntegrityError):
        Participant.objects.create(
            visit=visit,
            name="A",
            employment_type=EmploymentType.NON_ASN,
            nip="197903152005011003",
        )
    participant = Participant(
        visit=visit, name="A", employment_type=EmploymentType.NON_ASN, nip="197903152005011003"
    )
    with pytest.raises(ValidationError) as error:
        participant.full_clean()
    assert error.value.message_dict["nip"] == ["Pegawai non-ASN tidak memiliki NIP."]


def test_a_topic_appears_once_per_visit(visit):
    make_visit_topics = visit.visit_topics
    topic = make_visit(visit.host, make_agency("35.19"), topics=["DTKS"]).visit_topics.get().topic
    make_visit_topics.create(topic=topic)
    with pytest.raises(IntegrityError):
        make_visit_topics.create(topic=topic)


def test_participants_are_reachable_from_the_visit_with_their_titles(visit):
    Participant.objects.create(
        visit=visit, name="Slamet Setyo Budi", back_title="S.E., M.Acc.", role=DelegationRole.HEAD
    )
    Participant.objects.create(
        visit=visit,
        front_title="Drs.",
        name="Hadi Sutopo",
        side=Side.HOST,
        role=DelegationRole.RECEIVING_OFFICIAL,
    )
    names = sorted(p.full_name for p in visit.participants.all())
    assert names == ["Drs. Hadi Sutopo", "Slamet Setyo Budi, S.E., M.Acc."]
    assert [p.full_name for p in visit.delegation] == ["Slamet Setyo Budi, S.E., M.Acc."]


def test_visit_datetimes_are_aware(visit):
    visit.refresh_from_db()
    assert visit.start.tzinfo is not None
    assert visit.status == VisitStatus.SCHEDULED


def _at(hour):
    return datetime.datetime(
        2023, 6, 14, hour, tzinfo=datetime.timezone(datetime.timedelta(hours=7))
    )


def test_an_nip_is_stored_once_per_visit(magelang, salatiga):
    visit = make_visit(host=magelang, visitor=salatiga)
    nip = "197903122005011004"
    Participant.objects.create(visit=visit, side=Side.VISITOR, name="Andre", nip=nip)

    with pytest.raises(IntegrityError) as error, transaction.atomic():
        Participant.objects.create(
            visit=visit, side=Side.HOST, role=DelegationRole.RECEIVING_OFFICIAL, name="B", nip=nip
        )
    # PostgreSQL names the constraint, SQLite its columns.
    assert any(
        name in str(error.value)
        for name in ("visits_participant_nip_once_per_visit", "visits_participant.nip")
    )


def test_many_participants_of_a_visit_may_have_no_nip(magelang, salatiga):
    visit = make_visit(host=magelang, visitor=salatiga)
    for name in ("A", "B"):
        Participant.objects.create(
            visit=visit, side=Side.VISITOR, name=name, employment_type=EmploymentType.NON_ASN
        )

    assert visit.participants.filter(nip="").count() == 2
