"""The visit lifecycle through the pages: each step allowed to the right side,
refused to everyone else, recorded in the timeline and e-mailed to the other
agency's coordinators."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.factories import make_visit
from tests.snapshots import unchanged
from tests.timeline import move_of
from visits.models import VisitEvent, VisitStatus

pytestmark = pytest.mark.django_db

WIB = datetime.timezone(datetime.timedelta(hours=7))


def visit_in(status, salatiga, magelang, **fields):
    return make_visit(magelang.agency, salatiga.agency, status=status, topics=["DTKS"], **fields)


PROPOSED_START = datetime.datetime(2023, 6, 14, 9, 0, tzinfo=WIB)
# A day the host may propose: in the future (a past one is refused).
OTHER_DAY = timezone.localdate() + datetime.timedelta(days=60)
NINE = datetime.time(9, 0)


def proposed_visit(salatiga, magelang):
    """A request whose host proposed three hours from ``PROPOSED_START`` instead."""
    return visit_in(
        VisitStatus.DATE_PROPOSED,
        salatiga,
        magelang,
        proposed_start=PROPOSED_START,
        proposed_end=PROPOSED_START + datetime.timedelta(hours=3),
    )


def post(client, user, name, visit, data=None):
    client.force_login(user)
    return client.post(reverse(f"visits:{name}", args=[visit.pk]), data or {})


def test_visitor_submits_a_draft_and_the_host_coordinators_are_emailed(
    client, salatiga, magelang, mailoutbox, django_capture_on_commit_callbacks
):
    visit = visit_in(VisitStatus.DRAFT, salatiga, magelang)

    with django_capture_on_commit_callbacks(execute=True):
        response = post(client, salatiga.staff, "submit", visit, {"comment": "Mohon berkenan."})

    assert response.status_code == 302
    visit.refresh_from_db()
    assert visit.status == VisitStatus.REQUESTED
    assert move_of(VisitEvent.objects.get(visit=visit)) == (
        salatiga.staff,
        VisitStatus.DRAFT,
        VisitStatus.REQUESTED,
        "Mohon berkenan.",
    )
    assert [m.to for m in mailoutbox] == [["staf.magelang@test.id"]]
    assert "Diajukan" in mailoutbox[0].subject
    assert "Mohon berkenan." in mailoutbox[0].body
    assert f"/kunjungan/{visit.pk}/" in mailoutbox[0].body


def test_a_draft_without_topics_cannot_be_submitted(client, salatiga, magelang):
    visit = make_visit(magelang.agency, salatiga.agency, status=VisitStatus.DRAFT)

    with unchanged("visits"):
        response = post(client, salatiga.staff, "submit", visit)

    assert response.status_code == 200
    assert "Pilih setidaknya satu topik" in response.content.decode()
    visit.refresh_from_db()
    assert visit.status == VisitStatus.DRAFT


def test_host_accepts_a_request_with_its_reply_letter(
    client, salatiga, magelang, mailoutbox, django_capture_on_commit_callbacks
):
    visit = visit_in(VisitStatus.REQUESTED, salatiga, magelang)

    with django_capture_on_commit_callbacks(execute=True):
        post(
            client,
            magelang.head,
            "accept",
            visit,
            {"reply_letter_number": "400.9/123/Dinsos", "reply_letter_date": "2023-06-01"},
        )

    visit.refresh_from_db()
    assert (visit.status, visit.reply_letter_number, visit.reply_letter_date) == (
        VisitStatus.SCHEDULED,
        "400.9/123/Dinsos",
        datetime.date(2023, 6, 1),
    )
    assert [m.to for m in mailoutbox] == [["staf.salatiga@test.id"]]


def test_host_must_give_a_reason_to_decline(client, salatiga, magelang):
    visit = visit_in(VisitStatus.REQUESTED, salatiga, magelang)

    with unchanged("visits"):
        response = post(client, magelang.staff, "decline", visit, {"comment": ""})

    assert response.status_code == 200
    visit.refresh_from_db()
    assert visit.status == VisitStatus.REQUESTED

    post(client, magelang.staff, "decline", visit, {"comment": "Jadwal penuh bulan itu."})
    visit.refresh_from_db()
    assert visit.status == VisitStatus.DECLINED


def test_host_proposes_another_date_in_its_own_time_zone(client, salatiga, magelang):
    visit = visit_in(VisitStatus.REQUESTED, salatiga, magelang)

    post(
        client,
        magelang.staff,
        "propose_date",
        visit,
        {
            "start_date": OTHER_DAY.isoformat(),
            "start_time": "09:00",
            "end_time": "12:00",
            "comment": "Tanggal 7 Juni kami ada rapat.",
        },
    )

    visit.refresh_from_db()
    assert visit.status == VisitStatus.DATE_PROPOSED
    assert visit.proposed_start == datetime.datetime.combine(OTHER_DAY, NINE, tzinfo=WIB)
    assert visit.proposed_end == datetime.datetime.combine(
        OTHER_DAY, datetime.time(12, 0), tzinfo=WIB
    )


def test_visitor_accepts_the_proposed_date_and_the_visit_moves_to_it(client, salatiga, magelang):
    visit = proposed_visit(salatiga, magelang)

    post(client, salatiga.staff, "accept_proposal", visit)

    visit.refresh_from_db()
    assert (visit.status, visit.start, visit.end, visit.proposed_start) == (
        VisitStatus.SCHEDULED,
        PROPOSED_START,
        PROPOSED_START + datetime.timedelta(hours=3),
        None,
    )


def test_visitor_refuses_the_proposed_date_and_the_request_returns_to_the_host(
    client, salatiga, magelang
):
    visit = proposed_visit(salatiga, magelang)
    original_start = visit.start

    post(
        client,
        salatiga.staff,
        "refuse_proposal",
        visit,
        {"comment": "Kami tetap ingin tanggal semula."},
    )

    visit.refresh_from_db()
    assert (visit.status, visit.start, visit.proposed_start) == (
        VisitStatus.REQUESTED,
        original_start,
        None,
    )


@pytest.mark.parametrize(
    "status", [VisitStatus.DRAFT, VisitStatus.REQUESTED, VisitStatus.SCHEDULED]
)
def test_visitor_cancels_before_the_visit_is_held(client, salatiga, magelang, status):
    visit = visit_in(status, salatiga, magelang)

    post(client, salatiga.head, "cancel", visit)

    visit.refresh_from_db()
    assert visit.status == VisitStatus.CANCELLED


def test_either_side_marks_a_started_visit_held(client, salatiga, magelang):
    visit = visit_in(
        VisitStatus.SCHEDULED,
        salatiga,
        magelang,
        start=timezone.now() - datetime.timedelta(hours=2),
    )

    post(client, magelang.staff, "mark_held", visit)

    visit.refresh_from_db()
    assert visit.status == VisitStatus.HELD


def test_a_visit_cannot_be_marked_held_before_it_starts(client, salatiga, magelang):
    visit = visit_in(VisitStatus.SCHEDULED, salatiga, magelang)

    with unchanged("visits"):
        response = post(client, salatiga.staff, "mark_held", visit)

    assert response.status_code == 403


# Who may do what: (action, status, the persona allowed). Everyone else in
# the two agencies gets 403, an outsider 404.
STEPS = [
    ("submit", VisitStatus.DRAFT, "visitor"),
    ("accept", VisitStatus.REQUESTED, "host"),
    ("decline", VisitStatus.REQUESTED, "host"),
    ("propose_date", VisitStatus.REQUESTED, "host"),
    ("accept_proposal", VisitStatus.DATE_PROPOSED, "visitor"),
    ("refuse_proposal", VisitStatus.DATE_PROPOSED, "visitor"),
    ("cancel", VisitStatus.SCHEDULED, "visitor"),
]


def _visit_for_step(status, salatiga, magelang):
    fields = {}
    if status == VisitStatus.DATE_PROPOSED:
        fields = {
            "proposed_start": timezone.now() + datetime.timedelta(days=40),
            "proposed_end": timezone.now() + datetime.timedelta(days=40, hours=3),
        }
    return visit_in(status, salatiga, magelang, **fields)


@pytest.mark.parametrize(("action", "status", "side"), STEPS)
def test_the_other_side_is_refused_and_nothing_changes(
    client, salatiga, magelang, action, status, side
):
    visit = _visit_for_step(status, salatiga, magelang)
    other = magelang if side == "visitor" else salatiga
    # The host does not even see a draft: it has not been sent yet.
    expected = 404 if status == VisitStatus.DRAFT else 403

    for user in (other.staff, other.head, other.penyuluh):
        with unchanged("visits"):
            assert post(client, user, action, visit).status_code == expected

    visit.refresh_from_db()
    assert visit.status == status
    assert VisitEvent.objects.count() == 0


@pytest.mark.parametrize(("action", "status", "side"), STEPS)
def test_a_penyuluh_of_the_right_side_is_refused(client, salatiga, magelang, action, status, side):
    visit = _visit_for_step(status, salatiga, magelang)
    own = salatiga if side == "visitor" else magelang

    with unchanged("visits"):
        assert post(client, own.penyuluh, action, visit).status_code == 403


@pytest.mark.parametrize(("action", "status", "side"), STEPS)
def test_an_outsider_gets_404(client, salatiga, magelang, malang, action, status, side):
    visit = _visit_for_step(status, salatiga, magelang)

    with unchanged("visits"):
        assert post(client, malang.staff, action, visit).status_code == 404


@pytest.mark.parametrize(("action", "status", "side"), STEPS)
def test_a_step_from_the_wrong_state_is_refused(client, salatiga, magelang, action, status, side):
    visit = visit_in(VisitStatus.HELD, salatiga, magelang)
    own = salatiga if side == "visitor" else magelang

    with unchanged("visits"):
        assert post(client, own.staff, action, visit).status_code == 403
    visit.refresh_from_db()
    assert visit.status == VisitStatus.HELD


def test_the_confirmation_page_explains_the_step_before_anything_happens(
    client, salatiga, magelang
):
    visit = visit_in(VisitStatus.REQUESTED, salatiga, magelang)
    client.force_login(magelang.staff)

    with unchanged("visits"):
        response = client.get(reverse("visits:accept", args=[visit.pk]))

    assert response.status_code == 200
    assert "Terima permohonan kunjungan" in response.content.decode()
    visit.refresh_from_db()
    assert visit.status == VisitStatus.REQUESTED


def test_the_host_does_not_see_the_visitors_draft(client, salatiga, magelang):
    visit = visit_in(VisitStatus.DRAFT, salatiga, magelang)
    client.force_login(magelang.staff)

    assert client.get(reverse("visits:detail", args=[visit.pk])).status_code == 404
