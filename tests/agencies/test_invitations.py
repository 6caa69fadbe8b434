"""An agency's team and its invitations: a coordinator invites a colleague by
e-mail, the colleague sets a password from the link and lands in the right
agency with the right role; links that are unknown, used, revoked or expired
are refused; coordinators change or deactivate members of their own agency."""

import datetime
import re

import pytest
from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from pytest_django.asserts import assertContains, assertNotContains, assertRedirects

from agencies import services
from agencies.models import Invitation, Membership, Role, User
from agencies.permissions import membership_of
from tests.access import (
    assert_refuses_an_account_without_an_agency,
    assert_sends_anonymous_users_to_log_in,
)
from tests.editing import opened
from tests.factories import agency_fixture, make_division, make_invitation, make_user

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "Puskesos-Kelurahan-2025"


salatiga = agency_fixture("33.73")
magelang = agency_fixture("33.71")


@pytest.fixture
def division(salatiga):
    return make_division(salatiga, "Bidang Pemberdayaan Sosial")


@pytest.fixture
def coordinator(salatiga):
    return make_user(salatiga, Role.STAFF, email="staf@salatiga.test", name="Sri Wahyuni")


@pytest.fixture
def coordinator_client(client, coordinator):
    client.force_login(coordinator)
    return client


def invite_data(division=None, **overrides):
    return {
        "email": "Dwi.Ambar@Salatiga.test",
        "name": "Dwi Ambar, S.Sos.",
        "role": Role.PENYULUH,
        "division": division.pk if division else "",
        "position": "Penyuluh Sosial Ahli Muda",
    } | overrides


def accept_url(token):
    return reverse("agencies:accept_invitation", args=[token])


def link_in(message):
    match = re.search(re.escape(settings.PORTAL_URL) + r"(/undangan/[A-Za-z0-9_-]+/)", message.body)
    return match.group(1)


# --- The whole story -------------------------------------------------------------


def test_a_coordinator_invites_and_the_invitee_joins_with_role_and_division(
    coordinator_client, division, salatiga, mailoutbox, django_capture_on_commit_callbacks
):
    client = coordinator_client
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("agencies:invite"), invite_data(division))
    assertRedirects(
        response, reverse("agencies:members") + "#undangan", fetch_redirect_response=False
    )

    assert len(mailoutbox) == 1
    message = mailoutbox[0]
    assert message.to == ["dwi.ambar@salatiga.test"]
    assert message.subject == "[Portal Studi Tiru] Undangan bergabung dengan Dinsos Kota Salatiga"
    assert "Yth. Dwi Ambar, S.Sos.," in message.body
    assert "Sri Wahyuni mengundang Anda bergabung dengan Dinas Sosial Kota Salatiga" in message.body
    assert "sebagai Penyuluh sosial, Bidang Pemberdayaan Sosial" in message.body
    link = link_in(message)

    client.logout()
    page = client.get(link)
    assertContains(page, "Bergabung dengan Dinas Sosial Kota Salatiga")
    assertContains(page, 'value="Dwi Ambar, S.Sos."')
    response = client.post(
        link,
        {
            "name": "Dwi Ambar Pratiknyo, S.Sos.",
            "password1": NEW_PASSWORD,
            "password2": NEW_PASSWORD,
        },
    )

    assertRedirects(response, reverse("visits:dashboard"), fetch_redirect_response=False)
    user = User.objects.get(email="dwi.ambar@salatiga.test")
    dashboard = client.get(response.url)
    assert dashboard.status_code == 200
    assert dashboard.context["user"] == user
    assert user.name == "Dwi Ambar Pratiknyo, S.Sos."
    assert user.check_password(NEW_PASSWORD) is True
    membership = Membership.objects.get(user=user)
    assert (membership.agency, membership.role, membership.division, membership.position) == (
        salatiga,
        Role.PENYULUH,
        division,
        "Penyuluh Sosial Ahli Muda",
    )
    invitation = Invitation.objects.get()
    assert invitation.user == user
    assert invitation.accepted_at is not None

    # The new colleague logs in again later with the password they chose.
    client.logout()
    client.post(
        reverse("account_login"), {"login": "dwi.ambar@salatiga.test", "password": NEW_PASSWORD}
    )
    assert client.session["_auth_user_id"] == str(user.pk)


