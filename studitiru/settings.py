"""Settings of Portal Studi Tiru: one module, configured by environment variables.

With nothing set it is the embedded default for a demo or a small agency:
SQLite and media files under ``var/``, tasks run in-process, e-mail printed to
the console. Production sets at least ``SECRET_KEY``, ``ALLOWED_HOSTS`` and
``DATABASE_URL`` (PostgreSQL through psycopg 3); ``DEBUG`` is off by default
outside development and the portal refuses to start without a real key.
"""

import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("VAR_DIR", BASE_DIR / "var"))


def env_str(name, default=""):
    return os.environ.get(name, default)


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    if value.lower() in {"1", "true", "yes", "on"}:
        return True
    if value.lower() in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"{name} must be true or false, not {value!r}.") from None


def env_int(name, default):
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    try:
        return int(value)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {value!r}.") from None


def env_list(name, default=()):
    value = os.environ.get(name)
    if value is None:
        return list(default)
    return [item.strip() for item in value.split(",") if item.strip()]


DEBUG = env_bool("DEBUG", default=False)
# Set by the test configuration (pyproject.toml): static files from the finders.
TESTING = env_bool("TESTING", default=False)

SECRET_KEY = env_str("SECRET_KEY")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "SECRET_KEY is not set. Set SECRET_KEY to a long random value in "
            "production, or DEBUG=true for local development."
        )
    # Development only: sessions signed with this key are worthless elsewhere.
    SECRET_KEY = "django-insecure-development-only-key-for-portal-studi-tiru"
# Earlier keys, while SECRET_KEY is rotated: what they signed or sealed (the
# authenticator secrets, agencies.mfa) stays readable.
SECRET_KEY_FALLBACKS = env_list("SECRET_KEY_FALLBACKS")

ALLOWED_HOSTS = env_list(
    "ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "[::1]"] if DEBUG else []
)
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_tasks_db",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "allauth.usersessions",
    "crispy_forms",
    "crispy_bootstrap5",
    "django_htmx",
    "django_filters",
    "simple_history",
    "pagecache",
    "agencies",
    "visits",
    "reports",
    "backups",
    "privacy",
    # The data generators: they import every app above, none imports them.
    "demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "studitiru.middleware.PreferredLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # A logged-in user's pages are not kept by browsers and proxies.
    "studitiru.middleware.PrivatePagesMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    # The logged-in user names the historical rows written in a request
    # (the Django admin's edits among them); services name theirs (history/).
    "simple_history.middleware.HistoryRequestMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    # After authentication, sessions and messages: heads and admins without a
    # second factor are sent to enrol before anything else (agencies/mfa.py).
    "agencies.middleware.MFAEnrolmentMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
]

ROOT_URLCONF = "studitiru.urls"
WSGI_APPLICATION = "studitiru.wsgi.application"
ASGI_APPLICATION = "studitiru.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.csp",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                # After Django's CSRF processor: a page kept by the page cache
                # holds a placeholder, filled in per response.
                "pagecache.pages.csrf_placeholder",
            ],
            # {% load pagination %}: the links of templates/_pagination.html;
            # {% load dates %}: the one way a page or an e-mail shows a time.
            "libraries": {"pagination": "studitiru.pagination", "dates": "studitiru.dates"},
            # {% icon %} on every page: an icon from the sprite (studitiru/icons.py);
            # Django's |date and |time, memoised (the same text, written once).
            "builtins": ["studitiru.icons", "studitiru.date_filters"],
        },
    },
]

# Form widgets are drawn from Django's own Jinja2 templates (studitiru/renderers.py).
FORM_RENDERER = "studitiru.renderers.FormRenderer"

# Database: SQLite in var/ unless DATABASE_URL says otherwise (PostgreSQL in
# production and CI).
DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL") or f"sqlite:///{VAR_DIR / 'db.sqlite3'}",
        conn_max_age=env_int("DB_CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    Path(DATABASES["default"]["NAME"]).parent.mkdir(parents=True, exist_ok=True)
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
    }
elif env_bool("DB_PREPARED_STATEMENTS", True):
    # PostgreSQL: send parameters apart from the SQL so that psycopg prepares a
    # query the fifth time a connection runs it, and PostgreSQL may keep its
    # plan: planning the pages' joins cost as much as running them
    # (benchmarks/, README). Django turns psycopg's preparing off unless
    # prepare_threshold is given. Turn off behind a pooler in transaction mode
    # that does not track prepared statements (PgBouncer without
    # max_prepared_statements). A query then takes at most 65,535 parameters.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        server_side_binding=True, prepare_threshold=5
    )

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "agencies.User"

