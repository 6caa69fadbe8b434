"""The rows of a participant sheet checked cell by cell and turned into
unsaved participants, or into problems naming row and column."""

import datetime

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ..delegation import nip_taken_message
from ..models import DelegationRole, EmploymentType, Participant, Side
from .sheet import (
    COLUMNS_BY_KEY,
    EMPLOYMENT_VALUES,
    MAX_RAW_ROWS,
    MAX_ROWS,
    ROLE_CHOICES_TEXT,
    ROLE_VALUES,
    SCIENTIFIC_NUMBER,
    Formula,
    Problem,
    SheetError,
    is_empty,
    limit_text,
    normalise,
)


def read_body(rows, mapping, side, result, *, existing_nips):
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
                % {"raw": limit_text(MAX_RAW_ROWS), "limit": limit_text(MAX_ROWS)}
            )
        values = {
            key: cells[index] if index < len(cells) else None for index, key in mapping.items()
        }
        if all(is_empty(value) for key, value in values.items() if key != "no"):
            continue
        count += 1
        if count > MAX_ROWS:
            raise SheetError(
                _(
                    "Berkas berisi lebih dari %(limit)s baris peserta. Satu kali impor paling "
                    "banyak %(limit)s baris; bagi daftar menjadi beberapa berkas."
                )
                % {"limit": limit_text(MAX_ROWS)}
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

    role_text = normalise(fields.pop("role", ""))
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

    employment_text = normalise(fields.pop("employment_type", ""))
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
            # A field without a column of its own ("__all__") names the row only.
            column = COLUMNS_BY_KEY[key].label if key in COLUMNS_BY_KEY else None
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
