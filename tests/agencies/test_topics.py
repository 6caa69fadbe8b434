"""The topic catalogue's one rule about renamed programmes:
``Topic.objects.lineage`` finds a topic with every topic it was renamed from
or into, walking the chain both ways."""

import pytest

from agencies.models import GoodPractice, Topic
from tests.factories import make_agency, make_practice

pytestmark = pytest.mark.django_db


def make_chain(*codes):
    """Topics renamed one into the next: the first is the oldest name."""
    topics = [Topic.objects.create(code=code, name=f"Program {code}") for code in codes]
    for older, newer in zip(topics, topics[1:], strict=False):
        older.successor = newer
        older.save()
    return topics


def codes(topics):
    return sorted(topic.code for topic in topics)


def test_a_chain_of_three_is_one_lineage_from_each_of_its_names():
    oldest, middle, newest = make_chain("UJI-1", "UJI-2", "UJI-3")
    make_chain("LAIN-1", "LAIN-2")

    for topic in (oldest, middle, newest):
        assert codes(Topic.objects.lineage(topic)) == ["UJI-1", "UJI-2", "UJI-3"]


def test_two_names_renamed_into_one_share_its_lineage():
    merged = Topic.objects.create(code="GABUNG", name="Program gabungan")
    left, right = make_chain("KIRI"), make_chain("KANAN")
    for topic in (*left, *right):
        topic.successor = merged
        topic.save()

    assert codes(Topic.objects.lineage(*left)) == ["GABUNG", "KANAN", "KIRI"]


def test_a_topic_never_renamed_is_its_own_lineage():
    assert codes(Topic.objects.lineage(Topic.objects.get(code="SLRT"))) == ["SLRT"]


def test_a_cycle_of_renamings_ends():
    first, second, third = make_chain("PUTAR-1", "PUTAR-2", "PUTAR-3")
    third.successor = first
    third.save()

    assert codes(Topic.objects.lineage(second)) == ["PUTAR-1", "PUTAR-2", "PUTAR-3"]


def test_no_topic_has_no_lineage(django_assert_num_queries):
    with django_assert_num_queries(0):
        assert list(Topic.objects.lineage()) == []
        assert list(Topic.objects.lineage(None)) == []


def test_lineage_stays_one_query_however_long_the_chain(django_assert_num_queries):
    chain = make_chain(*(f"RANTAI-{n:02}" for n in range(30)))

    with django_assert_num_queries(1):
        assert len(Topic.objects.lineage(chain[0])) == 30


def test_lineage_in_a_filter_is_a_subquery(django_assert_num_queries):
    *_, newest = make_chain("UJI-1", "UJI-2", "UJI-3")
    agency = make_agency("35.73")
    make_practice(agency, "UJI-1", title="Lama")
    make_practice(agency, "UJI-3", title="Baru")
    make_practice(agency, "SLRT", title="Lain")

    with django_assert_num_queries(1):
        found = GoodPractice.objects.filter(topic__in=Topic.objects.lineage(newest))
        assert sorted(found.values_list("title", flat=True)) == ["Baru", "Lama"]
