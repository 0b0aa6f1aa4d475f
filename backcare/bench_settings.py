"""Settings for `make bench` only: the real settings plus a bare Django view to measure against.

The bare view (/bench/bare/) answers "Hello" through the same middleware and the same gunicorn, so
it is the floor every page is compared with. It exists in no other settings.
"""

from .settings import *  # noqa: F403
from .settings import BACKCARE_PAGE_CACHE_EXCLUDE

ROOT_URLCONF = "backcare.bench_urls"
BACKCARE_PAGE_CACHE_EXCLUDE = [*BACKCARE_PAGE_CACHE_EXCLUDE, "/bench/"]

# wrk asks from one address far faster than a person: the per-client limits would measure the 429
# page, not the pages (the limits themselves are tested in tests/test_rate_limits.py).
BACKCARE_RATE_LIMITS = {}
