"""Reading a participant sheet (CSV or XLSX) and writing its blank template.

The whole sheet is read and checked before anything is saved: the reader
returns either the participants (unsaved ``Participant`` objects) or the list
of problems, each naming the row as the spreadsheet program numbers it and the
column by its header ("Baris 7, kolom NIP: …"). Saving is
``visits.delegation.participants_import``.

Decisions, so that a sheet never becomes wrong data silently:

- The format is recognised by content, not by name: a ZIP holding
  ``xl/workbook.xml`` is read as XLSX; anything else must be text (UTF-8 with
  or without BOM, UTF-16 with BOM, else Windows-1252, which is what Excel
  writes for "CSV" on Windows) with ``,``, ``;`` or tab between cells. A file
  named ``.xlsx``/``.xls`` whose content is not a workbook is refused, as are
  old ``.xls`` and password-protected workbooks.
- Formulas are refused, never evaluated or kept: a formula cell of a workbook
  and any cell whose text starts with ``=`` (in CSV too) is an error naming
  row and column. openpyxl is opened with ``data_only=False`` so a formula's
  cached result is never read either.
- An NIP stored as a number is refused with the reason: spreadsheets keep
  numbers as doubles (15 significant digits), so an 18-digit NIP typed into a
  number cell comes back as 1.97903121999031E+17, its last digits gone; the
  same text in a CSV ("1,97903E+17") is recognised too. A phone number stored
  as a number has lost its leading zero and is refused as well.
- Limits: ``MAX_UPLOAD_BYTES`` per file, ``MAX_UNZIPPED_BYTES`` for the
  unpacked workbook (a ZIP bomb is refused before openpyxl opens it),
  ``MAX_ROWS`` participants per import, and the reader stops after
  ``MAX_RAW_ROWS`` lines even if they are empty.
- Empty rows are skipped (a row with only its "No" filled counts as empty).
  Headers are matched without regard to case, punctuation or a hint in
  brackets, and by a close spelling ("Jabatn"); unknown columns are ignored
  and listed for the user.
"""

import codecs
import csv
import datetime
import difflib
import io
import re
import warnings
import zipfile
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .delegation import nip_taken_message
from .models import DelegationRole, EmploymentType, Participant, Side

MAX_ROWS = 2000
MAX_RAW_ROWS = 10 * MAX_ROWS
MAX_UPLOAD_BYTES = 5 * 1024 * 1024
MAX_UNZIPPED_BYTES = 50 * 1024 * 1024
MAX_COLUMNS = 40
# A title line or two may stand above the header row.
HEADER_SEARCH_ROWS = 10

ZIP_MAGIC = b"PK\x03\x04"
# Old binary .xls files and encrypted .xlsx files are OLE2 compound documents.
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
WORKBOOK_NAMES = (".xlsx", ".xlsm", ".xltx", ".xls")
PARTICIPANT_SHEET = "Peserta"


@dataclass(frozen=True)
class Column:
    key: str
    label: str  # the short name used in messages: "NIP", "Peran"
    aliases: tuple[str, ...]


# The template's columns, in order. Headers are a file format and stay in
# Indonesian whatever the interface language; aliases are compared after
# ``_normalise_header``.
COLUMNS = (
    Column("no", "No", ("no", "nomor", "no urut", "nomor urut", "number")),
    Column("front_title", "Gelar depan", ("gelar depan", "gelar di depan", "front title")),
    Column(
        "name",
        "Nama",
        ("nama", "nama lengkap", "nama peserta", "nama tanpa gelar", "name", "full name"),
    ),
    Column("back_title", "Gelar belakang", ("gelar belakang", "gelar di belakang", "back title")),
    Column("position", "Jabatan", ("jabatan", "jabatan fungsional", "posisi", "position")),
    Column(
        "division",
        "Bidang/Unit",
        ("bidang unit", "bidang", "unit", "unit kerja", "bidang unit kerja", "division"),
    ),
    Column("role", "Peran", ("peran", "peran dalam rombongan", "kedudukan", "role")),
    Column(
        "employment_type",
        "Status kepegawaian",
        ("status kepegawaian", "status pegawai", "status", "kepegawaian", "employment type"),
    ),
    Column("nip", "NIP", ("nip", "nomor induk pegawai")),
    Column(
        "phone",
        "Telepon",
        (
            "telepon",
            "telp",
            "no telepon",
            "nomor telepon",
            "no telp",
            "hp",
            "no hp",
            "nomor hp",
            "telepon hp",
            "whatsapp",
            "no wa",
            "phone",
        ),
    ),
    Column("email", "E-mail", ("e mail", "email", "surel", "alamat e mail", "alamat email")),
)
COLUMNS_BY_KEY = {column.key: column for column in COLUMNS}
REQUIRED_KEYS = ("name",)
TEXT_KEYS = ("front_title", "name", "back_title", "position", "division", "email")

