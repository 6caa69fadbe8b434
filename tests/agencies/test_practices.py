"""The good-practice directory: browsing, the practice page with "Ajukan studi
tiru", and an agency keeping its own practices."""

import re

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from agencies.models import GoodPractice, Role, Topic
from agencies.practices import create_practice, deactivate_practice, update_practice
from tests.access import assert_sends_anonymous_users_to_log_in
from tests.editing import opened
from tests.factories import agency_fixture, make_agency, make_practice, make_user

pytestmark = pytest.mark.django_db

DIRECTORY = reverse("agencies:practices")


malang = agency_fixture("35.73")  # Kota Malang, Jawa Timur
madiun = agency_fixture("35.19")  # Kabupaten Madiun, Jawa Timur
magelang = agency_fixture("33.71")  # Kota Magelang, Jawa Tengah


def titles(response):
    return [practice.title for practice in response.context["page_obj"]]


def logged_in(client, user):
    client.force_login(user)
    return client


# --- Who may come in ---------------------------------------------------------------


def test_anonymous_user_is_redirected_to_login(client, malang):
    practice = make_practice(malang)
    urls = [
        DIRECTORY,
        reverse("agencies:practice_detail", args=[practice.pk]),
        reverse("agencies:practice_create"),
        reverse("agencies:practice_edit", args=[practice.pk]),
    ]
    for url in urls:
        assert_sends_anonymous_users_to_log_in(client, url)
    response = client.post(reverse("agencies:practice_deactivate", args=[practice.pk]))
    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))
    assert GoodPractice.objects.get(pk=practice.pk).is_active is True


def test_a_user_of_any_agency_browses_the_directory(client, malang, magelang):
    make_practice(malang, "SLRT", title="SLRT terintegrasi Puskesos kelurahan")
    make_practice(magelang, "FTJSLP", title="Forum TJSLP")

    response = logged_in(client, make_user(make_agency("33.73"), Role.PENYULUH)).get(DIRECTORY)

    assert response.status_code == 200
    assert titles(response) == ["Forum TJSLP", "SLRT terintegrasi Puskesos kelurahan"]


def test_a_national_administrator_without_agency_browses_the_directory(client, malang):
    make_practice(malang, title="SLRT kelurahan")
    response = logged_in(client, make_user()).get(DIRECTORY)
    assert titles(response) == ["SLRT kelurahan"]


# --- Filters, search, pagination ---------------------------------------------------


def test_directory_filters_by_topic(client, malang, magelang):
    make_practice(malang, "SLRT", title="SLRT kelurahan")
    make_practice(magelang, "FTJSLP", title="Forum TJSLP")

    response = logged_in(client, make_user(malang)).get(DIRECTORY, {"topic": "SLRT"})

    assert titles(response) == ["SLRT kelurahan"]


def test_filtering_on_dtsen_also_finds_practices_filed_under_dtks(client, malang, magelang):
    make_practice(malang, "DTKS", title="Verifikasi DTKS")
    make_practice(magelang, "DTSEN", title="Pemutakhiran DTSEN")
    make_practice(magelang, "SLRT", title="SLRT")
    client = logged_in(client, make_user(malang))

    by_new_name = client.get(DIRECTORY, {"topic": "DTSEN"})
    by_old_name = client.get(DIRECTORY, {"topic": "DTKS"})

    assert titles(by_new_name) == ["Pemutakhiran DTSEN", "Verifikasi DTKS"]
    assert titles(by_old_name) == ["Pemutakhiran DTSEN", "Verifikasi DTKS"]
    assert [t.code for t in by_new_name.context["related_topics"]] == ["DTKS"]


def test_directory_filters_by_province(client, malang, madiun, magelang):
    make_practice(malang, title="SLRT Malang")
    make_practice(madiun, title="SLRT Madiun")
    make_practice(magelang, title="SLRT Magelang")

    response = logged_in(client, make_user(malang)).get(DIRECTORY, {"province": "35"})

    assert titles(response) == ["SLRT Madiun", "SLRT Malang"]


def test_search_finds_words_in_title_description_location_and_agency_name(client, malang, magelang):
    make_practice(malang, title="Layanan terpadu", description="Puskesos di tiap kelurahan")
    make_practice(malang, title="Rujukan", location="Kelurahan Pandanwangi")
    make_practice(magelang, "FTJSLP", title="Forum TJSLP")
    client = logged_in(client, make_user(malang))

    assert titles(client.get(DIRECTORY, {"q": "puskesos"})) == ["Layanan terpadu"]
    assert titles(client.get(DIRECTORY, {"q": "pandanwangi"})) == ["Rujukan"]
    assert titles(client.get(DIRECTORY, {"q": "magelang"})) == ["Forum TJSLP"]
    # Every word must match somewhere.
    assert titles(client.get(DIRECTORY, {"q": "malang pandanwangi"})) == ["Rujukan"]


