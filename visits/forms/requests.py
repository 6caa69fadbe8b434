"""Forms of the visit request and its lifecycle actions, and the calendar's month.

Dates are entered in the host agency's time zone (the visit happens there)
as a date and times of day, and stored aware."""

import datetime

from crispy_forms.helper import FormHelper
from django import forms
from django.core.validators import FileExtensionValidator
from django.db.models.fields.files import FieldFile
from django.urls import reverse
from django.utils.dates import MONTHS
from django.utils.translation import gettext_lazy as _

from agencies.models import Agency, Topic
from agencies.widgets import AgencySearchSelect, agency_label
from lifecycle.forms import CommentForm, required_comment
from studitiru import inputs

from ..models import Venue, VenueKind, Visit
from ..services import date_refusal
from ..validators import validate_letter_size, validate_pdf

# Typed in the page's language, whatever the browser's (studitiru/inputs.py).
DATE_INPUT = inputs.DateInput()
TIME_INPUT = inputs.TimeInput()


class StoredLetter:
    """What a letter field shows of the letter already stored: a link to the
    download that checks permissions (``visits:letter``) under the name the
    download gives the file. Never the storage's own address (``/media/…``
    is not served: letters are private) nor the stored name."""

    def __init__(self, visit_pk, kind):
        self.url = reverse("visits:letter", args=[visit_pk, kind])
        self.name = f"surat-{kind}-{visit_pk}.pdf"

    def __str__(self):
        return self.name


# A letter is a PDF by its header (its name's extension alone proves nothing),
# of a sensible size.
LETTER_VALIDATORS = (validate_letter_size, FileExtensionValidator(["pdf"]), validate_pdf)


class LetterField(forms.FileField):
    """The scan of a letter (``kind`` "permohonan" or "balasan"): a PDF by
    its header, at most 10 MB. Stored under a random name
    (``models.letter_path``); shown, once stored, as a ``StoredLetter``."""

    def __init__(self, *, kind, **kwargs):
        kwargs.setdefault("required", False)
        kwargs.setdefault("help_text", _("Pindaian surat dalam PDF, paling besar 10 MB."))
        kwargs.setdefault(
            "widget", forms.ClearableFileInput(attrs={"accept": "application/pdf,.pdf"})
        )
        kwargs["validators"] = [*LETTER_VALIDATORS, *kwargs.get("validators", ())]
        super().__init__(**kwargs)
        self.kind = kind

    def prepare_value(self, value):
        visit = getattr(value, "instance", None)
        if isinstance(value, FieldFile) and value and visit is not None and visit.pk:
            return StoredLetter(visit.pk, self.kind)
        return value


class DateTimeRangeMixin:
    """Fields ``start_date``/``start_time``/``end_date``/``end_time`` combined
    into aware ``start`` and ``end`` in the zone returned by ``range_tz()``."""

    def add_range_fields(self):
        self.fields["start_date"] = forms.DateField(label=_("Tanggal mulai"), widget=DATE_INPUT)
        self.fields["start_time"] = forms.TimeField(label=_("Jam mulai"), widget=TIME_INPUT)
        self.fields["end_date"] = forms.DateField(
            label=_("Tanggal selesai"),
            required=False,
            help_text=_("Kosongkan bila selesai pada hari yang sama."),
            widget=DATE_INPUT,
        )
        self.fields["end_time"] = forms.TimeField(label=_("Jam selesai"), widget=TIME_INPUT)

    def set_range_initial(self, start, end, tz):
        start, end = start.astimezone(tz), end.astimezone(tz)
        self.initial.update(
            start_date=start.date(),
            start_time=start.time().replace(second=0, microsecond=0),
            end_date=end.date() if end.date() != start.date() else None,
            end_time=end.time().replace(second=0, microsecond=0),
        )

    def clean_range(self, cleaned):
        """Return aware (start, end), or (None, None) after adding form errors."""
        parts = [cleaned.get(name) for name in ("start_date", "start_time", "end_time")]
        if None in parts:
            return None, None
        tz = self.range_tz()
        if tz is None:
            return None, None
        start_date, start_time, end_time = parts
        end_date = cleaned.get("end_date") or start_date
        start = datetime.datetime.combine(start_date, start_time, tzinfo=tz)
        end = datetime.datetime.combine(end_date, end_time, tzinfo=tz)
        if end <= start:
            self.add_error("end_time", _("Waktu selesai harus sesudah waktu mulai."))
            return None, None
        if (end - start).days > 14:
            self.add_error("end_date", _("Sebuah kunjungan paling lama 14 hari."))
            return None, None
        return start, end

    def refuse_dates(self, start, end, **rules):
        """Add the error of ``services.date_refusal`` (a start in the past, a
        proposal equal to the current date) to the field it is about; True
        when the dates were refused."""
        refused = date_refusal(start=start, end=end, **rules)
        if refused:
            self.add_error(*refused)
        return bool(refused)


