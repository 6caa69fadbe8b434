"""Forms of a visit's delegation: its participants (one by one or from a
sheet), their attendance and the agenda."""

import datetime

from crispy_forms.helper import FormHelper
from crispy_forms.layout import HTML, Column, Layout, Row
from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.formats import date_format, number_format
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from studitiru import inputs

from ..delegation import PARTICIPANT_FIELDS
from ..models import VISITOR_ROLES, AgendaItem, DelegationRole, Participant, Side
from ..participant_import import MAX_ROWS, MAX_UPLOAD_BYTES


class TemplateFormatForm(forms.Form):
    """``?format=csv``: the blank participant sheet as CSV; XLSX otherwise."""

    format = forms.ChoiceField(
        choices=[("", "XLSX"), ("xlsx", "XLSX"), ("csv", "CSV")], required=False
    )

    def wants_csv(self):
        return self.is_valid() and self.cleaned_data["format"] == "csv"


class ParticipantForm(forms.ModelForm):
    # Longer than the stored 18 digits: people type NIPs with spaces
    # ("19790312 200501 1 004"); clean_nip removes them.
    nip = forms.CharField(
        label=Participant._meta.get_field("nip").verbose_name,
        required=False,
        max_length=30,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )

    class Meta:
        model = Participant
        fields = PARTICIPANT_FIELDS  # what the edit guard compares, too
        widgets = {
            "phone": forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "off"}),
        }

    def __init__(self, *args, side, **kwargs):
        super().__init__(*args, **kwargs)
        if side == Side.VISITOR:
            roles = VISITOR_ROLES
        else:
            roles = [role for role in DelegationRole if role not in VISITOR_ROLES]
        self.fields["role"].choices = [(role.value, role.label) for role in roles]
        if self.instance.pk is None:
            self.initial.setdefault("role", roles[-1] if side == Side.VISITOR else roles[0])
        self.fields["nip"].help_text = _(
            "18 angka; spasi boleh, akan dihapus. Kosongkan untuk pegawai non-ASN."
        )
        self.fields["name"].help_text = _("Tanpa gelar; gelar diisi di kolomnya sendiri.")
        if side == Side.VISITOR:
            self.fields["role"].help_text = _(
                "Menjadikan seseorang ketua akan menjadikan ketua sebelumnya anggota."
            )
        erased = self.instance.contact_erased_at is not None
        if erased:
            # Erased under UU PDP: not asked for again (the row keeps them empty).
            for name in ("nip", "phone", "email"):
                del self.fields[name]
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.layout = Layout(
            Row(
                Column("front_title", css_class="col-md-2"),
                Column("name", css_class="col-md-6"),
                Column("back_title", css_class="col-md-4"),
            ),
            Row(Column("position", css_class="col-md-6"), Column("division", css_class="col-md-6")),
            Row(
                Column("role", css_class="col-md-4"),
                Column("employment_type", css_class="col-md-4"),
                Column("nip", css_class="col-md-4")
                if not erased
                else HTML(
                    format_html(
                        '<div class="col-md-4"><p class="form-text">{}</p></div>',
                        _("NIP, telepon dan e-mail: %(reason)s.")
                        % {"reason": self.instance.get_contact_erasure_display()},
                    )
                ),
            ),
            *(
                []
                if erased
                else [
                    Row(
                        Column("phone", css_class="col-md-4"),
                        Column("email", css_class="col-md-8"),
                    )
                ]
            ),
        )

    def clean_nip(self):
        return "".join(self.cleaned_data["nip"].split())


