"""The ATM adoption plan: a report's plan, its items with their review and
progress check-ins, and the agency's list of items across its visits.

Access is asked of ``reports.permissions`` (another agency's item answers
404, the wrong role or state 403); every change goes through
``reports.services``. Each step of an item's lifecycle has a confirmation
page (GET) with a comment, required when returning or dropping the item,
and is carried out by a POST.
"""

from collections import Counter
from typing import NamedTuple

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count, Q
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_http_methods, require_POST

from agencies.permissions import agency_of, require_membership
from agencies.stamps import own_agency_page
from edits.guard import EditConflict, EditGuard, render_edit
from lifecycle.actions import Action, allowed_actions
from lifecycle.forms import CommentForm
from lifecycle.views import confirm_action
from pagecache.pages import cached_page
from pagecache.stamps import REPORTS
from studitiru.pagination import paginate

from .. import permissions, services
from ..filters import SHOW_ACTIVE, SHOW_AWAITING, SHOW_OVERDUE, ItemFilter
from ..forms.plan import (
    EVIDENCE_TYPES,
    FROM_PLAN,
    AdoptionItemForm,
    CheckInForm,
    ItemDropForm,
    ItemReturnForm,
    ReturnToForm,
)
from ..models import ACTIVE_ADOPTION_STATES, AdoptionItem, AdoptionStatus, overdue_condition
from ..permissions import get_checkin_for_user, get_item_for_user, get_report_for_user
from ..selectors import item_list_rows

PAGE_SIZE = 25


class QuickFilter(NamedTuple):
    """A button above the item list that filters it by one status."""

    value: str
    label: str
    count: int
    icon: str  # named as icon="…": the icon sprite's build finds it (studitiru/icons.py)


# --- Lifecycle actions ---------------------------------------------------------------


ACTIONS = {
    "approve": Action(
        slug="setujui",
        allowed=permissions.can_review_item,
        service=services.item_approve,
        form=CommentForm,
        title=_("Setujui butir rencana ATM"),
        explanation=_(
            "Butir menjadi rencana kerja instansi: bidang penanggung jawab dapat mulai "
            "melaksanakannya dan mencatat kemajuannya sampai target selesai."
        ),
        button=_("Setujui"),
        done=_("Butir rencana ATM disetujui."),
        icon="check2-circle",
        style="success",
    ),
    "return": Action(
        slug="kembalikan",
        allowed=permissions.can_review_item,
        service=services.item_return,
        form=ItemReturnForm,
        title=_("Kembalikan butir untuk diperbaiki"),
        explanation=_(
            "Penyusun memperbaiki butir sesuai catatan Anda, lalu mengajukannya ulang "
            "untuk ditinjau."
        ),
        button=_("Kembalikan"),
        done=_("Butir dikembalikan kepada penyusun untuk diperbaiki."),
        icon="arrow-return-left",
        style="warning",
    ),
    "propose_again": Action(
        slug="ajukan-ulang",
        allowed=permissions.can_propose_item,
        service=services.item_propose_again,
        form=CommentForm,
        title=_("Ajukan ulang butir"),
        explanation=_("Butir yang sudah diperbaiki dikirim kembali kepada kepala untuk ditinjau."),
        button=_("Ajukan ulang"),
        done=_("Butir diajukan ulang kepada kepala."),
        icon="send",
    ),
    "start": Action(
        slug="mulai",
        allowed=permissions.can_start_item,
        service=services.item_start,
        form=CommentForm,
        title=_("Mulai pelaksanaan butir"),
        explanation=_(
            "Butir tercatat sedang berjalan. Catat kemajuannya secara berkala, dengan bukti "
            "bila ada."
        ),
        button=_("Mulai pelaksanaan"),
        done=_("Butir tercatat sedang berjalan."),
        icon="play-circle",
    ),
    "adopt": Action(
        slug="diadopsi",
        allowed=permissions.can_adopt_item,
        service=services.item_adopt,
        form=CommentForm,
        title=_("Tandai butir diadopsi"),
        explanation=_(
            "Praktik ini telah diterapkan di instansi Anda sesuai indikator keberhasilannya. "
            "Butir selesai dan tidak dapat diubah lagi."
        ),
        button=_("Tandai diadopsi"),
        done=_("Butir ditandai diadopsi."),
        icon="trophy",
        style="success",
    ),
    "drop": Action(
        slug="hentikan",
        allowed=permissions.can_conclude_item,
        service=services.item_drop,
        form=ItemDropForm,
        title=_("Hentikan butir"),
        explanation=_(
            "Butir tidak dilanjutkan dan tidak dapat dibuka kembali; alasannya tercatat "
            "dalam riwayat butir."
        ),
        button=_("Hentikan butir"),
        done=_("Butir dihentikan."),
        icon="x-circle",
        style="danger",
    ),
}


