"""Settings shared by every mode. Values that differ per machine come from the environment."""

from __future__ import annotations

from datetime import timedelta

import dj_database_url

from config.env import BASE_DIR, VAR_DIR, decode_key, env_bool, env_int, env_list, env_str

DEBUG = False
SECRET_KEY = env_str("DJANGO_SECRET_KEY")
ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", ["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    # ours first, so our templates override the defaults
    "minsheng.core",
    "minsheng.orgs",
    "minsheng.projects",
    "minsheng.beneficiaries",
    "minsheng.disclosures",
    "minsheng.portal",
    "minsheng.submissions",
    "minsheng.callbacks",
    "minsheng.demo",
    "minsheng.wagtail_zh",
    # Wagtail
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.sitemaps",
    "wagtail.embeds",
    "wagtail.sites",
    "minsheng.orgs.apps.UsersConfig",  # wagtail.users with our account forms (orgs/viewsets.py)
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    # background tasks
    "django_tasks",
    "django_tasks_db",
    # login lockout
    "axes",
    # Django
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "minsheng.core.middleware.LanguageCookieMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # last, as django-axes asks
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "minsheng" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
                "minsheng.portal.context_processors.portal",
            ],
        },
    },
]

# --- Database -------------------------------------------------------------------------
# SQLite (WAL) under var/ unless DATABASE_URL names another database (PostgreSQL).
SQLITE_PATH = VAR_DIR / "minsheng.sqlite3"
DATABASE_URL = env_str("DATABASE_URL")
if DATABASE_URL:
    DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=env_int("DB_CONN_MAX_AGE", 60))}
else:
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": str(SQLITE_PATH),
            "OPTIONS": {
                # WAL lets readers work while the worker writes; IMMEDIATE avoids
                # "database is locked" on lock upgrades inside transactions.
                "init_command": (
                    "PRAGMA journal_mode=WAL;"
                    "PRAGMA synchronous=NORMAL;"
                    "PRAGMA foreign_keys=ON;"
                    "PRAGMA busy_timeout=10000;"
                ),
                "transaction_mode": "IMMEDIATE",
            },
        }
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Auth -----------------------------------------------------------------------------
AUTH_USER_MODEL = "orgs.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "wagtailadmin_login"

# Lockout after repeated failures (django-axes): per user name, so a town office
# behind one NAT address is not locked out by one colleague's typos.
AXES_FAILURE_LIMIT = env_int("LOGIN_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("LOGIN_COOLOFF_MINUTES", 15))
AXES_LOCKOUT_PARAMETERS = ["username"]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "orgs/lockout.html"
AXES_VERBOSE = False
# Lockout is per user name on purpose (see above); axes warns that IP is not part of it.
SILENCED_SYSTEM_CHECKS = ["axes.W006"]
AXES_ENABLE_ACCESS_FAILURE_LOG = True

# --- Personal data --------------------------------------------------------------------
# AES-GCM key for ID and phone numbers, and the HMAC key of the blind index.
_pd_key = env_str("MINSHENG_PD_KEY")
PERSONAL_DATA_KEY: bytes | None = decode_key(_pd_key, "MINSHENG_PD_KEY") if _pd_key else None

# Roster imports: uploads wait in private storage (never served; deleted after the import),
# a size limit, and how long a "running" batch may go without finishing before it shows as failed.
PRIVATE_UPLOAD_ROOT = env_str("PRIVATE_UPLOAD_ROOT") or str(VAR_DIR / "private")
IMPORT_MAX_UPLOAD_MB = env_int("IMPORT_MAX_UPLOAD_MB", 50)
IMPORT_STALE_MINUTES = env_int("IMPORT_STALE_MINUTES", 60)

# --- Internationalisation -------------------------------------------------------------
LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES

# --- Static and media -----------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATICFILES_DIRS = [BASE_DIR / "minsheng" / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = env_str("MEDIA_ROOT") or str(VAR_DIR / "media")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

# --- Background tasks -----------------------------------------------------------------
# The database backend by default; TASKS_BACKEND=rq moves them to Redis (scale-out).
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
if env_str("TASKS_BACKEND") == "immediate":
    TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}

# --- Wagtail --------------------------------------------------------------------------
WAGTAIL_SITE_NAME = env_str("SITE_NAME", "青河市民生工程宣传工作平台")
WAGTAILADMIN_BASE_URL = env_str("SITE_BASE_URL", "http://127.0.0.1:8000")
WAGTAIL_I18N_ENABLED = False
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILDOCS_EXTENSIONS = [
    "csv",
    "doc",
    "docx",
    "mp4",
    "odt",
    "ods",
    "pdf",
    "pptx",
    "rtf",
    "txt",
    "wps",
    "xls",
    "xlsx",
    "zip",
]
# Documents (videos too) are served by the web server after a redirect, so phones get
# HTTP Range requests (iOS Safari needs them to play a video).
WAGTAILDOCS_SERVE_METHOD = "redirect"
WAGTAILDOCS_MAX_UPLOAD_SIZE = env_int("MAX_DOCUMENT_MB", 200) * 1024 * 1024
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 20 * 1024 * 1024
WAGTAILEMBEDS_RESPONSIVE_HTML = True
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAIL_ENABLE_WHATS_NEW_BANNER = False
WAGTAILADMIN_COMMENTS_ENABLED = True
WAGTAIL_PASSWORD_RESET_ENABLED = False
WAGTAILUSERS_PASSWORD_ENABLED = True
WAGTAILADMIN_USER_LOGIN_FORM = "minsheng.orgs.forms.LoginForm"

# --- Portal ---------------------------------------------------------------------------
# Hosts whose players may be embedded in 视听民生 pages (iframes; no oEmbed fetch at run time).
VIDEO_EMBED_HOSTS = env_list(
    "VIDEO_EMBED_HOSTS",
    ["player.bilibili.com", "v.qq.com", "player.youku.com", "www.ixigua.com", "open.douyin.com"],
)
SEARCH_PAGE_SIZE = 10
ELDER_COOKIE = "ms_elder"

# --- Security -------------------------------------------------------------------------
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_AGE = 60 * 60 * 8
CSRF_COOKIE_HTTPONLY = False
X_FRAME_OPTIONS = "SAMEORIGIN"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    "loggers": {
        "jieba": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
        # one line per task is noise in `make run`; failures still show
        "django_tasks": {"level": "WARNING"},
        "axes": {"level": "WARNING"},
    },
}

# Demo and seed data: DEMO_DATA_DIR, else ../shared/data beside the checkout, else the copy
# kept in the repository (minsheng/demo/data; a test keeps it equal to ../shared/data).
DEMO_DATA_DIR = env_str("DEMO_DATA_DIR") or str(
    next(
        (d for d in (BASE_DIR.parent / "shared" / "data",) if (d / "demo_city.csv").exists()),
        BASE_DIR / "minsheng" / "demo" / "data",
    )
)

USE_X_FORWARDED_HOST = env_bool("USE_X_FORWARDED_HOST", False)
