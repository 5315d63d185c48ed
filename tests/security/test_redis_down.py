"""With Redis unreachable the portal keeps answering: the cache degrades, sessions fall back to the database."""

import pytest
from django.core.cache import caches

from tests.conftest import client_for

pytestmark = pytest.mark.django_db
UNREACHABLE_REDIS = {
    "default": {
        "BACKEND": "django_redis.cache.RedisCache",
        "LOCATION": "redis://127.0.0.1:6390/0",  # nothing listens here
        "OPTIONS": {"IGNORE_EXCEPTIONS": True, "SOCKET_CONNECT_TIMEOUT": 0.2, "SOCKET_TIMEOUT": 0.2},
    }
}


@pytest.fixture
def redis_down(settings):
    settings.CACHES = UNREACHABLE_REDIS  # Django's setting_changed signal rebuilds the cache handlers
    assert caches["default"].__class__.__name__ == "RedisCache"


@pytest.mark.parametrize("url", ["/", "/me/", "/logs/today/", "/ideas/", "/assessments/", "/me/viewed-by/"])
def test_staff_pages_answer_without_redis(cast, redis_down, url):
    response = client_for(cast.staff).get(url, follow=True)
    assert response.status_code == 200


def test_healthz_says_degraded_without_redis(db, client, redis_down):
    response = client.get("/healthz/")
    assert response.status_code == 200
    assert response.json()["cache"] == "unavailable"


def test_login_answers_and_rate_limiting_fails_closed_without_redis(cast, client, redis_down):
    response = client.post("/accounts/login/", {"login": "staff", "password": "demo-pass-2026"})
    assert response.status_code == 429
    assert "请稍等几分钟再试" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_people_already_signed_in_keep_working_without_redis(cast, redis_down):
    client = client_for(cast.staff)
    assert client.get("/logs/today/").status_code == 200
