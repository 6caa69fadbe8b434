"""The PDF documents, opened in the browser to print and sign: a report
(laporan), its ATM plan, and a visit's attendance sheet (daftar hadir).

A report and its plan are seen by the report's agency; a published report,
by the other agency of the visit too (``can_view_document``); the attendance
sheet by both agencies of the visit, for either side's people
(``?pihak=tamu``, the default, or ``?pihak=tuan-rumah``).

A PDF is rendered once for each version of its content and then served
from the cache (``reports.pdf.Document``), with that version as its
ETag: a browser opening it again gets "304 Not Modified". Access is checked
before either."""

from django.http import Http404, HttpResponse
from django.utils.cache import get_conditional_response
from django.utils.http import content_disposition_header
from django.utils.text import slugify

from visits.permissions import get_visit_for_user

from .. import pdf
from ..forms.documents import ATTENDANCE_SIDES, AttendanceSideForm
from ..permissions import can_view_document, get_report_for_user, is_own

# The browser may keep a report or an ATM plan, for this user only, and asks
# each time whether it changed. An attendance sheet (names, NIP, phone
# numbers) is not kept on the office computer it was opened on.
CACHE_CONTROL = "private, no-cache"
NOT_KEPT = "no-store"


def report_pdf(request, pk):
    report = get_report_for_user(request, pk, visible=can_view_document)
    context = pdf.report_context(report, shared_only=not is_own(request.user, report))
    return _pdf_response(request, "reports/pdf/report.html", context, "laporan", report.title)


def plan_pdf(request, pk):
    report = get_report_for_user(request, pk)
    context = pdf.plan_context(report)
    return _pdf_response(request, "reports/pdf/plan.html", context, "rencana-atm", report.title)


def attendance_pdf(request, visit_pk):
    visit = get_visit_for_user(request, visit_pk)
    form = AttendanceSideForm(request.GET)
    if not form.is_valid():
        raise Http404
    pihak = form.cleaned_data["pihak"] or "tamu"
    context = pdf.attendance_context(visit, ATTENDANCE_SIDES[pihak])
    return _pdf_response(
        request,
        "reports/pdf/attendance.html",
        context,
        f"daftar-hadir-{pihak}",
        visit.title,
        kept_by_browser=False,
    )


def _pdf_response(request, template_name, context, kind, title, *, kept_by_browser=True):
    """The document, shown in the browser (inline) and saved under a readable
    name such as ``laporan-studi-tiru-penguatan-slrt-ke-kota-malang.pdf``;
    "304 Not Modified" when the browser kept this version. A document that
    missed a file gets no ETag, so that no browser keeps it."""
    document = pdf.Document(template_name, context)
    if kept_by_browser:
        not_modified = get_conditional_response(request, etag=document.etag)
        if not_modified is not None:
            not_modified["ETag"] = document.etag
            not_modified["Cache-Control"] = CACHE_CONTROL
            return not_modified
    slug = slugify(title)
    if len(slug) > 80:
        slug = slug[:81].rsplit("-", 1)[0]
    slug = slug or "dokumen"
    response = HttpResponse(document.pdf(), content_type="application/pdf")
    response["Content-Disposition"] = content_disposition_header(
        as_attachment=False, filename=f"{kind}-{slug}.pdf"
    )
    if kept_by_browser and document.complete:
        response["ETag"] = document.etag
        response["Cache-Control"] = CACHE_CONTROL
    else:
        response["Cache-Control"] = NOT_KEPT
    return response
