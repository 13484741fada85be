"""Settings, read from the environment. A bad value stops the process with a message naming it.

Defaults run a single-machine installation: SQLite in ``GONGKAI_DATA_DIR`` (``./data``), a secret
key generated once and kept there, e-mail printed to the console. Set ``DATABASE_URL`` for
PostgreSQL, ``EMAIL_HOST`` for SMTP.
"""

from __future__ import annotations

import json
import os
import secrets
from pathlib import Path
from typing import Any

import dj_database_url
from csp.constants import NONCE
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent

_TRUE = ("1", "true", "yes", "on")
_FALSE = ("0", "false", "no", "off")


def envbool(name: str, default: str) -> bool:
    """A yes/no setting; anything but 1/0, true/false, yes/no, on/off stops the process."""
    value = os.getenv(name, default).strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise ImproperlyConfigured(f"{name}={os.getenv(name)!r}: use one of {', '.join(_TRUE + _FALSE)}")


def envint(name: str, default: str, *, minimum: int = 0) -> int:
    """A whole-number setting of at least ``minimum``."""
    raw = os.getenv(name, default)
    try:
        value = int(raw)
    except ValueError:
        raise ImproperlyConfigured(f"{name}={raw!r}: expected a whole number") from None
    if value < minimum:
        raise ImproperlyConfigured(f"{name}={raw!r}: must be at least {minimum}")
    return value


def envlist(name: str, default: str) -> list[str]:
    """A comma-separated list; blanks are dropped."""
    return [item.strip() for item in os.getenv(name, default).split(",") if item.strip()]


def database_from_url(url: str) -> dict[str, Any]:
    """The Django database settings for a ``DATABASE_URL``; SQLite gets WAL and a busy timeout."""
    try:
        config: dict[str, Any] = dict(dj_database_url.parse(url, conn_max_age=600, conn_health_checks=True))
    except ValueError as e:
        raise ImproperlyConfigured(f"DATABASE_URL={url!r}: {e}") from None
    if not config.get("NAME"):
        raise ImproperlyConfigured(f"DATABASE_URL={url!r}: no database name")
    if config["ENGINE"] == "django.db.backends.postgresql":
        # No JIT: it pays off for long analytical queries; here it compiled for ~20 ms in front of
        # queries that take less (a province's index rows, a search's walk), whenever the planner
        # guessed their cost above jit_above_cost.
        options = config.setdefault("OPTIONS", {})
        options["options"] = f"-c jit=off {options.get('options', '')}".strip()
    if config["ENGINE"] == "django.db.backends.sqlite3":
        # Kept open like PostgreSQL's: opening one costs ~0.5 ms of CPU (Django registers its SQL
        # functions, the PRAGMAs run), half of what a cached-out portal item page costs to render.
        config["CONN_HEALTH_CHECKS"] = False
        config["OPTIONS"] = {
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL",
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
            **config.get("OPTIONS", {}),
        }
    return config


def secret_key(data_dir: Path) -> str:
    """``SECRET_KEY`` from the environment, else the key generated on first run in the data dir."""
    if key := os.getenv("SECRET_KEY"):
        return key
    path = data_dir / "secret_key"
    if not path.exists():
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as f:
            f.write(secrets.token_urlsafe(50))
    key = path.read_text().strip()
    if len(key) < 32:
        raise ImproperlyConfigured(f"{path}: the stored secret key is too short; delete the file")
    return key


# ---------------------------------------------------------------- core

DATA_DIR = Path(os.getenv("GONGKAI_DATA_DIR", "data")).resolve()
DATA_DIR.mkdir(parents=True, exist_ok=True)

