"""What came of a visit: reports (laporan), ATM adoption plans and their
documents. Built on the visits; nothing here is imported by them.

A report belongs to one agency of a visit (the visitor or the host: each may
write its own) and follows the government's official report format
(tata naskah dinas). The ATM adoption plan of the learning agency hangs off
that agency's report: its items say what was observed (Amati), what will be
replicated (Tiru) and how it is adapted (Modifikasi), and each item has its
own review and progress lifecycle.

States change only through ``reports.services``, which records every step in
the report's or the item's timeline.
"""

import datetime

from django.conf import settings
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from agencies.models import Agency, Division, Topic
from history.records import tracked
from lifecycle.events import TimelineEvent
from visits.models import Visit


class ReportStatus(models.TextChoices):
    DRAFT = "draft", _("Draf")
    SUBMITTED = "submitted", _("Menunggu persetujuan")
    APPROVED = "approved", _("Disetujui")
    PUBLISHED = "published", _("Terbit")


# Allowed steps; "back to draft" is the head returning it with comments, or
# withdrawing an approved report before it is published. A published report
# can be taken off the public pages (with a reason): it is still approved —
# the visit stays reported, its plan stands — and can be published again.
REPORT_TRANSITIONS = {
    ReportStatus.DRAFT: {ReportStatus.SUBMITTED},
    ReportStatus.SUBMITTED: {ReportStatus.APPROVED, ReportStatus.DRAFT},
    ReportStatus.APPROVED: {ReportStatus.PUBLISHED, ReportStatus.DRAFT},
    ReportStatus.PUBLISHED: {ReportStatus.APPROVED},
}


class Report(models.Model):
    """An agency's report of a visit (laporan), one per agency per visit."""

    visit = models.ForeignKey(
        Visit, on_delete=models.PROTECT, related_name="reports", verbose_name=_("kunjungan")
    )
    agency = models.ForeignKey(
        Agency, on_delete=models.PROTECT, related_name="reports", verbose_name=_("instansi")
    )
    status = models.CharField(
        _("status"), max_length=20, choices=ReportStatus, default=ReportStatus.DRAFT
    )
    title = models.CharField(
        _("judul"),
        max_length=300,
        help_text=_("Tanpa “Laporan tentang”, misalnya: Studi Tiru FTJSLP ke Kota Magelang."),
    )
    summary = models.TextField(
        _("ringkasan"),
        blank=True,
        help_text=_("Satu atau dua kalimat pembuka untuk halaman berita."),
    )
    # A. Pendahuluan
    general = models.TextField(_("umum"), blank=True)
    purpose = models.TextField(_("maksud dan tujuan"), blank=True)
    scope = models.TextField(_("ruang lingkup"), blank=True)
    basis = models.TextField(_("dasar"), blank=True)
    # B. Kegiatan yang dilaksanakan: time, place, participants and agenda come
    # from the visit; this is the narrative around them.
    activities = models.TextField(_("kegiatan yang dilaksanakan"), blank=True)
    # C. Hasil yang dicapai: the findings per topic and the quotes (below).
    # D. Simpulan dan saran
    conclusion = models.TextField(_("simpulan"), blank=True)
    recommendations = models.TextField(_("saran dan tindak lanjut"), blank=True)
    # E. Penutup
    closing = models.TextField(_("penutup"), blank=True)
    # Place, date and the signature block.
    signed_place = models.CharField(_("tempat penandatanganan"), max_length=100, blank=True)
    signed_on = models.DateField(_("tanggal penandatanganan"), null=True, blank=True)
    signatory_name = models.CharField(_("nama penanda tangan"), max_length=200, blank=True)
    signatory_position = models.CharField(_("jabatan penanda tangan"), max_length=200, blank=True)
    signatory_nip = models.CharField(_("NIP penanda tangan"), max_length=18, blank=True)

    # Optimistic locking: every save through the services bumps it; a save
    # based on an older version is refused instead of overwriting.
    version = models.PositiveIntegerField(_("versi"), default=1)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("dibuat oleh"),
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("terakhir diubah oleh"),
    )
    created_at = models.DateTimeField(_("dibuat"), default=timezone.now)
    updated_at = models.DateTimeField(_("diubah"), auto_now=True)
    published_at = models.DateTimeField(_("terbit"), null=True, blank=True)

    # ``version`` is bumped with an F() expression: no value to copy.
    history = tracked(excluded_fields=["version", "updated_at"])

    class Meta:
        ordering = ["-published_at", "-created_at", "-id"]
        verbose_name = _("laporan")
        verbose_name_plural = _("laporan")
        constraints = [
            models.UniqueConstraint(
                fields=["visit", "agency"], name="reports_report_one_per_agency_per_visit"
            ),
            models.CheckConstraint(
                condition=Q(status__in=ReportStatus.values), name="reports_report_status_valid"
            ),
            models.CheckConstraint(
                condition=Q(status=ReportStatus.PUBLISHED, published_at__isnull=False)
                | ~Q(status=ReportStatus.PUBLISHED),
                name="reports_report_published_has_date",
            ),
        ]
        indexes = [
            # The news pages, newest first. Not a partial index on "published":
            # a prepared statement's generic plan (status = $1) could not use it.
            models.Index(
                fields=["status", "-published_at", "-id"], name="reports_status_published_idx"
            ),
        ]

    def __str__(self):
        return self.full_title

    @property
    def full_title(self):
        return _("Laporan tentang %(title)s") % {"title": self.title}

    @property
    def public_slug(self):
        """The slug in the public page's address: the title, never empty."""
        return slugify(self.title) or "laporan"

    def get_public_url(self):
        return reverse("reports:news_detail", args=[self.pk, self.public_slug])

    @property
    def is_published(self):
        return self.status == ReportStatus.PUBLISHED

    def can_move_to(self, status) -> bool:
        return status in REPORT_TRANSITIONS[ReportStatus(self.status)]


