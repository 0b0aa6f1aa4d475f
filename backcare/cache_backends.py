"""Django's Redis cache, where Redis failing is a cache miss, not an error page.

When Redis is stopped, frozen or restarting, every call would raise (or hang until the socket
timeout) and take the page down with it, though the site can render every page without a cache.
`ResilientRedisCache` answers such a call as a miss (reads find nothing, writes are dropped) and then
leaves Redis alone for `RETRY_SECONDS`: every thread of the process (Django gives each thread its
own cache object) skips it, so an outage costs a process one timeout every few seconds, not one per
request.

Each process also keeps a copy of the entries it writes or reads in its own memory (a bounded
LocMemCache, least recently used out first) and looks there first. While Redis is down the pages
at hand are served from there instead of being rendered again by every request, and when it is up
a kept page costs no round trip. That is never stale for the same reason Redis is not: every key
carries the content version, so an entry is either current or never asked for again. Counters
(`add`, `incr`: the rate limits) are Redis's alone while it answers, so every process counts
together.

While Redis is down, what a process writes also goes to a folder the app server's processes share
(`SHARED_LOCATION`, Django's FileBasedCache), and a miss looks there: a page one process rendered
after an edit is not rendered again by each of the others. With two app servers of three workers
each, every page was rendered six times after an edit during an outage, and the p99 rose over 1 s.
"""

import logging
import threading
import time

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.filebased import FileBasedCache
from django.core.cache.backends.locmem import LocMemCache
from django.core.cache.backends.redis import RedisCache
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)

# Until when (time.monotonic()) each Redis is left alone, per process, whichever thread found it down.
PAUSED_UNTIL: dict[str, float] = {}
pause_lock = threading.Lock()
MISSING = object()


class ResilientRedisCache(RedisCache):
    """A RedisCache whose failures are misses, with each process's memory in front of it."""

    def __init__(self, server, params):
        options = dict(params.get("OPTIONS", {}))
        self.retry_seconds = float(options.pop("RETRY_SECONDS", 5))
        local_entries = int(options.pop("LOCAL_MAX_ENTRIES", 300))
        shared_location = options.pop("SHARED_LOCATION", "")
        super().__init__(server, {**params, "OPTIONS": options})
        self.location = str(server)
        copy_params = {
            "TIMEOUT": params.get("TIMEOUT", 300),
            "KEY_PREFIX": params.get("KEY_PREFIX", ""),
            "OPTIONS": {"MAX_ENTRIES": local_entries},
        }
        # LocMemCaches of the same name share their memory: one copy for all of a process's threads.
        self.local = LocMemCache(f"backcare-redis-copy-{self.location}", copy_params)
        self.shared = FileBasedCache(shared_location, copy_params) if shared_location else None

    def is_resting(self) -> bool:
        return time.monotonic() < PAUSED_UNTIL.get(self.location, 0.0)

    def attempt(self, call, fallback=False):
        """Run one call to Redis; on failure (or while resting after one) return `fallback`."""
        if self.is_resting():
            return fallback
        try:
            return call()
        except (RedisError, OSError) as error:
            with pause_lock:
                first = not self.is_resting()
                PAUSED_UNTIL[self.location] = time.monotonic() + self.retry_seconds
            if first:
                logger.warning(
                    "Redis cannot be reached (%s); serving without it for %.0f s.",
                    type(error).__name__,
                    self.retry_seconds,
                )
            return fallback

    def get(self, key, default=None, version=None):
        value = self.local.get(key, MISSING, version)
        if value is MISSING:
            value = self.attempt(lambda: RedisCache.get(self, key, MISSING, version), MISSING)
            if value is MISSING and self.shared is not None:
                value = self.shared.get(key, MISSING, version)
            if value is MISSING:
                return default
            self.local.set(key, value, version=version)
        return value

    def get_many(self, keys, version=None):
        found = self.local.get_many(keys, version)
        missing = [key for key in keys if key not in found]
        if missing:
            fetched = self.attempt(lambda: RedisCache.get_many(self, missing, version), {})
            if self.shared is not None:
                left = [key for key in missing if key not in fetched]
                fetched.update(self.shared.get_many(left, version) if left else {})
            self.local.set_many(fetched, version=version)
            found.update(fetched)
        return found

    def has_key(self, key, version=None):
        return (
            self.local.has_key(key, version)
            or self.attempt(lambda: RedisCache.has_key(self, key, version), False)
            or (self.shared is not None and self.shared.has_key(key, version))
        )

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        self.local.set(key, value, timeout, version)
        stored = self.attempt(lambda: RedisCache.set(self, key, value, timeout, version) or True)
        if not stored and self.shared is not None:
            self.shared.set(key, value, timeout, version)

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        self.local.set_many(data, timeout, version)
        stored = self.attempt(lambda: RedisCache.set_many(self, data, timeout, version) or True)
        if not stored and self.shared is not None:
            self.shared.set_many(data, timeout, version)
        return []

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        added = self.attempt(lambda: RedisCache.add(self, key, value, timeout, version), MISSING)
        if added is MISSING:  # Redis down: count in this process meanwhile
            return self.local.add(key, value, timeout, version)
        if added:
            self.local.set(key, value, timeout, version)
        return added

    def incr(self, key, delta=1, version=None):
        """Add to a counter in Redis; while it is down, in this process's memory."""
        total = self.attempt(lambda: RedisCache.incr(self, key, delta, version), MISSING)
        if total is MISSING:
            try:
                return self.local.incr(key, delta, version)
            except ValueError:
                return None  # not counted here either: a caller counting fails open
        return total

    def copies(self) -> list:
        """This process's copy, and the app server's shared one if there is one."""
        return [self.local] if self.shared is None else [self.local, self.shared]

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        for copy in self.copies():
            copy.touch(key, timeout, version)
        return self.attempt(lambda: RedisCache.touch(self, key, timeout, version), False)

    def delete(self, key, version=None):
        for copy in self.copies():
            copy.delete(key, version)
        return self.attempt(lambda: RedisCache.delete(self, key, version), False)

    def delete_many(self, keys, version=None):
        for copy in self.copies():
            copy.delete_many(keys, version)
        self.attempt(lambda: RedisCache.delete_many(self, keys, version), None)

    def clear(self):
        for copy in self.copies():
            copy.clear()
        return self.attempt(lambda: RedisCache.clear(self), False)
