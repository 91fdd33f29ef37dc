"""Coreflect's one settings module, driven by the environment.

Every value that can come from the environment is read through the small helpers below,
which refuse a bad value at start-up with the variable's name rather than failing later.
"""

import ipaddress
import os
import secrets
import tempfile
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("COREFLECT_VAR_DIR", BASE_DIR / "var"))

TRUE_WORDS = {"1", "true", "yes", "on"}
FALSE_WORDS = {"0", "false", "no", "off", ""}


def envbool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    lowered = value.strip().lower()
    if lowered in TRUE_WORDS:
        return True
    if lowered in FALSE_WORDS:
        return False
    raise ImproperlyConfigured(f"{name} must be one of {sorted(TRUE_WORDS | FALSE_WORDS - {''})}, not {value!r}")


def envint(name: str, default: int, minimum: int = 0) -> int:
    value = os.environ.get(name)
    if value is None or value.strip() == "":
        return default
    try:
        number = int(value)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {value!r}") from None
    if number < minimum:
        raise ImproperlyConfigured(f"{name} must be at least {minimum}, not {number}")
    return number


def envlist(name: str, default: list[str]) -> list[str]:
    value = os.environ.get(name)
    if value is None:
        return default
    return [item.strip() for item in value.split(",") if item.strip()]


def private_file(path: Path) -> Path:
    """A file only the service's own user may read or write: made so when missing (an empty file is an empty
    SQLite database), and put right when an earlier version left it readable by others. SQLite gives its
    -wal and -shm files the database file's permissions."""
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    if not path.exists():
        os.close(os.open(path, os.O_CREAT | os.O_WRONLY, 0o600))
    elif path.stat().st_mode & 0o077:
        path.chmod(path.stat().st_mode & 0o700)
    return path


def secret_key() -> str:
    """SECRET_KEY from the environment, or one generated once and kept under var/."""
    if key := os.environ.get("SECRET_KEY"):
        return key
    path = VAR_DIR / "secret_key"
    if not path.exists():
        VAR_DIR.mkdir(parents=True, exist_ok=True)
        path.write_text(secrets.token_urlsafe(50))
        path.chmod(0o600)
    return path.read_text().strip()


DEBUG = envbool("DEBUG", False)
SECRET_KEY = secret_key()
ALLOWED_HOSTS = envlist("ALLOWED_HOSTS", ["localhost", "127.0.0.1", "[::1]"])
CSRF_TRUSTED_ORIGINS = envlist("CSRF_TRUSTED_ORIGINS", [])
# Without SITE_URL, links in emails point at this machine on the port the service was started on.
SITE_URL = os.environ.get("SITE_URL", f"http://127.0.0.1:{envint('PORT', 8000, minimum=1)}").rstrip("/")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.humanize",  # django-allauth's MFA pages use it
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.forms",
    "csp",
    "django_tasks",
    "django_tasks_db",
    "django_ratelimit",
    "coreflect.accounts",
    "coreflect.audit",
    "coreflect.organisations",
    "coreflect.language",
    "coreflect.frameworks",
    "coreflect.reflections",
    "coreflect.results",
    "coreflect.actions",
    "coreflect.workshops",
    "coreflect.exports",
    "coreflect.demo",
    "coreflect.backups",
    # After Coreflect's apps, so Coreflect's account/ and mfa/ templates are found before allauth's own.
    "allauth",
    "allauth.account",
    "allauth.mfa",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "coreflect.accounts.middleware.NoStoreMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "coreflect.audit.middleware.ActorMiddleware",
    "coreflect.accounts.middleware.IdleTimeoutMiddleware",
    "coreflect.organisations.middleware.CurrentOrganisationMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "coreflect.organisations.mfa.MfaRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "coreflect.urls"
WSGI_APPLICATION = "coreflect.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "coreflect" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "coreflect.context_processors.service",
            ],
            "builtins": ["coreflect.templatetags.govuk"],
        },
    }
]
FORM_RENDERER = "coreflect.forms.GovukFormRenderer"

# Database: SQLite under var/ by default; PostgreSQL (or another) when DATABASE_URL is set.
if database_url := os.environ.get("DATABASE_URL"):
    try:
        DATABASES = {"default": dj_database_url.parse(database_url)}
    except ValueError as error:
        raise ImproperlyConfigured(f"DATABASE_URL is not a database address Coreflect understands: {error}") from None
    if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
        # A pool per process: a burst of requests waits briefly for a connection instead of
        # exceeding the server's connection limit ("too many clients").
        DATABASES["default"].setdefault("OPTIONS", {})["pool"] = {
            "min_size": 1,
            "max_size": envint("DATABASE_POOL_SIZE", 20, minimum=1),
            "timeout": envint("DATABASE_POOL_TIMEOUT", 30, minimum=1),
        }
