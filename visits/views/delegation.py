"""The delegation, the host's officials, attendance and the agenda.

Each agency keeps its own people (the visitor its delegation, the host its
receiving officials, speakers and companions); either side marks attendance
and edits the agenda. Access is asked of ``visits.permissions``; writes go
through ``visits.delegation``. Every action works as a plain POST with a
redirect; htmx requests (attendance toggles, removing a row) get the changed
fragment instead.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count, Q
from django.http import HttpResponse, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET, require_POST
from django_htmx.http import HttpResponseClientRedirect

from edits.guard import EditConflict, EditGuard, render_edit
from studitiru.pagination import paginate
from studitiru.query import next_path

from .. import delegation, permissions
from ..filters import AttendanceFilter, ParticipantFilter
from ..forms import (
    AgendaItemForm,
    AttendanceChecklistForm,
    AttendanceForm,
    CheckAllForm,
    ParticipantForm,
    ParticipantImportForm,
    TemplateFormatForm,
)
from ..models import (
    AgendaItem,
    DelegationRole,
    Participant,
    Side,
)
from ..participant_import import (
    MAX_ROWS,
    SheetError,
    read_participant_sheet,
    template_csv,
    template_headers,
    template_xlsx,
)
from ..permissions import (
    attendance_refusal,
    can_edit_agenda,
    can_edit_participants,
    can_mark_attendance,
    get_visit_for_user,
    refusal,
    side_check,
    side_of,
)

PAGE_SIZE = 100
# The import page lists this many problems, then says how many more there are.
SHOWN_PROBLEMS = 20


def _can_edit_own_side(user, visit) -> bool:
    """May the user change the participants of their own side of the visit?
    (A private helper: ``can_edit_participants`` with the user's side.)"""
    side = side_of(user, visit)
    return side is not None and can_edit_participants(user, visit, side)


def _participant_for(request, pk, participant_pk):
    """The visit and one of its participants; 403 when the participant is on
    the other side (each agency keeps its own people)."""
    visit = get_visit_for_user(request, pk)
    participant = get_object_or_404(Participant, pk=participant_pk, visit=visit)
    if not can_edit_participants(request.user, visit, participant.side):
        raise refusal(request.user, visit, side_check(can_edit_participants, participant.side))
    return visit, participant


def _flags(user, visit):
    return {
        "my_side": side_of(user, visit),
        "can_edit_visitor_participants": can_edit_participants(user, visit, Side.VISITOR),
        "can_edit_host_participants": can_edit_participants(user, visit, Side.HOST),
        "can_remove_visitor_participants": permissions.can_remove_participants(
            user, visit, Side.VISITOR
        ),
        "can_remove_host_participants": permissions.can_remove_participants(user, visit, Side.HOST),
        "can_edit_agenda": can_edit_agenda(user, visit),
        "can_mark_attendance": can_mark_attendance(user, visit),
    }


def _add_errors(form, error: ValidationError):
    """Put a service's ValidationError on the form: on its fields when it
    names fields the form has, otherwise on the form as a whole."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


# --- Participants -------------------------------------------------------------


def _people_page(request, visit, filter_class) -> dict:
    """What the participants and attendance pages share: the visit's people
    narrowed by ``filter_class``, one page of them, split by side."""
    filters = filter_class(request.GET, visit.participants.all())
    page = paginate(request, filters.qs, PAGE_SIZE)
    rows = list(page.object_list)
    return {
        "visit": visit,
        "filters": filters.form,
        "page": page,
        "visitor_participants": [p for p in rows if p.side == Side.VISITOR],
        "host_participants": [p for p in rows if p.side == Side.HOST],
        "filtered": filters.is_filtered(),
        "side_filter": filters.chosen_side,
    }


@cache_control(private=True, no_store=True)
@require_GET
def participants(request, pk):
    """Both sides' people, searchable and paginated; each agency changes its own."""
    visit = get_visit_for_user(request, pk)
    context = _people_page(request, visit, ParticipantFilter)
    counts = visit.participants.aggregate(
        visitor=Count("pk", filter=Q(side=Side.VISITOR)),
        host=Count("pk", filter=Q(side=Side.HOST)),
    )
    context |= {
        "counts": counts,
        "tab": "participants",
        **_flags(request.user, visit),
    }
    return render(request, "visits/participants.html", context)


def _participants_url(visit, participant=None):
    url = reverse("visits:participants", args=[visit.pk])
    return f"{url}#p{participant.pk}" if participant is not None else url


def participant_add(request, pk):
    visit = get_visit_for_user(request, pk, check=_can_edit_own_side)
    side = side_of(request.user, visit)
    participant = Participant(visit=visit, side=side)
    form = ParticipantForm(request.POST or None, instance=participant, side=side)
    if request.method == "POST" and form.is_valid():
        try:
            delegation.participant_save(participant=form.instance, by=request.user)
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(
                request, _("%(name)s ditambahkan.") % {"name": form.instance.full_name}
            )
            if "add_another" in request.POST:
                return redirect("visits:participant_add", visit.pk)
            return redirect(_participants_url(visit, form.instance))
    return render(
        request,
        "visits/participant_form.html",
        {"visit": visit, "form": form, "side": side, "tab": "participants"},
    )


def participant_edit(request, pk, participant_pk):
    """Change a participant of the user's own side; a save over someone
    else's change made since the page opened is refused (409) with both
    versions shown."""
    visit, participant = _participant_for(request, pk, participant_pk)
    edit_guard = EditGuard(request, about=participant, values=delegation.participant_values)
    form = ParticipantForm(request.POST or None, instance=participant, side=participant.side)
    if request.method == "POST" and form.is_valid():
        try:
            delegation.participant_save(
                participant=form.instance, by=request.user, version=edit_guard.version
            )
        except EditConflict as conflict:
            edit_guard.conflict = conflict
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(
                request, _("Data %(name)s disimpan.") % {"name": participant.full_name}
            )
            return redirect(_participants_url(visit, participant))
    return render_edit(
        request,
        "visits/participant_form.html",
        {
            "visit": visit,
            "form": form,
            "side": participant.side,
            "participant": participant,
            "tab": "participants",
        },
        edit_guard,
    )


@require_POST
def participant_delete(request, pk, participant_pk):
    visit, participant = _participant_for(request, pk, participant_pk)
    try:
        delegation.participant_delete(participant=participant, by=request.user)
    except ValidationError as error:
        messages.error(request, error.messages[0])
        if request.htmx:
            return HttpResponseClientRedirect(_participants_url(visit))
        return redirect(_participants_url(visit))
    if request.htmx:
        # The row disappears (hx-swap="delete"); the side's head count follows.
        return render(
            request,
            "visits/participants.html#side-count",
            {
                "side": participant.side,
                "count": visit.participants.filter(side=participant.side).count(),
                "oob": True,
            },
        )
    messages.success(request, _("%(name)s dihapus dari daftar.") % {"name": participant.full_name})
    return redirect(_participants_url(visit))


@require_POST
def participant_make_head(request, pk, participant_pk):
    visit, participant = _participant_for(request, pk, participant_pk)
    previous = visit.participants.filter(role=DelegationRole.HEAD).exclude(pk=participant.pk)
    previous = previous.first()
    try:
        delegation.participant_make_head(participant=participant, by=request.user)
    except ValidationError as error:
        messages.error(request, error.messages[0])
    else:
        if previous is not None:
            message = _("%(name)s kini ketua rombongan; %(previous)s menjadi anggota.") % {
                "name": participant.full_name,
                "previous": previous.full_name,
            }
        else:
            message = _("%(name)s kini ketua rombongan.") % {"name": participant.full_name}
        messages.success(request, message)
    return redirect(_participants_url(visit, participant))


def _read_sheet(visit, side, form):
    """The uploaded sheet of the valid ``form``, read and checked against the
    NIPs the visit already has (none of the user's side when replacing it);
    None, with the error on the form, when it is not a sheet."""
    upload = form.cleaned_data["file"]
    known = delegation.registered_nips(visit, replacing_side=side if form.replaces() else None)
    try:
        return read_participant_sheet(
            upload.read(), filename=upload.name, side=side, existing_nips=known
        )
    except SheetError as error:
        form.add_error("file", error.message)
        return None


def _import_rows(request, visit, side, form, result):
    """Save the sheet's participants; the participant list, or None with
    the service's error on the form."""
    upload = form.cleaned_data["file"]
    try:
        count = delegation.participants_import(
            visit=visit,
            side=side,
            participants=result.participants,
            replace=form.replaces(),
            by=request.user,
        )
    except ValidationError as error:
        form.add_error(None, error)
        return None
    messages.success(
        request,
        _("%(count)s peserta diimpor dari %(file)s.") % {"count": count, "file": upload.name},
    )
    if result.ignored_columns:
        messages.info(
            request,
            _("Kolom yang tidak dikenal dan diabaikan: %(columns)s.")
            % {"columns": ", ".join(result.ignored_columns)},
        )
    return redirect(_participants_url(visit))


def participant_import(request, pk):
    """Import the user's own side from a CSV or XLSX sheet: all rows or none."""
    visit = get_visit_for_user(request, pk, check=_can_edit_own_side)
    side = side_of(request.user, visit)
    can_replace = permissions.can_remove_participants(request.user, visit, side)
    form = ParticipantImportForm(
        request.POST or None, request.FILES or None, can_replace=can_replace
    )
    problems = []
    if request.method == "POST" and form.is_valid():
        result = _read_sheet(visit, side, form)
        if result is not None and result.ok:
            if imported := _import_rows(request, visit, side, form, result):
                return imported
        elif result is not None:
            problems = [str(problem) for problem in result.problems]
    return render(
        request,
        "visits/participant_import.html",
        {
            "visit": visit,
            "form": form,
            "side": side,
            "problems": problems[:SHOWN_PROBLEMS],
            "problem_count": len(problems),
            "more_problems": max(len(problems) - SHOWN_PROBLEMS, 0),
            "max_rows": MAX_ROWS,
            "headers": template_headers(side),
            "tab": "participants",
        },
    )


@require_GET
def participant_template(request, pk):
    """The blank sheet for the user's side: XLSX, or CSV with ``?format=csv``."""
    visit = get_visit_for_user(request, pk)
    side = side_of(request.user, visit)
    stem = "peserta-rombongan" if side == Side.VISITOR else "peserta-tuan-rumah"
    if TemplateFormatForm(request.GET).wants_csv():
        response = HttpResponse(template_csv(side), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="templat-{stem}.csv"'
    else:
        response = HttpResponse(
            template_xlsx(side),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
        response["Content-Disposition"] = f'attachment; filename="templat-{stem}.xlsx"'
    return response


# --- Attendance ---------------------------------------------------------------


def _attendance_counts(visit):
    counts = visit.participants.aggregate(
        total=Count("pk"),
        present=Count("pk", filter=Q(attended=True)),
        absent=Count("pk", filter=Q(attended=False)),
    )
    counts["unknown"] = counts["total"] - counts["present"] - counts["absent"]
    return counts


def _attendance_back_url(request) -> str:
    """The page's own address without ``centang`` (after a save, the rows
    show what was saved, not every row checked again)."""
    query = request.GET.copy()
    query.pop("centang", None)
    return f"{request.path}?{query.urlencode()}" if query else request.path


def _back_to_attendance(request, visit, anchor=""):
    """Back to the attendance page the form came from (its filters and page
    kept), never to another address."""
    url = reverse("visits:attendance", args=[visit.pk])
    back = next_path(request.POST)
    if back.startswith(url) and url_has_allowed_host_and_scheme(back, allowed_hosts=None):
        url = back
    return redirect(f"{url}{anchor}")


@cache_control(private=True, no_store=True)
@require_GET
def attendance(request, pk):
    """The checklist of the day: both sides, hadir / tidak hadir per person,
    one at a time or the whole page at once (every row checked with
    ``?centang=semua``, then the exceptions unchecked)."""
    visit = get_visit_for_user(request, pk)
    context = _people_page(request, visit, AttendanceFilter)
    context |= {
        "counts": _attendance_counts(visit),
        "can_mark_attendance": can_mark_attendance(request.user, visit),
        "shown": context["visitor_participants"] + context["host_participants"],
        "check_all": CheckAllForm(request.GET).check_all(),
        "attendance_refusal": attendance_refusal(request.user, visit),
        "back_url": _attendance_back_url(request),
        "tab": "attendance",
    }
    return render(request, "visits/attendance.html", context)


@require_POST
def attendance_save(request, pk):
    """Save the checklist of one page at once: checked came, unchecked did not."""
    visit = get_visit_for_user(request, pk, check=can_mark_attendance)
    form = AttendanceChecklistForm(request.POST)
    if not form.is_valid():
        for error in form.errors.values():
            messages.error(request, " ".join(error))
        return _back_to_attendance(request, visit)
    present, absent = form.present_and_absent()
    delegation.attendance_record(visit=visit, present=present, absent=absent, by=request.user)
    messages.success(
        request,
        _("Kehadiran disimpan: %(present)d hadir, %(absent)d tidak hadir di halaman ini.")
        % {"present": len(present), "absent": len(absent)},
    )
    return _back_to_attendance(request, visit, "#attendance-checklist")


@require_POST
def attendance_mark(request, pk, participant_pk):
    visit = get_visit_for_user(request, pk, check=can_mark_attendance)
    participant = get_object_or_404(Participant, pk=participant_pk, visit=visit)
    form = AttendanceForm(request.POST)
    if not form.is_valid():
        return HttpResponseBadRequest(_("Nilai kehadiran tidak sah."))
    delegation.attendance_set(
        participant=participant, attended=form.cleaned_data["attended"], by=request.user
    )
    if request.htmx:
        return render(
            request,
            "visits/attendance.html#attendance-update",
            {
                "visit": visit,
                "participant": participant,
                "counts": _attendance_counts(visit),
                "can_mark_attendance": True,
                "back_url": request.htmx.current_url_abs_path or "",
            },
        )
    return _back_to_attendance(request, visit, f"#p{participant.pk}")


# --- Agenda -------------------------------------------------------------------


@require_GET
def agenda(request, pk):
    visit = get_visit_for_user(request, pk)
    return render(
        request,
        "visits/agenda.html",
        {
            "visit": visit,
            "agenda_items": visit.agenda_items.all(),
            "can_edit_agenda": can_edit_agenda(request.user, visit),
            "tab": "agenda",
        },
    )


def _agenda_form_page(request, visit, item):
    edit_guard = None
    if item.pk is not None:
        edit_guard = EditGuard(
            request,
            about=item,
            values=lambda stored: delegation.agenda_item_values(stored, visit=visit),
        )
    form = AgendaItemForm(request.POST or None, instance=item, visit=visit)
    if request.method == "POST" and form.is_valid():
        try:
            delegation.agenda_item_save(
                item=form.instance,
                by=request.user,
                version=edit_guard.version if edit_guard else None,
            )
        except EditConflict as conflict:
            edit_guard.conflict = conflict
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, _("Acara «%(title)s» disimpan.") % {"title": item.title})
            if "add_another" in request.POST:
                return redirect("visits:agenda_add", visit.pk)
            return redirect(reverse("visits:agenda", args=[visit.pk]) + f"#a{item.pk}")
    return render_edit(
        request,
        "visits/agenda_form.html",
        {
            "visit": visit,
            "form": form,
            "item": item,
            "agenda_items": visit.agenda_items.all(),
            "can_edit_agenda": True,
            "tab": "agenda",
        },
        edit_guard,
    )


def agenda_add(request, pk):
    visit = get_visit_for_user(request, pk, check=can_edit_agenda)
    return _agenda_form_page(request, visit, AgendaItem(visit=visit))


def agenda_edit(request, pk, item_pk):
    visit = get_visit_for_user(request, pk, check=can_edit_agenda)
    item = get_object_or_404(AgendaItem, pk=item_pk, visit=visit)
    return _agenda_form_page(request, visit, item)


@require_POST
def agenda_delete(request, pk, item_pk):
    visit = get_visit_for_user(request, pk, check=can_edit_agenda)
    item = get_object_or_404(AgendaItem, pk=item_pk, visit=visit)
    delegation.agenda_item_delete(item=item, by=request.user)
    if request.htmx:
        return HttpResponse("")
    messages.success(request, _("Acara «%(title)s» dihapus.") % {"title": item.title})
    return redirect("visits:agenda", visit.pk)
