"""Panels the visits pages show about ATM adoption plans, without the visits
app importing this one: ``{% load plan_panels %}`` in their templates.

- ``{% visit_outcome_panel visit %}`` on the visit page: what came of the
  visit, the ATM items of both agencies and their progress;
- ``{% dashboard_plan_panel %}`` on the dashboard: items awaiting a head's
  review and items past their target date (for the others: overdue items
  and items returned for revision).

The tags only load and render; who sees what is asked of
``reports.permissions``.
"""

from django import template
from django.db.models import Count, Q
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from agencies.permissions import HEAD_ROLES, has_role, membership_of
from reports import permissions
from reports.filters import SHOW_AWAITING, SHOW_OVERDUE
from reports.models import ACTIVE_ADOPTION_STATES, AdoptionItem, AdoptionStatus

register = template.Library()

# How many items each dashboard list shows; its count and link cover the rest.
DASHBOARD_LIST_SIZE = 6


def _user(context):
    request = context.get("request")
    return request.user if request is not None else None


@register.simple_tag(takes_context=True)
def visit_outcome_panel(context, visit):
    """Both agencies' ATM items of ``visit``: two queries once the visit has
    been held, none before (no report, so no plan, can exist yet)."""
    user = _user(context)
    if visit.status not in permissions.REPORTABLE_VISIT_STATES or not (
        user and permissions.can_view_outcome(user, visit)
    ):
        return ""
    agency = membership_of(user).agency
    reports = list(permissions.outcome_reports_for_user(user, visit))
    own = next((report for report in reports if report.agency_id == agency.pk), None)
    plans = [
        {
            "report": report,
            "own": report is own,
            "items": report.outcome_items,
            "can_add": report is own and permissions.can_add_item(user, report),
        }
        for report in sorted(reports, key=lambda report: report is not own)
        if report is own or report.outcome_items
    ]
    return render_to_string(
        "reports/plan/_outcome_panel.html",
        {"visit": visit, "plans": plans, "has_own_report": own is not None},
    )


@register.simple_tag(takes_context=True)
def dashboard_plan_panel(context):
    """The agency's ATM items that need attention: one query counts them,
    one more per list shows the first few."""
    user = _user(context)
    membership = membership_of(user) if user else None
    if membership is None:
        return ""
    agency = membership.agency
    overdue = Q(status__in=ACTIVE_ADOPTION_STATES, target_date__lt=timezone.localdate())
    overdue_list = {
        "key": "atm_overdue",
        "title": _("Butir ATM terlambat"),
        "help": _("Target selesai sudah lewat, tetapi butir belum diadopsi atau dihentikan."),
        "icon": "alarm",
        "filter": overdue,
        "order": ("target_date", "pk"),
        "status": SHOW_OVERDUE,
        "empty": _("Tidak ada butir ATM yang terlambat."),
    }
    if has_role(user, agency, HEAD_ROLES):
        lists = [
            {
                "key": "atm_review",
                "title": _("Butir ATM menunggu tinjauan"),
                "help": _("Setujui butir rencana ATM, atau kembalikan dengan catatan."),
                "icon": "clipboard-check",
                "filter": Q(status=AdoptionStatus.PROPOSED),
                "order": ("updated_at", "pk"),
                "status": SHOW_AWAITING,
                "empty": _("Tidak ada butir ATM yang menunggu tinjauan."),
            },
            overdue_list,
        ]
    else:
        lists = [overdue_list]
        if has_role(user, agency, permissions.WRITER_ROLES):
            lists.append(
                {
                    "key": "atm_returned",
                    "title": _("Butir ATM dikembalikan"),
                    "help": _("Kepala meminta perbaikan: ubah butir, lalu ajukan ulang."),
                    "icon": "arrow-return-left",
                    "filter": Q(status=AdoptionStatus.RETURNED),
                    "order": ("-updated_at", "-pk"),
                    "status": AdoptionStatus.RETURNED,
                    "empty": _("Tidak ada butir ATM yang dikembalikan."),
                }
            )
    items = AdoptionItem.objects.filter(report__agency=agency)
    counts = items.aggregate(
        **{entry["key"]: Count("pk", filter=entry["filter"]) for entry in lists}
    )
    for entry in lists:
        entry["count"] = counts[entry["key"]]
        entry["items"] = list(
            items.filter(entry["filter"])
            .select_related("topic", "report__visit")
            .order_by(*entry["order"])[:DASHBOARD_LIST_SIZE]
        )
    return render_to_string(
        "reports/plan/_dashboard_panel.html", {"lists": lists, "today": timezone.localdate()}
    )
