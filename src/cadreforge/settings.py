"""CadreForge settings: everything from environment variables, with safe demo defaults.

DATABASE_URL   default: SQLite file var/cadreforge.sqlite3 under the project root (what `make demo` uses)
DATABASE_REPLICA_URL  optional: a read replica of it for GET pages (core/replica.py, docs/scaling.md)
SECRET_KEY     default: a fixed demo key — set a real one in production
DATA_KEY       key for encrypting personal data and keying its lookup hash; default derived from SECRET_KEY
DATA_KEY_FILE  or: a file holding that key (e.g. a mounted secret); DATA_KEY wins when both are set
DATA_KEY_RETIRED  keys DATA_KEY replaced, comma separated: read, never written (`cadreforge rekey`)
DEBUG          "1" to enable debug pages (default off)
ALLOWED_HOSTS  comma separated (default: localhost names)
CADREFORGE_ENV "production" turns on HTTPS-only cookies, HSTS, SSL redirect and the production checks
               (see docs/deploy.md for the whole list of production variables)
"""

import os
from pathlib import Path

import dj_database_url

BASE_DIR = Path(__file__).resolve().parent
PROJECT_DIR = Path(os.environ.get("CADREFORGE_HOME", BASE_DIR.parent.parent)).resolve()
VAR_DIR = PROJECT_DIR / "var"

SECRET_KEY = os.environ.get("SECRET_KEY", "cadreforge-demo-secret-key-not-for-production-use-0123456789")
DATA_KEY = os.environ.get("DATA_KEY", "")
if not DATA_KEY and os.environ.get("DATA_KEY_FILE"):
    DATA_KEY = Path(os.environ["DATA_KEY_FILE"]).read_text(encoding="utf-8").strip()
# Keys replaced by DATA_KEY, still used to read values written before `cadreforge rekey` (comma separated).
DATA_KEY_RETIRED = [k.strip() for k in os.environ.get("DATA_KEY_RETIRED", "").split(",") if k.strip()]
DEBUG = os.environ.get("DEBUG", "") == "1"
CADREFORGE_ENV = os.environ.get("CADREFORGE_ENV", "development")
PRODUCTION = CADREFORGE_ENV == "production"
ALLOWED_HOSTS = [
    h.strip() for h in os.environ.get("ALLOWED_HOSTS", "127.0.0.1,localhost,testserver").split(",")
]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django_tasks",
    "django_tasks_db",
    "ninja",
    # our apps, in dependency order (an app may import only from those above it)
    "cadreforge.core",
    "cadreforge.accounts",
    "cadreforge.audit",
    "cadreforge.org",
    "cadreforge.people",
    "cadreforge.chains",
    "cadreforge.programs",
    "cadreforge.selection",
    "cadreforge.secondment",
    "cadreforge.matching",
    "cadreforge.pipeline",
    "cadreforge.training",
    "cadreforge.evaluation",
    "cadreforge.reports",
    "cadreforge.exchange",
    "cadreforge.api",
    "cadreforge.web",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "cadreforge.audit.middleware.DeniedAccessMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "cadreforge.accounts.middleware.SessionSecurityMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "cadreforge.urls"
WSGI_APPLICATION = "cadreforge.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "cadreforge.web.context_processors.navigation",
            ],
        },
    },
]

_default_sqlite = f"sqlite:///{VAR_DIR / 'cadreforge.sqlite3'}"
DATABASES = {
    "default": dj_database_url.parse(os.environ.get("DATABASE_URL", _default_sqlite), conn_max_age=60)
}
# A kept connection is checked before reuse, so a restarted database server is survived without errors.
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }

# A read replica (docs/scaling.md): GET pages read the domain from it; writes, accounts, tokens and the
# audit log stay on the primary, and a browser that just wrote reads the primary for a few seconds.
if os.environ.get("DATABASE_REPLICA_URL"):
    DATABASES["replica"] = dj_database_url.parse(os.environ["DATABASE_REPLICA_URL"], conn_max_age=60)
    DATABASES["replica"]["CONN_HEALTH_CHECKS"] = True
    DATABASES["replica"]["TEST"] = {"MIRROR": "default"}
    DATABASE_ROUTERS = ["cadreforge.core.replica.ReplicaRouter"]
CADREFORGE_REPLICA_PIN_SECONDS = int(os.environ.get("CADREFORGE_REPLICA_PIN_SECONDS", "10"))

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
# `cadreforge backup` writes "cfjson": JSON that keeps microseconds (see core/serializers.py).
SERIALIZATION_MODULES = {"cfjson": "cadreforge.core.serializers"}
AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "/accounts/login/"
LOGIN_REDIRECT_URL = "/"
LOGOUT_REDIRECT_URL = "/accounts/login/"

AUTHENTICATION_BACKENDS = ["cadreforge.accounts.backends.LockoutModelBackend"]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
    {"NAME": "cadreforge.accounts.passwords.ComplexityValidator", "OPTIONS": {"min_classes": 3}},
    {"NAME": "cadreforge.accounts.passwords.HistoryValidator", "OPTIONS": {"keep": 5}},
]

