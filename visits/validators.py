"""Checks of uploaded letters: by content, never by name."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from uploads.documents import is_pdf


def validate_pdf(upload):
    """Accept only a file that starts like a PDF."""
    if not is_pdf(upload):
        raise ValidationError(
            _("Berkas ini bukan PDF. Unggah pindaian surat dalam format PDF."), code="not_pdf"
        )


MAX_LETTER_SIZE = 10 * 1024 * 1024


def validate_letter_size(upload):
    """A scanned letter of a few pages fits in 10 MB."""
    if getattr(upload, "size", 0) > MAX_LETTER_SIZE:
        raise ValidationError(
            _("Berkas surat paling besar %(size)s MB.") % {"size": MAX_LETTER_SIZE // 2**20},
            code="too_big",
        )