AUTHENTICATION_BACKENDS = [
    "agencies.backends.ModelBackend",
    "agencies.backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
if TESTING:
    # Hashing a password properly takes half a second; tests make hundreds.
    PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "home"

# django-allauth: log in by e-mail, no open self-signup (agencies invite).
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_EMAIL_VERIFICATION = "none"
ACCOUNT_ADAPTER = "agencies.adapters.AccountAdapter"
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[Portal Studi Tiru] "
# One address per account, and it is the login: the e-mail page shows it and
# refuses a second one; a coordinator or the admin changes it.
ACCOUNT_MAX_EMAIL_ADDRESSES = 1
# Rate limits, counted in the shared default cache. Per account (the address
# typed): 5 failed logins in 5 minutes, then even the right password is refused
# until the window passes. Per client address: 30 failures a minute, well above
# what one office behind a NAT produces, so that a few people mistyping (or one
# attacker behind the same gateway) do not lock out everyone there; a correct
# login does not count. All login attempts of one address: 60 a minute.
# Both failure limits can be set from the environment ("<count>/<period>",
# periods like m, 5m, h), e.g. for a large office behind one gateway.
LOGIN_FAILURES_PER_ADDRESS = env_str("LOGIN_FAILURES_PER_ADDRESS", "30/m")
LOGIN_FAILURES_PER_ACCOUNT = env_str("LOGIN_FAILURES_PER_ACCOUNT", "5/5m")
ACCOUNT_RATE_LIMITS = {
    "login": "60/m/ip",
    "login_failed": f"{LOGIN_FAILURES_PER_ADDRESS}/ip,{LOGIN_FAILURES_PER_ACCOUNT}/key",
}
# The client's address, for those limits: the REMOTE_ADDR of the connection,
# unless the portal runs behind reverse proxies. Then either the number of
# proxies in front of it that append to X-Forwarded-For (1 for one nginx), or
# a header that the outermost proxy sets and that clients cannot (X-Real-IP).
# Trusting more proxies than there are lets a client choose its own address.
ALLAUTH_TRUSTED_PROXY_COUNT = env_int("ALLAUTH_TRUSTED_PROXY_COUNT", 0)
ALLAUTH_TRUSTED_CLIENT_IP_HEADER = env_str("ALLAUTH_TRUSTED_CLIENT_IP_HEADER") or None
# Signup is closed, so a password reset for an unknown address sends nothing
# (allauth would otherwise mail a stranger an invitation to sign up).
ACCOUNT_EMAIL_UNKNOWN_ACCOUNTS = False
# The portal's words on allauth's forms ("E-mail", "Kata sandi").
ACCOUNT_FORMS = {
    "login": "agencies.forms.accounts.LoginForm",
    "reset_password": "agencies.forms.accounts.ResetPasswordForm",
    "reset_password_from_key": "agencies.forms.accounts.ResetPasswordKeyForm",
    "set_password": "agencies.forms.accounts.SetPasswordForm",
    "change_password": "agencies.forms.accounts.ChangePasswordForm",
    "reauthenticate": "agencies.forms.accounts.ReauthenticateForm",
}

# Second factor (allauth.mfa): an authenticator app's 6-digit code (TOTP),
# with one-time recovery codes for a lost phone. Heads, agency admins and
# national admins must enrol before they can use the portal
# (agencies.middleware.MFAEnrolmentMiddleware); everyone else may.
MFA_ADAPTER = "agencies.adapters.MFAAdapter"
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "Portal Studi Tiru"
# One 30-second step either side: a phone's clock is often a little off.
MFA_TOTP_TOLERANCE = 1
# The portal's demo (manage.py load_demo) refuses to run unless DEBUG is on
# or this says the server is a public demo: it creates accounts whose
# password and second factor the README publishes.
DEMO_SERVER = env_bool("DEMO_SERVER", default=False)

# Language, time zone: Indonesian first, English second; times stored in UTC
# and shown in Western Indonesian Time unless an agency's own zone applies.
LANGUAGE_CODE = "id"
LANGUAGES = [("id", _("Bahasa Indonesia")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Jakarta"
# Dates and times per language, one style everywhere (studitiru/formats/).
FORMAT_MODULE_PATH = ["studitiru.formats"]
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = Path(env_str("STATIC_ROOT") or BASE_DIR / "staticfiles")
# Front-end libraries come from the npm registry at install time
# (package.json), never from a CDN: the portal must work on a closed network.
# Bootstrap and its icons are served as the portal's own cut of them, built
# into static/build/ by `npm run build` (frontend/build.mjs).
NODE_MODULES = BASE_DIR / "node_modules"
STATICFILES_DIRS = [
    BASE_DIR / "static",
    ("vendor/htmx", NODE_MODULES / "htmx.org" / "dist"),
    ("vendor/tom-select", NODE_MODULES / "tom-select" / "dist"),
    ("vendor/chart.js", NODE_MODULES / "chart.js" / "dist"),
]
MEDIA_URL = "media/"
MEDIA_ROOT = Path(env_str("MEDIA_ROOT") or VAR_DIR / "media")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG or TESTING
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
WHITENOISE_USE_FINDERS = DEBUG or TESTING
WHITENOISE_AUTOREFRESH = DEBUG
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024

# Cache and sessions. The default cache holds what every app process must
# share: allauth's rate-limit counters (failed logins, password resets), the
# TOTP codes already used, the calendar feeds. It is Redis when REDIS_URL is
# set (the sessions are read from it too), otherwise Django's database cache — never
# per-process memory, which let each gunicorn worker keep counters of its own
# (a limit of 5 failed logins held only at the 11th-14th attempt with three
# workers). Its table, CACHE_TABLE, is created by a migration
# (agencies/migrations/0007_cache_table.py), so `manage.py migrate` is all a
# clean checkout or a production server needs. It keeps at most 20,000 entries
# (Django counts them on every write, and culls expired ones past the limit).
# "documents" keeps rendered PDFs (reports.pdf), 100-300 KB each, in
# local memory, at most 100 per process, even with Redis: they would crowd the
# sessions out of it, and clearing them would clear the sessions too (FLUSHDB).
REDIS_URL = env_str("REDIS_URL")
CACHE_TABLE = "studitiru_cache"
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": CACHE_TABLE,
        "OPTIONS": {"MAX_ENTRIES": 20_000},
    },
    "documents": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "documents",
        "OPTIONS": {"MAX_ENTRIES": 100},
    },
}
if REDIS_URL:
    CACHES["default"] = {
        "BACKEND": "studitiru.caches.RedisCache",
        "LOCATION": REDIS_URL,
    }
