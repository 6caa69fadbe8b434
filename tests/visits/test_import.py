"""Importing participants from a CSV or XLSX sheet: the whole sheet is checked
first, nothing is saved if one row is wrong, and each problem names its row
and column in Indonesian."""

import csv
import io

import openpyxl
import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tests.factories import make_participant, make_visit
from visits import delegation, participant_import
from visits.models import DelegationRole, EmploymentType, Participant, Side, VisitStatus

pytestmark = pytest.mark.django_db

HEADERS = [
    "No",
    "Gelar depan",
    "Nama",
    "Gelar belakang",
    "Jabatan",
    "Bidang/Unit",
    "Peran (Ketua/Anggota)",
    "Status kepegawaian (PNS/PPPK/Non-ASN)",
    "NIP",
    "Telepon",
    "E-mail",
]
NIP = "197903122005011004"


def row(number, name=None, *, role="Anggota", status="Non-ASN", nip="", phone=None, **extra):
    """A good row of the template; ``extra`` overrides cells by header."""
    cells = {
        "No": number,
        "Gelar depan": "",
        "Nama": name or f"Peserta {number}",
        "Gelar belakang": "S.Sos.",
        "Jabatan": "Fasilitator SLRT",
        "Bidang/Unit": "SLRT Kabupaten Madiun",
        "Peran (Ketua/Anggota)": role,
        "Status kepegawaian (PNS/PPPK/Non-ASN)": status,
        "NIP": nip,
        "Telepon": phone if phone is not None else f"0812{number:08d}",
        "E-mail": "",
    } | extra
    return [cells[header] for header in HEADERS]


def xlsx(rows, headers=HEADERS):
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(headers)
    for cells in rows:
        sheet.append(cells)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def csv_file(rows, headers=HEADERS, *, delimiter=",", encoding="utf-8-sig"):
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter)
    writer.writerow(headers)
    writer.writerows(rows)
    return out.getvalue().encode(encoding)


@pytest.fixture
def visit(salatiga, magelang):
    return make_visit(magelang.agency, salatiga.agency, status=VisitStatus.SCHEDULED)


def upload(client, user, visit, content, name="peserta.xlsx", mode="append"):
    client.force_login(user)
    return client.post(
        reverse("visits:participant_import", args=[visit.pk]),
        {"file": SimpleUploadedFile(name, content), "mode": mode},
    )


def problems_of(response):
    return response.context["problems"]


def read(content, name="peserta.xlsx", side=Side.VISITOR):
    return participant_import.read_participant_sheet(content, filename=name, side=side)


# --- Good sheets -------------------------------------------------------------------


def test_a_good_xlsx_sheet_is_imported(client, visit, salatiga):
    content = xlsx(
        [
            row(
                1,
                "Dedy Anggoro",
                role="Ketua",
                status="PNS",
                nip=NIP,
                phone="081234567890",
                **{"E-mail": "dedy@madiun.test", "Gelar depan": "Drs."},
            ),
            row(2, "Andre", status="PPPK"),
            row(3, "Agus Prasetyo"),
        ]
    )

    response = upload(client, salatiga.staff, visit, content)

    assert response.status_code == 302
    assert response["Location"] == reverse("visits:participants", args=[visit.pk])
    people = list(
        visit.participants.values_list(
            "order", "side", "role", "front_title", "name", "employment_type", "nip", "phone"
        )
    )
    assert people == [
        (1, Side.VISITOR, DelegationRole.HEAD, "Drs.", "Dedy Anggoro", "pns", NIP, "081234567890"),
        (2, Side.VISITOR, DelegationRole.MEMBER, "", "Andre", "pppk", "", "081200000002"),
        (
            3,
            Side.VISITOR,
            DelegationRole.MEMBER,
            "",
            "Agus Prasetyo",
            "non_asn",
            "",
            "081200000003",
        ),
    ]
    assert visit.participants.get(name="Dedy Anggoro").email == "dedy@madiun.test"


def test_a_good_csv_sheet_is_imported(client, visit, salatiga):
    content = csv_file([row(1, "Andre", status="PNS", nip=NIP), row(2, "Agus Prasetyo")])

    response = upload(client, salatiga.staff, visit, content, name="peserta.csv")

    assert response.status_code == 302
    assert list(visit.participants.values_list("name", "nip", "phone")) == [
        ("Andre", NIP, "081200000001"),
        ("Agus Prasetyo", "", "081200000002"),
    ]


