"""The visit itself and its lifecycle, its topics, the delegation, the agenda
and the timeline of everything that happened to it."""

import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Coalesce, Length
from django.db.models.lookups import Exact
from django.utils.translation import gettext_lazy as _

from agencies.models import Agency, Topic
from agencies.validators import validate_nip
from history.records import tracked
from lifecycle.events import TimelineEvent


class VisitStatus(models.TextChoices):
    DRAFT = "draft", _("Draf")
    REQUESTED = "requested", _("Diajukan")
    DATE_PROPOSED = "date_proposed", _("Tanggal lain diusulkan")
    SCHEDULED = "scheduled", _("Terjadwal")
    DECLINED = "declined", _("Ditolak")
    HELD = "held", _("Terlaksana")
    REPORTED = "reported", _("Dilaporkan")
    CANCELLED = "cancelled", _("Dibatalkan")


# Visits that will not or did not take place: the calendar leaves them out.
OFF_CALENDAR_STATES = frozenset({VisitStatus.CANCELLED, VisitStatus.DECLINED})

# The lifecycle of DESIGN.md: each state and the states it may move to.
# Cancelling is possible from every state before "held".
VISIT_TRANSITIONS = {
    VisitStatus.DRAFT: {VisitStatus.REQUESTED, VisitStatus.CANCELLED},
    VisitStatus.REQUESTED: {
        VisitStatus.SCHEDULED,
        VisitStatus.DECLINED,
        VisitStatus.DATE_PROPOSED,
        VisitStatus.DRAFT,
        VisitStatus.CANCELLED,
    },
    VisitStatus.DATE_PROPOSED: {
        VisitStatus.SCHEDULED,
        VisitStatus.REQUESTED,
        VisitStatus.CANCELLED,
    },
    VisitStatus.SCHEDULED: {VisitStatus.HELD, VisitStatus.CANCELLED},
    VisitStatus.HELD: {VisitStatus.REPORTED},
    VisitStatus.DECLINED: set(),
    VisitStatus.REPORTED: set(),
    VisitStatus.CANCELLED: set(),
}


class VisitQuerySet(models.QuerySet):
    def for_agency(self, agency):
        """Visits the agency hosts or makes."""
        return self.filter(Q(host=agency) | Q(visitor=agency))

    def with_agencies(self):
        return self.select_related(
            "host__province", "host__regency", "visitor__province", "visitor__regency"
        )

    def on_calendar(self):
        """Visits that still take place or took place: not cancelled or declined."""
        return self.exclude(status__in=OFF_CALENDAR_STATES)

    def overlapping(self, start, end):
        """Visits that take place, at least partly, between ``start`` (included)
        and ``end`` (excluded): a month of the calendar, a period of the list."""
        return self.filter(start__lt=end, end__gte=start)

    def with_delegation_size(self):
        """Annotate ``delegation_size``: the number of people in the visiting
        delegation, counted in a subquery (no join that would multiply rows)."""
        size = (
            Participant.objects.filter(visit=models.OuterRef("pk"), side=Side.VISITOR)
            .order_by()
            .values("visit")
            .annotate(n=models.Count("pk"))
            .values("n")
        )
        return self.annotate(
            delegation_size=Coalesce(models.Subquery(size), 0, output_field=models.IntegerField())
        )

    def with_topics(self):
        """Prefetch the visit's topics (``visit.visit_topics.all``) with their topic."""
        return self.prefetch_related(
            models.Prefetch("visit_topics", queryset=VisitTopic.objects.select_related("topic"))
        )


def letter_path(visit, filename):
    """A random name for every stored letter: the name of the uploaded file
    (often the letter's number and the agencies' names) stays out of the
    storage, and a new scan never takes the name of another. Letters are
    PDFs (``visits.forms.LetterField`` checks them by their header)."""
    return f"visits/letters/{uuid.uuid4().hex}.pdf"


