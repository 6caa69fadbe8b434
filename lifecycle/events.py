"""The timeline entry every lifecycle writes, whatever moved."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class TimelineEvent(models.Model):
    """A step in a lifecycle: who took it, when, and their comment. Each
    subclass names what moved and between which of its states. Written by
    the services only, never edited.

    Abstract, so it needs no app of its own: its fields belong to the
    subclass's table."""

    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("oleh"),
    )
    created_at = models.DateTimeField(_("waktu"), default=timezone.now)
    comment = models.TextField(_("catatan"), blank=True)

    class Meta:
        abstract = True

    def __str__(self):
        return f"{self.from_status} → {self.to_status}"
