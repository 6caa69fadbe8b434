"""The forms of the visits app, by subject: ``requests`` (the visit request,
its lifecycle actions, the calendar's month) and ``delegation`` (participants,
their import and attendance, the agenda). The list filters are FilterSets in
``visits/filters.py``."""

from .delegation import (
    AgendaItemForm,
    AttendanceChecklistForm,
    AttendanceForm,
    CheckAllForm,
    ParticipantForm,
    ParticipantImportForm,
    TemplateFormatForm,
)
from .requests import (
    DATE_INPUT,
    LETTER_VALIDATORS,
    TIME_INPUT,
    AcceptForm,
    DateTimeRangeMixin,
    DeclineForm,
    LetterField,
    MonthForm,
    PrefillForm,
    ProposeDateForm,
    ReplyLetterForm,
    StoredLetter,
    VisitRequestForm,
)

__all__ = [
    "DATE_INPUT",
    "LETTER_VALIDATORS",
    "TIME_INPUT",
    "AcceptForm",
    "AgendaItemForm",
    "AttendanceChecklistForm",
    "AttendanceForm",
    "CheckAllForm",
    "DateTimeRangeMixin",
    "DeclineForm",
    "LetterField",
    "MonthForm",
    "ParticipantForm",
    "ParticipantImportForm",
    "PrefillForm",
    "ProposeDateForm",
    "ReplyLetterForm",
    "StoredLetter",
    "TemplateFormatForm",
    "VisitRequestForm",
]
