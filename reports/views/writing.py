"""Writing a report (laporan) and moving it through review.

The agency's penyuluh start a report from a held visit, write it in the
official order on one page and submit it; a head of the same agency
approves, returns (with a comment), withdraws or publishes it. Each review
step has a confirmation page (GET) and is carried out by a POST that calls
the matching service. Two writers saving the same report never overwrite
each other: the second one gets their text back with who saved first.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from agencies.permissions import agency_of, require_membership
from lifecycle.actions import Action, allowed_actions
from lifecycle.forms import CommentForm
from lifecycle.views import confirm_action
from pagecache.pages import Scope, cached_page
from pagecache.stamps import PEOPLE, REPORTS
from studitiru import dates
from studitiru.pagination import paginate
from visits.models import Side

from .. import permissions, services
from ..filters import ReportFilter
from ..forms.writing import (
    AuthorFormSet,
    FindingFormSet,
    QuoteFormSet,
    ReportForm,
    ReturnForm,
    UnpublishForm,
    report_error_summary,
    report_sections,
)
from ..models import Report
from ..permissions import get_report_for_user, get_visit_for_report, reports_for_agency

PAGE_SIZE = 25


def report_list(request):
    """The reports of the user's agency, whatever their state, newest change
    first; every member reads them, writers and heads act on them."""
    membership = require_membership(request)
    agency = membership.agency
    filters = ReportFilter(  # an invalid field is shown and ignored
        request.GET,
        reports_for_agency(agency).select_related(
            "visit__host__province", "visit__visitor__province", "updated_by"
        ),
    )
    reports = filters.qs.order_by("-updated_at", "-pk")
    page = paginate(request, reports, PAGE_SIZE)
    context = {
        "agency": agency,
        "form": filters.form,
        "page": page,
        "reports": page.object_list,
        "is_filtered": filters.is_filtered(),
    }
    return render(request, "reports/report_list.html", context)


@require_POST
def report_create(request, visit_pk):
    """Start the agency's report of a held visit and open it for writing."""
    visit = get_visit_for_report(request, visit_pk)
    try:
        report = services.report_create(visit=visit, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        existing = Report.objects.filter(visit=visit, agency=agency_of(request.user)).first()
        if existing is not None:
            return redirect("reports:detail", pk=existing.pk)
        return redirect("visits:detail", pk=visit.pk)
    messages.success(
        request,
        _("Laporan dibuat dari data kunjungan. Lengkapi setiap bagian, lalu simpan."),
    )
    return redirect("reports:edit", pk=report.pk)


# --- The report page -------------------------------------------------------------------


def _visit_facts(visit):
    """What section B shows from the visit: places, agenda and participants."""
    participants = list(visit.participants.all())
    return {
        "venues": list(visit.venues.all()),
        "agenda_items": list(visit.agenda_items.all()),
        "visitor_participants": [p for p in participants if p.side == Side.VISITOR],
        "host_participants": [p for p in participants if p.side == Side.HOST],
    }


def report_page(request, pk) -> Scope:
    """The page cache's scope of a report's page: its visit's two agencies."""
    # The rule of get_report_for_user (its agency's own), reading only the two.
    agencies = (
        permissions.reports_for_agency(require_membership(request).agency)
        .filter(pk=pk)
        .values_list("visit__host_id", "visit__visitor_id")
        .first()
    )
    if agencies is None:
        raise Http404
    return Scope(agencies=agencies)


@cached_page(report_page, facets=[PEOPLE, REPORTS])
def report_detail(request, pk):
    report = get_report_for_user(request, pk)
    user = request.user
    context = {
        "report": report,
        "visit": report.visit,
        "viewer_tz": report.agency.tzinfo,
        "findings": report.findings.select_related("topic"),
        "quotes": report.quotes.all(),
        "authors": report.authors.all(),
        "events": report.events.select_related("actor"),
        "photos": report.photos.all(),
        "can_manage_photos": permissions.can_manage_photos(user, report),
        "can_edit": permissions.can_edit(user, report),
        "can_view_history": permissions.can_view_history(user, report),
        "actions": allowed_actions(ACTIONS, user, report, url_prefix="reports:"),
        **_visit_facts(report.visit),
    }
    return render(request, "reports/report_detail.html", context)


# --- Writing ---------------------------------------------------------------------------


def _finding_rows(report):
    """One row per topic of the visit, in the visit's order, with the text
    saved for it; then saved findings on topics the visit no longer lists."""
    saved = {finding.topic_id: finding for finding in report.findings.select_related("topic")}
    rows = []
    for visit_topic in report.visit.visit_topics.select_related("topic"):
        finding = saved.pop(visit_topic.topic_id, None)
        rows.append(
            {
                "topic": visit_topic.topic,
                "questions": visit_topic.question_list,
                "text": finding.text if finding else "",
            }
        )
    for finding in saved.values():
        rows.append({"topic": finding.topic, "questions": [], "text": finding.text})
    return rows


def _forms(report, rows, saved_authors, data=None):
    """The report's form and formsets: bound to ``data`` when posted, else
    showing what is saved."""
    unbound = data is None
    return {
        "form": ReportForm(data, instance=report),
        "findings": FindingFormSet(
            data,
            prefix="temuan",
            initial=[{"topic": row["topic"].pk, "text": row["text"]} for row in rows],
            form_kwargs={"topics": [row["topic"] for row in rows]},
        ),
        "quotes": QuoteFormSet(
            data, prefix="kutipan", initial=_quote_initial(report) if unbound else None
        ),
        "authors": AuthorFormSet(
            data, prefix="penulis", initial=_author_initial(saved_authors) if unbound else None
        ),
    }


def _quote_initial(report):
    return [
        {
            "text": quote.text,
            "speaker_name": quote.speaker_name,
            "speaker_position": quote.speaker_position,
        }
        for quote in report.quotes.all()
    ]


def _author_initial(saved_authors):
    return [
        {
            "author_id": author.pk,
            "front_title": author.front_title,
            "name": author.name,
            "back_title": author.back_title,
            "position": author.position,
        }
        for author in saved_authors
    ]


def _stale_message(current) -> str:
    """Who saved the report since the user opened it, and when, in the
    agency's time zone."""
    who = (current.updated_by.name or current.updated_by.email) if current.updated_by else None
    message = _(
        "Laporan ini telah diubah oleh %(who)s pada %(when)s. Perubahan Anda belum "
        "tersimpan; salin teks Anda, muat ulang halaman, lalu terapkan lagi."
    ) % {
        "who": who or _("pengguna lain"),
        "when": dates.moment(current.updated_at, tz=current.agency.tzinfo),
    }
    if current.status not in permissions.EDITABLE_REPORT_STATES:
        message += " " + _(
            "Laporan kini berstatus “%(status)s” dan baru dapat diubah lagi "
            "setelah dikembalikan ke draf."
        ) % {"status": current.get_status_display()}
    return message


def _saved_version(report_pk):
    """The report as saved now, with its rows, for the panel beside the
    user's unsaved text."""
    current = Report.objects.select_related("agency", "updated_by").get(pk=report_pk)
    return {
        "report": current,
        "findings": list(current.findings.select_related("topic")),
        "quotes": list(current.quotes.all()),
        "authors": list(current.authors.all()),
    }


def report_edit(request, pk):
    """The whole report on one page. A save based on an older version than
    the saved one is refused and the page comes back with the user's text,
    who saved before them, and the saved text beside it."""
    # A writer's POST is always read: if the report moved on since they
    # opened it, they get their text back rather than a bare 403.
    check = permissions.can_write if request.method == "POST" else permissions.can_edit
    report = get_report_for_user(request, pk, check=check)
    rows = _finding_rows(report)
    saved_authors = list(report.authors.all())
    data = request.POST if request.method == "POST" else None
    forms = _forms(report, rows, saved_authors, data)
    stale = None
    if data is not None and all(form.is_valid() for form in forms.values()):
        stale = _save(request, report, forms, saved_authors)
        if stale is None:
            messages.success(request, _("Laporan tersimpan."))
            after = "reports:detail" if "lihat" in request.POST else "reports:edit"
            return redirect(after, pk=report.pk)
    elif data is not None and not permissions.can_edit(request.user, report):
        # Invalid and no longer editable: say so, keep the text on the page.
        stale = _saved_version(report.pk)
    summary = report_error_summary(**forms) if data is not None and not stale else []
    context = {
        "report": report,
        "visit": report.visit,
        "finding_rows": list(zip(forms["findings"].forms, rows, strict=False)),
        "stale": stale,
        "stale_message": _stale_message(stale["report"]) if stale else "",
        "has_errors": data is not None and stale is None,
        "error_summary": summary,
        "sections": report_sections(summary),
        # A head's comment when they returned the report is the writer's to-do list.
        "last_event": report.events.select_related("actor").last(),
        **forms,
        **_visit_facts(report.visit),
    }
    return render(request, "reports/report_edit.html", context, status=409 if stale else 200)


def _save(request, report, forms, saved_authors):
    """Save the valid ``forms`` through the service. None once saved; the
    report as saved now when the user's version was older, or when the
    report left the draft state meanwhile but they may still write it."""
    try:
        services.report_update(
            report=report,
            by=request.user,
            version=forms["form"].cleaned_data["version"],
            fields=forms["form"].report_fields(),
            findings=forms["findings"].instances(),
            quotes=forms["quotes"].instances(),
            authors=forms["authors"].instances(saved=saved_authors),
        )
    except services.StaleReportError:
        return _saved_version(report.pk)
    except PermissionDenied:
        # The report left the draft state between loading and locking it.
        stale = _saved_version(report.pk)
        if not permissions.can_write(request.user, stale["report"]):
            raise
        return stale
    return None


# --- Review steps ----------------------------------------------------------------------


ACTIONS = {
    "submit": Action(
        slug="ajukan",
        allowed=permissions.can_submit,
        service=services.report_submit,
        form=CommentForm,
        title=gettext_lazy("Ajukan laporan untuk disetujui"),
        explanation=gettext_lazy(
            "Laporan dikirim kepada kepala bidang atau kepala dinas untuk disetujui. "
            "Selama menunggu, laporan tidak dapat diubah; bila perlu perbaikan, "
            "kepala mengembalikannya ke draf dengan catatan."
        ),
        button=gettext_lazy("Ajukan laporan"),
        done=gettext_lazy("Laporan telah diajukan untuk disetujui."),
        icon="send",
    ),
    "approve": Action(
        slug="setujui",
        allowed=permissions.can_review,
        service=services.report_approve,
        form=CommentForm,
        title=gettext_lazy("Setujui laporan"),
        explanation=gettext_lazy(
            "Laporan disetujui dan kunjungan tercatat telah dilaporkan. Laporan yang "
            "disetujui dapat diterbitkan di halaman berita publik."
        ),
        button=gettext_lazy("Setujui laporan"),
        done=gettext_lazy("Laporan disetujui."),
        style="success",
        icon="check2-circle",
    ),
    "return": Action(
        slug="kembalikan",
        allowed=permissions.can_review,
        service=services.report_return,
        form=ReturnForm,
        title=gettext_lazy("Kembalikan laporan untuk diperbaiki"),
        explanation=gettext_lazy(
            "Laporan kembali menjadi draf. Penulis melihat catatan Anda di riwayat laporan."
        ),
        button=gettext_lazy("Kembalikan ke penulis"),
        done=gettext_lazy("Laporan dikembalikan ke penulis untuk diperbaiki."),
        style="warning",
        icon="arrow-return-left",
    ),
    "withdraw": Action(
        slug="tarik",
        allowed=permissions.can_withdraw_approval,
        service=services.report_withdraw,
        form=CommentForm,
        title=gettext_lazy("Tarik persetujuan"),
        explanation=gettext_lazy(
            "Laporan yang sudah disetujui tetapi belum terbit kembali menjadi draf agar "
            "dapat diubah, lalu diajukan lagi."
        ),
        button=gettext_lazy("Tarik persetujuan"),
        done=gettext_lazy("Persetujuan ditarik; laporan kembali menjadi draf."),
        style="outline-secondary",
        icon="arrow-counterclockwise",
    ),
    "publish": Action(
        slug="terbitkan",
        allowed=permissions.can_publish,
        service=services.report_publish,
        form=CommentForm,
        title=gettext_lazy("Terbitkan laporan"),
        explanation=gettext_lazy(
            "Laporan tampil di halaman berita publik dan dapat dibaca siapa saja tanpa "
            "masuk, tanpa data pribadi peserta (NIP, telepon, e-mail). Bila perlu, "
            "kepala dapat menariknya kembali dari halaman publik dengan alasan."
        ),
        button=gettext_lazy("Terbitkan"),
        done=gettext_lazy("Laporan telah terbit di halaman berita."),
        style="success",
        icon="globe2",
    ),
    "unpublish": Action(
        slug="tarik-terbitan",
        allowed=permissions.can_unpublish,
        service=services.report_unpublish,
        form=UnpublishForm,
        title=gettext_lazy("Tarik dari halaman publik"),
        explanation=gettext_lazy(
            "Laporan hilang dari halaman berita, umpan RSS/Atom dan alamat publiknya; "
            "alasannya dicatat di riwayat laporan. Laporan tetap berstatus disetujui, "
            "kunjungan tetap tercatat telah dilaporkan, dan laporan dapat diterbitkan lagi."
        ),
        button=gettext_lazy("Tarik dari publik"),
        done=gettext_lazy("Laporan telah ditarik dari halaman publik."),
        style="outline-danger",
        icon="eye-slash",
    ),
}


def _empty_sections(report):
    """Section names still empty, for the warning on the submit page."""
    names = ["general", "purpose", "scope", "basis", "activities", "conclusion", "closing"]
    empty = [
        capfirst(Report._meta.get_field(name).verbose_name)
        for name in names
        if not getattr(report, name).strip()
    ]
    missing = [
        finding.topic.code
        for finding in report.findings.select_related("topic")
        if not finding.text
    ]
    if missing:
        empty.append(_("Temuan %(topics)s") % {"topics": ", ".join(missing)})
    return empty


@require_http_methods(["GET", "POST"])
def report_action(request, pk, name):
    """The confirmation page (GET) and the step (POST) of ``ACTIONS[name]``;
    the submit page lists the sections still empty."""
    action = ACTIONS[name]
    report = get_report_for_user(request, pk, check=action.allowed)
    return confirm_action(
        request,
        action=action,
        target={"report": report},
        back=reverse("reports:detail", args=[report.pk]),
        context={
            "visit": report.visit,
            "breadcrumb": "reports/_report_breadcrumb.html",
            "summary": "reports/_report_action_summary.html",
            "notice": "reports/_report_empty_sections.html",
            "empty_sections": _empty_sections(report) if name == "submit" else [],
        },
    )