class Finding(models.Model):
    """C. Hasil yang dicapai: what the agency learned on one topic of the visit."""

    report = models.ForeignKey(
        Report, on_delete=models.CASCADE, related_name="findings", verbose_name=_("laporan")
    )
    topic = models.ForeignKey(
        Topic, on_delete=models.PROTECT, related_name="+", verbose_name=_("topik")
    )
    text = models.TextField(_("temuan"))
    order = models.PositiveSmallIntegerField(_("urutan"), default=0)

    history = tracked()

    class Meta:
        ordering = ["report_id", "order", "id"]
        verbose_name = _("temuan")
        verbose_name_plural = _("temuan")
        constraints = [
            models.UniqueConstraint(
                fields=["report", "topic"], name="reports_finding_one_per_topic"
            ),
        ]

    def __str__(self):
        return f"{self.topic.code}: {self.text[:60]}"


class Quote(models.Model):
    """Words someone said during the visit, with who said them."""

    report = models.ForeignKey(
        Report, on_delete=models.CASCADE, related_name="quotes", verbose_name=_("laporan")
    )
    text = models.TextField(_("kutipan"))
    speaker_name = models.CharField(_("nama pembicara"), max_length=200)
    speaker_position = models.CharField(
        _("jabatan pembicara"),
        max_length=300,
        blank=True,
        help_text=_("Misalnya: Kepala Dinas Sosial Kota Salatiga."),
    )
    order = models.PositiveSmallIntegerField(_("urutan"), default=0)

    history = tracked()

    class Meta:
        ordering = ["report_id", "order", "id"]
        verbose_name = _("kutipan")
        verbose_name_plural = _("kutipan")

    def __str__(self):
        return f"{self.speaker_name}: {self.text[:60]}"


class Author(models.Model):
    """A writer of the report, named with academic titles and position as the
    report's end names them ("Dwi Ambar Pratiknyo, S.Sos., MPSSp — Penyuluh
    Sosial Madya")."""

    report = models.ForeignKey(
        Report, on_delete=models.CASCADE, related_name="authors", verbose_name=_("laporan")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("akun"),
    )
    front_title = models.CharField(_("gelar depan"), max_length=50, blank=True)
    name = models.CharField(_("nama"), max_length=200)
    back_title = models.CharField(_("gelar belakang"), max_length=100, blank=True)
    position = models.CharField(_("jabatan"), max_length=200, blank=True)
    order = models.PositiveSmallIntegerField(_("urutan"), default=0)

    history = tracked()

    class Meta:
        ordering = ["report_id", "order", "id"]
        verbose_name = _("penulis")
        verbose_name_plural = _("penulis")

    def __str__(self):
        return self.full_name

    @property
    def full_name(self):
        name = f"{self.front_title} {self.name}".strip()
        return f"{name}, {self.back_title}" if self.back_title else name


