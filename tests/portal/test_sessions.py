"""Saving the session after the view: a database outage answers 500 (try again), a deleted session 400."""

import pytest
from django.contrib.sessions.models import Session
from django.db import OperationalError
from django.utils import timezone

from learning import services
from learning.models import StudyLog
from tests.conftest import client_for

pytestmark = pytest.mark.django_db


def autosave(client):
    url = f"/logs/{timezone.localdate()}/autosave/"
    return client.post(url, {"version": "0", "minutes": "30", "insight": "断线前写下的体会"})


def then_before_the_session_is_saved(monkeypatch, happening) -> None:
    """Let the autosave commit, then make ``happening`` occur before the middleware saves the session."""
    real_autosave = services.study_log_autosave

    def autosave_then(**kwargs):
        log = real_autosave(**kwargs)
        happening()
        return log

    monkeypatch.setattr(services, "study_log_autosave", autosave_then)


def test_the_database_going_away_after_an_autosave_committed_answers_500_not_bad_request(cast, monkeypatch):
    client = client_for(cast.staff)
    client.raise_request_exception = False

    def database_gone(*args, **kwargs):
        raise OperationalError("server closed the connection unexpectedly")

    then_before_the_session_is_saved(monkeypatch, lambda: monkeypatch.setattr(Session, "save", database_gone))
    response = autosave(client)
    assert response.status_code == 500
    assert StudyLog.objects.get(user=cast.staff).draft["insight"] == "断线前写下的体会"


def test_a_session_ended_by_a_concurrent_logout_still_answers_bad_request(cast, monkeypatch):
    client = client_for(cast.staff)
    client.raise_request_exception = False
    then_before_the_session_is_saved(monkeypatch, lambda: Session.objects.all().delete())
    response = autosave(client)
    assert response.status_code == 400
    assert StudyLog.objects.get(user=cast.staff).draft["insight"] == "断线前写下的体会"