# Sessions: read from the default cache, written through to the database (the
# table django_session), so a session outlives a cache cleared or restarted,
# and logging out or ending a member's sessions removes both copies. Never a
# per-process cache: a session ended in one worker would live on in another.
SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"

# The page cache (pagecache/): whole pages of the key views, kept under keys
# that hold their reader and the version stamps of the data they show (the
# stamps live in the default cache, shared by every process). The pages
# themselves live in Redis when there is one, otherwise in each process's
# memory: a stamp read from the shared cache tells every process alike when a
# page is out of date. PAGE_CACHE=false renders every page afresh (the test
# suite's default, whose query counts are a page's own work; the page cache's
# tests, the permission matrix, the browser tests and the coherence run turn
# it on); PAGE_CACHE_SECONDS bounds how long a page is kept, a safety net behind the
# stamps (and the most a "3 days ago" can lag).
PAGE_CACHE = env_bool("PAGE_CACHE", default=not TESTING)
# The rows of the key lists are kept one by one under their own data
# (pagecache/rows.py): with the page cache, and alone with ROW_CACHE=true
# PAGE_CACHE=false, which makes every page afresh from kept rows — what a page
# costs on its first view after a write (the benchmark's "write" pass).
ROW_CACHE = env_bool("ROW_CACHE", default=PAGE_CACHE)
PAGE_CACHE_SECONDS = env_int("PAGE_CACHE_SECONDS", 300)


def _redis_or_process_cache(name, *, max_entries):
    """A cache in Redis (its own key prefix) with REDIS_URL, else in each
    process's memory, holding at most ``max_entries``."""
    if REDIS_URL:
        return {"BACKEND": "studitiru.caches.RedisCache", "LOCATION": REDIS_URL, "KEY_PREFIX": name}
    return {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": name,
        "OPTIONS": {"MAX_ENTRIES": max_entries},
    }


# About 50-150 KB a page: at most some 50 MB per process.
CACHES["pages"] = _redis_or_process_cache("pages", max_entries=500)
# The rows kept one by one (pagecache/rows.py), beside the pages: dozens a
# page, which would push whole pages out of a cache they shared. About 1 KB
# a row: some 5 MB per process.
CACHES["rows"] = _redis_or_process_cache("rows", max_entries=5000)

# Background work through django.tasks: in-process by default, a database
# queue served by `manage.py db_worker` when TASKS_BACKEND=database.
TASKS = {
    "default": {
        "BACKEND": {
            "immediate": "django.tasks.backends.immediate.ImmediateBackend",
            "database": "django_tasks_db.DatabaseBackend",
        }[env_str("TASKS_BACKEND", "immediate")]
    }
}

# The portal's public address, for links in e-mails and calendar feeds.
PORTAL_URL = env_str("PORTAL_URL", "http://127.0.0.1:8000")

# E-mail: printed to the console unless EMAIL_HOST names an SMTP server.
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "Portal Studi Tiru <noreply@studitiru.test>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
if env_str("EMAIL_HOST"):
    MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {
                "host": env_str("EMAIL_HOST"),
                "port": env_int("EMAIL_PORT", 587),
                "username": env_str("EMAIL_HOST_USER"),
                "password": env_str("EMAIL_HOST_PASSWORD"),
                "use_tls": env_bool("EMAIL_USE_TLS", default=True),
                "timeout": 20,
            },
        }
    }
