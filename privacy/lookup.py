"""How a person is named in a request: by NIP or by e-mail address, typed by
the agency admin and normalised here, and the keyed digest the request log
keeps instead of either."""

from dataclasses import dataclass

from django.utils.crypto import salted_hmac

from .models import LookupKind


@dataclass(frozen=True)
class Subject:
    kind: LookupKind
    value: str  # an 18-digit NIP, or a lower-case e-mail address

    @property
    def digest(self) -> str:
        return subject_digest(self)


def subject_digest(subject: Subject) -> str:
    """HMAC-SHA-256 keyed with SECRET_KEY: equal for the same person, and
    useless for guessing NIPs offline (their structure makes a plain hash
    easy to reverse)."""
    return salted_hmac(
        "privacy.subject", f"{subject.kind}:{subject.value}", algorithm="sha256"
    ).hexdigest()
