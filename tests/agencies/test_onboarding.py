"""A national administrator brings an agency into the portal without the
Django admin: adds it (province, then its kabupaten/kota), invites its first
coordinator, who joins through the usual invitation link. A region with its
agency already gets a sentence naming it; everyone but a national
administrator is refused."""

import re

import pytest
from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains, assertRedirects

from agencies import regions, services
from agencies.mfa import enrol_totp
from agencies.models import (
    Agency,
    AgencyLevel,
    Invitation,
    Membership,
    Province,
    Regency,
    Role,
    User,
)
from tests.access import (
    assert_refuses_an_account_without_an_agency,
    assert_sends_anonymous_users_to_log_in,
)
from tests.factories import TOTP_SECRET, make_agency, make_user
from tests.snapshots import unchanged

pytestmark = pytest.mark.django_db

CREATE = reverse("agencies:agency_create")
REGENCIES = reverse("agencies:agency_regencies")


def invite_url(agency):
    return reverse("agencies:invite_coordinator", args=[agency.slug])


@pytest.fixture
def national_client(client, national_admin):
    client.force_login(national_admin)
    return client


# --- Adding an agency --------------------------------------------------------------


def test_the_agency_gets_the_regions_usual_name_and_the_invitation_page_follows(
    national_client, national_admin
):
    response = national_client.post(CREATE, {"province": "34", "regency": "34.03"})

    agency = Agency.objects.get(regency__code="34.03")
    assertRedirects(response, invite_url(agency), fetch_redirect_response=False)
    assert agency.name == "Dinas Sosial Kabupaten Gunungkidul"
    assert agency.short_name == "Dinsos Kabupaten Gunungkidul"
    assert agency.letterhead_lines == ["PEMERINTAH KABUPATEN GUNUNGKIDUL", "DINAS SOSIAL"]
    assert (agency.slug, agency.level) == ("kabupaten-gunungkidul", AgencyLevel.KABUPATEN)
    assert agency.province.code == "34" and agency.is_active
    # Left empty, the place of signing is the regency's seat.
    assert (agency.signing_place, regions.signing_place(agency)) == ("", "Wonosari")
    # The change history names the administrator who added it.
    assert agency.history.get().history_user == national_admin
    page = national_client.get(response["Location"])
    assertContains(page, "Dinas Sosial Kabupaten Gunungkidul telah ditambahkan")


def test_what_the_administrator_types_is_saved(national_client):
    data = {
        "province": "34",
        "regency": "34.71",
        "name": "Dinas Sosial Tenaga Kerja dan Transmigrasi Kota Yogyakarta",
        "short_name": "Dinsosnakertrans Kota Yogyakarta",
        "letterhead": "PEMERINTAH KOTA YOGYAKARTA\nDINAS SOSIAL TENAGA KERJA DAN TRANSMIGRASI",
        "address": "Jl. Kenari No. 56, Yogyakarta",
        "phone": "(0274) 555123",
        "email": "dinsosnakertrans@jogjakota.go.id",
        "website": "dinsosnakertrans.jogjakota.go.id",
        "signing_place": "Yogyakarta",
    }

    national_client.post(CREATE, data)

    agency = Agency.objects.get(regency__code="34.71")
    assert agency.level == AgencyLevel.KOTA
    assert agency.name == data["name"] and agency.short_name == data["short_name"]
    assert agency.letterhead_lines[1] == "DINAS SOSIAL TENAGA KERJA DAN TRANSMIGRASI"
    assert (agency.address, agency.phone, agency.email) == (
        data["address"],
        data["phone"],
        data["email"],
    )
    assert agency.website == "https://dinsosnakertrans.jogjakota.go.id"
    assert regions.signing_place(agency) == "Yogyakarta"