@require_http_methods(["GET", "POST"])
def item_action(request, item_pk, name):
    """The confirmation page (GET) and the step (POST) of ``ACTIONS[name]``;
    back to the plan when started from it (``?dari=rencana``)."""
    action = ACTIONS[name]
    item = get_item_for_user(request, item_pk, check=action.allowed)
    if ReturnToForm(request.GET).to_plan():
        back = reverse("reports:plan", args=[item.report_id])
    else:
        back = reverse("reports:item_detail", args=[item.pk])
    return confirm_action(
        request,
        action=action,
        target={"item": item},
        back=back,
        context={
            "report": item.report,
            "visit": item.report.visit,
            "breadcrumb": "reports/plan/_breadcrumb.html",
            "summary": "reports/plan/_item_action_summary.html",
        },
    )


def _allowed_actions(user, item):
    """``(url name, action)`` pairs of the steps ``user`` may take on ``item``."""
    return allowed_actions(ACTIONS, user, item, url_prefix="reports:item_")


# --- A report's plan -----------------------------------------------------------------


def plan_detail(request, pk):
    """The report's agency's ATM plan for the visit, item by item, with the
    steps the user may take on each."""
    report = get_report_for_user(request, pk)
    user = request.user
    items = list(
        permissions.items_for_agency(report.agency).filter(report=report).order_by("order", "id")
    )
    for item in items:
        item.actions = _allowed_actions(user, item)
        item.can_edit = permissions.can_edit_item(user, item)
    statuses = Counter(item.status for item in items)
    context = {
        "report": report,
        "visit": report.visit,
        "items": items,
        "summary": [(status, statuses[status]) for status in AdoptionStatus if statuses[status]],
        "overdue_count": sum(item.is_overdue for item in items),
        "can_add": permissions.can_add_item(user, report),
        "from_plan": FROM_PLAN,
    }
    return render(request, "reports/plan/plan_detail.html", context)


def item_add(request, pk):
    report = get_report_for_user(request, pk, check=permissions.can_add_item)
    form = AdoptionItemForm(request.POST if request.method == "POST" else None, report=report)
    if form.is_valid():
        try:
            services.item_create(report=report, by=request.user, **form.item_fields())
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Butir rencana ATM tersimpan dan diajukan kepada kepala."))
            if "tambah_lagi" in request.POST:
                return redirect("reports:item_add", pk=report.pk)
            return redirect("reports:plan", pk=report.pk)
    return render(
        request,
        "reports/plan/item_form.html",
        {"form": form, "report": report, "visit": report.visit, "item": None},
    )


def item_edit(request, item_pk):
    item = get_item_for_user(request, item_pk, check=permissions.can_edit_item)
    report = item.report
    edit_guard = EditGuard(request, about=item, values=services.item_values)
    form = AdoptionItemForm(
        request.POST if request.method == "POST" else None, instance=item, report=report
    )
    if form.is_valid():
        try:
            services.item_update(
                item=item, by=request.user, version=edit_guard.version, **form.item_fields()
            )
        except EditConflict as conflict:
            edit_guard.conflict = conflict
        except ValidationError as error:
            form.add_error(None, error)
        else:
            if item.status == AdoptionStatus.RETURNED:
                messages.success(
                    request,
                    _("Perubahan tersimpan. Ajukan ulang butir bila sudah siap ditinjau."),
                )
            else:
                messages.success(request, _("Perubahan butir tersimpan."))
            return redirect("reports:item_detail", item_pk=item.pk)
    return render_edit(
        request,
        "reports/plan/item_form.html",
        {"form": form, "report": report, "visit": report.visit, "item": item},
        edit_guard,
    )


