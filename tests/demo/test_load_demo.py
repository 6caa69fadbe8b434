"""``manage.py load_demo`` reproduces the two seed visits, their people and
their reports, and running it again changes nothing. What the reports say is
checked in tests/demo/test_reports.py."""

import calendar
import datetime
import time
from io import StringIO
from itertools import product
from zoneinfo import ZoneInfo

import pytest
from allauth.mfa.models import Authenticator
from django.apps import apps
from django.core.management import CommandError, call_command, get_commands
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from agencies.mfa import current_totp_code, enrol_totp, totp_secret
from agencies.models import Agency, Division, GoodPractice, Membership, Role, User
from demo.accounts import DEMO_PASSWORD, DEMO_TOTP_SECRET, demo_account_lines
from visits.models import (
    AgendaKind,
    DelegationRole,
    EmploymentType,
    Side,
    VenueKind,
    Visit,
    VisitEvent,
    VisitStatus,
)

pytestmark = pytest.mark.django_db

JAKARTA = ZoneInfo("Asia/Jakarta")

# The rows the demo writes, per model: its two visits and everything around them.
EXPECTED_COUNTS = {
    "agencies.Agency": 4,
    "agencies.Division": 9,
    "agencies.User": 18,
    "agencies.Membership": 17,
    "visits.Visit": 2,
    "visits.VisitTopic": 7,
    "visits.Venue": 3,
    "visits.AgendaItem": 10,
    "visits.Participant": 62,
    "visits.VisitEvent": 8,
    "agencies.GoodPractice": 2,
    "reports.Report": 2,
    "reports.Finding": 7,
    "reports.Quote": 6,
    "reports.Author": 3,
    "reports.Photo": 0,
    "reports.ReportEvent": 7,
    "reports.AdoptionItem": 2,
    "reports.AdoptionEvent": 5,
    "reports.CheckIn": 1,
}
MODELS = [apps.get_model(label) for label in EXPECTED_COUNTS]

PLACES = {
    "salatiga": "kota-salatiga",
    "magelang": "kota-magelang",
    "madiun": "kabupaten-madiun",
    "malang": "kota-malang",
}
ROLE_WORDS = {
    "staf": Role.STAFF,
    "penyuluh": Role.PENYULUH,
    "kepala": Role.HEAD,
    "admin": Role.ADMIN,
}


def load_demo(*args):
    out = StringIO()
    call_command("load_demo", "--demo-server", *args, stdout=out)
    return out.getvalue()


def row_counts():
    return {model._meta.label: model.objects.count() for model in MODELS}


def all_values():
    return {model.__name__: list(model.objects.order_by("pk").values()) for model in MODELS}


def salatiga_visit():
    return Visit.objects.get(visitor__slug="kota-salatiga", host__slug="kota-magelang")


def madiun_visit():
    return Visit.objects.get(visitor__slug="kabupaten-madiun", host__slug="kota-malang")


# --- Idempotence ----------------------------------------------------------------


def test_it_creates_the_demo_rows():
    load_demo()
    assert row_counts() == EXPECTED_COUNTS


def test_running_it_twice_leaves_the_same_number_of_rows_in_every_table():
    load_demo()
    first = row_counts()
    load_demo()
    assert row_counts() == first


def test_running_it_twice_leaves_every_value_unchanged():
    load_demo()
    first = all_values()
    load_demo()
    assert all_values() == first


def test_a_second_run_only_reads():
    load_demo()
    with CaptureQueriesContext(connection) as queries:
        load_demo()
    writes = [
        query["sql"]
        for query in queries.captured_queries
        if query["sql"].split(" ", 1)[0] in {"INSERT", "UPDATE", "DELETE"}
    ]
    assert writes == []
    # 44, and one read of the demo accounts' authenticator apps.
    assert len(queries.captured_queries) == 45


def test_it_prints_a_one_line_summary_of_what_it_did():
    first = load_demo()
    second = load_demo()
    assert first == (
        "Data demo siap: 4 instansi, 18 akun, 2 kunjungan, 62 peserta, 2 laporan, "
        "2 butir rencana ATM (164 baris baru, 0 baris dipulihkan).\n"
    )
    assert second == (
        "Data demo siap: 4 instansi, 18 akun, 2 kunjungan, 62 peserta, 2 laporan, "
        "2 butir rencana ATM (0 baris baru, 0 baris dipulihkan).\n"
    )


