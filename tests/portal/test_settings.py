"""Production settings refuse to start half-configured; junk in the environment is an error, not a default."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
GOOD = {
    "DJANGO_SECRET_KEY": "x" * 60,
    "DJANGO_ALLOWED_HOSTS": "portal.example.gov.cn",
    "DATABASE_URL": "postgres://portal@127.0.0.1:5432/portal",
    "REDIS_URL": "redis://127.0.0.1:6379/0",
}


def load_production(code: str = "print('started')", **overrides: str | None) -> subprocess.CompletedProcess:
    env = {key: value for key, value in os.environ.items() if key not in GOOD and not key.startswith("PORTAL_")}
    env.update(GOOD)
    for key, value in overrides.items():
        env.pop(key, None) if value is None else env.__setitem__(key, value)
    env["DJANGO_SETTINGS_MODULE"] = "portal.settings.production"
    script = f"import django; django.setup(); {code}"
    command = [sys.executable, "-c", script]
    return subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, check=False)  # noqa: S603


def test_production_starts_with_the_environment_set():
    assert load_production().stdout.strip() == "started"


@pytest.mark.parametrize("missing", ["DJANGO_SECRET_KEY", "DJANGO_ALLOWED_HOSTS", "DATABASE_URL", "REDIS_URL"])
def test_production_refuses_to_start_without(missing):
    result = load_production(**{missing: None})
    assert result.returncode != 0
    assert f"Set the environment variable {missing}" in result.stderr


@pytest.mark.parametrize(
    ("name", "junk"),
    [("PORTAL_REQUIRE_MFA", "maybe"), ("PORTAL_BACKFILL_DAYS", "seven"), ("PORTAL_TRUSTED_PROXY_COUNT", "one")],
)
def test_junk_values_are_refused(name, junk):
    result = load_production(**{name: junk})
    assert result.returncode != 0 and "ImproperlyConfigured" in result.stderr and name in result.stderr


def test_the_trusted_proxy_settings_come_from_the_environment():
    code = "from django.conf import settings as s; print(s.ALLAUTH_TRUSTED_PROXY_COUNT, s.ALLAUTH_TRUSTED_CLIENT_IP_HEADER)"  # noqa: E501
    assert load_production(PORTAL_TRUSTED_PROXY_COUNT="2", code=code).stdout.split() == ["2", "None"]
    assert load_production(PORTAL_CLIENT_IP_HEADER="X-Real-IP", code=code).stdout.split() == ["0", "X-Real-IP"]


@pytest.mark.parametrize(
    "proxies",
    [{"PORTAL_TRUSTED_PROXY_COUNT": "-1"}, {"PORTAL_TRUSTED_PROXY_COUNT": "1", "PORTAL_CLIENT_IP_HEADER": "X-Real-IP"}],
)
def test_a_negative_proxy_count_or_both_proxy_settings_are_refused(proxies):
    result = load_production(**proxies)
    assert result.returncode != 0 and "PORTAL_TRUSTED_PROXY_COUNT" in result.stderr