def test_a_semicolon_csv_in_windows_encoding_is_read(visit):
    # What Excel with Indonesian regional settings saves as "CSV".
    content = csv_file([row(1, "Andre Hérnandez")], delimiter=";", encoding="cp1252")

    result = read(content, "peserta.csv")

    assert (result.problems, [p.name for p in result.participants]) == ([], ["Andre Hérnandez"])


def test_headers_are_matched_without_case_and_with_small_variations():
    headers = ["NAMA", "jabatan", "E-MAIL", "Telp", "Status Kepegawaian", "Jabatn ", "Keterangan"]
    headers[5] = "Bidang unit"
    content = xlsx(
        [["Andre", "Koordinator", "andre@madiun.test", "0812", "pppk", "SLRT", "x"]], headers
    )

    result = read(content)

    andre = result.participants[0]
    assert (andre.name, andre.position, andre.email, andre.phone, andre.employment_type) == (
        "Andre",
        "Koordinator",
        "andre@madiun.test",
        "0812",
        EmploymentType.PPPK,
    )
    assert andre.division == "SLRT"
    assert result.ignored_columns == ["Keterangan"]


def test_a_misspelt_header_is_still_recognised():
    result = read(xlsx([["Andre", "Koordinator"]], headers=["Nama", "Jabatn"]))

    assert result.participants[0].position == "Koordinator"


def test_a_title_line_above_the_header_is_allowed():
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(["DAFTAR PESERTA STUDI TIRU"])
    sheet.append([])
    sheet.append(HEADERS)
    sheet.append(row(1, "Andre"))
    out = io.BytesIO()
    workbook.save(out)

    result = read(out.getvalue())

    assert [p.name for p in result.participants] == ["Andre"]


def test_empty_rows_are_skipped_and_rows_keep_their_spreadsheet_numbers():
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(HEADERS)
    sheet.append(row(1, "Andre"))
    sheet.append([])
    sheet.append([None, "", "   "])
    sheet.append([3])  # only its "No": an empty row of a pre-numbered sheet
    sheet.append(row(4, "Agus", status="PNS", nip="123"))
    out = io.BytesIO()
    workbook.save(out)

    result = read(out.getvalue())

    assert [str(problem) for problem in result.problems] == [
        "Baris 6, kolom NIP: NIP harus terdiri dari 18 angka tanpa spasi atau tanda baca."
    ]


def test_a_short_number_in_the_nip_column_is_not_an_nip():
    result = read(xlsx([row(1, "Andre", status="PNS", nip=12345)]))

    assert [str(problem) for problem in result.problems] == [
        "Baris 2, kolom NIP: NIP harus terdiri dari 18 angka tanpa spasi atau tanda baca."
    ]


def test_a_head_in_the_sheet_takes_over_from_the_current_head(client, visit, salatiga):
    make_participant(visit, Side.VISITOR, role=DelegationRole.HEAD, name="Ketua lama")

    upload(client, salatiga.staff, visit, xlsx([row(1, "Ketua baru", role="Ketua")]))

    assert dict(visit.participants.values_list("name", "role")) == {
        "Ketua lama": DelegationRole.MEMBER,
        "Ketua baru": DelegationRole.HEAD,
    }


def test_the_host_imports_its_officials_with_host_roles(client, visit, magelang):
    headers = [*HEADERS[:6], "Peran", *HEADERS[7:]]
    content = xlsx(
        [
            row(1, "Hadi Sutopo", role="Pejabat penerima", status="PNS"),
            row(2, "Dwi Ambar Pratiknyo", role="Narasumber", status="PNS"),
            row(3, "Tutut Hari Martanto", role="", status="PNS"),
        ],
        headers,
    )

    response = upload(client, magelang.staff, visit, content)

    assert response.status_code == 302
    assert list(visit.participants.values_list("side", "role")) == [
        (Side.HOST, DelegationRole.RECEIVING_OFFICIAL),
        (Side.HOST, DelegationRole.SPEAKER),
        (Side.HOST, DelegationRole.HOST_STAFF),
    ]


