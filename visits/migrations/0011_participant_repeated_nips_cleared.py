"""Before one NIP may appear only once per visit (the next migration), clear
the NIP of the later rows that repeat one: the manual form let a NIP be
added twice until then.

The first row of the visit's list (delegation first, then by number) keeps
the NIP; a later row keeps its name, position and attendance and loses only
the repeated NIP. Nothing is lost without a trace: each cleared row gets a
"changed" row in its history (with the reason), and the row before it there
still shows the NIP, so an official can put the right one back."""

from django.db import migrations
from django.db.models import Count
from django.utils import timezone

REASON = "NIP ganda dalam satu kunjungan dikosongkan"


def _repeated(Participant):
    """The rows whose (visit, NIP) an earlier row of the visit already has."""
    groups = (
        Participant.objects.exclude(nip="")
        .values("visit_id", "nip")
        .annotate(rows=Count("id"))
        .filter(rows__gt=1)
    )
    for group in groups:
        rows = Participant.objects.filter(visit_id=group["visit_id"], nip=group["nip"])
        yield from rows.order_by("-side", "order", "id")[1:]


def _record(Historical, participant, at):
    fields = {
        field.attname: getattr(participant, field.attname)
        for field in participant._meta.concrete_fields
    }
    return Historical(
        **fields,
        history_date=at,
        history_type="~",
        history_change_reason=REASON,
        history_user=None,
    )


def clear_repeated_nips(apps, schema_editor):
    Participant = apps.get_model("visits", "Participant")
    Historical = apps.get_model("visits", "HistoricalParticipant")
    at = timezone.now()
    cleared = list(_repeated(Participant))
    for participant in cleared:
        participant.nip = ""
        participant.save(update_fields=["nip"])
    Historical.objects.bulk_create([_record(Historical, p, at) for p in cleared])


class Migration(migrations.Migration):
    dependencies = [("visits", "0010_topic_moves_to_agencies")]

    operations = [migrations.RunPython(clear_repeated_nips, migrations.RunPython.noop)]