else:
    MAILERS = {"default": {"BACKEND": "django.core.mail.backends.console.EmailBackend"}}

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# Security. Content-Security-Policy forbids inline scripts and styles and any
# outside origin: templates use static files only.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
    "form-action": [CSP.SELF],
}
SESSION_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
# Production speaks HTTPS only. With DEBUG off every one of these is on unless
# the environment turns it off by name: plain HTTP redirects to HTTPS, the
# session and CSRF cookies travel over HTTPS only, and browsers are told for a
# year (HSTS) never to try plain HTTP again. A server on plain HTTP (a test or a
# benchmark on loopback) says SECURE_SSL_REDIRECT=false, SECURE_COOKIES=false,
# SECURE_HSTS_SECONDS=0. HSTS covers subdomains by default: a Dinas Sosial's
# portal lives on a (sub)domain the agency's IT office owns, and a sibling
# subdomain on plain HTTP could otherwise set cookies for it; an office whose
# other subdomains still serve plain HTTP sets SECURE_HSTS_INCLUDE_SUBDOMAINS=
# false. Preloading is a commitment to browsers' built-in lists, hard to undo:
# off unless asked for.
if not DEBUG:
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", default=True)
    # A load balancer's health probe often speaks plain HTTP to the app.
    SECURE_REDIRECT_EXEMPT = [r"^sehat/$"]
    SESSION_COOKIE_SECURE = env_bool("SECURE_COOKIES", default=True)
    CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
    SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 365 * 24 * 60 * 60)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=True)
    SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", default=False)
    if not SECURE_HSTS_PRELOAD:
        # check --deploy warns unless preload is on. The preload lists take
        # registrable domains (kabupaten.go.id), not the subdomain an agency
        # runs its portal on, and leaving them takes months: a choice for the
        # domain's owner, made with SECURE_HSTS_PRELOAD=true, not a default.
        SILENCED_SYSTEM_CHECKS = ["security.W021"]
    if env_bool("BEHIND_PROXY"):
        # The TLS ends at the reverse proxy, which must set (never pass on)
        # X-Forwarded-Proto: otherwise every request looks like plain HTTP.
        SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# A form sent after its CSRF token expired gets the portal's page, which says
# how to keep what was typed (studitiru/errors.py).
CSRF_FAILURE_VIEW = "studitiru.errors.csrf_failure"

# Logs go to the console (gunicorn's stderr, the journal). A request refused
# with 4xx, or one that found the database unavailable, is one line without a
# traceback (studitiru.errors.OneLineErrors): on the logger that writes them
# (django.request), and on the handler for the other django.security.* ones.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"one_line_errors": {"()": "studitiru.errors.OneLineErrors"}},
    "handlers": {
        "console": {"class": "logging.StreamHandler", "filters": ["one_line_errors"]},
    },
    "loggers": {
        "django.request": {"filters": ["one_line_errors"]},
    },
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "WARNING")},
}

# Change history (django-simple-history, see history/): a historical row keeps
# a stored file's name as text; the file itself is the live row's business.
SIMPLE_HISTORY_FILEFIELD_TO_CHARFIELD = True
# Who changed what is shown in the portal's own pages and the admin (each
# app's ModelAdmins are SimpleHistoryAdmin); its "revert to this version" is
# not offered.
SIMPLE_HISTORY_REVERT_DISABLED = True

# Documentation photos of reports (reports/photos.py). Each upload is decoded
# with Pillow and refused beyond these limits; what is stored is a re-encoded
# JPEG at most PHOTO_MAX_SIDE pixels on its long side, and a thumbnail. A
# reverse proxy in front must accept request bodies of
# PHOTO_MAX_FILES x PHOTO_MAX_UPLOAD_MB (nginx: client_max_body_size).
# Months after a visit is reported after which its participants' NIP, phone
# and e-mail are erased (UU PDP; `manage.py erase_expired_contacts`, daily).
PERSONAL_DATA_RETENTION_MONTHS = env_int("PERSONAL_DATA_RETENTION_MONTHS", 24)
if PERSONAL_DATA_RETENTION_MONTHS < 1:
    raise ImproperlyConfigured("PERSONAL_DATA_RETENTION_MONTHS must be at least 1.")

PHOTO_MAX_UPLOAD_MB = env_int("PHOTO_MAX_UPLOAD_MB", 15)
PHOTO_MAX_PIXELS = env_int("PHOTO_MAX_PIXELS", 50_000_000)
PHOTO_MAX_FILES = env_int("PHOTO_MAX_FILES", 20)
PHOTO_MAX_SIDE = 2000
PHOTO_THUMBNAIL_SIDE = 480
