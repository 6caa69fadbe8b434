"""A visit request: create, edit, see, and move it along its lifecycle.

Each lifecycle action (``ACTIONS``, one URL each) has a confirmation page
(GET) with an optional comment, and is carried out by a POST that calls the
matching service (``lifecycle.views.confirm_action``)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Prefetch, prefetch_related_objects
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_http_methods, require_POST

from agencies.permissions import agency_of, can_schedule, require_membership
from edits.guard import EditConflict, EditGuard, render_edit
from lifecycle.actions import Action, allowed_actions
from lifecycle.forms import CommentForm
from lifecycle.views import confirm_action
from pagecache.pages import Scope, cached_page
from pagecache.stamps import PEOPLE, REPORTS

from .. import permissions, services
from ..forms import (
    AcceptForm,
    DeclineForm,
    PrefillForm,
    ProposeDateForm,
    ReplyLetterForm,
    VisitRequestForm,
)
from ..models import Side, Visit, VisitTopic
from ..permissions import get_visit_for_user
from ..workdays import holidays_during


def visit_create(request):
    """A new request of the user's agency, prefilled with ?host=<pk>&topic=<code>
    when it comes from the good-practice directory."""
    membership = require_membership(request)
    if not can_schedule(request.user, membership.agency):
        raise PermissionDenied
    visit = Visit()
    if request.method == "POST":
        form = VisitRequestForm(
            request.POST, request.FILES, instance=visit, visitor=membership.agency
        )
        if form.is_valid():
            try:
                visit = services.visit_create(
                    visit=form.save(commit=False),
                    topics=form.chosen_topics,
                    venues=form.venues(),
                    by=request.user,
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(
                    request,
                    _("Draf permohonan tersimpan. Periksa kembali, lalu ajukan ke tuan rumah."),
                )
                return redirect("visits:detail", pk=visit.pk)
    else:
        form = VisitRequestForm(
            instance=visit, visitor=membership.agency, initial=_prefill(request)
        )
    return render(request, "visits/visit_form.html", {"form": form, "visit": None})


def _prefill(request):
    """Initial host and topic from the query string; unknown values are ignored."""
    form = PrefillForm(request.GET)
    form.is_valid()
    initial = {}
    if host := form.cleaned_data.get("host"):
        initial["host"] = host.pk
    if topic := form.cleaned_data.get("topic"):
        initial[f"topic_{topic.pk}"] = True
    return initial


def visit_edit(request, pk):
    """Change a request the host has not answered; a save over someone
    else's change made since the page opened is refused (409) with both
    versions shown."""
    visit = get_visit_for_user(request, pk, check=permissions.can_edit_request)
    # Read once for the form and for the version the page carries.
    prefetch_related_objects(
        [visit],
        Prefetch("visit_topics", queryset=VisitTopic.objects.select_related("topic")),
        "venues",
    )
    edit_guard = EditGuard(request, about=visit, values=services.visit_values)
    if request.method == "POST":
        form = VisitRequestForm(request.POST, request.FILES, instance=visit, visitor=visit.visitor)
        if form.is_valid():
            try:
                services.visit_update(
                    visit=form.save(commit=False),
                    topics=form.chosen_topics,
                    venues=form.venues(),
                    by=request.user,
                    version=edit_guard.version,
                )
            except EditConflict as conflict:
                edit_guard.conflict = conflict
            except ValidationError as error:  # the start passed since the form's check
                form.add_error(None, error)
            else:
                messages.success(request, _("Perubahan permohonan tersimpan."))
                return redirect("visits:detail", pk=visit.pk)
    else:
        form = VisitRequestForm(instance=visit, visitor=visit.visitor)
    return render_edit(
        request, "visits/visit_form.html", {"form": form, "visit": visit}, edit_guard
    )


def visit_page(request, pk) -> Scope:
    """The page cache's scope of a visit's page: both agencies, and the
    reader's side (what each side may do differs)."""
    # The rule of get_visit_for_user, reading only the two agencies.
    agency = require_membership(request).agency
    sides = (
        permissions.visits_for_agency(agency)
        .filter(pk=pk)
        .values_list("host_id", "visitor_id")
        .first()
    )
    if sides is None:
        raise Http404
    return Scope(agencies=sides, parts=(Side.HOST if agency.pk == sides[0] else Side.VISITOR,))


