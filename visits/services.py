"""Every write that changes a visit's lifecycle goes through this module: it
checks the transition, changes the state and writes the timeline event in one
transaction."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import Visit, VisitEvent, VisitStatus


def move_visit(
    *, visit: Visit, to_status: VisitStatus, by, comment: str = "", at=None
) -> VisitEvent:
    """Move ``visit`` to ``to_status`` along the lifecycle and record who did it.

    Raises ``ValidationError`` when the lifecycle does not allow the step.
    Permission checks belong to the callers (the named actions and the demo
    loader); this is the one place where the state and the timeline change.
    """
    with transaction.atomic():
        locked = Visit.objects.select_for_update().get(pk=visit.pk)
        if not locked.can_move_to(to_status):
            raise ValidationError(
                _("Kunjungan berstatus %(from)s tidak dapat diubah menjadi %(to)s.")
                % {"from": locked.get_status_display(), "to": VisitStatus(to_status).label}
            )
        event = VisitEvent.objects.create(
            visit=locked,
            actor=by,
            actor_agency=getattr(getattr(by, "membership", None), "agency", None),
            created_at=at or timezone.now(),
            from_status=locked.status,
            to_status=to_status,
            comment=comment,
        )
        locked.status = to_status
        locked.save(update_fields=["status", "updated_at"])
    visit.status = to_status
    return event