DEBUG = envbool("DEBUG", "False")
SECRET_KEY = secret_key(DATA_DIR)
ALLOWED_HOSTS = envlist("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")
CSRF_TRUSTED_ORIGINS = envlist("CSRF_TRUSTED_ORIGINS", "")
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = envbool("SECURE_COOKIES", "False")
# HTTPS: Strict-Transport-Security for this many seconds (0: none; a year by default once the cookies are
# HTTPS-only), and plain-HTTP requests redirected (set it unless the proxy redirects already).
SECURE_HSTS_SECONDS = envint("SECURE_HSTS_SECONDS", "31536000" if SESSION_COOKIE_SECURE else "0")
SECURE_HSTS_INCLUDE_SUBDOMAINS = envbool("SECURE_HSTS_INCLUDE_SUBDOMAINS", "False")
SECURE_HSTS_PRELOAD = envbool("SECURE_HSTS_PRELOAD", "False")
# Asking browsers to preload HSTS is a separate, hard-to-undo decision for the domain's owner (submitted at
# hstspreload.org): not a default, and its reminder (W021) is not a finding of `check --deploy` here.
SILENCED_SYSTEM_CHECKS = [] if SECURE_HSTS_PRELOAD else ["security.W021"]
SECURE_SSL_REDIRECT = envbool("SECURE_SSL_REDIRECT", "False")
if os.getenv("SECURE_PROXY_SSL_HEADER"):
    # "HTTP_X_FORWARDED_PROTO=https": the header a TLS-terminating proxy sets (and strips from clients).
    _header, _, _value = os.environ["SECURE_PROXY_SSL_HEADER"].partition("=")
    if not _header.startswith("HTTP_") or not _value:
        raise ImproperlyConfigured(
            f"SECURE_PROXY_SSL_HEADER={os.environ['SECURE_PROXY_SSL_HEADER']!r}: use HTTP_X_FORWARDED_PROTO=https"
        )
    SECURE_PROXY_SSL_HEADER = (_header, _value)
# The client's address for throttles and the account log: REMOTE_ADDR, or the header a trusted
# reverse proxy sets (e.g. HTTP_X_REAL_IP) — never a header a client can set when no proxy strips it.
GONGKAI_CLIENT_IP_HEADER = os.getenv("GONGKAI_CLIENT_IP_HEADER", "REMOTE_ADDR")
if GONGKAI_CLIENT_IP_HEADER != "REMOTE_ADDR" and not GONGKAI_CLIENT_IP_HEADER.startswith("HTTP_"):
    raise ImproperlyConfigured(
        f"GONGKAI_CLIENT_IP_HEADER={GONGKAI_CLIENT_IP_HEADER!r}: REMOTE_ADDR or a request header as Django "
        "names it, e.g. HTTP_X_REAL_IP"
    )

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "gongkai.prepared",
    "gongkai.bodies",
    "gongkai.report_imports",
    "gongkai.requests",
    "gongkai.workdays",
    "gongkai.disclosure",
    "gongkai.portal",
    "gongkai.report_workspace",
    "gongkai.supervision",
    "gongkai.home",
    "gongkai.queue",
    "rest_framework",
    "rest_framework.authtoken",
    "drf_spectacular",
    "axes",
    "csp",
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
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "gongkai.web.middleware.SessionLimitsMiddleware",
    "gongkai.web.middleware.NoStoreMiddleware",
    # Last: answers a locked-out login with the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "gongkai.urls"
WSGI_APPLICATION = "gongkai.wsgi.application"
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "csp.context_processors.nonce",
                "gongkai.bodies.views.notices.unread_badge",
                "gongkai.home.views.nav.staff_nav",
            ],
        },
    },
    {
        # The public portal's pages (gongkai/portal/jinja2/): see gongkai/portal/jinja.py for why.
        "NAME": "portal",
        "BACKEND": "django.template.backends.jinja2.Jinja2",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {"environment": "gongkai.portal.views.jinja.environment"},
    },
]

# ---------------------------------------------------------------- database

DATABASES = {
    "default": database_from_url(os.getenv("DATABASE_URL") or f"sqlite:///{DATA_DIR / 'gongkai.sqlite3'}")
}