def test_the_team_page_lists_members_and_open_invitations(coordinator_client, salatiga, division):
    make_user(
        salatiga,
        Role.HEAD,
        name="Slamet Setyo Budi, S.E., M.Acc.",
        division=division,
        position="Kepala Dinas",
    )
    make_invitation(salatiga, name="Calon Penyuluh", email="calon@salatiga.test")

    response = coordinator_client.get(reverse("agencies:members"))

    assertContains(response, "Slamet Setyo Budi, S.E., M.Acc.")
    assertContains(response, "Kepala bidang / kepala dinas")
    assertContains(response, "Bidang Pemberdayaan Sosial")
    assertContains(response, "Kepala Dinas")
    assertContains(response, "calon@salatiga.test")
    assertContains(response, "Kirim undangan")
    assertContains(
        response, reverse("agencies:revoke_invitation", args=[Invitation.objects.get().pk])
    )


def test_the_team_page_can_be_searched_and_filtered_by_role(coordinator_client, salatiga):
    make_user(salatiga, Role.HEAD, name="Slamet Setyo Budi")
    make_user(salatiga, Role.PENYULUH, name="Tutut Hari Martanto")

    by_name = coordinator_client.get(reverse("agencies:members"), {"q": "tutut"})
    by_role = coordinator_client.get(reverse("agencies:members"), {"peran": Role.HEAD})

    assert [m.user.name for m in by_name.context["member_page"]] == ["Tutut Hari Martanto"]
    assert [m.user.name for m in by_role.context["member_page"]] == ["Slamet Setyo Budi"]


# --- Who may see and do what -----------------------------------------------------


def test_every_member_sees_the_team_but_only_coordinators_the_invite_form(client, salatiga):
    client.force_login(make_user(salatiga, Role.PENYULUH))

    response = client.get(reverse("agencies:members"))

    assert response.status_code == 200
    assertNotContains(response, "Kirim undangan")
    assert response.context["invite_form"] is None


def test_an_account_without_an_agency_gets_403_on_the_team_page(client):
    assert_refuses_an_account_without_an_agency(client, reverse("agencies:members"))


def test_an_anonymous_visitor_is_sent_to_login(client):
    assert_sends_anonymous_users_to_log_in(client, reverse("agencies:members"))


@pytest.mark.parametrize("role", [Role.PENYULUH, Role.HEAD])
def test_a_penyuluh_or_head_cannot_invite(client, salatiga, role, mailoutbox):
    client.force_login(make_user(salatiga, role))

    response = client.post(reverse("agencies:invite"), invite_data())

    assert response.status_code == 403
    assert Invitation.objects.count() == 0
    assert mailoutbox == []


def test_invite_rejects_get(coordinator_client):
    assert coordinator_client.get(reverse("agencies:invite")).status_code == 405


def test_an_agency_admin_may_invite(
    client, salatiga, django_capture_on_commit_callbacks, mailoutbox
):
    client.force_login(make_user(salatiga, Role.ADMIN))

    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("agencies:invite"), invite_data())

    assert Invitation.objects.get().email == "dwi.ambar@salatiga.test"
    assert len(mailoutbox) == 1


def refused_revocation(client, user, invitation):
    """``user`` tries to revoke ``invitation``, which stays open; the answer's status."""
    client.force_login(user)
    response = client.post(reverse("agencies:revoke_invitation", args=[invitation.pk]))
    invitation.refresh_from_db()
    assert invitation.revoked_at is None
    return response.status_code


def test_an_outsider_cannot_revoke_another_agencys_invitation(client, salatiga, magelang):
    invitation, _token = make_invitation(salatiga)

    assert refused_revocation(client, make_user(magelang, Role.STAFF), invitation) == 404


