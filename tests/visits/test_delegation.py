"""The delegation and the host's officials: each agency adds, changes and
removes its own people, names the head of the delegation, and either side
marks attendance on the day."""

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from tests.editing import opened
from tests.factories import make_participant, make_visit
from tests.snapshots import unchanged
from visits import delegation
from visits.models import DelegationRole, EmploymentType, Participant, Side, VisitStatus

pytestmark = pytest.mark.django_db

NIP = "197903122005011004"


@pytest.fixture
def visit(salatiga, magelang):
    """Salatiga visits Magelang, scheduled a month ahead."""
    return make_visit(magelang.agency, salatiga.agency, status=VisitStatus.SCHEDULED)


def url(name, visit, *args):
    return reverse(f"visits:{name}", args=[visit.pk, *args])


def person(**fields):
    data = {
        "front_title": "",
        "name": "Slamet Setyo Budi",
        "back_title": "S.E., M.Acc.",
        "position": "Kepala Dinas Sosial",
        "division": "",
        "role": DelegationRole.MEMBER,
        "employment_type": EmploymentType.PNS,
        "nip": "",
        "phone": "081234567890",
        "email": "",
    }
    return data | fields


# --- Adding, changing, removing ----------------------------------------------


def test_visitor_staff_adds_a_delegation_member(client, visit, salatiga):
    make_participant(visit, Side.VISITOR, name="Yang pertama")
    client.force_login(salatiga.staff)

    response = client.post(url("participant_add", visit), person(nip="19790312 200501 1 004"))

    added = Participant.objects.get(name="Slamet Setyo Budi")
    assert response.status_code == 302
    assert response["Location"] == f"{url('participants', visit)}#p{added.pk}"
    assert (added.side, added.role, added.order, added.nip, added.phone, added.full_name) == (
        Side.VISITOR,
        DelegationRole.MEMBER,
        2,
        NIP,
        "081234567890",
        "Slamet Setyo Budi, S.E., M.Acc.",
    )


def test_save_and_add_another_returns_to_the_empty_form(client, visit, salatiga):
    client.force_login(salatiga.staff)

    response = client.post(url("participant_add", visit), person() | {"add_another": "1"})

    assert response["Location"] == url("participant_add", visit)


def test_host_staff_adds_a_receiving_official(client, visit, magelang):
    client.force_login(magelang.staff)

    response = client.post(
        url("participant_add", visit),
        person(
            name="Hadi Sutopo",
            front_title="Drs.",
            back_title="",
            role=DelegationRole.RECEIVING_OFFICIAL,
        ),
    )

    assert response.status_code == 302
    official = Participant.objects.get()
    assert (official.side, official.role, official.full_name) == (
        Side.HOST,
        DelegationRole.RECEIVING_OFFICIAL,
        "Drs. Hadi Sutopo",
    )


def refused_addition(client, user, visit, **fields):
    """``user`` adds a person with ``fields``, which is refused with nothing
    written; the form page shown again."""
    client.force_login(user)
    with unchanged("visits"):
        response = client.post(url("participant_add", visit), person(**fields))
    assert response.status_code == 200
    return response.content.decode()


def test_the_host_cannot_give_its_people_a_delegation_role(client, visit, magelang):
    content = refused_addition(client, magelang.staff, visit, role=DelegationRole.HEAD)

    assert "Masukkan pilihan yang valid. head bukan salah satu dari pilihan yang tersedia." in (
        content
    )
    assert Participant.objects.count() == 0


def test_a_wrong_nip_is_explained_and_the_input_kept(client, visit, salatiga):
    content = refused_addition(client, salatiga.staff, visit, nip="12345")

    assert "NIP harus terdiri dari 18 angka tanpa spasi atau tanda baca." in content
    assert 'value="Slamet Setyo Budi"' in content
    assert Participant.objects.count() == 0


