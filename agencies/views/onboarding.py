"""A national administrator brings an agency into the portal without the
Django admin: adds the agency (province, then kabupaten/kota), then invites
its first coordinator, who invites the rest of the team. Only national
administrators (``is_national_admin``): 403 for everyone else."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from .. import services
from ..forms.onboarding import AgencyForm, CoordinatorInvitationForm, RegionForm
from ..models import Agency, Invitation, Membership
from ..permissions import require_national_admin
from .members import send_invitation


def agency_create(request):
    """The new agency's form; saved, the page of its first coordinator's
    invitation. A region that already has its agency gets a sentence that
    names it."""
    require_national_admin(request)
    form, taken = AgencyForm(request.POST or None), []
    if request.method == "POST" and form.only_choosing_region():
        # Without JavaScript: the province's kabupaten/kota, nothing saved.
        form = AgencyForm(initial=form.data.dict())
    elif form.is_bound and form.is_valid():
        try:
            agency = services.create_agency(by=request.user, **form.service_fields())
        except ValidationError as error:
            form.add_error(None, error)
            taken = [e.params["slug"] for e in error.error_list if e.code == "region_taken"]
        else:
            messages.success(
                request,
                _("%(agency)s telah ditambahkan. Undang koordinator pertamanya.")
                % {"agency": agency.name},
            )
            return redirect("agencies:invite_coordinator", slug=agency.slug)
    # A region that has its agency: a link to invite that agency's coordinator.
    context = {"form": form, "taken_slug": taken[0] if taken else None}
    return render(request, "agencies/agency_form.html", context)


@require_GET
def agency_regencies(request):
    """The ``<option>``s of the chosen province's kabupaten/kota, for the
    form's second select (htmx swaps them in when the province changes)."""
    require_national_admin(request)
    form = RegionForm(request.GET)
    choices = form.fields["regency"].choices
    return render(request, "agencies/_regency_options.html", {"choices": choices})


def invite_coordinator(request, slug):
    """Invite the agency's first coordinator (or another one): the same
    invitation, e-mail and link as a coordinator's own (``invite_member``)."""
    require_national_admin(request)
    agency = get_object_or_404(Agency.objects.select_related("province", "regency"), slug=slug)
    form = CoordinatorInvitationForm(request.POST or None, agency=agency)
    if form.is_bound and form.is_valid() and send_invitation(request, form, agency):
        return redirect("agencies:invite_coordinator", slug=agency.slug)
    context = {
        "agency": agency,
        "form": form,
        "members": Membership.objects.filter(agency=agency).select_related("user"),
        "invitations": Invitation.objects.open().filter(agency=agency),
        "valid_days": Invitation.VALID_FOR.days,
    }
    return render(request, "agencies/coordinator_invite.html", context)
