"""The second factor (allauth.mfa) as the portal uses it: whether a user has
one, and the note in the session that spares every request the question.

Who must have one is an access rule (``permissions.must_use_second_factor``);
the middleware that sends them to enrol is ``agencies.middleware``. A second
factor is an authenticator app (TOTP) — recovery codes alone are only its
spare key.
"""

import base64
import time

from allauth.mfa import app_settings
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP, format_hotp_value, hotp_value
from allauth.mfa.utils import decrypt, encrypt
from cryptography.fernet import Fernet, MultiFernet
from django.conf import settings
from django.utils.crypto import salted_hmac

from .permissions import must_use_second_factor

SECOND_FACTOR_TYPES = (Authenticator.Type.TOTP, Authenticator.Type.WEBAUTHN)
# The session remembers whose second factor it has seen (a user id), so that
# the middleware asks the database once per session, not once per request.
SESSION_KEY = "studitiru.second_factor"
# Authenticator secrets and recovery-code seeds are stored sealed (Fernet:
# AES with an HMAC) under a key derived from SECRET_KEY, so that a database
# dump or backup alone cannot produce anyone's codes. Values stored before
# sealing carry no prefix and are read as they are until the migration that
# seals them has run.
SEALED = "fernet:"


def _cipher() -> MultiFernet:
    """The newest key seals; SECRET_KEY_FALLBACKS keep older values readable
    while the key is rotated."""
    keys = [settings.SECRET_KEY, *settings.SECRET_KEY_FALLBACKS]
    return MultiFernet(
        [
            Fernet(
                base64.urlsafe_b64encode(
                    salted_hmac(SEALED, "", secret=key, algorithm="sha256").digest()
                )
            )
            for key in keys
        ]
    )


def seal(text: str) -> str:
    return SEALED + _cipher().encrypt(text.encode()).decode()


def unseal(stored: str) -> str:
    if not stored.startswith(SEALED):
        return stored
    return _cipher().decrypt(stored.removeprefix(SEALED).encode()).decode()


def has_second_factor(user) -> bool:
    return Authenticator.objects.filter(user_id=user.pk, type__in=SECOND_FACTOR_TYPES).exists()


def second_factor_enrolled(request) -> bool:
    """True when the requesting user has a second factor; remembered in the
    session once seen."""
    user = request.user
    if request.session.get(SESSION_KEY) == user.pk:
        return True
    if has_second_factor(user):
        request.session[SESSION_KEY] = user.pk
        return True
    return False


def remember_at_login(sender, request, user, **kwargs):
    """Receiver of Django's ``user_logged_in``: a user who must have a second
    factor and has one (they just used it to log in) is noted in the new
    session at once."""
    if must_use_second_factor(user) and has_second_factor(user):
        request.session[SESSION_KEY] = user.pk


def remember_enrolment(sender, request, user, **kwargs):
    """Receiver of allauth's ``authenticator_added``."""
    if request is not None and has_second_factor(user):
        request.session[SESSION_KEY] = user.pk


def forget_enrolment(sender, request, user, **kwargs):
    """Receiver of allauth's ``authenticator_removed``: asked again next time."""
    if request is not None:
        request.session.pop(SESSION_KEY, None)


def enrol_totp(user, secret: str) -> Authenticator:
    """Give ``user`` an authenticator app with the base32 ``secret`` (the demo
    accounts and the tests' heads; people enrol on the "Keamanan akun" page)."""
    existing = Authenticator.objects.filter(user_id=user.pk, type=Authenticator.Type.TOTP).first()
    if existing is not None:
        if decrypt(existing.data["secret"]) == secret:
            return existing
        existing.delete()
    return TOTP.activate(user, secret).instance


def enrol_totp_in_bulk(users, secret: str) -> int:
    """Give each of ``users`` that has no authenticator app one with
    ``secret``, in one query; returns how many were enrolled (load_demo)."""
    enrolled = set(
        Authenticator.objects.filter(user__in=users, type=Authenticator.Type.TOTP).values_list(
            "user_id", flat=True
        )
    )
    new = [
        Authenticator(user=user, type=Authenticator.Type.TOTP, data={"secret": encrypt(secret)})
        for user in users
        if user.pk not in enrolled
    ]
    Authenticator.objects.bulk_create(new)
    return len(new)


def totp_secret(user) -> str | None:
    authenticator = Authenticator.objects.filter(
        user_id=user.pk, type=Authenticator.Type.TOTP
    ).first()
    return decrypt(authenticator.data["secret"]) if authenticator else None


def current_totp_code(secret: str, *, at: float | None = None) -> str:
    """The 6-digit code an authenticator app shows now (or at ``at``, a Unix
    time) for ``secret``, by allauth's own functions."""
    counter = int(time.time() if at is None else at) // app_settings.TOTP_PERIOD
    return format_hotp_value(hotp_value(secret, counter))