def test_a_non_asn_participant_has_no_nip(client, visit, salatiga):
    client.force_login(salatiga.staff)

    with unchanged("visits"):
        response = client.post(
            url("participant_add", visit), person(employment_type=EmploymentType.NON_ASN, nip=NIP)
        )

    assert response.status_code == 200
    assert "Pegawai non-ASN tidak memiliki NIP." in response.content.decode()
    assert Participant.objects.count() == 0


def participant_rows(visit):
    return list(visit.participants.values_list("pk", "name", "nip", "side").order_by("pk"))


def test_an_nip_is_added_only_once_per_visit(client, visit, salatiga):
    client.force_login(salatiga.staff)
    client.post(url("participant_add", visit), person(name="Andre", nip=NIP))
    before = participant_rows(visit)

    response = client.post(url("participant_add", visit), person(name="Agus", nip=NIP))

    assert response.status_code == 200
    assert response.context["form"].errors["nip"] == [
        "NIP ini sudah terdaftar sebagai peserta kunjungan ini (Andre, S.E., M.Acc.)."
    ]
    assert response.context["form"]["name"].value() == "Agus"
    assert participant_rows(visit) == before


def test_an_nip_of_the_other_side_is_refused_too(client, visit, magelang):
    make_participant(visit, Side.VISITOR, name="Andre", nip=NIP)
    before = participant_rows(visit)
    client.force_login(magelang.staff)

    response = client.post(
        url("participant_add", visit),
        person(nip=NIP, role=DelegationRole.RECEIVING_OFFICIAL),
    )

    assert response.context["form"].errors["nip"] == [
        "NIP ini sudah terdaftar sebagai peserta kunjungan ini (Andre)."
    ]
    assert participant_rows(visit) == before


def test_editing_a_participant_into_a_repeated_nip_is_refused(client, visit, salatiga):
    make_participant(visit, Side.VISITOR, name="Andre", nip=NIP)
    other = make_participant(visit, Side.VISITOR, name="Agus")
    before = participant_rows(visit)
    client.force_login(salatiga.staff)

    edit = url("participant_edit", visit, other.pk)
    response = client.post(edit, person(name="Agus", nip=NIP) | opened(client, edit))

    assert response.status_code == 200
    assert response.context["form"].errors["nip"] == [
        "NIP ini sudah terdaftar sebagai peserta kunjungan ini (Andre)."
    ]
    assert participant_rows(visit) == before


def test_a_participant_keeps_its_own_nip_when_edited(visit, salatiga):
    member = make_participant(visit, Side.VISITOR, name="Andre", nip=NIP)
    member.position = "Koordinator SLRT"

    delegation.participant_save(participant=member, by=salatiga.staff)

    member.refresh_from_db()
    assert (member.nip, member.position) == (NIP, "Koordinator SLRT")


def test_the_same_nip_may_be_on_two_visits(salatiga, magelang, visit):
    other = make_visit(magelang.agency, salatiga.agency, status=VisitStatus.SCHEDULED)
    make_participant(other, Side.VISITOR, nip=NIP)
    participant = Participant(visit=visit, side=Side.VISITOR, name="Andre", nip=NIP)

    delegation.participant_save(participant=participant, by=salatiga.staff)

    assert visit.participants.get().nip == NIP


def test_visitor_staff_edits_its_own_participant(client, visit, salatiga):
    member = make_participant(visit, Side.VISITOR, name="Andre")
    client.force_login(salatiga.staff)

    edit = url("participant_edit", visit, member.pk)
    response = client.post(
        edit,
        person(name="Andre", position="Koordinator SLRT", email="andre@madiun.test")
        | opened(client, edit),
    )

    assert response.status_code == 302
    member.refresh_from_db()
    assert (member.position, member.email, member.side, member.order) == (
        "Koordinator SLRT",
        "andre@madiun.test",
        Side.VISITOR,
        1,
    )