# ---------------------------------------------------------------- shared state (several processes, issue #18)
# Everything a change must reach every process through: the portal's version stamps (gongkai/portal/
# queries/cache.py) in the "default" cache, the public forms' throttle counts in "throttle", sessions in
# the database. With REDIS_URL: both caches in Redis (counts with its atomic INCR). Without: the stamps
# in files under the data dir, which the web server and the worker of the embedded start share, and the
# counts in a database table (bodies migration 0005). Rendered portal pages go to "pages": each process's
# own memory by default (a page's key holds its body's shared stamp, so a bump elsewhere makes it
# unreachable at once), or Redis with GONGKAI_PAGE_CACHE=shared (one rendering for every process).
# Redis down: the site goes on without it (gongkai/web/shared_cache.py): portal pages rendered directly,
# throttle counts in the database table, sessions and login lockouts (database) untouched; logged once.
REDIS_URL = os.getenv("REDIS_URL", "")
GONGKAI_PAGE_CACHE = os.getenv("GONGKAI_PAGE_CACHE", "local")
if GONGKAI_PAGE_CACHE not in ("local", "shared"):
    raise ImproperlyConfigured(f"GONGKAI_PAGE_CACHE={GONGKAI_PAGE_CACHE!r}: local or shared")
if GONGKAI_PAGE_CACHE == "shared" and not REDIS_URL:
    raise ImproperlyConfigured("GONGKAI_PAGE_CACHE=shared needs REDIS_URL")
if REDIS_URL and not REDIS_URL.startswith(("redis://", "rediss://", "unix://")):
    raise ImproperlyConfigured(f"REDIS_URL={REDIS_URL!r}: use redis://host:6379/0 (rediss:// for TLS)")
_LOCAL_PAGES = {
    "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
    "OPTIONS": {"MAX_ENTRIES": envint("GONGKAI_CACHE_ENTRIES", "5000", minimum=100)},
}


def _redis(prefix: str) -> dict[str, Any]:
    return {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": REDIS_URL,
        "KEY_PREFIX": prefix,
        # A Redis that does not answer costs a second, not a hung request (shared_cache then skips it).
        "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
    }


CACHES: dict[str, dict[str, Any]] = (
    {
        "default": _redis("gk"),
        "throttle": _redis("gk-throttle"),
        "pages": _redis("gk-pages") if GONGKAI_PAGE_CACHE == "shared" else _LOCAL_PAGES,
    }
    if REDIS_URL
    else {
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": DATA_DIR / "cache",
            "OPTIONS": {"MAX_ENTRIES": 100_000},
        },
        "throttle": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "gongkai_throttle",
            "OPTIONS": {"MAX_ENTRIES": 100_000},
        },
        "pages": _LOCAL_PAGES,
    }
)
# Sessions stay in the database, shared by every process: ending an account's access deletes its
# session rows (bodies/actions/accounts.py), which a cached session engine would keep alive in the cache.
SESSION_ENGINE = "django.contrib.sessions.backends.db"
# ---------------------------------------------------------------- end of shared state

# ---------------------------------------------------------------- people

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
AUTHENTICATION_BACKENDS = [
    # First: counts failures and refuses a locked account or client before the password is checked.
    "gongkai.web.auth.WebLoginBackend",
    "django.contrib.auth.backends.ModelBackend",
]
LOGIN_URL = "login"