@cached_page(visit_page, facets=[PEOPLE, REPORTS])
def visit_detail(request, pk):
    visit = get_visit_for_user(request, pk)
    user = request.user
    participants = list(visit.participants.all())
    context = {
        "visit": visit,
        "side": permissions.side_of(user, visit),
        "viewer_tz": agency_of(user).tzinfo,
        "visit_topics": visit.visit_topics.select_related("topic"),
        "venues": visit.venues.all(),
        "visitor_participants": [p for p in participants if p.side == Side.VISITOR],
        "host_participants": [p for p in participants if p.side == Side.HOST],
        "agenda_items": visit.agenda_items.all(),
        "events": visit.events.select_related("actor", "actor_agency"),
        "holidays": holidays_during(visit.start, visit.end, visit.host.tzinfo),
        "actions": allowed_actions(ACTIONS, user, visit, url_prefix="visits:"),
        "can_edit_request": permissions.can_edit_request(user, visit),
        "can_record_reply_letter": permissions.can_record_reply_letter(user, visit),
        "can_edit_visitor_participants": permissions.can_edit_participants(
            user, visit, Side.VISITOR
        ),
        "can_edit_host_participants": permissions.can_edit_participants(user, visit, Side.HOST),
        "can_edit_agenda": permissions.can_edit_agenda(user, visit),
        "can_mark_attendance": permissions.can_mark_attendance(user, visit),
        "can_view_history": permissions.can_view_history(user, visit),
        "reply_form": ReplyLetterForm(instance=visit),
        "reply_guard": EditGuard(request, about=visit, values=services.reply_letter_values),
    }
    return render(request, "visits/visit_detail.html", context)


@cache_control(private=True, no_store=True)
def visit_letter(request, pk, kind):
    """Download the request or reply letter: only the two agencies of the visit."""
    visit = get_visit_for_user(request, pk)
    letter = {"permohonan": visit.request_letter_file, "balasan": visit.reply_letter_file}.get(kind)
    if not letter:
        raise Http404
    return FileResponse(
        letter.open("rb"),
        as_attachment=True,
        filename=f"surat-{kind}-{visit.pk}.pdf",
        content_type="application/pdf",
    )


@require_POST
def visit_reply_letter(request, pk):
    """Record the reply letter from the form on the visit's page. A save over
    someone else's letter recorded since the page opened is refused (409) on
    a page of its own with both versions."""
    visit = get_visit_for_user(request, pk, check=permissions.can_record_reply_letter)
    edit_guard = EditGuard(request, about=visit, values=services.reply_letter_values)
    form = ReplyLetterForm(request.POST, request.FILES, instance=visit)
    if form.is_valid():
        try:
            services.visit_record_reply_letter(
                visit=visit,
                by=request.user,
                number=form.cleaned_data["reply_letter_number"],
                date=form.cleaned_data["reply_letter_date"],
                # A new scan, False when the stored one is removed, None to keep it.
                file=(
                    form.cleaned_data["reply_letter_file"]
                    if "reply_letter_file" in form.changed_data
                    else None
                ),
                version=edit_guard.version,
            )
        except EditConflict as conflict:
            edit_guard.conflict = conflict
            context = {"visit": visit, "form": form}
            return render_edit(request, "visits/reply_letter_form.html", context, edit_guard)
        messages.success(request, _("Surat balasan tersimpan."))
    else:
        errors = "; ".join(str(e) for field_errors in form.errors.values() for e in field_errors)
        messages.error(request, _("Surat balasan tidak tersimpan: %(errors)s") % {"errors": errors})
    return redirect("visits:detail", pk=visit.pk)


# --- Lifecycle actions ----------------------------------------------------------


