"""Searching agencies by name, for the selects that offer one among the ~550 of
the country (``agencies.widgets.AgencySearchSelect``)."""

from django.db.models import Q
from django.http import JsonResponse
from django.views.decorators.http import require_GET

from ..forms.search import SearchForm
from ..models import Agency
from ..permissions import require_membership
from ..widgets import agency_label

MAX_RESULTS = 20


@require_GET
def agency_search(request):
    """Active agencies whose name, short name, kabupaten/kota or province
    contains every word of ``q``, by name, as ``{"results": [{"value", "text",
    "alias"}]}``. The value is the slug, or the primary key with ``nilai=id``;
    ``lain=1`` leaves out the user's own agency. One query.

    The browser filters what it has loaded again by the words typed, in the
    text (the name and the province) and the alias (the short name and the
    kabupaten/kota): the alias holds every other word the server matched."""
    membership = require_membership(request)
    form = SearchForm(request.GET)
    words = form.words()  # a value that does not validate is not given
    if not words:
        return JsonResponse({"results": []})
    agencies = Agency.objects.filter(is_active=True)
    for word in words:
        agencies = agencies.filter(
            Q(name__icontains=word)
            | Q(short_name__icontains=word)
            | Q(regency__name__icontains=word)
            | Q(province__name__icontains=word)
        )
    if form.cleaned_data.get("lain") == "1":
        agencies = agencies.exclude(pk=membership.agency_id)
    key = "pk" if form.cleaned_data.get("nilai") == "id" else "slug"
    agencies = (
        agencies.select_related("province", "regency")
        .only("slug", "name", "short_name", "province__name", "regency__name")
        .order_by("name")[:MAX_RESULTS]
    )
    results = [
        {
            "value": str(getattr(agency, key)),
            "text": agency_label(agency),
            "alias": " ".join(filter(None, [agency.short_name, _regency_name(agency)])),
        }
        for agency in agencies
    ]
    return JsonResponse({"results": results})


def _regency_name(agency):
    return agency.regency.name if agency.regency_id else ""
