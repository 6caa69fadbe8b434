"""Choosing one agency among the ~550 of the country without sending them all
to the browser: the select holds only the chosen one, and the others are
searched on the server as the user types (static/js/searchable-select.js
asks ``agencies:search``)."""

from contextlib import suppress
from urllib.parse import urlencode

from django import forms
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.translation import gettext as _

# Letters typed before the browser starts to search.
MIN_SEARCH_LENGTH = 2


def agency_label(agency) -> str:
    """How an agency is offered for choosing: "Dinas Sosial Kota Magelang (Jawa Tengah)"."""
    return f"{agency.name} ({agency.province.name})"


class AgencySearchSelect(forms.Select):
    """The widget of a ``ModelChoiceField`` of agencies: renders the empty
    choice and the current value only, looked up through the field (one query,
    none without a value). The field's queryset still decides what is valid.
    With ``others_only`` (the default) the search leaves out the user's own
    agency, as the querysets of the visit list and the request form do."""

    def __init__(self, attrs=None, *, others_only=True):
        attrs = dict(attrs or {})
        attrs["class"] = " ".join(filter(None, ["js-searchable-select", attrs.get("class")]))
        super().__init__(attrs)
        self.others_only = others_only

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        field = self.choices.field
        params = {}
        if self.others_only:
            params["lain"] = "1"
        if field.to_field_name != "slug":  # a foreign key's field takes the primary key
            params["nilai"] = "id"
        url = reverse("agencies:search")
        # Rendered per request, so the texts are in the user's language.
        context["widget"]["attrs"] |= {
            "data-search-url": f"{url}?{urlencode(params)}" if params else url,
            "data-search-min": MIN_SEARCH_LENGTH,
            "data-text-hint": _("Ketik paling sedikit %(count)s huruf untuk mencari.")
            % {"count": MIN_SEARCH_LENGTH},
            "data-text-loading": _("Mencari…"),
            "data-text-empty": _("Tidak ada instansi yang cocok."),
        }
        return context

    def optgroups(self, name, value, attrs=None):
        groups = []
        for index, (key, label) in enumerate(self._empty_and_chosen(value[0] if value else "")):
            option = self.create_option(name, key, label, str(key) in value, index, attrs=attrs)
            groups.append((None, [option], index))
        return groups

    def _empty_and_chosen(self, value):
        field = self.choices.field
        choices = [("", field.empty_label)] if field.empty_label is not None else []
        # A value that is no choice (any more) gets no option: the field's error says so.
        with suppress(ValidationError):
            if value:
                choices.append(self.choices.choice(field.to_python(value)))
        return choices