def test_appending_numbers_after_the_existing_participants(client, visit, salatiga):
    make_participant(visit, Side.VISITOR, name="Sudah ada")

    upload(client, salatiga.staff, visit, xlsx([row(1, "Baru")]))

    assert list(visit.participants.values_list("name", "order")) == [("Sudah ada", 1), ("Baru", 2)]


def test_replacing_changes_only_the_users_own_side(client, visit, salatiga):
    make_participant(visit, Side.VISITOR, name="Lama")
    make_participant(visit, Side.HOST, name="Pejabat tuan rumah")

    response = upload(client, salatiga.staff, visit, xlsx([row(1, "Baru")]), mode="replace")

    assert response.status_code == 302
    assert list(visit.participants.values_list("side", "name", "order")) == [
        (Side.VISITOR, "Baru", 1),
        (Side.HOST, "Pejabat tuan rumah", 1),
    ]


def test_a_held_visit_can_be_appended_to_but_not_replaced(client, salatiga, magelang):
    visit = make_visit(magelang.agency, salatiga.agency, status=VisitStatus.HELD)
    make_participant(visit, Side.VISITOR, name="Hadir", attended=True)

    replaced = upload(client, salatiga.staff, visit, xlsx([row(1, "Baru")]), mode="replace")
    appended = upload(client, salatiga.staff, visit, xlsx([row(1, "Baru")]), mode="append")

    assert replaced.status_code == 200
    assert replaced.context["form"].errors["mode"] == [
        "Masukkan pilihan yang valid. replace bukan salah satu dari pilihan yang tersedia."
    ]
    assert appended.status_code == 302
    assert list(visit.participants.values_list("name", flat=True)) == ["Hadir", "Baru"]


def test_five_hundred_rows_are_imported(client, visit, salatiga):
    content = xlsx([row(n) for n in range(1, 501)])

    response = upload(client, salatiga.staff, visit, content)

    assert response.status_code == 302
    assert visit.participants.count() == 500
    assert list(visit.participants.order_by("-order").values_list("order", "name")[:1]) == [
        (500, "Peserta 500")
    ]


# --- The template ------------------------------------------------------------------