def test_the_edit_form_shows_the_stored_values(client, visit, salatiga):
    member = make_participant(visit, Side.VISITOR, name="Andre", position="Koordinator SLRT")
    client.force_login(salatiga.staff)

    response = client.get(url("participant_edit", visit, member.pk))

    assert response.status_code == 200
    assert 'value="Koordinator SLRT"' in response.content.decode()


def test_visitor_staff_removes_a_participant_before_the_visit(client, visit, salatiga):
    member = make_participant(visit, Side.VISITOR)
    client.force_login(salatiga.staff)

    response = client.post(url("participant_delete", visit, member.pk))

    assert response.status_code == 302
    assert response["Location"] == url("participants", visit)
    assert Participant.objects.count() == 0


def test_removing_with_htmx_answers_the_new_head_count(client, visit, salatiga):
    member = make_participant(visit, Side.VISITOR)
    make_participant(visit, Side.VISITOR)
    make_participant(visit, Side.VISITOR)
    client.force_login(salatiga.staff)

    response = client.post(
        url("participant_delete", visit, member.pk), headers={"HX-Request": "true"}
    )

    assert response.status_code == 200
    assert response.content.decode().strip() == (
        '<span id="count-visitor" class="badge text-bg-light border align-middle" '
        'hx-swap-oob="true">2 orang</span>'
    )
    assert Participant.objects.count() == 2


def test_a_participant_is_not_removed_once_the_visit_is_held(client, salatiga, magelang):
    visit = make_visit(magelang.agency, salatiga.agency, status=VisitStatus.HELD)
    member = make_participant(visit, Side.VISITOR, attended=False)
    client.force_login(salatiga.staff)

    with unchanged("visits"):
        response = client.post(url("participant_delete", visit, member.pk), follow=True)

    assert "Tandai peserta sebagai tidak hadir alih-alih menghapusnya." in response.content.decode()
    assert Participant.objects.count() == 1


def test_participants_can_still_be_corrected_once_the_visit_is_held(client, salatiga, magelang):
    visit = make_visit(magelang.agency, salatiga.agency, status=VisitStatus.HELD)
    member = make_participant(visit, Side.VISITOR, name="Andre")
    client.force_login(salatiga.staff)

    edit = url("participant_edit", visit, member.pk)
    response = client.post(edit, person(name="Andre S.") | opened(client, edit))

    assert response.status_code == 302
    member.refresh_from_db()
    assert member.name == "Andre S."


def test_removing_requires_post(client, visit, salatiga):
    member = make_participant(visit, Side.VISITOR)
    client.force_login(salatiga.staff)

    with unchanged("visits"):
        assert client.get(url("participant_delete", visit, member.pk)).status_code == 405
    assert Participant.objects.count() == 1


# --- The head of the delegation ------------------------------------------------


def test_making_another_member_head_demotes_the_previous_head(client, visit, salatiga):
    make_participant(visit, Side.VISITOR, role=DelegationRole.HEAD, name="Dedy Anggoro")
    member = make_participant(visit, Side.VISITOR, name="Andre")
    client.force_login(salatiga.staff)

    response = client.post(url("participant_make_head", visit, member.pk), follow=True)

    assert "Andre kini ketua rombongan; Dedy Anggoro menjadi anggota." in response.content.decode()
    roles = dict(visit.participants.values_list("name", "role"))
    assert roles == {"Dedy Anggoro": DelegationRole.MEMBER, "Andre": DelegationRole.HEAD}


def test_choosing_head_in_the_form_demotes_the_previous_head(client, visit, salatiga):
    make_participant(visit, Side.VISITOR, role=DelegationRole.HEAD, name="Dedy Anggoro")
    client.force_login(salatiga.staff)

    client.post(url("participant_add", visit), person(role=DelegationRole.HEAD))

    roles = dict(visit.participants.values_list("name", "role"))
    assert roles == {
        "Dedy Anggoro": DelegationRole.MEMBER,
        "Slamet Setyo Budi": DelegationRole.HEAD,
    }


