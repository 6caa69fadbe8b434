"""Personal data in the change history (UU PDP No. 27/2022).

Each historical row copies the fields of its object, personal data among
them: a participant's NIP, phone and e-mail, a member's NIP, a user's
e-mail. When that data is erased from the live rows (the retention period
is over, or the person asked), the copies go too: the erasure calls
``scrub_personal_history`` in the same transaction. Names, positions and
who changed what stay, as the historical record.
"""

from django.apps import apps
from django.db import transaction
from django.db.models import CharField, Value
from django.db.models.functions import Cast, Concat

CHUNK = 1000
# The personal fields of each tracked model, and the blank they get.
PERSONAL_FIELDS = {
    "visits.Participant": {"nip": "", "phone": "", "email": ""},
    "agencies.Membership": {"nip": ""},
}


def _historical(label):
    return apps.get_model(label).history.model


def _update(label, ids, **values) -> int:
    """Set ``values`` on the historical rows of the objects ``ids`` of model
    ``label``; the number of rows changed. In chunks: a retention run may
    erase thousands of people at once, and SQLite bounds the number of
    parameters of a query."""
    ids, changed = list(ids), 0
    for start in range(0, len(ids), CHUNK):
        rows = _historical(label).objects.filter(id__in=ids[start : start + CHUNK])
        changed += rows.update(**values)
    return changed


@transaction.atomic
def scrub_personal_history(*, participant_ids=(), membership_ids=(), user_ids=()) -> int:
    """Blank the personal data kept in the historical rows of the given
    participants and memberships (NIP, phone, e-mail), and the e-mail kept in
    the historical rows of the given users (each row gets a placeholder
    address unique to the user, never the real one). Returns the number of
    historical rows changed. Writes no history of its own."""
    placeholder = Concat(Value("dihapus-"), Cast("id", output_field=CharField()), Value("@invalid"))
    return (
        _update("visits.Participant", participant_ids, **PERSONAL_FIELDS["visits.Participant"])
        + _update("agencies.Membership", membership_ids, **PERSONAL_FIELDS["agencies.Membership"])
        + _update("agencies.User", user_ids, email=placeholder)
    )
