"""Production settings for the restart-durability run (tests/reliability/pg_restart_durability.py).

The database is configured exactly as in production (CONN_MAX_AGE=60 with health checks). Only
two things differ: static files are not hashed, so the run needs no collectstatic, and the cache
keys carry the run's id, so the sign-in rate limits of one run do not spill into the next.
"""

import os

from portal.settings.production import *  # noqa: F403

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
CACHES["default"]["KEY_PREFIX"] = "durability-" + os.environ.get("DURABILITY_RUN_ID", "run")  # noqa: F405
