"""Error pages that never touch the database: they must work when it is down."""

import sys

from django.db import InterfaceError, OperationalError
from django.http import HttpResponse
from django.template.loader import render_to_string

RETRY_AFTER_SECONDS = 15


def server_error(request):
    """Django's handler500. A lost database connection is a passing outage, not a bug: say
    "réessayez" (503 with Retry-After) and let the next request reconnect by itself."""
    exception = sys.exc_info()[1]
    if isinstance(exception, OperationalError | InterfaceError):
        response = HttpResponse(render_to_string("503.html"), status=503)
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
        return response
    return HttpResponse(render_to_string("500.html"), status=500)
