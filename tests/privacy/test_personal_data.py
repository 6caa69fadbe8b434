"""An agency admin answers a person's requests under UU PDP: an export of
everything the agency's part of the portal holds about them (a JSON file,
never cached, recorded), and the erasure of their contact data from the
agency's visits (confirmed, with a reason, recorded; the account untouched).
Only within the agency's reach; only for its admins."""

import json

import pytest
from django.urls import reverse

from agencies.models import Role
from privacy.lookup import Subject, subject_digest
from privacy.models import LookupKind, PersonalDataRequest, RequestKind
from tests.factories import make_participant, make_report, make_user, make_visit
from visits.models import ContactErasure, Participant, VisitStatus

pytestmark = pytest.mark.django_db

NIP = "197903122005011004"
EMAIL = "slamet@example.id"
REASON = "Permintaan tertulis yang bersangkutan tanggal 1 Desember 2026."


@pytest.fixture
def admin(salatiga):
    return make_user(salatiga.agency, Role.ADMIN, name="Admin Salatiga")


@pytest.fixture
def people(salatiga, magelang, malang):
    """Slamet in Salatiga's visit to Magelang, and in Malang's visit to
    Magelang (which Salatiga has no part in)."""
    ours = make_visit(magelang.agency, salatiga.agency, title="Studi tiru FTJSLP")
    theirs = make_visit(magelang.agency, malang.agency, title="Studi tiru DTKS Malang")
    return {
        "ours": make_participant(
            ours,
            name="Slamet Setyo Budi",
            position="Penyuluh Sosial Ahli Muda",
            nip=NIP,
            phone="081234567890",
            email=EMAIL,
        ),
        "host_side": make_participant(
            ours, "host", name="Slamet Setyo Budi", email="SLAMET@example.id"
        ),
        "theirs": make_participant(theirs, name="Slamet Setyo Budi", nip=NIP, phone="0899"),
        "someone_else": make_participant(ours, name="Hadi Sutopo", nip="198001012006041002"),
    }


def export(client, user, subject):
    client.force_login(user)
    return client.post(reverse("privacy:export"), {"subject": subject})


def erase(client, user, data):
    client.force_login(user)
    return client.post(reverse("privacy:erase"), data)


# --- Export ----------------------------------------------------------------------------


def test_an_admin_exports_a_persons_participations_as_json(client, admin, people):
    response = export(client, admin, "19790312 200501 1 004")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/json; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="data-pribadi-')
    assert "no-store" in response["Cache-Control"]
    data = json.loads(response.content)
    assert data["instansi"] == admin.membership.agency.name
    assert data["dicari_dengan"] == {"jenis": "NIP", "nilai": NIP}
    assert data["akun"] is None
    rows = data["peserta_kunjungan"]
    # Salatiga's visit only: Malang's visit to Magelang is not Salatiga's to see.
    assert [
        (row["kunjungan"]["judul"], row["nip"], row["telepon"], row["email"]) for row in rows
    ] == [("Studi tiru FTJSLP", NIP, "081234567890", EMAIL)]


def test_the_export_is_recorded_without_the_identifier(client, admin, people):
    export(client, admin, EMAIL)

    record = PersonalDataRequest.objects.get()
    assert (record.kind, record.lookup_kind, record.actor, record.agency) == (
        RequestKind.EXPORT,
        LookupKind.EMAIL,
        admin,
        admin.membership.agency,
    )
    assert record.subject_names == "Slamet Setyo Budi"
    assert record.participants == 2  # both sides of the visit, e-mail in any case
    assert record.subject_digest == subject_digest(Subject(LookupKind.EMAIL, EMAIL))
    assert EMAIL not in str(PersonalDataRequest.objects.values().get())
    page = client.get(reverse("privacy:index"))
    assert "Ekspor data" in page.content.decode()
    assert "no-store" in page["Cache-Control"]


def test_earlier_requests_are_found_after_the_secret_key_is_rotated(
    client, settings, admin, people
):
    export(client, admin, NIP)
    settings.SECRET_KEY_FALLBACKS = [settings.SECRET_KEY]
    settings.SECRET_KEY = "a-new-secret-key-for-the-rotation-" + "x" * 30

    data = json.loads(export(client, admin, NIP).content)

    assert [row["jenis"] for row in data["permintaan_sebelumnya"]] == ["Ekspor data"]


