"""Pages that belong to the portal as a whole rather than to one app."""

from django.contrib.auth.decorators import login_not_required
from django.shortcuts import redirect, render

from agencies.models import Agency
from agencies.permissions import membership_of
from visits.models import Topic, Visit, VisitStatus


@login_not_required
def home(request):
    """The front page: what the portal is for, with a few figures. A member
    of an agency has work waiting: they go straight to the dashboard."""
    if membership_of(request.user) is not None:
        return redirect("visits:dashboard")
    context = {
        "agency_count": Agency.objects.filter(is_active=True).count(),
        "held_visit_count": Visit.objects.filter(
            status__in=[VisitStatus.HELD, VisitStatus.REPORTED]
        ).count(),
        "topics": Topic.objects.filter(is_active=True, successor__isnull=True)[:8],
    }
    return render(request, "home.html", context)
