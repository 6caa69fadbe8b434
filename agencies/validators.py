"""Validators for identity numbers of Indonesian civil servants."""

import datetime
import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

NIP_PATTERN = re.compile(r"^\d{18}$")


def validate_nip(value):
    """Check an NIP (Nomor Induk Pegawai): 18 digits made of the birth date
    (YYYYMMDD), the month of appointment (TMT, YYYYMM), the sex digit (1 man,
    2 woman) and a three-digit sequence number."""
    if not NIP_PATTERN.match(value):
        raise ValidationError(
            _("NIP harus terdiri dari 18 angka tanpa spasi atau tanda baca."),
            code="nip_format",
        )
    try:
        born = datetime.date(int(value[0:4]), int(value[4:6]), int(value[6:8]))
    except ValueError:
        raise ValidationError(
            _("Delapan angka pertama NIP harus tanggal lahir yang sah (TTTTBBHH)."),
            code="nip_birth_date",
        ) from None
    tmt_year, tmt_month = int(value[8:12]), int(value[12:14])
    if not 1 <= tmt_month <= 12 or tmt_year < born.year + 15:
        raise ValidationError(
            _("Angka ke-9 sampai ke-14 NIP harus bulan pengangkatan (TMT) yang sah."),
            code="nip_tmt",
        )
    if value[14] not in "12":
        raise ValidationError(_("Angka ke-15 NIP (jenis kelamin) harus 1 atau 2."), code="nip_sex")
