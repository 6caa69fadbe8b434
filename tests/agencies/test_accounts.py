"""Accounts through django-allauth: log in by e-mail, log out, change and
reset the password — every page in Indonesian inside the portal's layout — and
no open signup."""

import re

import pytest
from allauth.account.models import EmailAddress
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains, assertRedirects

from agencies.models import Role, User
from tests.factories import agency_fixture, make_user

pytestmark = pytest.mark.django_db

PASSWORD = "password"


salatiga = agency_fixture("33.73")


@pytest.fixture
def budi(salatiga):
    return make_user(salatiga, Role.STAFF, email="budi@studitiru.test", name="Budi Santoso")


def label_of(response, field_id):
    """The text of the label of ``field_id`` (crispy adds a "*" to required ones)."""
    match = re.search(rf'<label\s+for="{field_id}"[^>]*>\s*([^<]*?)\s*<', response.text)
    return match.group(1) if match else None


def logged_in_user_id(client):
    return client.session.get("_auth_user_id")


def test_login_by_email_works(client, budi):
    response = client.post(
        reverse("account_login"), {"login": "budi@studitiru.test", "password": PASSWORD}
    )

    assert response.status_code == 302
    assert logged_in_user_id(client) == str(budi.pk)


def test_login_ignores_the_case_of_the_email(client, budi):
    client.post(reverse("account_login"), {"login": "Budi@StudiTiru.test", "password": PASSWORD})

    assert logged_in_user_id(client) == str(budi.pk)


def test_a_wrong_password_shows_an_indonesian_error(client, budi):
    response = client.post(
        reverse("account_login"), {"login": "budi@studitiru.test", "password": "salah-sekali"}
    )

    assertContains(response, "Alamat e-mail dan/atau kata sandi yang anda masukkan tidak benar.")
    assertContains(response, 'value="budi@studitiru.test"')
    assert logged_in_user_id(client) is None


def test_the_login_page_is_indonesian_and_in_the_portal_layout(client):
    response = client.get(reverse("account_login"))

    assertContains(response, "<title>Masuk</title>", html=True)
    assertContains(response, "Masuk ke Portal Studi Tiru")
    assertContains(response, 'class="card shadow-sm account-card"')
    assert label_of(response, "id_login") == "E-mail"
    assert label_of(response, "id_password") == "Kata sandi"
    assertContains(response, "Lupa kata sandi Anda?")
    assertContains(response, 'class="textinput form-control"')
    # Neither allauth's own menu nor an invitation to sign up.
    assertNotContains(response, "Menu:")
    assertNotContains(response, reverse("account_signup"))


def test_a_deactivated_account_cannot_log_in_and_is_told_why(client, budi):
    budi.is_active = False
    budi.save()

    response = client.post(
        reverse("account_login"),
        {"login": "budi@studitiru.test", "password": PASSWORD},
        follow=True,
    )

    assert logged_in_user_id(client) is None
    assertContains(response, "Akun tidak aktif")
    assertContains(response, "mintalah koordinator instansi Anda mengaktifkannya kembali")


def test_signup_is_closed(client):
    page = client.get(reverse("account_signup"))
    attempt = client.post(
        reverse("account_signup"),
        {
            "email": "baru@studitiru.test",
            "password1": "Kuat-sekali-2024",
            "password2": "Kuat-sekali-2024",
        },
    )

    assertContains(page, "Pendaftaran tertutup")
    assertContains(page, "mintalah undangan")
    assertContains(attempt, "Pendaftaran tertutup")
    assert User.objects.filter(email="baru@studitiru.test").exists() is False


def test_logout_asks_on_get_and_logs_out_on_post(client, budi):
    client.force_login(budi)

    page = client.get(reverse("account_logout"))
    assertContains(page, "Anda yakin ingin keluar dari Portal Studi Tiru?")
    assert logged_in_user_id(client) == str(budi.pk)

    response = client.post(reverse("account_logout"))
    assertRedirects(response, reverse("home"), fetch_redirect_response=False)
    assert logged_in_user_id(client) is None


def test_the_navbar_offers_password_change_and_logout(client, budi):
    client.force_login(budi)

    response = client.get(reverse("account_email"))

    assertContains(response, f'href="{reverse("account_change_password")}"')
    assertContains(response, "Ganti kata sandi")
    assertContains(response, f'<form method="post" action="{reverse("account_logout")}">')


def test_a_user_changes_their_password(client, budi):
    client.force_login(budi)

    page = client.get(reverse("account_change_password"))
    response = client.post(
        reverse("account_change_password"),
        {
            "oldpassword": PASSWORD,
            "password1": "Salatiga-Hati-2023",
            "password2": "Salatiga-Hati-2023",
        },
    )

    assertContains(page, "Kata sandi saat ini")
    assert response.status_code == 302
    budi.refresh_from_db()
    assert budi.check_password("Salatiga-Hati-2023") is True


