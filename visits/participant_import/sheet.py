"""What a participant sheet is: its columns and the words accepted in them,
the limits of one import, and what reading a sheet gives back (a problem
per wrong cell, or an error for a file that cannot be read at all)."""

import re
from dataclasses import dataclass, field

from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ..models import DelegationRole, EmploymentType, Participant, Side

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
# ``normalise``.
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


def limit_text(number):
    return number_format(number, force_grouping=True)


def normalise(text) -> str:
    """Lower case, a hint in brackets dropped, punctuation as spaces:
    "Peran (Ketua/Anggota)" → "peran", "E-mail" → "e mail"."""
    text = re.sub(r"\(.*?\)", " ", str(text).lower())
    text = re.sub(r"[^0-9a-z]+", " ", text)
    return " ".join(text.split())


def is_empty(value):
    return value is None or (isinstance(value, str) and not value.strip())
