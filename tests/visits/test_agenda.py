"""The agenda of a visit: items with time, place, kind and speaker, typed in
the host's time zone, stored aware, listed in time order."""

import datetime
import zoneinfo

import pytest
from django.urls import reverse

from agencies.models import Role
from tests.factories import make_agency, make_user, make_visit
from visits.models import AgendaItem, AgendaKind, VisitStatus

pytestmark = pytest.mark.django_db

WIB = zoneinfo.ZoneInfo("Asia/Jakarta")
WITA = zoneinfo.ZoneInfo("Asia/Makassar")


@pytest.fixture
def visit(story_visit):
    """Salatiga visits Magelang on Rabu, 14 Juni 2023, 08.00–15.00 WIB."""
    return story_visit(
        status=VisitStatus.SCHEDULED,
        start=datetime.datetime(2023, 6, 14, 8, 0, tzinfo=WIB),
        end=datetime.datetime(2023, 6, 14, 15, 0, tzinfo=WIB),
    )


def url(name, visit, *args):
    return reverse(f"visits:{name}", args=[visit.pk, *args])


def item_data(**fields):
    return {
        "day": "2023-06-14",
        "start_time": "09:00",
        "end_time": "10:30",
        "kind": AgendaKind.PRESENTATION,
        "title": "Paparan Forum TJSLP",
        "place": "Aula Dinas Sosial Kota Magelang",
        "speaker": "Dwi Ambar Pratiknyo, S.Sos., MPSSp",
    } | fields


def make_item(visit, hour, title, **fields):
    return AgendaItem.objects.create(
        visit=visit,
        start=datetime.datetime(2023, 6, 14, hour, 0, tzinfo=WIB),
        title=title,
        **fields,
    )


def test_the_host_adds_an_item_in_its_own_time_zone(client, visit, magelang):
    client.force_login(magelang.staff)

    response = client.post(url("agenda_add", visit), item_data())

    item = AgendaItem.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"{url('agenda', visit)}#a{item.pk}"
    assert (item.start, item.end) == (
        datetime.datetime(2023, 6, 14, 2, 0, tzinfo=datetime.UTC),
        datetime.datetime(2023, 6, 14, 3, 30, tzinfo=datetime.UTC),
    )
    assert (item.kind, item.title, item.place, item.speaker) == (
        AgendaKind.PRESENTATION,
        "Paparan Forum TJSLP",
        "Aula Dinas Sosial Kota Magelang",
        "Dwi Ambar Pratiknyo, S.Sos., MPSSp",
    )


def test_the_form_names_the_time_zone(client, visit, magelang):
    client.force_login(magelang.staff)

    content = client.get(url("agenda_add", visit)).content.decode()

    assert "Mulai (WIB)" in content
    assert "Selesai (WIB)" in content
    assert "WIB (Waktu Indonesia Barat)" in content
    assert '<option value="2023-06-14" selected>Rabu, 14 Juni 2023</option>' in content


def test_a_host_in_central_indonesia_types_wita(client, salatiga):
    makassar = make_agency("73.71", slug="kota-makassar")
    staff = make_user(makassar, Role.STAFF)
    visit = make_visit(
        makassar,
        salatiga.agency,
        start=datetime.datetime(2023, 6, 14, 8, 0, tzinfo=WITA),
        end=datetime.datetime(2023, 6, 14, 15, 0, tzinfo=WITA),
    )
    client.force_login(staff)

    page = client.get(url("agenda_add", visit)).content.decode()
    client.post(url("agenda_add", visit), item_data(start_time="09:00", end_time=""))

    assert "Mulai (WITA)" in page
    item = AgendaItem.objects.get()
    assert (item.start, item.end) == (
        datetime.datetime(2023, 6, 14, 1, 0, tzinfo=datetime.UTC),
        None,
    )


def test_the_next_item_starts_when_the_last_one_ends(client, visit, magelang):
    make_item(visit, 9, "Paparan", end=datetime.datetime(2023, 6, 14, 10, 30, tzinfo=WIB))
    client.force_login(magelang.staff)

    response = client.get(url("agenda_add", visit))

    assert response.context["form"].initial["start_time"] == datetime.time(10, 30)