# --- One item: timeline and progress -------------------------------------------------


def _render_item(request, item, checkin_form):
    user = request.user
    context = {
        "item": item,
        "report": item.report,
        "visit": item.report.visit,
        "viewer_tz": agency_of(user).tzinfo,
        "events": item.events.select_related("actor"),
        "check_ins": item.check_ins.select_related("created_by"),
        "actions": _allowed_actions(user, item),
        "can_edit": permissions.can_edit_item(user, item),
        "can_check_in": permissions.can_check_in(user, item),
        "can_view_history": permissions.can_view_item_history(user, item),
        "checkin_form": checkin_form,
    }
    return render(request, "reports/plan/item_detail.html", context)


def item_detail(request, item_pk):
    item = get_item_for_user(request, item_pk)
    return _render_item(request, item, CheckInForm(agency=agency_of(request.user)))


@require_POST
def checkin_add(request, item_pk):
    """Record progress; on bad input the item page comes back with the
    message and the text the user typed."""
    item = get_item_for_user(request, item_pk, check=permissions.can_check_in)
    form = CheckInForm(request.POST, request.FILES, agency=agency_of(request.user))
    if form.is_valid():
        was_approved = item.status == AdoptionStatus.APPROVED
        try:
            services.checkin_add(
                item=item,
                by=request.user,
                date=form.cleaned_data["date"],
                note=form.cleaned_data["note"],
                evidence=form.cleaned_data["evidence"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            if was_approved:
                messages.success(
                    request, _("Kemajuan tercatat. Butir kini tercatat sedang berjalan.")
                )
            else:
                messages.success(request, _("Kemajuan tercatat."))
            return redirect(reverse("reports:item_detail", args=[item.pk]) + "#kemajuan")
    return _render_item(request, item, form)


@cache_control(private=True, no_store=True)
def checkin_evidence(request, checkin_pk):
    """The evidence file of a check-in, to the item's agency only, as a
    download under a name of our own."""
    check_in = get_checkin_for_user(request, checkin_pk)
    if not check_in.evidence:
        raise Http404
    kind = check_in.evidence.name.rsplit(".", 1)[-1].lower()
    if kind not in EVIDENCE_TYPES:
        raise Http404
    return FileResponse(
        check_in.evidence.open("rb"),
        as_attachment=True,
        filename=f"bukti-kemajuan-{check_in.pk}.{kind}",
        content_type=EVIDENCE_TYPES[kind],
    )


# --- The agency's items across visits ------------------------------------------------


@cached_page(own_agency_page, facets=[REPORTS])
def item_list(request):
    """Every ATM item of the user's agency, filtered, searched and paginated."""
    membership = require_membership(request)
    agency = membership.agency
    # Invalid fields are shown and ignored; the valid ones still filter.
    filters = ItemFilter(request.GET, item_list_rows(agency), agency=agency)
    form = filters.form
    page = paginate(request, filters.qs, PAGE_SIZE)
    counts = AdoptionItem.objects.filter(report__agency=agency).aggregate(
        awaiting=Count("pk", filter=Q(status=AdoptionStatus.PROPOSED)),
        overdue=Count("pk", filter=overdue_condition()),
        active=Count("pk", filter=Q(status__in=ACTIVE_ADOPTION_STATES)),
    )
    context = {
        "agency": agency,
        "form": form,
        "page": page,
        "items": page.object_list,
        "counts": counts,
        "quick_filters": [
            QuickFilter(
                SHOW_AWAITING, _("Menunggu tinjauan"), counts["awaiting"], icon="hourglass-split"
            ),
            QuickFilter(SHOW_OVERDUE, _("Terlambat"), counts["overdue"], icon="alarm"),
            QuickFilter(SHOW_ACTIVE, _("Berjalan"), counts["active"], icon="play-circle"),
        ],
        "current_status": form.cleaned_data.get("status", ""),
        "is_filtered": filters.is_filtered(),
    }
    return render(request, "reports/plan/item_list.html", context)