def test_the_xlsx_template_downloads_and_reimports_cleanly(client, visit, salatiga):
    client.force_login(salatiga.staff)
    response = client.get(reverse("visits:participant_template", args=[visit.pk]))
    assert response["Content-Type"] == (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    assert response["Content-Disposition"] == (
        'attachment; filename="templat-peserta-rombongan.xlsx"'
    )
    workbook = openpyxl.load_workbook(io.BytesIO(response.content))
    sheet = workbook["Peserta"]
    assert [cell.value for cell in sheet[1]] == HEADERS
    # NIP and phone are text cells: 18 digits and a leading zero survive.
    assert (sheet["I2"].number_format, sheet["J2"].number_format) == ("@", "@")
    sheet["C2"], sheet["G2"], sheet["H2"], sheet["I2"], sheet["J2"] = (
        "Dedy Anggoro",
        "Ketua",
        "PNS",
        NIP,
        "081234567890",
    )
    sheet["C3"] = "Andre"
    filled = io.BytesIO()
    workbook.save(filled)

    response = upload(client, salatiga.staff, visit, filled.getvalue(), name="templat.xlsx")

    assert response.status_code == 302
    assert list(visit.participants.values_list("name", "role", "nip", "phone")) == [
        ("Dedy Anggoro", DelegationRole.HEAD, NIP, "081234567890"),
        ("Andre", DelegationRole.MEMBER, "", ""),
    ]


def test_the_csv_template_downloads_and_reimports_cleanly(client, visit, magelang):
    client.force_login(magelang.staff)
    response = client.get(
        reverse("visits:participant_template", args=[visit.pk]), {"format": "csv"}
    )
    assert response["Content-Disposition"] == (
        'attachment; filename="templat-peserta-tuan-rumah.csv"'
    )
    assert response.content.startswith(b"\xef\xbb\xbfNo,Gelar depan,Nama,")
    filled = response.content + b"1,Drs.,Hadi Sutopo,,Kepala Dinas,,Pejabat penerima,PNS,,,\r\n"

    response = upload(client, magelang.staff, visit, filled, name="templat.csv")

    assert response.status_code == 302
    assert list(visit.participants.values_list("side", "role", "front_title", "name")) == [
        (Side.HOST, DelegationRole.RECEIVING_OFFICIAL, "Drs.", "Hadi Sutopo")
    ]


def test_an_empty_template_is_refused_as_empty(client, visit, salatiga):
    content = participant_import.template_xlsx(Side.VISITOR)

    response = upload(client, salatiga.staff, visit, content)

    assert response.context["form"].errors["file"] == [
        "Berkas tidak berisi satu pun baris peserta di bawah baris judul (baris 1)."
    ]


# --- Bad sheets: nothing is imported ---------------------------------------------------


def test_a_bad_nip_names_the_row_and_the_column_and_nothing_is_imported(client, visit, salatiga):
    rows = [row(n) for n in range(1, 50)]
    rows[5] = row(6, "Andre", status="PNS", nip="19790312200501")

    response = upload(client, salatiga.staff, visit, xlsx(rows))

    assert response.status_code == 200
    assert problems_of(response) == [
        "Baris 7, kolom NIP: NIP harus terdiri dari 18 angka tanpa spasi atau tanda baca."
    ]
    assert "Berkas tidak diimpor: ada 1 kesalahan." in response.content.decode()
    assert Participant.objects.count() == 0


@pytest.mark.parametrize("formula", ["=1+1", '=HYPERLINK("https://evil.test","Klik")'])
def test_a_formula_cell_is_refused(formula):
    result = read(xlsx([row(1, "Andre"), row(2, formula)]))

    assert [str(problem) for problem in result.problems] == [
        f"Baris 3, kolom Nama: Sel berisi rumus ({formula}). Rumus tidak dibaca; isi sel "
        "dengan teks biasa."
    ]


def test_a_formula_typed_into_a_csv_is_refused_too():
    result = read(csv_file([row(1, "Andre", **{"Jabatan": "=1+1"})]), "peserta.csv")

    assert [str(problem) for problem in result.problems] == [
        "Baris 2, kolom Jabatan: Sel berisi rumus (=1+1). Rumus tidak dibaca; isi sel dengan "
        "teks biasa."
    ]


def test_an_unknown_role_is_refused():
    result = read(xlsx([row(1, "Andre", role="Sekretaris"), row(2, "Agus", role="Narasumber")]))

    assert [str(problem) for problem in result.problems] == [
        "Baris 2, kolom Peran: «Sekretaris» bukan peran yang dikenal; gunakan Ketua atau Anggota.",
        "Baris 3, kolom Peran: «Narasumber» adalah peran pihak lain; di sini gunakan Ketua atau "
        "Anggota.",
    ]


def test_an_unknown_employment_type_is_refused():
    result = read(xlsx([row(1, "Andre", status="Pensiunan")]))

    assert [str(problem) for problem in result.problems] == [
        "Baris 2, kolom Status kepegawaian: «Pensiunan» bukan status kepegawaian yang dikenal; "
        "gunakan PNS, PPPK atau Non-ASN."
    ]


def test_two_heads_in_one_sheet_are_refused():
    result = read(xlsx([row(1, "A", role="Ketua"), row(2, "B"), row(3, "C", role="ketua")]))

    assert [str(problem) for problem in result.problems] == [
        "Baris 4, kolom Peran: Rombongan hanya boleh memiliki satu ketua; baris 2 sudah ketua."
    ]


def test_a_repeated_nip_is_refused():
    result = read(xlsx([row(1, "A", status="PNS", nip=NIP), row(2, "B", status="PNS", nip=NIP)]))

    assert [str(problem) for problem in result.problems] == [
        "Baris 3, kolom NIP: NIP ini sudah dipakai di baris 2."
    ]


def test_an_nip_already_on_the_visit_is_refused_when_appending(client, visit, salatiga):
    make_participant(visit, Side.VISITOR, name="Andre", nip=NIP)

    response = upload(client, salatiga.staff, visit, xlsx([row(1, "A", status="PNS", nip=NIP)]))

    assert problems_of(response) == [
        "Baris 2, kolom NIP: NIP ini sudah terdaftar sebagai peserta kunjungan ini (Andre)."
    ]
    assert visit.participants.count() == 1


def test_an_imported_nip_is_refused_when_added_by_hand(client, visit, salatiga):
    upload(client, salatiga.staff, visit, xlsx([row(1, "Andre", status="PNS", nip=NIP)]))
    participant = Participant(visit=visit, side=Side.VISITOR, name="Agus", nip=NIP)

    with pytest.raises(ValidationError) as error:
        delegation.participant_save(participant=participant, by=salatiga.staff)

    assert error.value.message_dict["nip"] == [
        "NIP ini sudah terdaftar sebagai peserta kunjungan ini (Andre, S.Sos.)."
    ]
    assert list(visit.participants.values_list("name", "nip")) == [("Andre", NIP)]


def test_the_import_service_refuses_an_nip_added_since_the_sheet_was_read(visit, salatiga):
    result = read(xlsx([row(1, "Agus", status="PNS", nip=NIP)]))
    make_participant(visit, Side.HOST, name="Andre", nip=NIP)

    with pytest.raises(ValidationError) as error:
        delegation.participants_import(
            visit=visit,
            side=Side.VISITOR,
            participants=result.participants,
            replace=False,
            by=salatiga.staff,
        )

    assert error.value.messages == [
        "Agus, S.Sos.: NIP ini sudah terdaftar sebagai peserta kunjungan ini (Andre)."
    ]
    assert list(visit.participants.values_list("name", flat=True)) == ["Andre"]


def test_a_missing_name_and_a_bad_email_are_named():
    result = read(xlsx([row(1, **{"Nama": "", "E-mail": "bukan-email"})]))

    assert [str(problem) for problem in result.problems] == [
        "Baris 2, kolom Nama: Nama wajib diisi.",
        "Baris 2, kolom E-mail: Masukkan alamat email yang valid.",
    ]


def test_a_sheet_without_the_name_column_is_refused(client, visit, salatiga):
    content = xlsx([["Koordinator", "PNS"]], headers=["Jabatan", "Status kepegawaian"])

    response = upload(client, salatiga.staff, visit, content)

    assert response.context["form"].errors["file"] == [
        "Kolom wajib Nama tidak ditemukan. Baris judul harus memuat kolom seperti pada templat: "
        "No, Gelar depan, Nama, Gelar belakang, Jabatan, Bidang/Unit, Peran, Status "
        "kepegawaian, NIP, Telepon, E-mail."
    ]
    assert Participant.objects.count() == 0


def test_a_sheet_of_ten_thousand_rows_is_refused_with_the_limit(client, visit, salatiga):
    workbook = openpyxl.Workbook(write_only=True)
    sheet = workbook.create_sheet("Peserta")
    sheet.append(HEADERS)
    for n in range(1, 10_001):
        sheet.append(row(n))
    out = io.BytesIO()
    workbook.save(out)

    response = upload(client, salatiga.staff, visit, out.getvalue())

    assert response.context["form"].errors["file"] == [
        "Berkas berisi lebih dari 2.000 baris peserta. Satu kali impor paling banyak 2.000 "
        "baris; bagi daftar menjadi beberapa berkas."
    ]
    assert Participant.objects.count() == 0


def test_a_text_file_renamed_xlsx_is_refused(client, visit, salatiga):
    response = upload(client, salatiga.staff, visit, b"Nama\nAndre\n", name="peserta.xlsx")

    assert response.context["form"].errors["file"] == [
        "Berkas ini bernama peserta.xlsx tetapi isinya bukan buku kerja Excel (.xlsx). Buka "
        "berkas di Excel lalu simpan ulang sebagai Excel Workbook (.xlsx) atau CSV."
    ]


def test_an_old_xls_file_is_refused():
    with pytest.raises(participant_import.SheetError) as error:
        read(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600), "peserta.xls")

    assert error.value.message.startswith("Berkas Excel lama (.xls)")


