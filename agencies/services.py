"""Every write to an agency's team goes through this module: inviting a
colleague, revoking or re-sending an invitation, accepting it, and changing or
deactivating a member; and a national administrator adding an agency.

Each function is keyword-only and takes the acting user (``by``), except
``accept_invitation`` whose actor is the invitee holding the link. Each checks
the permission and the state on a locked, fresh row inside
``transaction.atomic`` and queues e-mail only once the transaction commits.

The secret of an invitation link exists only in the e-mail: the sending task
draws a new one each time it sends (so a re-sent invitation invalidates the
older link) and stores only its SHA-256. Neither the database nor the task
queue holds a working link.
"""

import hashlib
import secrets

from allauth.account.models import EmailAddress
from django.contrib.auth import password_validation
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from edits import guard
from history.records import records_actor
from pagecache import stamps
from studitiru import mail
from studitiru.links import absolute_url

from .models import Agency, AgencyLevel, Invitation, Membership, Role, User
from .permissions import can_invite, can_manage_members, is_national_admin
from .sessions import end_sessions


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def get_invitation_by_token(token: str) -> Invitation | None:
    """The invitation whose link carries ``token``, in any state, or None."""
    if not token:
        return None
    return (
        Invitation.objects.select_related("agency__province", "division", "invited_by")
        .filter(token_hash=hash_token(token))
        .first()
    )


def invitation_url(token: str) -> str:
    return absolute_url("agencies:accept_invitation", token)


def normalise_email(email: str) -> str:
    return (email or "").strip().lower()


def check_invitee_email(email: str) -> str:
    """The address in normal form, or ``ValidationError`` with an Indonesian
    message when it already has an account or a pending invitation."""
    email = normalise_email(email)
    if User.objects.filter(email__iexact=email).exists():
        raise ValidationError(
            _(
                "Alamat %(email)s sudah memiliki akun di portal. Satu orang hanya dapat "
                "menjadi anggota satu instansi; hubungi administrator bila ia pindah instansi."
            ),
            code="account_exists",
            params={"email": email},
        )
    if Invitation.objects.pending().filter(email=email).exists():
        raise ValidationError(
            _(
                "Alamat %(email)s sudah diundang dan undangannya masih berlaku. "
                "Kirim ulang undangan itu dari daftar undangan bila e-mailnya belum sampai."
            ),
            code="already_invited",
            params={"email": email},
        )
    return email


def invitation_problem(invitation: Invitation, now=None) -> str | None:
    """Why ``invitation`` can no longer be accepted, in Indonesian, or None."""
    now = now or timezone.now()
    if invitation.accepted_at is not None:
        return _(
            "Undangan ini sudah digunakan untuk membuat akun. Silakan masuk dengan "
            "alamat e-mail dan kata sandi Anda."
        )
    if invitation.revoked_at is not None:
        return _(
            "Undangan ini sudah dibatalkan oleh koordinator instansi. Mintalah undangan "
            "baru bila Anda memang perlu bergabung."
        )
    if invitation.expires_at <= now:
        return _(
            "Masa berlaku undangan ini sudah habis. Mintalah koordinator instansi Anda "
            "mengirim ulang undangan."
        )
    if not invitation.agency.is_active:
        return _("Instansi yang mengundang Anda tidak aktif lagi di portal.")
    return None