def test_a_penyuluh_cannot_revoke_their_agencys_invitation(client, salatiga):
    invitation, _token = make_invitation(salatiga)

    assert refused_revocation(client, make_user(salatiga, Role.PENYULUH), invitation) == 403


def test_revoke_rejects_get(coordinator_client, salatiga):
    invitation, _token = make_invitation(salatiga)

    response = coordinator_client.get(reverse("agencies:revoke_invitation", args=[invitation.pk]))

    assert response.status_code == 405


# --- Refused addresses -------------------------------------------------------------


def test_an_address_that_already_has_an_account_is_refused_and_nothing_is_created(
    coordinator_client, magelang, mailoutbox, django_capture_on_commit_callbacks
):
    make_user(magelang, Role.STAFF, email="dwi.ambar@salatiga.test")

    with django_capture_on_commit_callbacks(execute=True):
        response = coordinator_client.post(reverse("agencies:invite"), invite_data())

    assert response.status_code == 200
    assertContains(response, "Alamat dwi.ambar@salatiga.test sudah memiliki akun di portal.")
    # The coordinator's input is kept.
    assertContains(response, 'value="Dwi Ambar, S.Sos."')
    assert Invitation.objects.count() == 0
    assert mailoutbox == []


def test_an_address_with_a_pending_invitation_is_refused(coordinator_client, magelang):
    make_invitation(magelang, email="dwi.ambar@salatiga.test")

    response = coordinator_client.post(reverse("agencies:invite"), invite_data())

    assertContains(response, "sudah diundang dan undangannya masih berlaku")
    assert Invitation.objects.count() == 1


def test_an_expired_invitation_of_the_same_address_is_replaced(coordinator, salatiga):
    long_ago = timezone.now() - datetime.timedelta(days=30)
    old, _token = make_invitation(
        salatiga,
        email="dwi.ambar@salatiga.test",
        created_at=long_ago,
        expires_at=long_ago + Invitation.VALID_FOR,
    )

    new = services.invite_member(
        agency=salatiga,
        email="dwi.ambar@salatiga.test",
        name="Dwi",
        role=Role.PENYULUH,
        by=coordinator,
    )

    old.refresh_from_db()
    assert old.revoked_at is not None
    assert new.is_pending is True


def invite_x(agency, *, by, **fields):
    """``by`` invites "X" into ``agency`` as staff through the service."""
    return services.invite_member(
        agency=agency, email="x@salatiga.test", name="X", role=Role.STAFF, by=by, **fields
    )


def test_a_division_of_another_agency_is_refused(
    coordinator_client, coordinator, salatiga, magelang
):
    foreign = make_division(magelang, "Sekretariat")

    response = coordinator_client.post(reverse("agencies:invite"), invite_data(foreign))
    with pytest.raises(ValidationError):
        invite_x(salatiga, by=coordinator, division=foreign)

    assertContains(response, "Masukkan pilihan yang valid.")
    assert Invitation.objects.count() == 0


def test_the_service_refuses_a_user_who_does_not_manage_the_agency(salatiga, magelang):
    with pytest.raises(PermissionDenied):
        invite_x(salatiga, by=make_user(magelang, Role.STAFF))


# --- The link ----------------------------------------------------------------------


def test_an_unknown_link_gets_a_clear_404_page(client):
    response = client.get(accept_url("tidak-ada-token-seperti-ini"))

    assert response.status_code == 404
    assertContains(response, "Tautan undangan ini tidak dikenal.", status_code=404)


def test_an_expired_link_is_refused(client, salatiga):
    long_ago = timezone.now() - datetime.timedelta(days=30)
    _invitation, token = make_invitation(
        salatiga, created_at=long_ago, expires_at=long_ago + Invitation.VALID_FOR
    )

    page = client.get(accept_url(token))
    attempt = client.post(
        accept_url(token), {"name": "X", "password1": NEW_PASSWORD, "password2": NEW_PASSWORD}
    )

    assertContains(page, "Masa berlaku undangan ini sudah habis.", status_code=410)
    assert attempt.status_code == 410
    assert User.objects.count() == 0