# Logins (django-axes): after GONGKAI_LOGIN_FAILURES failures an account is locked, and separately the
# client (IP address) that made them, for GONGKAI_LOCKOUT_MINUTES (0: until unlocked on the staff page).
GONGKAI_LOGIN_FAILURES = envint("GONGKAI_LOGIN_FAILURES", "5", minimum=1)
GONGKAI_LOCKOUT_MINUTES = envint("GONGKAI_LOCKOUT_MINUTES", "30")
AXES_FAILURE_LIMIT = GONGKAI_LOGIN_FAILURES
AXES_COOLOFF_TIME = (GONGKAI_LOCKOUT_MINUTES / 60) or None  # hours
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_RESET_ON_SUCCESS = True
AXES_CLIENT_IP_CALLABLE = "gongkai.web.clients.axes_client_ip"
AXES_LOCKOUT_TEMPLATE = "registration/locked.html"
AXES_DISABLE_ACCESS_LOG = True  # the account log (bodies AccountEvent) records logins and logouts
AXES_ENABLE_ADMIN = False
AXES_VERBOSE = False
# Sessions: closed after GONGKAI_SESSION_IDLE_MINUTES without a request, and GONGKAI_SESSION_MAX_HOURS
# after the login whatever happens (gongkai/web/middleware.py).
GONGKAI_SESSION_IDLE_MINUTES = envint("GONGKAI_SESSION_IDLE_MINUTES", "30", minimum=1)
GONGKAI_SESSION_MAX_HOURS = envint("GONGKAI_SESSION_MAX_HOURS", "12", minimum=1)
SESSION_COOKIE_AGE = GONGKAI_SESSION_MAX_HOURS * 3600
# The account log is kept this many days (`gongkai purge_account_events`; at least 183: six months).
GONGKAI_ACCOUNT_LOG_DAYS = envint("GONGKAI_ACCOUNT_LOG_DAYS", "400", minimum=183)

# Public forms (/apply/, /track/): per client address, in the shared throttle cache. "N/h" or "N/m".
GONGKAI_APPLY_RATE = os.getenv("GONGKAI_APPLY_RATE", "30/h")
GONGKAI_TRACK_FAILURE_RATE = os.getenv("GONGKAI_TRACK_FAILURE_RATE", "10/h")
for _name in ("GONGKAI_APPLY_RATE", "GONGKAI_TRACK_FAILURE_RATE"):
    _n, _, _unit = globals()[_name].partition("/")
    if not _n.isdigit() or int(_n) < 1 or _unit not in ("m", "h", "d"):
        raise ImproperlyConfigured(f"{_name}={globals()[_name]!r}: use a count per m, h or d, e.g. 30/h")
LOGIN_REDIRECT_URL = "home"  # each role lands on its own work (gongkai.home)
LOGOUT_REDIRECT_URL = "login"

# ---------------------------------------------------------------- read API (/api/v1/, supervision.api)

REST_FRAMEWORK = {
    # Token first: an anonymous call then gets 401 with a WWW-Authenticate header.
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "公开 gongkai 年度报告数据接口",
    "DESCRIPTION": "监督人员读取其所在机关及下级机关的年度报告、统计单元格（只读）。"
    "认证：会话或令牌（请求头 Authorization: Token <令牌>）。不含申请人个人信息。",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    # The schema (/api/v1/schema/) for signed-in staff only, by session or token, like the API itself.
    "SERVE_PERMISSIONS": ["rest_framework.permissions.IsAuthenticated"],
    "SCHEMA_PATH_PREFIX": "/api/v1",
}

# ---------------------------------------------------------------- headers

# Content-Security-Policy (django-csp): scripts only from this site or carrying the page's nonce; the
# inline <style> blocks and the charts' SVG styles are allowed.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'", NONCE],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# ---------------------------------------------------------------- language and time

LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文")]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

# ---------------------------------------------------------------- files

STATIC_URL = "/static/"
STATIC_ROOT = DATA_DIR / "static"
STATIC_ROOT.mkdir(exist_ok=True)
STATICFILES_DIRS = [BASE_DIR / "static"]
# ---- uploaded files (several machines, issue #18)
# Report originals, queued batch files, letters and attachments go through Django's storage API
# (default_storage, FileFields) and are only ever served through permission-checked views, never by URL.
# GONGKAI_MEDIA_DIR: a volume every web process and worker mounts; GONGKAI_STORAGE_BACKEND and
# GONGKAI_STORAGE_OPTIONS (a JSON object): another storage class, e.g. django-storages' S3Storage
# (docs/deployment.md), installed beside gongkai.
MEDIA_ROOT = Path(os.getenv("GONGKAI_MEDIA_DIR") or DATA_DIR / "media").resolve()
MEDIA_URL = "/media/"
try:
    _storage_options = json.loads(os.getenv("GONGKAI_STORAGE_OPTIONS") or "{}")