def invite_member(*, agency, email, name, role, division=None, position="", by) -> Invitation:
    """Invite ``email`` into ``agency`` with ``role``, ``division`` and ``position``.

    Side effects: a stale (expired, never used) invitation of the same address
    is closed as revoked; the invitation e-mail is queued once the transaction
    commits. Raises ``PermissionDenied`` unless ``by`` manages ``agency``'s
    members, ``ValidationError`` when the address already has an account or a
    pending invitation, the role is unknown or the division is another
    agency's.
    """
    with transaction.atomic():
        if not can_invite(by, agency):
            raise PermissionDenied
        email = check_invitee_email(email)
        name = (name or "").strip()
        if not name:
            raise ValidationError(_("Nama lengkap wajib diisi."), code="name_required")
        if role not in Role.values:
            raise ValidationError(_("Peran tidak dikenal."), code="invalid_role")
        if division is not None and division.agency_id != agency.pk:
            raise ValidationError(
                _("Bidang ini bukan bagian dari instansi tersebut."), code="foreign_division"
            )
        now = timezone.now()
        # A stale invitation (possibly another agency's) would hold the
        # address: it is closed by the portal, not by ``by``.
        stale = Invitation.objects.open().filter(email=email, expires_at__lte=now)
        stamps.touch(stale)
        stale.update(revoked_at=now, revoked_by=None)
        try:
            with transaction.atomic():
                invitation = Invitation.objects.create(
                    agency=agency,
                    email=email,
                    name=name,
                    role=role,
                    division=division,
                    position=(position or "").strip(),
                    invited_by=by,
                    created_at=now,
                    expires_at=now + Invitation.VALID_FOR,
                )
        except IntegrityError:
            # Someone invited the same address a moment ago.
            raise ValidationError(
                _("Alamat %(email)s baru saja diundang oleh orang lain."),
                code="already_invited",
                params={"email": email},
            ) from None
        mail.enqueue_on_commit(invitation_emails, invitation.pk)
    return invitation


def _lock_for_manager(invitation, by) -> Invitation:
    locked = (
        Invitation.objects.select_for_update(of=("self",))
        .select_related("agency")
        .get(pk=invitation.pk)
    )
    if not can_invite(by, locked.agency):
        raise PermissionDenied
    return locked


def revoke_invitation(*, invitation, by) -> Invitation:
    """Close ``invitation`` so that its link no longer works. Revoking an
    already revoked invitation changes nothing; an accepted one is refused."""
    with transaction.atomic():
        locked = _lock_for_manager(invitation, by)
        if locked.accepted_at is not None:
            raise ValidationError(
                _("Undangan ini sudah diterima; nonaktifkan akunnya bila perlu."),
                code="accepted",
            )
        if locked.revoked_at is None:
            locked.revoked_at = timezone.now()
            locked.revoked_by = by
            locked.save(update_fields=["revoked_at", "revoked_by"])
    invitation.revoked_at, invitation.revoked_by = locked.revoked_at, locked.revoked_by
    return invitation


def resend_invitation(*, invitation, by) -> Invitation:
    """Send ``invitation`` again with a new link valid for another
    ``Invitation.VALID_FOR``; the link of the earlier e-mail stops working."""
    with transaction.atomic():
        locked = _lock_for_manager(invitation, by)
        if locked.accepted_at is not None or locked.revoked_at is not None:
            raise ValidationError(
                _(
                    "Hanya undangan yang belum diterima dan belum dibatalkan yang dapat dikirim ulang."
                ),
                code="closed",
            )
        if User.objects.filter(email__iexact=locked.email).exists():
            raise ValidationError(
                _("Alamat %(email)s sudah memiliki akun di portal."),
                code="account_exists",
                params={"email": locked.email},
            )
        now = timezone.now()
        locked.expires_at = max(now, locked.created_at) + Invitation.VALID_FOR
        locked.save(update_fields=["expires_at"])
        mail.enqueue_on_commit(invitation_emails, locked.pk)
    invitation.expires_at = locked.expires_at
    return invitation


@mail.composer
def invitation_emails(invitation_id: int):
    """Draw a new secret for the invitation, store its hash and e-mail the
    link to the invitee; nothing when the invitation was closed in the
    meantime. The mail task runs this in its transaction: if the mail server
    refuses, the new hash is rolled back and the previous link keeps working."""
    invitation = (
        Invitation.objects.select_for_update(of=("self",))
        .select_related("agency__province", "division", "invited_by")
        .get(pk=invitation_id)
    )
    if invitation.accepted_at is not None or invitation.revoked_at is not None:
        return
    token = secrets.token_urlsafe(32)
    invitation.token_hash = hash_token(token)
    invitation.sent_at = timezone.now()
    invitation.save(update_fields=["token_hash", "sent_at"])
    context = {
        "invitation": invitation,
        "agency": invitation.agency,
        "role": Role(invitation.role).label,
        "url": invitation_url(token),
        "login_url": absolute_url("account_login"),
        "tz": invitation.agency.tzinfo,
    }
    yield mail.Email(
        "agencies/email/invitation_subject.txt",
        "agencies/email/invitation_body.txt",
        context,
        [invitation.email],
    )


