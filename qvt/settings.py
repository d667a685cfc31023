"""Settings of the QVT & numérique diagnostic, all read from the environment (see README)."""

from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from qvt.env import env_bool, env_int, env_list, env_networks, env_str, is_weak_secret

BASE_DIR = Path(__file__).resolve().parent.parent

DEBUG = env_bool("DJANGO_DEBUG", False)

SECRET_KEY = env_str("DJANGO_SECRET_KEY")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("DJANGO_SECRET_KEY is required when DJANGO_DEBUG is off.")
    SECRET_KEY = "django-insecure-development-only-never-use-in-production"  # noqa: S105
elif not DEBUG and is_weak_secret(SECRET_KEY):
    raise ImproperlyConfigured(
        "DJANGO_SECRET_KEY is too weak: use at least 50 random characters "
        "(python -c 'import secrets; print(secrets.token_urlsafe(50))')."
    )

ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", ["127.0.0.1", "localhost"] if DEBUG else [])
if not ALLOWED_HOSTS:
    raise ImproperlyConfigured("DJANGO_ALLOWED_HOSTS is required when DJANGO_DEBUG is off.")
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "crispy_forms",
    "crispy_bootstrap5",
    "csp",
    "axes",
    "django_tasks",
    "django_tasks_db",
    "accounts",
    "cooperatives",
    "diagnostics",
    "fiches",
    "plans",
    "networks",  # after plans: its box comes after the stepper on the session page
    "exercises",
    "followup",
    "reports",
    "qvt",  # the top: composes the apps (manage.py seed_demo)
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "qvt.middleware.PrivacyHeadersMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Last: turns a login refused by axes into our 429 page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "qvt.urls"
WSGI_APPLICATION = "qvt.wsgi.application"

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
                "django.template.context_processors.i18n",
            ],
        },
    },
]

# The embedded default is a SQLite file; production, CI and docker-compose set DATABASE_URL.
DATABASE_URL = env_str("DATABASE_URL")
if DATABASE_URL:
    DATABASES = {
        "default": dj_database_url.parse(
            DATABASE_URL,
            conn_max_age=env_int("DJANGO_CONN_MAX_AGE", 60, minimum=0),
            conn_health_checks=True,
        )
    }
