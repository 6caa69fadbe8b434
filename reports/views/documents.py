"""PDF documents (stubs until built)."""

from django.http import Http404


def _todo(request, *args, **kwargs):
    raise Http404


report_pdf = plan_pdf = attendance_pdf = _todo
