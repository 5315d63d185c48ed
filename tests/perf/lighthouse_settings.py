"""The Lighthouse server's settings (`make lighthouse`): the dev settings served as production serves static files.

DEBUG off, whitenoise's compressed and hashed files from a collectstatic of their own, and the demo on
a SQLite file of their own in LIGHTHOUSE_DIR, so the scores see what a phone would download.
"""

from pathlib import Path

from portal.settings.dev import *  # noqa: F403
from portal.settings.env import env_str

DEBUG = False
LIGHTHOUSE_DIR = Path(env_str("LIGHTHOUSE_DIR"))  # set by tests/perf/lighthouse.py
DATABASES["default"]["NAME"] = LIGHTHOUSE_DIR / "db.sqlite3"  # noqa: F405
STATIC_ROOT = LIGHTHOUSE_DIR / "static"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
