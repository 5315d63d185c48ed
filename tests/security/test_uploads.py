"""Editors' uploads are limited by type and size; documents go out as downloads, never rendered inline."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image
from wagtail.documents import get_document_model
from wagtail.images import get_image_model

from tests.conftest import client_for

pytestmark = pytest.mark.django_db


def png(width: int = 8, height: int = 8) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), "white").save(buffer, "PNG")
    return buffer.getvalue()


def upload_document(client, name: str, content: bytes):
    file = SimpleUploadedFile(name, content)
    return client.post("/admin/documents/add/", {"title": name, "file": file, "collection": 1})


def upload_image(client, name: str, content: bytes):
    file = SimpleUploadedFile(name, content)
    return client.post("/admin/images/add/", {"title": name, "file": file, "collection": 1})


def test_an_editor_uploads_an_allowed_document(cast):
    response = upload_document(client_for(cast.editor), "学习提纲.pdf", b"%PDF-1.4 outline")
    assert response.status_code == 302
    assert get_document_model().objects.filter(title="学习提纲.pdf").exists()


@pytest.mark.parametrize("name", ["page.html", "drawing.svg", "tool.exe", "script.js", "macro.docm"])
def test_documents_of_other_types_are_refused(cast, name):
    response = upload_document(client_for(cast.editor), name, b"<script>alert(1)</script>")
    assert response.status_code == 200
    assert "file" in response.context["form"].errors
    assert not get_document_model().objects.exists()


def test_a_document_over_the_size_limit_is_refused(cast, settings):
    settings.WAGTAILDOCS_MAX_UPLOAD_SIZE = 1024
    response = upload_document(client_for(cast.editor), "big.pdf", b"%PDF" + b"0" * 2048)
    assert response.status_code == 200
    assert "file" in response.context["form"].errors
    assert not get_document_model().objects.exists()


def test_an_editor_uploads_an_allowed_image(cast):
    response = upload_image(client_for(cast.editor), "photo.png", png())
    assert response.status_code == 302
    assert get_image_model().objects.filter(title="photo.png").exists()


@pytest.mark.parametrize(("name", "content"), [("logo.svg", b"<svg onload='alert(1)'/>"), ("photo.png", b"not a png")])
def test_images_of_other_types_or_broken_files_are_refused(cast, name, content):
    response = upload_image(client_for(cast.editor), name, content)
    assert response.status_code == 200
    assert "file" in response.context["form"].errors
    assert not get_image_model().objects.exists()


def test_an_image_over_the_size_or_pixel_limit_is_refused(cast, settings):
    settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS = 100
    response = upload_image(client_for(cast.editor), "wide.png", png(20, 20))
    assert "file" in response.context["form"].errors
    settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE = 64
    response = upload_image(client_for(cast.editor), "photo.png", png())
    assert "file" in response.context["form"].errors
    assert not get_image_model().objects.exists()


def test_a_document_is_served_as_a_download_to_signed_in_people_only(cast, client, settings, tmp_path):
    # Served from disk as in production (the in-memory test storage has no real file path).
    settings.STORAGES = {**settings.STORAGES, "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"}}
    settings.MEDIA_ROOT = str(tmp_path)
    upload_document(client_for(cast.editor), "notes.txt", b"<script>alert(1)</script>")
    document = get_document_model().objects.get()
    assert client.get(document.url).status_code == 302  # to the login page
    response = client_for(cast.staff).get(document.url)
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Security-Policy"] == "default-src 'none'"
    assert b"".join(response.streaming_content) == b"<script>alert(1)</script>"