class Visit(models.Model):
    """A study visit of one agency (the visitor) to another (the host)."""

    host = models.ForeignKey(
        Agency,
        on_delete=models.PROTECT,
        related_name="hosted_visits",
        verbose_name=_("tuan rumah"),
    )
    visitor = models.ForeignKey(
        Agency,
        on_delete=models.PROTECT,
        related_name="visits_made",
        verbose_name=_("instansi pengunjung"),
    )
    title = models.CharField(
        _("judul"),
        max_length=250,
        help_text=_("Misalnya: Studi tiru penguatan SLRT."),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=VisitStatus, default=VisitStatus.DRAFT
    )
    start = models.DateTimeField(_("mulai"))
    end = models.DateTimeField(_("selesai"))
    # Set while the host proposes another date, until the visitor answers.
    proposed_start = models.DateTimeField(_("usulan mulai"), null=True, blank=True)
    proposed_end = models.DateTimeField(_("usulan selesai"), null=True, blank=True)
    purpose = models.TextField(_("maksud dan tujuan"), blank=True)
    basis = models.TextField(
        _("dasar"), blank=True, help_text=_("Surat, Perda atau peraturan yang menjadi dasar.")
    )
    request_letter_number = models.CharField(
        _("nomor surat permohonan"), max_length=100, blank=True
    )
    request_letter_date = models.DateField(_("tanggal surat permohonan"), null=True, blank=True)
    request_letter_file = models.FileField(
        _("berkas surat permohonan"), upload_to=letter_path, blank=True
    )
    reply_letter_number = models.CharField(_("nomor surat balasan"), max_length=100, blank=True)
    reply_letter_date = models.DateField(_("tanggal surat balasan"), null=True, blank=True)
    reply_letter_file = models.FileField(
        _("berkas surat balasan"), upload_to=letter_path, blank=True
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("dibuat oleh"),
    )
    created_at = models.DateTimeField(_("dibuat"), auto_now_add=True)
    updated_at = models.DateTimeField(_("diubah"), auto_now=True)

    objects = VisitQuerySet.as_manager()
    history = tracked(excluded_fields=["updated_at"])

    class Meta:
        ordering = ["-start"]
        verbose_name = _("kunjungan")
        verbose_name_plural = _("kunjungan")
        constraints = [
            models.CheckConstraint(
                condition=~Q(host=F("visitor")), name="visits_visit_host_not_visitor"
            ),
            models.CheckConstraint(
                condition=Q(end__gte=F("start")), name="visits_visit_end_not_before_start"
            ),
            models.CheckConstraint(
                condition=Q(status__in=VisitStatus.values), name="visits_visit_status_valid"
            ),
            models.CheckConstraint(
                condition=(
                    Q(proposed_start__isnull=True, proposed_end__isnull=True)
                    | Q(
                        proposed_start__isnull=False,
                        proposed_end__isnull=False,
                        proposed_end__gte=F("proposed_start"),
                    )
                ),
                name="visits_visit_proposed_dates_complete",
            ),
        ]
        indexes = [
            # An agency's visit lists and calendar, newest first.
            models.Index(fields=["host", "-start"], name="visits_visit_host_start"),
            models.Index(fields=["visitor", "-start"], name="visits_visit_visitor_start"),
            # What waits on the dashboard: an agency's visits in a few states
            # (and the recent ones among those held), without reading its history.
            models.Index(fields=["host", "status", "start"], name="visits_visit_host_status"),
            models.Index(fields=["visitor", "status", "start"], name="visits_visit_visitor_status"),
        ]

    def __str__(self):
        return f"{self.visitor.display_name} → {self.host.display_name}: {self.title}"

    def clean(self):
        errors = {}
        if self.host_id and self.host_id == self.visitor_id:
            errors["host"] = _("Instansi tidak dapat berkunjung ke dirinya sendiri.")
        if self.start and self.end and self.end < self.start:
            errors["end"] = _("Waktu selesai tidak boleh sebelum waktu mulai.")
        if errors:
            raise ValidationError(errors)

    def can_move_to(self, status):
        return status in VISIT_TRANSITIONS[VisitStatus(self.status)]

    @property
    def delegation(self):
        return self.participants.filter(side=Side.VISITOR)


