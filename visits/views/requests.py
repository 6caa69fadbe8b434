"""A visit request: create, edit, see, and move it along its lifecycle."""

from django.http import Http404


def _stub(request, pk=None):
    raise Http404


visit_create = visit_detail = visit_edit = visit_submit = visit_accept = visit_decline = _stub
visit_propose_date = visit_accept_proposal = visit_refuse_proposal = visit_cancel = _stub
visit_mark_held = _stub
