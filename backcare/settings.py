"""BackCare settings: the one place that reads the environment (see .env.example)."""

import ipaddress
import os
import tempfile
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.core.files.storage import FileSystemStorage
from django.utils.csp import CSP

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name, "").strip().lower()
    return value in {"1", "true", "yes", "on"} if value else default


def env_int(name: str, default: int) -> int:
    value = os.environ.get(name, "").strip()
    return int(value) if value else default


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


# --- Core -----------------------------------------------------------------------------------------
DEBUG = env_bool("DJANGO_DEBUG")
LOCAL = env_bool("DJANGO_LOCAL")
# Production is anything that is neither DEBUG nor a laptop (DJANGO_LOCAL): secure by default.
PRODUCTION = not (DEBUG or LOCAL)
SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
if not SECRET_KEY:
    if PRODUCTION:
        raise ImproperlyConfigured(
            "DJANGO_SECRET_KEY is not set. Production refuses to start without one; "
            "set DJANGO_LOCAL=1 (as `make run` does) for a laptop."
        )
    SECRET_KEY = "insecure-local-only-key-never-use-in-production"
# .env.example's stand-in for a key: copied as it is, it would be the same on every site.
EXAMPLE_SECRET_KEY = "replace-with-your-own-long-random-key"
if PRODUCTION and SECRET_KEY == EXAMPLE_SECRET_KEY:
    raise ImproperlyConfigured(
        "DJANGO_SECRET_KEY is still .env.example's placeholder. Production refuses to start with "
        "it; put a key of your own there, e.g. the output of "
        "python -c 'import secrets; print(secrets.token_urlsafe(50))'."
    )

ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", "127.0.0.1,localhost,[::1]")
# The site's own address: canonical links, sharing links and structured data are built from it,
# never from the request's Host header.
BACKCARE_SITE_URL = os.environ.get(
    "BACKCARE_SITE_URL",
    f"https://{ALLOWED_HOSTS[0]}" if PRODUCTION and ALLOWED_HOSTS else "http://127.0.0.1:8000",
).rstrip("/")
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS")

# --- Applications ---------------------------------------------------------------------------------
INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    # Search lookups (trigram similarity) on PostgreSQL; nothing of it runs on SQLite.
    "django.contrib.postgres",
    "crispy_forms",
    "crispy_bootstrap5",
    "bootstrap",
    "simple_history",
    # django-axes, named "Login lockouts" in the admin.
    "backcare.login_lockouts.LoginLockoutsConfig",
    "phonenumber_field",
    "backcare",
    "exercises",
    "guidance",
    "feedback",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Headers every response carries (static files, cached pages and error pages too) come first.
    "backcare.middleware.SecurityHeadersMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # A read whose database connection broke is run once more on a new one, the page cache's query
    # included (backcare/resilience.py).
    "backcare.resilience.RetryReadsMiddleware",
    # Early, so a cached page costs one small query and little else (backcare/cache.py).
    "backcare.cache.PageCacheMiddleware",
    # Inside the page cache, which then leaves the checklist's one-size answers uncompressed.
    "backcare.privacy.PrivateAnswersMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    # Before the CSRF check: a method the view does not take gets the site's 405, a body Django
    # cannot read its 400.
    "backcare.middleware.RequestGuardMiddleware",
    # Searches and checklist answers a client may send a minute (backcare/ratelimit.py).
    "backcare.ratelimit.RateLimitMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # Records which staff member made each change to the guide's content.
    "simple_history.middleware.HistoryRequestMiddleware",
    # Last, as django-axes asks: turns a locked-out login into its lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "backcare.urls"
WSGI_APPLICATION = "backcare.wsgi.application"

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
                "backcare.context_processors.site",
                "guidance.context_processors.guide",
            ],
        },
    },
]