def test_a_visit_title_edited_by_hand_is_restored_without_a_new_timeline_event():
    load_demo()
    Visit.objects.filter(pk=salatiga_visit().pk).update(title="Judul diubah")
    output = load_demo()
    assert salatiga_visit().title == (
        "Studi tiru Penguatan Forum TJSLP dan pelayanan kesejahteraan sosial"
    )
    assert VisitEvent.objects.count() == 8
    assert output.endswith("(0 baris baru, 1 baris dipulihkan).\n")


def test_a_deleted_participant_comes_back_in_its_place():
    load_demo()
    visit = madiun_visit()
    visit.participants.get(side=Side.VISITOR, order=2).delete()
    load_demo()
    andre = visit.participants.get(side=Side.VISITOR, order=2)
    assert (andre.name, andre.position) == ("Andre", "Koordinator SLRT Kabupaten Madiun")
    assert visit.participants.count() == 53


def test_a_participant_added_by_hand_is_kept():
    # Documented choice: the loader restores the demo's own rows and never
    # deletes what users added to a demo visit.
    load_demo()
    visit = salatiga_visit()
    visit.participants.create(side=Side.VISITOR, name="Peserta Tambahan", order=6)
    load_demo()
    assert visit.participants.filter(side=Side.VISITOR).count() == 6


def test_a_password_the_user_changed_survives_a_second_run(client):
    # Documented choice: passwords are set when an account is created;
    # --reset-passwords sets them back.
    load_demo()
    user = User.objects.get(email="staf.salatiga@studitiru.test")
    user.set_password("kata-sandi-baru")
    user.save()
    load_demo()
    assert client.login(email="staf.salatiga@studitiru.test", password="kata-sandi-baru")


def test_reset_passwords_sets_the_demo_password_again(client):
    load_demo()
    user = User.objects.get(email="staf.salatiga@studitiru.test")
    user.set_password("kata-sandi-baru")
    user.save()
    load_demo("--reset-passwords")
    assert client.login(email="staf.salatiga@studitiru.test", password=DEMO_PASSWORD)


# --- Agencies and accounts ----------------------------------------------------


@pytest.mark.parametrize(
    ("slug", "name", "short_name", "regency", "level", "province", "letterhead"),
    [
        (
            "kota-salatiga",
            "Dinas Sosial Kota Salatiga",
            "Dinsos Kota Salatiga",
            "33.73",
            "kota",
            "Jawa Tengah",
            "PEMERINTAH KOTA SALATIGA\nDINAS SOSIAL",
        ),  # fmt: skip
        (
            "kota-magelang",
            "Dinas Sosial Kota Magelang",
            "Dinsos Kota Magelang",
            "33.71",
            "kota",
            "Jawa Tengah",
            "PEMERINTAH KOTA MAGELANG\nDINAS SOSIAL",
        ),  # fmt: skip
        (
            "kabupaten-madiun",
            "Dinas Sosial Kabupaten Madiun",
            "Dinsos Kabupaten Madiun",
            "35.19",
            "kabupaten",
            "Jawa Timur",
            "PEMERINTAH KABUPATEN MADIUN\nDINAS SOSIAL",
        ),  # fmt: skip
        (
            "kota-malang",
            "Dinas Sosial Kota Malang",
            "Dinsos Kota Malang",
            "35.73",
            "kota",
            "Jawa Timur",
            "PEMERINTAH KOTA MALANG\nDINAS SOSIAL",
        ),  # fmt: skip
    ],
)
def test_each_agency_belongs_to_its_region(
    slug, name, short_name, regency, level, province, letterhead
):
    load_demo()
    agency = Agency.objects.select_related("regency", "province").get(slug=slug)
    assert (
        agency.name,
        agency.short_name,
        agency.regency.code,
        agency.level,
        agency.province.name,
        agency.letterhead,
        agency.address,
        agency.phone,
    ) == (name, short_name, regency, level, province, letterhead, "", "")


def test_the_divisions_named_in_the_articles_exist():
    load_demo()
    assert set(Division.objects.values_list("agency__slug", "name")) == {
        ("kota-salatiga", "Sekretariat"),
        ("kota-salatiga", "Bidang Pemberdayaan Sosial"),
        ("kota-salatiga", "Bidang Perlindungan Jaminan Sosial dan Penanganan Fakir Miskin"),
        ("kota-magelang", "Sekretariat"),
        ("kota-magelang", "Bidang Rehabilitasi Sosial dan Pemberdayaan Sosial"),
        ("kabupaten-madiun", "Sekretariat"),
        ("kabupaten-madiun", "Bidang Perlindungan dan Jaminan Sosial"),
        ("kota-malang", "Sekretariat"),
        ("kota-malang", "Bidang Pemberdayaan Sosial"),
    }


