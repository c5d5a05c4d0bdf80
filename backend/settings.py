"""Django settings for Innolink, read from the environment.

Environment variables (see README): ``SECRET_KEY``, ``DEBUG``, ``ALLOWED_HOSTS``,
``DATABASE_URL`` (else an embedded PostgreSQL under ``.data/``), ``REDIS_URL``
(else the in-memory channel layer, one process only).
"""

from __future__ import annotations

import os
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF

from backend.db import database_url

BASE_DIR = Path(__file__).resolve().parent.parent  # the repository root
DATA_DIR = BASE_DIR / ".data"


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG", False)
SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG and os.environ.get("INNOLINK_REQUIRE_SECRET_KEY"):
        raise RuntimeError("SECRET_KEY must be set in production")
    # Development and tests only; production sets SECRET_KEY (docker-compose does).
    SECRET_KEY = "innolink-dev-only-insecure-key-0123456789-abcdefghijklmnopqrstuvwxyz"
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", "")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.postgres",
    "rest_framework",
    "rest_framework.authtoken",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "axes",
    "channels",
    "procrastinate.contrib.django",
    "backend.core",
    "backend.accounts",
    "backend.directory",
    "backend.notifications",
    "backend.jobs",
    "backend.mentoring",
    "events",
    "backend.engine",
    "backend.pool",
    "backend.finance",
    "events.matchmaking",
    "events.live",
    "backend.insight",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "servestatic.middleware.ServeStaticMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    # Last, so that it sees the outcome of authentication (django-axes docs).
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "backend.urls"
WSGI_APPLICATION = "backend.wsgi.application"
ASGI_APPLICATION = "backend.asgi.application"

FRONTEND_DIST = BASE_DIR / "frontend" / "dist"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "backend" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

DATABASES = {"default": dj_database_url.parse(database_url(BASE_DIR), conn_max_age=0)}
DATABASES["default"].setdefault("OPTIONS", {})
if env_bool("DB_POOL", False):
    # Django >= 5.1 psycopg pool; see README for when it pays off.
    DATABASES["default"]["OPTIONS"]["pool"] = {"min_size": 2, "max_size": int(os.environ.get("DB_POOL_MAX", "20"))}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    # django-axes first so that it can refuse locked-out credentials.
    "axes.backends.AxesStandaloneBackend",
    "backend.accounts.backends.EmailOrPhoneBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 8}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# django-axes: lock an account name after repeated failures, for a while.
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = 0.25  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_USERNAME_FORM_FIELD = "login"
AXES_RESET_ON_SUCCESS = True
AXES_ENABLED = env_bool("AXES_ENABLED", True)

LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "backend" / "locale"]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = DATA_DIR / "static"
STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # servestatic expects it even when serving from finders
STATICFILES_DIRS = [d for d in [FRONTEND_DIST] if d.exists()]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "servestatic.storage.CompressedStaticFilesStorage"},
}
SERVESTATIC_USE_FINDERS = True  # serve the freshly built frontend without collectstatic
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", DATA_DIR / "media"))

