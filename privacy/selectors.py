"""What the portal holds about one person, as one agency may see it.

The person is named by NIP or e-mail (``privacy.lookup.Subject``); when that
finds an account of the agency, its e-mail and membership NIP find the rest
too. Within the agency's reach only: its own accounts and invitations, the
participants of visits it hosts or makes (both sides: both agencies keep the
delegation list), its own reports.
"""

from django.db.models import Q
from django.utils import timezone

from agencies.models import Agency, Invitation, User
from reports.models import Author, Photo, Report, ReportEvent
from visits.models import Participant, VisitEvent

from .lookup import Subject, subject_digests
from .models import LookupKind, PersonalDataRequest


def account_of(agency: Agency, subject: Subject) -> User | None:
    """The agency's member (active or not) with this e-mail or NIP."""
    users = User.objects.filter(membership__agency=agency).select_related(
        "membership__division", "membership__agency"
    )
    if subject.kind == LookupKind.NIP:
        return users.filter(membership__nip=subject.value).order_by("pk").first()
    return users.filter(email__iexact=subject.value).first()


def identifiers(subject: Subject, account: User | None) -> tuple[set[str], set[str]]:
    """The NIPs and e-mail addresses that name the person."""
    nips, emails = set(), set()
    (nips if subject.kind == LookupKind.NIP else emails).add(subject.value)
    if account is not None:
        emails.add(account.email.lower())
        if account.membership.nip:
            nips.add(account.membership.nip)
    return nips, emails


def participants_of(agency: Agency, nips, emails):
    """Participant rows naming the person in the agency's visits, oldest visit first."""
    match = Q(nip__in=nips) if nips else Q(pk__in=[])
    for email in emails:
        match |= Q(email__iexact=email)
    return (
        Participant.objects.filter(Q(visit__host=agency) | Q(visit__visitor=agency))
        .filter(match)
        .select_related("visit__host__province", "visit__visitor__province")
        .order_by("visit__start", "visit_id", "pk")
    )


def _when(moment, agency):
    return timezone.localtime(moment, agency.tzinfo).isoformat() if moment else None


def _visit(visit, agency):
    return {
        "id": visit.pk,
        "judul": visit.title,
        "tuan_rumah": visit.host.name,
        "pengunjung": visit.visitor.name,
        "mulai": _when(visit.start, agency),
        "selesai": _when(visit.end, agency),
        "status": visit.get_status_display(),
    }


def _report(report):
    return {"id": report.pk, "judul": report.title, "status": report.get_status_display()}


