"""Parallel writes of one person's log on PostgreSQL: one row, no error, newer text never lost silently."""

import datetime
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import connection
from django.utils import timezone

from learning.models import StudyLog
from tests.conftest import client_for

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def post(user, url, data):
    try:
        return client_for(user).post(url, data).status_code
    finally:
        connection.close()


def test_twenty_parallel_saves_make_one_log_and_no_error(on_postgres, cast):
    data = {"version": "0", "minutes": "60", "insight": "同一晚的体会，只保存一次。"}
    with ThreadPoolExecutor(max_workers=20) as pool:
        statuses = list(pool.map(lambda _n: post(cast.staff, "/logs/today/", data), range(20)))
    assert statuses == [302] * 20
    log = StudyLog.objects.get(user=cast.staff)
    assert (log.date, log.insight, log.version) == (timezone.localdate(), "同一晚的体会，只保存一次。", 1)


def test_two_tabs_typing_different_text_never_lose_the_newer_one_silently(on_postgres, cast):
    url = f"/logs/{timezone.localdate()}/autosave/"
    texts = [f"标签页{n}的体会" for n in range(10)]
    with ThreadPoolExecutor(max_workers=10) as pool:
        statuses = list(pool.map(lambda text: post(cast.staff, url, {"version": "0", "insight": text}), texts))
    assert sorted(statuses) == [200] + [409] * 9
    log = StudyLog.objects.get(user=cast.staff)
    assert log.version == 1 and log.draft["insight"] in texts


def test_the_unique_constraint_holds_in_the_database(on_postgres, cast):
    from django.db import IntegrityError, transaction

    StudyLog.objects.create(user=cast.staff, date=datetime.date(2026, 11, 25))
    with pytest.raises(IntegrityError), transaction.atomic():
        StudyLog.objects.create(user=cast.staff, date=datetime.date(2026, 11, 25))