def test_a_members_account_and_authorship_are_in_the_export(client, salatiga, magelang, admin):
    member = make_user(
        salatiga.agency,
        Role.PENYULUH,
        email="dwi@example.id",
        name="Dwi Ambar",
        nip=NIP,
        position="Penyuluh Sosial Madya",
    )
    visit = make_visit(magelang.agency, salatiga.agency, status=VisitStatus.HELD)
    from reports import services

    report = services.report_create(visit=visit, by=member)
    make_participant(visit, name="Dwi Ambar", nip=NIP)

    data = json.loads(export(client, admin, "DWI@example.id").content)

    assert data["akun"]["email"] == "dwi@example.id"
    assert data["akun"]["keanggotaan"]["nip"] == NIP
    assert data["akun"]["keanggotaan"]["jabatan"] == "Penyuluh Sosial Madya"
    assert [row["laporan"]["id"] for row in data["penulis_laporan"]] == [report.pk]
    # Found through the account's NIP although looked up by e-mail.
    assert [row["nama"] for row in data["peserta_kunjungan"]] == ["Dwi Ambar"]
    assert [row["menjadi"] for row in data["riwayat_tindakan"]["laporan"]] == ["Draf"]


def test_another_agencys_member_is_not_exported(client, magelang, admin):
    make_user(magelang.agency, Role.STAFF, email="orang.magelang@example.id")

    response = export(client, admin, "orang.magelang@example.id")

    assert response.status_code == 200
    assert (
        "Tidak ada data pribadi dengan NIP atau e-mail ini di instansi Anda."
        in response.content.decode()
    )
    assert not PersonalDataRequest.objects.exists()


@pytest.mark.parametrize("typed", ["12345", "bukan-email@", "x" * 300, "1979\x00"])
def test_a_bad_identifier_is_refused_with_a_message(client, admin, typed):
    response = export(client, admin, typed)

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/html")
    assert response.context["form"].errors["subject"]


def test_signatures_on_the_agencys_reports_are_exported(client, salatiga, magelang, admin):
    visit = make_visit(magelang.agency, salatiga.agency, status=VisitStatus.HELD)
    make_report(visit, salatiga.agency, signatory_name="Drs. Hadi", signatory_nip=NIP)

    data = json.loads(export(client, admin, NIP).content)

    assert [(row["nama"], row["nip"]) for row in data["penanda_tangan_laporan"]] == [
        ("Drs. Hadi", NIP)
    ]


@pytest.mark.parametrize("role", [Role.STAFF, Role.PENYULUH, Role.HEAD])
def test_only_agency_admins_use_the_pages(client, salatiga, people, role):
    user = make_user(salatiga.agency, role)
    client.force_login(user)

    assert client.get(reverse("privacy:index")).status_code == 403
    assert export(client, user, NIP).status_code == 403
    assert (
        erase(client, user, {"subject": NIP, "reason": REASON, "confirmed": "1"}).status_code == 403
    )
    assert Participant.objects.get(pk=people["ours"].pk).nip == NIP


def test_the_menu_links_the_page_for_admins_only(client, salatiga, admin):
    client.force_login(admin)
    assert reverse("privacy:index") in client.get(reverse("visits:dashboard")).content.decode()
    client.force_login(salatiga.head)
    assert reverse("privacy:index") not in client.get(reverse("visits:dashboard")).content.decode()


# --- Erasure ---------------------------------------------------------------------------


def test_erasure_shows_what_will_go_and_changes_nothing_before_confirming(client, admin, people):
    response = erase(client, admin, {"subject": NIP, "reason": REASON})

    assert response.status_code == 200
    content = response.content.decode()
    assert "Studi tiru FTJSLP" in content
    assert "Studi tiru DTKS Malang" not in content
    assert [p.pk for p in response.context["preview"]["to_erase"]] == [people["ours"].pk]
    assert Participant.objects.get(pk=people["ours"].pk).nip == NIP
    assert not PersonalDataRequest.objects.exists()


def test_a_confirmed_erasure_empties_the_contacts_in_the_agencys_visits(client, admin, people):
    response = erase(client, admin, {"subject": EMAIL, "reason": REASON, "confirmed": "1"})

    assert response.status_code == 302
    for key in ("ours", "host_side"):
        participant = Participant.objects.get(pk=people[key].pk)
        assert (participant.nip, participant.phone, participant.email) == ("", "", "")
        assert participant.contact_erasure == ContactErasure.REQUEST
        assert participant.contact_erased_at is not None
        assert participant.name == "Slamet Setyo Budi"
    # Another agency's visit, and another person, are untouched.
    assert Participant.objects.get(pk=people["theirs"].pk).nip == NIP
    assert Participant.objects.get(pk=people["someone_else"].pk).nip == "198001012006041002"
    record = PersonalDataRequest.objects.get()
    assert (record.kind, record.reason, record.participants, record.actor) == (
        RequestKind.ERASURE,
        REASON,
        2,
        admin,
    )
    page = client.get(reverse("privacy:index")).content.decode()
    assert REASON in page


