"""Django's Redis cache, where an unreachable Redis is a cache miss, not an error page.

When Redis is stopped, frozen or restarting, every call would raise (or hang until the socket
timeout) and take the page down with it, though the site can render every page without a cache.
`ResilientRedisCache` answers such a call as a miss (reads find nothing, writes are dropped) and then
leaves Redis alone for `RETRY_SECONDS`, so an outage costs each worker at most one timeout every few
seconds instead of one per request. Pages stay correct: every key carries the content version, so
whatever Redis holds when it comes back is either current or never asked for.
"""

import logging
import threading
import time

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.redis import RedisCache
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)


class ResilientRedisCache(RedisCache):
    """A RedisCache whose failures are misses, with a pause before Redis is tried again."""

    def __init__(self, server, params):
        params = dict(params)
        options = dict(params.get("OPTIONS", {}))
        self.retry_seconds = float(options.pop("RETRY_SECONDS", 5))
        params["OPTIONS"] = options
        super().__init__(server, params)
        self.down_until = 0.0
        self.lock = threading.Lock()

    def attempt(self, call, fallback):
        """Run one call to Redis; on failure (or while resting after one) return `fallback`."""
        if time.monotonic() < self.down_until:
            return fallback
        try:
            return call()
        except (RedisError, OSError) as error:
            with self.lock:
                first = time.monotonic() >= self.down_until
                self.down_until = time.monotonic() + self.retry_seconds
            if first:
                logger.warning(
                    "Redis cannot be reached (%s); serving without it for %.0f s.",
                    type(error).__name__,
                    self.retry_seconds,
                )
            return fallback

    def get(self, key, default=None, version=None):
        return self.attempt(lambda: RedisCache.get(self, key, default, version), default)

    def get_many(self, keys, version=None):
        return self.attempt(lambda: RedisCache.get_many(self, keys, version), {})

    def has_key(self, key, version=None):
        return self.attempt(lambda: RedisCache.has_key(self, key, version), False)

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        self.attempt(lambda: RedisCache.set(self, key, value, timeout, version), None)

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        return self.attempt(lambda: RedisCache.set_many(self, data, timeout, version), list(data))

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self.attempt(lambda: RedisCache.add(self, key, value, timeout, version), False)

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        return self.attempt(lambda: RedisCache.touch(self, key, timeout, version), False)

    def incr(self, key, delta=1, version=None):
        """Add to a counter; None while Redis cannot be reached (a caller counting fails open)."""
        return self.attempt(lambda: RedisCache.incr(self, key, delta, version), None)

    def delete(self, key, version=None):
        return self.attempt(lambda: RedisCache.delete(self, key, version), False)

    def delete_many(self, keys, version=None):
        self.attempt(lambda: RedisCache.delete_many(self, keys, version), None)

    def clear(self):
        return self.attempt(lambda: RedisCache.clear(self), False)
