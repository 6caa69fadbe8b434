"""Date and time fields typed as text in the active language's format.

A native ``<input type="date">`` or ``type="time"`` follows the browser's
interface language, not the page's: an Indonesian page in an English Chrome
asked for mm/dd/yyyy and AM/PM. These inputs show the value in the format of
the page's language (``studitiru/formats/``: 14/06/2023 and 09.00 in
Indonesian, 14/06/2023 and 09:00 in English), with that format as their
placeholder (a phone offers digits and a separator for a time); the server
reads it back, and ISO dates and times too."""

from django import forms
from django.utils.translation import gettext_lazy as _


class DateInput(forms.DateInput):
    def __init__(self, attrs=None):
        super().__init__(
            attrs={
                "autocomplete": "off",
                "placeholder": _("hh/bb/tttt"),
                **(attrs or {}),
            }
        )


class TimeInput(forms.TimeInput):
    def __init__(self, attrs=None):
        super().__init__(
            attrs={
                "inputmode": "decimal",
                "autocomplete": "off",
                "placeholder": _("jj.mm"),
                **(attrs or {}),
            }
        )
