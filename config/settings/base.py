"""Settings shared by every environment.

Every value that differs between machines comes from the environment through
django-environ; `.env.example` lists each variable with a one-line comment.
A `.env` file in the project folder (or the file DJANGO_ENV_FILE names) is
read when present; variables already set in the environment win over it.
"""

from datetime import timedelta
from pathlib import Path

import environ
from csp.constants import NONCE, NONE, SELF

BASE_DIR = Path(__file__).resolve().parent.parent.parent

env = environ.Env()
env_file = Path(env.str("DJANGO_ENV_FILE", default=str(BASE_DIR / ".env")))
if env_file.is_file():
    env.read_env(str(env_file))

# --- Core -----------------------------------------------------------------

DEBUG = env.bool("DJANGO_DEBUG", default=False)
ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS", default=["localhost", "127.0.0.1", "[::1]"])
CSRF_TRUSTED_ORIGINS = env.list("DJANGO_CSRF_TRUSTED_ORIGINS", default=[])

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

DJANGO_APPS = [
    # Django's admin as the portal's own site (apps/accounts/admin_site.py): it asks
    # for a second factor, and its login page forwards to the portal's sign-in.
    "apps.accounts.admin_apps.PortalAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    # /sitemap.xml (apps/site)
    "django.contrib.sitemaps",
]
THIRD_PARTY_APPS = [
    "crispy_forms",
    "crispy_bootstrap5",
    "simple_history",
    # Sign-in lockout (docs/security.md)
    "axes",
    # Two-factor sign-in: TOTP apps and single-use recovery codes
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    # Content-Security-Policy header (docs/security.md)
    "csp",
    # Background tasks (Django's tasks API) and their database queue + `db_worker`
    "django_tasks",
    "django_tasks_db",
]
# Shared ground first, then the apps that use it, then the front door.
LOCAL_APPS = [
    "apps.core",
    "apps.programme",
    "apps.accounts",
    "apps.monitoring",
    # Shared photos (credit, consent, responsive sizes) for every public page
    "apps.photos",
    # One app per component (docs/processes.md, connectivity.md, inclusion.md)
    "apps.processes",
    "apps.connectivity",
    "apps.inclusion",
    # Events across the components; each event is a monitoring activity
    "apps.events",
    # Registration, waiting list and attendance for the events (docs/registrations.md)
    "apps.registrations",
    # Stories and publications (docs/news.md)
    "apps.news",
    # The progress report and the public annual summary, composed from the apps
    # above like the front door (docs/progress-report.md)
    "apps.reporting",
    "apps.site",
]
INSTALLED_APPS = DJANGO_APPS + THIRD_PARTY_APPS + LOCAL_APPS

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Content-Security-Policy and Permissions-Policy on every response, static files too.
    "csp.middleware.CSPMiddleware",
    "apps.core.middleware.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # A NUL character in a query string gets 400, not a database error (admin filters).
    "apps.core.middleware.RejectNullCharactersMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Signs out idle and too-old sessions; before django-otp's middleware.
    "apps.core.middleware.SessionTimeoutMiddleware",
    # Cache-Control: private, no-store for signed-in people and downloads.
    "apps.core.middleware.PrivateResponsesNotStoredMiddleware",
    # request.user.is_verified(): signed in with a second factor (django-otp)
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Records who made a change in the admin's history (django-simple-history).
    "simple_history.middleware.HistoryRequestMiddleware",
    # Counts failed sign-ins and refuses locked-out ones; django-axes wants it last.
    "axes.middleware.AxesMiddleware",
]

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
                "apps.site.context_processors.navigation",
            ],
        },
    },
]

# --- Database ---------------------------------------------------------------

# SQLite in the project folder is the zero-config default; any postgres:// URL
# uses PostgreSQL through psycopg2.
DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
}
DATABASES["default"]["ATOMIC_REQUESTS"] = True
DATABASES["default"]["CONN_MAX_AGE"] = env.int("DJANGO_CONN_MAX_AGE", default=60)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Cache ----------------------------------------------------------------

# Redis when REDIS_URL is set (production, docker-compose.yml: one cache shared
# by every worker, so a purge reaches all of them); otherwise each process keeps
# its own in memory, which is right for one developer's runserver.
REDIS_URL = env.str("REDIS_URL", default="")
CACHES = {
    "default": (
        {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}
        if REDIS_URL
        else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    )
}