def test_search_by_a_topic_alias_finds_practices_of_that_topic(client, malang, magelang):
    make_practice(magelang, "FTJSLP", title="Forum perusahaan")
    make_practice(malang, "SLRT", title="Layanan terpadu")

    response = logged_in(client, make_user(malang)).get(DIRECTORY, {"q": "CSR"})

    assert titles(response) == ["Forum perusahaan"]


def test_filters_combine(client, malang, magelang):
    make_practice(malang, "SLRT", title="SLRT Malang")
    make_practice(malang, "ATENSI", title="ATENSI Malang")
    make_practice(magelang, "SLRT", title="SLRT Magelang")

    response = logged_in(client, make_user(malang)).get(
        DIRECTORY, {"topic": "SLRT", "province": "35", "q": "malang"}
    )

    assert titles(response) == ["SLRT Malang"]


def test_an_unknown_filter_value_is_ignored_with_a_message(client, malang):
    make_practice(malang, title="SLRT Malang")

    response = logged_in(client, make_user(malang)).get(DIRECTORY, {"topic": "NOPE"})

    assert titles(response) == ["SLRT Malang"]
    assert list(response.context["form"].errors) == ["topic"]


def test_directory_shows_20_practices_per_page_and_keeps_filters_in_page_links(client, malang):
    for n in range(25):
        make_practice(malang, "SLRT", title=f"SLRT {n:02}")
    make_practice(malang, "ATENSI", title="ATENSI")
    client = logged_in(client, make_user(malang))

    first = client.get(DIRECTORY, {"topic": "SLRT"})
    second = client.get(DIRECTORY, {"topic": "SLRT", "halaman": 2})

    assert titles(first) == [f"SLRT {n:02}" for n in range(20)]
    assert titles(second) == [f"SLRT {n:02}" for n in range(20, 25)]
    assert 'href="?topic=SLRT&amp;halaman=2"' in first.text


def test_cards_link_the_agency_to_its_agency_page(client, malang):
    make_practice(malang, title="SLRT Malang")
    response = logged_in(client, make_user(malang)).get(DIRECTORY)
    assert f'href="{reverse("visits:agency_detail", args=["kota-malang"])}"' in response.text


def test_deactivated_practices_disappear_from_the_directory(client, malang):
    make_practice(malang, title="Ditampilkan")
    make_practice(malang, title="Disembunyikan", is_active=False)

    response = logged_in(client, make_user(make_agency("33.73"))).get(DIRECTORY)

    assert titles(response) == ["Ditampilkan"]


def test_practices_of_an_inactive_agency_are_not_listed(client, malang, magelang):
    make_practice(malang, title="SLRT Malang")
    make_practice(magelang, title="SLRT Magelang")
    magelang.is_active = False
    magelang.save()

    response = logged_in(client, make_user(malang)).get(DIRECTORY)

    assert titles(response) == ["SLRT Malang"]


def test_my_agency_tab_lists_own_practices_hidden_ones_too(client, malang, magelang):
    make_practice(malang, title="SLRT Malang")
    make_practice(malang, title="Lama", is_active=False)
    make_practice(magelang, title="SLRT Magelang")

    response = logged_in(client, make_user(malang, Role.PENYULUH)).get(DIRECTORY, {"mine": "1"})

    assert titles(response) == ["Lama", "SLRT Malang"]


@pytest.mark.parametrize("rows", [5, 50])
def test_directory_runs_a_fixed_number_of_queries(
    client, malang, magelang, rows, django_assert_num_queries
):
    for n in range(rows):
        make_practice(malang if n % 2 else magelang, "SLRT", title=f"SLRT {n:02}")
    client = logged_in(client, make_user(malang))

    # session, user (with membership and agency), topics, provinces, the
    # chosen topic's lineage, count, page
    with django_assert_num_queries(7):
        response = client.get(DIRECTORY, {"topic": "SLRT", "q": "slrt"})

    assert len(titles(response)) == min(rows, 20)


# --- The practice page -------------------------------------------------------------


def ajukan_links(response):
    return re.findall(
        r'href="([^"]*)"[^>]*>\s*<svg[^>]*><use[^>]*></use></svg>\s*Ajukan studi tiru',
        response.text,
    )


def test_practice_page_links_ajukan_studi_tiru_with_host_and_topic(client, malang, madiun):
    practice = make_practice(malang, "SLRT", title="SLRT terintegrasi Puskesos kelurahan")

    response = logged_in(client, make_user(madiun, Role.STAFF)).get(
        reverse("agencies:practice_detail", args=[practice.pk])
    )

    assert response.status_code == 200
    assert ajukan_links(response) == [f"{reverse('visits:create')}?host={malang.pk}&amp;topic=SLRT"]


