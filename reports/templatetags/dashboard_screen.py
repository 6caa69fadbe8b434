"""The dashboard as the user's role reads it, without the visits app
importing this one: ``{% load dashboard_screen %}`` in
templates/visits/dashboard.html.

- ``{% first_screen sections as screen %}``: the agency's visit lists (the
  view's ``sections``) with the report and ATM lists of the user's role, in
  the order that role reads them (``reports.selectors.dashboard_screen``);
- ``{% atm_progress agency as progress %}``: the agency's ATM items per
  topic and stage, for the progress chart (one query).

The tags only return what ``reports.selectors`` reads; who sees what is
decided there.
"""

from django import template

from .. import selectors

register = template.Library()


@register.simple_tag(takes_context=True)
def first_screen(context, sections):
    return selectors.dashboard_screen(context["request"].user, sections)


@register.simple_tag
def atm_progress(agency):
    return selectors.adoption_progress(agency)
