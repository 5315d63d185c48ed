import pytest
from django.utils import translation

from portal.models import User


@pytest.fixture(autouse=True)
def in_english(request):
    """Pages and the message constants compared with them in one language (English) for these tests."""
    if "cast" in request.fixturenames:
        request.getfixturevalue("cast")
        User.objects.update(preferred_language="en")
    with translation.override("en"):
        yield