def test_a_binary_file_is_refused():
    with pytest.raises(participant_import.SheetError) as error:
        read(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "foto.png")

    assert error.value.message == (
        "Berkas ini bukan CSV maupun XLSX. Unggah daftar peserta sebagai Excel Workbook (.xlsx) "
        "atau CSV (UTF-8)."
    )


def test_a_zip_that_is_not_a_workbook_is_refused():
    import zipfile

    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("content.xml", "<office:document/>")

    with pytest.raises(participant_import.SheetError) as error:
        read(out.getvalue(), "peserta.ods")

    assert error.value.message.startswith("Berkas ini arsip ZIP tetapi bukan buku kerja Excel")


def test_a_file_over_the_size_limit_is_refused(client, visit, salatiga):
    content = b"Nama\n" + b"x" * (5 * 1024 * 1024)

    response = upload(client, salatiga.staff, visit, content, name="besar.csv")

    assert response.context["form"].errors["file"] == [
        "Berkas terlalu besar. Ukuran berkas paling besar 5 MB."
    ]


def test_an_nip_stored_as_a_number_by_excel_is_explained():
    result = read(xlsx([row(1, "Andre", status="PNS", nip=float(NIP))]))

    assert [str(problem) for problem in result.problems] == [
        "Baris 2, kolom NIP: NIP tersimpan sebagai angka sehingga Excel membulatkannya "
        "(1.97903122005011E+17) dan angka terakhirnya hilang. Format kolom NIP sebagai Teks "
        "lalu ketik ulang NIP lengkap (18 angka)."
    ]


