"""Mura settings. Everything that varies between machines comes from the environment (see README)."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlparse

from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from portal.env import (
    env_bool,
    env_db,
    env_email,
    env_int,
    env_list,
    env_str,
    env_timezone,
    env_url,
)

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(env_str("MURA_VAR_DIR", str(BASE_DIR / "var")))
# pytest-xdist runs the suite in several processes at once: each gets a scratch directory of its own (uploads,
# the filesystem broker, worker logs), and the worker processes a test starts inherit it.
if _xdist_worker := env_str("PYTEST_XDIST_WORKER"):
    VAR_DIR = VAR_DIR / _xdist_worker

DEBUG = env_bool("DEBUG", True)

SECRET_KEY = env_str("SECRET_KEY")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off.")
    SECRET_KEY = "django-insecure-mura-development-only-key-do-not-use-in-production"

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "testserver"] if DEBUG else [])
if not DEBUG and not ALLOWED_HOSTS:
    raise ImproperlyConfigured("ALLOWED_HOSTS must be set when DEBUG is off.")

PORTAL_BASE_URL = env_url("PORTAL_BASE_URL", "http://127.0.0.1:8000", schemes=("http", "https")).rstrip("/")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [PORTAL_BASE_URL])

# Tests that need PostgreSQL, Redis or a worker skip without them, unless this is set (CI sets it).
REQUIRE_SERVICES = env_bool("REQUIRE_SERVICES", False)

INSTALLED_APPS = [
    # django.contrib.sites is deliberately absent: allauth does not need it and our app is called `sites`.
    "portal.admin_apps.MuraAdminConfig",  # django.contrib.admin with Mura's site: allauth login, staff MFA
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "django_filters",
    "django_htmx",
    "rules",  # {% load rules %}
    "simple_history",
    "csp",
    "portal",
    "documents",
    "sites",
    "seminars",
    "recommendations",
    "reminders",
    "reports",
    "zones",
    "works",
    "api",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "portal.middleware.IdleSessionMiddleware",  # Django's SessionMiddleware, saving at most every few minutes
    "django.middleware.locale.LocaleMiddleware",
    # ?lang=, problem details, ETags and CORS under /api/ and /data/ (and no language cookie on those answers)
    "api.middleware.ApiMiddleware",
    "portal.middleware.LanguageFromLinkMiddleware",  # ?lang= on links in e-mails
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "portal.auth.CachedAuthenticationMiddleware",  # Django's, with the user and their roles from the cache
    "django.contrib.messages.middleware.MessageMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "portal.middleware.ContentSecurityPolicyMiddleware",  # django-csp's, with the policy built once
    "allauth.account.middleware.AccountMiddleware",
    "portal.middleware.StaffMFAMiddleware",
    "portal.middleware.PrivateAccountPagesMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
]

ROOT_URLCONF = "portal.urls"
CSRF_FAILURE_VIEW = "portal.errors.csrf_failure"
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
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "portal.context_processors.portal",
            ],
        },
    },
]

# Database: SQLite under var/ unless DATABASE_URL says otherwise.
DATABASES = {"default": env_db("DATABASE_URL", f"sqlite:///{VAR_DIR / 'mura.sqlite3'}")}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # The web process, the worker and beat share the file: wait for locks and take them up front.
    DATABASES["default"]["OPTIONS"] = {
        "timeout": 30,
        "transaction_mode": "IMMEDIATE",
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
else:
    DATABASES["default"]["CONN_MAX_AGE"] = env_int("DATABASE_CONN_MAX_AGE", 60, minimum=0)
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
DATABASES["default"]["ATOMIC_REQUESTS"] = False
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Redis carries Celery messages and the shared cache. Without it: kombu's filesystem broker under var/.
REDIS_URL = env_url("REDIS_URL", None, schemes=("redis", "rediss"))
# The cache belongs in a Redis of its own (or at least a database of its own) with a memory limit and an
# eviction policy, so that filling it can never block the broker (README, "Redis in production").
CACHE_URL = env_url("CACHE_URL", REDIS_URL, schemes=("redis", "rediss"))
if CACHE_URL:
    CACHES = {
        "default": {
            "BACKEND": "portal.cache.RedisCache",  # Django's, reusing one redis-py client per pool
            "LOCATION": CACHE_URL,
            "KEY_PREFIX": env_str("CACHE_KEY_PREFIX", "mura"),
            "TIMEOUT": 300,
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(VAR_DIR / "cache"),
            "TIMEOUT": 300,
        }
    }

CELERY_BROKER_URL = REDIS_URL or "filesystem://"
CELERY_BROKER_DIR = VAR_DIR / "broker"
if not REDIS_URL:
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "data_folder_in": str(CELERY_BROKER_DIR / "queue"),
        "data_folder_out": str(CELERY_BROKER_DIR / "queue"),
        "control_folder": str(CELERY_BROKER_DIR / "control"),
        "store_processed": False,
    }
else:
    # A broker that is down must not hang a web request: give up connecting quickly.
    CELERY_BROKER_TRANSPORT_OPTIONS = {"socket_connect_timeout": 2, "socket_timeout": 5}
CELERY_BROKER_CONNECTION_TIMEOUT = 2
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_TASK_DEFAULT_QUEUE = env_str("CELERY_DEFAULT_QUEUE", "celery")
CELERY_TASK_SERIALIZER = "json"
CELERY_RESULT_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TASK_IGNORE_RESULT = True
CELERY_TASK_TIME_LIMIT = env_int("CELERY_TASK_TIME_LIMIT", 300, minimum=1)
CELERY_TASK_SOFT_TIME_LIMIT = env_int("CELERY_TASK_SOFT_TIME_LIMIT", 240, minimum=1)
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TIMEZONE = None  # set below from TIME_ZONE
CELERY_BEAT_SCHEDULE_FILENAME = str(VAR_DIR / "celerybeat-schedule")

# E-mail: files under var/mail/ unless EMAIL_URL says otherwise (smtp://user:pass@host:587 etc.).
_email = env_email("EMAIL_URL", f"filemail://{VAR_DIR / 'mail'}")
EMAIL_BACKEND = _email["EMAIL_BACKEND"]
EMAIL_HOST = _email.get("EMAIL_HOST") or "localhost"
EMAIL_PORT = _email.get("EMAIL_PORT") or 25
EMAIL_HOST_USER = _email.get("EMAIL_HOST_USER") or ""
EMAIL_HOST_PASSWORD = _email.get("EMAIL_HOST_PASSWORD") or ""
EMAIL_USE_TLS = _email.get("EMAIL_USE_TLS", False)
EMAIL_USE_SSL = _email.get("EMAIL_USE_SSL", False)
EMAIL_FILE_PATH = _email.get("EMAIL_FILE_PATH") or str(VAR_DIR / "mail")
EMAIL_TIMEOUT = env_int("EMAIL_TIMEOUT", 20, minimum=1)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "Mura <noreply@mura.example.org>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Accounts: e-mail login, no open sign-up (see portal.adapters).
AUTH_USER_MODEL = "portal.User"
AUTHENTICATION_BACKENDS = [
    "portal.permissions.RulesBackend",  # the portal's rules (django-rules, see portal.permissions)
    "django.contrib.auth.backends.ModelBackend",  # model permissions of staff in the admin
    "allauth.account.auth_backends.AuthenticationBackend",
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "home"
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_EMAIL_VERIFICATION = "none"
ACCOUNT_ADAPTER = "portal.adapters.AccountAdapter"
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_SESSION_REMEMBER = None
ACCOUNT_PASSWORD_RESET_BY_CODE_ENABLED = False
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[Mura] "
ACCOUNT_DEFAULT_HTTP_PROTOCOL = "https" if PORTAL_BASE_URL.startswith("https") else "http"
ACCOUNT_RATE_LIMITS = {
    # Failed log-ins: 10 a minute per IP, 5 per five minutes per account.
    "login_failed": "10/m/ip,5/5m/key",
    "reset_password": "20/m/ip,5/m/key",
    "reset_password_from_key": "20/m/ip",
}
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "Mura"
# Accounts are created by admins (no sign-up), so their addresses are trusted; allauth's check for
# unverified addresses would otherwise stop staff from the TOTP setup they are required to do.
MFA_ALLOW_UNVERIFIED_EMAIL = True
# A wrong TOTP code after the rate limit is spent answers 429 like the password step (see portal.mfa).
MFA_FORMS = {"authenticate": "portal.mfa.AuthenticateForm", "reauthenticate": "portal.mfa.ReauthenticateForm"}
# Behind a proxy every client has the proxy's address: count the proxies that append X-Forwarded-For,
# so that the per-IP limits see the real client (0: use REMOTE_ADDR; never more than really exist).
ALLAUTH_TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 0, minimum=0)
REQUIRE_STAFF_MFA = env_bool("REQUIRE_STAFF_MFA", not DEBUG)

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Internationalisation: Kazakh, Russian, English. URLs carry no language prefix.
LANGUAGE_CODE = "en"
LANGUAGES = [("kk", _("Kazakh")), ("ru", _("Russian")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = env_timezone("TIME_ZONE", "Asia/Almaty")
CELERY_TIMEZONE = TIME_ZONE
USE_I18N = True
USE_TZ = True
LANGUAGE_COOKIE_NAME = "mura_language"
# Django has no Kazakh date/number formats: ours are in portal/formats/kk/formats.py.
FORMAT_MODULE_PATH = ["portal.formats"]

STATIC_URL = "/static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = VAR_DIR / "staticfiles"
STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # whitenoise warns (an error under pytest) when it is missing
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}
MEDIA_ROOT = VAR_DIR / "media"

# Attachments (documents/): a directory under var/, or S3-compatible object storage (django-storages) when a
# bucket is named. Never served from a public URL: every download goes through a permission-checked view.
DOCUMENTS_S3_BUCKET = env_str("DOCUMENTS_S3_BUCKET")
if DOCUMENTS_S3_BUCKET:
    STORAGES["documents"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": DOCUMENTS_S3_BUCKET,
            "endpoint_url": env_url("DOCUMENTS_S3_ENDPOINT_URL", None, schemes=("http", "https")),
            "region_name": env_str("DOCUMENTS_S3_REGION"),
            # None: boto3's own chain (AWS_ACCESS_KEY_ID..., an instance role).
            "access_key": env_str("DOCUMENTS_S3_ACCESS_KEY_ID"),
            "secret_key": env_str("DOCUMENTS_S3_SECRET_ACCESS_KEY"),
            "location": env_str("DOCUMENTS_S3_PREFIX", ""),
            "default_acl": None,  # the bucket's own (private) policy
            "querystring_auth": True,
            "file_overwrite": False,
            "addressing_style": env_str("DOCUMENTS_S3_ADDRESSING_STYLE"),
        },
    }
else:
    STORAGES["documents"] = {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": str(MEDIA_ROOT / "documents"), "base_url": None},
    }
DOCUMENTS_MAX_UPLOAD_BYTES = env_int("DOCUMENTS_MAX_UPLOAD_BYTES", 25 * 1024 * 1024, minimum=1024)
# Behind nginx: the download view answers with `X-Accel-Redirect: <prefix><stored name>` and nginx sends the
# file from an `internal` location (README, "Attachments"). Empty: Django streams the file itself.
DOCUMENTS_X_ACCEL_REDIRECT_PREFIX = env_str("DOCUMENTS_X_ACCEL_REDIRECT_PREFIX", "")
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
DATA_UPLOAD_MAX_MEMORY_SIZE = 2_621_440

MAP_TILE_URL = env_str("MAP_TILE_URL", "https://tile.openstreetmap.org/{z}/{x}/{y}.png")
MAP_TILE_ATTRIBUTION = env_str("MAP_TILE_ATTRIBUTION", "&copy; OpenStreetMap contributors")
# Zone and corridor uploads (zones.geometry): refused above this size before they are read.
ZONES_MAX_UPLOAD_BYTES = env_int("ZONES_MAX_UPLOAD_BYTES", 200 * 1024 * 1024, minimum=1024)
# Planned works are screened against what lies within this distance of them, in metres.
WORKS_SCREENING_DISTANCE_M = env_int("WORKS_SCREENING_DISTANCE_M", 5000, minimum=0, maximum=100_000)

# Reminders (see reminders/).
REMINDER_DUE_SOON_DAYS = env_int("REMINDER_DUE_SOON_DAYS", 14, minimum=0)
REMINDER_STALE_DAYS = env_int("REMINDER_STALE_DAYS", 60, minimum=1)
REMINDER_CYCLE_DAYS = env_int("REMINDER_CYCLE_DAYS", 7, minimum=1)
REMINDER_ESCALATE_AFTER_DAYS = env_int("REMINDER_ESCALATE_AFTER_DAYS", 30, minimum=0)
REMINDER_HOUR = env_int("REMINDER_HOUR", 8, minimum=0, maximum=23)
# Sending: transient SMTP errors are retried after BASE * 2**(attempt-1) seconds, at most MAX seconds apart,
# MAX_ATTEMPTS times in all. A delivery "sending" for longer than the timeout is put back by the sweeper: keep it
# above the send task's hard time limit (240 s), or a live worker's batch could be sent twice.
REMINDER_MAX_ATTEMPTS = env_int("REMINDER_MAX_ATTEMPTS", 8, minimum=1)
REMINDER_RETRY_BASE_SECONDS = env_int("REMINDER_RETRY_BASE_SECONDS", 60, minimum=1)
REMINDER_RETRY_MAX_SECONDS = env_int("REMINDER_RETRY_MAX_SECONDS", 3600, minimum=1)
REMINDER_SENDING_TIMEOUT_SECONDS = env_int("REMINDER_SENDING_TIMEOUT_SECONDS", 900, minimum=1)

# Participants' personal data (seminars.privacy): people without a registration for this many years are
# anonymised by the daily task; the privacy notice (/privacy/) names this period and the contact address.
PERSONAL_DATA_RETENTION_YEARS = env_int("PERSONAL_DATA_RETENTION_YEARS", 5, minimum=1, maximum=50)
PRIVACY_CONTACT_EMAIL = env_str("PRIVACY_CONTACT_EMAIL", "privacy@mura.example.org")

# Sessions and security headers.
SESSION_IDLE_HOURS = env_int("SESSION_IDLE_HOURS", 8, minimum=1)
SESSION_COOKIE_AGE = SESSION_IDLE_HOURS * 3600
# The age counts from the last request: an idle timeout. Not by saving on every request (a database write a
# page) but at most every SESSION_REFRESH_SECONDS (portal.middleware.IdleSessionMiddleware).
SESSION_SAVE_EVERY_REQUEST = False
SESSION_REFRESH_SECONDS = env_int("SESSION_REFRESH_SECONDS", 300, minimum=0)
SESSION_ENGINE = "portal.sessions"  # in the cache, with the database behind it
# A signed-in user's row and role facts are kept in the cache this long at most (portal.userfacts): the bound on
# how late a role change made outside the ORM's signals (raw SQL, QuerySet.update) is seen. ORM changes: at once.
USER_FACTS_TIMEOUT = env_int("USER_FACTS_TIMEOUT", 60, minimum=1)
USER_FACTS_CACHE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_SECURE = not DEBUG
CSRF_COOKIE_SECURE = not DEBUG
LANGUAGE_COOKIE_SECURE = not DEBUG
LANGUAGE_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_SAMESITE = "Lax"
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", not DEBUG)
SECURE_REDIRECT_EXEMPT = [r"^healthz$", r"^readyz$"]
SECURE_HSTS_SECONDS = 0 if DEBUG else env_int("SECURE_HSTS_SECONDS", 31_536_000, minimum=0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = not DEBUG
SECURE_HSTS_PRELOAD = not DEBUG
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

_tile = urlparse(MAP_TILE_URL.replace("{s}", "*"))
_tile_origin = f"{_tile.scheme}://{_tile.netloc}"
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:", _tile_origin],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    }
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        "mura.auth": {"level": "INFO"},
    },
}

# The API's rate limits (requests a minute): per client address for everyone, and per personal token.
API_RATE_LIMIT_PER_ADDRESS = env_int("API_RATE_LIMIT_PER_ADDRESS", 300, minimum=1)
API_RATE_LIMIT_PER_TOKEN = env_int("API_RATE_LIMIT_PER_TOKEN", 600, minimum=1)
