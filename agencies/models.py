"""Who: regions of Indonesia, the social-service agencies (Dinas Sosial) in
them, their divisions, the people who work there, the topics they learn from
each other and the practices they can show visitors."""

import datetime
import uuid
import zoneinfo
from pathlib import PurePath

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.db.models.expressions import RawSQL
from django.db.models.functions import Length, Lower
from django.db.models.lookups import Exact
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from history.records import tracked

from .validators import validate_nip


class TimeZone(models.TextChoices):
    WIB = "WIB", _("WIB (Waktu Indonesia Barat)")
    WITA = "WITA", _("WITA (Waktu Indonesia Tengah)")
    WIT = "WIT", _("WIT (Waktu Indonesia Timur)")


TIME_ZONE_NAMES = {
    TimeZone.WIB: "Asia/Jakarta",
    TimeZone.WITA: "Asia/Makassar",
    TimeZone.WIT: "Asia/Jayapura",
}


class Province(models.Model):
    """One of Indonesia's 38 provinces, with its Kemendagri code ("33")."""

    code = models.CharField(_("kode Kemendagri"), max_length=2, unique=True)
    name = models.CharField(_("nama"), max_length=100)
    time_zone = models.CharField(_("zona waktu"), max_length=4, choices=TimeZone)

    class Meta:
        ordering = ["code"]
        verbose_name = _("provinsi")
        verbose_name_plural = _("provinsi")
        constraints = [
            models.CheckConstraint(
                condition=Q(time_zone__in=TimeZone.values),
                name="agencies_province_time_zone_valid",
            ),
        ]

    def __str__(self):
        return self.name

    @property
    def tzinfo(self):
        return zoneinfo.ZoneInfo(TIME_ZONE_NAMES[self.time_zone])


class RegencyKind(models.TextChoices):
    KABUPATEN = "kabupaten", _("Kabupaten")
    KOTA = "kota", _("Kota")


class Regency(models.Model):
    """A kabupaten or kota with its Kemendagri code ("33.71")."""

    province = models.ForeignKey(
        Province, on_delete=models.PROTECT, related_name="regencies", verbose_name=_("provinsi")
    )
    code = models.CharField(_("kode Kemendagri"), max_length=5, unique=True)
    name = models.CharField(_("nama"), max_length=100)
    kind = models.CharField(_("jenis"), max_length=10, choices=RegencyKind)

    class Meta:
        ordering = ["code"]
        verbose_name = _("kabupaten/kota")
        verbose_name_plural = _("kabupaten/kota")
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=RegencyKind.values), name="agencies_regency_kind_valid"
            ),
        ]

    def __str__(self):
        return self.name


class AgencyLevel(models.TextChoices):
    PROVINCE = "provinsi", _("Provinsi")
    KABUPATEN = "kabupaten", _("Kabupaten")
    KOTA = "kota", _("Kota")


def logo_path(agency, filename):
    """A new name for every uploaded logo, never the previous one's: the PDF
    documents are cached by their HTML, which names the logo's file
    (``reports.pdf``), and storages such as S3 overwrite a reused name."""
    return f"agencies/logos/{uuid.uuid4().hex}{PurePath(filename).suffix.lower()}"