ROLE_HEADERS = {
    Side.VISITOR: "Peran (Ketua/Anggota)",
    Side.HOST: "Peran (Pejabat penerima/Narasumber/Pendamping)",
}
EMPLOYMENT_HEADER = "Status kepegawaian (PNS/PPPK/Non-ASN)"

ROLE_VALUES = {
    Side.VISITOR: {
        "": DelegationRole.MEMBER,
        "anggota": DelegationRole.MEMBER,
        "anggota rombongan": DelegationRole.MEMBER,
        "anggota tim": DelegationRole.MEMBER,
        "peserta": DelegationRole.MEMBER,
        "member": DelegationRole.MEMBER,
        "ketua": DelegationRole.HEAD,
        "ketua rombongan": DelegationRole.HEAD,
        "ketua tim": DelegationRole.HEAD,
        "head": DelegationRole.HEAD,
    },
    Side.HOST: {
        "": DelegationRole.HOST_STAFF,
        "pendamping": DelegationRole.HOST_STAFF,
        "pendamping tuan rumah": DelegationRole.HOST_STAFF,
        "staf": DelegationRole.HOST_STAFF,
        "panitia": DelegationRole.HOST_STAFF,
        "pejabat penerima": DelegationRole.RECEIVING_OFFICIAL,
        "penerima": DelegationRole.RECEIVING_OFFICIAL,
        "narasumber": DelegationRole.SPEAKER,
        "pembicara": DelegationRole.SPEAKER,
        "pemateri": DelegationRole.SPEAKER,
    },
}
ROLE_CHOICES_TEXT = {
    Side.VISITOR: gettext_lazy("Ketua atau Anggota"),
    Side.HOST: gettext_lazy("Pejabat penerima, Narasumber atau Pendamping"),
}
EMPLOYMENT_VALUES = {
    "pns": EmploymentType.PNS,
    "asn pns": EmploymentType.PNS,
    "pppk": EmploymentType.PPPK,
    "p3k": EmploymentType.PPPK,
    "asn pppk": EmploymentType.PPPK,
    "non asn": EmploymentType.NON_ASN,
    "nonasn": EmploymentType.NON_ASN,
    "honorer": EmploymentType.NON_ASN,
    "kontrak": EmploymentType.NON_ASN,
    "tenaga kontrak": EmploymentType.NON_ASN,
}

SCIENTIFIC_NUMBER = re.compile(r"^\d+(?:[.,]\d+)?[eE][+-]?\d+$")


class SheetError(Exception):
    """The file as a whole cannot be read (wrong format, too big, no header).
    ``message`` is for the user."""

    def __init__(self, message):
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class Problem:
    """A wrong cell (or row): row as numbered in the spreadsheet, column label."""

    row: int
    column: str | None
    message: str

    def __str__(self):
        if self.column is None:
            return _("Baris %(row)s: %(message)s") % {"row": self.row, "message": self.message}
        return _("Baris %(row)s, kolom %(column)s: %(message)s") % {
            "row": self.row,
            "column": self.column,
            "message": self.message,
        }


@dataclass
class SheetResult:
    participants: list[Participant] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    ignored_columns: list[str] = field(default_factory=list)

    @property
    def ok(self):
        return not self.problems


@dataclass(frozen=True)
class Formula:
    """A cell that holds a formula; kept apart so that it is never taken as data."""

    text: str


# --- Reading the file ---------------------------------------------------------


def _limit_text(number):
    return number_format(number, force_grouping=True)