# "shared": counters every app process must see alike (rate limits): Redis when
# REDIS_URL is set, otherwise the database (`manage.py createcachetable`, run by
# `make migrate`; the test database gets it by itself).
CACHES["shared"] = (
    {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}
    if REDIS_URL
    else {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": "portal_cache"}
)

# --- Background tasks -----------------------------------------------------------

# Emails leave through Django's tasks API (the django-tasks backport), queued only
# after the transaction commits. "immediate" runs them in the request (runserver,
# tests); "database" queues them for `manage.py db_worker` (production, the
# `worker` service in docker-compose.yml). docs/registrations.md.
TASK_BACKENDS = {
    "immediate": "django_tasks.backends.immediate.ImmediateBackend",
    "database": "django_tasks_db.DatabaseBackend",
}
TASKS = {
    "default": {
        "BACKEND": TASK_BACKENDS[env.str("PORTAL_TASKS_BACKEND", default="immediate")],
        "QUEUES": ["default"],
    }
}
# How often, and how long apart, a failed email is tried again (seconds).
PORTAL_TASK_RETRIES = env.int("PORTAL_TASK_RETRIES", default=5)
PORTAL_TASK_RETRY_DELAY = env.int("PORTAL_TASK_RETRY_DELAY", default=300)

# --- The reporting cycle (docs/reporting-cycle.md) ----------------------------

# A period's updates are due this many days after it ends, unless an adviser sets
# its own due date in the admin.
PORTAL_REPORT_DUE_DAYS = env.int("PORTAL_REPORT_DUE_DAYS", default=30)
# Units with indicators still unreported are reminded this many days before the
# due date, on it, and this many days after it.
PORTAL_REMINDER_DAYS_BEFORE = env.int("PORTAL_REMINDER_DAYS_BEFORE", default=7)
PORTAL_REMINDER_DAYS_AFTER = env.int("PORTAL_REMINDER_DAYS_AFTER", default=7)
# The advisers' weekly digest goes out on this weekday (0 = Monday).
PORTAL_DIGEST_WEEKDAY = env.int("PORTAL_DIGEST_WEEKDAY", default=0)
# The hour (local time) the task worker runs the daily reporting job.
PORTAL_REPORTING_HOUR = env.int("PORTAL_REPORTING_HOUR", default=6)
# Spreadsheet imports: the largest file (bytes) and the most rows one may hold.
PORTAL_IMPORT_MAX_BYTES = env.int("PORTAL_IMPORT_MAX_BYTES", default=2 * 1024 * 1024)
PORTAL_IMPORT_MAX_ROWS = env.int("PORTAL_IMPORT_MAX_ROWS", default=500)

# Public pages rendered once for anonymous visitors, and figures read from many
# rows, kept until what they show changes (apps/core/public_cache.py, docs/performance.md).
PORTAL_PUBLIC_PAGE_CACHE = env.bool("PORTAL_PUBLIC_PAGE_CACHE", default=True)
# How long a stored page lives at most, purge or not (seconds).
PORTAL_PUBLIC_PAGE_TIMEOUT = env.int("PORTAL_PUBLIC_PAGE_TIMEOUT", default=24 * 60 * 60)
# How long a proxy or browser may keep one (Cache-Control: public, max-age).
PORTAL_PUBLIC_PAGE_MAX_AGE = env.int("PORTAL_PUBLIC_PAGE_MAX_AGE", default=60)

# --- Accounts -------------------------------------------------------------

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    # First, so a locked-out account or address is refused before its password is checked.
    "axes.backends.AxesStandaloneBackend",
    # Email and password; the demo accounts only where DEBUG is on.
    "apps.accounts.backends.PortalBackend",
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "site:workspace"
LOGOUT_REDIRECT_URL = "site:home"

# Password hashing and rules: "Passwords, sessions and response headers" below.

# --- Internationalisation -------------------------------------------------

LANGUAGE_CODE = "en"
LANGUAGES = [("en", "English")]
# The ASEAN Secretariat sits in Jakarta.
TIME_ZONE = "Asia/Jakarta"
USE_I18N = True
USE_TZ = True
LOCALE_PATHS = [BASE_DIR / "locale"]
# One way to write dates in the pages and the admin: config/formats/en/formats.py.
FORMAT_MODULE_PATH = ["config.formats"]

# --- Static and media files -------------------------------------------------

STATIC_URL = "/static/"
STATIC_ROOT = Path(env.str("DJANGO_STATIC_ROOT", default=str(BASE_DIR / "staticfiles")))
STATICFILES_DIRS = [
    BASE_DIR / "static",
    # Bootstrap comes from the npm package that `make install` / the Dockerfile
    # install; nothing is loaded from a CDN.
    ("vendor/bootstrap", BASE_DIR / "node_modules" / "bootstrap" / "dist"),
]
# Files browsers ask for at the site's root (/favicon.ico), served by whitenoise
# like static files, so they never reach Django as a 404.
WHITENOISE_ROOT = BASE_DIR / "static" / "root"
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env.str("DJANGO_MEDIA_ROOT", default=str(BASE_DIR / "media")))

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# --- Forms ----------------------------------------------------------------

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# --- History ----------------------------------------------------------------

