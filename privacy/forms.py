"""The forms of the personal-data pages: whom (NIP or e-mail), and for an
erasure, why."""

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.translation import gettext_lazy as _

from agencies.validators import NIP_PATTERN

from .lookup import Subject
from .models import LookupKind


class SubjectForm(forms.Form):
    """One field for either identifier: an address has an "@", an NIP has 18
    digits (spaces allowed, as people type it)."""

    subject = forms.CharField(
        label=_("NIP atau e-mail"),
        max_length=254,
        help_text=_("NIP 18 angka (spasi boleh) atau alamat e-mail orang yang bersangkutan."),
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )

    def clean_subject(self) -> Subject:
        value = self.cleaned_data["subject"].strip()
        if "@" in value:
            try:
                validate_email(value)
            except ValidationError:
                raise ValidationError(_("Alamat e-mail ini tidak sah.")) from None
            return Subject(LookupKind.EMAIL, value.lower())
        digits = "".join(value.split())
        if not NIP_PATTERN.match(digits):
            raise ValidationError(
                _("Masukkan NIP 18 angka atau alamat e-mail yang lengkap."), code="subject"
            )
        return Subject(LookupKind.NIP, digits)


class ErasureForm(SubjectForm):
    reason = forms.CharField(
        label=_("Alasan atau dasar permintaan"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Misalnya: permintaan tertulis yang bersangkutan tanggal 3 Maret 2026."),
        error_messages={"required": _("Tuliskan alasan atau dasar permintaan penghapusan.")},
    )
    confirmed = forms.BooleanField(required=False, widget=forms.HiddenInput)
