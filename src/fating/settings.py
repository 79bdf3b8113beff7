"""Django settings, read from the environment.

Embedded default (no variables set, `fating demo`): SQLite in ./var, in-memory cache, channel layer
and eager Celery. Production: set SECRET_KEY, DATABASE_URL (PostgreSQL), REDIS_URL, ALLOWED_HOSTS.
See docs/deploy.md for every variable.
"""

from __future__ import annotations

import os
import secrets
from datetime import timedelta
from pathlib import Path

from celery.schedules import crontab
from csp.constants import NONCE, NONE, SELF, UNSAFE_INLINE
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from fating.core.audit_keys import audit_keys_from_environment
from fating.env import env_bool, env_database, env_int, env_list, env_str

PACKAGE_DIR = Path(__file__).resolve().parent
# src/fating -> repository root when running from a checkout; overridable for installed packages.
DATA_DIR = Path(env_str("FATING_DATA_DIR", str(PACKAGE_DIR.parent.parent / "var")))

DEMO = env_bool("FATING_DEMO", False)
DEBUG = env_bool("DEBUG", False)
# Exposes a bare view used as the baseline by bench/http_bench.py; never on in production.
FATING_BENCH = env_bool("FATING_BENCH", False)


def _secret_key() -> str:
    key = os.environ.get("SECRET_KEY")
    if key:
        return key
    if DEMO:
        # The demo generates its key once and keeps it, so sessions survive restarts.
        DATA_DIR.mkdir(parents=True, exist_ok=True)
        path = DATA_DIR / "secret_key"
        if not path.exists():
            path.write_text(secrets.token_urlsafe(50))
            path.chmod(0o600)
        return path.read_text().strip()
    raise ImproperlyConfigured(
        "SECRET_KEY is not set. Set the SECRET_KEY environment variable to a long random string "
        "(python -c 'import secrets; print(secrets.token_urlsafe(50))'), or run `fating demo` "
        "for the embedded demo."
    )


SECRET_KEY = _secret_key()

# HMAC keys of the audit chain, never stored in the database (fating.core.audit_keys). The first
# key signs new events; the others only verify events signed before a rotation. Production refuses
# to start without them; the demo and a DEBUG run generate one and keep it in var/audit_keys.
AUDIT_KEYS = audit_keys_from_environment(data_dir=DATA_DIR, allow_generated=DEMO or DEBUG)
# Signed chain heads are appended here by `fating audit checkpoint` (daily by Celery beat). In
# production this file lives on write-once storage or another host (docs/deploy.md).
AUDIT_CHECKPOINT_FILE = Path(
    env_str("FATING_AUDIT_CHECKPOINT_FILE", str(DATA_DIR / "audit-checkpoints.log"))
)

ALLOWED_HOSTS = env_list(
    "ALLOWED_HOSTS", ["localhost", "127.0.0.1", "[::1]"] if (DEBUG or DEMO) else []
)
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

# HTTPS hardening is on unless explicitly turned off (the demo and tests serve plain HTTP).
HTTPS = env_bool("FATING_HTTPS", not (DEBUG or DEMO))
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
SECURE_SSL_REDIRECT = HTTPS
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31536000 if HTTPS else 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = HTTPS
SECURE_HSTS_PRELOAD = HTTPS
SECURE_PROXY_SSL_HEADER = (
    ("HTTP_X_FORWARDED_PROTO", "https") if env_bool("FATING_BEHIND_PROXY", False) else None
)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_AGE = env_int("SESSION_COOKIE_AGE", 8 * 3600)
# Sessions stay in the database (sign-outs and expiry as before) and are read through the cache:
# every page request reads its session, and a cache hit saves a query.
SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "rest_framework",
    "knox",
    "axes",
    "csp",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "channels",
    "fating.core",
    "fating.accounts",
    "fating.network",
    "fating.documents",
    "fating.disputes",
    "fating.cases",
    "fating.knowledge",
    "fating.conversations",
    "fating.delivery",
    "fating.enforcement",
    "fating.warnings",
    "fating.analytics",
    "fating.elements",
    "fating.preservation",
    "fating.evaluation",
    "fating.judgments",
    "fating.trials",
    "fating.inbox",
    "fating.people",
    "fating.liaison",
    "fating.contact",
    # The demo sits on top: it imports every app above and none imports it.
    "fating.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "fating.core.middleware.RequestIdMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "fating.core.middleware.ApiJsonBodyMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "fating.accounts.middleware.PasswordChangeRequiredMiddleware",
    "fating.core.middleware.PrivateCacheMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "fating.urls"
