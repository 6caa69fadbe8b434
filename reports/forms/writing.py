"""Forms of writing and reviewing a report (laporan).

The report's own fields are one model form; its findings (one row per topic
of the visit), quotes and authors are formsets whose rows become unsaved
model instances for ``reports.services.report_update``, which makes the
saved rows match them in the same transaction as the text.
"""

from dataclasses import dataclass

from django import forms
from django.forms.forms import NON_FIELD_ERRORS
from django.utils.translation import gettext as gettext_now
from django.utils.translation import gettext_lazy as _

from agencies.validators import validate_nip
from lifecycle.forms import CommentForm, required_comment
from studitiru import inputs

from ..models import Author, Finding, Quote, Report

TEXTAREA_ROWS = 4


class ReportForm(forms.ModelForm):
    """The report's text in the official order, and the version it was read
    at: a save based on an older version is refused (see ``report_update``)."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)

    class Meta:
        model = Report
        fields = [
            "title",
            "summary",
            # A. Pendahuluan
            "general",
            "purpose",
            "scope",
            "basis",
            # B. Kegiatan yang dilaksanakan (the narrative; the facts come from the visit)
            "activities",
            # D. Simpulan dan saran
            "conclusion",
            "recommendations",
            # E. Penutup
            "closing",
            # Place, date and signature block
            "signed_place",
            "signed_on",
            "signatory_name",
            "signatory_position",
            "signatory_nip",
        ]
        labels = {
            "title": _("Judul laporan"),
            "general": _("1. Umum"),
            "purpose": _("2. Maksud dan tujuan"),
            "scope": _("3. Ruang lingkup"),
            "basis": _("4. Dasar"),
            "activities": _("Uraian kegiatan"),
            "conclusion": _("1. Simpulan"),
            "recommendations": _("2. Saran dan tindak lanjut"),
            "closing": _("Penutup"),
            "signed_place": _("Tempat"),
            "signed_on": _("Tanggal"),
            "signatory_name": _("Nama penanda tangan"),
            "signatory_position": _("Jabatan penanda tangan"),
            "signatory_nip": _("NIP penanda tangan"),
        }
        help_texts = {
            "general": _("Latar belakang singkat kunjungan."),
            "basis": _("Surat, Perda atau peraturan yang menjadi dasar, satu per baris."),
            "activities": _(
                "Waktu, tempat, peserta dan agenda diambil dari data kunjungan; "
                "tulis di sini jalannya kegiatan."
            ),
            "recommendations": _("Menjadi dasar rencana adopsi ATM."),
            "signatory_nip": _("18 angka; kosongkan bila penanda tangan bukan PNS."),
        }
        widgets = {
            "summary": forms.Textarea(attrs={"rows": 2}),
            "general": forms.Textarea(attrs={"rows": TEXTAREA_ROWS}),
            "purpose": forms.Textarea(attrs={"rows": TEXTAREA_ROWS}),
            "scope": forms.Textarea(attrs={"rows": 3}),
            "basis": forms.Textarea(attrs={"rows": 3}),
            "activities": forms.Textarea(attrs={"rows": 6}),
            "conclusion": forms.Textarea(attrs={"rows": 6}),
            "recommendations": forms.Textarea(attrs={"rows": 6}),
            "closing": forms.Textarea(attrs={"rows": 3}),
            "signed_on": inputs.DateInput(),
            "signatory_nip": forms.TextInput(
                attrs={"inputmode": "numeric", "autocomplete": "off", "maxlength": 18}
            ),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial["version"] = self.instance.version

    def clean_signatory_nip(self):
        nip = self.cleaned_data["signatory_nip"].strip()
        if nip:
            validate_nip(nip)
        return nip

    def report_fields(self) -> dict:
        """The cleaned values of the report's own fields, for ``report_update``."""
        return {name: self.cleaned_data[name] for name in self._meta.fields}