def test_a_revoked_link_is_refused(coordinator_client, coordinator, salatiga):
    invitation, token = make_invitation(salatiga, by=coordinator)
    coordinator_client.post(reverse("agencies:revoke_invitation", args=[invitation.pk]))
    coordinator_client.logout()

    response = coordinator_client.post(
        accept_url(token), {"name": "X", "password1": NEW_PASSWORD, "password2": NEW_PASSWORD}
    )

    assertContains(response, "Undangan ini sudah dibatalkan", status_code=410)
    invitation.refresh_from_db()
    assert (invitation.revoked_by, invitation.user) == (coordinator, None)
    assert Membership.objects.filter(agency=salatiga).count() == 1


def test_a_used_link_is_refused(client, salatiga):
    invitation, token = make_invitation(salatiga)
    services.accept_invitation(invitation=invitation, name="Pertama", password=NEW_PASSWORD)

    response = client.get(accept_url(token))

    assertContains(response, "Undangan ini sudah digunakan", status_code=410)
    assert User.objects.count() == 1


def test_a_weak_or_mismatched_password_is_refused_in_indonesian_and_nothing_is_created(
    client, salatiga
):
    _invitation, token = make_invitation(salatiga)

    short = client.post(accept_url(token), {"name": "Dwi", "password1": "123", "password2": "123"})
    mismatch = client.post(
        accept_url(token),
        {"name": "Dwi", "password1": NEW_PASSWORD, "password2": NEW_PASSWORD + "x"},
    )

    assertContains(short, "Kata sandi terlalu pendek. Harus mengandung setidaknya 8 karakter.")
    assertContains(mismatch, "Dua bidang sandi tidak cocok.")
    assertContains(mismatch, 'value="Dwi"')
    assert User.objects.count() == 0


def test_someone_logged_in_is_asked_to_log_out_first(client, salatiga, coordinator):
    _invitation, token = make_invitation(salatiga)
    client.force_login(coordinator)

    page = client.get(accept_url(token))
    attempt = client.post(
        accept_url(token), {"name": "X", "password1": NEW_PASSWORD, "password2": NEW_PASSWORD}
    )

    assertContains(page, "Anda sedang masuk sebagai staf@salatiga.test.")
    assertNotContains(page, 'name="password1"')
    assert attempt.status_code == 200
    assert User.objects.count() == 1


def test_resending_sends_a_new_link_and_retires_the_old_one(
    coordinator_client, salatiga, mailoutbox, django_capture_on_commit_callbacks
):
    invitation, old_token = make_invitation(salatiga)

    with django_capture_on_commit_callbacks(execute=True):
        response = coordinator_client.post(
            reverse("agencies:resend_invitation", args=[invitation.pk])
        )

    assert response.status_code == 302
    assert len(mailoutbox) == 1
    coordinator_client.logout()
    assert coordinator_client.get(accept_url(old_token)).status_code == 404
    assert coordinator_client.get(link_in(mailoutbox[0])).status_code == 200


def test_the_database_holds_the_invitation_rules(salatiga):
    make_invitation(salatiga, email="satu@salatiga.test")

    with pytest.raises(IntegrityError), transaction.atomic():
        make_invitation(salatiga, email="satu@salatiga.test")
    with pytest.raises(IntegrityError), transaction.atomic():
        make_invitation(salatiga, role="bos")
    with pytest.raises(IntegrityError), transaction.atomic():
        make_invitation(salatiga, email="Besar@Salatiga.test")


# --- Members -------------------------------------------------------------------------


def test_a_coordinator_changes_a_colleagues_role_division_and_position(
    coordinator_client, salatiga, division
):
    colleague = make_user(salatiga, Role.PENYULUH)
    membership = colleague.membership

    edit = reverse("agencies:edit_member", args=[membership.pk])
    response = coordinator_client.post(
        edit,
        {"role": Role.HEAD, "division": division.pk, "position": "Kepala Bidang"}
        | opened(coordinator_client, edit),
    )

    assertRedirects(response, reverse("agencies:members"), fetch_redirect_response=False)
    membership.refresh_from_db()
    assert (membership.role, membership.division, membership.position) == (
        Role.HEAD,
        division,
        "Kepala Bidang",
    )