@pytest.mark.parametrize(("word", "place"), list(product(ROLE_WORDS, PLACES)))
def test_each_role_account_logs_in_with_the_demo_password(client, word, place):
    load_demo()
    email = f"{word}.{place}@studitiru.test"
    assert client.login(email=email, password=DEMO_PASSWORD)
    membership = Membership.objects.select_related("agency").get(user__email=email)
    assert (membership.role, membership.agency.slug) == (ROLE_WORDS[word], PLACES[place])


def test_the_second_magelang_penyuluh_logs_in_with_the_demo_password(client):
    load_demo()
    assert client.login(email="penyuluh2.magelang@studitiru.test", password=DEMO_PASSWORD)


def test_the_national_admin_is_a_superuser_without_an_agency(client):
    load_demo()
    admin = User.objects.get(email="admin@studitiru.test")
    assert (admin.is_staff, admin.is_superuser) == (True, True)
    assert Membership.objects.filter(user=admin).exists() is False
    assert client.login(email="admin@studitiru.test", password=DEMO_PASSWORD)


@pytest.mark.parametrize(
    ("email", "name", "position", "role", "division"),
    [
        (
            "kepala.salatiga@studitiru.test",
            "Slamet Setyo Budi, S.E., M.Acc.",
            "Kepala Dinas Sosial Kota Salatiga",
            Role.HEAD,
            None,
        ),  # fmt: skip
        (
            "kepala.magelang@studitiru.test",
            "Drs. Hadi Sutopo",
            "Sekretaris Dinas Sosial Kota Magelang",
            Role.HEAD,
            "Sekretariat",
        ),  # fmt: skip
        (
            "penyuluh.magelang@studitiru.test",
            "Dwi Ambar Pratiknyo, S.Sos., MPSSp",
            "Penyuluh Sosial Madya",
            Role.PENYULUH,
            None,
        ),  # fmt: skip
        (
            "penyuluh2.magelang@studitiru.test",
            "Tutut Hari Martanto, S.Psi",
            "Penyuluh Sosial Ahli Muda",
            Role.PENYULUH,
            None,
        ),  # fmt: skip
        (
            "kepala.malang@studitiru.test",
            "Syahrial Hamid",
            "Kepala Bidang Pemberdayaan Sosial",
            Role.HEAD,
            "Bidang Pemberdayaan Sosial",
        ),  # fmt: skip
        (
            "kepala.madiun@studitiru.test",
            "Dedy Anggoro",
            "Kepala Bidang Perlindungan dan Jaminan Sosial",
            Role.HEAD,
            "Bidang Perlindungan dan Jaminan Sosial",
        ),  # fmt: skip
        (
            "staf.madiun@studitiru.test",
            "Andre",
            "Koordinator SLRT Kabupaten Madiun",
            Role.STAFF,
            "Bidang Perlindungan dan Jaminan Sosial",
        ),  # fmt: skip
    ],
)
def test_the_people_the_articles_name_hold_their_positions(email, name, position, role, division):
    load_demo()
    membership = Membership.objects.select_related("user", "division").get(user__email=email)
    assert (
        membership.user.name,
        membership.position,
        membership.role,
        membership.division.name if membership.division else None,
    ) == (name, position, role, division)


def test_the_account_list_names_every_demo_account_once():
    emails = [line.split()[0] for line in demo_account_lines()]
    assert emails == [
        "admin@studitiru.test",
        "staf.salatiga@studitiru.test",
        "penyuluh.salatiga@studitiru.test",
        "kepala.salatiga@studitiru.test",
        "admin.salatiga@studitiru.test",
        "staf.magelang@studitiru.test",
        "penyuluh.magelang@studitiru.test",
        "penyuluh2.magelang@studitiru.test",
        "kepala.magelang@studitiru.test",
        "admin.magelang@studitiru.test",
        "staf.madiun@studitiru.test",
        "penyuluh.madiun@studitiru.test",
        "kepala.madiun@studitiru.test",
        "admin.madiun@studitiru.test",
        "staf.malang@studitiru.test",
        "penyuluh.malang@studitiru.test",
        "kepala.malang@studitiru.test",
        "admin.malang@studitiru.test",
    ]


