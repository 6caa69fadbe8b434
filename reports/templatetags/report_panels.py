"""Panels the visits pages show about reports, without the visits app
importing this one: ``{% load report_panels %}`` in their templates.

- ``{% visit_reports_panel visit %}`` on the visit page: the user's agency's
  report of this visit (or the button to start it), and the other agency's
  report once it is published.

The tag only renders what ``reports.selectors`` reads (one query, whatever
the number of rows). The dashboard's report lists are drawn with the others
(``dashboard_screen``).
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
