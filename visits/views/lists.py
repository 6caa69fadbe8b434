"""Finding visits: the agency dashboard and the visit list."""

from django.http import Http404


def dashboard(request):
    raise Http404


def visit_list(request):
    raise Http404
