"""Lifecycles: how a visit, a report and an ATM item move from state to state
as the pages offer it, one machinery for the three state machines.

A package of helpers, not an app, like ``uploads``: ``visits`` and
``reports`` import it, and it imports none of them. Each state machine keeps
its own rules (its transition table in ``models.py``, its checks in
``permissions.py`` and ``services.py``); what is shared lives here.

- ``lifecycle.events``: ``TimelineEvent``, the abstract timeline entry (who,
  when, comment) that ``VisitEvent``, ``ReportEvent`` and ``AdoptionEvent``
  extend with what moved and between which states.
- ``lifecycle.actions``: ``Action``, one step as a page offers it (its
  address, who may take it, the service it calls, its form and texts), and
  ``allowed_actions`` for the object pages' buttons.
- ``lifecycle.views``: ``confirm_action``, the one confirmation page (GET)
  and step (POST) of every action, on ``templates/lifecycle/action.html``.
- ``lifecycle.urls``: ``action_urls``, the URLs of an app's actions.
"""
