"""What the "Riwayat perubahan" pages of a report and of an ATM item read
(``history.changes``): the report with its findings, quotes, authors and
photos' captions, the item with its check-ins."""

import os

from django.utils import formats

from agencies.models import Topic
from history.changes import Source

from .models import AdoptionItem, Author, CheckIn, Finding, Photo, Quote, Report


def _photo(row, names):
    return row.caption or os.path.basename(str(row.image))


def report_history_sources(report) -> list[Source]:
    return [
        Source(Report, {"id": report.pk}, frozenset({"visit", "agency"})),
        Source(
            Finding,
            {"report_id": report.pk},
            frozenset({"report"}),
            lambda row, names: names.get((Topic, row.topic_id), ""),
        ),
        Source(Quote, {"report_id": report.pk}, frozenset({"report"}), lambda r, n: r.speaker_name),
        Source(
            Author, {"report_id": report.pk}, frozenset({"report", "user"}), lambda r, n: r.name
        ),
        Source(Photo, {"report_id": report.pk}, frozenset({"report", "image"}), _photo),
    ]


def item_history_sources(item) -> list[Source]:
    return [
        Source(AdoptionItem, {"id": item.pk}, frozenset({"report"})),
        Source(
            CheckIn,
            {"item_id": item.pk},
            frozenset({"item"}),
            lambda row, names: formats.date_format(row.date, "j F Y"),
        ),
    ]