def test_the_head_stays_head_when_named_again(visit, salatiga):
    head = make_participant(visit, Side.VISITOR, role=DelegationRole.HEAD)

    delegation.participant_make_head(participant=head, by=salatiga.staff)

    head.refresh_from_db()
    assert head.role == DelegationRole.HEAD


def test_a_host_official_cannot_become_head_of_the_delegation(client, visit, magelang):
    official = make_participant(visit, Side.HOST)
    client.force_login(magelang.staff)

    with unchanged("visits"):
        response = client.post(url("participant_make_head", visit, official.pk), follow=True)

    assert "Hanya anggota rombongan pengunjung yang dapat menjadi ketua." in (
        response.content.decode()
    )
    official.refresh_from_db()
    assert official.role == DelegationRole.RECEIVING_OFFICIAL


# --- Who may do it ---------------------------------------------------------------


def change_as(client, user, action_url):
    """``user`` posts a changed person to ``action_url``; nothing may be written."""
    client.force_login(user)
    with unchanged("visits"):
        return client.post(action_url, person(name="Diubah"))


@pytest.mark.parametrize(
    "action", ["participant_edit", "participant_delete", "participant_make_head"]
)
def test_the_host_gets_403_for_the_delegation(client, visit, magelang, action):
    member = make_participant(visit, Side.VISITOR, name="Andre")

    assert change_as(client, magelang.staff, url(action, visit, member.pk)).status_code == 403
    member.refresh_from_db()
    assert (member.name, member.role) == ("Andre", DelegationRole.MEMBER)


@pytest.mark.parametrize("action", ["participant_edit", "participant_delete"])
def test_the_visitor_gets_403_for_the_hosts_officials(client, visit, salatiga, action):
    official = make_participant(visit, Side.HOST, name="Hadi Sutopo")

    assert change_as(client, salatiga.staff, url(action, visit, official.pk)).status_code == 403
    assert Participant.objects.get().name == "Hadi Sutopo"


def test_the_service_refuses_the_other_side_too(visit, magelang):
    member = make_participant(visit, Side.VISITOR, name="Andre")
    member.name = "Diubah"

    with unchanged("visits"), pytest.raises(PermissionDenied):
        delegation.participant_save(participant=member, by=magelang.staff)

    member.refresh_from_db()
    assert member.name == "Andre"


def test_a_penyuluh_sees_the_participants_but_cannot_add(client, visit, salatiga):
    make_participant(visit, Side.VISITOR, name="Andre")
    client.force_login(salatiga.penyuluh)

    page = client.get(url("participants", visit))
    with unchanged("visits"):
        add = client.post(url("participant_add", visit), person())

    assert page.status_code == 200
    assert "Andre" in page.content.decode()
    assert url("participant_add", visit) not in page.content.decode()
    assert add.status_code == 403
    assert Participant.objects.count() == 1


def test_nobody_edits_the_people_of_a_cancelled_visit(client, salatiga, magelang):
    visit = make_visit(magelang.agency, salatiga.agency, status=VisitStatus.CANCELLED)
    client.force_login(salatiga.staff)

    with unchanged("visits"):
        response = client.post(url("participant_add", visit), person())

    assert response.status_code == 403


@pytest.mark.parametrize(
    ("action", "method"),
    [
        ("participants", "get"),
        ("participant_add", "get"),
        ("participant_edit", "get"),
        ("participant_delete", "post"),
        ("participant_make_head", "post"),
        ("attendance", "get"),
        ("attendance_mark", "post"),
    ],
)
def test_an_outsider_gets_404(client, visit, malang, action, method):
    member = make_participant(visit, Side.VISITOR)
    args = [] if action in {"participants", "participant_add", "attendance"} else [member.pk]
    client.force_login(malang.staff)

    with unchanged("visits"):
        response = getattr(client, method)(url(action, visit, *args), {"attended": "1"})

    assert response.status_code == 404
    member.refresh_from_db()
    assert member.attended is None


