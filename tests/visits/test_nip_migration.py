"""The migration before "one NIP once per visit" clears the NIP of the later
rows that repeat one (the manual form allowed it until then) and records
each in the participant's history; nothing else changes."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from agencies.models import Regency
from tests.factories import make_agency, make_participant, make_visit, reload_reference_data
from visits.models import DelegationRole, Participant, Side

pytestmark = pytest.mark.django_db(transaction=True)

BEFORE = [("visits", "0010_topic_moves_to_agencies")]
AFTER = [("visits", "0012_participant_nip_once_per_visit")]
NIP = "197903122005011004"
OTHER_NIP = "198001012006042001"


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)


@pytest.fixture
def before_the_rule():
    # An earlier transactional test may have emptied the tables, the regions
    # the migrations load included.
    if not Regency.objects.exists():
        reload_reference_data()
    migrate(BEFORE)
    yield
    migrate(executor_leaves())


def executor_leaves():
    return MigrationExecutor(connection).loader.graph.leaf_nodes()


def test_repeated_nips_are_cleared_and_recorded(before_the_rule):
    visit = make_visit(make_agency("33.71"), make_agency("33.73"))
    other_visit = make_visit(visit.host, visit.visitor)
    first = make_participant(visit, Side.VISITOR, name="Andre", nip=NIP)
    again = make_participant(visit, Side.VISITOR, name="Andre lagi", nip=NIP)
    host = make_participant(
        visit, Side.HOST, role=DelegationRole.RECEIVING_OFFICIAL, name="Hadi", nip=NIP
    )
    kept = make_participant(visit, Side.VISITOR, name="Agus", nip=OTHER_NIP)
    elsewhere = make_participant(other_visit, Side.VISITOR, name="Andre", nip=NIP)

    migrate(AFTER)

    nips = dict(Participant.objects.values_list("pk", "nip"))
    assert nips == {first.pk: NIP, again.pk: "", host.pk: "", kept.pk: OTHER_NIP, elsewhere.pk: NIP}
    cleared = Participant.history.filter(history_change_reason__isnull=False)
    assert sorted(cleared.values_list("id", "nip", "history_type")) == sorted(
        [(again.pk, "", "~"), (host.pk, "", "~")]
    )
    assert again.history.filter(nip=NIP).exists()  # the row before still shows it
