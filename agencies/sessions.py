"""Every logged-in session of a user, so that they can be ended.

allauth.usersessions keeps a row per session (the "Sesi aktif" page lists a
user's own and lets them end the others). allauth records the sessions of its
own login pages; ``record_session`` also records those that Django's
``login()`` opens elsewhere (accepting an invitation), so that
``end_sessions`` — called when an account is deactivated — leaves none behind:
a reactivated account must log in again.
"""

from allauth.core.internal.httpkit import HTTP_USER_AGENT_MAX_LENGTH, get_client_ip
from allauth.usersessions.models import UserSession

# The address recorded when a login has none (a test client's, say).
UNKNOWN_ADDRESS = "0.0.0.0"


def record_session(sender, request, user, **kwargs):
    """Receiver of Django's ``user_logged_in``."""
    session = getattr(request, "session", None)
    if session is None:
        return
    if not session.session_key:
        session.save()
    UserSession.objects.get_or_create(
        session_key=session.session_key,
        defaults={
            "user": user,
            "ip": get_client_ip(request) or UNKNOWN_ADDRESS,
            "user_agent": request.META.get("HTTP_USER_AGENT", "")[:HTTP_USER_AGENT_MAX_LENGTH],
        },
    )


def end_sessions(user) -> int:
    """Log ``user`` out everywhere; returns the number of sessions ended."""
    sessions = list(UserSession.objects.filter(user_id=user.pk))
    for session in sessions:
        session.end()
    return len(sessions)