else:
    VAR_DIR.mkdir(parents=True, exist_ok=True)
    sqlite_path = os.environ.get("SQLITE_PATH", str(VAR_DIR / "coreflect.sqlite3"))
    if sqlite_path != ":memory:" and not sqlite_path.startswith("file:"):
        sqlite_path = str(private_file(Path(sqlite_path)))
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": sqlite_path,
            # WAL lets readers carry on while one writer writes; IMMEDIATE takes the write lock at the
            # start of a transaction, so concurrent writers queue (up to `timeout` seconds) instead of
            # failing half-way with "database is locked".
            "OPTIONS": {
                "transaction_mode": "IMMEDIATE",
                "timeout": 20,
                "init_command": (
                    "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; "
                    "PRAGMA foreign_keys=ON; PRAGMA busy_timeout=20000;"
                ),
            },
            # Keep each worker's connection open between requests: opening one re-runs the PRAGMAs.
            "CONN_MAX_AGE": envint("DATABASE_CONN_MAX_AGE", 60),
            # A file (not Django's in-memory default) so the live server's threads and concurrent
            # writers share one database as they do in production; one per test process, so two
            # test runs on one machine never share it.
            "TEST": {
                "NAME": os.environ.get(
                    "SQLITE_TEST_PATH", str(Path(tempfile.gettempdir()) / f"coreflect-test-{os.getpid()}.sqlite3")
                )
            },
        }
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# A cache every app process shares, for limits such as wrong workshop codes (django-ratelimit): a table in
# the database (`manage.py createcachetable`, run by `make`), so several processes count together with
# nothing more to install. Its entries carry no IP address in clear (the limit hashes its keys).
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "coreflect_cache",
        # Django's default (300 entries, then a third deleted in key order) would let someone trying many
        # addresses push the limits' own counts out of the cache; expired entries are still cleared.
        "OPTIONS": {"MAX_ENTRIES": 1_000_000},
    }
}
# The database cache adds one to a count by reading and writing it: two wrong tries at the same instant
# from one client may count once. A limit of 10 in 5 minutes against 148 million codes leaves guessing
# hopeless either way (docs/decisions/0007-workshops.md).
SILENCED_SYSTEM_CHECKS = ["django_ratelimit.E003", "django_ratelimit.W001"]

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = ["allauth.account.auth_backends.AuthenticationBackend"]
LOGIN_URL = "accounts:sign-in"
LOGIN_REDIRECT_URL = "organisations:dashboard"
LOGOUT_REDIRECT_URL = "home"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
PASSWORD_RESET_TIMEOUT = 60 * 60 * 3

# Signing in, password reset and MFA: django-allauth's settings, in a module of their own.
from coreflect.sign_in_settings import *  # noqa: E402, F403

# WebAuthn needs HTTPS, except on this machine while developing.
MFA_WEBAUTHN_ALLOW_INSECURE_ORIGIN = DEBUG

# Signed-in sessions end after this many minutes without a request (a warning shows 2 minutes before), and
# after this many hours whatever the activity.
SESSION_IDLE_MINUTES = envint("SESSION_IDLE_MINUTES", 30, minimum=5)
SESSION_LIFETIME_HOURS = envint("SESSION_LIFETIME_HOURS", 12, minimum=1)
SESSION_COOKIE_AGE = SESSION_IDLE_MINUTES * 60
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"

# Background work (invitation emails, reminders, large exports): a database queue that
# `manage.py db_worker` works through. COREFLECT_TASKS=immediate runs tasks in the request instead.
TASKS = {
    "default": {
        "BACKEND": (
            "django_tasks.backends.immediate.ImmediateBackend"
            if os.environ.get("COREFLECT_TASKS") == "immediate"
            else "django_tasks_db.DatabaseBackend"
        )
    }
}

# How long the audit trail keeps an event (coreflect/audit): two years by default.
AUDIT_RETENTION_DAYS = envint("AUDIT_RETENTION_DAYS", 730, minimum=30)

# Where `manage.py backup` writes its dated copies unless told otherwise.
BACKUP_DIR = Path(os.environ.get("BACKUP_DIR", str(VAR_DIR / "backups")))