def test_an_account_line_gives_email_role_and_agency():
    assert demo_account_lines()[3] == (
        "kepala.salatiga@studitiru.test     Kepala bidang / kepala dinas  Dinsos Kota Salatiga"
    )


def test_the_good_practices_of_malang_and_magelang_are_listed():
    load_demo()
    assert set(
        GoodPractice.objects.values_list("agency__slug", "topic__code", "title", "location")
    ) == {
        ("kota-malang", "SLRT", "SLRT terintegrasi Puskesos kelurahan", "Kelurahan Pandanwangi"),
        (
            "kota-magelang",
            "FTJSLP",
            "Forum TJSLP berdasarkan Perda Nomor 11 Tahun 2017",
            "Kantor Dinas Sosial Kota Magelang",
        ),
    }


# --- Seed 000: Dinas Sosial Kota Salatiga visits Dinas Sosial Kota Magelang ----


def test_the_salatiga_visit_is_on_wednesday_14_june_2023_in_jakarta_time():
    load_demo()
    start = salatiga_visit().start.astimezone(JAKARTA)
    assert start.date() == datetime.date(2023, 6, 14)
    assert start.weekday() == calendar.WEDNESDAY


def test_the_salatiga_visit_was_held_and_reported():
    load_demo()
    assert salatiga_visit().status == VisitStatus.REPORTED


def test_the_salatiga_delegation_is_led_by_its_kepala_dinas():
    load_demo()
    head = salatiga_visit().participants.get(role=DelegationRole.HEAD)
    assert head.full_name == "Slamet Setyo Budi, S.E., M.Acc."
    assert (head.front_title, head.name, head.back_title, head.position) == (
        "",
        "Slamet Setyo Budi",
        "S.E., M.Acc.",
        "Kepala Dinas Sosial Kota Salatiga",
    )


def test_the_salatiga_delegation_has_the_five_positions_of_the_article():
    load_demo()
    delegation = salatiga_visit().participants.filter(side=Side.VISITOR).order_by("order")
    assert list(delegation.values_list("position", "role")) == [
        ("Kepala Dinas Sosial Kota Salatiga", DelegationRole.HEAD),
        ("Kepala Bidang Pemberdayaan Sosial", DelegationRole.MEMBER),
        (
            "Kepala Bidang Perlindungan Jaminan Sosial dan Penanganan Fakir Miskin",
            DelegationRole.MEMBER,
        ),  # fmt: skip
        ("Pekerja Sosial", DelegationRole.MEMBER),
        ("Penyuluh Sosial", DelegationRole.MEMBER),
    ]


def test_the_salatiga_delegation_is_received_by_the_magelang_officials():
    load_demo()
    hosts = salatiga_visit().participants.filter(side=Side.HOST).order_by("order")
    assert [(p.full_name, p.role, p.position) for p in hosts] == [
        (
            "Drs. Hadi Sutopo",
            DelegationRole.RECEIVING_OFFICIAL,
            "Sekretaris Dinas Sosial Kota Magelang",
        ),  # fmt: skip
        (
            "Endang Sulistyowati",
            DelegationRole.HOST_STAFF,
            "Kepala Bidang Rehabilitasi Sosial dan Pemberdayaan Sosial",
        ),  # fmt: skip
        ("Dwi Ambar Pratiknyo, S.Sos., MPSSp", DelegationRole.HOST_STAFF, "Penyuluh Sosial Madya"),
        ("Tutut Hari Martanto, S.Psi", DelegationRole.HOST_STAFF, "Penyuluh Sosial Ahli Muda"),
    ]


def test_the_salatiga_visit_brings_the_four_topics_of_the_article():
    load_demo()
    visit_topics = salatiga_visit().visit_topics.select_related("topic")
    assert {visit_topic.topic.code for visit_topic in visit_topics} == {
        "FTJSLP",
        "DTKS",
        "TMP",
        "ATENSI",
    }
    assert all(visit_topic.question_list for visit_topic in visit_topics)


def test_the_salatiga_visit_is_based_on_the_magelang_perda_on_tjslp():
    load_demo()
    assert "Perda Nomor 11 Tahun 2017" in salatiga_visit().basis


def test_the_salatiga_visit_takes_place_at_the_magelang_office():
    load_demo()
    assert list(salatiga_visit().venues.values_list("kind", "name")) == [
        (VenueKind.OFFICE, "Kantor Dinas Sosial Kota Magelang")
    ]


