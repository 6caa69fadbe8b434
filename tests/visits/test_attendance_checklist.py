"""The attendance checklist: the whole page marked present at once, the
exceptions unchecked, saved in one post (issue 12, item 8)."""

import pytest
from django.contrib.messages import get_messages
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from tests.factories import make_participant, make_visit
from tests.snapshots import unchanged
from visits import delegation
from visits.models import Participant, Side, VisitStatus

pytestmark = pytest.mark.django_db


@pytest.fixture
def visit(salatiga, magelang):
    """Salatiga visits Magelang, scheduled a month ahead."""
    return make_visit(magelang.agency, salatiga.agency, status=VisitStatus.SCHEDULED)


@pytest.fixture
def people(visit):
    """Four of Salatiga's delegation (one already marked absent) and one of
    Magelang's officials."""
    return [
        make_participant(visit, Side.VISITOR, name="Andre"),
        make_participant(visit, Side.VISITOR, name="Dedy", attended=False),
        make_participant(visit, Side.VISITOR, name="Rina"),
        make_participant(visit, Side.VISITOR, name="Sari"),
        make_participant(visit, Side.HOST, name="Hadi"),
    ]


def page(visit):
    return reverse("visits:attendance", args=[visit.pk])


def save_url(visit):
    return reverse("visits:attendance_save", args=[visit.pk])


def attendance(visit):
    return dict(visit.participants.values_list("name", "attended"))


def checklist(people, *, absent=(), **extra):
    """The post of the page's checklist: every row shown, all checked but ``absent``."""
    return {
        "peserta": [p.pk for p in people],
        "hadir": [p.pk for p in people if p.name not in absent],
        **extra,
    }


def test_all_present_with_two_exceptions_in_one_post(client, visit, people, salatiga):
    client.force_login(salatiga.staff)
    back = page(visit) + "?status=&halaman=1"

    response = client.post(save_url(visit), checklist(people, absent={"Rina", "Hadi"}, next=back))

    assert response.status_code == 302
    assert response["Location"] == f"{back}#attendance-checklist"
    assert attendance(visit) == {
        "Andre": True,
        "Dedy": True,
        "Rina": False,
        "Sari": True,
        "Hadi": False,
    }
    assert [str(m) for m in get_messages(response.wsgi_request)] == [
        "Kehadiran disimpan: 3 hadir, 2 tidak hadir di halaman ini."
    ]


def test_each_change_is_in_the_history_under_the_user_and_nothing_else(
    client, visit, people, salatiga
):
    andre, dedy, rina, *_ = people
    Participant.objects.filter(pk=rina.pk).update(attended=False)
    client.force_login(salatiga.staff)
    before = Participant.history.count()

    client.post(save_url(visit), checklist(people, absent={"Rina", "Hadi"}))

    # Andre, Dedy and Sari came; Hadi did not; Rina stays absent: four changes.
    changes = Participant.history.order_by("history_id")[before:]
    assert sorted((row.name, row.attended) for row in changes) == [
        ("Andre", True),
        ("Dedy", True),
        ("Hadi", False),
        ("Sari", True),
    ]
    assert {row.history_user for row in changes} == {salatiga.staff}


def test_only_the_rows_shown_are_recorded(client, visit, people, magelang):
    """A filtered page (one side, those not recorded yet) saves its rows only."""
    client.force_login(magelang.staff)
    shown = [p for p in people if p.name in {"Andre", "Rina"}]

    client.post(save_url(visit), checklist(shown, absent={"Rina"}))

    assert attendance(visit) == {
        "Andre": True,
        "Dedy": False,
        "Rina": False,
        "Sari": None,
        "Hadi": None,
    }


def test_another_agency_is_refused_and_nothing_changes(client, visit, people, malang):
    client.force_login(malang.staff)

    with unchanged("visits"):
        response = client.post(save_url(visit), checklist(people))

    assert response.status_code == 404


def test_a_penyuluh_is_refused_and_nothing_changes(client, visit, people, salatiga):
    client.force_login(salatiga.penyuluh)

    with unchanged("visits"):
        response = client.post(save_url(visit), checklist(people))

    assert response.status_code == 403


def test_the_service_refuses_a_user_who_may_not_mark_attendance(visit, people, malang):
    with unchanged("visits"), pytest.raises(PermissionDenied):
        delegation.attendance_record(
            visit=visit, present=[p.pk for p in people], absent=[], by=malang.staff
        )


def test_a_participant_of_another_visit_is_left_alone(client, visit, people, salatiga, magelang):
    other = make_visit(magelang.agency, salatiga.agency, status=VisitStatus.SCHEDULED)
    stranger = make_participant(other, Side.VISITOR)
    client.force_login(salatiga.staff)

    client.post(save_url(visit), checklist([*people, stranger]))

    stranger.refresh_from_db()
    assert stranger.attended is None
    assert set(attendance(visit).values()) == {True}


@pytest.mark.parametrize(
    "data",
    [
        {"peserta": ["abc"]},
        {"peserta": ["1\x00"]},
        {"peserta": [], "hadir": []},
        {"peserta": ["99999999999999999999"]},
    ],
)
def test_a_strange_checklist_is_refused_with_a_message(client, visit, people, salatiga, data):
    client.force_login(salatiga.staff)

    with unchanged("visits"):
        response = client.post(save_url(visit), data)

    assert response.status_code == 302
    assert response["Location"] == page(visit)
    assert len(list(get_messages(response.wsgi_request))) == 1


def test_a_row_checked_but_not_shown_is_refused(client, visit, people, salatiga):
    andre, dedy, *_ = people
    client.force_login(salatiga.staff)

    with unchanged("visits"):
        response = client.post(
            save_url(visit), {"peserta": [andre.pk], "hadir": [andre.pk, dedy.pk]}
        )

    assert [str(m) for m in get_messages(response.wsgi_request)] == ["Nilai kehadiran tidak sah."]


def test_the_page_offers_the_checklist_with_the_saved_state(client, visit, people, magelang):
    Participant.objects.filter(name="Sari").update(attended=True)
    client.force_login(magelang.staff)

    content = client.get(page(visit)).content.decode()

    assert 'id="attendance-checklist"' in content
    assert "Tandai semua hadir" in content
    assert 'href="?centang=semua#attendance-checklist"' in content
    checked = [p.name for p in people if f'id="hadir-{p.pk}" checked' in content]
    assert checked == ["Sari"]
    for p in people:
        assert f'<input type="hidden" name="peserta" value="{p.pk}">' in content


def test_without_javascript_tandai_semua_hadir_checks_every_row_unsaved(
    client, visit, people, magelang
):
    client.force_login(magelang.staff)

    with unchanged("visits"):
        response = client.get(page(visit), {"centang": "semua", "side": "visitor"})

    content = response.content.decode()
    visitors = [p for p in people if p.side == Side.VISITOR]
    assert all(f'id="hadir-{p.pk}" checked' in content for p in visitors)
    assert "belum disimpan" in content
    # Saving comes back to the same rows, no longer all checked.
    assert f'name="next" value="{page(visit)}?side=visitor"' in content


def test_a_strange_centang_value_checks_nothing(client, visit, people, magelang):
    client.force_login(magelang.staff)

    content = client.get(page(visit), {"centang": "x\x00"}).content.decode()

    assert not any(f'id="hadir-{p.pk}" checked' in content for p in people)


def test_a_penyuluh_sees_no_checklist(client, visit, people, salatiga):
    client.force_login(salatiga.penyuluh)

    content = client.get(page(visit)).content.decode()

    assert 'id="attendance-checklist"' not in content
    assert 'name="hadir"' not in content