class VisitTopic(models.Model):
    """A topic of a visit, with the questions the visitors bring for it."""

    visit = models.ForeignKey(
        Visit, on_delete=models.CASCADE, related_name="visit_topics", verbose_name=_("kunjungan")
    )
    topic = models.ForeignKey(
        Topic, on_delete=models.PROTECT, related_name="visit_topics", verbose_name=_("topik")
    )
    questions = models.TextField(
        _("pertanyaan"),
        blank=True,
        help_text=_("Pertanyaan yang dibawa rombongan, satu per baris."),
    )
    order = models.PositiveSmallIntegerField(_("urutan"), default=0)

    history = tracked()

    class Meta:
        ordering = ["visit_id", "order", "id"]
        verbose_name = _("topik kunjungan")
        verbose_name_plural = _("topik kunjungan")
        constraints = [
            models.UniqueConstraint(fields=["visit", "topic"], name="visits_visittopic_unique"),
        ]

    def __str__(self):
        return str(self.topic)

    @property
    def question_list(self):
        return [line.strip() for line in self.questions.splitlines() if line.strip()]


class VenueKind(models.TextChoices):
    OFFICE = "office", _("Kantor / aula")
    FIELD = "field", _("Lokasi lapangan")


class Venue(models.Model):
    """A place of the visit: the host's hall, or a field site such as a kelurahan."""

    visit = models.ForeignKey(
        Visit, on_delete=models.CASCADE, related_name="venues", verbose_name=_("kunjungan")
    )
    kind = models.CharField(_("jenis"), max_length=10, choices=VenueKind, default=VenueKind.OFFICE)
    name = models.CharField(_("nama tempat"), max_length=200)
    address = models.CharField(_("alamat"), max_length=300, blank=True)
    order = models.PositiveSmallIntegerField(_("urutan"), default=0)

    history = tracked()

    class Meta:
        ordering = ["visit_id", "order", "id"]
        verbose_name = _("tempat")
        verbose_name_plural = _("tempat")
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=VenueKind.values), name="visits_venue_kind_valid"
            ),
        ]

    def __str__(self):
        return self.name


class AgendaKind(models.TextChoices):
    WELCOME = "welcome", _("Sambutan")
    PRESENTATION = "presentation", _("Paparan")
    DISCUSSION = "discussion", _("Diskusi")
    FIELD_VISIT = "field_visit", _("Kunjungan lapangan")
    OTHER = "other", _("Lainnya")


class AgendaItem(models.Model):
    """One item of a visit's agenda: welcome, presentation, discussion, field visit."""

    visit = models.ForeignKey(
        Visit, on_delete=models.CASCADE, related_name="agenda_items", verbose_name=_("kunjungan")
    )
    start = models.DateTimeField(_("mulai"))
    end = models.DateTimeField(_("selesai"), null=True, blank=True)
    kind = models.CharField(_("jenis"), max_length=20, choices=AgendaKind, default=AgendaKind.OTHER)
    title = models.CharField(_("acara"), max_length=250)
    place = models.CharField(_("tempat"), max_length=200, blank=True)
    speaker = models.CharField(_("pembicara"), max_length=200, blank=True)

    history = tracked()

    class Meta:
        ordering = ["visit_id", "start", "id"]
        verbose_name = _("acara")
        verbose_name_plural = _("agenda")
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=AgendaKind.values), name="visits_agendaitem_kind_valid"
            ),
            models.CheckConstraint(
                condition=Q(end__isnull=True) | Q(end__gte=F("start")),
                name="visits_agendaitem_end_not_before_start",
            ),
        ]

    def __str__(self):
        return self.title


class Side(models.TextChoices):
    VISITOR = "visitor", _("Rombongan pengunjung")
    HOST = "host", _("Tuan rumah")


class DelegationRole(models.TextChoices):
    HEAD = "head", _("Ketua rombongan")
    MEMBER = "member", _("Anggota rombongan")
    RECEIVING_OFFICIAL = "receiving", _("Pejabat penerima")
    SPEAKER = "speaker", _("Narasumber")
    HOST_STAFF = "host_staff", _("Pendamping tuan rumah")


VISITOR_ROLES = [DelegationRole.HEAD, DelegationRole.MEMBER]