def read_participant_sheet(
    data: bytes, *, filename: str = "", side: Side, existing_nips=None
) -> SheetResult:
    """Check a whole participant sheet and turn it into unsaved participants
    of ``side``. Raises ``SheetError`` when the file cannot be read at all;
    otherwise returns a ``SheetResult`` whose ``problems`` list every wrong
    cell (and then nothing may be saved). ``existing_nips`` are the NIPs
    already on the visit with their participants' names
    (``visits.delegation.registered_nips``), so that an appended sheet does
    not repeat a person.
    """
    if len(data) > MAX_UPLOAD_BYTES:
        raise SheetError(
            _("Berkas terlalu besar (%(size)s MB). Ukuran berkas paling besar %(limit)s MB.")
            % {
                "size": number_format(len(data) / 1024 / 1024, 1),
                "limit": _limit_text(MAX_UPLOAD_BYTES // 1024 // 1024),
            }
        )
    if not data.strip():
        raise SheetError(_("Berkas kosong."))
    rows = _rows(data, filename)
    header_number, mapping, ignored = _find_header(rows)
    result = SheetResult(ignored_columns=ignored)
    _read_body(rows, mapping, side, result, existing_nips=dict(existing_nips or {}))
    if not result.participants and not result.problems:
        raise SheetError(
            _("Berkas tidak berisi satu pun baris peserta di bawah baris judul (baris %(row)s).")
            % {"row": header_number}
        )
    return result


def _rows(data, filename):
    """The sheet's rows as ``(row number, [cell values])``, an iterator."""
    name = filename.lower()
    if data.startswith(ZIP_MAGIC):
        return _xlsx_rows(data)
    if data.startswith(OLE_MAGIC):
        raise SheetError(
            _(
                "Berkas Excel lama (.xls) atau berkas Excel yang dilindungi kata sandi tidak "
                "dapat dibaca. Simpan sebagai Excel Workbook (.xlsx) tanpa kata sandi, atau "
                "sebagai CSV."
            )
        )
    if name.endswith(WORKBOOK_NAMES):
        raise SheetError(
            _(
                "Berkas ini bernama %(name)s tetapi isinya bukan buku kerja Excel (.xlsx). "
                "Buka berkas di Excel lalu simpan ulang sebagai Excel Workbook (.xlsx) atau CSV."
            )
            % {"name": filename}
        )
    return _csv_rows(data)


def _xlsx_rows(data):
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        names = set(archive.namelist())
        unpacked = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, ValueError):
        raise SheetError(_("Berkas XLSX ini rusak dan tidak dapat dibaca.")) from None
    if "xl/workbook.xml" not in names:
        raise SheetError(
            _(
                "Berkas ini arsip ZIP tetapi bukan buku kerja Excel (.xlsx). Simpan daftar "
                "peserta sebagai Excel Workbook (.xlsx) atau CSV."
            )
        )
    if unpacked > MAX_UNZIPPED_BYTES:
        raise SheetError(
            _("Isi berkas XLSX terlalu besar. Satu kali impor paling banyak %(limit)s baris.")
            % {"limit": _limit_text(MAX_ROWS)}
        )
    import openpyxl  # only here: the rest of the portal never needs it

    try:
        with warnings.catch_warnings():
            # openpyxl warns about workbook features it drops (data validation
            # extensions, conditional formats); irrelevant for reading values.
            warnings.simplefilter("ignore")
            workbook = openpyxl.load_workbook(
                io.BytesIO(data), read_only=True, data_only=False, keep_links=False
            )
    except Exception:  # openpyxl raises many kinds for a damaged workbook
        raise SheetError(_("Berkas XLSX ini rusak dan tidak dapat dibaca.")) from None
    if PARTICIPANT_SHEET in workbook.sheetnames:
        sheet = workbook[PARTICIPANT_SHEET]
    else:
        sheet = workbook.worksheets[0]
    sheet.reset_dimensions()  # the stored dimension may be wrong; read what is there

    def rows():
        try:
            for number, row in enumerate(sheet.iter_rows(max_col=MAX_COLUMNS), start=1):
                yield number, [_xlsx_value(cell) for cell in row]
        except (KeyError, ValueError, zipfile.BadZipFile):
            raise SheetError(_("Berkas XLSX ini rusak dan tidak dapat dibaca.")) from None
        finally:
            workbook.close()

    return rows()


def _xlsx_value(cell):
    value = cell.value
    if value is None:
        return None
    if getattr(cell, "data_type", None) == "f" or not isinstance(
        value, str | int | float | datetime.datetime | datetime.date | datetime.time | bool
    ):
        # Formulas (plain, array or shared) are refused, never read.
        return Formula(str(getattr(value, "text", value)))
    return value


def _decode(data):
    if data.startswith(codecs.BOM_UTF8):
        encodings = ["utf-8-sig"]
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        encodings = ["utf-16"]
    else:
        encodings = ["utf-8", "cp1252"]
    for encoding in encodings:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if "\x00" not in text:
            return text
        break
    raise SheetError(
        _(
            "Berkas ini bukan CSV maupun XLSX. Unggah daftar peserta sebagai Excel Workbook "
            "(.xlsx) atau CSV (UTF-8)."
        )
    )


def _csv_rows(data):
    text = _decode(data)
    first_line = next((line for line in text.splitlines() if line.strip()), "")
    delimiter = max([",", ";", "\t"], key=first_line.count)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)

    def rows():
        try:
            for number, row in enumerate(reader, start=1):
                yield number, row[:MAX_COLUMNS]
        except csv.Error:
            raise SheetError(
                _("Berkas CSV ini tidak dapat dibaca di sekitar baris %(row)s.")
                % {"row": reader.line_num}
            ) from None

    return rows()