def _photo_path(photo, filename):
    return f"reports/{photo.report_id}/photos/{filename}"


def _thumbnail_path(photo, filename):
    return f"reports/{photo.report_id}/thumbnails/{filename}"


class Photo(models.Model):
    """A documentation photo, stored re-encoded (orientation applied, EXIF
    dropped) with a thumbnail; ``reports.photos`` makes both."""

    report = models.ForeignKey(
        Report, on_delete=models.CASCADE, related_name="photos", verbose_name=_("laporan")
    )
    image = models.ImageField(
        _("foto"), upload_to=_photo_path, width_field="width", height_field="height"
    )
    thumbnail = models.ImageField(_("gambar kecil"), upload_to=_thumbnail_path)
    width = models.PositiveIntegerField(_("lebar"), default=0)
    height = models.PositiveIntegerField(_("tinggi"), default=0)
    caption = models.CharField(_("keterangan"), max_length=300, blank=True)
    order = models.PositiveSmallIntegerField(_("urutan"), default=0)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("diunggah oleh"),
    )
    created_at = models.DateTimeField(_("diunggah"), default=timezone.now)

    history = tracked()

    class Meta:
        ordering = ["report_id", "order", "id"]
        verbose_name = _("foto dokumentasi")
        verbose_name_plural = _("foto dokumentasi")

    def __str__(self):
        return self.caption or self.image.name


class ReportEvent(TimelineEvent):
    """One step of a report's review: who moved it, when, and the comment
    (the head's reasons when returning it). Written by the services only."""

    report = models.ForeignKey(
        Report, on_delete=models.CASCADE, related_name="events", verbose_name=_("laporan")
    )
    from_status = models.CharField(_("dari"), max_length=20, choices=ReportStatus, blank=True)
    to_status = models.CharField(_("menjadi"), max_length=20, choices=ReportStatus)

    class Meta:
        ordering = ["report_id", "created_at", "id"]
        verbose_name = _("riwayat laporan")
        verbose_name_plural = _("riwayat laporan")

    def __str__(self):
        return f"{self.report_id}: {super().__str__()}"


class AdoptionStatus(models.TextChoices):
    PROPOSED = "proposed", _("Diusulkan")
    RETURNED = "returned", _("Dikembalikan")
    APPROVED = "approved", _("Disetujui")
    IN_PROGRESS = "in_progress", _("Sedang berjalan")
    ADOPTED = "adopted", _("Diadopsi")
    DROPPED = "dropped", _("Dihentikan")


ADOPTION_TRANSITIONS = {
    AdoptionStatus.PROPOSED: {AdoptionStatus.APPROVED, AdoptionStatus.RETURNED},
    # A returned item is revised and proposed again.
    AdoptionStatus.RETURNED: {AdoptionStatus.PROPOSED, AdoptionStatus.DROPPED},
    AdoptionStatus.APPROVED: {AdoptionStatus.IN_PROGRESS, AdoptionStatus.DROPPED},
    AdoptionStatus.IN_PROGRESS: {AdoptionStatus.ADOPTED, AdoptionStatus.DROPPED},
    AdoptionStatus.ADOPTED: set(),
    AdoptionStatus.DROPPED: set(),
}
# Items whose target date still matters: past it, they are overdue.
ACTIVE_ADOPTION_STATES = frozenset({AdoptionStatus.APPROVED, AdoptionStatus.IN_PROGRESS})


def overdue_condition(today=None) -> Q:
    """An ATM item past its target date and neither adopted nor dropped."""
    today = today or timezone.localdate()
    return Q(status__in=ACTIVE_ADOPTION_STATES, target_date__lt=today)


# An item under way wants a progress note (a check-in) at least this often.
CHECKIN_INTERVAL = datetime.timedelta(days=30)


