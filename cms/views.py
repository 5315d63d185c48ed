from django.http import Http404, HttpRequest, HttpResponse
from wagtail import views as wagtail_views
from wagtail.models import Site

from .translations import in_reader_language


def serve(request: HttpRequest, path: str) -> HttpResponse:
    """Wagtail's page view, the URL found among the originals and the page shown in the reader's language.

    Without a language in the URL, Wagtail would look the path up in the tree of the reader's language
    once the home page has a translation: there a page nobody has translated yet is missing, and the
    English reader would get 404 instead of the Chinese page. So the path is looked up from the site's
    root page, the original (Chinese) home page, and the page found is replaced by its live translation
    when there is one. Wagtail's view reads the route from the request (where ``Page.route_for_request``
    keeps it) and serves it with its hooks (view restrictions) as usual. A translation's own URL is the
    original's (same slugs, no prefix), so it is reached, and guarded, only through the original.
    """
    site = Site.find_for_request(request)
    if site is not None:
        try:
            page, args, kwargs = site.root_page.specific.route(request, [part for part in path.split("/") if part])
        except Http404:
            request._wagtail_route_for_request = None  # type: ignore[attr-defined]
        else:
            request._wagtail_route_for_request = (in_reader_language(page), args, kwargs)  # type: ignore[attr-defined]
    return wagtail_views.serve(request, path)