@pytest.mark.parametrize(
    ("action", "method"),
    [
        ("participants", "get"),
        ("participant_add", "post"),
        ("participant_delete", "post"),
        ("attendance", "get"),
        ("attendance_mark", "post"),
    ],
)
def test_anonymous_users_are_sent_to_log_in(client, visit, action, method):
    member = make_participant(visit, Side.VISITOR)
    args = [] if action in {"participants", "participant_add", "attendance"} else [member.pk]
    path = url(action, visit, *args)

    with unchanged("visits"):
        response = getattr(client, method)(path)

    assert response.status_code == 302
    assert response["Location"] == f"/akun/login/?next={path}"
    assert Participant.objects.count() == 1


def test_a_participant_of_another_visit_is_not_found(client, visit, salatiga, magelang):
    other = make_visit(magelang.agency, salatiga.agency)
    stranger = make_participant(other, Side.VISITOR)
    client.force_login(salatiga.staff)

    with unchanged("visits"):
        response = client.get(url("participant_edit", visit, stranger.pk))

    assert response.status_code == 404


# --- The participant page ----------------------------------------------------------


def test_the_page_shows_both_sides_with_personal_data_to_both_agencies(client, visit, magelang):
    make_participant(visit, Side.VISITOR, name="Andre", nip=NIP, phone="081234567890")
    make_participant(visit, Side.HOST, name="Hadi Sutopo")
    client.force_login(magelang.staff)

    content = client.get(url("participants", visit)).content.decode()

    assert "Andre" in content
    assert NIP in content
    assert "081234567890" in content
    assert "Hadi Sutopo" in content
    # The host edits its officials only.
    assert url("participant_edit", visit, visit.participants.get(name="Hadi Sutopo").pk) in content
    assert url("participant_edit", visit, visit.participants.get(name="Andre").pk) not in content


def test_the_page_searches_by_name(client, visit, salatiga):
    make_participant(visit, Side.VISITOR, name="Andre")
    make_participant(visit, Side.VISITOR, name="Dedy Anggoro")
    client.force_login(salatiga.staff)

    response = client.get(url("participants", visit), {"q": "dedy"})

    names = [p.name for p in response.context["visitor_participants"]]
    assert names == ["Dedy Anggoro"]


@pytest.mark.parametrize("size", [5, 50])
def test_the_participant_page_runs_a_fixed_number_of_queries(
    client, visit, salatiga, django_assert_num_queries, size
):
    for n in range(size):
        make_participant(
            visit, Side.VISITOR, nip=f"{NIP[:-3]}{n:03d}" if n % 2 else "", email=f"p{n}@x.test"
        )
    for _ in range(3):
        make_participant(visit, Side.HOST)
    client.force_login(salatiga.staff)

    with django_assert_num_queries(6):
        response = client.get(url("participants", visit))

    assert response.status_code == 200
    assert len(response.context["visitor_participants"]) == size


# --- Attendance ---------------------------------------------------------------------


def test_either_side_marks_attendance_with_htmx_and_the_count_follows(client, visit, magelang):
    member = make_participant(visit, Side.VISITOR, name="Andre")
    make_participant(visit, Side.VISITOR, attended=True)
    make_participant(visit, Side.HOST, attended=False)
    client.force_login(magelang.staff)

    response = client.post(
        url("attendance_mark", visit, member.pk), {"attended": "1"}, headers={"HX-Request": "true"}
    )

    content = response.content.decode()
    member.refresh_from_db()
    assert member.attended is True
    assert content.lstrip().startswith(f'<tr id="p{member.pk}"')
    assert 'id="attendance-summary" class="card mb-3" hx-swap-oob="true"' in content
    assert "2 dari 3 hadir" in content