def accept_invitation(*, invitation, name, password) -> User:
    """Create the invitee's account and membership from ``invitation``.

    The account gets the invited address (marked verified: the link proved it),
    ``name`` and ``password``; the membership the invited agency, role,
    division and position. Raises ``ValidationError`` when the invitation was
    used, revoked or has expired, the address meanwhile has an account, or the
    password fails Django's password validators.
    """
    with transaction.atomic():
        locked = (
            Invitation.objects.select_for_update(of=("self",))
            .select_related("agency", "division")
            .get(pk=invitation.pk)
        )
        problem = invitation_problem(locked)
        if problem:
            raise ValidationError(problem, code="invitation_closed")
        if User.objects.filter(email__iexact=locked.email).exists():
            raise ValidationError(
                _("Alamat %(email)s sudah memiliki akun. Silakan masuk."),
                code="account_exists",
                params={"email": locked.email},
            )
        name = (name or "").strip() or locked.name
        password_validation.validate_password(password, User(email=locked.email, name=name))
        user = User.objects.create_user(email=locked.email, password=password, name=name)
        division = (
            locked.division
            if locked.division and locked.division.agency_id == locked.agency_id
            else None
        )
        Membership.objects.create(
            user=user,
            agency=locked.agency,
            role=locked.role,
            division=division,
            position=locked.position,
        )
        EmailAddress.objects.create(user=user, email=user.email, primary=True, verified=True)
        locked.accepted_at = timezone.now()
        locked.user = user
        locked.save(update_fields=["accepted_at", "user"])
    invitation.accepted_at, invitation.user = locked.accepted_at, user
    return user


# --- Members ------------------------------------------------------------------


def _lock_member(membership, by) -> Membership:
    locked = (
        Membership.objects.select_for_update(of=("self",))
        .select_related("agency", "user")
        .get(pk=membership.pk)
    )
    if not can_manage_members(by, locked.agency) or locked.user_id == by.pk:
        # Nobody changes their own role or closes their own account here: an
        # agency always keeps the coordinator who is acting.
        raise PermissionDenied
    return locked


def member_values(membership) -> guard.Snapshot:
    """What the member form edits, compared by the edit guard."""
    return guard.model_values(membership, ("role", "division", "position"))


@records_actor
def change_member(*, membership, role, division=None, position="", by, version=None) -> Membership:
    """Set a colleague's role, division and position. Raises
    ``PermissionDenied`` unless ``by`` manages the members of the colleague's
    agency (and is not the colleague), ``ValidationError`` for an unknown role
    or another agency's division, and, with the ``version`` the edit form was
    opened at, ``guard.EditConflict`` (saving nothing) when someone else
    changed the member since."""
    with transaction.atomic():
        locked = _lock_member(membership, by)
        if role not in Role.values:
            raise ValidationError(_("Peran tidak dikenal."), code="invalid_role")
        if division is not None and division.agency_id != locked.agency_id:
            raise ValidationError(
                _("Bidang ini bukan bagian dari instansi tersebut."), code="foreign_division"
            )
        saved = member_values(locked)
        locked.role = role
        locked.division = division
        locked.position = (position or "").strip()
        if version is not None:
            guard.check(version, about=locked, current=saved, mine=member_values(locked))
        locked.save(update_fields=["role", "division", "position"])
    membership.role, membership.division, membership.position = (
        locked.role,
        locked.division,
        locked.position,
    )
    return membership


@records_actor
def set_member_active(*, membership, active: bool, by) -> Membership:
    """Deactivate (``active=False``) or reactivate a colleague's account. A
    deactivated account cannot log in and its sessions end at once, so a
    reactivated one must log in again; its membership and everything it wrote
    stay."""
    with transaction.atomic():
        locked = _lock_member(membership, by)
        if locked.user.is_active != active:
            locked.user.is_active = active
            locked.user.save(update_fields=["is_active"])
        if not active:
            end_sessions(locked.user)
    membership.user.is_active = active
    return membership


# --- Agencies -----------------------------------------------------------------


def agency_of_region(*, province, regency=None) -> Agency | None:
    """The agency that already serves the region: the kabupaten/kota's, or
    without one the province's own Dinas Sosial (tingkat provinsi)."""
    if regency is not None:
        return Agency.objects.filter(regency=regency).first()
    return Agency.objects.filter(province=province, level=AgencyLevel.PROVINCE).first()