class Agency(models.Model):
    """A social-service agency (Dinas Sosial) of a province or a kabupaten/kota."""

    name = models.CharField(_("nama"), max_length=200, unique=True)
    short_name = models.CharField(
        _("nama singkat"), max_length=60, blank=True, help_text=_("Misalnya: Dinsos Kota Magelang.")
    )
    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    level = models.CharField(_("tingkat"), max_length=10, choices=AgencyLevel)
    province = models.ForeignKey(
        Province, on_delete=models.PROTECT, related_name="agencies", verbose_name=_("provinsi")
    )
    regency = models.ForeignKey(
        Regency,
        on_delete=models.PROTECT,
        related_name="agencies",
        null=True,
        blank=True,
        verbose_name=_("kabupaten/kota"),
        help_text=_("Kosong untuk dinas tingkat provinsi."),
    )
    address = models.TextField(_("alamat"), blank=True)
    phone = models.CharField(_("telepon"), max_length=40, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    website = models.URLField(_("situs web"), blank=True)
    logo = models.ImageField(_("logo"), upload_to=logo_path, blank=True)
    letterhead = models.TextField(
        _("kop surat"),
        blank=True,
        help_text=_("Baris-baris kop surat, satu per baris, dari atas ke bawah."),
    )
    # Where its documents are signed; empty: its region's seat (agencies.regions).
    signing_place = models.CharField(_("tempat penandatanganan"), max_length=100, blank=True)
    is_active = models.BooleanField(_("aktif"), default=True)
    created_at = models.DateTimeField(_("dibuat"), auto_now_add=True)

    history = tracked()

    class Meta:
        ordering = ["name"]
        verbose_name = _("instansi")
        verbose_name_plural = _("instansi")
        constraints = [
            models.CheckConstraint(
                condition=Q(level__in=AgencyLevel.values), name="agencies_agency_level_valid"
            ),
            # A provincial agency has no kabupaten/kota; every other one has one.
            models.CheckConstraint(
                condition=(
                    Q(level=AgencyLevel.PROVINCE, regency__isnull=True)
                    | (~Q(level=AgencyLevel.PROVINCE) & Q(regency__isnull=False))
                ),
                name="agencies_agency_region_matches_level",
            ),
            # One Dinas Sosial per region.
            models.UniqueConstraint(
                fields=["regency"],
                condition=Q(regency__isnull=False),
                name="agencies_agency_one_per_regency",
            ),
            models.UniqueConstraint(
                fields=["province"],
                condition=Q(level=AgencyLevel.PROVINCE),
                name="agencies_agency_one_per_province",
            ),
        ]

    def __str__(self):
        return self.name

    def clean(self):
        if not self.regency_id:
            return
        if self.province_id and self.regency.province_id != self.province_id:
            raise ValidationError(
                {"regency": _("Kabupaten/kota ini tidak berada di provinsi yang dipilih.")}
            )
        if self.level != self.regency.kind:
            raise ValidationError(
                {"level": _("Tingkat instansi harus sesuai dengan jenis kabupaten/kota.")}
            )

    @property
    def display_name(self):
        return self.short_name or self.name

    @property
    def time_zone(self):
        """WIB, WITA or WIT: the zone of the agency's province."""
        return self.province.time_zone

    @property
    def tzinfo(self):
        return self.province.tzinfo

    @property
    def letterhead_lines(self):
        return [line.strip() for line in self.letterhead.splitlines() if line.strip()]


class Division(models.Model):
    """A division (bidang, sekretariat, UPT) of an agency."""

    agency = models.ForeignKey(
        Agency, on_delete=models.CASCADE, related_name="divisions", verbose_name=_("instansi")
    )
    name = models.CharField(_("nama"), max_length=200)

    class Meta:
        ordering = ["agency_id", "name"]
        verbose_name = _("bidang")
        verbose_name_plural = _("bidang")
        constraints = [
            models.UniqueConstraint(
                fields=["agency", "name"], name="agencies_division_unique_name_per_agency"
            ),
        ]

    def __str__(self):
        return self.name


class UserManager(BaseUserManager):
    use_in_migrations = True

    def _create_user(self, email, password, **extra_fields):
        if not email:
            raise ValueError("An e-mail address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", True)
        extra_fields.setdefault("is_superuser", True)
        return self._create_user(email, password, **extra_fields)


class User(AbstractBaseUser, PermissionsMixin):
    """A person who logs in with an e-mail address. Indonesian names do not
    split into first and last names, so there is one name field."""

    email = models.EmailField(_("e-mail"), unique=True)
    name = models.CharField(_("nama lengkap"), max_length=150, blank=True)
    is_staff = models.BooleanField(
        _("akses admin"),
        default=False,
        help_text=_("Boleh masuk ke halaman administrasi."),
    )
    is_active = models.BooleanField(_("aktif"), default=True)
    date_joined = models.DateTimeField(_("terdaftar"), default=timezone.now)
    # Chosen with the language switch: their e-mails and pages follow it.
    language = models.CharField(_("bahasa"), max_length=8, choices=settings.LANGUAGES, default="id")

    objects = UserManager()
    # Not the password hash, nor the time of the last login (a login is no
    # change of the account, and writes no historical row), nor a preference.
    history = tracked(excluded_fields=["password", "last_login", "language"])

    EMAIL_FIELD = "email"
    USERNAME_FIELD = "email"
    REQUIRED_FIELDS = ["name"]

    class Meta:
        ordering = ["email"]
        verbose_name = _("pengguna")
        verbose_name_plural = _("pengguna")
        constraints = [
            # Addresses are stored lower-case; this makes it a rule.
            models.UniqueConstraint(Lower("email"), name="agencies_user_email_ci_unique"),
        ]

    def __str__(self):
        return self.name or self.email

    def get_full_name(self):
        return self.name or self.email

    def get_short_name(self):
        return self.name or self.email


class Role(models.TextChoices):
    STAFF = "staff", _("Staf / koordinator")
    PENYULUH = "penyuluh", _("Penyuluh sosial")
    HEAD = "head", _("Kepala bidang / kepala dinas")
    ADMIN = "admin", _("Admin")


class Membership(models.Model):
    """A user's place in one agency: division, position (jabatan) and role."""

    user = models.OneToOneField(
        User, on_delete=models.CASCADE, related_name="membership", verbose_name=_("pengguna")
    )
    agency = models.ForeignKey(
        Agency, on_delete=models.PROTECT, related_name="memberships", verbose_name=_("instansi")
    )
    division = models.ForeignKey(
        Division,
        on_delete=models.SET_NULL,
        related_name="memberships",
        null=True,
        blank=True,
        verbose_name=_("bidang"),
    )
    position = models.CharField(
        _("jabatan"),
        max_length=200,
        blank=True,
        help_text=_("Misalnya: Penyuluh Sosial Ahli Muda."),
    )
    role = models.CharField(_("peran"), max_length=10, choices=Role, default=Role.STAFF)
    nip = models.CharField(
        _("NIP"), max_length=18, blank=True, validators=[validate_nip], help_text=_("18 angka.")
    )
    created_at = models.DateTimeField(_("dibuat"), auto_now_add=True)

    history = tracked()

    class Meta:
        ordering = ["agency_id", "id"]
        verbose_name = _("keanggotaan")
        verbose_name_plural = _("keanggotaan")
        constraints = [
            models.CheckConstraint(
                condition=Q(role__in=Role.values), name="agencies_membership_role_valid"
            ),
            models.CheckConstraint(
                condition=Q(nip="") | Q(Exact(Length("nip"), 18)),
                name="agencies_membership_nip_18_chars",
            ),
        ]

    def __str__(self):
        return f"{self.user} — {self.agency}"

    def clean(self):
        if self.division_id and self.agency_id and self.division.agency_id != self.agency_id:
            raise ValidationError(
                {"division": _("Bidang ini bukan bagian dari instansi tersebut.")}
            )


class TopicQuerySet(models.QuerySet):
    def lineage(self, *topics):
        """``topics`` and every topic they were renamed from or into, however long
        the chain: who looks for DTSEN finds what was filed under DTKS, and back.

        The database walks the renamings both ways in a recursive query
        (PostgreSQL and SQLite have one); ``UNION`` skips the topics already
        found, so even a cycle ends. In a filter (``topic__in=lineage(…)``) it
        is a subquery: no query of its own, whatever the length of the chain."""
        ids = [topic.pk for topic in topics if topic is not None]
        if not ids:
            return self.none()
        meta = self.model._meta
        table, pk = meta.db_table, meta.pk.column
        successor = meta.get_field("successor").column
        placeholders = ", ".join(["%s"] * len(ids))
        walk = (
            f"WITH RECURSIVE renaming (topic, other) AS ("
            f" SELECT {pk}, {successor} FROM {table} WHERE {successor} IS NOT NULL"
            f" UNION ALL SELECT {successor}, {pk} FROM {table} WHERE {successor} IS NOT NULL"
            f"), lineage (topic) AS ("
            f" SELECT {pk} FROM {table} WHERE {pk} IN ({placeholders})"
            f" UNION SELECT renaming.other FROM renaming"
            f" JOIN lineage ON renaming.topic = lineage.topic"
            f") SELECT topic FROM lineage"
        )
        return self.filter(pk__in=RawSQL(walk, ids))


class Topic(models.Model):
    """A subject agencies learn from each other (FTJSLP, DTKS, SLRT…).

    Programmes get renamed: a topic may name its successor (DTKS → DTSEN) and
    list aliases, so that old reports stay findable under the new name
    (``Topic.objects.lineage``)."""

    code = models.CharField(_("kode"), max_length=20, unique=True)
    name = models.CharField(_("nama"), max_length=200)
    description = models.TextField(_("uraian"), blank=True)
    legal_basis = models.CharField(_("dasar hukum"), max_length=300, blank=True)
    aliases = models.JSONField(
        _("nama lain"), default=list, blank=True, help_text=_("Singkatan atau nama lama.")
    )
    successor = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="predecessors",
        verbose_name=_("digantikan oleh"),
    )
    is_active = models.BooleanField(_("aktif"), default=True)

    objects = TopicQuerySet.as_manager()

    class Meta:
        # The catalogue began in the visits app; its table kept the name.
        db_table = "visits_topic"
        ordering = ["code"]
        verbose_name = _("topik")
        verbose_name_plural = _("topik")
        constraints = [
            models.CheckConstraint(
                condition=~Q(successor=F("pk")), name="visits_topic_not_own_successor"
            ),
        ]

    def __str__(self):
        return f"{self.code} — {self.name}"


