"""The change history of a visit: who changed what, when ("Riwayat perubahan")."""

from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from agencies.permissions import agency_of
from history.changes import change_page
from studitiru.pagination import PAGE_PARAMETER
from studitiru.query import page_number

from ..history import visit_history_sources
from ..permissions import can_view_history, get_visit_for_user


def visit_history(request, pk):
    """The visit's changes, its topics', places', participants' and agenda's
    with them, newest first, a page at a time; for the heads and admins of
    either agency (404 for other agencies, 403 for other roles)."""
    visit = get_visit_for_user(request, pk, check=can_view_history)
    page = change_page(
        visit_history_sources(visit),
        page_number=page_number(request.GET, PAGE_PARAMETER),
        tz=agency_of(request.user).tzinfo,
    )
    context = {
        "page": page,
        "entries": page.object_list,
        "title": visit.title,
        "kind": pgettext("tunggal", "Kunjungan"),
        "back_url": reverse("visits:detail", args=[visit.pk]),
        "scope": _("Perubahan data kunjungan, topik, tempat, peserta dan agendanya."),
    }
    return render(request, "history/changes.html", context)
