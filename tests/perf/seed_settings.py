"""Settings that build the benchmark data sets (`make bench`): the dev settings on the PostgreSQL of DATABASE_URL.

seed_demo and seed_scale refuse the production settings; the passwords they store are hashed with the
base settings' hashers, which the production settings check at login.
"""

import os

import dj_database_url

from portal.settings.dev import *  # noqa: F403

DEBUG = False
DATABASES = {"default": dj_database_url.config()}
PORTAL_MFA_KEY = os.environ.get("PORTAL_MFA_KEY", "")  # the key the served settings read second factors with
