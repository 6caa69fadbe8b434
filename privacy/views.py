"""The agency admin's personal-data pages (UU PDP): the request log, the
export of one person's data as a file and the erasure of their contact data.

The person is named in a POST body, never in a URL; every answer is
``no-store`` (the pages and the file list personal data)."""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from studitiru.pagination import paginate

from . import selectors, services
from .forms import ErasureForm, SubjectForm
from .permissions import require_privacy_officer

PAGE_SIZE = 25


def _index(request, agency, form):
    requests = selectors.requests_for_agency(agency)
    if request.method == "GET":
        page = paginate(request, requests, PAGE_SIZE)
    else:
        page = Paginator(requests, PAGE_SIZE).get_page(1)
    context = {
        "agency": agency,
        "form": form,
        "page": page,
        "requests": page.object_list,
        # Page links lead to the log page itself, not to the export's address.
        "paginated": request.method == "GET",
        "retention_months": settings.PERSONAL_DATA_RETENTION_MONTHS,
    }
    return render(request, "privacy/index.html", context)


@never_cache
@require_GET
def index(request):
    """What the agency did with people's data on request, and the lookup form."""
    membership = require_privacy_officer(request)
    return _index(request, membership.agency, SubjectForm())


@never_cache
@require_POST
def export(request):
    """The person's data as a JSON file; the page again with the error when
    the agency holds nothing about them."""
    membership = require_privacy_officer(request)
    form = SubjectForm(request.POST)
    if form.is_valid():
        try:
            body, record = services.person_export(
                subject=form.cleaned_data["subject"], by=request.user
            )
        except ValidationError as error:
            form.add_error("subject", error)
        else:
            day = timezone.localdate(record.created_at, membership.agency.tzinfo)
            response = HttpResponse(body, content_type="application/json; charset=utf-8")
            response["Content-Disposition"] = (
                f'attachment; filename="data-pribadi-{day:%Y%m%d}-{record.pk}.json"'
            )
            return response
    return _index(request, membership.agency, form)


@never_cache
@require_http_methods(["GET", "POST"])
def erase(request):
    """Whom and why, then what will be erased and a confirmation, then the
    erasure."""
    membership = require_privacy_officer(request)
    agency = membership.agency
    form = ErasureForm(request.POST if request.method == "POST" else None)
    preview = None
    if form.is_valid():
        subject = form.cleaned_data["subject"]
        if form.cleaned_data["confirmed"]:
            try:
                record = services.person_erase_contacts(
                    subject=subject, reason=form.cleaned_data["reason"], by=request.user
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(
                    request,
                    _("Kontak %(names)s dihapus dari %(count)d baris peserta.")
                    % {"names": record.subject_names, "count": record.participants},
                )
                return redirect("privacy:index")
        else:
            account = selectors.account_of(agency, subject)
            nips, emails = selectors.identifiers(subject, account)
            preview = {
                "subject": subject,
                "account": account,
                "participants": list(selectors.participants_of(agency, nips, emails)),
            }
            preview["to_erase"] = [p for p in preview["participants"] if not p.contact_erased_at]
    context = {"agency": agency, "form": form, "preview": preview}
    return render(request, "privacy/erase.html", context)
