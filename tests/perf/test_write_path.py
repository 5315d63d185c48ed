"""The nightly write path (issue 15): autosave in at most 4 statements and one commit, argon2, gthread."""

import datetime
import importlib
from pathlib import Path

import pytest
from django.contrib.auth.hashers import Argon2PasswordHasher, PBKDF2PasswordHasher, make_password
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from learning import services
from learning.models import StudyLog
from portal.settings import base
from tests.conftest import client_for

ROOT = Path(__file__).resolve().parents[2]
AUTOSAVE_BUDGET = 4


def typed(insight: str) -> services.LogData:
    return {"minutes": "30", "materials": [], "sources": "", "insight": insight, "items": [],
            "share_insight": "", "highlight": ""}  # fmt: skip


def counted_autosave(client, day: datetime.date, insight: str, version: int):
    """The statements of one autosave and its transactions.

    The test runs inside a transaction, so each transaction of the request is a SAVEPOINT here
    (a BEGIN ... COMMIT in production); SQLite's BEGIN and COMMIT are counted as transactions too.
    """
    with CaptureQueriesContext(connection) as queries:
        response = client.post(
            f"/logs/{day.isoformat()}/autosave/", {"minutes": "30", "insight": insight, "version": str(version)}
        )
    control = ("SAVEPOINT", "RELEASE SAVEPOINT", "ROLLBACK TO SAVEPOINT", "BEGIN", "COMMIT")
    sql = [q["sql"] for q in queries.captured_queries if not q["sql"].startswith(control)]
    transactions = sum(1 for q in queries.captured_queries if q["sql"].startswith(("SAVEPOINT", "BEGIN")))
    return response, sql, transactions


@pytest.mark.django_db
def test_an_autosave_costs_at_most_four_statements_and_one_commit(cast):
    client = client_for(cast.staff)
    today = timezone.localdate()
    client.get("/logs/today/")  # the person's page is open: session state resolved, as in the evening
    first, sql, commits = counted_autosave(client, today, "第一稿", 0)
    assert first.status_code == 200, first.content
    assert len(sql) <= AUTOSAVE_BUDGET + 2, sql  # the evening's first autosave also creates the row
    version = first.json()["version"]
    for number in range(2, 5):
        answer, sql, commits = counted_autosave(client, today, f"第{number}稿", version)
        assert answer.status_code == 200
        assert len(sql) <= AUTOSAVE_BUDGET, sql
        assert commits == 1
        version = answer.json()["version"]
    log = StudyLog.objects.get(user=cast.staff, date=today)
    assert log.draft["insight"] == "第4稿" and log.version == version


@pytest.mark.django_db
def test_the_autosave_service_reads_and_writes_once_when_the_log_exists(cast):
    today = timezone.localdate()
    log = services.study_log_autosave(user=cast.staff, date=today, data=typed("初稿"), version=0)
    with CaptureQueriesContext(connection) as queries:
        log = services.study_log_autosave(user=cast.staff, date=today, data=typed("二稿"), version=log.version)
    work = [q["sql"] for q in queries.captured_queries if "SAVEPOINT" not in q["sql"]]
    assert len(work) == 2, work  # SELECT ... FOR UPDATE, UPDATE
    assert "FOR UPDATE" in work[0] or connection.vendor == "sqlite"
    assert StudyLog.objects.get(pk=log.pk).draft["insight"] == "二稿"
    with pytest.raises(services.StaleLog):  # a stale tab is still caught
        services.study_log_autosave(user=cast.staff, date=today, data=typed("旧稿"), version=log.version - 1)


OWASP_ARGON2 = "argon2$argon2id$v=19$m=19456,t=2,p=1$"  # 19 MiB, 2 passes, 1 lane


@pytest.mark.django_db
@pytest.mark.parametrize("old_hasher", [PBKDF2PasswordHasher, Argon2PasswordHasher])  # Django's own argon2: 8 lanes
def test_argon2_hashes_new_passwords_and_upgrades_an_old_hash_at_login(cast, client, settings, old_hasher):
    settings.PASSWORD_HASHERS = base.PASSWORD_HASHERS
    assert make_password("x").startswith(OWASP_ARGON2)
    cast.staff.password = old_hasher().encode("an-old-password", old_hasher().salt())
    cast.staff.save(update_fields=["password"])
    assert not cast.staff.password.startswith(OWASP_ARGON2)
    answer = client.post("/accounts/login/", {"login": "staff", "password": "an-old-password"})
    assert answer.status_code == 302
    cast.staff.refresh_from_db()
    assert cast.staff.password.startswith(OWASP_ARGON2)
    assert cast.staff.check_password("an-old-password")


def test_production_runs_threaded_gunicorn_workers_from_the_documented_command():
    conf = importlib.import_module("portal.gunicorn_conf")
    assert conf.worker_class == "gthread" and conf.threads > 1 and conf.workers >= 2
    documented = (ROOT / "docs/deployment.md").read_text()
    assert "gunicorn -c python:portal.gunicorn_conf portal.wsgi:application" in documented