def test_the_salatiga_agenda_fits_in_the_visit_day():
    load_demo()
    visit = salatiga_visit()
    items = list(visit.agenda_items.all())
    assert [item.kind for item in items] == [
        AgendaKind.WELCOME,
        AgendaKind.WELCOME,
        AgendaKind.PRESENTATION,
        AgendaKind.DISCUSSION,
        AgendaKind.OTHER,
    ]
    assert (items[0].start, items[-1].end) == (visit.start, visit.end)


# --- Seed 004: Dinas Sosial Kabupaten Madiun visits Dinas Sosial Kota Malang ---


def test_the_madiun_visit_is_on_friday_1_august_2025_in_jakarta_time():
    load_demo()
    start = madiun_visit().start.astimezone(JAKARTA)
    assert start.date() == datetime.date(2025, 8, 1)
    assert start.weekday() == calendar.FRIDAY


def test_the_madiun_visit_was_held_and_reported():
    load_demo()
    assert madiun_visit().status == VisitStatus.REPORTED


def test_the_madiun_delegation_has_exactly_52_participants():
    load_demo()
    assert madiun_visit().participants.filter(side=Side.VISITOR).count() == 52


def test_the_madiun_delegation_is_led_by_its_kepala_bidang_with_the_slrt_coordinator():
    load_demo()
    first_two = madiun_visit().participants.filter(side=Side.VISITOR).order_by("order")[:2]
    assert [(p.full_name, p.role, p.position) for p in first_two] == [
        ("Dedy Anggoro", DelegationRole.HEAD, "Kepala Bidang Perlindungan dan Jaminan Sosial"),
        ("Andre", DelegationRole.MEMBER, "Koordinator SLRT Kabupaten Madiun"),
    ]


def test_the_50_slrt_staff_are_non_asn_without_nip_and_have_distinct_names():
    load_demo()
    staff = madiun_visit().participants.filter(position="Fasilitator SLRT")
    assert staff.count() == 50
    assert set(staff.values_list("employment_type", "nip")) == {(EmploymentType.NON_ASN, "")}
    assert len(set(staff.values_list("name", flat=True))) == 50


def test_the_madiun_visit_goes_to_the_field_at_kelurahan_pandanwangi():
    load_demo()
    visit = madiun_visit()
    assert list(visit.venues.values_list("kind", "name")) == [
        (VenueKind.OFFICE, "Aula Dinas Sosial Kota Malang"),
        (VenueKind.FIELD, "Kelurahan Pandanwangi"),
    ]
    field_visit = visit.agenda_items.get(kind=AgendaKind.FIELD_VISIT)
    assert field_visit.place == "Kelurahan Pandanwangi"


def test_the_madiun_visit_brings_slrt_puskesos_and_bpjs():
    load_demo()
    codes = set(madiun_visit().visit_topics.values_list("topic__code", flat=True))
    assert codes == {"SLRT", "PUSKESOS", "BPJS"}


def test_the_madiun_delegation_is_received_by_syahrial_hamid():
    load_demo()
    hosts = madiun_visit().participants.filter(side=Side.HOST)
    assert [(p.full_name, p.role, p.position) for p in hosts] == [
        ("Syahrial Hamid", DelegationRole.RECEIVING_OFFICIAL, "Kepala Bidang Pemberdayaan Sosial")
    ]


def test_the_madiun_agenda_opens_with_syahrial_hamids_welcome_in_the_aula():
    load_demo()
    welcome = madiun_visit().agenda_items.first()
    assert (welcome.kind, welcome.place, welcome.speaker) == (
        AgendaKind.WELCOME,
        "Aula Dinas Sosial Kota Malang",
        "Syahrial Hamid, Kepala Bidang Pemberdayaan Sosial",
    )


# --- Timelines ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("visitor", "host", "reporter"),
    [
        ("kota-salatiga", "kota-magelang", "kota-magelang"),
        ("kabupaten-madiun", "kota-malang", "kabupaten-madiun"),
    ],
)
def test_each_demo_visit_went_from_draft_to_requested_to_scheduled_to_held_to_reported(
    visitor, host, reporter
):
    load_demo()
    visit = Visit.objects.get(visitor__slug=visitor, host__slug=host)
    events = list(visit.events.select_related("actor_agency"))
    assert [(e.from_status, e.to_status) for e in events] == [
        (VisitStatus.DRAFT, VisitStatus.REQUESTED),
        (VisitStatus.REQUESTED, VisitStatus.SCHEDULED),
        (VisitStatus.SCHEDULED, VisitStatus.HELD),
        (VisitStatus.HELD, VisitStatus.REPORTED),
    ]
    # The visitor asks, the host answers and records the visit as held; the
    # head approving the demo report marks it reported.
    assert [e.actor_agency.slug for e in events] == [visitor, host, host, reporter]
    assert [e.created_at < visit.start for e in events] == [True, True, False, False]
    assert visit.created_at < events[0].created_at
    assert all(e.comment for e in events[:3])
    assert events[3].created_at == visit.reports.get().events.get(to_status="approved").created_at