def test_an_erasure_on_request_leaves_no_copy_in_the_change_history(client, admin, people):
    participant = Participant.objects.get(pk=people["ours"].pk)
    assert participant.history.filter(nip=NIP).exists()

    erase(client, admin, {"subject": NIP, "reason": REASON, "confirmed": "1"})

    assert not participant.history.filter(nip=NIP).exists()
    assert not participant.history.filter(email=EMAIL).exists()
    # The erasure is in the history, made by the admin.
    latest = participant.history.first()
    assert (latest.history_user, latest.contact_erasure) == (admin, ContactErasure.REQUEST)
    # Another agency's visit keeps its history as it keeps its row.
    theirs = Participant.objects.get(pk=people["theirs"].pk)
    assert theirs.history.filter(nip=NIP).exists()


def test_the_participant_list_says_the_contact_was_erased_on_request(
    client, salatiga, admin, people
):
    erase(client, admin, {"subject": NIP, "reason": REASON, "confirmed": "1"})
    client.force_login(salatiga.staff)

    content = client.get(
        reverse("visits:participants", args=[people["ours"].visit_id])
    ).content.decode()

    assert "dihapus atas permintaan yang bersangkutan" in content
    assert "081234567890" not in content


def test_erasure_needs_a_reason(client, admin, people):
    response = erase(client, admin, {"subject": NIP, "reason": "", "confirmed": "1"})

    assert response.status_code == 200
    assert "Tuliskan alasan atau dasar permintaan penghapusan." in response.content.decode()
    assert Participant.objects.get(pk=people["ours"].pk).nip == NIP


def test_a_members_account_is_not_erased(client, salatiga, magelang, admin):
    member = make_user(salatiga.agency, Role.PENYULUH, email="dwi@example.id", nip=NIP)
    visit = make_visit(magelang.agency, salatiga.agency)
    participant = make_participant(visit, name="Dwi", email="dwi@example.id")

    preview = erase(client, admin, {"subject": "dwi@example.id", "reason": REASON})
    assert "kontak pada akunnya tidak diubah" in preview.content.decode()
    erase(client, admin, {"subject": "dwi@example.id", "reason": REASON, "confirmed": "1"})

    member.refresh_from_db()
    member.membership.refresh_from_db()
    assert (member.email, member.membership.nip) == ("dwi@example.id", NIP)
    participant.refresh_from_db()
    assert participant.email == ""


def test_nothing_left_to_erase_is_said(client, admin, people):
    erase(client, admin, {"subject": NIP, "reason": REASON, "confirmed": "1"})

    again = erase(client, admin, {"subject": NIP, "reason": REASON, "confirmed": "1"})

    assert again.status_code == 200
    assert "Tidak ada kontak peserta" in again.content.decode()
    assert PersonalDataRequest.objects.count() == 1


# --- The log page ----------------------------------------------------------------------


def _record(agency, actor, n):
    return [
        PersonalDataRequest.objects.create(
            agency=agency,
            kind=RequestKind.EXPORT,
            lookup_kind=LookupKind.NIP,
            subject_digest=subject_digest(Subject(LookupKind.NIP, NIP)),
            subject_names=f"Orang {i}",
            actor=actor,
        )
        for i in range(n)
    ]


@pytest.mark.parametrize("rows", [1, 3])
def test_the_log_page_runs_a_fixed_number_of_queries(
    client, django_assert_num_queries, salatiga, admin, rows
):
    _record(salatiga.agency, admin, rows)
    client.force_login(admin)
    client.get(reverse("privacy:index"))  # the session and caches settle

    # The same number whatever the number of rows (actors are joined).
    with django_assert_num_queries(4):
        response = client.get(reverse("privacy:index"))

    assert len(response.context["requests"]) == rows


def test_the_log_shows_only_the_agencys_own_requests(client, salatiga, magelang, admin):
    _record(salatiga.agency, admin, 1)
    other_admin = make_user(magelang.agency, Role.ADMIN)
    PersonalDataRequest.objects.create(
        agency=magelang.agency,
        kind=RequestKind.EXPORT,
        lookup_kind=LookupKind.EMAIL,
        subject_digest="0" * 64,
        subject_names="Rahasia Magelang",
        actor=other_admin,
    )
    client.force_login(admin)

    content = client.get(reverse("privacy:index")).content.decode()

    assert "Orang 0" in content
    assert "Rahasia Magelang" not in content
