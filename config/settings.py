"""Settings for Jianghua, read from environment variables and nowhere else.

Environment:
    DEBUG            "1"/"true" turns on debug mode (default off).
    SECRET_KEY       required when DEBUG is off.
    DATABASE_URL     default: SQLite file var/jianghua.sqlite3.
    ALLOWED_HOSTS    comma-separated (default: localhost names when DEBUG).
    CSRF_TRUSTED_ORIGINS  comma-separated origins behind a proxy.
    ANONYMOUS_READ   "1" lets visitors who are not logged in read.
    MAX_UPLOAD_MB    largest compilation accepted, in megabytes (default 20).
    SECURE_PROXY_SSL_HEADER  "1": trust the proxy's X-Forwarded-Proto: https.
    SECURE_SSL_REDIRECT      "1": redirect plain HTTP to HTTPS.
    SECURE_HSTS_SECONDS      Strict-Transport-Security max-age (default 0: none),
        with SECURE_HSTS_INCLUDE_SUBDOMAINS and SECURE_HSTS_PRELOAD ("1").
    SECURE_REFERRER_POLICY   Referrer-Policy header (default same-origin).
"""

import datetime
import os
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: list[str]) -> list[str]:
    value = os.environ.get(name)
    if value is None:
        return default
    return [item.strip() for item in value.split(",") if item.strip()]


DEBUG = env_bool("DEBUG")

SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off.")
    SECRET_KEY = "insecure-development-key-never-use-in-production"

ALLOWED_HOSTS = env_list(
    "ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]", "testserver"] if DEBUG else []
)
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.postgres",
    # Serves /api/docs with its own copy of Swagger UI instead of a CDN.
    "ninja",
    # Counts failed logins; see AXES_* below.
    "axes",
    # Content-Security-Policy header; see CONTENT_SECURITY_POLICY below.
    "csp",
    # Background jobs (imports): Django 6's task framework, backported, with
    # its database backend, so the embedded default needs no other service.
    "django_tasks",
    "django_tasks_db",
    "accounts",
    "speeches",
    "annotations",
    "search",
    "analysis",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # Before any view reads the request: 422 for text no database can store.
    "config.text_guard.UnstorableTextMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "config.middleware.ApiErrorMiddleware",
    # Inside LocaleMiddleware and AuthenticationMiddleware: the 405 page is a
    # page like the others, in the request's language, for the signed-in user.
    "config.not_allowed.MethodNotAllowedPageMiddleware",
    # Last, as django-axes asks: answers a locked-out login with 429.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "accounts.context_processors.roles",
            ],
        },
    },
]

WSGI_APPLICATION = "config.wsgi.application"

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL")
        or f"sqlite:///{BASE_DIR / 'var' / 'jianghua.sqlite3'}",
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers keep reading while an import writes; the busy timeout
    # waits for a writer instead of failing with "database is locked".
    # The file is memory-mapped (SQLite caps the map at 2 GB): a search reads
    # thousands of pages, each a read() and a copy otherwise (a checked
    # term at a million paragraphs: 130 -> 102 ms, docs/performance.md).
    DATABASES["default"]["OPTIONS"] = {
        "init_command": (
            "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA mmap_size=4000000000;"
        ),
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }
    DATABASES["default"]["CONN_MAX_AGE"] = 0

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Login throttling (django-axes): after AXES_FAILURE_LIMIT wrong passwords
# for one account (from anywhere), or from one address (for any accounts),
# logins are refused with 429 for AXES_COOLOFF_TIME; a success resets the
# account's count. The address is REMOTE_ADDR: behind a proxy, set the
# proxy to pass the client's address there.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "10"))
AXES_COOLOFF_TIME = datetime.timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"