# --- The command -----------------------------------------------------------------


def test_load_demo_is_the_demo_apps_command_so_no_domain_app_imports_the_demo():
    assert get_commands()["load_demo"] == "demo"


def test_demo_accounts_still_prints_every_account_the_password_and_the_totp_secret():
    out = StringIO()
    call_command("demo_accounts", stdout=out)
    lines = out.getvalue().splitlines()
    assert [line.split()[0] for line in lines[:-2]] == [
        line.split()[0] for line in demo_account_lines()
    ]
    assert lines[-2] == f"  Kata sandi semua akun demo: {DEMO_PASSWORD}"
    assert f"kunci rahasia {DEMO_TOTP_SECRET} di aplikasi autentikator" in lines[-1]
    assert lines[-1].endswith("python manage.py demo_totp <e-mail>")


# --- Only in development or on a demo server --------------------------------------


def test_it_refuses_to_run_on_a_real_server(settings, monkeypatch):
    settings.DEBUG = False
    settings.DEMO_SERVER = False

    with pytest.raises(CommandError) as refusal:
        call_command("load_demo", stdout=StringIO())

    assert "load_demo tidak dijalankan" in str(refusal.value)
    assert "DEBUG=true" in str(refusal.value)
    assert "--demo-server" in str(refusal.value)
    assert User.objects.exists() is False


@pytest.mark.parametrize("switch", ["DEBUG", "DEMO_SERVER"])
def test_it_runs_in_development_or_on_a_demo_server(settings, switch):
    setattr(settings, switch, True)

    call_command("load_demo", stdout=StringIO())

    assert User.objects.filter(email="admin@studitiru.test").exists()


# --- The second factor of the demo heads and admins ------------------------------


def test_the_demo_heads_and_admins_log_in_with_the_published_totp_secret(client):
    load_demo()
    enrolled = {
        user.email
        for user in User.objects.filter(authenticator__type=Authenticator.Type.TOTP)
        if totp_secret(user) == DEMO_TOTP_SECRET
    }

    assert enrolled == {"admin@studitiru.test"} | {
        f"{word}.{place}@studitiru.test" for word in ("kepala", "admin") for place in PLACES
    }
    client.post(
        reverse("account_login"),
        {"login": "kepala.salatiga@studitiru.test", "password": DEMO_PASSWORD},
    )
    client.post(reverse("mfa_authenticate"), {"code": current_totp_code(DEMO_TOTP_SECRET)})
    assert client.get(reverse("visits:dashboard")).status_code == 200


def test_demo_totp_prints_the_code_of_a_demo_account(settings):
    load_demo()
    settings.DEBUG = True
    out = StringIO()

    call_command("demo_totp", "Kepala.Madiun@studitiru.test", stdout=out)

    code, rest = out.getvalue().split(" ", 1)
    assert code in {current_totp_code(DEMO_TOTP_SECRET, at=time.time() + d) for d in (-30, 0)}
    assert rest.startswith("(berlaku ") and rest.endswith(" detik lagi)\n")


def test_demo_totp_refuses_without_debug_and_for_an_account_of_its_own(settings):
    load_demo()
    head = User.objects.get(email="kepala.madiun@studitiru.test")
    enrol_totp(head, "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP")

    settings.DEBUG = False
    with pytest.raises(CommandError, match="hanya untuk pengembangan"):
        call_command("demo_totp", "kepala.salatiga@studitiru.test", stdout=StringIO())
    settings.DEBUG = True
    with pytest.raises(CommandError, match="tidak memakai kunci rahasia demo"):
        call_command("demo_totp", "kepala.madiun@studitiru.test", stdout=StringIO())
    with pytest.raises(CommandError, match="tidak memakai kunci rahasia demo"):
        call_command("demo_totp", "staf.madiun@studitiru.test", stdout=StringIO())