def test_a_provincial_agency_has_no_kabupaten_kota(national_client):
    national_client.post(CREATE, {"province": "34", "regency": "provinsi"})

    agency = Agency.objects.get(level=AgencyLevel.PROVINCE)
    assert agency.regency is None and agency.province.code == "34"
    assert agency.name == "Dinas Sosial Provinsi Daerah Istimewa Yogyakarta"
    assert agency.slug == "provinsi-daerah-istimewa-yogyakarta"


def test_a_kabupaten_kota_that_has_its_agency_gets_a_sentence_naming_it(national_client):
    existing = make_agency("33.71", name="Dinas Sosial Kota Magelang")

    with unchanged(Agency):
        response = national_client.post(CREATE, {"province": "33", "regency": "33.71"})

    assert response.status_code == 200
    assertContains(response, "Kota Magelang sudah memiliki Dinas Sosial di portal: ")
    assertContains(response, "Dinas Sosial Kota Magelang. Satu kabupaten/kota hanya memiliki")
    assertNotContains(response, "agencies_agency_one_per_regency")
    # A link to invite that agency's coordinator, if it has none yet.
    assertContains(
        response, f'href="{reverse("agencies:invite_coordinator", args=[existing.slug])}"'
    )
    # What was chosen stays chosen.
    assert response.context["form"]["regency"].value() == "33.71"


def test_a_province_that_has_its_provincial_agency_gets_a_sentence_naming_it(national_client):
    province = Province.objects.get(code="33")
    Agency.objects.create(
        name="Dinas Sosial Provinsi Jawa Tengah",
        slug="provinsi-jawa-tengah",
        level=AgencyLevel.PROVINCE,
        province=province,
    )

    with unchanged(Agency):
        response = national_client.post(CREATE, {"province": "33", "regency": "provinsi"})

    assertContains(
        response,
        "Provinsi Jawa Tengah sudah memiliki Dinas Sosial tingkat provinsi di portal: "
        "Dinas Sosial Provinsi Jawa Tengah.",
    )
    assertNotContains(response, "agencies_agency_one_per_province")


def test_an_agency_added_a_moment_ago_by_someone_else_is_named_too(national_admin, monkeypatch):
    """Between the check and the insert another administrator added it: the
    database's constraint refuses, and the sentence names that agency."""
    regency = Regency.objects.get(code="33.71")
    real = services.agency_of_region
    calls = []

    def late(**region):
        calls.append(region)
        if len(calls) == 1:
            make_agency("33.71", name="Dinas Sosial Kota Magelang (baru)")
            return None
        return real(**region)

    monkeypatch.setattr(services, "agency_of_region", late)

    with pytest.raises(ValidationError) as refused:
        services.create_agency(province=regency.province, regency=regency, by=national_admin)

    assert refused.value.code == "region_taken"
    assert "Dinas Sosial Kota Magelang (baru)" in refused.value.messages[0]


def test_a_name_another_agency_has_is_refused(national_client):
    make_agency("33.71", name="Dinas Sosial Kota Magelang")

    with unchanged(Agency):
        response = national_client.post(
            CREATE, {"province": "33", "regency": "33.73", "name": "dinas sosial kota magelang"}
        )

    assertContains(response, "sudah dipakai instansi lain di portal")


def test_a_kabupaten_kota_of_another_province_is_not_a_choice(national_client):
    with unchanged(Agency):
        response = national_client.post(CREATE, {"province": "34", "regency": "33.71"})

    assert response.status_code == 200
    assert response.context["form"].errors["regency"]


def test_the_service_refuses_a_kabupaten_kota_of_another_province(national_admin):
    with pytest.raises(ValidationError):
        services.create_agency(
            province=Province.objects.get(code="34"),
            regency=Regency.objects.get(code="33.71"),
            by=national_admin,
        )


@pytest.mark.parametrize("role", list(Role))
def test_the_service_refuses_everyone_but_a_national_admin(role):
    agency = make_agency("33.73")
    regency = Regency.objects.get(code="33.71")
    with unchanged(Agency), pytest.raises(PermissionDenied):
        services.create_agency(
            province=regency.province, regency=regency, by=make_user(agency, role)
        )


