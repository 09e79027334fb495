"""Settings for the Kinship Local Offer portal.

One file, read from the environment. With nothing set you get a development site on a
SQLite file; production sets DEBUG=0, SECRET_KEY, ALLOWED_HOSTS and DATABASE_URL.
"""

import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

from offers.limits import MAX_FORM_BYTES

BASE_DIR = Path(__file__).resolve().parent.parent

DEV_SECRET_KEY = "dev-only-insecure-key-do-not-use-in-production"


TRUE_WORDS = {"1", "true", "yes", "on"}
FALSE_WORDS = {"0", "false", "no", "off"}


def env_bool(name: str, default: bool) -> bool:
    """A yes/no setting. Anything but 1/0, true/false, yes/no or on/off stops the site from
    starting, so a typo like "ture" is never read as "off"."""
    value = os.environ.get(name, "").strip().lower()
    if not value:
        return default
    if value in TRUE_WORDS | FALSE_WORDS:
        return value in TRUE_WORDS
    raise ImproperlyConfigured(
        f"{name}={os.environ[name]!r} is not a yes or no: use 1 or 0 (or true/false, yes/no, "
        "on/off)."
    )


def env_int(name: str, default: int) -> int:
    """A whole-number setting; anything else stops the site from starting."""
    value = os.environ.get(name, "").strip()
    if not value:
        return default
    try:
        return int(value)
    except ValueError:
        raise ImproperlyConfigured(f"{name}={os.environ[name]!r} is not a whole number.") from None


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG", True)
SECRET_KEY = os.environ.get("SECRET_KEY", DEV_SECRET_KEY)
# 50 characters, as Django's deploy check (security.W009) asks.
if not DEBUG and (SECRET_KEY == DEV_SECRET_KEY or len(SECRET_KEY) < 50):
    raise ImproperlyConfigured(
        "Set SECRET_KEY to a long random value (at least 50 characters) when DEBUG is off."
    )

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost,testserver" if DEBUG else "")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "crispy_forms",
    "crispy_forms_gds",
    "axes",
    "csp",
    "offers",
]

MIDDLEWARE = [
    # First, so it times every request and logs the status the client finally gets.
    "offers.middleware.RequestLogMiddleware",
    # Compresses HTML, JSON, CSV and Atom for clients that accept it. Django's version adds
    # random padding against BREACH; public pages carry no secrets in any case.
    "django.middleware.gzip.GZipMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "offers.middleware.PermissionsPolicyMiddleware",
    "csp.middleware.CSPMiddleware",
    # Before anything reads the address or a form: NUL and other control characters get a 400.
    "offers.middleware.RefuseControlCharactersMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Public pages every visitor gets alike, kept whole: served here, so what follows (which
    # such a page does not use) runs only for pages made per request (offers.page_cache).
    "offers.middleware.KeptPageMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Officers work in /workspace/; /admin/ is for site administrators only.
    "offers.middleware.OfficersToWorkspaceMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # Last, as django-axes asks: turns a locked-out sign-in into the lockout page.
    "axes.middleware.AxesMiddleware",
]

# django-axes counts failed sign-ins before Django checks the password (offers.auth).
AUTHENTICATION_BACKENDS = [
    "offers.auth.SignInThrottleBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# Where an officer lands after signing in when the form's "next" is missing or unsafe (an
# address on another site, "//evil.example", "javascript:"): Django's default,
# /accounts/profile/, is a page this site does not have. The one place to change it.
LOGIN_URL = "workspace:sign_in"
LOGIN_REDIRECT_URL = "workspace:home"

ROOT_URLCONF = "kinship_portal.urls"

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
                "offers.context_processors.portal",
            ],
        },
    },
]

WSGI_APPLICATION = "kinship_portal.wsgi.application"

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=env_int("CONN_MAX_AGE", 60),
    )
}

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
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

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

CRISPY_ALLOWED_TEMPLATE_PACKS = ["gds"]
CRISPY_TEMPLATE_PACK = "gds"

# The shared cache (rate limits, cached pages), seen by every worker on every host: Redis when
# REDIS_URL is set, otherwise a table in the database (`manage.py createcachetable` makes it).
REDIS_URL = os.environ.get("REDIS_URL", "")
# A cache is an optimisation, never a dependency (offers.cache_backends): Redis gets a quarter
# of a second to connect or answer (a page from it takes about a millisecond), and while it
# fails, the shared cache's calls go to each process's own memory (rate limits count there)
# and the pages cache keeps nothing, so pages are made from the database.
REDIS_OPTIONS = {"socket_connect_timeout": 0.25, "socket_timeout": 0.25}
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "offers.cache_backends.ReusedClientRedisCache",
            "LOCATION": REDIS_URL,
            "OPTIONS": REDIS_OPTIONS,
            "FALLBACK": "local",
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "kinship_cache",
            # Past this Django deletes a third of the rows, rate-limit counts among them.
            "OPTIONS": {"MAX_ENTRIES": 20000},
        }
    }
# This process's own memory: the shared cache's stand-in while Redis does not answer.
CACHES["local"] = {
    "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
    "LOCATION": "kinship-local",
    "OPTIONS": {"MAX_ENTRIES": 5000},
}
# Where pages made afresh are counted per client (offers.flood): in Redis, shared by every
# worker; without it, in each process's memory, as the database cache would add six queries
# to every page made (so the limit is per process there).
RENDER_LIMIT_CACHE = "default" if REDIS_URL else "local"