class FindingForm(forms.Form):
    """C. Hasil yang dicapai: what was learned on one topic of the visit. The
    topic is fixed per row; the page labels the row with its name."""

    topic = forms.TypedChoiceField(coerce=int, widget=forms.HiddenInput)
    text = forms.CharField(
        label=_("Temuan"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
    )

    def __init__(self, *args, topics=(), **kwargs):
        super().__init__(*args, **kwargs)
        # ``topics``: the Topic rows the report may have findings on; the
        # choices are built from them so that validating asks no query.
        self.topics = {topic.pk: topic for topic in topics}
        self.fields["topic"].choices = [(pk, str(pk)) for pk in self.topics]

    @property
    def row_topic(self):
        """The Topic of this row, for its label (from the data or the initial)."""
        value = self.data.get(self.add_prefix("topic")) if self.is_bound else None
        value = value or self.initial.get("topic")
        try:
            return self.topics.get(int(value))
        except (TypeError, ValueError):
            return None


class BaseFindingFormSet(forms.BaseFormSet):
    def clean(self):
        super().clean()
        if any(self.errors):
            return
        seen = set()
        for form in self.forms:
            topic = form.cleaned_data.get("topic")
            if topic in seen:
                raise forms.ValidationError(_("Setiap topik hanya boleh memiliki satu temuan."))
            seen.add(topic)

    def instances(self):
        return [
            Finding(topic_id=form.cleaned_data["topic"], text=form.cleaned_data["text"].strip())
            for form in self.forms
            if form.cleaned_data.get("topic")
        ]


# absolute_max = max_num: a posted TOTAL_FORMS of 10^20 builds at most max_num
# rows (Django's default allows max_num + 1000: thousands of rows validated
# and rendered, 30 s of one worker for one request).
FindingFormSet = forms.formset_factory(
    FindingForm,
    formset=BaseFindingFormSet,
    extra=0,
    max_num=100,
    absolute_max=100,
    validate_max=True,
)


class QuoteForm(forms.Form):
    text = forms.CharField(
        label=_("Kutipan"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=5000,
    )
    speaker_name = forms.CharField(label=_("Nama pembicara"), max_length=200)
    speaker_position = forms.CharField(
        label=_("Jabatan pembicara"),
        max_length=300,
        required=False,
        help_text=Quote._meta.get_field("speaker_position").help_text,
    )


class RowFormSet(forms.BaseFormSet):
    """Rows the writer adds (from the empty form) and removes (DELETE)."""

    model = None
    fields = ()

    def kept_forms(self):
        return [
            form
            for form in self.forms
            if form.has_changed() or not form.empty_permitted
            if not self._should_delete_form(form)
        ]

    def instances(self):
        return [
            self.model(**{name: form.cleaned_data[name].strip() for name in self.fields})
            for form in self.kept_forms()
        ]


class BaseQuoteFormSet(RowFormSet):
    model = Quote
    fields = ("text", "speaker_name", "speaker_position")


QuoteFormSet = forms.formset_factory(
    QuoteForm,
    formset=BaseQuoteFormSet,
    extra=0,
    can_delete=True,
    max_num=50,
    absolute_max=50,
    validate_max=True,
)


class AuthorForm(forms.Form):
    # The saved author this row shows, to keep the link to their account.
    author_id = forms.IntegerField(widget=forms.HiddenInput, required=False)
    front_title = forms.CharField(label=_("Gelar depan"), max_length=50, required=False)
    name = forms.CharField(label=_("Nama"), max_length=200)
    back_title = forms.CharField(label=_("Gelar belakang"), max_length=100, required=False)
    position = forms.CharField(label=_("Jabatan"), max_length=200, required=False)


class BaseAuthorFormSet(RowFormSet):
    model = Author
    fields = ("front_title", "name", "back_title", "position")

    def clean(self):
        super().clean()
        if any(self.errors):
            return
        if not self.kept_forms():
            raise forms.ValidationError(_("Laporan memerlukan sekurang-kurangnya satu penulis."))

    def instances(self, saved=()):
        """Unsaved authors; a row that shows a saved author keeps its account."""
        users = {author.pk: author.user_id for author in saved}
        authors = []
        for form in self.kept_forms():
            author = Author(**{name: form.cleaned_data[name].strip() for name in self.fields})
            author.user_id = users.get(form.cleaned_data.get("author_id"))
            authors.append(author)
        return authors


AuthorFormSet = forms.formset_factory(
    AuthorForm,
    formset=BaseAuthorFormSet,
    extra=0,
    can_delete=True,
    max_num=20,
    absolute_max=20,
    validate_max=True,
)


class ReturnForm(CommentForm):
    comment = required_comment(
        _("Apa yang perlu diperbaiki"),
        rows=5,
        missing=_("Tuliskan apa yang perlu diperbaiki."),
    )


class UnpublishForm(CommentForm):
    comment = required_comment(
        _("Alasan menarik laporan dari halaman publik"),
        rows=4,
        help_text=_("Dicatat di riwayat laporan, misalnya: memuat data pribadi warga."),
        missing=_("Tuliskan alasan laporan ditarik dari halaman publik."),
    )


# --- The error summary at the top of the report page ------------------------------


# The page's sections in order (the section index links them): the id of
# each heading, its title, and the report's fields written in it.
REPORT_SECTIONS = (
    ("sec-title", _("Judul"), {"title", "summary"}),
    ("sec-a", _("A. Pendahuluan"), {"general", "purpose", "scope", "basis"}),
    ("sec-b", _("B. Kegiatan yang dilaksanakan"), {"activities"}),
    ("sec-c", _("C. Hasil yang dicapai"), set()),  # the findings and quotes
    ("sec-d", _("D. Simpulan dan saran"), {"conclusion", "recommendations"}),
    ("sec-e", _("E. Penutup"), {"closing"}),
    (
        "sec-sign",
        _("Tempat, tanggal dan penanda tangan"),
        {"signed_place", "signed_on", "signatory_name", "signatory_position", "signatory_nip"},
    ),
    ("sec-authors", _("Penulis"), set()),  # the authors
)
SECTION_OF_FIELD = {name: anchor for anchor, _title, names in REPORT_SECTIONS for name in names}


@dataclass(frozen=True)
class FieldError:
    """One line of the error summary: the id of the field it links to (the
    page's anchor; empty for a rule about the whole form), what the field is
    called on the page, the messages, and the section it is in."""

    anchor: str
    label: str
    messages: tuple[str, ...]
    section: str = ""


def _form_errors(form, errors=None, *, prefix="", anchor=None, section=None):
    """The summary lines of ``form``'s ``errors`` (its own by default)."""
    for name, messages in (form.errors if errors is None else errors).items():
        if name == NON_FIELD_ERRORS:
            yield FieldError("", prefix, tuple(messages), section or "")
            continue
        field = form[name]
        label = f"{prefix}: {field.label}" if prefix else str(field.label)
        target = "" if field.is_hidden and anchor is None else anchor or field.id_for_label
        where = section or SECTION_OF_FIELD.get(name, "")
        yield FieldError(target, label, tuple(messages), where)


def report_error_summary(*, form, findings, quotes, authors) -> list[FieldError]:
    """Every field in error of the report page, in the page's order, each
    linking to its field: the report's own fields, then the findings (named
    after their topic), the quotes and the authors (by row number), and the
    rules about a whole list (linking to the list)."""
    for checked in (form, findings, quotes, authors):
        checked.is_valid()  # the page's check may have stopped at the first one
    summary = list(_form_errors(form))
    for row in findings.forms:
        topic = row.row_topic
        prefix = gettext_now("Temuan %(topic)s") % {"topic": topic.name if topic else ""}
        # A finding's rule is about its topic (a hidden field): link the text.
        anchor = row["text"].id_for_label
        summary += _form_errors(row, prefix=prefix, anchor=anchor, section="sec-c")
    if findings.non_form_errors():
        messages = tuple(findings.non_form_errors())
        summary.append(FieldError("sec-c", str(_("Temuan per topik")), messages, "sec-c"))
    for formset, rows_id, name, section in (
        (quotes, "kutipan-rows", _("Kutipan"), "sec-c"),
        (authors, "penulis-rows", _("Penulis"), "sec-authors"),
    ):
        for number, row in enumerate(formset.forms, start=1):
            # A row being removed is not checked (nor listed).
            errors = {} if formset._should_delete_form(row) else row.errors
            summary += _form_errors(row, errors, prefix=f"{name} {number}", section=section)
        if formset.non_form_errors():
            messages = tuple(formset.non_form_errors())
            summary.append(FieldError(rows_id, str(name), messages, section))
    return summary


def report_sections(summary=()) -> list[dict]:
    """The section index: each section's anchor, title and how many lines of
    the error ``summary`` are about it."""
    return [
        {
            "anchor": anchor,
            "title": title,
            "errors": sum(1 for line in summary if line.section == anchor),
        }
        for anchor, title, _names in REPORT_SECTIONS
    ]
