"""Panels the visits pages show about ATM adoption plans, without the visits
app importing this one: ``{% load plan_panels %}`` in their templates.

- ``{% visit_outcome_panel visit %}`` on the visit page: what came of the
  visit, the ATM items of both agencies and their progress;
- ``{% dashboard_plan_panel %}`` on the dashboard: items awaiting a head's
  review and items past their target date.
"""

from django import template

register = template.Library()


@register.simple_tag(takes_context=True)
def visit_outcome_panel(context, visit):
    return ""


@register.simple_tag(takes_context=True)
def dashboard_plan_panel(context):
    return ""