def test_a_wrong_current_password_is_refused_in_indonesian(client, budi):
    client.force_login(budi)

    response = client.post(
        reverse("account_change_password"),
        {
            "oldpassword": "bukan-ini",
            "password1": "Salatiga-Hati-2023",
            "password2": "Salatiga-Hati-2023",
        },
    )

    assertContains(response, "Silahkan ketik kata sandi Anda saat ini.")
    budi.refresh_from_db()
    assert budi.check_password(PASSWORD) is True


def test_password_reset_sends_an_indonesian_email_with_a_working_link(client, budi, mailoutbox):
    response = client.post(reverse("account_reset_password"), {"email": "budi@studitiru.test"})
    assertRedirects(response, reverse("account_reset_password_done"))

    assert len(mailoutbox) == 1
    message = mailoutbox[0]
    assert message.to == ["budi@studitiru.test"]
    assert message.subject == "[Portal Studi Tiru] Tautan untuk mengganti kata sandi"
    assert "Salam dari Portal Studi Tiru" in message.body
    assert "untuk membuat kata sandi baru, buka tautan berikut" in message.body.lower()

    link = re.search(r"https?://[^/\s]+(/akun/password/reset/key/\S+/)", message.body).group(1)
    form_page = client.get(link, follow=True)
    assertContains(form_page, "Buat kata sandi baru")
    set_password_url = form_page.redirect_chain[-1][0]
    done = client.post(
        set_password_url, {"password1": "Magelang-Kota-Sejuta", "password2": "Magelang-Kota-Sejuta"}
    )
    assertRedirects(done, reverse("account_reset_password_from_key_done"))
    assertContains(client.get(done.url), "Kata sandi sudah diganti")

    client.post(
        reverse("account_login"),
        {"login": "budi@studitiru.test", "password": "Magelang-Kota-Sejuta"},
    )
    assert logged_in_user_id(client) == str(budi.pk)


def test_a_used_reset_link_is_refused_in_indonesian(client, budi, mailoutbox):
    client.post(reverse("account_reset_password"), {"email": "budi@studitiru.test"})
    link = re.search(r"(/akun/password/reset/key/\S+/)", mailoutbox[0].body).group(1)
    set_password_url = client.get(link).url
    client.post(
        set_password_url, {"password1": "Magelang-Kota-Sejuta", "password2": "Magelang-Kota-Sejuta"}
    )

    again = client.get(link, follow=True)

    assertContains(again, "Tautan tidak berlaku")
    assertContains(again, "minta tautan baru")


def test_password_reset_for_an_unknown_address_sends_nothing(client, mailoutbox):
    response = client.post(reverse("account_reset_password"), {"email": "siapa@studitiru.test"})

    # The same answer as for a known address: the page does not tell who has an account.
    assertRedirects(response, reverse("account_reset_password_done"))
    assert mailoutbox == []


def test_the_email_page_shows_the_one_address_and_adds_no_other(client, budi):
    client.force_login(budi)

    page = client.get(reverse("account_email"))
    client.post(reverse("account_email"), {"action_add": "", "email": "lain@studitiru.test"})
    client.post(reverse("account_email"), {"action_remove": "", "email": "budi@studitiru.test"})

    assertContains(page, "budi@studitiru.test")
    assertContains(page, "Setiap akun memiliki satu alamat.")
    assert list(EmailAddress.objects.filter(user=budi).values_list("email", flat=True)) == [
        "budi@studitiru.test"
    ]
    budi.refresh_from_db()
    assert budi.email == "budi@studitiru.test"


@pytest.mark.parametrize(
    ("url_name", "heading"),
    [
        ("account_login", "Masuk ke Portal Studi Tiru"),
        ("account_signup", "Pendaftaran tertutup"),
        ("account_reset_password", "Lupa kata sandi"),
        ("account_reset_password_done", "Periksa e-mail Anda"),
        ("account_reset_password_from_key_done", "Kata sandi sudah diganti"),
        ("account_inactive", "Akun tidak aktif"),
        ("account_email_verification_sent", "Periksa e-mail Anda"),
    ],
)
def test_public_account_pages_are_indonesian_cards(client, url_name, heading):
    response = client.get(reverse(url_name))

    assertContains(response, heading)
    assertContains(response, "account-card")
    assertNotContains(response, "Menu:")


@pytest.mark.parametrize(
    ("url_name", "heading"),
    [
        ("account_change_password", "Ganti kata sandi"),
        ("account_logout", "Keluar"),
        ("account_email", "Alamat e-mail"),
        ("account_reauthenticate", "Konfirmasi akses"),
    ],
)
def test_account_pages_of_a_logged_in_user_are_indonesian_cards(client, budi, url_name, heading):
    client.force_login(budi)

    response = client.get(reverse(url_name))

    assertContains(response, heading)
    assertContains(response, "account-card")
    assertNotContains(response, "Menu:")


def test_an_unknown_email_confirmation_link_says_so_in_indonesian(client):
    response = client.get(reverse("account_confirm_email", args=["tidak-ada"]))

    assertContains(response, "Tautan konfirmasi ini tidak berlaku lagi atau tidak dikenal.")
    assertContains(response, "account-card")
