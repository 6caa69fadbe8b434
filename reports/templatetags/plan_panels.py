"""Panels the visits pages show about ATM adoption plans, without the visits
app importing this one: ``{% load plan_panels %}`` in their templates.

- ``{% visit_outcome_panel visit %}`` on the visit page: what came of the
  visit, the ATM items of both agencies and their progress.

The dashboard's ATM lists are drawn with the others (``dashboard_screen``).

The tags only render what ``reports.selectors`` reads; who sees what is
asked of ``reports.permissions`` there.
"""

from django import template
from django.contrib.auth.models import AnonymousUser
from django.template.loader import render_to_string

from .. import selectors

register = template.Library()


def _user(context):
    request = context.get("request")
    return request.user if request is not None else AnonymousUser()


@register.simple_tag(takes_context=True)
def visit_outcome_panel(context, visit):
    """Both agencies' ATM items of ``visit``: two queries once the visit has
    been held, none before (no report, so no plan, can exist yet)."""
    plans = selectors.visit_adoption_plans(_user(context), visit)
    if plans is None:
        return ""
    return render_to_string(
        "reports/plan/_outcome_panel.html",
        {"visit": visit, "plans": plans, "has_own_report": any(plan.own for plan in plans)},
    )