def test_an_item_cannot_end_before_it_starts(client, visit, magelang):
    client.force_login(magelang.staff)

    response = client.post(
        url("agenda_add", visit), item_data(start_time="10:00", end_time="09:00")
    )

    assert response.status_code == 200
    assert response.context["form"].errors["end_time"] == [
        "Waktu selesai tidak boleh sebelum waktu mulai."
    ]
    assert 'value="Paparan Forum TJSLP"' in response.content.decode()
    assert AgendaItem.objects.count() == 0


def test_a_day_outside_the_visit_is_not_offered(client, visit, magelang):
    client.force_login(magelang.staff)

    response = client.post(url("agenda_add", visit), item_data(day="2023-06-20"))

    assert response.context["form"].errors["day"] == [
        "Masukkan pilihan yang valid. 2023-06-20 bukan salah satu dari pilihan yang tersedia."
    ]
    assert AgendaItem.objects.count() == 0


def test_a_multi_day_visit_offers_each_of_its_days(client, magelang, story_visit):
    visit = story_visit(
        start=datetime.datetime(2023, 6, 14, 8, 0, tzinfo=WIB),
        end=datetime.datetime(2023, 6, 15, 12, 0, tzinfo=WIB),
    )
    client.force_login(magelang.staff)

    response = client.get(url("agenda_add", visit))

    assert response.context["form"].fields["day"].choices == [
        ("2023-06-14", "Rabu, 14 Juni 2023"),
        ("2023-06-15", "Kamis, 15 Juni 2023"),
    ]


def test_the_visitor_may_adjust_the_agenda_too(client, visit, salatiga):
    client.force_login(salatiga.staff)

    response = client.post(url("agenda_add", visit), item_data(kind=AgendaKind.WELCOME))

    assert response.status_code == 302
    assert AgendaItem.objects.get().kind == AgendaKind.WELCOME


def test_an_item_is_edited_with_its_times_shown_in_the_hosts_zone(client, visit, magelang):
    item = make_item(visit, 9, "Sambutan", kind=AgendaKind.WELCOME)
    client.force_login(magelang.staff)

    page = client.get(url("agenda_edit", visit, item.pk)).context
    form, version = page["form"], page["edit_guard"].page_version
    response = client.post(
        url("agenda_edit", visit, item.pk),
        item_data(title="Sambutan Kepala Dinas", start_time="08:30") | {"edit_version": version},
    )

    assert form.initial["start_time"] == datetime.time(9, 0)
    assert response.status_code == 302
    item.refresh_from_db()
    assert (item.title, item.start) == (
        "Sambutan Kepala Dinas",
        datetime.datetime(2023, 6, 14, 8, 30, tzinfo=WIB),
    )


def test_an_item_is_removed(client, visit, magelang):
    item = make_item(visit, 9, "Sambutan")
    client.force_login(magelang.staff)

    response = client.post(url("agenda_delete", visit, item.pk))

    assert response["Location"] == url("agenda", visit)
    assert AgendaItem.objects.count() == 0


def test_removing_with_htmx_answers_an_empty_fragment(client, visit, magelang):
    item = make_item(visit, 9, "Sambutan")
    client.force_login(magelang.staff)

    response = client.post(url("agenda_delete", visit, item.pk), headers={"HX-Request": "true"})

    assert (response.status_code, response.content) == (200, b"")
    assert AgendaItem.objects.count() == 0


def test_removing_requires_post(client, visit, magelang):
    item = make_item(visit, 9, "Sambutan")
    client.force_login(magelang.staff)

    assert client.get(url("agenda_delete", visit, item.pk)).status_code == 405
    assert AgendaItem.objects.count() == 1