# History is the record of who changed what; it is viewed, never reverted
# (apps/monitoring/admin.py HistoryAdmin refuses a revert).
SIMPLE_HISTORY_REVERT_DISABLED = True

# --- Security defaults (production tightens these) --------------------------

SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"

# --- Passwords, sessions and response headers (docs/security.md) ------------

# Argon2 hashes new and changed passwords; the others after it still verify
# older hashes, which Django re-hashes with Argon2 at the next sign-in.
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2SHA1PasswordHasher",
    "django.contrib.auth.hashers.BCryptSHA256PasswordHasher",
    "django.contrib.auth.hashers.ScryptPasswordHasher",
]
# At least 12 characters and no
# composition rules (ASVS 6.2); not a common password, not like the person's
# address or name, and none of the words anyone would try first here.
AUTH_PASSWORD_VALIDATORS = [
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator",
        "OPTIONS": {"user_attributes": ("email", "full_name")},
    },
    {"NAME": "apps.core.passwords.ContextWordsPasswordValidator"},
]

# A session ends after this long without a request (apps.core.middleware) ...
PORTAL_SESSION_IDLE_SECONDS = env.int("DJANGO_SESSION_IDLE_MINUTES", default=30) * 60
# ... and this long after signing in, however active (cookie age and a stored sign-in time).
SESSION_COOKIE_AGE = env.int("DJANGO_SESSION_MAX_HOURS", default=12) * 60 * 60

# Scripts and styles come from the portal's own static files: no page, the
# admin included, needs inline code (tests/browser/test_csp.py). A page that
# does gives its <script> or <style> the request's nonce (request.csp_nonce).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF, NONCE],
        # data: for Bootstrap's SVG icons in CSS and the two-factor QR code.
        "img-src": [SELF, "data:"],
        "object-src": [NONE],
        "base-uri": [NONE],
        "frame-ancestors": [NONE],
        "form-action": [SELF],
    },
}

# Browser features the portal never uses, denied to every page (and any frame).
PERMISSIONS_POLICY = {
    feature: []
    for feature in (
        "accelerometer",
        "autoplay",
        "camera",
        "display-capture",
        "encrypted-media",
        "geolocation",
        "gyroscope",
        "hid",
        "idle-detection",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "screen-wake-lock",
        "serial",
        "usb",
        "xr-spatial-tracking",
    )
}

# --- Portal -----------------------------------------------------------------

# Where the accessibility statement tells people to report barriers.
PORTAL_CONTACT_EMAIL = env.str("PORTAL_CONTACT_EMAIL", default="portal@example.org")

EMAIL_BACKEND = env.str(
    "DJANGO_EMAIL_BACKEND", default="django.core.mail.backends.console.EmailBackend"
)
DEFAULT_FROM_EMAIL = env.str("DJANGO_DEFAULT_FROM_EMAIL", default="portal@example.org")
# The mail server of the SMTP backend (django.core.mail.backends.smtp.EmailBackend).
EMAIL_HOST = env.str("DJANGO_EMAIL_HOST", default="localhost")
EMAIL_PORT = env.int("DJANGO_EMAIL_PORT", default=25)
EMAIL_HOST_USER = env.str("DJANGO_EMAIL_HOST_USER", default="")
EMAIL_HOST_PASSWORD = env.str("DJANGO_EMAIL_HOST_PASSWORD", default="")
EMAIL_USE_TLS = env.bool("DJANGO_EMAIL_USE_TLS", default=False)
# A mail server that does not answer fails the send (the task worker tries again
# later) instead of holding a worker for minutes.
EMAIL_TIMEOUT = env.int("DJANGO_EMAIL_TIMEOUT", default=30)