# --- Database -------------------------------------------------------------------------------------
# Connections are kept between requests and checked before reuse, so a dropped one (a restarted
# PostgreSQL, pg_terminate_backend) is replaced instead of failing a request.
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=env_int("DJANGO_CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}
# gunicorn's threaded workers (gunicorn.conf.py) serve many requests at once in each process, and a
# kept connection per thread would soon pass PostgreSQL's max_connections. DJANGO_DB_POOL_SIZE
# gives each process a pool of at most that many connections instead. 0: a kept connection a thread.
# The pool does not check a connection before lending it: psycopg_pool waits 1 s, then 2 s, 4 s...
# after each dead one it finds, and once PostgreSQL has ended every connection (a restart,
# pg_terminate_backend) a request met several in a row and waited 5 s or more. A read finds out at
# its first query and is run again on a checked connection; a write is given a checked one
# (backcare/resilience.py), and a dead connection is swapped for a new one at once.
DB_POOL_SIZE = env_int("DJANGO_DB_POOL_SIZE", 0)
DB_POOL_OPTIONS = {
    "min_size": 1,
    "max_size": DB_POOL_SIZE or 8,
    "max_idle": 60,
    # Seconds a request waits for a free connection before it fails.
    "timeout": 10,
    # Not psycopg_pool's check, which Django adds when CONN_HEALTH_CHECKS is on (see above).
    "check": None,
}
if DB_POOL_SIZE and DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    DATABASES["default"]["CONN_MAX_AGE"] = 0  # the pool keeps them
    DATABASES["default"].setdefault("OPTIONS", {})["pool"] = DB_POOL_OPTIONS

# --- Cache ----------------------------------------------------------------------------------------
# Each process's memory by default; Redis, shared by every worker and app server, when REDIS_URL is
# set. Either way no page is ever served stale (see backcare/cache.py). A Redis that cannot be
# reached is a miss, tried again after a pause (backcare/cache_backends.py); short socket timeouts
# keep a frozen Redis from holding a request up.
# A folder on this machine the app server's processes share (pages while Redis is down):
# BACKCARE_CACHE_DIR, else systemd's CacheDirectory= (deploy/backcare.service).
BACKCARE_CACHE_DIR = Path(
    os.environ.get("BACKCARE_CACHE_DIR")
    or os.environ.get("CACHE_DIRECTORY")
    or Path(tempfile.gettempdir()) / f"backcare-cache-{os.getuid()}"
)
REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "backcare.cache_backends.ResilientRedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "backcare",
            "OPTIONS": {
                "socket_connect_timeout": float(os.environ.get("REDIS_CONNECT_TIMEOUT", "0.25")),
                "socket_timeout": float(os.environ.get("REDIS_TIMEOUT", "0.5")),
                "RETRY_SECONDS": float(os.environ.get("REDIS_RETRY_SECONDS", "5")),
                # While Redis is down, a page one process rendered serves the others.
                "SHARED_LOCATION": str(BACKCARE_CACHE_DIR / "pages"),
            },
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "OPTIONS": {"MAX_ENTRIES": 1000},
        }
    }