class EmploymentType(models.TextChoices):
    PNS = "pns", _("PNS")
    PPPK = "pppk", _("PPPK")
    NON_ASN = "non_asn", _("Non-ASN")


class ContactErasure(models.TextChoices):
    """Why a participant's NIP, phone and e-mail were erased (UU PDP)."""

    RETENTION = "retention", _("dihapus sesuai masa retensi")
    REQUEST = "request", _("dihapus atas permintaan yang bersangkutan")


class Participant(models.Model):
    """A person at the visit: a member of the visiting delegation or one of the
    host's officials. NIP, phone and e-mail are personal data (UU PDP): only the
    two agencies of the visit may see them, and they are erased once the
    retention period ends or the person asks (``contact_erased_at``); the name
    and position stay as the historical record."""

    visit = models.ForeignKey(
        Visit, on_delete=models.CASCADE, related_name="participants", verbose_name=_("kunjungan")
    )
    side = models.CharField(_("pihak"), max_length=10, choices=Side, default=Side.VISITOR)
    role = models.CharField(
        _("peran"), max_length=20, choices=DelegationRole, default=DelegationRole.MEMBER
    )
    front_title = models.CharField(
        _("gelar depan"), max_length=40, blank=True, help_text=_("Misalnya: Drs.")
    )
    name = models.CharField(_("nama"), max_length=150)
    back_title = models.CharField(
        _("gelar belakang"), max_length=80, blank=True, help_text=_("Misalnya: S.E., M.Acc.")
    )
    position = models.CharField(_("jabatan"), max_length=200, blank=True)
    division = models.CharField(_("bidang / unit"), max_length=200, blank=True)
    employment_type = models.CharField(
        _("status kepegawaian"),
        max_length=10,
        choices=EmploymentType,
        default=EmploymentType.PNS,
    )
    nip = models.CharField(_("NIP"), max_length=18, blank=True, validators=[validate_nip])
    phone = models.CharField(_("telepon"), max_length=30, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    attended = models.BooleanField(_("hadir"), null=True, blank=True)
    order = models.PositiveIntegerField(_("urutan"), default=0)
    # Set by visits.delegation.participants_erase_contacts, never cleared:
    # pages say why the cells are empty and forms stop asking for them.
    contact_erased_at = models.DateTimeField(_("kontak dihapus"), null=True, blank=True)
    contact_erasure = models.CharField(
        _("alasan penghapusan kontak"),
        max_length=10,
        choices=ContactErasure,
        blank=True,
        default="",
        # Bulk loaders that name their columns (demo.national_data) leave it out.
        db_default="",
    )

    history = tracked()

    class Meta:
        # "-side": the delegation ("visitor") before the host's officials.
        ordering = ["visit_id", "-side", "order", "id"]
        verbose_name = _("peserta")
        verbose_name_plural = _("peserta")
        constraints = [
            models.CheckConstraint(
                condition=Q(side__in=Side.values), name="visits_participant_side_valid"
            ),
            models.CheckConstraint(
                condition=(
                    Q(side=Side.VISITOR, role__in=VISITOR_ROLES)
                    | (Q(side=Side.HOST) & ~Q(role__in=VISITOR_ROLES))
                ),
                name="visits_participant_role_matches_side",
            ),
            models.CheckConstraint(
                condition=Q(employment_type__in=EmploymentType.values),
                name="visits_participant_employment_type_valid",
            ),
            models.CheckConstraint(
                condition=Q(nip="") | Q(Exact(Length("nip"), 18)),
                name="visits_participant_nip_18_chars",
            ),
            models.CheckConstraint(
                condition=Q(nip="") | ~Q(employment_type=EmploymentType.NON_ASN),
                name="visits_participant_non_asn_has_no_nip",
            ),
            # A delegation has at most one head.
            models.UniqueConstraint(
                fields=["visit"],
                condition=Q(role=DelegationRole.HEAD),
                name="visits_participant_one_head_per_visit",
            ),
            # One person once per visit, across both sides; an empty NIP
            # (Non-ASN, erased contacts) is no person. The service says it
            # in words first (visits.delegation.nip_taken).
            models.UniqueConstraint(
                fields=["visit", "nip"],
                condition=~Q(nip=""),
                name="visits_participant_nip_once_per_visit",
            ),
            # Erased means erased: no contact data, and a reason with the date.
            models.CheckConstraint(
                condition=Q(contact_erased_at__isnull=True, contact_erasure="")
                | Q(
                    contact_erased_at__isnull=False,
                    contact_erasure__in=ContactErasure.values,
                    nip="",
                    phone="",
                    email="",
                ),
                name="visits_participant_erased_contact_is_empty",
            ),
        ]

    def __str__(self):
        return self.full_name

    @property
    def full_name(self):
        """The name with its academic titles, as written on documents:
        "Drs. Hadi Sutopo", "Slamet Setyo Budi, S.E., M.Acc."."""
        name = f"{self.front_title} {self.name}".strip()
        return f"{name}, {self.back_title}" if self.back_title else name

    @property
    def contact_is_erased(self):
        return self.contact_erased_at is not None

    def clean(self):
        if self.nip and self.employment_type == EmploymentType.NON_ASN:
            raise ValidationError({"nip": _("Pegawai non-ASN tidak memiliki NIP.")})
        if self.contact_erased_at is not None and (self.nip or self.phone or self.email):
            raise ValidationError(
                _("NIP, telepon dan e-mail peserta ini telah dihapus dan tidak diisi lagi.")
            )


class VisitEvent(TimelineEvent):
    """One step of a visit's timeline: who moved it from which state to which,
    when, and why, and for which of the two agencies they acted."""

    visit = models.ForeignKey(
        Visit, on_delete=models.CASCADE, related_name="events", verbose_name=_("kunjungan")
    )
    actor_agency = models.ForeignKey(
        Agency,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("instansi"),
    )
    from_status = models.CharField(_("dari"), max_length=20, choices=VisitStatus, blank=True)
    to_status = models.CharField(_("menjadi"), max_length=20, choices=VisitStatus)

    class Meta:
        ordering = ["visit_id", "created_at", "id"]
        verbose_name = _("riwayat kunjungan")
        verbose_name_plural = _("riwayat kunjungan")
        constraints = [
            models.CheckConstraint(
                condition=Q(to_status__in=VisitStatus.values)
                & (Q(from_status="") | Q(from_status__in=VisitStatus.values)),
                name="visits_visitevent_statuses_valid",
            ),
        ]

    def __str__(self):
        return f"{self.get_from_status_display()} → {self.get_to_status_display()}"


class CalendarFeed(models.Model):
    """The secret address at which an agency's calendar program (Google
    Calendar, Outlook, Thunderbird) reads its visits as iCalendar.

    Whoever knows the token reads the feed without logging in, so the feed
    carries no personal data of participants, and a scheduler of the agency
    can revoke it: the old token stops working and a new one is issued
    (``visits.feeds.reset_calendar_feed``). Revoked rows are kept as history."""

    agency = models.ForeignKey(
        Agency, on_delete=models.CASCADE, related_name="calendar_feeds", verbose_name=_("instansi")
    )
    token = models.CharField(_("token"), max_length=64, unique=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("dibuat oleh"),
    )
    created_at = models.DateTimeField(_("dibuat"))
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("dicabut oleh"),
    )
    revoked_at = models.DateTimeField(_("dicabut"), null=True, blank=True)

    class Meta:
        ordering = ["agency_id", "-created_at", "-id"]
        verbose_name = _("langganan kalender")
        verbose_name_plural = _("langganan kalender")
        constraints = [
            # One working address per agency; the feed view finds it by token
            # (the unique index on ``token``).
            models.UniqueConstraint(
                fields=["agency"],
                condition=Q(revoked_at__isnull=True),
                name="visits_calendarfeed_one_active_per_agency",
            ),
            models.CheckConstraint(
                condition=Q(revoked_at__isnull=True) | Q(revoked_at__gte=F("created_at")),
                name="visits_calendarfeed_revoked_after_created",
            ),
        ]

    def __str__(self):
        return str(self.agency)

    @property
    def is_active(self):
        return self.revoked_at is None