def test_a_head_of_another_agency_may_also_ask_to_visit(client, malang, madiun):
    practice = make_practice(malang)
    response = logged_in(client, make_user(madiun, Role.HEAD)).get(
        reverse("agencies:practice_detail", args=[practice.pk])
    )
    assert len(ajukan_links(response)) == 1


def test_a_penyuluh_does_not_see_ajukan_studi_tiru(client, malang, madiun):
    practice = make_practice(malang)

    response = logged_in(client, make_user(madiun, Role.PENYULUH)).get(
        reverse("agencies:practice_detail", args=[practice.pk])
    )

    assert response.status_code == 200
    assert ajukan_links(response) == []


def test_own_agency_sees_no_ajukan_studi_tiru_but_may_edit(client, malang):
    practice = make_practice(malang)

    response = logged_in(client, make_user(malang, Role.STAFF)).get(
        reverse("agencies:practice_detail", args=[practice.pk])
    )

    assert ajukan_links(response) == []
    assert (response.context["own"], response.context["can_manage"]) == (True, True)
    assert reverse("agencies:practice_edit", args=[practice.pk]) in response.text


def test_other_agency_sees_no_edit_button(client, malang, madiun):
    practice = make_practice(malang)
    response = logged_in(client, make_user(madiun)).get(
        reverse("agencies:practice_detail", args=[practice.pk])
    )
    assert response.context["can_manage"] is False
    assert reverse("agencies:practice_edit", args=[practice.pk]) not in response.text


def test_a_deactivated_practice_page_answers_404(client, malang):
    practice = make_practice(malang, is_active=False)
    response = logged_in(client, make_user(malang)).get(
        reverse("agencies:practice_detail", args=[practice.pk])
    )
    assert response.status_code == 404


# --- Adding, editing, hiding -------------------------------------------------------


def practice_data(topic, **fields):
    return {
        "topic": Topic.objects.get(code=topic).pk,
        "title": "SLRT terintegrasi Puskesos kelurahan",
        "description": "Layanan terpadu di kelurahan.",
        "location": "Kelurahan Pandanwangi",
        "contact": "Bidang Pemberdayaan Sosial",
        **fields,
    }


@pytest.mark.parametrize("role", [Role.STAFF, Role.HEAD, Role.ADMIN])
def test_schedulers_add_a_practice_to_their_own_agency(client, malang, role):
    response = logged_in(client, make_user(malang, role)).post(
        reverse("agencies:practice_create"), practice_data("SLRT")
    )

    practice = GoodPractice.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("agencies:practice_detail", args=[practice.pk])
    assert (
        practice.agency,
        practice.topic.code,
        practice.title,
        practice.location,
        practice.is_active,
    ) == (malang, "SLRT", "SLRT terintegrasi Puskesos kelurahan", "Kelurahan Pandanwangi", True)


def test_a_penyuluh_gets_403_when_adding(client, malang):
    client = logged_in(client, make_user(malang, Role.PENYULUH))
    assert client.get(reverse("agencies:practice_create")).status_code == 403
    assert (
        client.post(reverse("agencies:practice_create"), practice_data("SLRT")).status_code == 403
    )
    assert GoodPractice.objects.count() == 0


def test_an_account_without_agency_gets_403_when_adding(client):
    response = logged_in(client, make_user()).get(reverse("agencies:practice_create"))
    assert response.status_code == 403


def test_the_topic_list_offers_active_topics_only(client, malang):
    Topic.objects.filter(code="TMP").update(is_active=False)

    response = logged_in(client, make_user(malang)).get(reverse("agencies:practice_create"))

    offered = list(response.context["form"].fields["topic"].queryset.values_list("code", flat=True))
    assert offered == list(
        Topic.objects.filter(is_active=True).order_by("code").values_list("code", flat=True)
    )
    assert "TMP" not in offered


def test_a_duplicate_title_is_refused_with_a_message_and_the_input_kept(client, malang):
    make_practice(malang, "SLRT", title="SLRT terintegrasi Puskesos kelurahan")

    response = logged_in(client, make_user(malang)).post(
        reverse("agencies:practice_create"), practice_data("SLRT", location="Kelurahan Baru")
    )

    assert response.status_code == 200
    assert response.context["form"].errors == {
        "title": ["Instansi Anda sudah mempunyai praktik baik berjudul ini untuk topik ini."]
    }
    assert 'value="Kelurahan Baru"' in response.text
    assert GoodPractice.objects.count() == 1


def test_a_missing_title_is_refused_in_indonesian(client, malang):
    response = logged_in(client, make_user(malang)).post(
        reverse("agencies:practice_create"), practice_data("SLRT", title="")
    )
    assert response.context["form"].errors == {"title": ["Bidang ini tidak boleh kosong."]}
    assert GoodPractice.objects.count() == 0


