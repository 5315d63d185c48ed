"""Media under production settings (issue 13, finding 5): images shown to signed-in people, documents only
through the signed-in document view, nothing under /media/ for visitors."""

import io
import re

import pytest
from django.core.cache import cache
from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from django.test import Client
from PIL import Image
from wagtail.documents import get_document_model
from wagtail.images import get_image_model

from tests.conftest import client_for
from tests.factories.learning import make_material

pytestmark = pytest.mark.django_db


@pytest.fixture
def production_like(settings, tmp_path):
    """What production changes for media: no DEBUG, files on disk, the production flag."""
    settings.DEBUG = False
    settings.PORTAL_IS_PRODUCTION = True
    settings.MEDIA_ROOT = tmp_path
    settings.STORAGES = {**settings.STORAGES, "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"}}
    cache.clear()  # Wagtail caches renditions: none from another test's database


def png() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (1200, 600), (200, 30, 30)).save(buffer, "PNG")
    return buffer.getvalue()


@pytest.fixture
def material_with_image(production_like):
    image = get_image_model().objects.create(title="三看流程图", file=ImageFile(io.BytesIO(png()), name="flow.png"))
    page = make_material("带图的材料")
    page.body = [("image", image), *[(block.block_type, block.value) for block in page.body]]
    page.save_revision().publish()
    return page


def img_sources(html: str) -> list[str]:
    return re.findall(r'<img[^>]+src="([^"]+)"', html)


def test_a_material_page_with_an_image_shows_it_to_a_signed_in_person_only(cast, material_with_image):
    client = client_for(cast.staff)
    page = client.get(material_with_image.url)
    assert page.status_code == 200
    sources = [src for src in img_sources(page.content.decode()) if src.startswith("/media/")]
    assert sources, "the page shows no uploaded image"
    image = client.get(sources[0])
    body = b"".join(image.streaming_content)
    assert image.status_code == 200 and image["Content-Type"] == "image/png"
    assert body.startswith(b"\x89PNG") and Image.open(io.BytesIO(body)).size == (800, 400)  # width-800
    anonymous = Client().get(sources[0])
    assert anonymous.status_code == 302 and anonymous["Location"].startswith("/accounts/login/")


def test_media_answers_nothing_but_renditions(cast, production_like):
    document = get_document_model().objects.create(title="提纲", file=ContentFile(b"%PDF-1.4 secret", name="plan.pdf"))
    image = get_image_model().objects.create(title="图", file=ImageFile(io.BytesIO(png()), name="flow.png"))
    client = client_for(cast.staff)
    for url in (
        f"/media/{document.file.name}",
        f"/media/images/../{document.file.name}",
        f"/media/images/..%2F{document.file.name}",
        f"/media/{image.file.name}",  # the original upload
        "/media/images/missing.png",
    ):
        assert client.get(url).status_code == 404, url
    # The document itself goes through the signed-in document view, as a download.
    download = client.get(document.url)
    assert download.status_code == 200 and b"".join(download.streaming_content) == b"%PDF-1.4 secret"
    assert Client().get(document.url).status_code == 302


def test_behind_a_proxy_the_file_is_sent_by_the_proxy_from_an_internal_location(cast, material_with_image, settings):
    settings.PORTAL_MEDIA_ACCEL_REDIRECT = "/protected-media/"
    client = client_for(cast.staff)
    (source,) = [src for src in img_sources(client.get(material_with_image.url).content.decode()) if "/media/" in src]
    response = client.get(source)
    assert response.status_code == 200
    assert response["X-Accel-Redirect"] == "/protected-media/" + source.removeprefix("/media/")