def _region_taken(existing: Agency) -> ValidationError:
    """The sentence that names the agency a region already has (the database
    says it as ``agencies_agency_one_per_regency`` or ``…_one_per_province``)."""
    if existing.regency_id:
        message = _(
            "%(region)s sudah memiliki Dinas Sosial di portal: %(agency)s. Satu kabupaten/kota "
            "hanya memiliki satu instansi."
        )
        region = existing.regency.name
    else:
        message = _(
            "Provinsi %(region)s sudah memiliki Dinas Sosial tingkat provinsi di portal: "
            "%(agency)s."
        )
        region = existing.province.name
    # The slug is for the page's link to that agency's invitation page.
    params = {"region": region, "agency": existing.name, "slug": existing.slug}
    return ValidationError(message, code="region_taken", params=params)


def agency_defaults(*, province, regency=None) -> dict:
    """The name, short name and letterhead an agency of the region usually
    has, as the demo's agencies have them: "Dinas Sosial Kota Magelang",
    "Dinsos Kota Magelang", "PEMERINTAH KOTA MAGELANG / DINAS SOSIAL"."""
    region = regency.name if regency is not None else f"Provinsi {province.name}"
    return {
        "name": f"Dinas Sosial {region}",
        "short_name": f"Dinsos {region}",
        "letterhead": f"PEMERINTAH {region.upper()}\nDINAS SOSIAL",
    }


def _free_slug(region_name: str, code: str) -> str:
    slug = slugify(region_name)[:70] or slugify(code)
    if Agency.objects.filter(slug=slug).exists():
        slug = f"{slug}-{slugify(code)}"
    return slug


@records_actor
def create_agency(*, province, regency=None, by, **fields) -> Agency:
    """Add the Dinas Sosial of ``regency`` (or, without one, of ``province``
    itself) to the portal. ``fields`` are the agency's other columns (name,
    short name, letterhead, address, phone, e-mail, website); an empty name,
    short name or letterhead takes the region's usual one
    (``agency_defaults``). The level follows the region; the slug is the
    region's name.

    Raises ``PermissionDenied`` unless ``by`` is a national administrator,
    ``ValidationError`` naming the existing agency when the region already
    has one (also when another administrator added it a moment ago), or when
    the kabupaten/kota is not in ``province`` or the name is taken."""
    if not is_national_admin(by):
        raise PermissionDenied
    if regency is not None and regency.province_id != province.pk:
        raise ValidationError(
            _("Kabupaten/kota ini tidak berada di provinsi yang dipilih."), code="foreign_regency"
        )
    values = {key: (value or "").strip() for key, value in fields.items()}
    for key, default in agency_defaults(province=province, regency=regency).items():
        values[key] = values.get(key) or default
    with transaction.atomic():
        if existing := agency_of_region(province=province, regency=regency):
            raise _region_taken(existing)
        if Agency.objects.filter(name__iexact=values["name"]).exists():
            raise ValidationError(
                _("Nama %(name)s sudah dipakai instansi lain di portal."),
                code="name_taken",
                params={"name": values["name"]},
            )
        region_name = regency.name if regency else f"provinsi {province.name}"
        try:
            with transaction.atomic():
                return Agency.objects.create(
                    province=province,
                    regency=regency,
                    level=regency.kind if regency else AgencyLevel.PROVINCE,
                    slug=_free_slug(region_name, regency.code if regency else province.code),
                    **values,
                )
        except IntegrityError:
            # Another administrator added it between the check and the insert.
            existing = agency_of_region(province=province, regency=regency)
            if existing is None:
                raise
            raise _region_taken(existing) from None


# The session's note of a language chosen with the switch before logging in:
# a login keeps it, a logout clears it, so the next person on a shared
# computer does not inherit the previous one's choice through the cookie.
LANGUAGE_CHOSEN = "language_chosen"


def choose_language(*, user: User, language: str) -> None:
    """Keep ``language`` (a code of ``settings.LANGUAGES``) as ``user``'s
    language: their pages without a cookie of their own, and their e-mails."""
    if user.language != language:
        user.language = language
        user.save(update_fields=["language"])
