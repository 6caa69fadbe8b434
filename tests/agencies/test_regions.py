"""The regions of Indonesia are real data, loaded by a migration."""

import pytest

from agencies.models import Province, Regency, RegencyKind, TimeZone

pytestmark = pytest.mark.django_db


def test_all_38_provinces_and_514_kabupaten_kota_are_loaded():
    assert Province.objects.count() == 38
    assert Regency.objects.count() == 514
    assert Regency.objects.filter(kind=RegencyKind.KABUPATEN).count() == 416
    assert Regency.objects.filter(kind=RegencyKind.KOTA).count() == 98


@pytest.mark.parametrize(
    ("code", "name"),
    [("33", "Jawa Tengah"), ("35", "Jawa Timur"), ("11", "Aceh"), ("96", "Papua Barat Daya")],
)
def test_province_has_its_kemendagri_code(code, name):
    assert Province.objects.get(code=code).name == name


@pytest.mark.parametrize(
    ("code", "name", "province"),
    [
        ("33.71", "Kota Magelang", "Jawa Tengah"),
        ("33.73", "Kota Salatiga", "Jawa Tengah"),
        ("35.19", "Kabupaten Madiun", "Jawa Timur"),
        ("35.73", "Kota Malang", "Jawa Timur"),
    ],
)
def test_regency_has_its_kemendagri_code_and_province(code, name, province):
    regency = Regency.objects.select_related("province").get(code=code)
    assert (regency.name, regency.province.name) == (name, province)


def test_every_regency_code_starts_with_its_province_code():
    mismatched = [
        r.code
        for r in Regency.objects.select_related("province")
        if not r.code.startswith(f"{r.province.code}.")
    ]
    assert mismatched == []


@pytest.mark.parametrize(
    ("code", "zone", "tz_name"),
    [
        ("33", TimeZone.WIB, "Asia/Jakarta"),
        ("62", TimeZone.WIB, "Asia/Jakarta"),
        ("51", TimeZone.WITA, "Asia/Makassar"),
        ("64", TimeZone.WITA, "Asia/Makassar"),
        ("73", TimeZone.WITA, "Asia/Makassar"),
        ("81", TimeZone.WIT, "Asia/Jayapura"),
        ("94", TimeZone.WIT, "Asia/Jayapura"),
    ],
)
def test_province_knows_its_time_zone(code, zone, tz_name):
    province = Province.objects.get(code=code)
    assert (province.time_zone, str(province.tzinfo)) == (zone, tz_name)


def test_time_zones_split_the_provinces_18_12_8():
    counts = {zone: Province.objects.filter(time_zone=zone).count() for zone in TimeZone}
    assert counts == {TimeZone.WIB: 18, TimeZone.WITA: 12, TimeZone.WIT: 8}
