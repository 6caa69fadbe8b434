"""The PDF documents, opened in the browser to print and sign: a report
(laporan), its ATM plan, and a visit's attendance sheet (daftar hadir).

A report and its plan are seen by the report's agency only; the attendance
sheet by both agencies of the visit, for either side's people
(``?pihak=tamu``, the default, or ``?pihak=tuan-rumah``)."""

from django.http import Http404, HttpResponse
from django.utils.http import content_disposition_header
from django.utils.text import slugify

from visits.models import Side
from visits.permissions import get_visit_for_user

from .. import documents
from ..permissions import get_report_for_user

# ?pihak= of the attendance sheet, and the word in its file name.
ATTENDANCE_SIDES = {"tamu": Side.VISITOR, "tuan-rumah": Side.HOST}


def report_pdf(request, pk):
    report = get_report_for_user(request, pk)
    pdf = documents.render_pdf("reports/pdf/report.html", documents.report_context(report))
    return _pdf_response(pdf, "laporan", report.title)


def plan_pdf(request, pk):
    report = get_report_for_user(request, pk)
    pdf = documents.render_pdf("reports/pdf/plan.html", documents.plan_context(report))
    return _pdf_response(pdf, "rencana-atm", report.title)


def attendance_pdf(request, visit_pk):
    visit = get_visit_for_user(request, visit_pk)
    pihak = request.GET.get("pihak", "tamu")
    if pihak not in ATTENDANCE_SIDES:
        raise Http404
    context = documents.attendance_context(visit, ATTENDANCE_SIDES[pihak])
    pdf = documents.render_pdf("reports/pdf/attendance.html", context)
    return _pdf_response(pdf, f"daftar-hadir-{pihak}", visit.title)


def _pdf_response(pdf, kind, title):
    """Shown in the browser (inline), saved under a readable name such as
    ``laporan-studi-tiru-penguatan-slrt-ke-kota-malang.pdf``."""
    slug = slugify(title)
    if len(slug) > 80:
        slug = slug[:81].rsplit("-", 1)[0]
    slug = slug or "dokumen"
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = content_disposition_header(
        as_attachment=False, filename=f"{kind}-{slug}.pdf"
    )
    return response
