"""Forms of the ATM adoption plan: an item, the review and progress actions,
a progress check-in with its evidence, and where an action returns to.

Evidence files are checked by content, never by name: a PDF by its header,
an image by the portal's one image pipeline (``uploads.images``: decoded,
refused when broken or truncated, re-encoded so that its EXIF data, location
included, is dropped).
"""

import secrets

from django import forms
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from agencies.models import Division, Topic
from lifecycle.forms import CommentForm, required_comment
from studitiru import inputs
from uploads import images
from uploads.documents import is_pdf

from ..models import AdoptionItem
from ..services import ITEM_FIELDS

MAX_EVIDENCE_SIZE = 10 * 1024 * 1024
# Enough for a phone photo (48 MP); a decompression bomb has far more.
MAX_EVIDENCE_PIXELS = 50_000_000
EVIDENCE_JPEG_QUALITY = 90
EVIDENCE_TYPES = {"pdf": "application/pdf", "jpg": "image/jpeg", "png": "image/png"}
EVIDENCE_LIMITS = images.Limits(
    max_bytes=MAX_EVIDENCE_SIZE, max_pixels=MAX_EVIDENCE_PIXELS, formats=("JPEG", "PNG")
)

TEXTAREA = {"rows": 3}


def agency_today(agency):
    """Today's date where the agency is (WIB, WITA or WIT)."""
    return timezone.localdate(timezone=agency.tzinfo)


class AdoptionItemForm(forms.ModelForm):
    """One line of the plan. The topic is one of the visit's topics or any
    active topic; the division one of the agency's own."""

    class Meta:
        model = AdoptionItem
        fields = ITEM_FIELDS  # what the edit guard compares, too
        widgets = {
            "observe": forms.Textarea(attrs=TEXTAREA),
            "replicate": forms.Textarea(attrs=TEXTAREA),
            "modify": forms.Textarea(attrs=TEXTAREA),
            "success_indicator": forms.Textarea(attrs={"rows": 2}),
            "target_date": inputs.DateInput(),
        }
        labels = {
            "observe": _("Amati"),
            "replicate": _("Tiru"),
            "modify": _("Modifikasi"),
        }
        help_texts = {
            "observe": _("Apa yang diamati di instansi yang dikunjungi."),
            "replicate": _("Apa yang akan ditiru di instansi sendiri."),
            "modify": _("Bagaimana disesuaikan dengan kondisi daerah sendiri."),
            "success_indicator": _(
                "Ukuran yang dapat diperiksa, misalnya: Puskesos aktif di 10 desa."
            ),
        }

    def __init__(self, *args, report, **kwargs):
        super().__init__(*args, **kwargs)
        self.report = report
        visit_topics = list(report.visit.visit_topics.values_list("topic_id", flat=True))
        topic = self.fields["topic"]
        topic.queryset = Topic.objects.filter(
            Q(is_active=True) | Q(pk__in=visit_topics) | Q(pk=self.instance.topic_id)
        ).order_by("code")
        topic.label_from_instance = lambda t: (
            f"{t.code} — {t.name}" + (f" ({_('topik kunjungan')})" if t.pk in visit_topics else "")
        )
        topic.empty_label = _("Pilih topik…")
        if not self.instance.pk and len(visit_topics) == 1:
            self.initial.setdefault("topic", visit_topics[0])
        division = self.fields["division"]
        division.queryset = Division.objects.filter(agency_id=report.agency_id).order_by("name")
        division.empty_label = _("Belum ditentukan")

    def clean_target_date(self):
        target = self.cleaned_data["target_date"]
        # A new item, or a changed date, cannot be due already; an older item
        # keeps the date it was approved with.
        changed = self.instance.pk is None or target != self.instance.target_date
        if changed and target < agency_today(self.report.agency):
            raise ValidationError(_("Target selesai tidak boleh tanggal yang sudah lewat."))
        return target

    def item_fields(self) -> dict:
        """The cleaned values as keyword arguments of ``services.item_create``
        and ``services.item_update``."""
        return {name: self.cleaned_data[name] for name in self.Meta.fields}