# A routine of one's own can be any of millions of codes: its pages are kept apart, a bounded number
# in each process's memory (least recently used out first), so made-up routines cannot push the
# guide's pages out of the cache (backcare/cache.py).
CACHES["routines"] = {
    "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
    "LOCATION": "backcare-routines",
    "OPTIONS": {"MAX_ENTRIES": 300},
}
BACKCARE_PAGE_CACHE_STORES = {"/exercises/routine/": "routines"}
# The public pages' cache (off: every request renders its page, e.g. to measure that).
BACKCARE_PAGE_CACHE = env_bool("BACKCARE_PAGE_CACHE", True)
BACKCARE_PAGE_CACHE_SECONDS = 24 * 3600
BACKCARE_PAGE_CACHE_EXCLUDE = ["/admin/"]
# Set at admin login: a signed marker that lets staff bypass the page cache without a query.
BACKCARE_STAFF_COOKIE = "backcare_staff"
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Auth -----------------------------------------------------------------------------------------
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Staff log in to the admin only. After 5 failed attempts for one username from one address, that
# pair is locked out for an hour (django-axes); other staff and other addresses are unaffected.
AUTHENTICATION_BACKENDS = [
    "backcare.security.AxesBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# Behind a proxy, the address is the one our own proxies saw (see backcare/security.py).
# Any address is also refused for an hour after BACKCARE_LOGIN_FAILURES_PER_ADDRESS failures across
# all usernames (password spraying).
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = 1  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_LOCKOUT_CALLABLE = "backcare.views.lockout"
AXES_CLIENT_IP_CALLABLE = "backcare.security.client_ip"
AXES_RESET_ON_SUCCESS = True
# The addresses (or networks, e.g. 10.0.0.0/24) of our own proxies in front of the app servers
# (nginx, a load balancer). X-Forwarded-For counts only on a connection from one of them, as with
# gunicorn's forwarded_allow_ips; empty (the default) trusts no header: the address is the peer's.
BACKCARE_TRUSTED_PROXY_IPS = env_list("BACKCARE_TRUSTED_PROXY_IPS")
for proxy in BACKCARE_TRUSTED_PROXY_IPS:
    try:
        ipaddress.ip_network(proxy, strict=False)
    except ValueError as error:
        raise ImproperlyConfigured(
            f"BACKCARE_TRUSTED_PROXY_IPS: {proxy!r} is not an IP address or network."
        ) from error
BACKCARE_LOGIN_FAILURES_PER_ADDRESS = env_int("BACKCARE_LOGIN_FAILURES_PER_ADDRESS", 10)

# --- Internationalisation -------------------------------------------------------------------------
LANGUAGE_CODE = "en-us"
TIME_ZONE = os.environ.get("DJANGO_TIME_ZONE", "America/New_York")
USE_I18N = True
USE_TZ = True

# --- Static files ---------------------------------------------------------------------------------
STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
# The manifest (each file's hashed name) is for the server only: kept outside STATIC_ROOT, WhiteNoise
# never serves it.
BACKCARE_STATIC_MANIFEST_ROOT = BASE_DIR / "staticfiles-manifest"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage",
        "OPTIONS": {"manifest_storage": FileSystemStorage(location=BACKCARE_STATIC_MANIFEST_ROOT)},
    },
}
# Serve straight from the finders when there is no collectstatic (make run, tests).
WHITENOISE_USE_FINDERS = True
# Files outside the apps and templates whose change is a new release of the pages (backcare/cache.py).
BACKCARE_RELEASE_FILES = [BACKCARE_STATIC_MANIFEST_ROOT / "staticfiles.json"]
# A development server (make run) checks its source files' dates on each request, so an edited
# template never serves a page kept from before the edit.
BACKCARE_WATCH_SOURCES = env_bool("BACKCARE_WATCH_SOURCES")
WHITENOISE_AUTOREFRESH = DEBUG

FIXTURE_DIRS = [BASE_DIR / "fixtures"]

# --- Uploaded media -------------------------------------------------------------------------------
# Exercise photos staff upload (and their renditions). Every app server must see the same folder
# (a shared disk or volume): a photo uploaded through one server is served by all of them. The app
# serves it at MEDIA_URL itself (backcare.views.media), with no directory listings.
MEDIA_ROOT = Path(os.environ.get("BACKCARE_MEDIA_ROOT", BASE_DIR / "media"))
MEDIA_URL = "/media/"