# --- Logging ----------------------------------------------------------------

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"},
    },
    "handlers": {
        "console": {"class": "logging.StreamHandler", "formatter": "plain"},
    },
    "root": {"handlers": ["console"], "level": env.str("DJANGO_LOG_LEVEL", default="INFO")},
}

# --- Sign-in protection (docs/security.md) -----------------------------------

# Lockout (django-axes): after DJANGO_AXES_FAILURE_LIMIT failed sign-ins for one
# account or from one address, that account or address is refused (a page in
# the portal's layout, 429) until the cool-off has passed since its last
# failure. A success does not wipe the failures: otherwise anyone with an
# account could clear the count of their address between guesses.
AXES_FAILURE_LIMIT = env.int("DJANGO_AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = timedelta(minutes=env.int("DJANGO_AXES_COOLOFF_MINUTES", default=15))
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_RESET_ON_SUCCESS = False
AXES_USERNAME_FORM_FIELD = "username"
AXES_USERNAME_CALLABLE = "apps.accounts.security.lockout_username"
AXES_CLIENT_IP_CALLABLE = "apps.accounts.security.client_ip"
AXES_LOCKOUT_CALLABLE = "apps.accounts.views.lockout_response"
# The client's address is REMOTE_ADDR. Only in production behind a proxy of
# ours that overwrites it, name the header that proxy sets (X-Forwarded-For,
# X-Real-IP) and how many proxies append to it; a header the client can set
# itself would let anyone pick a new address for every guess.
PORTAL_CLIENT_IP_HEADER = env.str("DJANGO_CLIENT_IP_HEADER", default="")
PORTAL_TRUSTED_PROXY_COUNT = env.int("DJANGO_TRUSTED_PROXY_COUNT", default=1)

# Two-step sign-in (django-otp): the name authenticator apps show, and the
# admin never shows a device's key after it is made.
OTP_TOTP_ISSUER = "ASEC Programme Portal"
OTP_ADMIN_HIDE_SENSITIVE_DATA = True

# A password reset link works for this many seconds (and only once).
PASSWORD_RESET_TIMEOUT = env.int("DJANGO_PASSWORD_RESET_TIMEOUT", default=60 * 60)

# Security events (apps/accounts/security.py) are logged whatever DJANGO_LOG_LEVEL says.
LOGGING["loggers"] = {**LOGGING.get("loggers", {}), "portal.security": {"level": "INFO"}}

# --- Event registration (docs/registrations.md) ------------------------------------

# The portal's address as visitors reach it: emails sent by the task worker (no
# request at hand) build their links from it.
PORTAL_SITE_URL = env.str("PORTAL_SITE_URL", default="http://127.0.0.1:8000").rstrip("/")

# The version of the privacy notice (templates/site/privacy.html, dated in
# apps/site/legal.py) that registrants consent to. Part of the code, not of the
# environment: raise it in the same commit as a change of the notice in substance,
# so each registration records which text its consent was given to.
PORTAL_PRIVACY_NOTICE_VERSION = "1.1"
# Registrations one address may send in a window (the "shared" cache counts them).
PORTAL_REGISTRATION_RATE_LIMIT = env.int("PORTAL_REGISTRATION_RATE_LIMIT", default=5)
PORTAL_REGISTRATION_RATE_WINDOW = env.int("PORTAL_REGISTRATION_RATE_WINDOW", default=60 * 60)
# Months after an event ends before its participants' personal data is purged,
# unless the event sets its own (`manage.py purge_participant_data`).
PORTAL_PARTICIPANT_RETENTION_MONTHS = env.int("PORTAL_PARTICIPANT_RETENTION_MONTHS", default=24)

# --- Open data (docs/open-data.md) --------------------------------------------------

# The IATI publisher decides these: the reporting organisation's IATI identifier
# and the programme activity's identifier (which starts with it).
PORTAL_IATI_REPORTING_ORG_REF = env.str("PORTAL_IATI_REPORTING_ORG_REF", default="DE-1")
PORTAL_IATI_REPORTING_ORG_NAME = env.str(
    "PORTAL_IATI_REPORTING_ORG_NAME",
    default="Deutsche Gesellschaft für Internationale Zusammenarbeit (GIZ) GmbH",
)
PORTAL_IATI_ACTIVITY_IDENTIFIER = env.str("PORTAL_IATI_ACTIVITY_IDENTIFIER", default="")