class ItemReturnForm(CommentForm):
    comment = required_comment(
        _("Apa yang perlu diperbaiki"),
        help_text=_("Disampaikan kepada penyusun butir; wajib diisi."),
        missing=_("Tuliskan apa yang perlu diperbaiki."),
    )


class ItemDropForm(CommentForm):
    comment = required_comment(
        _("Alasan dihentikan"),
        help_text=_("Tercatat dalam riwayat butir; wajib diisi."),
        missing=_("Tuliskan alasan butir ini dihentikan."),
    )


def checked_evidence(upload):
    """The uploaded evidence as a file safe to store under a name of our own:
    a PDF as it is, a JPEG or PNG image checked and re-encoded without its
    metadata by the portal's one image pipeline (``uploads.images``).
    Raises ``ValidationError`` for anything else."""
    if upload.size > MAX_EVIDENCE_SIZE:
        raise ValidationError(
            _("Berkas bukti paling besar %(size)s MB.") % {"size": MAX_EVIDENCE_SIZE // 2**20},
            code="too_big",
        )
    if is_pdf(upload):
        upload.name = _evidence_name("pdf")
        return upload
    return _reencoded_image(upload)


def _reencoded_image(upload):
    try:
        decoded = images.decode(upload, limits=EVIDENCE_LIMITS)
    except images.ImageRefused as refused:
        if refused.code == "not_image":
            # Evidence may be a PDF too: the message names both.
            raise ValidationError(
                _(
                    "Berkas ini bukan PDF atau gambar JPEG/PNG yang dapat dibaca. "
                    "Unggah bukti dalam format PDF, JPG atau PNG."
                ),
                code="not_evidence",
            ) from None
        raise ValidationError(str(refused), code=refused.code) from None
    evidence = images.encode(decoded, jpeg_quality=EVIDENCE_JPEG_QUALITY, keep_png=True)
    return ContentFile(evidence.content, name=_evidence_name(evidence.extension))


def _evidence_name(kind):
    """A stored name that neither keeps the uploader's file name nor can be guessed."""
    return f"bukti-{secrets.token_hex(8)}.{kind}"


class CheckInForm(forms.Form):
    """A dated progress note with optional evidence."""

    date = forms.DateField(label=_("Tanggal"), widget=inputs.DateInput())
    note = forms.CharField(
        label=_("Kemajuan yang dicapai"),
        max_length=5000,
        widget=forms.Textarea(attrs=TEXTAREA),
        error_messages={"required": _("Tuliskan kemajuan yang dicapai.")},
    )
    evidence = forms.FileField(
        label=_("Bukti (opsional)"),
        required=False,
        help_text=_("PDF, JPG atau PNG, paling besar 10 MB: notulen, SK, foto kegiatan."),
        widget=forms.ClearableFileInput(attrs={"accept": ".pdf,.jpg,.jpeg,.png"}),
    )

    def __init__(self, *args, agency, **kwargs):
        super().__init__(*args, **kwargs)
        self.agency = agency
        self.fields["date"].initial = agency_today(agency)

    def clean_date(self):
        date = self.cleaned_data["date"]
        if date > agency_today(self.agency):
            raise ValidationError(_("Tanggal kemajuan tidak boleh di masa depan."))
        return date

    def clean_evidence(self):
        upload = self.cleaned_data.get("evidence")
        return checked_evidence(upload) if upload else None


# ``?dari=rencana`` on an action's page: go back to the plan, not the item.
FROM_PLAN = "rencana"


class ReturnToForm(forms.Form):
    """``?dari=rencana``: after an action on an item, back to the plan it
    was started from rather than to the item's page."""

    dari = forms.ChoiceField(choices=[("", ""), (FROM_PLAN, FROM_PLAN)], required=False)

    def to_plan(self):
        return self.is_valid() and self.cleaned_data["dari"] == FROM_PLAN