def test_a_coordinator_cannot_change_or_deactivate_themselves(coordinator_client, coordinator):
    pk = coordinator.membership.pk

    assert coordinator_client.get(reverse("agencies:edit_member", args=[pk])).status_code == 403
    assert (
        coordinator_client.post(reverse("agencies:deactivate_member", args=[pk])).status_code == 403
    )
    coordinator.refresh_from_db()
    assert coordinator.is_active is True


def test_another_agencys_member_answers_404(coordinator_client, magelang):
    outsider = make_user(magelang, Role.PENYULUH)

    response = coordinator_client.post(
        reverse("agencies:deactivate_member", args=[outsider.membership.pk])
    )

    assert response.status_code == 404
    outsider.refresh_from_db()
    assert outsider.is_active is True


def test_a_penyuluh_cannot_change_a_colleague(client, salatiga):
    colleague = make_user(salatiga, Role.STAFF)
    client.force_login(make_user(salatiga, Role.PENYULUH))

    response = client.post(
        reverse("agencies:edit_member", args=[colleague.membership.pk]),
        {"role": Role.PENYULUH, "division": "", "position": ""},
    )

    assert response.status_code == 403
    colleague.membership.refresh_from_db()
    assert colleague.membership.role == Role.STAFF


def test_a_deactivated_colleague_can_no_longer_log_in_until_reactivated(
    coordinator_client, client, salatiga
):
    colleague = make_user(salatiga, Role.PENYULUH, email="pergi@salatiga.test")
    pk = colleague.membership.pk

    coordinator_client.post(reverse("agencies:deactivate_member", args=[pk]))
    colleague.refresh_from_db()
    assert colleague.is_active is False
    assert membership_of(colleague) is None

    coordinator_client.post(reverse("agencies:reactivate_member", args=[pk]))
    colleague.refresh_from_db()
    assert colleague.is_active is True


# --- Budgets -------------------------------------------------------------------------


@pytest.mark.parametrize("rows", [5, 50])
def test_the_team_page_runs_a_fixed_number_of_queries(
    coordinator_client, salatiga, division, rows, django_assert_num_queries
):
    for _n in range(rows):
        make_user(salatiga, Role.PENYULUH, division=division, position="Penyuluh Sosial")
        make_invitation(salatiga, division=division, position="Penyuluh Sosial")

    with django_assert_num_queries(7):
        response = coordinator_client.get(reverse("agencies:members"))

    assert response.status_code == 200
    assert len(response.context["member_page"]) == min(rows + 1, 25)
    assert len(response.context["invitation_page"]) == min(rows, 25)


# --- The admin -------------------------------------------------------------------------


def test_the_admin_invites_an_agencys_first_coordinator(
    admin_client, salatiga, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(
            reverse("admin:agencies_invitation_add"),
            {
                "agency": salatiga.pk,
                "email": "Koordinator@Salatiga.test",
                "name": "Koordinator Pertama",
                "role": Role.STAFF,
                "division": "",
                "position": "Koordinator Studi Tiru",
            },
        )

    assert response.status_code == 302
    invitation = Invitation.objects.get()
    assert (invitation.email, invitation.role, invitation.invited_by.email) == (
        "koordinator@salatiga.test",
        Role.STAFF,
        "admin@example.com",
    )
    assert len(mailoutbox) == 1
    change_page = admin_client.get(
        reverse("admin:agencies_invitation_change", args=[invitation.pk])
    )
    assertNotContains(change_page, 'name="email"')


def test_the_admin_revokes_invitations_with_an_action(admin_client, salatiga):
    invitation, token = make_invitation(salatiga)

    response = admin_client.post(
        reverse("admin:agencies_invitation_changelist"),
        {"action": "revoke", "_selected_action": [invitation.pk]},
    )

    assert response.status_code == 302
    invitation.refresh_from_db()
    assert invitation.revoked_at is not None
    assert admin_client.get(accept_url(token)).status_code == 410
