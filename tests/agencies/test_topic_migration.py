"""The topic catalogue moved from ``visits`` into ``agencies`` without losing
a row: a database with the schema and data of the layout before the move is
migrated forward and read through today's models.

The test migrates the test database itself (backwards, then forwards again to
the newest migrations), so it commits: ``transaction=True`` empties the tables
afterwards, as for the browser tests."""

import datetime

import pytest
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from agencies.models import GoodPractice, Topic
from reports.models import AdoptionItem, Finding
from visits.models import VisitTopic

pytestmark = pytest.mark.django_db(transaction=True)

# The three parts of the move; the layout before it is each one's predecessor
# in its own app (on main before the move: agencies 0009, visits 0009, reports
# 0004), whatever migrations are added or re-chained around them later.
THE_MOVE = [
    ("agencies", "0010_topic_moves_from_visits"),
    ("reports", "0005_topic_moves_to_agencies"),
    ("visits", "0010_topic_moves_to_agencies"),
]


def before_the_move(graph):
    return [
        parent.key
        for app_label, name in THE_MOVE
        for parent in graph.node_map[app_label, name].parents
        if parent.key[0] == app_label
    ]


def migrate(targets=None):
    """Migrate the test database to ``targets`` (default: the newest
    migrations) and answer the models of that state."""
    executor = MigrationExecutor(connection)
    targets = targets or executor.loader.graph.leaf_nodes()
    executor.migrate(targets)
    ContentType.objects.clear_cache()
    return MigrationExecutor(connection).loader.project_state(targets).apps


@pytest.fixture
def old_layout():
    """The models of the layout before the move; the newest layout again after
    the test, whatever it did."""
    yield migrate(before_the_move(MigrationExecutor(connection).loader.graph))
    migrate()


def old_world(apps):
    """A renamed topic chain with a visit, a practice, a finding and an ATM
    item on it, the way the database held them before the move."""
    Topic = apps.get_model("visits", "Topic")
    oldest = Topic.objects.create(code="UJI-1", name="Program lama", aliases=["Lama"])
    middle = Topic.objects.create(code="UJI-2", name="Program antara")
    newest = Topic.objects.create(code="UJI-3", name="Program baru")
    oldest.successor, middle.successor = middle, newest
    oldest.save()
    middle.save()

    province = apps.get_model("agencies", "Province").objects.create(
        code="99", name="Provinsi Uji", time_zone="WIB"
    )
    regency = apps.get_model("agencies", "Regency").objects.create(
        province=province, code="99.71", name="Kota Uji", kind="kota"
    )
    Agency = apps.get_model("agencies", "Agency")
    host = Agency.objects.create(
        name="Dinas Sosial Provinsi Uji", slug="provinsi-uji", level="provinsi", province=province
    )
    visitor = Agency.objects.create(
        name="Dinas Sosial Kota Uji",
        slug="kota-uji",
        level="kota",
        province=province,
        regency=regency,
    )
    start = timezone.now().replace(microsecond=0)
    visit = apps.get_model("visits", "Visit").objects.create(
        host=host,
        visitor=visitor,
        title="Studi tiru",
        status="held",
        start=start,
        end=start + datetime.timedelta(hours=6),
    )
    apps.get_model("visits", "VisitTopic").objects.create(visit=visit, topic=oldest, order=0)
    apps.get_model("agencies", "GoodPractice").objects.create(
        agency=host, topic=middle, title="Praktik baik"
    )
    report = apps.get_model("reports", "Report").objects.create(
        visit=visit, agency=visitor, title="Laporan", status="draft"
    )
    apps.get_model("reports", "Finding").objects.create(report=report, topic=newest, text="Temuan")
    apps.get_model("reports", "AdoptionItem").objects.create(
        report=report,
        topic=oldest,
        observe="Amati",
        replicate="Tiru",
        modify="Modifikasi",
        target_date=start.date(),
        success_indicator="Indikator",
        status="proposed",
    )
    return oldest, middle, newest


def test_the_move_keeps_every_topic_and_what_points_at_it(old_layout):
    oldest, middle, newest = old_world(old_layout)

    migrate()

    topics = {t.code: t for t in Topic.objects.filter(code__startswith="UJI-")}
    assert [(t.pk, t.successor_id) for t in topics.values()] == [
        (oldest.pk, middle.pk),
        (middle.pk, newest.pk),
        (newest.pk, None),
    ]
    assert topics["UJI-1"].aliases == ["Lama"]
    assert list(VisitTopic.objects.values_list("topic__code", flat=True)) == ["UJI-1"]
    assert list(GoodPractice.objects.values_list("topic__code", flat=True)) == ["UJI-2"]
    assert list(Finding.objects.values_list("topic__code", flat=True)) == ["UJI-3"]
    assert list(AdoptionItem.objects.values_list("topic__code", flat=True)) == ["UJI-1"]
    assert set(Topic.objects.lineage(topics["UJI-3"])) == set(topics.values())


def test_the_content_type_permissions_and_admin_log_follow_the_model(old_layout):
    OldContentType = old_layout.get_model("contenttypes", "ContentType")
    old_type = OldContentType.objects.get(app_label="visits", model="topic")
    oldest, _, _ = old_world(old_layout)
    # The admin is no part of the migrated apps; its table is the same before and after.
    # The user is one of the old layout: the account table gains columns later.
    OldUser = old_layout.get_model("agencies", "User")
    admin = OldUser.objects.create(email="admin@test.id", name="Admin Nasional", is_superuser=True)
    LogEntry.objects.create(
        user_id=admin.pk,
        content_type_id=old_type.pk,
        object_id=str(oldest.pk),
        object_repr="UJI-1",
        action_flag=CHANGE,
        action_time=timezone.now(),
    )

    migrate()

    new_type = ContentType.objects.get_for_model(Topic)
    assert (new_type.pk, new_type.app_label) == (old_type.pk, "agencies")
    assert not ContentType.objects.filter(app_label="visits", model="topic").exists()
    assert set(
        Permission.objects.filter(content_type=new_type).values_list("codename", flat=True)
    ) == {
        "add_topic",
        "change_topic",
        "delete_topic",
        "view_topic",
    }
    assert LogEntry.objects.get(object_repr="UJI-1").get_edited_object() == Topic.objects.get(
        code="UJI-1"
    )
