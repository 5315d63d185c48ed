import pytest
from django.core.cache import cache


@pytest.mark.django_db
def test_healthz_reports_database_and_cache_without_login(client):
    response = client.get("/healthz/")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok", "cache": "ok"}


@pytest.mark.django_db
def test_healthz_says_degraded_when_the_cache_fails(client, monkeypatch):
    def broken(*args, **kwargs):
        raise ConnectionError("cache down")

    monkeypatch.setattr(cache, "set", broken)
    response = client.get("/healthz/")
    assert response.status_code == 200
    assert response.json() == {"status": "degraded", "database": "ok", "cache": "unavailable"}


@pytest.mark.django_db
def test_healthz_shows_no_secrets(client):
    body = client.get("/healthz/").content.decode()
    assert "SECRET" not in body and "postgres" not in body