except ValueError as e:
    raise ImproperlyConfigured(f"GONGKAI_STORAGE_OPTIONS: not JSON ({e})") from None
if not isinstance(_storage_options, dict):
    raise ImproperlyConfigured('GONGKAI_STORAGE_OPTIONS: a JSON object, e.g. {"bucket_name": "gongkai"}')
STORAGES = {
    "default": {
        "BACKEND": os.getenv("GONGKAI_STORAGE_BACKEND") or "django.core.files.storage.FileSystemStorage",
        "OPTIONS": _storage_options,
    },
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
# ---- end of uploaded files
# Serve files found by the finders too, so a checkout works before `collectstatic` has run.
WHITENOISE_USE_FINDERS = True

# One limit for an uploaded report and for a pasted one.
GONGKAI_MAX_UPLOAD_MB = envint("GONGKAI_MAX_UPLOAD_MB", "20", minimum=1)
GONGKAI_MAX_UPLOAD_BYTES = GONGKAI_MAX_UPLOAD_MB * 1024 * 1024
# Uploaded reports are read in worker processes, each file under these limits (a scan takes ~10 s a page).
GONGKAI_IMPORT_ISOLATED = envbool("GONGKAI_IMPORT_ISOLATED", "True")
GONGKAI_IMPORT_SECONDS = envint("GONGKAI_IMPORT_SECONDS", "300", minimum=1)
GONGKAI_IMPORT_MEMORY_MB = envint("GONGKAI_IMPORT_MEMORY_MB", "3072", minimum=256)
GONGKAI_IMPORT_WORKERS = envint("GONGKAI_IMPORT_WORKERS", "2", minimum=1)
# A single import is read by the queue's workers; the upload waits this long for its result (a quick
# text file goes straight to its report) before it shows the import's status page. 0: never waits.
GONGKAI_IMPORT_WAIT_MS = envint("GONGKAI_IMPORT_WAIT_MS", "2000")

# Legal-practice switches the 条例 leaves open (ogi-rules §7.1, §2.7.6): weekend 调休上班 days count
# as working days; waiting for a fee payment does not stop the reply clock.
GONGKAI_MAKEUP_WORKDAYS_COUNT = envbool("GONGKAI_MAKEUP_WORKDAYS_COUNT", "True")
GONGKAI_FEE_PAUSES_CLOCK = envbool("GONGKAI_FEE_PAUSES_CLOCK", "False")
DATA_UPLOAD_MAX_MEMORY_SIZE = GONGKAI_MAX_UPLOAD_BYTES
FILE_UPLOAD_HANDLERS = [
    "gongkai.web.uploads.SizeLimitUploadHandler",
    "django.core.files.uploadhandler.MemoryFileUploadHandler",
    "django.core.files.uploadhandler.TemporaryFileUploadHandler",
]

# ---------------------------------------------------------------- background work (Celery)

# The broker: CELERY_BROKER_URL (redis://, amqp:// for RabbitMQ, …), else REDIS_URL, else the embedded
# one — kombu's SQLAlchemy transport on a SQLite file in the data dir, no server (docs/architecture.md).
CELERY_BROKER_URL = (
    os.getenv("CELERY_BROKER_URL") or os.getenv("REDIS_URL") or f"sqla+sqlite:///{DATA_DIR / 'queue.sqlite3'}"
)
# A file being read whose worker has given no sign of life for this long is read again elsewhere.
GONGKAI_QUEUE_LEASE_SECONDS = envint("GONGKAI_QUEUE_LEASE_SECONDS", "60", minimum=3)
# How often a worker on the embedded broker looks for a new message (kombu polls that broker; its
# default of 1 s, and Celery's 2 s wait before it acknowledges, made a queued upload wait seconds).
GONGKAI_QUEUE_POLL_MS = envint("GONGKAI_QUEUE_POLL_MS", "100", minimum=10)
# Celery's Django fix-up closes a worker thread's database connections once in this many tasks (without
# it, before and after every task); in between, CONN_MAX_AGE and the health checks decide, as for a
# request (gongkai/queue/connections.py).
CELERY_DB_REUSE_MAX = 1000
# Seconds to wait for a Redis broker to connect or answer: a send to one that does not answer fails
# within about twice this, and the file stays 排队中 until requeue_abandoned sends it (queue/embedded.py).
GONGKAI_BROKER_TIMEOUT_SECONDS = envint("GONGKAI_BROKER_TIMEOUT_SECONDS", "1", minimum=1)
# Celery's own: connecting to the broker, RabbitMQ's handshake included (its default is 4 s).
CELERY_BROKER_CONNECTION_TIMEOUT = GONGKAI_BROKER_TIMEOUT_SECONDS
# The log of the worker `gongkai start` runs (data/worker.log): rotated at this size, this many kept.
GONGKAI_WORKER_LOG_MB = envint("GONGKAI_WORKER_LOG_MB", "10", minimum=1)
GONGKAI_WORKER_LOG_BACKUPS = envint("GONGKAI_WORKER_LOG_BACKUPS", "5", minimum=1)
# Worker processes `gongkai start` and `gongkai worker` run (each reads one file at a time).
GONGKAI_WORKER_CONCURRENCY = envint("GONGKAI_WORKER_CONCURRENCY", "2", minimum=1)
# Hours a file prepared in the background stays downloadable before the hourly cleanup deletes it.
GONGKAI_PREPARED_HOURS = envint("GONGKAI_PREPARED_HOURS", "24", minimum=1)
# Days a single import held for its uploader's decision (待确认: its title names another body) waits
# before the hourly job cancels it and deletes its file.
GONGKAI_HELD_IMPORT_DAYS = envint("GONGKAI_HELD_IMPORT_DAYS", "14", minimum=1)
# Periodic jobs every N seconds instead of their interval in gongkai/queue/schedule.py:
# "deadline_reminders=5,publish_due=30" (for trying and testing the schedule).
GONGKAI_SCHEDULE = os.getenv("GONGKAI_SCHEDULE", "")

# ---------------------------------------------------------------- e-mail

EMAIL_HOST = os.getenv("EMAIL_HOST", "")
EMAIL_PORT = envint("EMAIL_PORT", "587", minimum=1)
EMAIL_HOST_USER = os.getenv("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.getenv("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = envbool("EMAIL_USE_TLS", "True")
EMAIL_BACKEND = os.getenv(
    "EMAIL_BACKEND",
    "django.core.mail.backends.smtp.EmailBackend"
    if EMAIL_HOST
    else "django.core.mail.backends.console.EmailBackend",
)
DEFAULT_FROM_EMAIL = os.getenv("DEFAULT_FROM_EMAIL", "gongkai@localhost")
# The site's address as staff reach it, for the links in notice e-mails (empty: the e-mails give the path).
GONGKAI_SITE_URL = os.getenv("GONGKAI_SITE_URL", "").rstrip("/")
if GONGKAI_SITE_URL and not GONGKAI_SITE_URL.startswith(("http://", "https://")):
    raise ImproperlyConfigured(f"GONGKAI_SITE_URL={GONGKAI_SITE_URL!r}: must start with http:// or https://")

# ---------------------------------------------------------------- logging

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.getenv("LOG_LEVEL", "WARNING")},
}