class GoodPractice(models.Model):
    """A practice an agency does well and can show visitors, by topic
    (e.g. Kota Malang: "SLRT terintegrasi Puskesos kelurahan")."""

    agency = models.ForeignKey(
        Agency, on_delete=models.CASCADE, related_name="good_practices", verbose_name=_("instansi")
    )
    topic = models.ForeignKey(
        Topic,
        on_delete=models.PROTECT,
        related_name="good_practices",
        verbose_name=_("topik"),
    )
    title = models.CharField(_("judul"), max_length=200)
    description = models.TextField(_("uraian"), blank=True)
    location = models.CharField(
        _("lokasi"), max_length=200, blank=True, help_text=_("Tempat praktik ini dapat dilihat.")
    )
    contact = models.CharField(_("narahubung"), max_length=200, blank=True)
    is_active = models.BooleanField(_("ditampilkan"), default=True)
    created_at = models.DateTimeField(_("dibuat"), auto_now_add=True)

    history = tracked()

    class Meta:
        ordering = ["agency_id", "title"]
        verbose_name = _("praktik baik")
        verbose_name_plural = _("praktik baik")
        constraints = [
            models.UniqueConstraint(
                fields=["agency", "topic", "title"], name="agencies_goodpractice_unique_title"
            ),
        ]

    def __str__(self):
        return self.title


