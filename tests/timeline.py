"""How the tests read a timeline event (a visit's, a report's, an ATM item's)."""


def move_of(event):
    """Who moved the object, from which state to which, with what comment."""
    return (event.actor, event.from_status, event.to_status, event.comment)
