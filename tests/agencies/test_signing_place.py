"""Where an agency signs its documents: the seat of its region (a kabupaten's
seat is seldom its name: Kabupaten Gunungkidul signs in Wonosari), unless the
agency set another place in the admin."""

import importlib

import pytest
from django.apps import apps
from django.urls import reverse

from agencies import regions
from agencies.models import Agency, Province, Regency
from tests.agencies.test_logo import save_in_admin
from tests.factories import make_agency

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("code", "seat"),
    [
        ("34.03", "Wonosari"),  # Kabupaten Gunungkidul
        ("34.01", "Wates"),  # Kabupaten Kulon Progo
        ("33.08", "Kota Mungkid"),  # Kabupaten Magelang
        ("35.07", "Kepanjen"),  # Kabupaten Malang
        ("35.19", "Caruban"),  # Kabupaten Madiun
        ("35.73", "Malang"),  # Kota Malang: the city itself
        ("33.73", "Salatiga"),
        ("31.71", "Jakarta"),  # Kota Administrasi Jakarta Pusat
    ],
)
def test_an_agency_of_a_kabupaten_or_kota_signs_at_its_seat(code, seat):
    assert regions.signing_place(make_agency(code)) == seat


def test_every_kabupaten_and_province_has_a_seat():
    kabupaten = set(Regency.objects.filter(kind="kabupaten").values_list("code", flat=True))
    provinces = set(Province.objects.values_list("code", flat=True))

    assert kabupaten | provinces <= set(regions.seats())
    assert all(regions.seats().values())


def test_a_provincial_agency_signs_at_the_capital():
    agency = Agency(
        name="Dinas Sosial Provinsi Kalimantan Selatan",
        level="provinsi",
        province=Province.objects.get(code="63"),
    )

    assert regions.signing_place(agency) == "Banjarbaru"


def test_the_place_an_agency_set_comes_first():
    agency = make_agency("34.03", signing_place="Playen")

    assert regions.signing_place(agency) == "Playen"


def test_the_migration_fills_the_place_of_existing_agencies():
    gunungkidul = make_agency("34.03")
    malang = make_agency("35.73", signing_place="Kota Malang")
    migration = importlib.import_module("agencies.migrations.0011_agency_signing_place")

    migration.fill_signing_places(apps, None)

    gunungkidul.refresh_from_db()
    malang.refresh_from_db()
    assert (gunungkidul.signing_place, malang.signing_place) == ("Wonosari", "Malang")


def test_the_admin_edits_the_place_of_signing(admin_client):
    agency = make_agency("34.03", slug="kabupaten-gunungkidul")
    page = admin_client.get(reverse("admin:agencies_agency_change", args=[agency.pk]))
    assert "Tempat penandatanganan" in page.content.decode()
    assert "misalnya “Wonosari”" in page.content.decode()

    response = save_in_admin(admin_client, agency, signing_place="Playen")

    assert response.status_code == 302
    agency.refresh_from_db()
    assert agency.signing_place == "Playen"
