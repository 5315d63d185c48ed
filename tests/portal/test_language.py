import pytest

from tests.conftest import client_for

pytestmark = pytest.mark.django_db


def test_chinese_is_the_default_whatever_the_browser_says(cast):
    response = client_for(cast.staff).get("/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert response["Content-Language"] == "zh-hans"
    assert '<html lang="zh-Hans">' in response.content.decode()


def test_switching_language_is_remembered_on_the_person(cast):
    client = client_for(cast.staff)
    response = client.post("/language/", {"language": "en", "next": "/learning/"})
    assert response.status_code == 302 and response["Location"] == "/learning/"
    cast.staff.refresh_from_db()
    assert cast.staff.preferred_language == "en"
    # A new session (another browser) shows English too.
    assert client_for(cast.staff).get("/")["Content-Language"] == "en"


def test_the_login_page_follows_the_language_cookie(db, client):
    client.post("/language/", {"language": "en"})
    response = client.get("/accounts/login/")
    assert response["Content-Language"] == "en"
    assert "Sign In" in response.content.decode()


@pytest.mark.parametrize("language", ["fr", "", "zh-hans'><script>"])
def test_unknown_language_changes_nothing(cast, language):
    client = client_for(cast.staff)
    response = client.post("/language/", {"language": language})
    assert response.status_code == 302
    cast.staff.refresh_from_db()
    assert cast.staff.preferred_language == "zh-hans"


def test_next_to_another_host_is_ignored(cast):
    response = client_for(cast.staff).post("/language/", {"language": "en", "next": "https://evil.example/"})
    assert response["Location"] == "/"