# --- The header -----------------------------------------------------------------


def _normalise(text) -> str:
    """Lower case, a hint in brackets dropped, punctuation as spaces:
    "Peran (Ketua/Anggota)" → "peran", "E-mail" → "e mail"."""
    text = re.sub(r"\(.*?\)", " ", str(text).lower())
    text = re.sub(r"[^0-9a-z]+", " ", text)
    return " ".join(text.split())


ALIASES = {alias: column.key for column in COLUMNS for alias in column.aliases}


def _column_for(header) -> str | None:
    key = _normalise(header)
    if not key:
        return None
    if key in ALIASES:
        return ALIASES[key]
    close = difflib.get_close_matches(key, ALIASES, n=1, cutoff=0.85)
    return ALIASES[close[0]] if close else None


def _is_empty(value):
    return value is None or (isinstance(value, str) and not value.strip())


def _find_header(rows):
    """Find the header row among the first non-empty rows; returns its number,
    ``{column index: key}`` and the headers that were not recognised."""
    seen = 0
    for number, cells in rows:
        if all(_is_empty(cell) for cell in cells):
            if number > MAX_RAW_ROWS:
                break
            continue
        seen += 1
        mapping, ignored, where = {}, [], {}
        for index, cell in enumerate(cells):
            if _is_empty(cell) or isinstance(cell, Formula):
                continue
            key = _column_for(cell)
            if key is None:
                ignored.append(str(cell).strip())
            elif key in where:
                raise SheetError(
                    _("Kolom %(column)s muncul dua kali di baris judul (baris %(row)s).")
                    % {"column": COLUMNS_BY_KEY[key].label, "row": number}
                )
            else:
                where[key] = index
                mapping[index] = key
        if all(key in where for key in REQUIRED_KEYS):
            return number, mapping, ignored
        if seen >= HEADER_SEARCH_ROWS:
            break
    raise SheetError(
        _(
            "Kolom wajib %(column)s tidak ditemukan. Baris judul harus memuat kolom seperti "
            "pada templat: %(headers)s."
        )
        % {
            "column": COLUMNS_BY_KEY["name"].label,
            "headers": ", ".join(column.label for column in COLUMNS),
        }
    )


# --- The rows -------------------------------------------------------------------


def _read_body(rows, mapping, side, result, *, existing_nips):
    nip_rows = {}
    head_row = None
    count = 0
    for number, cells in rows:
        if number > MAX_RAW_ROWS:
            raise SheetError(
                _(
                    "Lembar kerja memiliki lebih dari %(raw)s baris (termasuk baris kosong). "
                    "Satu kali impor paling banyak %(limit)s baris peserta."
                )
                % {"raw": _limit_text(MAX_RAW_ROWS), "limit": _limit_text(MAX_ROWS)}
            )
        values = {
            key: cells[index] if index < len(cells) else None for index, key in mapping.items()
        }
        if all(_is_empty(value) for key, value in values.items() if key != "no"):
            continue
        count += 1
        if count > MAX_ROWS:
            raise SheetError(
                _(
                    "Berkas berisi lebih dari %(limit)s baris peserta. Satu kali impor paling "
                    "banyak %(limit)s baris; bagi daftar menjadi beberapa berkas."
                )
                % {"limit": _limit_text(MAX_ROWS)}
            )
        participant, problems = _participant(number, values, side)
        if participant is not None and participant.nip:
            if participant.nip in nip_rows:
                problems.append(
                    Problem(
                        number,
                        "NIP",
                        _("NIP ini sudah dipakai di baris %(row)s.")
                        % {"row": nip_rows[participant.nip]},
                    )
                )
            elif participant.nip in existing_nips:
                name = existing_nips[participant.nip]
                problems.append(Problem(number, "NIP", nip_taken_message(name)))
            nip_rows.setdefault(participant.nip, number)
        if participant is not None and participant.role == DelegationRole.HEAD:
            if head_row is not None:
                problems.append(
                    Problem(
                        number,
                        COLUMNS_BY_KEY["role"].label,
                        _("Rombongan hanya boleh memiliki satu ketua; baris %(row)s sudah ketua.")
                        % {"row": head_row},
                    )
                )
            else:
                head_row = number
        if problems:
            result.problems.extend(problems)
        else:
            result.participants.append(participant)


