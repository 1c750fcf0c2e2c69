"""Settings for Frivillig Helsingør.

Everything that differs between a laptop, CI and production is read from the environment through the small typed
helpers below. A bad value stops the process at start-up with a message naming the variable, rather than surfacing
later as a confusing error.
"""

import os
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

from celery.schedules import crontab
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent

TRUE_VALUES = {"1", "true", "yes", "on"}
FALSE_VALUES = {"0", "false", "no", "off", ""}


def envbool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    if value.strip().lower() in TRUE_VALUES:
        return True
    if value.strip().lower() in FALSE_VALUES:
        return False
    raise ImproperlyConfigured(f"{name} must be one of true/false/1/0/yes/no/on/off, not {value!r}.")


def envint(name: str, default: int) -> int:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    try:
        return int(value)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {value!r}.") from None


def envstr(name: str, default: str = "") -> str:
    return os.environ.get(name, default)


def envlist(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in envstr(name, default).split(",") if item.strip()]


def envurl(name: str, schemes: set[str], default: str = "") -> str:
    """Return the URL in `name`, checking that it is one this project knows how to use."""
    value = envstr(name, default).strip()
    if value and urlsplit(value).scheme not in schemes:
        allowed = ", ".join(sorted(schemes))
        raise ImproperlyConfigured(f"{name} must be a URL starting with one of {allowed}, not {value!r}.")
    return value


# The directory finds an association when a word of its name is at least this similar to the search (0..1):
# "forening" scores 0.67 against "Skakforeningen" and "fodboldklub" 0.58 against "Tikøb Fodbold", which full-text
# search cannot find because Danish compounds are not split. The search uses pg_trgm's `%>` operator so that the
# trigram index serves it, and the operator reads its threshold from this server setting (0.6 unless set), so every
# connection sets it.
WORD_SIMILARITY_THRESHOLD = 0.5


def database_from_url(url: str) -> dict:
    """Translate postgres://user:password@host:port/name?sslmode=... into a DATABASES entry."""
    parts = urlsplit(url)
    if not parts.path.strip("/"):
        raise ImproperlyConfigured("DATABASE_URL must name a database, for example postgres://user@host/portal.")
    options = {key: values[-1] for key, values in parse_qs(parts.query).items()}
    server_settings = f"-c pg_trgm.word_similarity_threshold={WORD_SIMILARITY_THRESHOLD}"
    options["options"] = f"{options['options']} {server_settings}" if options.get("options") else server_settings
    # A database that does not answer fails a request (and /healthz) within seconds instead of hanging it; libpq
    # waits at least two seconds whatever is set.
    options.setdefault("connect_timeout", "2")
    return {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": unquote(parts.path.strip("/")),
        "USER": unquote(parts.username or ""),
        "PASSWORD": unquote(parts.password or ""),
        "HOST": parts.hostname or "",
        "PORT": str(parts.port or ""),
        "CONN_MAX_AGE": envint("DATABASE_CONN_MAX_AGE", 60),
        "CONN_HEALTH_CHECKS": True,
        "OPTIONS": options,
    }


def mailer_from_url(url: str) -> dict:
    """Translate smtp://user:password@host:port (STARTTLS) or smtps:// (implicit TLS) into a MAILERS entry."""
    parts = urlsplit(url)
    implicit_tls = parts.scheme == "smtps"
    return {
        "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "OPTIONS": {
            "host": parts.hostname or "localhost",
            "port": parts.port or (465 if implicit_tls else 587),
            "username": unquote(parts.username or ""),
            "password": unquote(parts.password or ""),
            "use_ssl": implicit_tls,
            "use_tls": not implicit_tls and parse_qs(parts.query).get("starttls", ["true"])[-1] != "false",
            "timeout": 20,
        },
    }


DEBUG = envbool("DJANGO_DEBUG", False)

SECRET_KEY = envstr("DJANGO_SECRET_KEY")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "DJANGO_SECRET_KEY must be set when DJANGO_DEBUG is off "
            "(generate one with: python -c 'import secrets; print(secrets.token_urlsafe(50))')."
        )
    SECRET_KEY = "django-insecure-development-only-key-do-not-use-in-production"

