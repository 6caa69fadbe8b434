"""How participants are imported: reading a participant sheet (CSV or XLSX)
and writing its blank template. ``read_participant_sheet`` is here; the
sheet's columns and limits are in ``sheet``, reading the file and its header
in ``reading``, checking the rows in ``rows``, the blank sheet in
``template``.

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

from django.utils.formats import number_format
from django.utils.translation import gettext as _

from ..models import Side
from .reading import find_header, sheet_rows
from .rows import read_body
from .sheet import (
    MAX_ROWS,
    MAX_UPLOAD_BYTES,
    Problem,
    SheetError,
    SheetResult,
    limit_text,
)
from .template import template_csv, template_headers, template_xlsx

__all__ = [
    "MAX_ROWS",
    "MAX_UPLOAD_BYTES",
    "Problem",
    "SheetError",
    "SheetResult",
    "read_participant_sheet",
    "template_csv",
    "template_headers",
    "template_xlsx",
]


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
                "limit": limit_text(MAX_UPLOAD_BYTES // 1024 // 1024),
            }
        )
    if not data.strip():
        raise SheetError(_("Berkas kosong."))
    rows = sheet_rows(data, filename)
    header_number, mapping, ignored = find_header(rows)
    result = SheetResult(ignored_columns=ignored)
    read_body(rows, mapping, side, result, existing_nips=dict(existing_nips or {}))
    if not result.participants and not result.problems:
        raise SheetError(
            _("Berkas tidak berisi satu pun baris peserta di bawah baris judul (baris %(row)s).")
            % {"row": header_number}
        )
    return result
