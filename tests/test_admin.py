"""The admin: every page loads, list pages run a fixed number of queries
whatever their length, and a visit's lifecycle cannot be edited there."""

import pytest
from django.contrib import admin
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from pytest_django.asserts import assertContains

from agencies.models import Agency, GoodPractice, Membership, Role, Topic, User
from tests.factories import make_agency, make_division, make_user, make_visit
from visits.models import (
    AgendaItem,
    DelegationRole,
    Participant,
    Side,
    Visit,
    VisitEvent,
    VisitStatus,
)
from visits.services import move_visit

pytestmark = pytest.mark.django_db

MODELS = list(admin.site._registry)
# Their admins refuse additions: the timeline is written by the services, task
# results by the task workers.
# Written only by services (timeline, calendar feeds) or by the task worker.
# The personal-data request log is evidence, written by privacy.services only.
# Participants and the agenda are written by visits.delegation only.
NO_ADD_PAGE = {
    "visits.VisitEvent",
    "visits.Participant",
    "visits.AgendaItem",
    "visits.CalendarFeed",
    "django_tasks_database.DBTaskResult",
    "privacy.PersonalDataRequest",
}


def admin_url(model, view, *args):
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{view}", args=args)


def agency(code):
    return Agency.objects.filter(regency__code=code).first() or make_agency(code)


@pytest.mark.parametrize("model", MODELS, ids=lambda model: model._meta.label)
def test_every_changelist_loads_for_a_superuser(admin_client, model):
    assert admin_client.get(admin_url(model, "changelist")).status_code == 200


@pytest.mark.parametrize("model", MODELS, ids=lambda model: model._meta.label)
def test_every_changelist_can_be_searched(admin_client, model):
    response = admin_client.get(admin_url(model, "changelist"), {"q": "Magelang"})
    assert response.status_code == 200


@pytest.mark.parametrize(
    "model",
    [model for model in MODELS if model._meta.label not in NO_ADD_PAGE],
    ids=lambda model: model._meta.label,
)
def test_every_add_page_loads_for_a_superuser(admin_client, model):
    assert admin_client.get(admin_url(model, "add")).status_code == 200


# Builders that add ``n`` rows to a changelist.
AGENCY_CODES = ["33.71", "33.73", "35.73", "35.77", "35.19", "33.74"]


def add_agencies(n):
    start = Agency.objects.count()
    for code in AGENCY_CODES[start : start + n]:
        make_agency(code)


def add_members(n):
    magelang = agency("33.71")
    division = magelang.divisions.first() or make_division(magelang)
    for _ in range(n):
        make_user(magelang, Role.PENYULUH, division=division, position="Penyuluh Sosial")


def add_visits(n):
    for _ in range(n):
        make_visit(agency("33.71"), agency("33.73"), topics=["SLRT"])


def add_participants(n):
    visit = Visit.objects.first() or make_visit(agency("33.71"), agency("33.73"))
    for _ in range(n):
        visit.participants.create(name="Slamet Setyo Budi", back_title="S.E., M.Acc.")


def add_events(n):
    salatiga = agency("33.73")
    staff = make_user(salatiga, Role.STAFF)
    for _ in range(n):
        visit = make_visit(agency("33.71"), salatiga, status=VisitStatus.DRAFT)
        move_visit(visit=visit, to_status=VisitStatus.REQUESTED, by=staff)


def add_good_practices(n):
    malang = agency("35.73")
    topic = Topic.objects.get(code="SLRT")
    start = malang.good_practices.count()
    for i in range(start, start + n):
        GoodPractice.objects.create(agency=malang, topic=topic, title=f"Puskesos kelurahan {i}")


def changelist(client, model):
    """The number of queries of the changelist and the number of rows it shows."""
    with CaptureQueriesContext(connection) as queries:
        response = client.get(admin_url(model, "changelist"))
    assert response.status_code == 200
    return len(queries), response.context["cl"].result_count


@pytest.mark.parametrize(
    ("model", "add_rows", "queries"),
    [
        (Agency, add_agencies, 6),
        (Membership, add_members, 6),
        (User, add_members, 5),
        (Visit, add_visits, 9),
        (Participant, add_participants, 5),
        (VisitEvent, add_events, 7),
        (GoodPractice, add_good_practices, 7),
    ],
    ids=lambda value: getattr(value, "__name__", None),
)
def test_a_changelist_runs_as_many_queries_for_five_rows_as_for_one(
    admin_client, model, add_rows, queries
):
    add_rows(1)
    queries_one, rows_one = changelist(admin_client, model)
    add_rows(4)
    queries_five, rows_five = changelist(admin_client, model)

    assert (queries_one, queries_five) == (queries, queries)
    assert rows_five - rows_one == 4


