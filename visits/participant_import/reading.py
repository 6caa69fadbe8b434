"""Reading a participant sheet's file: its rows (XLSX or CSV, recognised by
content) and its header row. What the cells mean is ``rows``' concern."""

import codecs
import csv
import datetime
import difflib
import io
import warnings
import zipfile

from django.utils.translation import gettext as _

from .sheet import (
    COLUMNS,
    COLUMNS_BY_KEY,
    HEADER_SEARCH_ROWS,
    MAX_COLUMNS,
    MAX_RAW_ROWS,
    MAX_ROWS,
    MAX_UNZIPPED_BYTES,
    OLE_MAGIC,
    PARTICIPANT_SHEET,
    REQUIRED_KEYS,
    WORKBOOK_NAMES,
    ZIP_MAGIC,
    Formula,
    SheetError,
    is_empty,
    limit_text,
    normalise,
)


def sheet_rows(data, filename):
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
            % {"limit": limit_text(MAX_ROWS)}
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


ALIASES = {alias: column.key for column in COLUMNS for alias in column.aliases}


def _column_for(header) -> str | None:
    key = normalise(header)
    if not key:
        return None
    if key in ALIASES:
        return ALIASES[key]
    close = difflib.get_close_matches(key, ALIASES, n=1, cutoff=0.85)
    return ALIASES[close[0]] if close else None


def find_header(rows):
    """Find the header row among the first non-empty rows; returns its number,
    ``{column index: key}`` and the headers that were not recognised."""
    seen = 0
    for number, cells in rows:
        if all(is_empty(cell) for cell in cells):
            if number > MAX_RAW_ROWS:
                break
            continue
        seen += 1
        mapping, ignored, where = {}, [], {}
        for index, cell in enumerate(cells):
            if is_empty(cell) or isinstance(cell, Formula):
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
