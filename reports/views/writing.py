"""Writing a report and moving it through review (stubs until built)."""

from django.http import Http404


def _todo(request, *args, **kwargs):
    raise Http404


report_list = report_create = report_detail = report_edit = _todo
report_submit = report_approve = report_return = report_withdraw = report_publish = _todo