def test_attendance_without_javascript_redirects_back_to_the_list(client, visit, salatiga):
    member = make_participant(visit, Side.VISITOR)
    client.force_login(salatiga.staff)
    back = url("attendance", visit) + "?status=unknown"

    response = client.post(
        url("attendance_mark", visit, member.pk), {"attended": "0", "next": back}
    )

    assert response["Location"] == f"{back}#p{member.pk}"
    member.refresh_from_db()
    assert member.attended is False


def test_attendance_never_redirects_elsewhere(client, visit, salatiga):
    member = make_participant(visit, Side.VISITOR)
    client.force_login(salatiga.staff)

    response = client.post(
        url("attendance_mark", visit, member.pk), {"attended": "1", "next": "https://evil.test/"}
    )

    assert response["Location"] == f"{url('attendance', visit)}#p{member.pk}"


def test_attendance_can_be_cleared(client, visit, salatiga):
    member = make_participant(visit, Side.VISITOR, attended=True)
    client.force_login(salatiga.staff)

    client.post(url("attendance_mark", visit, member.pk), {"attended": ""})

    member.refresh_from_db()
    assert member.attended is None


def test_a_strange_attendance_value_is_refused(client, visit, salatiga):
    member = make_participant(visit, Side.VISITOR)
    client.force_login(salatiga.staff)

    with unchanged("visits"):
        response = client.post(url("attendance_mark", visit, member.pk), {"attended": "ya"})

    assert response.status_code == 400
    member.refresh_from_db()
    assert member.attended is None


def test_a_penyuluh_sees_the_attendance_but_cannot_mark_it(client, visit, salatiga):
    member = make_participant(visit, Side.VISITOR)
    client.force_login(salatiga.penyuluh)

    page = client.get(url("attendance", visit))
    with unchanged("visits"):
        mark = client.post(url("attendance_mark", visit, member.pk), {"attended": "1"})

    assert page.status_code == 200
    assert url("attendance_mark", visit, member.pk) not in page.content.decode()
    assert mark.status_code == 403
    member.refresh_from_db()
    assert member.attended is None


def test_the_attendance_page_counts_who_came(client, visit, salatiga):
    for n in range(52):
        make_participant(visit, Side.VISITOR, attended=True if n >= 4 else None)
    client.force_login(salatiga.staff)

    response = client.get(url("attendance", visit))

    assert "48 dari 52 hadir" in response.content.decode()
    assert response.context["counts"] == {"total": 52, "present": 48, "absent": 0, "unknown": 4}


def test_the_attendance_page_filters_those_not_recorded_yet(client, visit, salatiga):
    make_participant(visit, Side.VISITOR, name="Sudah", attended=True)
    make_participant(visit, Side.VISITOR, name="Belum")
    client.force_login(salatiga.staff)

    response = client.get(url("attendance", visit), {"status": "unknown"})

    assert [p.name for p in response.context["visitor_participants"]] == ["Belum"]


@pytest.mark.parametrize("size", [5, 50])
def test_the_attendance_page_runs_a_fixed_number_of_queries(
    client, visit, magelang, django_assert_num_queries, size
):
    for _ in range(size):
        make_participant(visit, Side.VISITOR)
    make_participant(visit, Side.HOST)
    client.force_login(magelang.staff)

    with django_assert_num_queries(6):
        response = client.get(url("attendance", visit))

    assert response.status_code == 200
    assert response.context["counts"]["total"] == size + 1


# --- The partial of the visit page ----------------------------------------------------


