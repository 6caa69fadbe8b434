"""How a person is named in a request: by NIP or by e-mail address, typed by
the agency admin and normalised here, and the keyed digest the request log
keeps instead of either."""

from dataclasses import dataclass

from django.conf import settings
from django.utils.crypto import salted_hmac

from .models import LookupKind


@dataclass(frozen=True)
class Subject:
    kind: LookupKind
    value: str  # an 18-digit NIP, or a lower-case e-mail address

    @property
    def digest(self) -> str:
        return subject_digest(self)


def subject_digest(subject: Subject, key=None) -> str:
    """HMAC-SHA-256 keyed with SECRET_KEY (or ``key``): equal for the same
    person, and useless for guessing NIPs offline (their structure makes a
    plain hash easy to reverse)."""
    return salted_hmac(
        "privacy.subject", f"{subject.kind}:{subject.value}", secret=key, algorithm="sha256"
    ).hexdigest()


def subject_digests(subject: Subject) -> list[str]:
    """The digest under SECRET_KEY and each of SECRET_KEY_FALLBACKS: records
    made before the key was rotated are still found."""
    return [subject_digest(subject)] + [
        subject_digest(subject, key) for key in settings.SECRET_KEY_FALLBACKS
    ]