def test_staff_edit_their_own_agency_practice(client, malang):
    practice = make_practice(malang, "SLRT", title="Lama")

    client = logged_in(client, make_user(malang))
    edit = reverse("agencies:practice_edit", args=[practice.pk])
    response = client.post(
        edit, practice_data("PUSKESOS", title="Baru", is_active="on") | opened(client, edit)
    )

    practice.refresh_from_db()
    assert response.status_code == 302
    assert response.url == reverse("agencies:practice_detail", args=[practice.pk])
    assert (practice.topic.code, practice.title, practice.description) == (
        "PUSKESOS",
        "Baru",
        "Layanan terpadu di kelurahan.",
    )


def test_another_agency_gets_404_on_edit_and_deactivate(client, malang, madiun):
    practice = make_practice(malang, title="Tetap")
    client = logged_in(client, make_user(madiun, Role.STAFF))

    edit = reverse("agencies:practice_edit", args=[practice.pk])
    assert client.get(edit).status_code == 404
    assert client.post(edit, practice_data("SLRT", title="Diubah")).status_code == 404
    deactivate = reverse("agencies:practice_deactivate", args=[practice.pk])
    assert client.post(deactivate).status_code == 404
    practice.refresh_from_db()
    assert (practice.title, practice.is_active) == ("Tetap", True)


def test_a_penyuluh_of_the_owning_agency_gets_403_on_edit_and_deactivate(client, malang):
    practice = make_practice(malang, title="Tetap")
    client = logged_in(client, make_user(malang, Role.PENYULUH))

    edit = reverse("agencies:practice_edit", args=[practice.pk])
    assert client.get(edit).status_code == 403
    assert client.post(edit, practice_data("SLRT", title="Diubah")).status_code == 403
    deactivate = reverse("agencies:practice_deactivate", args=[practice.pk])
    assert client.post(deactivate).status_code == 403
    practice.refresh_from_db()
    assert (practice.title, practice.is_active) == ("Tetap", True)


def test_staff_deactivate_a_practice_which_is_kept_not_deleted(client, malang):
    practice = make_practice(malang)

    response = logged_in(client, make_user(malang)).post(
        reverse("agencies:practice_deactivate", args=[practice.pk])
    )

    assert response.status_code == 302
    assert response.url == f"{DIRECTORY}?mine=1"
    assert list(GoodPractice.objects.values_list("pk", "is_active")) == [(practice.pk, False)]


def test_deactivate_rejects_get(client, malang):
    practice = make_practice(malang)
    response = logged_in(client, make_user(malang)).get(
        reverse("agencies:practice_deactivate", args=[practice.pk])
    )
    assert response.status_code == 405
    assert GoodPractice.objects.get().is_active is True


def test_a_hidden_practice_is_shown_again_from_the_edit_form(client, malang):
    practice = make_practice(malang, "SLRT", title="SLRT", is_active=False)

    client = logged_in(client, make_user(malang))
    edit = reverse("agencies:practice_edit", args=[practice.pk])
    response = client.post(
        edit, practice_data("SLRT", title="SLRT", is_active="on") | opened(client, edit)
    )

    practice.refresh_from_db()
    assert response.status_code == 302
    assert practice.is_active is True


def test_the_edit_form_keeps_a_retired_topic_of_the_practice(client, malang):
    practice = make_practice(malang, "TMP", title="Makam")
    Topic.objects.filter(code="TMP").update(is_active=False)

    response = logged_in(client, make_user(malang)).get(
        reverse("agencies:practice_edit", args=[practice.pk])
    )

    offered = response.context["form"].fields["topic"].queryset.values_list("code", flat=True)
    assert "TMP" in list(offered)


# --- The services on their own -----------------------------------------------------


def test_services_refuse_a_user_of_another_agency(malang, madiun):
    outsider = make_user(madiun, Role.STAFF)
    practice = make_practice(malang, title="Tetap")
    topic = Topic.objects.get(code="SLRT")

    with pytest.raises(PermissionDenied):
        create_practice(agency=malang, by=outsider, topic=topic, title="Baru")
    with pytest.raises(PermissionDenied):
        update_practice(practice=practice, by=outsider, title="Diubah")
    with pytest.raises(PermissionDenied):
        deactivate_practice(practice=practice, by=outsider)

    practice.refresh_from_db()
    assert (GoodPractice.objects.count(), practice.title, practice.is_active) == (1, "Tetap", True)


def test_update_practice_refuses_fields_that_are_not_editable(malang):
    practice = make_practice(malang)
    with pytest.raises(TypeError):
        update_practice(practice=practice, by=make_user(malang), agency=make_agency("35.19"))