def _participant(number, values, side):
    """One row → an unsaved participant and the row's problems."""
    problems = []
    fields = {}
    failed = set()

    def problem(key, message):
        problems.append(Problem(number, COLUMNS_BY_KEY[key].label, message))
        failed.add(key)

    for key, value in values.items():
        if key == "no":
            continue
        if isinstance(value, Formula) or (isinstance(value, str) and value.strip().startswith("=")):
            text = value.text if isinstance(value, Formula) else value.strip()
            problem(
                key,
                _("Sel berisi rumus (%(formula)s). Rumus tidak dibaca; isi sel dengan teks biasa.")
                % {"formula": text if len(text) <= 40 else text[:39] + "…"},
            )
            continue
        try:
            fields[key] = _cell_text(key, value)
        except ValidationError as error:
            problem(key, error.messages[0])

    name = fields.get("name", "")
    if not name and "name" not in failed:
        problem("name", _("Nama wajib diisi."))

    role_text = _normalise(fields.pop("role", ""))
    role = ROLE_VALUES[side].get(role_text)
    if role is None and "role" not in failed:
        other = Side.HOST if side == Side.VISITOR else Side.VISITOR
        if role_text in ROLE_VALUES[other]:
            message = _("«%(value)s» adalah peran pihak lain; di sini gunakan %(choices)s.")
        else:
            message = _("«%(value)s» bukan peran yang dikenal; gunakan %(choices)s.")
        problem(
            "role",
            message % {"value": values.get("role"), "choices": ROLE_CHOICES_TEXT[side]},
        )

    employment_text = _normalise(fields.pop("employment_type", ""))
    employment = EMPLOYMENT_VALUES.get(employment_text) if employment_text else EmploymentType.PNS
    if employment is None and "employment_type" not in failed:
        problem(
            "employment_type",
            _("«%(value)s» bukan status kepegawaian yang dikenal; gunakan PNS, PPPK atau Non-ASN.")
            % {"value": values.get("employment_type")},
        )

    participant = Participant(
        side=side,
        role=role or ROLE_VALUES[side][""],
        employment_type=employment or EmploymentType.PNS,
        **{key: value for key, value in fields.items() if key not in failed},
    )
    try:
        participant.full_clean(
            exclude=["visit", "order", "attended", "side", "role", "employment_type", *failed],
            validate_unique=False,
            validate_constraints=False,
        )
    except ValidationError as error:
        for key, messages in error.message_dict.items():
            column = COLUMNS_BY_KEY[key].label if key in COLUMNS_BY_KEY else None
            if key == "__all__" or column is None:
                problems.extend(Problem(number, None, message) for message in messages)
            else:
                problems.extend(Problem(number, column, message) for message in messages)
    return (participant if not problems else None), problems


def _cell_text(key, value) -> str:
    """A cell as the text to store, or ``ValidationError`` with the reason."""
    if value is None:
        return ""
    if key == "nip":
        return _nip_text(value)
    if key == "phone" and isinstance(value, int | float) and not isinstance(value, bool):
        raise ValidationError(
            _(
                "Nomor telepon tersimpan sebagai angka sehingga angka 0 di depannya hilang "
                "(%(value)s). Format kolom Telepon sebagai Teks lalu ketik ulang nomornya."
            )
            % {"value": _number_text(value)}
        )
    if isinstance(value, bool):
        return _("Ya") if value else _("Tidak")
    if isinstance(value, int | float):
        return _number_text(value)
    if isinstance(value, datetime.datetime | datetime.date | datetime.time):
        return value.isoformat()
    text = " ".join(str(value).split())
    if key == "phone":
        text = text.lstrip("'")
    return text


def _number_text(value):
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    return str(value)


def _nip_text(value) -> str:
    if isinstance(value, int | float) and not isinstance(value, bool):
        # Spreadsheets store numbers as doubles (15 significant digits): an
        # 18-digit NIP in a number cell has lost its last digits. A shorter
        # number is simply not an NIP, which the validator says.
        if abs(value) >= 1e15:
            raise ValidationError(_LOST_DIGITS % {"value": f"{value:.14E}"})
        return _number_text(value)
    text = "".join(str(value).split()).lstrip("'")
    if SCIENTIFIC_NUMBER.match(text):
        raise ValidationError(_LOST_DIGITS % {"value": text})
    return text


_LOST_DIGITS = gettext_lazy(
    "NIP tersimpan sebagai angka sehingga Excel membulatkannya (%(value)s) dan angka "
    "terakhirnya hilang. Format kolom NIP sebagai Teks lalu ketik ulang NIP lengkap "
    "(18 angka)."
)


# --- The blank template ---------------------------------------------------------


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
            % {"limit": _limit_text(MAX_ROWS)},
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