ACTIONS = {
    "submit": Action(
        slug="ajukan",
        allowed=permissions.can_submit,
        service=services.visit_submit,
        form=CommentForm,
        title=_("Ajukan permohonan kunjungan"),
        explanation=_(
            "Permohonan dikirim kepada tuan rumah, yang akan menerima, menolak atau "
            "mengusulkan tanggal lain. Koordinator tuan rumah menerima e-mail."
        ),
        button=_("Ajukan ke tuan rumah"),
        done=_("Permohonan telah diajukan kepada tuan rumah."),
    ),
    "accept": Action(
        slug="terima",
        allowed=permissions.can_answer_request,
        service=services.visit_accept,
        form=AcceptForm,
        title=_("Terima permohonan kunjungan"),
        explanation=_(
            "Kunjungan menjadi terjadwal pada tanggal yang diajukan dan tampil di "
            "kalender kedua instansi. Koordinator pengunjung menerima e-mail."
        ),
        button=_("Terima kunjungan"),
        done=_("Kunjungan diterima dan terjadwal."),
        style="success",
    ),
    "decline": Action(
        slug="tolak",
        allowed=permissions.can_answer_request,
        service=services.visit_decline,
        form=DeclineForm,
        title=_("Tolak permohonan kunjungan"),
        explanation=_("Permohonan ditolak dan tidak dapat dibuka kembali."),
        button=_("Tolak permohonan"),
        done=_("Permohonan kunjungan ditolak."),
        style="danger",
    ),
    "propose_date": Action(
        slug="usulkan-tanggal",
        allowed=permissions.can_answer_request,
        service=services.visit_propose_date,
        form=ProposeDateForm,
        title=_("Usulkan tanggal lain"),
        explanation=_(
            "Instansi pengunjung akan menyetujui atau menolak tanggal usulan Anda. "
            "Waktu diisi dalam zona waktu tuan rumah."
        ),
        button=_("Kirim usulan tanggal"),
        done=_("Usulan tanggal lain telah dikirim."),
        link=_("Usulkan tanggal lain"),
    ),
    "accept_proposal": Action(
        slug="terima-tanggal",
        allowed=permissions.can_answer_proposal,
        service=services.visit_accept_proposal,
        form=CommentForm,
        title=_("Setujui tanggal usulan tuan rumah"),
        explanation=_("Kunjungan menjadi terjadwal pada tanggal yang diusulkan tuan rumah."),
        button=_("Setujui tanggal"),
        done=_("Tanggal usulan disetujui; kunjungan terjadwal."),
        style="success",
    ),
    "refuse_proposal": Action(
        slug="tolak-tanggal",
        allowed=permissions.can_answer_proposal,
        service=services.visit_refuse_proposal,
        form=CommentForm,
        title=_("Tolak tanggal usulan tuan rumah"),
        explanation=_(
            "Permohonan kembali ke tuan rumah dengan tanggal semula; tuan rumah "
            "menjawabnya lagi. Anda dapat mengubah tanggal permohonan lebih dulu."
        ),
        button=_("Tolak tanggal usulan"),
        done=_("Tanggal usulan ditolak; permohonan kembali ke tuan rumah."),
        style="warning",
    ),
    "mark_held": Action(
        slug="terlaksana",
        allowed=permissions.can_mark_held,
        service=services.visit_mark_held,
        form=CommentForm,
        title=_("Tandai kunjungan terlaksana"),
        explanation=_("Kunjungan tercatat telah terlaksana; laporan dapat mulai ditulis."),
        button=_("Tandai terlaksana"),
        done=_("Kunjungan ditandai terlaksana."),
        style="success",
    ),
    "cancel": Action(
        slug="batalkan",
        allowed=permissions.can_cancel,
        service=services.visit_cancel,
        form=CommentForm,
        title=_("Batalkan kunjungan"),
        explanation=_(
            "Kunjungan dibatalkan dan tidak dapat dibuka kembali. Tuan rumah menerima e-mail."
        ),
        button=_("Batalkan kunjungan"),
        done=_("Kunjungan dibatalkan."),
        style="danger",
    ),
}


@require_http_methods(["GET", "POST"])
def visit_action(request, pk, name):
    """The confirmation page (GET) and the step (POST) of ``ACTIONS[name]``."""
    action = ACTIONS[name]
    visit = get_visit_for_user(request, pk, check=action.allowed)
    return confirm_action(
        request,
        action=action,
        target={"visit": visit},
        form_kwargs={"visit": visit} if action.form is ProposeDateForm else {},
        back=reverse("visits:detail", args=[visit.pk]),
        context={
            "breadcrumb": "visits/_visit_breadcrumb.html",
            "summary": "visits/_visit_action_summary.html",
        },
    )
