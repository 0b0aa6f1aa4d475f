"""Settings for the test suite: the real settings, with what only tests need (named in pyproject)."""

import atexit
import os
import shutil
import tempfile

# Tests run without DJANGO_LOCAL (CI's PostgreSQL pass); give them a key of their own.
os.environ.setdefault("DJANGO_SECRET_KEY", "tests-only-secret-key-never-used-elsewhere")
# The test client speaks plain HTTP; production's HTTPS-only defaults are tested in a subprocess.
os.environ.setdefault("DJANGO_PLAIN_HTTP", "1")

from .settings import *  # noqa: E402, F403
from .settings import CACHES, REDIS_URL, STORAGES, Path  # noqa: E402

# Tests make many users; a slow password hash only slows them down.
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# No collectstatic before a test run: serve the files as they are.
STORAGES = {
    **STORAGES,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_AUTOREFRESH = True
MAILERS = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}
# Uploaded photos go to a folder of this process's own (each xdist worker has one), never the
# project's media folder; it is removed when the process ends.
MEDIA_ROOT = Path(tempfile.mkdtemp(prefix="backcare-test-media-"))
atexit.register(shutil.rmtree, MEDIA_ROOT, ignore_errors=True)
# What the app server's processes share on disk (pages while Redis is down) too.
BACKCARE_CACHE_DIR = Path(tempfile.mkdtemp(prefix="backcare-test-cache-"))
atexit.register(shutil.rmtree, BACKCARE_CACHE_DIR, ignore_errors=True)
if "SHARED_LOCATION" in CACHES["default"].get("OPTIONS", {}):
    CACHES["default"] = {
        **CACHES["default"],
        "OPTIONS": {
            **CACHES["default"]["OPTIONS"],
            "SHARED_LOCATION": str(BACKCARE_CACHE_DIR / "pages"),
        },
    }
# The test client's host: canonical and sharing links are built from the site's configured address.
BACKCARE_SITE_URL = "http://testserver"
# Tests send many searches and checklist answers from the test client's one address; the limits
# are tested with the real values in tests/test_rate_limits.py.
BACKCARE_RATE_LIMITS = {}
# With REDIS_URL (CI), each xdist worker has a Redis database of its own: clearing the cache before
# each test empties the whole database, so two workers sharing one would clear each other's pages.
if REDIS_URL and (worker := os.environ.get("PYTEST_XDIST_WORKER", "")):
    CACHES["default"]["LOCATION"] = f"{REDIS_URL.rsplit('/', 1)[0]}/{1 + int(worker[2:])}"
