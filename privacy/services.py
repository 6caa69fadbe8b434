"""A person's requests under UU PDP No. 27/2022, carried out by an agency
admin: an export of everything the agency's part of the portal holds about
them, and the erasure of their contact data (NIP, phone, e-mail).

Both take the acting admin (``by``), check the permission, and record the
request (who, whom, when, why) in the same transaction. The erasure itself is
``visits.delegation.participants_erase_contacts``, the same function the
retention task uses.
"""

import json

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from agencies.permissions import agency_of
from visits.delegation import participants_erase_contacts
from visits.models import ContactErasure

from . import permissions, selectors
from .lookup import Subject
from .models import PersonalDataRequest, RequestKind

EXPORT_FORMAT = "portal-studi-tiru/data-pribadi/1"


def _agency_for(by):
    agency = agency_of(by)
    if agency is None or not permissions.can_handle_personal_data(by, agency):
        raise PermissionDenied
    return agency


def person_export(*, subject: Subject, by) -> tuple[bytes, PersonalDataRequest]:
    """The person's data within the admin's agency as a JSON document, and the
    request recorded for it. Raises ``ValidationError`` when the agency holds
    nothing about the person (nothing is recorded then)."""
    agency = _agency_for(by)
    with transaction.atomic():
        data = selectors.person_data(agency=agency, subject=subject)
        if not data.pop("found"):
            raise ValidationError(
                _("Tidak ada data pribadi dengan NIP atau e-mail ini di instansi Anda.")
            )
        request = PersonalDataRequest.objects.create(
            agency=agency,
            kind=RequestKind.EXPORT,
            lookup_kind=subject.kind,
            subject_digest=subject.digest,
            subject_names=selectors.subject_names(data),
            participants=len(data["peserta_kunjungan"]),
            actor=by,
        )
    now = timezone.localtime(request.created_at, agency.tzinfo)
    document = {
        "format": EXPORT_FORMAT,
        "judul": _("Data pribadi yang disimpan Portal Studi Tiru"),
        "dasar_hukum": _("Undang-Undang Nomor 27 Tahun 2022 tentang Pelindungan Data Pribadi"),
        "instansi": agency.name,
        "dibuat_pada": now.isoformat(),
        "dibuat_oleh": {"nama": by.get_full_name(), "email": by.email},
        "dicari_dengan": {"jenis": subject.kind.label, "nilai": subject.value},
        **data,
    }
    body = json.dumps(document, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2)
    return body.encode(), request


def person_erase_contacts(*, subject: Subject, reason: str, by) -> PersonalDataRequest:
    """Erase the person's NIP, phone and e-mail from every participant row of
    the admin's agency's visits (both sides), on their request, with the
    reason recorded. The person's account, if they are a member, is left as
    it is: its e-mail is how they log in (the agency deactivates the account
    when they leave). Raises ``ValidationError`` without a reason or when no
    participant row still holds their contact data."""
    if not reason.strip():
        raise ValidationError(_("Tuliskan alasan atau dasar permintaan penghapusan."))
    agency = _agency_for(by)
    with transaction.atomic():
        account = selectors.account_of(agency, subject)
        nips, emails = selectors.identifiers(subject, account)
        participants = selectors.participants_of(agency, nips, emails)
        names = ", ".join(dict.fromkeys(participants.values_list("name", flat=True)))[:500]
        erased = participants_erase_contacts(
            participants=participants, reason=ContactErasure.REQUEST, by=by
        )
        if not erased:
            raise ValidationError(
                _("Tidak ada kontak peserta dengan NIP atau e-mail ini di kunjungan instansi Anda.")
            )
        return PersonalDataRequest.objects.create(
            agency=agency,
            kind=RequestKind.ERASURE,
            lookup_kind=subject.kind,
            subject_digest=subject.digest,
            subject_names=names,
            reason=reason.strip(),
            participants=erased,
            actor=by,
        )
