"""The portal's URLs plus a trivial signed-in view, for the benchmarks and the query-budget test only.

The trivial view never ships: only tests/perf/settings.py (the bench server) and the tests use this module.
"""

from django.http import HttpRequest, HttpResponse
from django.urls import path

from portal.urls import urlpatterns as portal_urlpatterns


def trivial(request: HttpRequest) -> HttpResponse:
    """A signed-in page that does nothing: every statement it costs is per-request overhead."""
    return HttpResponse(f"ok {request.user.pk}", content_type="text/plain")


urlpatterns = [path("_perf/trivial/", trivial, name="perf-trivial"), *portal_urlpatterns]