class ParticipantImportForm(forms.Form):
    APPEND, REPLACE = "append", "replace"

    file = forms.FileField(
        label=_("Berkas XLSX atau CSV"),
        widget=forms.ClearableFileInput(
            attrs={
                "accept": ".xlsx,.csv,application/vnd.openxmlformats-officedocument."
                "spreadsheetml.sheet,text/csv"
            }
        ),
    )
    mode = forms.ChoiceField(
        label=_("Cara impor"),
        widget=forms.RadioSelect,
        initial=APPEND,
        choices=[
            (APPEND, _("Tambahkan ke daftar yang ada")),
            (REPLACE, _("Ganti semua peserta pihak kami dengan isi berkas")),
        ],
    )

    def __init__(self, *args, can_replace, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["file"].help_text = _(
            "Paling besar %(size)s MB dan %(rows)s baris. Seluruh isi berkas diperiksa dulu; "
            "jika ada satu baris yang salah, tidak ada yang diimpor."
        ) % {
            "size": MAX_UPLOAD_BYTES // 1024 // 1024,
            "rows": number_format(MAX_ROWS, force_grouping=True),
        }
        if not can_replace:
            self.fields["mode"].choices = self.fields["mode"].choices[:1]
            self.fields["mode"].help_text = _(
                "Kunjungan sudah terlaksana: daftar hanya dapat ditambah, tidak diganti."
            )

    def replaces(self):
        """Whether the sheet replaces the user's side rather than adding to it."""
        return self.cleaned_data["mode"] == self.REPLACE

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_UPLOAD_BYTES:
            raise ValidationError(
                _("Berkas terlalu besar. Ukuran berkas paling besar %(size)s MB.")
                % {"size": MAX_UPLOAD_BYTES // 1024 // 1024}
            )
        return upload


class AttendanceForm(forms.Form):
    attended = forms.TypedChoiceField(
        choices=[("1", "1"), ("0", "0"), ("", "")],
        coerce=lambda value: value == "1",
        empty_value=None,
        required=False,
    )


# More rows than one page of the attendance list shows (``PAGE_SIZE``).
CHECKLIST_MAX_ROWS = 500


class IdListField(forms.Field):
    """Several row ids (``?x=3&x=7``), each a positive integer."""

    widget = forms.MultipleHiddenInput
    default_error_messages = {"invalid": _("Nilai kehadiran tidak sah.")}

    def to_python(self, value):
        values = value if isinstance(value, list | tuple) else [value] if value else []
        if len(values) > CHECKLIST_MAX_ROWS:
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        number = forms.IntegerField(min_value=1, max_value=2**31 - 1)
        try:
            return {number.clean(item) for item in values}
        except ValidationError:
            raise ValidationError(self.error_messages["invalid"], code="invalid") from None

    def validate(self, value):
        if self.required and not value:
            raise ValidationError(self.error_messages["required"], code="required")


class AttendanceChecklistForm(forms.Form):
    """The attendance of the people one page shows, saved at once: ``peserta``
    names every row shown, ``hadir`` the rows checked; a row shown but not
    checked did not come. Ids that are not the visit's (a row removed since
    the page opened) are left out by the service."""

    peserta = IdListField(
        error_messages={"required": _("Tidak ada peserta di halaman ini untuk dicatat.")}
    )
    hadir = IdListField(required=False)

    def clean(self):
        cleaned = super().clean()
        shown, present = cleaned.get("peserta"), cleaned.get("hadir")
        if shown is not None and present is not None and not present <= shown:
            raise ValidationError(_("Nilai kehadiran tidak sah."))
        return cleaned

    def present_and_absent(self) -> tuple[set[int], set[int]]:
        """The ids checked and the ids shown but left unchecked."""
        present = self.cleaned_data["hadir"]
        return present, self.cleaned_data["peserta"] - present


class CheckAllForm(forms.Form):
    """``?centang=semua``: the attendance page shows every row of the page
    checked (not saved yet), for a browser without JavaScript."""

    centang = forms.ChoiceField(choices=[("semua", "semua")], required=False)

    def check_all(self) -> bool:
        return self.is_valid() and self.cleaned_data["centang"] == "semua"


class AgendaItemForm(forms.ModelForm):
    """An agenda item; its times are typed in the host agency's time zone
    (the zone is named on the form) and stored as aware datetimes."""

    day = forms.TypedChoiceField(label=_("Tanggal"), coerce=datetime.date.fromisoformat)
    start_time = forms.TimeField(widget=inputs.TimeInput())
    end_time = forms.TimeField(required=False, widget=inputs.TimeInput())

    class Meta:
        model = AgendaItem
        fields = ["kind", "title", "place", "speaker"]

    def __init__(self, *args, visit, **kwargs):
        super().__init__(*args, **kwargs)
        self.tz = visit.host.tzinfo
        zone = visit.host.time_zone
        days = _visit_days(visit)
        if self.instance.pk is not None:
            start = timezone.localtime(self.instance.start, self.tz)
            if start.date() not in days:
                days = sorted({*days, start.date()})
            self.initial.update(day=start.date().isoformat(), start_time=start.time())
            if self.instance.end:
                self.initial["end_time"] = timezone.localtime(self.instance.end, self.tz).time()
        else:
            free = _next_free_moment(visit)
            day = free.date() if free.date() in days else days[0]
            self.initial.update(day=day.isoformat(), start_time=free.time())
        self.fields["day"].choices = [
            (day.isoformat(), date_format(day, "l, j F Y")) for day in days
        ]
        self.fields["start_time"].label = _("Mulai (%(zone)s)") % {"zone": zone}
        self.fields["end_time"].label = _("Selesai (%(zone)s)") % {"zone": zone}
        self.fields["end_time"].help_text = _("Boleh kosong.")
        self.fields["speaker"].help_text = _("Nama dan jabatan, misalnya: Syahrial Hamid, Kabid.")
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.layout = Layout(
            Row(
                Column("day", css_class="col-md-6"),
                Column("start_time", css_class="col-md-3"),
                Column("end_time", css_class="col-md-3"),
            ),
            Row(Column("kind", css_class="col-md-4"), Column("title", css_class="col-md-8")),
            Row(Column("place", css_class="col-md-6"), Column("speaker", css_class="col-md-6")),
        )

    def clean(self):
        cleaned = super().clean()
        day, start, end = cleaned.get("day"), cleaned.get("start_time"), cleaned.get("end_time")
        if day and start:
            self.instance.start = datetime.datetime.combine(day, start, tzinfo=self.tz)
            self.instance.end = (
                datetime.datetime.combine(day, end, tzinfo=self.tz) if end is not None else None
            )
            if end is not None and end < start:
                self.add_error("end_time", _("Waktu selesai tidak boleh sebelum waktu mulai."))
        return cleaned


def _next_free_moment(visit):
    """When a new agenda item most likely starts, in the host's zone: when the
    last one ends, or when the visit starts."""
    last = visit.agenda_items.order_by("-start").first()
    moment = (last.end or last.start) if last is not None else visit.start
    return timezone.localtime(moment, visit.host.tzinfo)


def _visit_days(visit, limit=31):
    """The days of the visit in the host's zone (a visit lasts a few days)."""
    first = timezone.localtime(visit.start, visit.host.tzinfo).date()
    last = timezone.localtime(visit.end, visit.host.tzinfo).date()
    count = min((last - first).days, limit - 1) + 1
    return [first + datetime.timedelta(days=n) for n in range(max(count, 1))]
