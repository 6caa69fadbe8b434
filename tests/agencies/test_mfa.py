"""The second factor (allauth.mfa, an authenticator app with recovery codes):
heads, agency admins and national admins cannot use the portal until they
have enrolled one, and then log in with its code; everyone else may enrol."""

import re
from importlib import import_module

import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from allauth.mfa.totp.internal.auth import SECRET_SESSION_KEY
from django.urls import reverse
from pytest_django.asserts import assertContains, assertRedirects

from agencies.mfa import SEALED, current_totp_code, totp_secret, unseal
from agencies.models import Role
from tests.factories import TOTP_SECRET, agency_fixture, make_national_admin, make_user, totp_code

pytestmark = pytest.mark.django_db

ENROL = reverse("mfa_index")


salatiga = agency_fixture("33.73")


def log_in(client, email, password="password", **extra):
    return client.post(reverse("account_login"), {"login": email, "password": password}, **extra)


def confirm_password(client):
    response = client.post(reverse("account_reauthenticate"), {"password": "password"})
    assert response.status_code == 302


def logged_in_user_id(client):
    return client.session.get("_auth_user_id")


def test_a_heads_first_login_leads_to_enrolment_and_nothing_else_works(client, salatiga):
    head = make_user(salatiga, Role.HEAD, email="kepala@test.id", second_factor=False)

    response = log_in(client, "kepala@test.id", follow=True)

    assert logged_in_user_id(client) == str(head.pk)
    assert response.redirect_chain[-1][0] == ENROL
    assertContains(response, "Peran Anda (<strong>Kepala bidang / kepala dinas</strong>) wajib")
    for url in (
        reverse("visits:dashboard"),
        reverse("visits:list"),
        reverse("reports:items"),
        reverse("account_change_password"),
        reverse("usersessions_list"),
    ):
        assertRedirects(client.get(url), ENROL, fetch_redirect_response=False)
    assertRedirects(client.post(reverse("visits:create")), ENROL, fetch_redirect_response=False)
    # An htmx fragment does not swap in the enrolment page: the browser goes there.
    fragment = client.get(reverse("agencies:search"), {"q": "ma"}, headers={"HX-Request": "true"})
    assert fragment["HX-Redirect"] == ENROL
    assert client.get(reverse("health")).status_code == 200

    # Like every change of a second factor, enrolling asks for the password again.
    asked = client.get(reverse("mfa_activate_totp"))
    assert asked["Location"].startswith(reverse("account_reauthenticate"))
    confirm_password(client)
    page = client.get(reverse("mfa_activate_totp"))
    assertContains(page, 'src="data:image/svg+xml;base64,')
    secret = client.session[SECRET_SESSION_KEY]
    assertContains(page, f'value="{secret}"')
    wrong = client.post(reverse("mfa_activate_totp"), {"code": "000000"})
    assertContains(wrong, "Kode salah.")
    done = client.post(reverse("mfa_activate_totp"), {"code": current_totp_code(secret)})

    assertRedirects(done, reverse("mfa_view_recovery_codes"), fetch_redirect_response=False)
    assert Authenticator.objects.filter(user=head, type=Authenticator.Type.TOTP).exists()
    codes = client.get(reverse("mfa_view_recovery_codes"))
    assertContains(codes, "10 dari 10 kode belum dipakai.")
    assert client.get(reverse("visits:dashboard")).status_code == 200


@pytest.mark.parametrize("role", [Role.HEAD, Role.ADMIN])
def test_heads_and_agency_admins_without_a_second_factor_are_sent_to_enrol(client, salatiga, role):
    client.force_login(make_user(salatiga, role, second_factor=False))

    assertRedirects(client.get(reverse("visits:dashboard")), ENROL, fetch_redirect_response=False)


def test_a_national_admin_without_a_second_factor_cannot_open_the_admin(client):
    client.force_login(make_national_admin(second_factor=False))

    assertRedirects(client.get("/admin/"), ENROL, fetch_redirect_response=False)
    assertContains(client.get(ENROL), "Peran Anda (<strong>Administrator nasional</strong>) wajib")


