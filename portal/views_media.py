"""Uploaded images, served by the portal to signed-in people; documents never from here.

Editors' files live in one storage: ``images/`` (renditions, what pages show), ``original_images/``
and ``documents/``. Only a rendition's own file is answered here; documents go through Wagtail's
signed-in document view (``/documents/<id>/<name>``), originals through nothing. The proxy must pass
``/media/`` to the portal, never alias it to the folder (docs/deployment.md).
"""

import mimetypes

from django.conf import settings
from django.core.files.storage import default_storage
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.views.decorators.http import require_safe
from wagtail.images import get_image_model

RENDITIONS = "images/"


@require_safe
def image_rendition(request: HttpRequest, path: str) -> HttpResponse:
    """Answer the file of one image rendition (login required, by the middleware); 404 for anything else."""
    name = RENDITIONS + path
    rendition_model = get_image_model().get_rendition_model()
    if not rendition_model.objects.filter(file=name).exists():  # no "..", no document, no original
        raise Http404
    content_type = mimetypes.guess_type(name)[0] or "application/octet-stream"
    accel = getattr(settings, "PORTAL_MEDIA_ACCEL_REDIRECT", "")
    if accel:  # the proxy sends the file itself from an internal location
        response = HttpResponse(content_type=content_type)
        response["X-Accel-Redirect"] = accel.rstrip("/") + "/" + name
        return response
    try:
        file = default_storage.open(name)
    except FileNotFoundError as error:
        raise Http404 from error
    return FileResponse(file, content_type=content_type)