SITE_URL = envurl("SITE_URL", {"http", "https"}, "http://127.0.0.1:8000").rstrip("/")
ALLOWED_HOSTS = envlist("DJANGO_ALLOWED_HOSTS", "127.0.0.1,localhost" if DEBUG else "")
if not ALLOWED_HOSTS:
    ALLOWED_HOSTS = [urlsplit(SITE_URL).hostname]
CSRF_TRUSTED_ORIGINS = [SITE_URL]
CSRF_FAILURE_VIEW = "portal.views.csrf_failure"

INSTALLED_APPS = [
    "portal",
    "associations",
    "facilities",
    "grants",
    "advisory",
    "recognition",
    "dialogue",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.postgres",
    "django.forms",
    "allauth",
    "allauth.account",
    "allauth.mfa",
]

MIDDLEWARE = [
    "portal.observability.RequestObservationMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "portal.middleware.private_responses_not_stored",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "portal.staff_mfa.StaffSecondFactorMiddleware",
    "portal.middleware.RejectControlCharacters",
]

ROOT_URLCONF = "portal.urls"
WSGI_APPLICATION = "portal.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.template.context_processors.csp",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "portal.context_processors.portal",
            ],
        },
    },
    {
        # Plain-text mails: the same templates, but nothing is HTML-escaped ("Tom & Jerry" stays as written).
        "NAME": "text",
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {"autoescape": False},
    },
]

FORM_RENDERER = "portal.forms_renderer.FormRenderer"

# Database: Postgres in production and CI, an embedded SQLite file otherwise so that `make run` needs nothing else.
DATABASE_URL = envurl("DATABASE_URL", {"postgres", "postgresql"})
if DATABASE_URL:
    DATABASES = {"default": database_from_url(DATABASE_URL)}