class InvitationQuerySet(models.QuerySet):
    def open(self):
        """Neither accepted nor revoked (it may have expired)."""
        return self.filter(accepted_at__isnull=True, revoked_at__isnull=True)

    def pending(self, now=None):
        """Open and not yet expired: the link still works."""
        return self.open().filter(expires_at__gt=now or timezone.now())


class Invitation(models.Model):
    """An invitation into an agency: a coordinator names the person, their role,
    division and position, and the invitee sets a password from the e-mailed
    link. Only a hash of the link's secret is stored; the secret itself exists
    only in the e-mail (see ``agencies.services``)."""

    # How long an invitation link works.
    VALID_FOR = datetime.timedelta(days=14)

    agency = models.ForeignKey(
        Agency, on_delete=models.CASCADE, related_name="invitations", verbose_name=_("instansi")
    )
    email = models.EmailField(_("e-mail"))
    name = models.CharField(_("nama lengkap"), max_length=150)
    role = models.CharField(_("peran"), max_length=10, choices=Role, default=Role.STAFF)
    division = models.ForeignKey(
        Division,
        on_delete=models.SET_NULL,
        related_name="invitations",
        null=True,
        blank=True,
        verbose_name=_("bidang"),
    )
    position = models.CharField(_("jabatan"), max_length=200, blank=True)
    invited_by = models.ForeignKey(
        User,
        on_delete=models.SET_NULL,
        related_name="invitations_sent",
        null=True,
        blank=True,
        verbose_name=_("diundang oleh"),
    )
    # SHA-256 of the secret in the link; empty until the first e-mail is sent.
    token_hash = models.CharField(_("sidik token"), max_length=64, blank=True, default="")
    created_at = models.DateTimeField(_("dibuat"), default=timezone.now)
    sent_at = models.DateTimeField(_("terakhir dikirim"), null=True, blank=True)
    expires_at = models.DateTimeField(_("berlaku hingga"))
    accepted_at = models.DateTimeField(_("diterima"), null=True, blank=True)
    user = models.ForeignKey(
        User,
        on_delete=models.SET_NULL,
        related_name="+",
        null=True,
        blank=True,
        verbose_name=_("akun yang dibuat"),
    )
    revoked_at = models.DateTimeField(_("dibatalkan"), null=True, blank=True)
    revoked_by = models.ForeignKey(
        User,
        on_delete=models.SET_NULL,
        related_name="+",
        null=True,
        blank=True,
        verbose_name=_("dibatalkan oleh"),
    )

    objects = InvitationQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("undangan")
        verbose_name_plural = _("undangan")
        constraints = [
            models.CheckConstraint(
                condition=Q(role__in=Role.values), name="agencies_invitation_role_valid"
            ),
            # Addresses are stored lower-case, like User.email.
            models.CheckConstraint(
                condition=Q(email=Lower("email")), name="agencies_invitation_email_lower_case"
            ),
            models.CheckConstraint(
                condition=Q(expires_at__gt=models.F("created_at")),
                name="agencies_invitation_expires_after_creation",
            ),
            # Accepted or revoked, never both.
            models.CheckConstraint(
                condition=Q(accepted_at__isnull=True) | Q(revoked_at__isnull=True),
                name="agencies_invitation_not_accepted_and_revoked",
            ),
            # The link lookup: one invitation per secret.
            models.UniqueConstraint(
                fields=["token_hash"],
                condition=~Q(token_hash=""),
                name="agencies_invitation_token_hash_unique",
            ),
            # At most one open invitation per address (a person joins one
            # agency); also serves "is this address already invited?".
            models.UniqueConstraint(
                fields=["email"],
                condition=Q(accepted_at__isnull=True, revoked_at__isnull=True),
                name="agencies_invitation_one_open_per_email",
            ),
        ]
        indexes = [
            # The team page: an agency's open invitations, newest first.
            models.Index(
                fields=["agency", "-created_at"],
                condition=Q(accepted_at__isnull=True, revoked_at__isnull=True),
                name="agencies_invitation_open_idx",
            ),
        ]

    def __str__(self):
        return f"{self.name} <{self.email}> — {self.agency}"

    def clean(self):
        if self.division_id and self.agency_id and self.division.agency_id != self.agency_id:
            raise ValidationError(
                {"division": _("Bidang ini bukan bagian dari instansi tersebut.")}
            )

    @property
    def is_expired(self):
        return self.expires_at <= timezone.now()

    @property
    def is_pending(self):
        return self.accepted_at is None and self.revoked_at is None and not self.is_expired