WSGI_APPLICATION = "fating.wsgi.application"
ASGI_APPLICATION = "fating.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PACKAGE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "fating.accounts.context_processors.roles",
                "fating.inbox.context_processors.unread",
                "csp.context_processors.nonce",
            ],
        },
    },
]

DATABASES = {
    "default": env_database("DATABASE_URL", f"sqlite:///{DATA_DIR / 'fating.sqlite3'}"),
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}
    }
    CHANNEL_LAYERS = {
        "default": {
            "BACKEND": "channels_redis.core.RedisChannelLayer",
            "CONFIG": {"hosts": [REDIS_URL]},
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    CHANNEL_LAYERS = {"default": {"BACKEND": "channels.layers.InMemoryChannelLayer"}}

# Celery: a broker when one is configured, otherwise tasks run inline (embedded default).
CELERY_BROKER_URL = env_str("CELERY_BROKER_URL", REDIS_URL)
CELERY_TASK_ALWAYS_EAGER = not CELERY_BROKER_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_TIMEZONE = "Asia/Shanghai"
CELERY_BEAT_SCHEDULE = {
    "expire-delegations": {"task": "fating.disputes.tasks.expire_delegations", "schedule": 15 * 60},
    "check-agreement-defaults": {
        "task": "fating.disputes.tasks.check_defaults",
        "schedule": 6 * 3600,
    },
    "deliver-pending-notifications": {"task": "fating.core.tasks.deliver_pending", "schedule": 60},
    "purge-idempotency-keys": {
        "task": "fating.core.tasks.purge_idempotency_keys",
        "schedule": 3600,
    },
    "reconcile-service-attempts": {
        "task": "fating.delivery.tasks.reconcile_pending",
        "schedule": 60,
    },
    "mark-effective": {
        "task": "fating.judgments.tasks.mark_effective",
        "schedule": crontab(hour=0, minute=20),
    },
    # Deadlines near (期限临近): one reminder per deadline, early in the morning.
    "inbox-deadline-reminders": {
        "task": "fating.inbox.tasks.remind_deadlines",
        "schedule": crontab(hour=7, minute=0),
    },
    "audit-checkpoint": {
        "task": "fating.core.tasks.write_audit_checkpoint",
        "schedule": crontab(hour=0, minute=10),
    },
    # 鉴定期限临近: the judge of the case, once per deadline (evaluation.tasks).
    "appraisal-report-reminders": {
        "task": "fating.evaluation.tasks.remind_report_deadlines",
        "schedule": crontab(hour=7, minute=15),
    },
    "enforcement-freeze-reminders": {
        "task": "fating.enforcement.tasks.remind_expiring_controls",
        "schedule": crontab(hour=7, minute=30),
    },
    "enforcement-missed-reports": {
        "task": "fating.enforcement.tasks.flag_missed_reports",
        "schedule": crontab(hour=7, minute=30),
    },
    # 失信 entries past their period leave the list; 终本 cases searched again every 6 months.
    "enforcement-expire-measures": {
        "task": "fating.enforcement.tasks.expire_measures",
        "schedule": crontab(hour=0, minute=40),
    },
    "enforcement-research-concluded": {
        "task": "fating.enforcement.tasks.research_concluded",
        "schedule": crontab(hour=2, minute=15),
    },
}

# Idempotency-Key (fating.core.idempotency): how long a key replays its first answer, and how
# long a request waits for a concurrent one holding the same key before answering 409.
IDEMPOTENCY_KEY_TTL_SECONDS = env_int("IDEMPOTENCY_KEY_TTL_SECONDS", 24 * 3600)
IDEMPOTENCY_LOCK_TIMEOUT_SECONDS = env_int("IDEMPOTENCY_LOCK_TIMEOUT_SECONDS", 10)

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    # django-axes first: it refuses a locked-out login before any password is checked.
    "fating.accounts.backends.LoginThrottleBackend",
    "fating.accounts.backends.UsernameOrMobileBackend",
    # Permissions carried by role grants (e.g. core.manage_calendar for court administrators).
    "fating.accounts.backends.RoleGrantBackend",
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "accounts:home"
LOGOUT_REDIRECT_URL = "accounts:login"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Login throttling (django-axes; the reasoning is in fating/accounts/lockout.py): failures per
# (client address, account) before that pair is locked, failures per account from all addresses
# (each address counting at most LOGIN_MAX_FAILURES) before the account is, and the lock's length.
LOGIN_MAX_FAILURES = env_int("LOGIN_MAX_FAILURES", 5)
LOGIN_ACCOUNT_MAX_FAILURES = env_int("LOGIN_ACCOUNT_MAX_FAILURES", 20)
LOGIN_LOCKOUT_SECONDS = env_int("LOGIN_LOCKOUT_SECONDS", 15 * 60)
AXES_HANDLER = "fating.accounts.lockout.AccountLockoutHandler"
AXES_FAILURE_LIMIT = LOGIN_MAX_FAILURES
AXES_LOCKOUT_PARAMETERS = [["ip_address", "username"]]
AXES_COOLOFF_TIME = timedelta(seconds=LOGIN_LOCKOUT_SECONDS)
AXES_USERNAME_CALLABLE = "fating.accounts.lockout.account_key"
AXES_CLIENT_IP_CALLABLE = "fating.core.http.client_address"
AXES_RESET_ON_SUCCESS = True
# A refused attempt while locked is not counted, so "try again in 15 minutes" stays true.
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
# Sign-ins are not logged by axes (a session would be created for every API token request).
AXES_DISABLE_ACCESS_LOG = True
AXES_SENSITIVE_PARAMETERS = ["username", "ip_address", "mobile", "code"]
# Proxies whose X-Forwarded-For is believed (comma-separated IPs or CIDRs, e.g. the nginx host);
# with none, the connection's own address is the client's (fating.core.http.client_address).
FATING_TRUSTED_PROXIES = env_list("FATING_TRUSTED_PROXIES", [])

SILENCED_SYSTEM_CHECKS = [
    # axes.W002 asks for AxesMiddleware, which swaps in its own lockout page; the login page and
    # the token API answer a lockout themselves (Chinese page / the one JSON error shape).
    "axes.W002",
]

# API tokens (django-rest-knox): stored as digests, expiring, revocable.
FATING_TOKEN_TTL_DAYS = env_int("FATING_TOKEN_TTL_DAYS", 30)
# Threads per server process that run HTTP requests (fating.core.threaded_http). The views are
# CPU-bound Python under one interpreter lock: at the design point two threads per process gave
# 110 req/s at p95 285 ms and 12.6 ms of CPU per request, four gave 89 req/s, p95 400 ms and
# 15.4 ms (bench/README.md). Slow clients hold none (bodies are read, answers sent, on the event
# loop); raise it, or the workers, where long requests (PDF generation) are frequent. Each thread
# holds at most one database connection, so the pool (FATING_DB_POOL_SIZE) is larger.
FATING_HTTP_THREADS = env_int("FATING_HTTP_THREADS", 2)
if not 1 <= FATING_HTTP_THREADS <= 64:
    raise ImproperlyConfigured("FATING_HTTP_THREADS must be between 1 and 64.")
REST_KNOX = {
    "TOKEN_TTL": timedelta(days=FATING_TOKEN_TTL_DAYS),
    "AUTH_HEADER_PREFIX": "Token",
    "AUTO_REFRESH": False,
}

LANGUAGE_CODE = env_str("LANGUAGE_CODE", "zh-hans")
LANGUAGES = [("zh-hans", _("简体中文")), ("en", _("English"))]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
TIME_ZONE = env_str("TIME_ZONE", "Asia/Shanghai")
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = DATA_DIR / "static"
STATICFILES_DIRS = [PACKAGE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if env_bool("FATING_MANIFEST_STATIC", not (DEBUG or DEMO))
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}
MEDIA_ROOT = Path(env_str("FATING_MEDIA_ROOT", str(DATA_DIR / "media")))
MEDIA_URL = "/media/"
# The demo serves collected files straight from the app directories.
WHITENOISE_USE_FINDERS = DEBUG or DEMO

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        # Token first, so an anonymous API call gets 401 with a WWW-Authenticate header.
        "fating.accounts.auth.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    # One JSON parser for the whole API: it refuses bodies that are not an object, nest too
    # deep or are too large (fating.core.rest); views that name parsers use the same one.
    "DEFAULT_PARSER_CLASSES": [
        "fating.core.rest.JSONParser",
        "rest_framework.parsers.FormParser",
        "rest_framework.parsers.MultiPartParser",
    ],
    "DEFAULT_PAGINATION_CLASS": "fating.core.rest.LimitOffsetPagination",
    "PAGE_SIZE": 50,
    # Documents the one error shape (fating.core.api_errors) on every operation.
    "DEFAULT_SCHEMA_CLASS": "fating.core.schema.AutoSchema",
    "EXCEPTION_HANDLER": "fating.core.api_errors.exception_handler",
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"]
    + (["rest_framework.renderers.BrowsableAPIRenderer"] if DEBUG else []),
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Fating E+ API",
    "DESCRIPTION": "法庭E+ REST API: the court network, people and (later) disputes and cases.",
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SERVE_PERMISSIONS": ["rest_framework.permissions.IsAuthenticated"],
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.request": {"level": "ERROR"},
        # Per-task and per-page chatter from libraries; their warnings still show.
        "celery.app.trace": {"level": "WARNING"},
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
        "kombu.connection": {"level": "ERROR"},
        # django-axes logs every attempt at INFO; failures and lock-outs are WARNING.
        "axes": {"level": "WARNING"},
        # The hearing recorder's WebRTC stack logs every ICE check at INFO.
        "aioice": {"level": "WARNING"},
        "aiortc": {"level": "WARNING"},
    },
}

EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "fating@localhost")

# Content-Security-Policy (django-csp 4). Scripts only from our own static files or with the
# per-request nonce; <style> blocks need the nonce too. Style *attributes* stay allowed
# (style-src-attr): ECharts writes them into its tooltips, and they cannot run code.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF, NONCE],
        "style-src-attr": [UNSAFE_INLINE],
        # Channels' live chat opens a WebSocket to this host.
        "connect-src": [SELF, "ws:", "wss:"],
        # ECharts renders charts and map tiles to data: and blob: images; all served locally.
        "img-src": [SELF, "data:", "blob:"],
        # The online courtroom's recordings and broadcasts play from this host (or a blob:).
        "media-src": [SELF, "blob:"],
        "font-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}

# The online courtroom (fating.trials). ICE servers for WebRTC: empty by default, so peers use
# host candidates (a closed court network); in production list the court's coturn, e.g.
# FATING_STUN_URLS=stun:turn.court.example:3478 FATING_TURN_URLS=turn:turn.court.example:3478
# with FATING_TURN_USERNAME / FATING_TURN_CREDENTIAL (docs/deploy.md).
FATING_STUN_URLS = env_list("FATING_STUN_URLS", [])
FATING_TURN_URLS = env_list("FATING_TURN_URLS", [])
FATING_TURN_USERNAME = env_str("FATING_TURN_USERNAME", "")
FATING_TURN_CREDENTIAL = env_str("FATING_TURN_CREDENTIAL", "")
# Optional SFU for more than six people and for live broadcasts (LiveKit); unset = peer to peer.
FATING_SFU_URL = env_str("FATING_SFU_URL", "")
FATING_SFU_API_KEY = env_str("FATING_SFU_API_KEY", "")
FATING_SFU_API_SECRET = env_str("FATING_SFU_API_SECRET", "")
# Optional speech recognition: a FunASR runtime server's WebSocket (ws://host:10095); unset =
# the clerk types the transcript by hand.
FATING_ASR_URL = env_str("FATING_ASR_URL", "")
# The server-side hearing recorder (fating.trials.recorder, aiortc): "embedded" runs it inside the
# ASGI server (the default with the in-memory channel layer: the demo), "external" expects the
# separate process `fating trial_recorder` (the default with Redis: production), "off" never
# records on the server. When no recorder answers, the judge's browser records (docs/deploy.md).
FATING_RECORDER = env_str("FATING_RECORDER", "external" if REDIS_URL else "embedded")
if FATING_RECORDER not in ("embedded", "external", "off"):
    raise ImproperlyConfigured("FATING_RECORDER must be embedded, external or off.")
# Enforcement 网络查控: the property gateway class (fating.enforcement.gateways). Only the sandbox
# exists today; a real 总对总 / 点对点 adapter is another class with the same methods.
FATING_ENFORCEMENT_GATEWAY = env_str(
    "FATING_ENFORCEMENT_GATEWAY", "fating.enforcement.gateways.SandboxGateway"
)