def checkin_due_condition(now=None) -> Q:
    """An approved or running ATM item unchanged for ``CHECKIN_INTERVAL`` and
    without a check-in dated within it: it wants a progress note."""
    now = now or timezone.now()
    since = now - CHECKIN_INTERVAL
    recent = CheckIn.objects.filter(item=OuterRef("pk"), date__gt=timezone.localdate(since))
    return Q(status__in=ACTIVE_ADOPTION_STATES, updated_at__lt=since) & ~Exists(recent)


class AdoptionItemQuerySet(models.QuerySet):
    def overdue(self, today=None):
        return self.filter(overdue_condition(today))

    def checkin_due(self, now=None):
        return self.filter(checkin_due_condition(now))


class AdoptionItem(models.Model):
    """One line of the learning agency's ATM plan (Amati, Tiru, Modifikasi)."""

    report = models.ForeignKey(
        Report, on_delete=models.PROTECT, related_name="adoption_items", verbose_name=_("laporan")
    )
    topic = models.ForeignKey(
        Topic, on_delete=models.PROTECT, related_name="+", verbose_name=_("topik")
    )
    observe = models.TextField(_("amati"), help_text=_("Apa yang diamati di tuan rumah."))
    replicate = models.TextField(_("tiru"), help_text=_("Apa yang akan ditiru."))
    modify = models.TextField(
        _("modifikasi"), help_text=_("Bagaimana disesuaikan dengan kondisi daerah sendiri.")
    )
    division = models.ForeignKey(
        Division,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="adoption_items",
        verbose_name=_("bidang penanggung jawab"),
    )
    target_date = models.DateField(_("target selesai"))
    success_indicator = models.TextField(_("indikator keberhasilan"))
    status = models.CharField(
        _("status"), max_length=20, choices=AdoptionStatus, default=AdoptionStatus.PROPOSED
    )
    order = models.PositiveSmallIntegerField(_("urutan"), default=0)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("dibuat oleh"),
    )
    created_at = models.DateTimeField(_("dibuat"), default=timezone.now)
    updated_at = models.DateTimeField(_("diubah"), auto_now=True)

    objects = AdoptionItemQuerySet.as_manager()
    history = tracked(excluded_fields=["updated_at"])

    class Meta:
        ordering = ["report_id", "order", "id"]
        verbose_name = _("butir rencana ATM")
        verbose_name_plural = _("butir rencana ATM")
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=AdoptionStatus.values),
                name="reports_adoptionitem_status_valid",
            ),
        ]
        indexes = [models.Index(fields=["status", "target_date"])]

    def __str__(self):
        return f"{self.topic.code}: {self.replicate[:60]}"

    def can_move_to(self, status) -> bool:
        return status in ADOPTION_TRANSITIONS[AdoptionStatus(self.status)]

    @property
    def is_overdue(self):
        return self.status in ACTIVE_ADOPTION_STATES and self.target_date < timezone.localdate()


class AdoptionEvent(TimelineEvent):
    """One step of an ATM item's lifecycle, with the reviewer's comment."""

    item = models.ForeignKey(
        AdoptionItem, on_delete=models.CASCADE, related_name="events", verbose_name=_("butir")
    )
    from_status = models.CharField(_("dari"), max_length=20, choices=AdoptionStatus, blank=True)
    to_status = models.CharField(_("menjadi"), max_length=20, choices=AdoptionStatus)

    class Meta:
        ordering = ["item_id", "created_at", "id"]
        verbose_name = _("riwayat butir ATM")
        verbose_name_plural = _("riwayat butir ATM")

    def __str__(self):
        return f"{self.item_id}: {super().__str__()}"


class CheckIn(models.Model):
    """A dated progress note on an ATM item, optionally with evidence
    (a PDF or an image, checked by content)."""

    item = models.ForeignKey(
        AdoptionItem, on_delete=models.CASCADE, related_name="check_ins", verbose_name=_("butir")
    )
    date = models.DateField(_("tanggal"))
    note = models.TextField(_("catatan kemajuan"))
    evidence = models.FileField(_("bukti"), upload_to="reports/evidence/", blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("oleh"),
    )
    created_at = models.DateTimeField(_("dicatat"), default=timezone.now)

    history = tracked()

    class Meta:
        ordering = ["item_id", "-date", "-id"]
        verbose_name = _("catatan kemajuan")
        verbose_name_plural = _("catatan kemajuan")

    def __str__(self):
        return f"{self.date}: {self.note[:60]}"