# Login security (等保三级; the choices are explained in docs/security.md).
CADREFORGE_PASSWORD_MAX_AGE_DAYS = int(os.environ.get("CADREFORGE_PASSWORD_MAX_AGE_DAYS", "90"))
CADREFORGE_LOCKOUT_FAILURES = int(os.environ.get("CADREFORGE_LOCKOUT_FAILURES", "5"))
CADREFORGE_LOCKOUT_MINUTES = int(os.environ.get("CADREFORGE_LOCKOUT_MINUTES", "15"))
# The META key of the header the trusted reverse proxy sets to the client address, e.g. HTTP_X_REAL_IP;
# empty = no proxy, REMOTE_ADDR is the client. Never set it when clients can reach the app directly.
CADREFORGE_CLIENT_IP_HEADER = os.environ.get("CADREFORGE_CLIENT_IP_HEADER", "")
CADREFORGE_SESSION_IDLE_MINUTES = int(os.environ.get("CADREFORGE_SESSION_IDLE_MINUTES", "30"))
CADREFORGE_SESSION_ABSOLUTE_HOURS = int(os.environ.get("CADREFORGE_SESSION_ABSOLUTE_HOURS", "8"))
CADREFORGE_OTP_ALGORITHMS = {
    "totp": "cadreforge.accounts.otp.TotpSha1",
    "totp-sm3": "cadreforge.accounts.otp.TotpSm3",
}
CADREFORGE_OTP_DEFAULT_KIND = os.environ.get("CADREFORGE_OTP_DEFAULT_KIND", "totp")

# Audit log: the chain's MAC ("hmac-sha256" or "hmac-sm3") and the shortest retention a purge accepts.
CADREFORGE_AUDIT_MAC = os.environ.get("CADREFORGE_AUDIT_MAC", "hmac-sha256")
CADREFORGE_AUDIT_MIN_RETENTION_DAYS = 184

# Chinese whatever the browser asks for: the app has no other translation, and following Accept-Language
# (LocaleMiddleware) switched only Django's own strings (form errors, weekday names) to English.
# Adding a language means a translation file under LOCALE_PATHS, an entry here and LocaleMiddleware back.
LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", VAR_DIR / "static"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", VAR_DIR / "media"))

TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

# E-mail (weekly-report reminders): SMTP from the environment; printed to the console unless EMAIL_BACKEND says so.
EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = os.environ.get("EMAIL_USE_TLS", "") == "1"
EMAIL_USE_SSL = os.environ.get("EMAIL_USE_SSL", "") == "1"
EMAIL_TIMEOUT = int(os.environ.get("EMAIL_TIMEOUT", "10"))
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "CadreForge <noreply@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_AGE = CADREFORGE_SESSION_IDLE_MINUTES * 60
SESSION_SAVE_EVERY_REQUEST = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"

# HTTPS (production sits behind an HTTPS reverse proxy; see docs/deploy.md).
SESSION_COOKIE_SECURE = PRODUCTION or os.environ.get("SESSION_COOKIE_SECURE") == "1"
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SECURE_SSL_REDIRECT = os.environ.get("SECURE_SSL_REDIRECT", "1" if PRODUCTION else "0") == "1"
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "31536000" if PRODUCTION else "0"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = os.environ.get("SECURE_HSTS_INCLUDE_SUBDOMAINS", "1") == "1"
SECURE_HSTS_PRELOAD = os.environ.get("SECURE_HSTS_PRELOAD", "1") == "1"
# e.g. "HTTP_X_FORWARDED_PROTO,https": trust the proxy's word that the request came over HTTPS.
if os.environ.get("SECURE_PROXY_SSL_HEADER"):
    _header, _value = os.environ["SECURE_PROXY_SSL_HEADER"].split(",", 1)
    SECURE_PROXY_SSL_HEADER = (_header.strip(), _value.strip())
CSRF_TRUSTED_ORIGINS = [o.strip() for o in os.environ.get("CSRF_TRUSTED_ORIGINS", "").split(",") if o.strip()]

# Content Security Policy: no inline scripts, nothing from outside (assets are served by the app).
# django-csp applies it when installed; otherwise our small middleware sends the same header.
_CSP_DIRECTIVES = {
    "default-src": ["'self'"],
    "script-src": ["'self'"],
    "style-src": ["'self'"],
    "img-src": ["'self'", "data:"],
    "font-src": ["'self'"],
    "connect-src": ["'self'"],
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
    "form-action": ["'self'"],
    "frame-ancestors": ["'none'"],
}
CONTENT_SECURITY_POLICY = {"DIRECTIVES": _CSP_DIRECTIVES}
try:
    import csp  # noqa: F401

    INSTALLED_APPS.append("csp")
    MIDDLEWARE.insert(1, "csp.middleware.CSPMiddleware")
except ImportError:
    MIDDLEWARE.insert(1, "cadreforge.accounts.headers.ContentSecurityPolicyMiddleware")
if "replica" in DATABASES:
    MIDDLEWARE.insert(MIDDLEWARE.index("django.contrib.sessions.middleware.SessionMiddleware"),
                      "cadreforge.core.replica.ReplicaReadsMiddleware")  # fmt: skip

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}