# Content-Security-Policy (django-csp): the pages load scripts, styles,
# images and fonts from this site only, run no inline script or style
# attribute, and submit forms only here. The API's Swagger UI (/api/docs)
# and Django's admin are left out: both are third-party pages that set
# inline styles. tests/browser/test_csp.py opens the main pages in Chromium
# and fails on any console error.
CONTENT_SECURITY_POLICY = {
    "EXCLUDE_URL_PREFIXES": ["/api/docs", "/admin/"],
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    },
}

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", _("Simplified Chinese")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
# Counts grouped by three on Chinese pages too (config/formats/zh_Hans).
FORMAT_MODULE_PATH = ["config.formats"]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "var" / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
# Imports run as background jobs (speeches.services.jobs) in a worker process:
# ``manage.py db_worker`` (``make run`` starts one beside the server).
# TASKS_BACKEND names another django-tasks backend (the tests run jobs at
# once with django_tasks.backends.immediate.ImmediateBackend).
TASKS = {
    "default": {
        "BACKEND": os.environ.get("TASKS_BACKEND") or "django_tasks_db.DatabaseBackend",
    }
}

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "config.storage.StaticFilesStorage"},
    # Uploads held between the preview and the editor's confirmation
    # (speeches.services.pending): private files, never served.
    "pending_uploads": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {
            "location": BASE_DIR / "var" / "pending-uploads",
            "file_permissions_mode": 0o600,
            "directory_permissions_mode": 0o700,
        },
    },
}

# Uploads: the compilation limit is enforced by the parser; Django's own
# limit on request bodies must leave room for it plus the multipart envelope.
MAX_UPLOAD_BYTES = int(float(os.environ.get("MAX_UPLOAD_MB", "20")) * 1024 * 1024)
DATA_UPLOAD_MAX_MEMORY_SIZE = MAX_UPLOAD_BYTES + 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
# The upload preview posts a few fields per speech and one per section
# heading; a large compilation has thousands (Django's default is 1,000).
DATA_UPLOAD_MAX_NUMBER_FIELDS = 50_000

# Templates other apps add to pages of the speeches app (which must not
# import them): each is included with the page's context.
HOME_EXTENSIONS = ["annotations/_home.html"]
READER_EXTENSIONS = ["annotations/_reader.html", "analysis/_reader.html"]
# Their stylesheets, linked in the reader's <head>: Chromium stops parsing
# at a stylesheet linked in the body until it arrives, which held the page
# (and the scripts waiting for it) back by the time of one request
# (docs/performance.md, "The reader on a busy speech").
READER_STYLESHEETS = ["css/annotations.css"]
# Filters other apps add to search (search.extensions): dotted paths.
SEARCH_FILTERS = ["annotations.search_filters.ThemeSearchFilter"]
# What marks a search's words in the reader (?hl=); speeches does not import search.
READER_HIGHLIGHTS = "search.reader.search_highlights"

# Called when a structural edit moves text between paragraphs, so that what
# is attached to the text follows it (speeches.services.remap).
PARAGRAPH_REMAP_HANDLERS = ["annotations.remap.follow_text"]
# Called when a compilation is imported as a new version of another, so that
# annotations and comments move to it (speeches.services.remap.carry_to_new_version).
VERSION_HANDLERS = ["annotations.remap.follow_new_version", "analysis.follow.new_version"]
# Called with ``speech_ids=`` after a structural edit changed those speeches'
# paragraphs (speeches.services.remap.structure_changed): text volumes and
# coded spans kept per speech are recounted.
STRUCTURE_HANDLERS = ["analysis.follow.structure_changed"]
# Called with ``compilation_id=`` when an import job has written a compilation
# (speeches.services.jobs): apps above speeches queue their own work for it.
IMPORT_DONE_HANDLERS: list[str] = [
    "annotations.tasks.queue_rule_runs",
    "analysis.services.reuse.import_done",
]
# The shortest passage the text-reuse detection reports, in characters (analysis.services.reuse).
REUSE_MIN_CHARACTERS = 50

# Reading is for logged-in people unless the archive is meant to be public.
ANONYMOUS_READ = env_bool("ANONYMOUS_READ")

SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False  # the reader's JavaScript sends the token in a header
CSRF_FAILURE_VIEW = "config.csrf.csrf_failure"
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
if not DEBUG:
    SESSION_COOKIE_SECURE = env_bool("SECURE_COOKIES", True)
    CSRF_COOKIE_SECURE = env_bool("SECURE_COOKIES", True)
# Behind a proxy that ends TLS, requests reach Django as plain HTTP; only a
# proxy that sets (and never passes on a client's) X-Forwarded-Proto may be
# trusted, so this is off unless asked for. Links built from the request
# (exports' source URLs, redirects) then say https.
if env_bool("SECURE_PROXY_SSL_HEADER"):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# Off by default: without the header above, Django behind a TLS proxy would
# redirect every request to itself forever. The proxy may redirect instead.
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT")
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "0"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS")
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD")
SECURE_REFERRER_POLICY = os.environ.get("SECURE_REFERRER_POLICY", "same-origin")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {"jieba": {"level": "WARNING"}},
}