REST_FRAMEWORK = {
    # Token first so that unauthenticated requests get 401 (with WWW-Authenticate), not 403.
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticatedOrReadOnly"],
    "DEFAULT_FILTER_BACKENDS": [
        "django_filters.rest_framework.DjangoFilterBackend",
        "rest_framework.filters.OrderingFilter",
    ],
    "DEFAULT_PAGINATION_CLASS": "backend.core.pagination.Pagination",
    "PAGE_SIZE": 20,
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "backend.core.errors.exception_handler",
    "DEFAULT_THROTTLE_RATES": {"auth": "30/min"},
    "TEST_REQUEST_DEFAULT_FORMAT": "json",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Innolink 创联 API",
    "DESCRIPTION": "创新创业活动与对接平台 · Event and matchmaking platform for innovation ecosystems",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "COMPONENT_SPLIT_REQUEST": True,
    # Self-hosted Swagger UI: no CDN (offline machines, strict CSP).
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    # Several models have a `kind`, `level` or `role` with different choices: name each enum.
    "ENUM_NAME_OVERRIDES": {
        "OrganisationKindEnum": "backend.directory.models.OrgKind",
        "CarrierKindEnum": "backend.directory.models.Carrier.Kind",
        "CarrierLevelEnum": "backend.directory.models.Level",
        "RegionLevelEnum": "backend.directory.models.Region.Level",
        "StageEnum": "backend.directory.models.Stage",
        "CertificationEnum": "backend.directory.models.Certification",
        "CollateralEnum": "backend.directory.models.Collateral",
        "GradeEnum": "backend.directory.models.CarrierEvaluation.Grade",
        "MembershipRoleEnum": "backend.directory.models.Membership.Role",
        "FinancingNeedKindEnum": "backend.directory.models.FinancingNeed.Kind",
        "FinancingNeedStatusEnum": "backend.directory.models.FinancingNeed.Status",
        "IndustryGroupEnum": "backend.directory.models.Industry.Group",
        "EventTypeEnum": "events.models.EventType",
        "MeetingRequestStatusEnum": "events.matchmaking.models.MeetingRequest.Status",
        "MeetingStatusEnum": "events.matchmaking.models.Meeting.Status",
        "SearchHitTypeEnum": "backend.directory.serializers.SEARCH_HIT_TYPES",
        "RoleEnum": "backend.accounts.models.Role",
        "AssignmentKindEnum": "backend.engine.models.AssignmentRun.Kind",
        "RecommendationKindEnum": "backend.engine.serializers.RECOMMENDATION_KINDS",
        "MentoringRequestStatusEnum": "backend.mentoring.models.MentoringRequest.Status",
        "MentorshipStatusEnum": "backend.mentoring.models.Mentorship.Status",
        "ProgrammeStatusEnum": "backend.mentoring.models.Programme.Status",
        "ProposalStatusEnum": "backend.mentoring.models.Proposal.Status",
        "PipelineStageEnum": "backend.pool.models.PipelineStage",
        "AccessRequestStatusEnum": "backend.pool.models.AccessRequest.Status",
        "BankResponseStatusEnum": "backend.finance.models.BankResponse.Status",
        "AccessLogWhatEnum": "backend.pool.models.AccessLog.What",
        "PoolViewerAccessEnum": "backend.pool.serializers.VIEWER_ACCESS",
    },
}

REDIS_URL = os.environ.get("REDIS_URL", "")
CHANNEL_LAYERS = {
    # Pub/sub names are global to a Redis server: the prefix keeps deployments (and test runs) apart.
    "default": {
        "BACKEND": "channels_redis.pubsub.RedisPubSubChannelLayer",
        "CONFIG": {"hosts": [REDIS_URL], "prefix": os.environ.get("REDIS_CHANNEL_PREFIX", "innolink")},
    }
    if REDIS_URL
    else {"BACKEND": "backend.live.InMemoryChannelLayer"}
}

# Job queue: tasks live in each app's `tasks.py` (procrastinate autodiscovery).
PROCRASTINATE_WORKER_DEFAULTS = {"concurrency": int(os.environ.get("WORKER_CONCURRENCY", "2"))}

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = False  # the browser app reads it to send X-CSRFToken
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"

# Content Security Policy (django-csp 4). Element Plus sets inline styles;
# scripts are only our own bundle.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF, "'unsafe-inline'"],
        "img-src": [SELF, "data:", "blob:"],
        "font-src": [SELF, "data:"],
        "connect-src": [SELF, "ws:", "wss:"] if DEBUG else [SELF, "wss:"],
        "frame-ancestors": [NONE],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
    }
}

if not DEBUG and env_bool("SECURE_HTTPS", True):
    # Production behind TLS. `manage.py check --deploy` is clean with these.
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
    SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", str(60 * 60 * 24 * 365)))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
    "loggers": {"jieba": {"level": "WARNING"}},
}
AXES_LOCKOUT_CALLABLE = "backend.accounts.lockout.lockout_response"
