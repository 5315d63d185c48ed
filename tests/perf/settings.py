"""The bench server's settings (`make bench`): production, plus a trivial view and a query counter.

Everything else is production as shipped (PostgreSQL, Redis, MFA required, secure cookies behind
a pretend HTTPS proxy). Two differences, both outside what is measured: static files are not
hashed (no collectstatic before a run) and the cache keys carry the run's id (the sign-in rate
limits and used TOTP codes of one run do not spill into the next).
"""

import os

from portal.settings.production import *  # noqa: F403

ROOT_URLCONF = "tests.perf.urls"
MIDDLEWARE = ["tests.perf.middleware.QueryCountMiddleware", *MIDDLEWARE]  # noqa: F405
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
CACHES["default"]["KEY_PREFIX"] = "bench-" + os.environ.get("BENCH_RUN_ID", "run")  # noqa: F405