@pytest.mark.parametrize("role", [Role.PENYULUH, Role.STAFF])
def test_penyuluh_and_staff_are_not_forced_and_may_enrol(client, salatiga, role):
    user = make_user(salatiga, role, email="anggota@test.id")

    log_in(client, "anggota@test.id")
    page = client.get(ENROL)

    assert client.get(reverse("visits:dashboard")).status_code == 200
    assertContains(page, "Tidak wajib untuk peran Anda, tetapi dianjurkan.")
    assertContains(page, reverse("mfa_activate_totp"))
    assert Authenticator.objects.filter(user=user).exists() is False


def test_the_user_menu_offers_account_security(client, salatiga):
    client.force_login(make_user(salatiga, Role.PENYULUH))

    response = client.get(reverse("visits:dashboard"))

    assertContains(response, f'href="{ENROL}"')
    assertContains(response, "Keamanan akun")


def test_an_enrolled_heads_login_asks_for_the_code(client, salatiga):
    head = make_user(salatiga, Role.HEAD, email="kepala@test.id")

    response = log_in(client, "kepala@test.id")

    assertRedirects(response, reverse("mfa_authenticate"), fetch_redirect_response=False)
    assert logged_in_user_id(client) is None
    page = client.get(reverse("mfa_authenticate"))
    assertContains(page, "Verifikasi dua langkah")
    assertContains(page, "Masukkan kode 6 angka")
    wrong = client.post(reverse("mfa_authenticate"), {"code": "123456"})
    assertContains(wrong, "Kode salah.")
    assert logged_in_user_id(client) is None

    client.post(reverse("mfa_authenticate"), {"code": totp_code()})

    assert logged_in_user_id(client) == str(head.pk)
    assert client.get(reverse("visits:dashboard")).status_code == 200


def test_a_code_is_accepted_only_once(client, salatiga):
    make_user(salatiga, Role.HEAD, email="kepala@test.id")
    log_in(client, "kepala@test.id")
    code = totp_code()
    client.post(reverse("mfa_authenticate"), {"code": code})
    client.logout()

    log_in(client, "kepala@test.id")
    again = client.post(reverse("mfa_authenticate"), {"code": code})

    assertContains(again, "Kode salah.")
    assert logged_in_user_id(client) is None


def test_recovery_codes_work_once_each(client, salatiga):
    head = make_user(salatiga, Role.HEAD, email="kepala@test.id")
    codes = RecoveryCodes.activate(head).generate_codes()

    log_in(client, "kepala@test.id")
    client.post(reverse("mfa_authenticate"), {"code": codes[0]})
    assert logged_in_user_id(client) == str(head.pk)
    assert client.get(reverse("visits:dashboard")).status_code == 200
    page = client.get(ENROL)
    assertContains(page, "9 dari 10 kode pemulihan belum dipakai.")

    client.logout()
    log_in(client, "kepala@test.id")
    used = client.post(reverse("mfa_authenticate"), {"code": codes[0]})
    assertContains(used, "Kode salah.")
    client.post(reverse("mfa_authenticate"), {"code": codes[1]})
    assert logged_in_user_id(client) == str(head.pk)


def test_the_admin_login_of_a_superuser_asks_for_the_code(client):
    admin = make_national_admin()

    to_admin_login = client.get("/admin/")
    to_portal_login = client.get(to_admin_login["Location"])
    assert to_portal_login["Location"].startswith(reverse("account_login") + "?next=")
    response = client.post(
        to_portal_login["Location"], {"login": admin.email, "password": "password"}
    )
    assertRedirects(response, reverse("mfa_authenticate"), fetch_redirect_response=False)
    assert logged_in_user_id(client) is None
    assert client.get("/admin/").status_code == 302

    done = client.post(reverse("mfa_authenticate"), {"code": totp_code()})

    assert done["Location"].startswith("/admin/")
    assert client.get("/admin/").status_code == 200


def test_the_admin_login_form_itself_checks_no_password(client):
    """A POST straight to Django's admin login form is sent to the portal's
    login: the password is never checked there, so nothing can be guessed."""
    admin = make_national_admin()

    response = client.post("/admin/login/", {"username": admin.email, "password": "password"})

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))
    assert logged_in_user_id(client) is None


def test_a_head_cannot_switch_off_their_authenticator_app(client, salatiga):
    head = make_user(salatiga, Role.HEAD, email="kepala@test.id")
    log_in(client, "kepala@test.id")
    client.post(reverse("mfa_authenticate"), {"code": totp_code()})
    confirm_password(client)

    page = client.get(reverse("mfa_deactivate_totp"))
    client.post(reverse("mfa_deactivate_totp"))

    assertContains(page, "Verifikasi dua langkah wajib untuk peran Anda")
    assert Authenticator.objects.filter(user=head, type=Authenticator.Type.TOTP).exists()


