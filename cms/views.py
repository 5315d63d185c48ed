from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils import translation
from wagtail import views as wagtail_views
from wagtail.models import Page

from .translations import in_reader_language


def serve(request: HttpRequest, path: str) -> HttpResponse:
    """Wagtail's page view, the URL found among the originals and the page shown in the reader's language.

    Without a language in the URL, Wagtail would look the path up in the tree of the reader's language
    once the home page has a translation: there a page nobody has translated yet is missing, and the
    English reader would get 404 instead of the Chinese page. So the path is looked up in the original
    (Chinese) tree, and the page found is replaced by its live translation when there is one. Wagtail
    keeps the route on the request (``Page.route_for_request``), and its own view then serves it with
    its hooks (view restrictions) as usual. A translation's own URL is the original's (same slugs, no
    prefix), so it is reached, and guarded, only through the original.
    """
    with translation.override(settings.LANGUAGE_CODE):
        route = Page.route_for_request(request, path)
    if route is not None:
        page, args, kwargs = route
        request._wagtail_route_for_request = (in_reader_language(page), args, kwargs)  # type: ignore[attr-defined]
    return wagtail_views.serve(request, path)
