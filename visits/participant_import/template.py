"""The blank participant sheet offered for download, as CSV and as XLSX."""

import codecs
import csv
import io

from django.utils.translation import gettext as _

from ..models import Side
from .sheet import (
    COLUMNS,
    COLUMNS_BY_KEY,
    EMPLOYMENT_HEADER,
    MAX_ROWS,
    PARTICIPANT_SHEET,
    ROLE_CHOICES_TEXT,
    ROLE_HEADERS,
    limit_text,
)


def template_headers(side: Side) -> list[str]:
    headers = []
    for column in COLUMNS:
        if column.key == "role":
            headers.append(ROLE_HEADERS[side])
        elif column.key == "employment_type":
            headers.append(EMPLOYMENT_HEADER)
        else:
            headers.append(column.label)
    return headers


def template_csv(side: Side) -> bytes:
    """The header line as CSV, UTF-8 with a BOM so that Excel reads the text
    right. (Excel still turns a typed NIP into a number: the XLSX template
    is the safer one, and the reader explains a rounded NIP.)"""
    out = io.StringIO()
    csv.writer(out).writerow(template_headers(side))
    return codecs.BOM_UTF8 + out.getvalue().encode("utf-8")


TEMPLATE_ROWS = MAX_ROWS


def template_xlsx(side: Side) -> bytes:
    """The blank workbook: the "Peserta" sheet with the header row, NIP and
    phone columns formatted as text (so an 18-digit NIP and a leading zero
    survive typing), drop-down lists for role and employment type, and a
    "Petunjuk" sheet that explains the columns."""
    import openpyxl
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = PARTICIPANT_SHEET
    headers = template_headers(side)
    sheet.append(headers)
    bold = Font(bold=True, color="FFFFFF")
    fill = PatternFill("solid", fgColor="0B5D56")
    widths = {
        "no": 5,
        "front_title": 12,
        "name": 30,
        "back_title": 16,
        "position": 34,
        "division": 30,
        "role": 22,
        "employment_type": 22,
        "nip": 21,
        "phone": 16,
        "email": 28,
    }
    for index, column in enumerate(COLUMNS, start=1):
        cell = sheet.cell(row=1, column=index)
        cell.font = bold
        cell.fill = fill
        cell.alignment = Alignment(wrap_text=True, vertical="center")
        letter = get_column_letter(index)
        sheet.column_dimensions[letter].width = widths[column.key]
        if column.key in ("nip", "phone"):
            # Text format for the whole column and for each row a user may fill.
            sheet.column_dimensions[letter].number_format = "@"
            for row in range(2, TEMPLATE_ROWS + 2):
                sheet.cell(row=row, column=index).number_format = "@"
    sheet.freeze_panes = "A2"
    last = TEMPLATE_ROWS + 1
    letters = {column.key: get_column_letter(i) for i, column in enumerate(COLUMNS, start=1)}
    role_list = {
        Side.VISITOR: "Ketua,Anggota",
        Side.HOST: "Pejabat penerima,Narasumber,Pendamping",
    }[side]
    for key, choices in (("role", role_list), ("employment_type", "PNS,PPPK,Non-ASN")):
        validation = DataValidation(type="list", formula1=f'"{choices}"', allow_blank=True)
        validation.error = _("Pilih salah satu nilai dari daftar.")
        validation.errorTitle = COLUMNS_BY_KEY[key].label
        validation.add(f"{letters[key]}2:{letters[key]}{last}")
        sheet.add_data_validation(validation)

    notes = workbook.create_sheet(_("Petunjuk"))
    notes.column_dimensions["A"].width = 24
    notes.column_dimensions["B"].width = 90
    lines = [
        (_("Petunjuk pengisian"), ""),
        ("", ""),
        (
            _("Lembar"),
            _("Isi daftar di lembar «Peserta», satu orang per baris, mulai baris 2."),
        ),
        ("Nama", _("Wajib. Nama tanpa gelar, misalnya «Slamet Setyo Budi».")),
        ("Gelar depan", _("Misalnya «Drs.» atau «dr.». Boleh kosong.")),
        ("Gelar belakang", _("Misalnya «S.E., M.Acc.». Boleh kosong.")),
        ("Peran", ROLE_CHOICES_TEXT[side] + _(". Kosong berarti anggota/pendamping.")),
        (
            "Status kepegawaian",
            _("PNS, PPPK atau Non-ASN. Pegawai Non-ASN tidak memiliki NIP; kosongkan NIP-nya."),
        ),
        (
            "NIP",
            _(
                "18 angka tanpa spasi. Kolom ini sudah berformat Teks: jangan diubah menjadi "
                "angka, karena Excel membulatkan angka 18 digit."
            ),
        ),
        ("Telepon", _("Kolom berformat Teks agar angka 0 di depan tidak hilang.")),
        ("E-mail", _("Boleh kosong.")),
        (
            _("Batas"),
            _("Paling banyak %(limit)s baris per impor. Rumus (sel yang diawali «=») ditolak.")
            % {"limit": limit_text(MAX_ROWS)},
        ),
    ]
    for line in lines:
        notes.append([str(part) for part in line])
    notes["A1"].font = Font(bold=True, size=13)
    for row in notes.iter_rows(min_row=3, max_col=1):
        row[0].font = Font(bold=True)
    for row in notes.iter_rows(min_row=3, min_col=2, max_col=2):
        row[0].alignment = Alignment(wrap_text=True, vertical="top")

    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()
