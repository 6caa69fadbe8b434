"""The record of what an agency did with one person's data on request (UU PDP
No. 27/2022): each export and each erasure, who did it, when and why.

Built on the three domain apps (it reads participants, accounts and reports)
and imported by none of them.

The record names the person by the names found and by a keyed digest of the
NIP or e-mail looked up (``privacy.lookup.subject_digest``), never by the
NIP or e-mail itself: a log of erasures that kept the erased contact data
would defeat it. The digest still lets the agency answer "was this person's
data exported or erased, and when?" when the person asks again.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from agencies.models import Agency


class RequestKind(models.TextChoices):
    EXPORT = "export", _("Ekspor data")
    ERASURE = "erasure", _("Penghapusan kontak")


class LookupKind(models.TextChoices):
    NIP = "nip", _("NIP")
    EMAIL = "email", _("E-mail")


class PersonalDataRequest(models.Model):
    """One export or erasure of one person's data by an agency admin."""

    agency = models.ForeignKey(
        Agency,
        on_delete=models.PROTECT,
        related_name="personal_data_requests",
        verbose_name=_("instansi"),
    )
    kind = models.CharField(_("jenis"), max_length=10, choices=RequestKind)
    lookup_kind = models.CharField(_("dicari dengan"), max_length=10, choices=LookupKind)
    # HMAC-SHA-256 of the normalised NIP or e-mail (see the module docstring).
    subject_digest = models.CharField(_("sidik subjek"), max_length=64)
    subject_names = models.CharField(_("nama subjek"), max_length=500, blank=True)
    reason = models.TextField(_("alasan"), blank=True)
    participants = models.PositiveIntegerField(_("baris peserta"), default=0)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("oleh"),
    )
    created_at = models.DateTimeField(_("waktu"), default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("permintaan data pribadi")
        verbose_name_plural = _("permintaan data pribadi")
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=RequestKind.values),
                name="privacy_personaldatarequest_kind_valid",
            ),
            models.CheckConstraint(
                condition=Q(lookup_kind__in=LookupKind.values),
                name="privacy_personaldatarequest_lookup_kind_valid",
            ),
            # An erasure says why.
            models.CheckConstraint(
                condition=~Q(kind=RequestKind.ERASURE) | ~Q(reason=""),
                name="privacy_personaldatarequest_erasure_has_reason",
            ),
        ]
        indexes = [
            # The agency's log page, newest first; and "what was done about
            # this person?" within it.
            models.Index(fields=["agency", "-created_at"], name="privacy_request_agency_idx"),
            models.Index(fields=["agency", "subject_digest"], name="privacy_request_subject_idx"),
        ]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.subject_names or self.subject_digest[:12]}"
