"""The change history of a report and of an ATM item: who changed what, when
("Riwayat perubahan")."""

from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from agencies.permissions import agency_of
from history.changes import change_page
from studitiru.pagination import PAGE_PARAMETER
from studitiru.query import page_number

from ..history import item_history_sources, report_history_sources
from ..permissions import (
    can_view_history,
    can_view_item_history,
    get_item_for_user,
    get_report_for_user,
)


def _render(request, sources, context):
    page = change_page(
        sources,
        page_number=page_number(request.GET, PAGE_PARAMETER),
        tz=agency_of(request.user).tzinfo,
    )
    return render(
        request, "history/changes.html", {**context, "page": page, "entries": page.object_list}
    )


def report_history(request, pk):
    """The report's changes and its photos' captions, newest first; for the
    heads and admins of the report's agency."""
    report = get_report_for_user(request, pk, check=can_view_history)
    return _render(
        request,
        report_history_sources(report),
        {
            "title": report.full_title,
            "kind": pgettext("tunggal", "Laporan"),
            "back_url": reverse("reports:detail", args=[report.pk]),
            "scope": _("Perubahan isi laporan dan keterangan foto dokumentasinya."),
        },
    )


def item_history(request, item_pk):
    """The ATM item's changes and its progress notes, newest first; for the
    heads and admins of the item's agency."""
    item = get_item_for_user(request, item_pk, check=can_view_item_history)
    return _render(
        request,
        item_history_sources(item),
        {
            "title": f"{item.topic.code}: {item.replicate[:80]}",
            "kind": _("Butir rencana ATM"),
            "back_url": reverse("reports:item_detail", args=[item.pk]),
            "scope": _("Perubahan butir ATM dan catatan kemajuannya."),
        },
    )
