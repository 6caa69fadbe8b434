"""The portal's error pages, and what is logged when a request fails.

400, 403 and 404 are Django's own views rendering ``400.html``, ``403.html``
and ``404.html`` in the portal's layout (a 403 shows the rule that refused the
step, the ``PermissionDenied`` message). A 500 and the 503 for "database
unavailable" are rendered here from ``errors/standalone.html``, which reads
neither the user, the session nor the messages: all of them live in the
database that may be what failed. Every middleware and view is wrapped by
Django's exception handling, so a database that fails in the session, the
authentication or the second-factor middleware, or in a view, comes here.
"""

import logging
import sys

from django.db import InterfaceError, OperationalError
from django.http import HttpResponse
from django.shortcuts import render
from django.template import loader
from django.views.decorators.csrf import requires_csrf_token

# How long a client (or a load balancer) is asked to wait after a 503.
RETRY_AFTER_SECONDS = 30
# Not kept by any cache: the next attempt must reach the portal.
NOT_KEPT = "no-store"


def is_database_unavailable(exception) -> bool:
    """The database could not be reached or dropped the connection
    (psycopg's OperationalError and InterfaceError as Django raises them), as
    opposed to a bug in a query."""
    return isinstance(exception, OperationalError | InterfaceError)


@requires_csrf_token
def server_error(request):
    """handler500: "database unavailable" (503, Retry-After) when that is what
    failed, otherwise the portal's 500 page."""
    exception = sys.exc_info()[1]
    if is_database_unavailable(exception):
        response = _standalone("errors/503.html", status=503)
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    else:
        response = _standalone("errors/500.html", status=500)
    return response


def _standalone(template_name, *, status):
    try:
        body = loader.render_to_string(template_name)
    except Exception:
        # The page itself failed (a missing static manifest): plain text, so
        # that the answer is still the right status.
        body = f"Portal Studi Tiru: {status}"
        response = HttpResponse(body, status=status, content_type="text/plain; charset=utf-8")
    else:
        response = HttpResponse(body, status=status)
    response["Cache-Control"] = NOT_KEPT
    return response


@requires_csrf_token
def csrf_failure(request, reason=""):
    """CSRF_FAILURE_VIEW: most often a form left open until the session ended
    (or opened before logging in again), then sent. Say so, and how not to
    lose what was typed."""
    return render(request, "errors/csrf.html", status=403)


class OneLineErrors(logging.Filter):
    """Request failures logged in one line, without a traceback, when the
    traceback says nothing new: a 4xx (a refused step, a page not found, a
    suspicious request is the client's doing, not a bug), and a request that
    found the database unavailable (an outage of a few seconds wrote
    megabytes of identical tracebacks). Any other 5xx keeps its traceback."""

    def filter(self, record):
        status = getattr(record, "status_code", None)
        if record.exc_info and status is not None:
            exception = record.exc_info[1]
            if status < 500:
                record.exc_info = record.exc_text = None
            elif is_database_unavailable(exception) and isinstance(record.args, tuple):
                first_line = (str(exception).strip().splitlines() or [""])[0]
                record.msg = f"{record.msg} (database unavailable: %s: %s)"
                record.args = (*record.args, type(exception).__name__, first_line)
                record.exc_info = record.exc_text = None
        return True
