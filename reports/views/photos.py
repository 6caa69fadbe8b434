"""Documentation photos of a report (stubs until built)."""

from django.http import Http404


def _todo(request, *args, **kwargs):
    raise Http404


photo_upload = photo_edit = photo_delete = photo_file = _todo
