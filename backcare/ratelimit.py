"""Per-client limits on the requests that cost the most: searches and checklist answers.

A client is known only by a keyed hash of its address (HMAC with SECRET_KEY, under a key that
changes every day), so no address is stored and yesterday's counts cannot be tied to today's. The
counts live in the cache (`add` then `incr`, one key a client a minute): in Redis, shared by every
process, and while Redis is down in each process's memory (ResilientRedisCache). When nothing can
count (`incr` answers None) the request goes through: a limit must never take the site down with it. Past the limit a client gets a short, plain 429 page with Retry-After.

The middleware sits inside the page cache: a search the cache already holds is served before it is
counted, because it costs about a millisecond; only searches that have to be run count.
"""

import time

from django.conf import settings
from django.core.cache import cache
from django.shortcuts import render
from django.utils import timezone
from django.utils.cache import add_never_cache_headers
from django.utils.crypto import salted_hmac

from .security import client_ip

WINDOW_SECONDS = 60


def client_token(request) -> str:
    """Return today's keyed hash of the client's address (never the address itself)."""
    day = timezone.now().date().isoformat()
    address = client_ip(request) or ""
    return salted_hmac(f"backcare.ratelimit.{day}", address, algorithm="sha256").hexdigest()[:32]


def count(name: str, request) -> tuple[int | None, int]:
    """Count this request in its client's current minute; return the count and seconds left."""
    now = time.time()
    window = int(now // WINDOW_SECONDS)
    key = f"rate:{name}:{window}:{client_token(request)}"
    cache.add(key, 0, WINDOW_SECONDS + 5)
    try:
        total = cache.incr(key)
    except ValueError:
        total = None  # the count expired between add and incr, or the cache lost it
    return total, int((window + 1) * WINDOW_SECONDS - now) + 1


def too_many_requests(request, retry_after: int):
    """Ask the client to wait, in plain words, with the emergency number."""
    response = render(request, "429.html", {"retry_after": retry_after}, status=429)
    response["Retry-After"] = str(retry_after)
    add_never_cache_headers(response)
    return response


class RateLimitMiddleware:
    """Limit each client's requests to the views named in BACKCARE_RATE_LIMITS."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        match = request.resolver_match
        limit = settings.BACKCARE_RATE_LIMITS.get(match.view_name) if match else None
        if limit is None or request.method not in limit["methods"]:
            return None
        total, seconds_left = count(match.view_name, request)
        if total is not None and total > limit["per_minute"]:
            return too_many_requests(request, seconds_left)
        return None