# --- The kabupaten/kota list follows the province ------------------------------------


def test_the_regency_list_holds_the_chosen_provinces_own(national_client):
    response = national_client.get(REGENCIES, {"province": "34"})

    options = re.findall(r'<option value="([^"]*)">([^<]*)</option>', response.content.decode())
    assert options[:2] == [
        ("", "— pilih kabupaten/kota —"),
        ("provinsi", "Dinas Sosial tingkat provinsi (Daerah Istimewa Yogyakarta)"),
    ]
    assert options[2:] == [
        ("34.02", "Kabupaten Bantul"),
        ("34.03", "Kabupaten Gunungkidul"),
        ("34.01", "Kabupaten Kulon Progo"),
        ("34.04", "Kabupaten Sleman"),
        ("34.71", "Kota Yogyakarta"),
    ]


@pytest.mark.parametrize("province", ["", "99", "3\x004"])
def test_without_a_province_the_list_asks_for_one(national_client, province):
    response = national_client.get(REGENCIES, {"province": province})

    assert response.status_code == 200
    options = re.findall(r"<option [^>]*>([^<]*)</option>", response.content.decode())
    assert options == ["— pilih provinsi dahulu —"]


def test_the_province_select_asks_for_its_list_when_it_changes(national_client):
    response = national_client.get(CREATE)

    assertContains(response, f'data-hx-get="{REGENCIES}"')
    assertContains(response, 'data-hx-target="#id_regency"')


def test_without_javascript_the_button_shows_the_provinces_list_and_keeps_what_was_typed(
    national_client,
):
    """Without JavaScript the page comes back with the province's list: nothing
    saved, no error, the typed fields kept."""
    with unchanged(Agency):
        response = national_client.post(
            CREATE, {"province": "34", "name": "Dinas Sosial Sleman", "step": "wilayah"}
        )

    assert response.status_code == 200
    form = response.context["form"]
    assert not form.is_bound and form["name"].value() == "Dinas Sosial Sleman"
    assertContains(response, '<option value="34.04">Kabupaten Sleman</option>', html=True)
    assertNotContains(response, 'value="33.71"')
    assertNotContains(response, "invalid-feedback")


# --- Inviting the first coordinator ---------------------------------------------------


def test_the_coordinator_is_invited_by_email_and_joins_as_coordinator(
    national_client, mailoutbox, django_capture_on_commit_callbacks
):
    agency = make_agency("34.03", name="Dinas Sosial Kabupaten Gunungkidul")
    data = {
        "email": "Sri.Lestari@GunungkidulKab.go.id",
        "name": "Sri Lestari, S.Sos.",
        "role": Role.STAFF,
        "position": "Kepala Subbagian Umum",
    }

    with django_capture_on_commit_callbacks(execute=True):
        response = national_client.post(invite_url(agency), data)

    assertRedirects(response, invite_url(agency))
    invitation = Invitation.objects.get()
    assert (invitation.agency, invitation.role) == (agency, Role.STAFF)
    assert invitation.email == "sri.lestari@gunungkidulkab.go.id"
    [message] = mailoutbox
    assert message.to == ["sri.lestari@gunungkidulkab.go.id"]
    assert "Dinas Sosial Kabupaten Gunungkidul" in message.body
    assert "Staf / koordinator" in message.body
    link = re.search(re.escape(settings.PORTAL_URL) + r"(/undangan/[A-Za-z0-9_-]+/)", message.body)
    page = national_client.get(invite_url(agency))
    assertContains(page, "sri.lestari@gunungkidulkab.go.id")

    # The coordinator accepts through the usual page, on a browser of their own.
    national_client.logout()
    password = "Gunungkidul-Puskesos-2026"
    response = national_client.post(
        link.group(1), {"name": "Sri Lestari, S.Sos.", "password1": password, "password2": password}
    )
    assert response.status_code == 302
    member = Membership.objects.get(user__email="sri.lestari@gunungkidulkab.go.id")
    assert (member.agency, member.role) == (agency, Role.STAFF)


