"""Pages that belong to the portal as a whole rather than to one app."""

from django.contrib.auth.decorators import login_not_required
from django.shortcuts import render

from agencies.models import Agency
from visits.models import Topic, Visit, VisitStatus


@login_not_required
def home(request):
    """The front page: what the portal is for, with a few figures."""
    context = {
        "agency_count": Agency.objects.filter(is_active=True).count(),
        "held_visit_count": Visit.objects.filter(
            status__in=[VisitStatus.HELD, VisitStatus.REPORTED]
        ).count(),
        "topics": Topic.objects.filter(is_active=True, successor__isnull=True)[:8],
    }
    return render(request, "home.html", context)