# Whole public pages (offers.page_cache). Each is kept with the content version it was made
# under (a token in the database, replaced in the transaction of each change) and served
# only while that is the version now, so a publish needs no clearing and a cache private to
# each process is as correct as a shared one: local memory (bounded) unless REDIS_URL is set.
CACHES["pages"] = (
    {
        "BACKEND": "offers.cache_backends.ReusedClientRedisCache",
        "LOCATION": REDIS_URL,
        "KEY_PREFIX": "pages",
        "OPTIONS": REDIS_OPTIONS,
    }
    if REDIS_URL
    else {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "kinship-pages",
        "OPTIONS": {"MAX_ENTRIES": env_int("PAGE_CACHE_ENTRIES", 5000)},
    }
)

# How many proxies (load balancer, CDN) in front of the site append to X-Forwarded-For; the
# client's address is the one the outermost of them saw. 0: use the connection's address.
TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 0)
if TRUSTED_PROXY_COUNT < 0:
    raise ImproperlyConfigured("TRUSTED_PROXY_COUNT must be 0 or more.")

# Request bodies (offers.limits, offers.uploads). The biggest form is the import's confirm
# page, which carries a document of at most 2 MB back; a form bigger than MAX_FORM_BYTES is
# refused from its Content-Length before it is read (Django's 400 page). An uploaded file is
# kept in memory up to the same size, so an acceptable offer file never goes to disk, and
# DocumentSizeUploadHandler skips any file over the 2 MB a document may be without keeping
# a byte of it: the import page then says how big it was.
DATA_UPLOAD_MAX_MEMORY_SIZE = MAX_FORM_BYTES
FILE_UPLOAD_MAX_MEMORY_SIZE = MAX_FORM_BYTES
FILE_UPLOAD_HANDLERS = [
    "offers.uploads.DocumentSizeUploadHandler",
    "django.core.files.uploadhandler.MemoryFileUploadHandler",
    "django.core.files.uploadhandler.TemporaryFileUploadHandler",
]

SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False
CSRF_FAILURE_VIEW = "offers.views.pages.csrf_failure"
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
if not DEBUG:
    SESSION_COOKIE_SECURE = env_bool("SECURE_COOKIES", True)
    CSRF_COOKIE_SECURE = env_bool("SECURE_COOKIES", True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 60 * 60 * 24 * 365)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
# A load balancer asks for /healthz over plain HTTP on the private network.
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
# Preloading HSTS into browsers is for whoever owns the whole domain (a council's, or
# gov.uk's) to decide, and cannot be taken back quickly, so the site does not ask for it.
SILENCED_SYSTEM_CHECKS = ["security.W021"]

# Content-Security-Policy (django-csp): the templates use no inline script or style, the
# admin's few scripts carry their data in data- attributes, and a council's colour is a
# stylesheet (offers.views.public.brand_css), so nothing needs 'unsafe-inline', here or in
# the admin. Permissions-Policy is set by offers.middleware.PermissionsPolicyMiddleware.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}

# Sign-in throttling (django-axes) on the officers' login: after 5 wrong passwords for one
# username from one address, that pair is locked for an hour (each further try restarts the
# hour). A site administrator unlocks it early with `manage.py axes_reset_username <name>`.
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = 1  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "offers.views.pages.sign_in_locked_out"
# The client's address behind TRUSTED_PROXY_COUNT proxies, as the feedback limit uses.
AXES_CLIENT_IP_CALLABLE = "offers.feedback.client_address"
# Failed tries are kept only until they expire; successful sign-ins (address, browser) are
# not recorded, and attempts are not listed in the admin (unlock with the command above).
AXES_DISABLE_ACCESS_LOG = True
AXES_ENABLE_ADMIN = False

# National helplines (independent help shown on every offer page) are data that a site
# administrator edits in the admin: see offers.models.NationalHelpline.

# Where the site is served from, for absolute links in feeds, sitemaps and share links.
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000" if DEBUG else "").rstrip("/")
if not SITE_URL.startswith(("https://", "http://")):
    raise ImproperlyConfigured(
        "Set SITE_URL to the site's public address, like https://kinship.example, when "
        "DEBUG is off: feeds, the sitemap, robots.txt, the booklet and share links use it."
    )
SITE_NAME = "Kinship support"

# Email (review reminders, offers.reminders; families' alerts, offers.alerts): printed to the
# console in development; sent through the SMTP server named in the environment when DEBUG
# is off.
if DEBUG:
    EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
else:
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 587)
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", True)
EMAIL_TIMEOUT = 30
DEFAULT_FROM_EMAIL = os.environ.get(
    "DEFAULT_FROM_EMAIL", "Kinship support <no-reply@kinship-support.example>"
)


LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"json": {"()": "offers.jsonlog.JsonLineFormatter"}},
    "handlers": {
        "console": {"class": "logging.StreamHandler"},
        "json": {"class": "logging.StreamHandler", "formatter": "json"},
    },
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.request": {"handlers": ["console"], "level": "ERROR", "propagate": False},
        # One JSON line per request (offers.middleware.RequestLogMiddleware): method, path
        # without the query string, status and duration. Nothing a family typed.
        "kinship.requests": {"handlers": ["json"], "level": "INFO", "propagate": False},
        # django-axes says "login failed" at INFO for every try; the lockout is a WARNING.
        "axes": {"level": "WARNING"},
    },
}
