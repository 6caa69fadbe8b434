"""What the "Riwayat perubahan" page of a visit reads: the history of the
visit itself, its topics, places, participants (both sides) and agenda
(``history.changes``)."""

from agencies.models import Topic
from history.changes import Source

from .models import AgendaItem, Participant, Venue, Visit, VisitTopic


def _participant(row, names):
    return f"{row.front_title} {row.name}".strip()


def visit_history_sources(visit) -> list[Source]:
    parent = frozenset({"visit"})
    return [
        Source(Visit, {"id": visit.pk}),
        Source(
            VisitTopic,
            {"visit_id": visit.pk},
            parent,
            lambda row, names: names.get((Topic, row.topic_id), ""),
        ),
        Source(Venue, {"visit_id": visit.pk}, parent, lambda row, names: row.name),
        Source(Participant, {"visit_id": visit.pk}, parent, _participant),
        Source(AgendaItem, {"visit_id": visit.pk}, parent, lambda row, names: row.title),
    ]
