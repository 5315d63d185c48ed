"""Settings shared by every environment. Safe by default: no DEBUG, no secret."""

from pathlib import Path

from django.utils.translation import gettext_lazy as _

from .env import env_bool, env_int

PORTAL_DIR = Path(__file__).resolve().parent.parent
BASE_DIR = PORTAL_DIR.parent

DEBUG = False
ALLOWED_HOSTS: list[str] = []

INSTALLED_APPS = [
    "portal",
    "cms",
    "learning",
    "assessments",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.simple_translation",
    "wagtail.locales",
    "wagtail.sites",
    "portal.apps.PortalUsersAppConfig",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "django_tasks",
    "django_tasks_db",
    "portal.admin_site.PortalAdminConfig",  # django.contrib.admin with safe deletes
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "csp",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "portal.middleware.AdminCSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "portal.middleware.PrivateCacheMiddleware",
    "portal.request_cache.RequestStateMiddleware",  # session refresh, roles/manager/MFA kept with the session
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "portal.middleware.UserLanguageMiddleware",
    "portal.middleware.QueryParameterHygieneMiddleware",
    "portal.middleware.AdminAccessMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "portal.middleware.RequireMFAMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

ROOT_URLCONF = "portal.urls"
WSGI_APPLICATION = "portal.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PORTAL_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "portal.request_cache.settings_context",  # Wagtail's `settings`, PortalSettings from the cache
                "portal.notices.unread_notices",
            ],
        },
    },
]

# Django's form renderer, with the plain input widgets built in Python (the same HTML, a fraction of the time)
FORM_RENDERER = "portal.form_renderer.FormRenderer"

DATABASES = {
    "default": {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": BASE_DIR / "db.sqlite3",
        # The dev server and the browser tests write from several threads (sessions are saved on every
        # request): take the write lock at BEGIN and wait for it, instead of failing with "database is locked".
        "OPTIONS": {"transaction_mode": "IMMEDIATE", "timeout": 20},
    }
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "portal.User"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
# argon2 first (argon2-cffi), with the parameters of portal/hashers.py: memory-hard, and a login costs a
# worker about 26 ms instead of the 400-700 ms of PBKDF2's million iterations. Older PBKDF2 hashes, and
# argon2 hashes with Django's parameters, still check and are rehashed at the person's next login.
PASSWORD_HASHERS = [
    "portal.hashers.PortalArgon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2SHA1PasswordHasher",
    "django.contrib.auth.hashers.ScryptPasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "/"

# Sessions: cached_db (portal/sessions.py) reads from the cache and falls back to the database, so people
# stay logged in when Redis is down.
SESSION_ENGINE = "portal.sessions"  # cached_db; an outage answers 5xx, not 400
SESSION_COOKIE_AGE = env_int("PORTAL_SESSION_IDLE_SECONDS", 2 * 60 * 60)
# The age above is an inactivity timeout: portal.request_cache refreshes the session every few minutes
# (not on every request, which cost an UPDATE, a commit and a cache write each time).
SESSION_SAVE_EVERY_REQUEST = False
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False  # the autosave script reads it

# django-allauth
ACCOUNT_ADAPTER = "portal.adapters.PortalAccountAdapter"
ACCOUNT_FORMS = {
    "login": "portal.forms.PortalLoginForm",
    "add_email": "portal.forms.PortalAddEmailForm",
    "reset_password": "portal.forms.PortalResetPasswordForm",
    "reset_password_from_key": "portal.forms.PortalResetPasswordKeyForm",
}
ACCOUNT_LOGIN_METHODS = {"username", "email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "username*", "password1*", "password2*"]
ACCOUNT_EMAIL_VERIFICATION = "none"
ACCOUNT_LOGOUT_ON_GET = False
ACCOUNT_SESSION_REMEMBER = False
ACCOUNT_RATE_LIMITS = {
    "login": "30/m/ip",
    "login_failed": "10/m/ip,5/5m/key",
    "reset_password": "20/m/ip,5/m/key",
    "reset_password_from_key": "20/m/ip",
}
ACCOUNT_PASSWORD_RESET_BY_CODE_ENABLED = False
MFA_ADAPTER = "portal.adapters.PortalMFAAdapter"  # TOTP secrets encrypted at rest
PORTAL_MFA_KEY = ""  # empty: derived from SECRET_KEY
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "Staff development portal"
PORTAL_REQUIRE_MFA = env_bool("PORTAL_REQUIRE_MFA", False)

# Internationalisation: Chinese first.
LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文"), ("en", "English")]
# Each app keeps its own locale/ folder; this one only corrects other packages' translations (allauth's
# half-width punctuation). makemessages never writes here, and compilemessages compiles it with the rest.
LOCALE_PATHS = [PORTAL_DIR / "locale_overrides"]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True
LANGUAGE_COOKIE_NAME = "portal_language"
LANGUAGE_COOKIE_SAMESITE = "Lax"

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
MEDIA_URL = "/media/"
MEDIA_ROOT = BASE_DIR / "media"
PORTAL_MEDIA_ACCEL_REDIRECT = ""  # e.g. "/protected-media/": the proxy sends image files (docs/deployment.md)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
}

TASKS = {
    "default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"},
}

EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
DEFAULT_FROM_EMAIL = "portal@localhost"

# Content-Security-Policy: everything from the portal's own host, nothing inline.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "media-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'none'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    },
}

# The admins (editors and administrators only) need inline scripts and styles; still nothing from other hosts.
ADMIN_CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        **CONTENT_SECURITY_POLICY["DIRECTIVES"],
        "script-src": ["'self'", "'unsafe-inline'"],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:", "blob:"],
        "frame-ancestors": ["'self'"],
        "frame-src": ["'self'"],
    },
}

SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# Wagtail
WAGTAIL_SITE_NAME = _("Staff development portal")
WAGTAILADMIN_BASE_URL = "http://127.0.0.1:8000"
WAGTAILADMIN_LOGIN_URL = "account_login"
# Content in the reader's language: editors translate a page from the admin ("Translate"); there is no
# language prefix in URLs, a page is served at its original's URL in the person's language (cms/views.py).
WAGTAIL_I18N_ENABLED = True
# The intranet reaches no outside host: no avatars from gravatar, no update check against wagtail.org.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAIL_ENABLE_WHATS_NEW_BANNER = False
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES
WAGTAILIMAGES_IMAGE_MODEL = "cms.PortalImage"
WAGTAILDOCS_DOCUMENT_MODEL = "cms.PortalDocument"
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAILDOCS_EXTENSIONS = ["pdf", "docx", "xlsx", "pptx", "odt", "txt", "csv", "mp4", "webm"]
WAGTAILDOCS_INLINE_CONTENT_TYPES: list[str] = []
WAGTAILDOCS_MAX_UPLOAD_SIZE = 100 * 1024 * 1024  # a recorded talk; the proxy's body limit must allow it
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAILIMAGES_MAX_IMAGE_PIXELS = 40_000_000  # a decompression bomb is refused before it is decoded
WAGTAILIMAGES_EXTENSIONS = ["jpg", "jpeg", "png", "webp"]
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAIL_USER_CUSTOM_FIELDS = ["display_name", "preferred_language", "reminders_enabled"]
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

# Portal
PORTAL_DEMO_PASSWORD = "demo-pass-2026"  # noqa: S105 - the documented demo password, refused in production
PORTAL_IS_PRODUCTION = False
PORTAL_BACKFILL_DAYS = env_int("PORTAL_BACKFILL_DAYS", 7)
PORTAL_IMPORT_MAX_ROWS = 2000

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
}