# Invitations to join an organisation.
INVITATION_DAYS = envint("INVITATION_DAYS", 14, minimum=1)

# Email: sent through an SMTP server when one is configured, or through the backend EMAIL_BACKEND names.
# Printing emails to the console is for development only: with DEBUG off and neither set, the service
# refuses to start (coreflect/accounts/checks.py), since it would write password reset links to its log.
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Coreflect <noreply@coreflect.localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
FEEDBACK_EMAIL = os.environ.get("FEEDBACK_EMAIL", "feedback@coreflect.localhost")
if EMAIL_HOST := os.environ.get("EMAIL_HOST", ""):
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_PORT = envint("EMAIL_PORT", 587, minimum=1)
    EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
    EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
    EMAIL_USE_TLS = envbool("EMAIL_USE_TLS", True)
    EMAIL_TIMEOUT = envint("EMAIL_TIMEOUT", 20, minimum=1)
else:
    EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "").strip() or EMAIL_BACKEND
EMAIL_CONFIGURED = bool(EMAIL_HOST or os.environ.get("EMAIL_BACKEND", "").strip())

LANGUAGE_CODE = "en-gb"
LOCALE_PATHS = [BASE_DIR / "coreflect" / "locale"]
# A language is offered only once the service is translated into it, so a browser set to Welsh is not told
# an English page is Welsh (<html lang="cy">).
# English at the plain address, Welsh under /cy/ (coreflect/urls.py). Each app keeps its own catalogue
# (coreflect/<app>/locale/); LOCALE_PATHS holds the project's templates' strings and what Django's own Welsh
# catalogue lacks.
LANGUAGES = [("en-gb", _("English")), ("cy", _("Welsh"))]
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
# build/static holds what the setup command compiles and copies from node_modules (never committed).
STATICFILES_DIRS = [BASE_DIR / "coreflect" / "static", BASE_DIR / "build" / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if envbool("STATIC_MANIFEST", not DEBUG)
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}
WHITENOISE_USE_FINDERS = envbool("WHITENOISE_USE_FINDERS", DEBUG)

# Security headers. HTTPS settings default on outside DEBUG; a deployment behind a TLS proxy sets
# SECURE_PROXY_SSL_HEADER via TRUST_X_FORWARDED_PROTO.
SECURE_SSL_REDIRECT = envbool("SECURE_SSL_REDIRECT", not DEBUG)
SESSION_COOKIE_SECURE = envbool("SECURE_COOKIES", not DEBUG)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SECURE_HSTS_SECONDS = envint("SECURE_HSTS_SECONDS", 0 if DEBUG else 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = envbool("SECURE_HSTS_INCLUDE_SUBDOMAINS", not DEBUG)
SECURE_HSTS_PRELOAD = envbool("SECURE_HSTS_PRELOAD", not DEBUG)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# The proxies in front of the service, whose X-Forwarded-For is believed when the limits on guessing
# count a client (coreflect/accounts/addresses.py). Empty: the connecting address is the client.
TRUSTED_PROXIES = envlist("TRUSTED_PROXIES", [])
for _proxy in TRUSTED_PROXIES:
    try:
        ipaddress.ip_network(_proxy, strict=False)
    except ValueError:
        raise ImproperlyConfigured(
            f"TRUSTED_PROXIES must list IP addresses or networks such as 10.0.0.0/8, not {_proxy!r}"
        ) from None
if envbool("TRUST_X_FORWARDED_PROTO", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    }
}

# Private links carry tokens in their paths, and Django logs the path of every 4xx and 5xx answer: every
# handler hides them (coreflect/logs.py). Django's own default handlers are replaced by ours, so none
# writes without the filter.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"hide_tokens": {"()": "coreflect.logs.HideTokens"}},
    "formatters": {
        "django.server": {"()": "django.utils.log.ServerFormatter", "format": "[{server_time}] {message}", "style": "{"}
    },
    "handlers": {
        "console": {"class": "logging.StreamHandler", "filters": ["hide_tokens"]},
        "django.server": {"class": "logging.StreamHandler", "formatter": "django.server", "filters": ["hide_tokens"]},
    },
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {
        "django": {"handlers": [], "level": "INFO"},
        "django.server": {"handlers": ["django.server"], "level": "INFO", "propagate": False},
        "django.db.backends": {"level": "INFO"},
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
    },
}
