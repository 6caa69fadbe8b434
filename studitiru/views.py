"""Pages that belong to the portal as a whole rather than to one app."""

from django.contrib.auth.decorators import login_not_required
from django.db import connection
from django.http import HttpResponse, HttpResponsePermanentRedirect
from django.shortcuts import redirect, render
from django.templatetags.static import static
from django.views.decorators.cache import never_cache

from agencies.models import Agency, Topic
from agencies.permissions import is_national_admin, membership_of
from visits.models import Visit, VisitStatus


@login_not_required
def home(request):
    """The front page: what the portal is for, with a few figures. A member
    of an agency has work waiting: they go straight to the dashboard, a
    national administrator to every agency's activity."""
    if membership_of(request.user) is not None:
        return redirect("visits:dashboard")
    if is_national_admin(request.user):
        return redirect("reports:agency_activity")
    context = {
        "agency_count": Agency.objects.filter(is_active=True).count(),
        "held_visit_count": Visit.objects.filter(
            status__in=[VisitStatus.HELD, VisitStatus.REPORTED]
        ).count(),
        "topics": Topic.objects.filter(is_active=True, successor__isnull=True)[:8],
    }
    return render(request, "home.html", context)


@login_not_required
@never_cache
def health(request):
    """For load balancers and monitoring: the app process answers, and its
    database connection is open (connecting if needed, or checking a kept
    connection with the driver's ping). It runs no query of the portal's, so
    it also measures the ceiling of the middleware stack (the benchmark's
    baseline). With the database down it answers 503 like every page
    (studitiru.errors.server_error)."""
    # A kept connection is pinged (CONN_HEALTH_CHECKS) only when it is
    # first used in a request: ensure_connection() alone would trust it.
    connection.close_if_health_check_failed()
    connection.ensure_connection()
    return HttpResponse("ok\n", content_type="text/plain; charset=utf-8")


@login_not_required
def favicon(request):
    """Browsers ask for /favicon.ico: the portal's icon is an SVG. Its address
    is looked up per request, not when the URLs are imported: with DEBUG off it
    comes from collectstatic's manifest, which does not exist yet when
    ``manage.py migrate`` runs first on a new server."""
    return HttpResponsePermanentRedirect(static("img/favicon.svg"))
