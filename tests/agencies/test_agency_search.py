"""Searching agencies as the user types, for the selects that choose one among
the ~550 of the country (the visit list's "Instansi lain", the request's host)."""

import pytest
from django.urls import reverse

from agencies.models import Agency, AgencyLevel, Province, Regency, Role
from tests.factories import log_in, make_agency, make_user

pytestmark = pytest.mark.django_db

URL = reverse("agencies:search")


@pytest.fixture
def agencies():
    """Two Magelangs and Kota Semarang in Jawa Tengah, Kota Malang in Jawa Timur,
    and the province of Jawa Tengah itself."""
    central_java = Province.objects.get(code="33")
    return {
        "kab_magelang": make_agency("33.08"),
        "kota_magelang": make_agency("33.71"),
        "kota_semarang": make_agency("33.74"),
        "kota_malang": make_agency("35.73"),
        "jateng": Agency.objects.create(
            name="Dinas Sosial Provinsi Jawa Tengah",
            short_name="Dinsos Jateng",
            slug="provinsi-jawa-tengah",
            level=AgencyLevel.PROVINCE,
            province=central_java,
        ),
    }


@pytest.fixture
def staff(client, agencies):
    return log_in(client, make_user(agencies["kota_malang"], Role.PENYULUH))


def found(client, **params):
    response = client.get(URL, params)
    assert response.status_code == 200
    return [result["value"] for result in response.json()["results"]]


def test_anonymous_users_are_sent_to_log_in(client):
    response = client.get(URL, {"q": "magelang"})
    assert (response.status_code, response["Location"]) == (
        302,
        f"/akun/login/?next={URL}%3Fq%3Dmagelang",
    )


def test_an_account_without_an_agency_gets_403(client):
    client.force_login(make_user(None))
    assert client.get(URL, {"q": "magelang"}).status_code == 403


def test_it_rejects_post(client, staff):
    assert client.post(URL, {"q": "magelang"}).status_code == 405


def test_it_answers_slugs_and_labels_by_name(client, staff, agencies):
    response = client.get(URL, {"q": "magelang"})

    assert response["Content-Type"] == "application/json"
    assert response.json() == {
        "results": [
            {
                "value": "kabupaten-magelang",
                "text": "Dinas Sosial Kabupaten Magelang (Jawa Tengah)",
                "alias": "Dinsos Kabupaten Magelang Kabupaten Magelang",
            },
            {
                "value": "kota-magelang",
                "text": "Dinas Sosial Kota Magelang (Jawa Tengah)",
                "alias": "Dinsos Kota Magelang Kota Magelang",
            },
        ]
    }


@pytest.mark.parametrize(
    "words, expected",
    [
        ("MAGELANG kota", ["kota-magelang"]),  # every word, in any case
        ("dinsos kab magelang", ["kabupaten-magelang"]),  # the short name
        ("Jateng", ["provinsi-jawa-tengah"]),  # the provincial agency's short name
        (
            "jawa tengah",  # the province
            ["kabupaten-magelang", "kota-magelang", "kota-semarang", "provinsi-jawa-tengah"],
        ),
        ("kota jawa", ["kota-magelang", "kota-malang", "kota-semarang"]),
        ("sosial bandung", []),
    ],
)
def test_every_word_is_found_in_a_name_or_the_province(client, staff, words, expected):
    assert found(client, q=words) == expected


def test_the_kabupaten_or_kota_is_searched_too(client, staff, agencies):
    agencies["kota_semarang"].name = "Dinas Sosial Ibu Kota Provinsi"
    agencies["kota_semarang"].short_name = ""
    agencies["kota_semarang"].save()
    assert found(client, q="semarang") == ["kota-semarang"]
    # The browser filters what it loaded by text and alias: the word the
    # server matched must be in one of them, or the option would be hidden.
    result = client.get(URL, {"q": "semarang"}).json()["results"][0]
    assert "semarang" in f"{result['text']} {result['alias']}".casefold()


def test_inactive_agencies_are_left_out(client, staff, agencies):
    Agency.objects.filter(pk=agencies["kab_magelang"].pk).update(is_active=False)
    assert found(client, q="magelang") == ["kota-magelang"]


def test_the_users_own_agency_is_left_out_on_request(client, staff):
    assert found(client, q="kota malang") == ["kota-malang"]
    assert found(client, q="kota malang", lain="1") == []


def test_primary_keys_on_request(client, staff, agencies):
    assert found(client, q="kota magelang", nilai="id") == [str(agencies["kota_magelang"].pk)]


def test_it_answers_at_most_20_agencies(client, staff):
    for regency in Regency.objects.filter(province__code="33", agencies=None)[:25]:
        make_agency(regency.code)
    by_name = Agency.objects.filter(province__code="33").order_by("name")
    assert found(client, q="jawa tengah") == [agency.slug for agency in by_name[:20]]


def test_an_empty_query_finds_nothing(client, staff):
    assert found(client, q="  ") == []


def test_it_runs_one_query(client, staff, django_assert_num_queries):
    # session, user with membership, and the search
    with django_assert_num_queries(3):
        assert found(client, q="Dinas Sosial Kota Magelang (Jawa Tengah)") == ["kota-magelang"]