def test_the_agenda_is_listed_in_time_order_in_the_hosts_zone(client, visit, salatiga):
    make_item(visit, 13, "Kunjungan lapangan", kind=AgendaKind.FIELD_VISIT)
    make_item(visit, 9, "Sambutan", kind=AgendaKind.WELCOME, place="Aula")
    make_item(visit, 10, "Diskusi", kind=AgendaKind.DISCUSSION, speaker="Hadi Sutopo")
    client.force_login(salatiga.penyuluh)

    response = client.get(url("agenda", visit))

    content = response.content.decode()
    assert [item.title for item in response.context["agenda_items"]] == [
        "Sambutan",
        "Diskusi",
        "Kunjungan lapangan",
    ]
    assert (
        content.index("Sambutan") < content.index("Diskusi") < content.index("Kunjungan lapangan")
    )
    assert '<time datetime="2023-06-14T09:00:00+07:00">09.00</time>' in content
    assert "Rabu, 14 Juni 2023" in content
    # A penyuluh reads the agenda but does not change it.
    assert url("agenda_add", visit) not in content


CHANGES = [
    ("agenda_add", "post", False),
    ("agenda_edit", "post", True),
    ("agenda_delete", "post", True),
]


def try_to_change(client, user, visit, action, method, with_item):
    """``user`` tries ``action`` on the agenda of ``visit``, which holds one
    item ("Sambutan"); the answer."""
    item = make_item(visit, 9, "Sambutan")
    client.force_login(user)
    return getattr(client, method)(
        url(action, visit, *([item.pk] if with_item else [])), item_data(title="Diubah")
    )


def agenda_titles():
    return list(AgendaItem.objects.values_list("title", flat=True))


@pytest.mark.parametrize(("action", "method", "with_item"), CHANGES)
def test_a_penyuluh_gets_403(client, visit, salatiga, action, method, with_item):
    response = try_to_change(client, salatiga.penyuluh, visit, action, method, with_item)

    assert response.status_code == 403
    assert agenda_titles() == ["Sambutan"]


@pytest.mark.parametrize(
    ("action", "method", "with_item"),
    [("agenda", "get", False), ("agenda_add", "get", False), *CHANGES],
)
def test_an_outsider_gets_404(client, visit, malang, action, method, with_item):
    response = try_to_change(client, malang.staff, visit, action, method, with_item)

    assert response.status_code == 404
    assert agenda_titles() == ["Sambutan"]


@pytest.mark.parametrize("action", ["agenda", "agenda_add"])
def test_anonymous_users_are_sent_to_log_in(client, visit, action):
    path = url(action, visit)

    response = client.get(path)

    assert (response.status_code, response["Location"]) == (302, f"/akun/login/?next={path}")


def test_the_agenda_of_a_cancelled_visit_is_closed(client, salatiga, magelang):
    visit = make_visit(magelang.agency, salatiga.agency, status=VisitStatus.CANCELLED)
    client.force_login(magelang.staff)

    response = client.get(url("agenda_add", visit))

    assert response.status_code == 403


def test_an_item_of_another_visit_is_not_found(client, visit, salatiga, magelang):
    other = make_visit(magelang.agency, salatiga.agency)
    item = make_item(other, 9, "Sambutan")
    client.force_login(magelang.staff)

    response = client.get(url("agenda_edit", visit, item.pk))

    assert response.status_code == 404


@pytest.mark.parametrize("size", [5, 50])
def test_the_agenda_page_runs_a_fixed_number_of_queries(
    client, visit, magelang, django_assert_num_queries, size
):
    for n in range(size):
        make_item(visit, 8 + n % 8, f"Acara {n}")
    client.force_login(magelang.staff)

    with django_assert_num_queries(4):
        response = client.get(url("agenda", visit))

    assert len(response.context["agenda_items"]) == size


def test_the_visit_page_partial_needs_only_its_documented_context(visit, django_assert_num_queries):
    from django.template.loader import render_to_string

    from visits.models import Visit

    make_item(visit, 9, "Sambutan", kind=AgendaKind.WELCOME, place="Aula")
    loaded = Visit.objects.with_agencies().get(pk=visit.pk)
    items = list(loaded.agenda_items.all())

    with django_assert_num_queries(0):
        html = render_to_string(
            "visits/_agenda.html",
            {"visit": loaded, "agenda_items": items, "can_edit_agenda": False},
        )

    assert '<time datetime="2023-06-14T09:00:00+07:00">09.00</time>' in html
    assert "Sambutan" in html
    assert reverse("visits:agenda_add", args=[visit.pk]) not in html