def test_the_visit_page_partial_needs_only_its_documented_context(
    rf, visit, salatiga, django_assert_num_queries
):
    from django.template.loader import render_to_string

    from visits.models import Visit

    make_participant(visit, Side.VISITOR, name="Dedy Anggoro", role=DelegationRole.HEAD)
    make_participant(visit, Side.VISITOR, name="Andre", attended=False)
    make_participant(visit, Side.HOST, name="Hadi Sutopo")
    loaded = Visit.objects.with_agencies().get(pk=visit.pk)
    people = list(loaded.participants.all())
    request = rf.get("/")
    request.user = salatiga.staff

    with django_assert_num_queries(0):
        html = render_to_string(
            "visits/_delegation.html",
            {
                "visit": loaded,
                "visitor_participants": [p for p in people if p.side == Side.VISITOR],
                "host_participants": [p for p in people if p.side == Side.HOST],
                "agenda_items": [],
                "can_edit_visitor_participants": True,
                "can_edit_host_participants": False,
                "can_edit_agenda": True,
                "can_mark_attendance": True,
            },
            request=request,
        )

    assert "Rombongan Dinsos Kota Salatiga" in html
    assert "Tuan rumah: Dinsos Kota Magelang" in html
    assert html.count(reverse("visits:participant_import", args=[visit.pk])) == 1
    assert reverse("visits:attendance", args=[visit.pk]) in html
    assert "Ketua" in html and "Hadi Sutopo" in html


def test_filtering_by_side_shows_only_that_side(client, visit, magelang):
    make_participant(visit, Side.VISITOR, name="Andre")
    make_participant(visit, Side.HOST, name="Hadi Sutopo")
    client.force_login(magelang.staff)

    content = client.get(url("participants", visit), {"side": "host"}).content.decode()

    assert "Hadi Sutopo" in content
    assert "Rombongan Dinsos Kota Salatiga" not in content


def test_a_long_list_is_split_into_pages_of_a_hundred(client, visit, salatiga):
    Participant.objects.bulk_create(
        Participant(visit=visit, side=Side.VISITOR, name=f"Peserta {n}", order=n)
        for n in range(1, 106)
    )
    client.force_login(salatiga.staff)

    first = client.get(url("participants", visit))
    second = client.get(url("participants", visit), {"halaman": "2"})

    assert len(first.context["visitor_participants"]) == 100
    assert [p.order for p in second.context["visitor_participants"]] == [101, 102, 103, 104, 105]
    assert "?halaman=2" in first.content.decode()


# --- Why attendance may not be marked: each refusal names its rule ------------------


def attendance_note(client, user, visit):
    client.force_login(user)
    content = client.get(url("attendance", visit)).content.decode()
    start = content.find('id="attendance-refusal"')
    return content[start : content.find("</p>", start)] if start >= 0 else None


def test_a_coordinator_is_told_a_reported_visits_attendance_is_locked(client, salatiga, magelang):
    visit = make_visit(magelang.agency, salatiga.agency, status=VisitStatus.REPORTED)
    member = make_participant(visit, Side.VISITOR)

    note = attendance_note(client, salatiga.staff, visit)
    assert "Daftar hadir terkunci: kunjungan ini sudah dilaporkan" in note
    assert "dicatat oleh staf" not in note

    with unchanged("visits"):
        response = client.post(url("attendance_mark", visit, member.pk), {"attended": "1"})
    assert response.status_code == 403
    assert "Daftar hadir terkunci" in response.content.decode()


def test_a_penyuluh_is_told_who_marks_attendance(client, visit, salatiga):
    note = attendance_note(client, salatiga.penyuluh, visit)

    assert "kehadiran dicatat oleh staf, admin, dan kepala kedua instansi" in note


def test_a_cancelled_visit_says_it_was_cancelled(client, salatiga, magelang):
    visit = make_visit(magelang.agency, salatiga.agency, status=VisitStatus.CANCELLED)

    note = attendance_note(client, salatiga.staff, visit)

    assert "Kunjungan ini sudah dibatalkan. Kehadiran tidak dicatat." in note


def test_a_coordinator_who_may_mark_attendance_sees_no_refusal(client, visit, magelang):
    assert attendance_note(client, magelang.staff, visit) is None
