"""Panels the visits pages show about reports, without the visits app
importing this one: ``{% load report_panels %}`` in their templates.

- ``{% visit_reports_panel visit %}`` on the visit page: the reports of the
  user's agency for this visit and the button to start one;
- ``{% dashboard_reports_panel %}`` on the dashboard: reports to write,
  to review and to publish.
"""

from django import template

register = template.Library()


@register.simple_tag(takes_context=True)
def visit_reports_panel(context, visit):
    return ""


@register.simple_tag(takes_context=True)
def dashboard_reports_panel(context):
    return ""