# --- Security -------------------------------------------------------------------------------------
# Everything the site uses comes from its own origin. Public pages load scripts from static files
# only, so a cached page carries no nonce; the admin's pages use one (they are never cached).
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
    "form-action": [CSP.SELF],
    "base-uri": [CSP.SELF],
    "object-src": [CSP.NONE],
}
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
# Production is HTTPS only by default: redirect to HTTPS, Secure cookies, HSTS for a year.
# DJANGO_PLAIN_HTTP=1 turns all three off, for a production-like test over plain HTTP.
HTTPS_ONLY = PRODUCTION and not env_bool("DJANGO_PLAIN_HTTP")
SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", HTTPS_ONLY)
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = env_bool("DJANGO_SECURE_COOKIES", HTTPS_ONLY)
SECURE_HSTS_SECONDS = env_int("DJANGO_HSTS_SECONDS", 31536000 if HTTPS_ONLY else 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("DJANGO_HSTS_INCLUDE_SUBDOMAINS", HTTPS_ONLY)
# Preloading is a promise to browser makers the clinic makes itself (hstspreload.org), not a default.
SECURE_HSTS_PRELOAD = env_bool("DJANGO_HSTS_PRELOAD")
if not SECURE_HSTS_PRELOAD:
    SILENCED_SYSTEM_CHECKS = ["security.W021"]
if env_bool("DJANGO_BEHIND_TLS_PROXY"):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# Nothing on the site needs a camera, microphone, location, payment or any other device feature,
# except the timer's "keep the screen on" (the Screen Wake Lock API), for the site's own pages only.
BACKCARE_PERMISSIONS_POLICY = ", ".join(
    ["screen-wake-lock=(self)"]
    + [
        f"{feature}=()"
        for feature in (
            "accelerometer",
            "autoplay",
            "camera",
            "display-capture",
            "encrypted-media",
            "geolocation",
            "gyroscope",
            "hid",
            "magnetometer",
            "microphone",
            "midi",
            "payment",
            "publickey-credentials-get",
            "serial",
            "usb",
            "xr-spatial-tracking",
        )
    ]
)
BACKCARE_CROSS_ORIGIN_RESOURCE_POLICY = "same-origin"
CSRF_FAILURE_VIEW = "backcare.views.csrf_failure"

# --- Forms ----------------------------------------------------------------------------------------
CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# --- Phone numbers --------------------------------------------------------------------------------
# The clinic's phone is read as a number of this country unless it starts with + (ISO 3166 code).
PHONENUMBER_DEFAULT_REGION = os.environ.get("BACKCARE_PHONE_REGION", "US")
# Stored normalised as an RFC 3966 URI ("tel:+1-631-555-0100;ext=2"): E.164 would drop an extension.
PHONENUMBER_DB_FORMAT = "RFC3966"
PHONENUMBER_DEFAULT_FORMAT = "INTERNATIONAL"

# --- BackCare -------------------------------------------------------------------------------------
# The number a patient calls in an emergency; shown on every page and on the checklist's result.
EMERGENCY_NUMBER = os.environ.get("BACKCARE_EMERGENCY_NUMBER", "911")
# Every answer to the checklist is padded to this many bytes, so its size tells nothing (privacy.py).
BACKCARE_PRIVATE_RESPONSE_BYTES = env_int("BACKCARE_PRIVATE_RESPONSE_BYTES", 32768)
# How long a clinician's review of an item holds before the next one is due (backcare.signoff).
BACKCARE_REVIEW_INTERVAL_DAYS = env_int("BACKCARE_REVIEW_INTERVAL_DAYS", 365)
# The test patients a reviewer sees run against a pending triage change before approving it.
BACKCARE_TRIAGE_SCENARIOS = BASE_DIR / "tests" / "guidance" / "scenarios.json"

# --- Rate limits ----------------------------------------------------------------------------------
# Requests a minute from one client (by a daily keyed hash of its address, never the address) to
# the views that cost the most, and to feedback, which writes; past that, a 429 page. Far above
# what a patient ever does.
BACKCARE_RATE_LIMITS = {
    "search": {
        "methods": ["GET", "HEAD"],
        "per_minute": env_int("BACKCARE_SEARCHES_PER_MINUTE", 60),
    },
    "guidance:checklist": {
        "methods": ["POST"],
        "per_minute": env_int("BACKCARE_CHECKLIST_POSTS_PER_MINUTE", 30),
    },
    "feedback:post": {
        "methods": ["POST"],
        "per_minute": env_int("BACKCARE_FEEDBACK_POSTS_PER_MINUTE", 10),
    },
}

# --- Logging --------------------------------------------------------------------------------------
# Request bodies are never logged: checklist answers are health data.
# A client's mistake (a 4xx) is one line, without a traceback.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {
        "client_errors_in_one_line": {"()": "backcare.logs.ClientErrorsInOneLine"},
        # A read that lost its database connection is run once more (backcare/resilience.py).
        "hide_retried_errors": {"()": "backcare.resilience.HideRetriedErrors"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "filters": ["client_errors_in_one_line", "hide_retried_errors"],
        }
    },
    "root": {"handlers": ["console"], "level": os.environ.get("DJANGO_LOG_LEVEL", "WARNING")},
}

# --- Email ----------------------------------------------------------------------------------------
# The site sends no email; on a laptop anything Django would send is printed instead.
MAILERS = {
    "default": {
        "BACKEND": "django.core.mail.backends."
        + ("smtp.EmailBackend" if PRODUCTION else "console.EmailBackend")
    }
}