def person_data(*, agency: Agency, subject: Subject) -> dict:
    """Everything about the person within ``agency``'s reach, as plain data
    with Indonesian keys (the file is handed to the person). Empty lists
    where nothing was found; ``found`` says whether anything was."""
    account = account_of(agency, subject)
    nips, emails = identifiers(subject, account)
    participants = list(participants_of(agency, nips, emails))
    data = {
        "akun": None,
        "undangan": [],
        "peserta_kunjungan": [
            {
                "kunjungan": _visit(p.visit, agency),
                "pihak": p.get_side_display(),
                "peran": p.get_role_display(),
                "gelar_depan": p.front_title,
                "nama": p.name,
                "gelar_belakang": p.back_title,
                "jabatan": p.position,
                "bidang": p.division,
                "status_kepegawaian": p.get_employment_type_display(),
                "nip": p.nip,
                "telepon": p.phone,
                "email": p.email,
                "hadir": p.attended,
                "kontak_dihapus": _when(p.contact_erased_at, agency),
                "alasan_penghapusan_kontak": p.get_contact_erasure_display()
                if p.contact_erasure
                else "",
            }
            for p in participants
        ],
        "penulis_laporan": [],
        "penanda_tangan_laporan": [
            {
                "laporan": _report(report),
                "nama": report.signatory_name,
                "jabatan": report.signatory_position,
                "nip": report.signatory_nip,
            }
            for report in Report.objects.filter(agency=agency, signatory_nip__in=nips)
            .exclude(signatory_nip="")
            .order_by("pk")
        ],
        "foto_diunggah": [],
        "riwayat_tindakan": {"kunjungan": [], "laporan": []},
    }
    invitations = Invitation.objects.filter(agency=agency, email__in=emails)
    if account is not None:
        invitations = Invitation.objects.filter(agency=agency).filter(
            Q(email__in=emails) | Q(user=account)
        )
    data["undangan"] = [
        {
            "nama": invitation.name,
            "email": invitation.email,
            "peran": invitation.get_role_display(),
            "jabatan": invitation.position,
            "dibuat": _when(invitation.created_at, agency),
            "diterima": _when(invitation.accepted_at, agency),
            "dibatalkan": _when(invitation.revoked_at, agency),
        }
        for invitation in invitations.order_by("created_at", "pk")
    ]
    if account is not None:
        membership = account.membership
        data["akun"] = {
            "nama": account.name,
            "email": account.email,
            "aktif": account.is_active,
            "terdaftar": _when(account.date_joined, agency),
            "terakhir_masuk": _when(account.last_login, agency),
            "keanggotaan": {
                "instansi": membership.agency.name,
                "bidang": membership.division.name if membership.division else "",
                "jabatan": membership.position,
                "peran": membership.get_role_display(),
                "nip": membership.nip,
                "sejak": _when(membership.created_at, agency),
            },
        }
        data["penulis_laporan"] = [
            {
                "laporan": _report(author.report),
                "gelar_depan": author.front_title,
                "nama": author.name,
                "gelar_belakang": author.back_title,
                "jabatan": author.position,
            }
            for author in Author.objects.filter(user=account, report__agency=agency)
            .select_related("report")
            .order_by("report_id", "pk")
        ]
        data["foto_diunggah"] = [
            {
                "laporan": _report(photo.report),
                "keterangan": photo.caption,
                "diunggah": _when(photo.created_at, agency),
            }
            for photo in Photo.objects.filter(uploaded_by=account, report__agency=agency)
            .select_related("report")
            .order_by("created_at", "pk")
        ]
        data["riwayat_tindakan"] = {
            "kunjungan": [
                {
                    "kunjungan_id": event.visit_id,
                    "waktu": _when(event.created_at, agency),
                    "dari": event.get_from_status_display(),
                    "menjadi": event.get_to_status_display(),
                    "catatan": event.comment,
                }
                for event in VisitEvent.objects.filter(actor=account, actor_agency=agency).order_by(
                    "created_at", "pk"
                )
            ],
            "laporan": [
                {
                    "laporan_id": event.report_id,
                    "waktu": _when(event.created_at, agency),
                    "dari": event.get_from_status_display(),
                    "menjadi": event.get_to_status_display(),
                    "catatan": event.comment,
                }
                for event in ReportEvent.objects.filter(
                    actor=account, report__agency=agency
                ).order_by("created_at", "pk")
            ],
        }
    data["permintaan_sebelumnya"] = [
        {
            "jenis": request.get_kind_display(),
            "waktu": _when(request.created_at, agency),
            "oleh": request.actor.get_full_name() if request.actor else "",
            "alasan": request.reason,
            "baris_peserta": request.participants,
        }
        for request in PersonalDataRequest.objects.filter(
            agency=agency, subject_digest__in=subject_digests(subject)
        )
        .select_related("actor")
        .order_by("created_at", "pk")
    ]
    data["found"] = bool(
        data["akun"]
        or data["undangan"]
        or data["peserta_kunjungan"]
        or data["penanda_tangan_laporan"]
    )
    return data


def subject_names(data: dict) -> str:
    """The names the person goes by in ``data``, for the request log."""
    names = []
    if data["akun"] and data["akun"]["nama"]:
        names.append(data["akun"]["nama"])
    names += [row["nama"] for row in data["peserta_kunjungan"]]
    names += [row["nama"] for row in data["undangan"]]
    names += [row["nama"] for row in data["penanda_tangan_laporan"]]
    unique = list(dict.fromkeys(name for name in names if name))
    return ", ".join(unique)[:500]


def requests_for_agency(agency: Agency):
    """The agency's export and erasure log, newest first."""
    return PersonalDataRequest.objects.filter(agency=agency).select_related("actor")
