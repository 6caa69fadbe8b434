"""Panels the visits pages show about reports, without the visits app
importing this one: ``{% load report_panels %}`` in their templates.

- ``{% visit_reports_panel visit %}`` on the visit page: the user's agency's
  report of this visit (or the button to start it), and the other agency's
  report once it is published;
- ``{% dashboard_reports_panel %}`` on the dashboard: held visits still
  without our report and our drafts (for writers), reports awaiting approval
  and approved ones not yet published (for heads).

The tags only render what ``reports.selectors`` reads (at most two queries
each, whatever the number of rows).
"""

from django import template
from django.template.loader import render_to_string

from .. import permissions, selectors

register = template.Library()


@register.simple_tag(takes_context=True)
def visit_reports_panel(context, visit):
    request = context["request"]
    reports = selectors.visit_reports_for(request.user, visit)
    if reports is None:
        return ""
    return render_to_string(
        "reports/_report_visit_panel.html",
        {
            "visit": visit,
            "own": reports.own,
            "other": reports.other,
            "other_agency": reports.other_agency,
            "can_start_report": reports.own is None
            and permissions.can_start_report(request.user, visit),
        },
        request=request,
    )


@register.simple_tag(takes_context=True)
def dashboard_reports_panel(context):
    request = context["request"]
    sections = selectors.dashboard_report_sections(request.user)
    if not sections:
        return ""
    return render_to_string(
        "reports/_report_dashboard_panel.html", {"sections": sections}, request=request
    )