else:
    if not DEBUG and not env_bool("DJANGO_ALLOW_SQLITE", False):
        raise ImproperlyConfigured(
            "DATABASE_URL is required when DJANGO_DEBUG is off "
            "(set DJANGO_ALLOW_SQLITE=1 to run on SQLite on purpose)."
        )
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": env_str("DJANGO_SQLITE_PATH") or BASE_DIR / "db.sqlite3",
            "OPTIONS": {"transaction_mode": "IMMEDIATE", "timeout": 20},
        }
    }

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"
# Axes first: it refuses a locked-out login before any password is checked, on our login page
# and on /admin/login/ alike. ModelBackend keeps its dotted path: sessions and the
# login(..., backend=...) calls name it.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "home"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "fr"
LANGUAGES = [("fr", _("Français")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
# Dates: « 1 décembre 2026 » in sentences, 01/12/2026 in tables and CSVs, day first in English too.
FORMAT_MODULE_PATH = ["qvt.formats"]
TIME_ZONE = "Europe/Paris"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = env_str("DJANGO_STATIC_ROOT") or BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
WHITENOISE_USE_FINDERS = DEBUG

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# Security headers. HTTPS-only settings follow DJANGO_HTTPS (on by default in production).
HTTPS = env_bool("DJANGO_HTTPS", not DEBUG)
SECURE_SSL_REDIRECT = HTTPS
# Load balancers probe over plain HTTP inside the private network.
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
SECURE_HSTS_SECONDS = 31_536_000 if HTTPS else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = HTTPS
SECURE_HSTS_PRELOAD = HTTPS
if env_bool("DJANGO_BEHIND_PROXY", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# Reverse proxies whose X-Forwarded-For is believed (addresses or CIDR networks); from anyone
# else the header is ignored, since a client can write whatever it likes in it.
TRUSTED_PROXIES = env_networks("DJANGO_TRUSTED_PROXIES")
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True
CSRF_COOKIE_SAMESITE = "Lax"
X_FRAME_OPTIONS = "DENY"
LANGUAGE_COOKIE_SAMESITE = "Lax"
LANGUAGE_COOKIE_SECURE = HTTPS
LANGUAGE_COOKIE_AGE = 365 * 24 * 3600

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'none'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
    }
}

# Failed logins (django-axes): in the database, so every worker counts the same failures
# without a cache server. Locked per address and, separately, per account (many addresses
# guessing one password), the account being the typed address lower-cased. Ten failures
# pass, the eleventh is refused, as for tokens; the lock lasts 15 minutes.
AXES_HANDLER = "axes.handlers.database.AxesDatabaseHandler"
AXES_LOCKOUT_PARAMETERS = ["ip_address", "username"]
AXES_FAILURE_LIMIT = 11
AXES_COOLOFF_TIME = timedelta(minutes=15)
AXES_USERNAME_FORM_FIELD = "username"
AXES_USERNAME_CALLABLE = "accounts.throttle.login_username"
AXES_CLIENT_IP_CALLABLE = "accounts.throttle.client_ip"
AXES_LOCKOUT_CALLABLE = "accounts.throttle.login_lockout"
# A successful login must not wipe the address's counter (an attacker would log into an
# account of their own between guesses); and no log of successful logins is kept.
AXES_RESET_ON_SUCCESS = False
AXES_DISABLE_ACCESS_LOG = True
# Axes keeps the failed request's GET and POST data: mask the account, and `next`, which holds
# an invitation token when the invitation sent its owner to log in first.
AXES_SENSITIVE_PARAMETERS = ["username", "ip_address", "next"]
AXES_VERBOSE = False

EMAIL_BACKEND = env_str(
    "DJANGO_EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend"
    if DEBUG
    else "django.core.mail.backends.smtp.EmailBackend",
)
EMAIL_HOST = env_str("DJANGO_EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("DJANGO_EMAIL_PORT", 587, minimum=1, maximum=65535)
EMAIL_HOST_USER = env_str("DJANGO_EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = env_str("DJANGO_EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = env_bool("DJANGO_EMAIL_USE_TLS", True)
DEFAULT_FROM_EMAIL = env_str("DJANGO_DEFAULT_FROM_EMAIL", "diagnostic@localhost")
# Invitations and reminders a cooperative (and a sender) may email in 24 hours (issue 12).
EMAILS_PER_COOPERATIVE_PER_DAY = env_int("DJANGO_EMAILS_PER_COOPERATIVE_PER_DAY", 200, minimum=1)
# No figure of a network from fewer cooperatives than this (issue 16); never below 5, a floor
# networks.statistics enforces too, whatever this says.
NETWORK_MIN_COOPERATIVES = env_int("DJANGO_NETWORK_MIN_COOPERATIVES", 5, minimum=5)

# Emails leave the request: they are queued in the database and sent by `manage.py db_worker`
# (the worker service of docker-compose.yml, started by `make run` beside the dev server).
# Django 6 has this framework built in: moving there changes only this setting's paths.
# The tests set the immediate backend (send at once, in-process); see pyproject.toml.
TASKS = {
    "default": {
        "BACKEND": env_str("DJANGO_TASKS_BACKEND", "django_tasks_db.DatabaseBackend"),
        "QUEUES": ["default"],
    }
}
# Where Django's file-based email backend writes (DJANGO_EMAIL_BACKEND=...filebased...): the
# worker test reads what a real worker sent there.
EMAIL_FILE_PATH = env_str("DJANGO_EMAIL_FILE_PATH") or None

# Structured logs: one JSON object per line on stdout, for the host's log collector.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"json": {"()": "qvt.logs.JsonFormatter"}},
    "handlers": {
        "stdout": {
            "class": "logging.StreamHandler",
            "formatter": "json",
            "stream": "ext://sys.stdout",
        }
    },
    "root": {"handlers": ["stdout"], "level": env_str("DJANGO_LOG_LEVEL", "INFO")},
    # WeasyPrint reports every font and image it loads at INFO: ~15 lines per PDF.
    "loggers": {"weasyprint": {"level": "WARNING"}, "fontTools": {"level": "WARNING"}},
}
