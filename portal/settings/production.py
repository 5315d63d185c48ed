"""Production: PostgreSQL, Redis, hashed static files, HTTPS. Refuses to start half-configured."""

import os

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .env import env_bool, env_int, env_list, env_str

SECRET_KEY = env_str("DJANGO_SECRET_KEY")
ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS")
CSRF_TRUSTED_ORIGINS = [f"https://{host}" for host in ALLOWED_HOSTS if not host.startswith(".")]
# No health checks: they cost a `SELECT 1` round trip at the start of every request. A connection that
# died while idle (PostgreSQL restarted) fails its first query, Django discards it at the end of that
# request (errors_occurred), and the next request opens a new one; the autosave script retries a 5xx.
DATABASES = {"default": dj_database_url.parse(env_str("DATABASE_URL"), conn_max_age=60, conn_health_checks=False)}
CACHES = {
    "default": {
        "BACKEND": "django_redis.cache.RedisCache",
        "LOCATION": env_str("REDIS_URL"),
        "OPTIONS": {
            "IGNORE_EXCEPTIONS": True,
            "SOCKET_CONNECT_TIMEOUT": 1,
            "SOCKET_TIMEOUT": 1,
        },
    }
}
DJANGO_REDIS_LOG_IGNORED_EXCEPTIONS = True
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
TASKS = {"default": {"BACKEND": "django_tasks_db.backend.DatabaseBackend"}}

EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "portal@localhost")
WAGTAILADMIN_BASE_URL = env_str("PORTAL_BASE_URL", f"https://{ALLOWED_HOSTS[0]}")

PORTAL_IS_PRODUCTION = True
PORTAL_MEDIA_ACCEL_REDIRECT = os.environ.get("PORTAL_MEDIA_ACCEL_REDIRECT", "")
PORTAL_MFA_KEY = os.environ.get("PORTAL_MFA_KEY", "")  # set it before rotating DJANGO_SECRET_KEY
PORTAL_REQUIRE_MFA = env_bool("PORTAL_REQUIRE_MFA", True)

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# Behind a reverse proxy every request comes from the proxy's address: rate limits must key on the client.
# Either the number of proxies that append to X-Forwarded-For, or one header the proxy sets and clients cannot.
ALLAUTH_TRUSTED_PROXY_COUNT = env_int("PORTAL_TRUSTED_PROXY_COUNT", 0)
ALLAUTH_TRUSTED_CLIENT_IP_HEADER = os.environ.get("PORTAL_CLIENT_IP_HEADER") or None
if ALLAUTH_TRUSTED_PROXY_COUNT < 0 or (ALLAUTH_TRUSTED_PROXY_COUNT and ALLAUTH_TRUSTED_CLIENT_IP_HEADER):
    raise ImproperlyConfigured(
        "Set PORTAL_TRUSTED_PROXY_COUNT (a whole number, 0 or more) or PORTAL_CLIENT_IP_HEADER, not both."
    )
SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", True)
SECURE_HSTS_SECONDS = env_int("DJANGO_HSTS_SECONDS", 60 * 60 * 24 * 365)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