def test_the_first_coordinator_may_be_the_agencys_admin_but_no_other_role(national_client):
    agency = make_agency("34.03")
    data = {"email": "admin@gunungkidulkab.go.id", "name": "Budi", "position": ""}

    national_client.post(invite_url(agency), data | {"role": Role.ADMIN})
    with unchanged(Invitation):
        response = national_client.post(
            invite_url(agency), data | {"email": "p@gunungkidulkab.go.id", "role": Role.PENYULUH}
        )

    assert Invitation.objects.get().role == Role.ADMIN
    assert response.context["form"].errors["role"]


def test_an_address_with_an_account_is_refused_with_a_sentence(national_client):
    agency = make_agency("34.03")
    make_user(make_agency("33.71"), email="sudah@ada.test")

    with unchanged(Invitation):
        response = national_client.post(
            invite_url(agency), {"email": "sudah@ada.test", "name": "Ada", "role": Role.STAFF}
        )

    assertContains(response, "Alamat sudah@ada.test sudah memiliki akun di portal.")


def test_an_unknown_agency_is_not_found(national_client):
    assert (
        national_client.get(reverse("agencies:invite_coordinator", args=["tidak-ada"])).status_code
        == 404
    )


# --- Only national administrators ----------------------------------------------------


def _pages():
    return [CREATE, REGENCIES, invite_url(make_agency("34.03"))]


def test_anonymous_visitors_are_sent_to_log_in(client):
    for url in _pages():
        assert_sends_anonymous_users_to_log_in(client, url)


def test_an_account_without_an_agency_is_refused(client):
    for url in _pages():
        assert_refuses_an_account_without_an_agency(client, url)


def test_a_staff_account_without_the_permissions_is_refused(client):
    urls = _pages()
    staff = User.objects.create_user(email="staf@test.id", is_staff=True)
    enrol_totp(staff, TOTP_SECRET)
    client.force_login(staff)
    for url in urls:
        assert client.get(url).status_code == 403


@pytest.mark.parametrize("role", list(Role))
def test_every_role_of_an_agency_is_refused(client, role):
    urls = _pages()
    client.force_login(make_user(make_agency("33.71"), role))
    for url in urls:
        assert client.get(url).status_code == 403
    agency = Agency.objects.get(regency__code="34.03")
    with unchanged("agencies"):
        assert client.post(CREATE, {"province": "34", "regency": "34.71"}).status_code == 403
        data = {"email": "x@y.test", "name": "X", "role": Role.STAFF}
        assert client.post(invite_url(agency), data).status_code == 403


# --- The menu ------------------------------------------------------------------------


def test_a_national_admin_has_a_menu_of_their_own(national_client):
    response = national_client.get(reverse("visits:agency_list"))

    for label, url in [
        ("Aktivitas instansi", reverse("reports:agency_activity")),
        ("Tambah instansi", CREATE),
        ("Daftar instansi", reverse("visits:agency_list")),
    ]:
        assertContains(response, f'href="{url}">{label}</a>')
    for url in ("visits:dashboard", "visits:list", "agencies:members", "reports:list"):
        assertNotContains(response, f'href="{reverse(url)}"')


def test_an_agency_member_keeps_the_agency_menu(client):
    client.force_login(make_user(make_agency("33.71"), Role.STAFF))

    response = client.get(reverse("visits:agency_list"))

    assertContains(response, f'href="{reverse("visits:dashboard")}"')
    assertNotContains(response, CREATE)


def test_the_front_page_sends_a_national_admin_to_the_activity(national_client):
    assertRedirects(national_client.get(reverse("home")), reverse("reports:agency_activity"))