def test_an_nip_in_scientific_notation_from_a_csv_is_explained():
    result = read(csv_file([row(1, "Andre", status="PNS", nip="1,97903E+17")]), "peserta.csv")

    assert [str(problem) for problem in result.problems] == [
        "Baris 2, kolom NIP: NIP tersimpan sebagai angka sehingga Excel membulatkannya "
        "(1,97903E+17) dan angka terakhirnya hilang. Format kolom NIP sebagai Teks lalu ketik "
        "ulang NIP lengkap (18 angka)."
    ]


def test_a_phone_number_stored_as_a_number_is_explained():
    result = read(xlsx([row(1, "Andre", phone=81234567890)]))

    assert [str(problem) for problem in result.problems] == [
        "Baris 2, kolom Telepon: Nomor telepon tersimpan sebagai angka sehingga angka 0 di "
        "depannya hilang (81234567890). Format kolom Telepon sebagai Teks lalu ketik ulang "
        "nomornya."
    ]


def test_the_page_lists_the_first_twenty_problems_and_counts_the_rest(client, visit, salatiga):
    rows = [row(n, status="PNS", nip="salah") for n in range(1, 31)]

    response = upload(client, salatiga.staff, visit, xlsx(rows))

    content = response.content.decode()
    assert len(problems_of(response)) == 20
    assert problems_of(response)[0] == (
        "Baris 2, kolom NIP: NIP harus terdiri dari 18 angka tanpa spasi atau tanda baca."
    )
    assert "Berkas tidak diimpor: ada 30 kesalahan." in content
    assert "…dan 10 kesalahan lainnya." in content
    assert Participant.objects.count() == 0


# --- Who may import ---------------------------------------------------------------------


def test_a_penyuluh_cannot_import(client, visit, salatiga):
    response = upload(client, salatiga.penyuluh, visit, xlsx([row(1)]))

    assert response.status_code == 403
    assert Participant.objects.count() == 0


def test_an_outsider_gets_404(client, visit, malang):
    response = upload(client, malang.staff, visit, xlsx([row(1)]))

    assert response.status_code == 404
    assert Participant.objects.count() == 0


def test_an_outsider_cannot_download_the_template(client, visit, malang):
    client.force_login(malang.staff)

    response = client.get(reverse("visits:participant_template", args=[visit.pk]))

    assert response.status_code == 404


@pytest.mark.parametrize("name", ["participant_import", "participant_template"])
def test_anonymous_users_are_sent_to_log_in(client, visit, name):
    path = reverse(f"visits:{name}", args=[visit.pk])

    response = client.get(path)

    assert (response.status_code, response["Location"]) == (302, f"/akun/login/?next={path}")


def test_the_service_refuses_to_replace_the_list_of_a_held_visit(salatiga, magelang):
    from django.core.exceptions import ValidationError

    from visits.delegation import participants_import

    visit = make_visit(magelang.agency, salatiga.agency, status=VisitStatus.HELD)
    make_participant(visit, Side.VISITOR, name="Hadir", attended=True)

    with pytest.raises(ValidationError):
        participants_import(
            visit=visit,
            side=Side.VISITOR,
            participants=[Participant(name="Baru")],
            replace=True,
            by=salatiga.staff,
        )

    assert list(visit.participants.values_list("name", flat=True)) == ["Hadir"]