def test_the_user_list_shows_each_users_agency(admin_client):
    make_user(agency("33.71"), Role.STAFF)

    response = admin_client.get(admin_url(User, "changelist"))

    assertContains(
        response,
        '<td class="field-membership__agency nowrap">Dinas Sosial Kota Magelang</td>',
        html=True,
    )


def test_a_user_added_in_the_admin_gets_a_lowercase_email(admin_client):
    response = admin_client.post(
        admin_url(User, "add"),
        {
            "email": "Budi.Santoso@DinsosMagelang.test",
            "name": "Budi Santoso",
            "usable_password": "true",
            "password1": "kunjungan-studi-tiru-2025",
            "password2": "kunjungan-studi-tiru-2025",
            "membership-TOTAL_FORMS": "0",
            "membership-INITIAL_FORMS": "0",
        },
    )

    assert response.status_code == 302
    assert User.objects.get(name="Budi Santoso").email == "budi.santoso@dinsosmagelang.test"


@pytest.fixture
def visit():
    magelang, salatiga = agency("33.71"), agency("33.73")
    visit = make_visit(magelang, salatiga, status=VisitStatus.REQUESTED, topics=["SLRT", "DTKS"])
    visit.venues.create(name="Aula Dinas Sosial Kota Magelang")
    visit.agenda_items.create(start=visit.start, title="Sambutan Kepala Dinas")
    visit.participants.create(name="Slamet Setyo Budi", role=DelegationRole.HEAD)
    visit.participants.create(
        name="Hadi Sutopo", side=Side.HOST, role=DelegationRole.RECEIVING_OFFICIAL
    )
    move_visit(visit=visit, to_status=VisitStatus.SCHEDULED, by=make_user(magelang, Role.STAFF))
    return visit


def test_the_change_page_of_a_visit_shows_its_inlines(admin_client, visit):
    response = admin_client.get(admin_url(Visit, "change", visit.pk))

    assert response.status_code == 200
    assert {
        inline.formset.prefix: len(inline.formset.forms)
        for inline in response.context["inline_admin_formsets"]
    } == {"visit_topics": 2, "venues": 1, "agenda_items": 1, "participants": 2, "events": 1}


def test_the_status_of_a_visit_is_read_only_in_the_admin(admin_client, visit):
    response = admin_client.get(admin_url(Visit, "change", visit.pk))

    adminform = response.context["adminform"]
    assert "status" not in adminform.form.fields
    assert "status" in adminform.readonly_fields


def test_the_timeline_cannot_be_added_changed_or_deleted_in_the_admin(admin_client, visit):
    event = visit.events.get()

    assert admin_client.get(admin_url(VisitEvent, "add")).status_code == 403
    assert admin_client.post(admin_url(VisitEvent, "change", event.pk), {}).status_code == 403
    assert (
        admin_client.post(admin_url(VisitEvent, "delete", event.pk), {"post": "yes"}).status_code
        == 403
    )
    assert visit.events.get() == event


def test_the_visit_list_finds_a_visit_by_the_visitors_name(admin_client, visit):
    make_visit(agency("35.73"), agency("35.77"), title="Studi tiru Puskesos")

    response = admin_client.get(admin_url(Visit, "changelist"), {"q": "Salatiga"})

    assert list(response.context["cl"].result_list) == [visit]


def test_the_topic_list_finds_a_topic_by_an_alias(admin_client):
    response = admin_client.get(admin_url(Topic, "changelist"), {"q": "terpadu kesejahteraan"})

    assert [topic.code for topic in response.context["cl"].result_list] == ["DTKS"]


@pytest.mark.parametrize(
    ("model", "rows"), [(Participant, "participants"), (AgendaItem, "agenda_items")]
)
def test_participants_and_the_agenda_are_read_only_in_the_admin(admin_client, visit, model, rows):
    row = getattr(visit, rows).first()
    before = list(model.objects.values())

    add = admin_client.post(admin_url(model, "add"), {"visit": visit.pk, "name": "x"})
    change = admin_client.post(admin_url(model, "change", row.pk), {"name": "x", "title": "x"})
    delete = admin_client.post(admin_url(model, "delete", row.pk), {"post": "yes"})

    assert (add.status_code, change.status_code, delete.status_code) == (403, 403, 403)
    assert admin_client.get(admin_url(model, "change", row.pk)).status_code == 200
    assert list(model.objects.values()) == before


def test_the_visit_page_shows_participants_and_the_agenda_without_forms_to_edit(
    admin_client, visit
):
    response = admin_client.get(admin_url(Visit, "change", visit.pk))

    inlines = {i.formset.prefix: i for i in response.context["inline_admin_formsets"]}
    for prefix in ("participants", "agenda_items"):
        assert not inlines[prefix].has_add_permission
        assert not inlines[prefix].has_change_permission
        assert not inlines[prefix].has_delete_permission
