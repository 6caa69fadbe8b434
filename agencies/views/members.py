"""An agency's team: members, invitations and accepting an invitation.

Every member of an agency sees its team; its coordinators (``can_manage_members``)
also invite colleagues, revoke or re-send invitations and change or deactivate
members. Another agency's invitation or member answers 404; the wrong role in
the right agency answers 403. The accept page is public: the link's secret is
the credential."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control, never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_POST

from edits.guard import EditConflict, EditGuard, render_edit
from studitiru.pagination import paginate

from .. import services
from ..filters import TeamFilter
from ..forms.members import AcceptInvitationForm, InvitationForm, MemberForm
from ..models import Invitation, Membership, Role
from ..permissions import (
    can_manage_members,
    get_invitation_for_user,
    get_member_for_manager,
    require_membership,
)

PAGE_SIZE = 25


def _invitations_section():
    """The team page, at its list of open invitations."""
    return redirect(reverse("agencies:members") + "#undangan")


def _team_context(request, membership, *, invite_form=None) -> dict:
    """The team page: the members (filtered, page ``halaman``), the open
    invitations (page ``halaman_undangan``) and, for coordinators, the
    invitation form."""
    agency = membership.agency
    manage = can_manage_members(request.user, agency)
    filters = TeamFilter(
        request.GET,
        Membership.objects.filter(agency=agency).select_related("user", "division"),
    )
    members = filters.qs.order_by("-user__is_active", "user__name", "user__email")
    invitations = (
        Invitation.objects.open()
        .filter(agency=agency)
        .select_related("division", "invited_by")
        .order_by("-created_at", "-id")
    )
    if manage and invite_form is None:
        invite_form = InvitationForm(agency=agency)
    return {
        "agency": agency,
        "can_manage": manage,
        "member_page": paginate(request, members, PAGE_SIZE),
        "invitation_page": paginate(request, invitations, PAGE_SIZE, prefix="undangan"),
        "invite_form": invite_form if manage else None,
        "query": filters.value("q"),
        "role": filters.value("peran"),
        "roles": Role.choices,
        "is_filtered": filters.is_filtered(),
        "valid_days": Invitation.VALID_FOR.days,
    }


@cache_control(private=True, no_store=True)
def members(request):
    """The agency's team: members with role, division and position, open
    invitations and, for coordinators, the invitation form."""
    membership = require_membership(request)
    return render(request, "agencies/members.html", _team_context(request, membership))


@require_POST
def invite(request):
    membership = require_membership(request)
    agency = membership.agency
    if not can_manage_members(request.user, agency):
        raise PermissionDenied
    form = InvitationForm(request.POST, agency=agency)
    if form.is_valid() and send_invitation(request, form, agency):
        return _invitations_section()
    context = _team_context(request, membership, invite_form=form)
    return render(request, "agencies/members.html", context)


def send_invitation(request, form, agency) -> bool:
    """Invite the person of the valid invitation ``form`` into ``agency`` and
    say so; a refusal (an address with an account, an open invitation) goes
    onto the form. True when the invitation was sent."""
    try:
        invitation = services.invite_member(agency=agency, by=request.user, **form.cleaned_data)
    except ValidationError as error:
        form.add_error(None, error)
        return False
    messages.success(
        request,
        _("Undangan untuk %(name)s telah dikirim ke %(email)s.")
        % {"name": invitation.name, "email": invitation.email},
    )
    return True


def _change_invitation(request, pk, service, done):
    """Calls ``service`` on the invitation of the URL and says how it went:
    ``done`` (with the invitation's ``%(email)s``) or the refusal's reason."""
    invitation = get_invitation_for_user(request, pk)
    try:
        service(invitation=invitation, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, done % {"email": invitation.email})
    return _invitations_section()


@require_POST
def revoke_invitation(request, pk):
    done = _("Undangan untuk %(email)s dibatalkan; tautannya tidak berlaku lagi.")
    return _change_invitation(request, pk, services.revoke_invitation, done)


@require_POST
def resend_invitation(request, pk):
    done = _("Undangan dikirim ulang ke %(email)s; tautan yang lama tidak berlaku lagi.")
    return _change_invitation(request, pk, services.resend_invitation, done)


def edit_member(request, pk):
    """A coordinator changes a colleague's role, division and position."""
    member = get_member_for_manager(request, pk)
    edit_guard = EditGuard(request, about=member, values=services.member_values)
    if request.method == "POST":
        form = MemberForm(request.POST, agency=member.agency)
        if form.is_valid():
            try:
                services.change_member(
                    membership=member,
                    by=request.user,
                    version=edit_guard.version,
                    **form.cleaned_data,
                )
            except EditConflict as conflict:
                edit_guard.conflict = conflict
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(
                    request,
                    _("Data %(name)s telah disimpan.") % {"name": member.user.get_full_name()},
                )
                return redirect("agencies:members")
    else:
        form = MemberForm(
            agency=member.agency,
            initial={
                "role": member.role,
                "division": member.division_id,
                "position": member.position,
            },
        )
    return render_edit(
        request, "agencies/member_edit.html", {"member": member, "form": form}, edit_guard
    )


def _set_active(request, pk, *, active):
    member = get_member_for_manager(request, pk)
    services.set_member_active(membership=member, active=active, by=request.user)
    if active:
        message = _("Akun %(name)s diaktifkan kembali.")
    else:
        message = _("Akun %(name)s dinonaktifkan; ia tidak dapat masuk lagi.")
    messages.success(request, message % {"name": member.user.get_full_name()})
    return redirect("agencies:members")


@require_POST
def deactivate_member(request, pk):
    return _set_active(request, pk, active=False)


@require_POST
def reactivate_member(request, pk):
    return _set_active(request, pk, active=True)


def _after_joining_url():
    try:
        return reverse("visits:dashboard")
    except NoReverseMatch:
        return reverse("home")


def _invalid_invitation_page(request, invitation):
    """The page for a link that is unknown (404), used, revoked or expired
    (410); None when the invitation can be accepted."""
    if invitation is None:
        problem = _(
            "Tautan undangan ini tidak dikenal. Periksa apakah tautannya tersalin utuh dari e-mail."
        )
        context, status = {"problem": problem}, 404
    elif problem := services.invitation_problem(invitation):
        context, status = {"problem": problem, "invitation": invitation}, 410
    else:
        return None
    return render(request, "agencies/invitation_invalid.html", context, status=status)


def _join(request, invitation, form):
    """Create the invitee's account from the valid ``form`` and log them in;
    None (the error on the form) when the service refuses."""
    try:
        user = services.accept_invitation(
            invitation=invitation,
            name=form.cleaned_data["name"],
            password=form.cleaned_data["password1"],
        )
    except ValidationError as error:
        form.add_error(None, error)
        return None
    # The invitee proved themselves with the link and the new password: log
    # them in through the first configured backend.
    login(request, user, backend=settings.AUTHENTICATION_BACKENDS[0])
    messages.success(
        request,
        _("Selamat bergabung di %(agency)s. Akun Anda sudah aktif.")
        % {"agency": invitation.agency.display_name},
    )
    return redirect(_after_joining_url())


@login_not_required
@never_cache
@sensitive_post_parameters("password1", "password2")
def accept_invitation(request, token):
    """The invitee's page: name and password, then the account exists and the
    invitee is logged in. A link that is unknown, used, revoked or expired
    gets a page that says so."""
    invitation = services.get_invitation_by_token(token)
    invalid = _invalid_invitation_page(request, invitation)
    if invalid is not None:
        return invalid
    context = {"invitation": invitation, "role": Role(invitation.role).label}
    if request.user.is_authenticated:
        # Someone is logged in on this browser: they must log out first, so
        # that the new account is not mixed up with theirs.
        return render(request, "agencies/invitation_accept.html", context)
    if request.method == "POST":
        form = AcceptInvitationForm(request.POST, invitation=invitation)
        if form.is_valid() and (joined := _join(request, invitation, form)):
            return joined
    else:
        form = AcceptInvitationForm(invitation=invitation, initial={"name": invitation.name})
    return render(request, "agencies/invitation_accept.html", context | {"form": form})