else:
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": BASE_DIR / "var" / "portal.sqlite3",
            "OPTIONS": {"init_command": "PRAGMA journal_mode=WAL;", "transaction_mode": "IMMEDIATE"},
        }
    }
    # The activity calendar's covering indexes carry extra columns for Postgres; SQLite builds them without.
    SILENCED_SYSTEM_CHECKS = ["models.W040"]
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Redis is the cache (allauth's rate limits count failed logins there, so it must be shared between processes) and
# the Celery broker. Without it the portal keeps a per-process cache and runs tasks in-process after commit.
REDIS_URL = envurl("REDIS_URL", {"redis", "rediss"})
# Seconds to wait for Redis to connect or answer: an unreachable Redis must fail a request's cache call quickly, so
# that the page is served without it rather than after a long wait.
REDIS_TIMEOUT = 1
if REDIS_URL:
    CACHES = {
        "default": {
            # Rate-limit counters keep counting in each process while Redis is down (portal/counter_cache.py).
            "BACKEND": "portal.counter_cache.CounterFallbackCache",
            "INNER_BACKEND": "portal.cache.RedisCache",
            "LOCATION": REDIS_URL,
            "OPTIONS": {"socket_connect_timeout": REDIS_TIMEOUT, "socket_timeout": REDIS_TIMEOUT},
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# Sessions are read from Redis and written through to the database (one query less on every signed-in page); while
# Redis is down they are read from the database alone (portal/sessions.py). A per-process cache cannot hold them: a
# sign-out in one process would not reach the others.
SESSION_ENGINE = "portal.sessions" if REDIS_URL else "django.contrib.sessions.backends.db"

# Pages for visitors who are not signed in are kept this many seconds (portal/page_cache.py). Without a shared cache
# the default is off: a per-process cache would not hear of changes made by other processes.
PAGE_CACHE_SECONDS = envint("PAGE_CACHE_SECONDS", 60 if REDIS_URL else 0)

CELERY_BROKER_URL = REDIS_URL or "memory://"
CELERY_TASK_ALWAYS_EAGER = not REDIS_URL
CELERY_TASK_EAGER_PROPAGATES = False
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# A web request that enqueues a task must not hang on a broker that does not answer (portal/queue.py leaves the task
# to the outbox sweep instead).
CELERY_BROKER_CONNECTION_TIMEOUT = REDIS_TIMEOUT
CELERY_BROKER_TRANSPORT_OPTIONS = {"socket_connect_timeout": REDIS_TIMEOUT}
CELERY_TASK_PUBLISH_RETRY_POLICY = {"max_retries": 1, "interval_start": 0, "interval_step": 0.2, "interval_max": 0.2}
CELERY_TIMEZONE = "Europe/Copenhagen"
CELERY_BEAT_SCHEDULE = {
    "notifications-sweep": {"task": "portal.tasks.notifications_sweep", "schedule": 300.0},
    "notifications-digest": {
        "task": "portal.tasks.notifications_send_digests",
        "schedule": crontab(hour=7, minute=0),
    },
    # Deadline reminders are written before the 07:00 digest, so people who chose a daily digest get them the same
    # day; a missed run is caught up by the next one.
    "grants-send-reminders": {"task": "grants.tasks.reminders_send", "schedule": crontab(hour=6, minute=30)},
    "advisory-reminders": {"task": "advisory.tasks.advice_requests_remind", "schedule": crontab(minute=10)},
    "facilities-booking-reminders": {
        "task": "facilities.tasks.booking_reminders_send",
        "schedule": crontab(hour=10, minute=0),
    },
}

AUTH_USER_MODEL = "portal.User"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "min-side"

ACCOUNT_ADAPTER = "portal.adapters.AccountAdapter"
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_SIGNUP_FORM_CLASS = "portal.forms.SignupForm"
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_CHANGE_EMAIL = True
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_PRESERVE_USERNAME_CASING = False
ACCOUNT_EMAIL_SUBJECT_PREFIX = "Frivillig Helsingør: "
ACCOUNT_RATE_LIMITS = {
    # Five failed logins for one account within five minutes lock that account out for the rest of the window.
    "login_failed": "10/m/ip,5/300s/key",
    # Forms anyone may send that mail a typed address are limited per client address and per address, as the
    # portal's own forms are (portal/throttle.py); a refused request sends nothing.
    "signup": "10/h/ip",
    "reset_password": "5/h/ip,3/d/key",
    # The verification mail, or at sign-up with an address that has an account already, the note saying so: at most
    # one a day per address, so that signing up a stranger again and again mails them once.
    "confirm_email": "1/d/key",
}
# A password reset for an address without an account mails nobody (the page looks the same, so it reveals nothing).
ACCOUNT_EMAIL_UNKNOWN_ACCOUNTS = False
# Rate limits count per client address; behind N reverse proxies the address is the Nth from the right in
# X-Forwarded-For. Leave at 0 when nothing sits in front of gunicorn.
ALLAUTH_TRUSTED_PROXY_COUNT = envint("DJANGO_TRUSTED_PROXY_COUNT", 0)
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
# Staff open the admin only after a second factor in the same session (portal/staff_mfa.py).
STAFF_REQUIRE_MFA = envbool("STAFF_REQUIRE_MFA", True)
MFA_TOTP_ISSUER = "Frivillig Helsingør"
# A code from the previous or next 30-second step is accepted too: phone clocks drift, and a code typed just as it
# changes should not be refused. allauth still lets each code be used only once.
MFA_TOTP_TOLERANCE = 1

LANGUAGE_CODE = "da"
LANGUAGES = [("da", _("Danish")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
# One date and time style per language, for pages, mails and the admin alike (portal/formats/<language>/formats.py).
FORMAT_MODULE_PATH = ["portal.formats"]
TIME_ZONE = "Europe/Copenhagen"
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "var" / "static"
STATICFILES_DIRS = [
    BASE_DIR / "static",
    ("dkfds", BASE_DIR / "node_modules" / "dkfds" / "dist"),
    ("htmx", BASE_DIR / "node_modules" / "htmx.org" / "dist"),
    ("leaflet", BASE_DIR / "node_modules" / "leaflet" / "dist"),
    ("swagger-ui", BASE_DIR / "node_modules" / "swagger-ui-dist"),
]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(envstr("MEDIA_ROOT", str(BASE_DIR / "var" / "media")))
# Private uploads (grant attachments, advice messages) live outside MEDIA_ROOT and are only served by views that
# check who is asking.
PRIVATE_MEDIA_ROOT = Path(envstr("PRIVATE_MEDIA_ROOT", str(BASE_DIR / "var" / "private")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024

EMAIL_URL = envurl("EMAIL_URL", {"smtp", "smtps"})
if EMAIL_URL:
    MAILERS = {"default": mailer_from_url(EMAIL_URL)}
elif DEBUG:
    MAILERS = {"default": {"BACKEND": "django.core.mail.backends.console.EmailBackend"}}
else:
    raise ImproperlyConfigured("EMAIL_URL must be set when DJANGO_DEBUG is off, for example smtp://user:pw@host:587.")
DEFAULT_FROM_EMAIL = envstr("DEFAULT_FROM_EMAIL", "Frivillig Helsingør <frivillig@example.org>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Security. Everything that does not break plain-http development is always on; the rest follows DJANGO_DEBUG.
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF],
    # OpenStreetMap's tiles for the facility map (Leaflet); the page works without them.
    "img-src": [CSP.SELF, "data:", "https://tile.openstreetmap.org"],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "form-action": [CSP.SELF],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.NONE],
    "frame-ancestors": [CSP.NONE],
}
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = not DEBUG
CSRF_COOKIE_SECURE = not DEBUG
SECURE_SSL_REDIRECT = envbool("DJANGO_SECURE_SSL_REDIRECT", not DEBUG)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = 0 if DEBUG else 365 * 24 * 3600
SECURE_HSTS_INCLUDE_SUBDOMAINS = not DEBUG
SECURE_HSTS_PRELOAD = not DEBUG
# A load balancer and Prometheus may ask gunicorn directly over plain http inside the network.
SECURE_REDIRECT_EXEMPT = [r"^healthz$", r"^metrics$"]

# Errors are reported to Sentry or GlitchTip when SENTRY_DSN is set (portal/sentry.py); nothing personal is sent.
SENTRY_DSN = envurl("SENTRY_DSN", {"http", "https"})
if SENTRY_DSN:
    from portal.sentry import sentry_init

    sentry_init(
        dsn=SENTRY_DSN,
        environment=envstr("SENTRY_ENVIRONMENT", "production"),
        release=envstr("SENTRY_RELEASE"),
    )

# Prometheus metrics at /metrics (portal/metrics.py), for a scraper that sends "Authorization: Bearer <token>" or
# comes from one of the addresses or networks listed; with neither set, /metrics does not exist.
METRICS_TOKEN = envstr("METRICS_TOKEN")
METRICS_ALLOWED_IPS = envlist("METRICS_ALLOWED_IPS")

# /healthz reports an error once an immediate notification has waited this long unsent (mail is down or stuck).
HEALTHZ_OUTBOX_MAX_AGE = envint("HEALTHZ_OUTBOX_MAX_AGE", 3600)

# Log lines as plain text, or as one JSON object per line for a log collector (portal/observability.py). Every
# request is logged once, with its view, status and duration, so gunicorn's access log is not needed.
LOG_FORMAT = envstr("LOG_FORMAT", "text")
if LOG_FORMAT not in {"text", "json"}:
    raise ImproperlyConfigured(f"LOG_FORMAT must be text or json, not {LOG_FORMAT!r}.")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "text": {
            "class": "portal.observability.TextFormatter",
            "format": "%(asctime)s %(levelname)s %(name)s %(message)s",
        },
        "json": {"class": "portal.observability.JsonFormatter"},
    },
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": LOG_FORMAT}},
    "root": {"handlers": ["console"], "level": envstr("LOG_LEVEL", "INFO")},
    "loggers": {"django.db.backends": {"level": "INFO"}},
}