# A venue's name is stored in a column of this many characters; each line of
# the field sites is one venue.
VENUE_NAME_MAX_LENGTH = Venue._meta.get_field("name").max_length
MAX_FIELD_SITES = 30


class VisitRequestForm(DateTimeRangeMixin, forms.ModelForm):
    """The visitor's request: host, topics with questions, dates, places, letter."""

    request_letter_file = LetterField(kind="permohonan", label=_("Berkas surat permohonan"))

    office_venue = forms.CharField(
        label=_("Tempat utama"),
        max_length=VENUE_NAME_MAX_LENGTH,
        required=False,
        help_text=_("Misalnya: Aula Dinas Sosial Kota Malang."),
    )
    field_sites = forms.CharField(
        label=_("Lokasi kunjungan lapangan"),
        required=False,
        # Every line at its longest, with its line break: the browser stops there.
        max_length=MAX_FIELD_SITES * (VENUE_NAME_MAX_LENGTH + 1),
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    class Meta:
        model = Visit
        fields = [
            "host",
            "title",
            "purpose",
            "basis",
            "request_letter_number",
            "request_letter_date",
            "request_letter_file",
        ]
        widgets = {
            "purpose": forms.Textarea(attrs={"rows": 3}),
            "basis": forms.Textarea(attrs={"rows": 2}),
            "request_letter_date": DATE_INPUT,
            # Only the chosen host is rendered; the others are searched as the
            # user types (agencies.widgets).
            "host": AgencySearchSelect(),
        }

    def __init__(self, *args, visitor: Agency, **kwargs):
        super().__init__(*args, **kwargs)
        self.visitor = visitor
        # The limits are said before anything is cut or refused.
        self.fields["field_sites"].help_text = _(
            "Satu lokasi per baris, misalnya: Kelurahan Pandanwangi. "
            "Paling banyak %(sites)d lokasi, masing-masing paling banyak %(limit)d karakter."
        ) % {"sites": MAX_FIELD_SITES, "limit": VENUE_NAME_MAX_LENGTH}
        host_field = self.fields["host"]
        host_field.queryset = (
            Agency.objects.filter(is_active=True).exclude(pk=visitor.pk).select_related("province")
        )
        host_field.label_from_instance = agency_label
        host_field.empty_label = _("Pilih instansi tuan rumah…")
        self.add_range_fields()
        self.topics = list(
            Topic.objects.filter(is_active=True).select_related("successor").order_by("code")
        )
        chosen = {}
        if self.instance.pk:
            self.set_range_initial(
                self.instance.start, self.instance.end, self.instance.host.tzinfo
            )
            chosen = {vt.topic_id: vt.questions for vt in self.instance.visit_topics.all()}
            venues = list(self.instance.venues.all())
            self.initial["office_venue"] = next(
                (v.name for v in venues if v.kind == VenueKind.OFFICE), ""
            )
            self.initial["field_sites"] = "\n".join(
                v.name for v in venues if v.kind == VenueKind.FIELD
            )
        for topic in self.topics:
            self.fields[f"topic_{topic.pk}"] = forms.BooleanField(
                label=f"{topic.code} — {topic.name}", required=False, initial=topic.pk in chosen
            )
            self.fields[f"questions_{topic.pk}"] = forms.CharField(
                label=_("Pertanyaan untuk topik %(code)s") % {"code": topic.code},
                required=False,
                initial=chosen.get(topic.pk, ""),
                widget=forms.Textarea(attrs={"rows": 2}),
                help_text=_("Satu pertanyaan per baris."),
            )
        self.helper = FormHelper()
        self.helper.form_tag = False

    def clean_field_sites(self):
        """One venue per non-empty line; a line longer than a venue's name
        is refused with its number (a 201-character line was a 500)."""
        text = self.cleaned_data["field_sites"]
        sites = [line.strip() for line in text.splitlines()]
        errors = [
            forms.ValidationError(
                _(
                    "Baris %(line)d terlalu panjang: %(length)d karakter, "
                    "paling banyak %(limit)d karakter per lokasi."
                ),
                code="line_too_long",
                params={"line": number, "length": len(site), "limit": VENUE_NAME_MAX_LENGTH},
            )
            for number, site in enumerate(sites, start=1)
            if len(site) > VENUE_NAME_MAX_LENGTH
        ]
        if len([site for site in sites if site]) > MAX_FIELD_SITES:
            errors.append(
                forms.ValidationError(
                    _("Paling banyak %(sites)d lokasi kunjungan lapangan."),
                    code="too_many_sites",
                    params={"sites": MAX_FIELD_SITES},
                )
            )
        if errors:
            raise forms.ValidationError(errors)
        return text

    def topic_rows(self):
        """(topic, checkbox field, questions field) for the template."""
        return [
            (topic, self[f"topic_{topic.pk}"], self[f"questions_{topic.pk}"])
            for topic in self.topics
        ]

    def range_tz(self):
        host = self.cleaned_data.get("host")
        return host.tzinfo if host else None

    def clean(self):
        cleaned = super().clean()
        start, end = self.clean_range(cleaned)
        stored = self.instance
        moved = not stored.pk or (start, end, cleaned.get("host")) != (
            stored.start,
            stored.end,
            stored.host,
        )
        # A new request, or one moved to other dates, is for a time to come.
        if start and moved and self.refuse_dates(start, end, host=cleaned["host"]):
            start = None
        if start:
            self.instance.start, self.instance.end = start, end
        self.chosen_topics = [
            (topic, cleaned.get(f"questions_{topic.pk}", "").strip())
            for topic in self.topics
            if cleaned.get(f"topic_{topic.pk}")
        ]
        if not self.chosen_topics:
            self.add_error(None, _("Pilih setidaknya satu topik yang ingin dipelajari."))
        return cleaned

    def venues(self):
        """The places entered, as (kind, name) pairs."""
        office = self.cleaned_data.get("office_venue", "").strip()
        sites = [line.strip() for line in self.cleaned_data.get("field_sites", "").splitlines()]
        return ([(VenueKind.OFFICE, office)] if office else []) + [
            (VenueKind.FIELD, site) for site in sites if site
        ]


class AcceptForm(CommentForm):
    reply_letter_number = forms.CharField(
        label=_("Nomor surat balasan"), max_length=100, required=False
    )
    reply_letter_date = forms.DateField(
        label=_("Tanggal surat balasan"),
        required=False,
        widget=DATE_INPUT,
    )


class DeclineForm(CommentForm):
    comment = required_comment(
        _("Alasan penolakan"), help_text=_("Disampaikan kepada instansi pengunjung.")
    )


class ProposeDateForm(DateTimeRangeMixin, CommentForm):
    def __init__(self, *args, visit: Visit, **kwargs):
        super().__init__(*args, **kwargs)
        self.visit = visit
        self.add_range_fields()
        self.set_range_initial(visit.start, visit.end, visit.host.tzinfo)
        self.order_fields(["start_date", "start_time", "end_date", "end_time", "comment"])

    def range_tz(self):
        return self.visit.host.tzinfo

    def clean(self):
        cleaned = super().clean()
        start, end = self.clean_range(cleaned)
        current = (self.visit.start, self.visit.end)
        if start and self.refuse_dates(
            start, end, host=self.visit.host, current=current, proposal=True
        ):
            start = end = None
        # What visit_propose_date takes: the moments, not the fields they were typed in.
        return {"start": start, "end": end, "comment": cleaned.get("comment", "")}


class ReplyLetterForm(forms.ModelForm):
    """The host's reply letter (surat balasan): number, date and scan."""

    reply_letter_file = LetterField(kind="balasan", label=_("Berkas surat balasan"))

    class Meta:
        model = Visit
        fields = ["reply_letter_number", "reply_letter_date", "reply_letter_file"]
        widgets = {"reply_letter_date": DATE_INPUT}


class PrefillForm(forms.Form):
    """``?host=12&topic=SLRT``: the host and topic a link (an agency page, a
    good practice) chose for a new request. Unknown or invalid values are
    ignored: the request form starts empty."""

    host = forms.ModelChoiceField(queryset=Agency.objects.filter(is_active=True), required=False)
    topic = forms.ModelChoiceField(
        queryset=Topic.objects.filter(is_active=True), to_field_name="code", required=False
    )


# --- The calendar ------------------------------------------------------------


class MonthForm(forms.Form):
    """``?bulan=8&tahun=2025``: the month the calendar shows, read from the
    previous and next links and from the calendar's picker (a month select
    and a year field, sent as GET)."""

    bulan = forms.TypedChoiceField(
        label=_("Bulan"),
        choices=list(MONTHS.items()),
        coerce=int,
        widget=forms.Select(attrs={"class": "form-select"}),
    )
    tahun = forms.IntegerField(
        label=_("Tahun"),
        min_value=2000,
        max_value=2100,
        widget=forms.NumberInput(
            attrs={"class": "form-control calendar-year", "inputmode": "numeric"}
        ),
    )
