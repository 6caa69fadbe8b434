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

CHUNK = 1000
# The personal fields of each tracked model, and the blank they get.
PERSONAL_FIELDS = {
    "visits.Participant": {"nip": "", "phone": "", "email": ""},
    "agencies.Membership": {"nip": ""},
}


def _historical(label):
    return apps.get_model(label).history.model


@transaction.atomic
def scrub_personal_history(*, participant_ids=(), membership_ids=(), user_ids=()) -> int:
    """Blank the personal data kept in the historical rows of the given
    participants and memberships (NIP, phone, e-mail), and the e-mail kept in
    the historical rows of the given users (each row gets a placeholder
    address unique to the user, never the real one). Returns the number of
    historical rows changed. Writes no history of its own."""
    changed = 0
    for label, ids in (
        ("visits.Participant", list(participant_ids)),
        ("agencies.Membership", list(membership_ids)),
    ):
        historical = _historical(label)
        # In chunks: a retention run may erase thousands of people at once,
        # and SQLite bounds the number of parameters of a query.
        for start in range(0, len(ids), CHUNK):
            changed += historical.objects.filter(id__in=ids[start : start + CHUNK]).update(
                **PERSONAL_FIELDS[label]
            )
    historical_user = _historical("agencies.User")
    for user_id in user_ids:
        changed += historical_user.objects.filter(id=user_id).update(
            email=f"dihapus-{user_id}@invalid"
        )
    return changed