def test_a_penyuluh_may_switch_off_their_authenticator_app(client, salatiga):
    penyuluh = make_user(salatiga, Role.PENYULUH, email="p@test.id", second_factor=True)
    log_in(client, "p@test.id")
    client.post(reverse("mfa_authenticate"), {"code": totp_code()})
    confirm_password(client)

    client.post(reverse("mfa_deactivate_totp"))

    assert Authenticator.objects.filter(user=penyuluh).exists() is False


def test_the_qr_code_needs_nothing_from_outside(client, salatiga):
    client.force_login(make_user(salatiga, Role.HEAD, second_factor=False))
    confirm_password(client)

    response = client.get(reverse("mfa_activate_totp"))

    assert re.search(r'<img src="data:image/svg\+xml;base64,[A-Za-z0-9+/=]+"', response.text)
    assert "data:" in re.search(r"img-src ([^;]*)", response["Content-Security-Policy"]).group(1)
    assert (
        "http"
        not in re.sub(r'href="[^"]*"|action="[^"]*"', "", response.text)
        .split("<main", 1)[1]
        .split("</main>")[0]
    )


def test_the_factories_enrol_heads_admins_and_national_admins(salatiga):
    heads = [make_user(salatiga, Role.HEAD), make_user(salatiga, Role.ADMIN), make_national_admin()]
    others = [make_user(salatiga, Role.STAFF), make_user(salatiga, Role.PENYULUH)]

    assert [Authenticator.objects.filter(user=u).count() for u in heads] == [1, 1, 1]
    assert [Authenticator.objects.filter(user=u).count() for u in others] == [0, 0]
    assert TOTP_SECRET


def test_the_health_check_of_a_logged_in_head_reads_no_session_and_no_user(
    client, salatiga, django_assert_num_queries
):
    """Load balancers and the benchmark's baseline poll /sehat/: the check for
    a second factor must not load the session and the user there."""
    client.force_login(make_user(salatiga, Role.HEAD, second_factor=False))

    with django_assert_num_queries(0):
        response = client.get(reverse("health"))

    assert response.status_code == 200


def test_authenticator_secrets_and_recovery_seeds_are_stored_sealed(client, salatiga):
    head = make_user(salatiga, Role.HEAD, email="kepala@test.id")  # enrolled with TOTP_SECRET
    RecoveryCodes.activate(head)
    stored = {a.type: a.data for a in Authenticator.objects.filter(user=head)}

    assert stored[Authenticator.Type.TOTP]["secret"].startswith(SEALED)
    assert TOTP_SECRET not in str(stored)
    assert stored[Authenticator.Type.RECOVERY_CODES]["seed"].startswith(SEALED)
    assert totp_secret(head) == TOTP_SECRET
    # Logging in with the app's code still works.
    log_in(client, "kepala@test.id")
    client.post(reverse("mfa_authenticate"), {"code": totp_code()})
    assert logged_in_user_id(client) == str(head.pk)


def test_sealed_secrets_stay_readable_while_the_secret_key_is_rotated(settings, salatiga):
    head = make_user(salatiga, Role.HEAD, email="kepala@test.id")
    settings.SECRET_KEY_FALLBACKS = [settings.SECRET_KEY]
    settings.SECRET_KEY = "a-new-secret-key-for-the-rotation-" + "x" * 30

    assert totp_secret(head) == TOTP_SECRET


def test_the_migration_seals_secrets_stored_in_the_clear(salatiga):
    from django.apps import apps

    seal_secrets = import_module("agencies.migrations.0009_seal_authenticator_secrets").seal_secrets
    penyuluh = make_user(salatiga, Role.PENYULUH, email="penyuluh@test.id")
    Authenticator.objects.create(
        user=penyuluh, type=Authenticator.Type.TOTP, data={"secret": TOTP_SECRET}
    )
    assert totp_secret(penyuluh) == TOTP_SECRET  # read as it is until sealed

    seal_secrets(apps, None)

    stored = Authenticator.objects.get(user=penyuluh).data["secret"]
    assert stored.startswith(SEALED) and unseal(stored) == TOTP_SECRET
