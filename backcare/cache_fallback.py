"""While Redis cannot be reached, each process keeps its cache entries in its own memory.

ResilientRedisCache turns a Redis outage into misses, but then every request renders its page from
scratch: about 90 ms of CPU a page here (figures drawn, the catalog queried), so a 2-core server
falls behind at 40 requests a second and visitors wait seconds (docs/reliability.md). This backend
also keeps every entry it writes or finds in a small per-process memory cache (least recently used
out first), and reads from there what Redis does not give (down, or restarted empty), so an outage
starts with the pages already at hand. That is
never stale for the same reason Redis is not: every key carries the content version, so an entry
is either current or never asked for again.

gunicorn's threads each get their own cache object (Django's caches are per thread), so the pause
after a failure is shared by all the threads of a process: one thread pays the timeout, not 64.
"""

import time

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.locmem import LocMemCache

from .cache_backends import ResilientRedisCache

# Until when (time.monotonic()) each Redis is left alone, per process, whichever thread found it down.
PAUSED_UNTIL: dict[str, float] = {}


class RedisWithLocalFallback(ResilientRedisCache):
    """ResilientRedisCache that keeps entries in this process's memory while Redis is down."""

    def __init__(self, server, params):
        self.location = str(server)
        options = dict(params.get("OPTIONS", {}))
        local_entries = int(options.pop("LOCAL_MAX_ENTRIES", 300))
        super().__init__(server, {**params, "OPTIONS": options})
        self.local = LocMemCache(
            f"backcare-fallback-{self.location}",
            {
                "TIMEOUT": params.get("TIMEOUT", 300),
                "KEY_PREFIX": params.get("KEY_PREFIX", ""),
                "OPTIONS": {"MAX_ENTRIES": local_entries},
            },
        )

    @property
    def down_until(self) -> float:
        return PAUSED_UNTIL.get(self.location, 0.0)

    @down_until.setter
    def down_until(self, value: float) -> None:
        # Only ever pushed later: a new thread's cache object must not end another's pause.
        PAUSED_UNTIL[self.location] = max(value, PAUSED_UNTIL.get(self.location, 0.0))

    def is_down(self) -> bool:
        return time.monotonic() < self.down_until

    def get(self, key, default=None, version=None):
        missing = object()
        value = super().get(key, missing, version)
        if value is missing:
            # Down, or restarted empty: what this process kept is still right (versioned keys).
            return self.local.get(key, default, version)
        if not self.local.has_key(key, version):
            # Found in Redis (another process wrote it): at hand here too if Redis goes down.
            self.local.set(key, value, version=version)
        return value

    def get_many(self, keys, version=None):
        values = super().get_many(keys, version)
        missing = [key for key in keys if key not in values]
        return {**self.local.get_many(missing, version), **values} if missing else values

    def has_key(self, key, version=None):
        found = super().has_key(key, version)
        return self.local.has_key(key, version) if self.is_down() else found

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        self.local.set(key, value, timeout, version)
        super().set(key, value, timeout, version)

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        self.local.set_many(data, timeout, version)
        failed = super().set_many(data, timeout, version)
        return [] if self.is_down() else failed

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        added = super().add(key, value, timeout, version)
        if self.is_down():
            return self.local.add(key, value, timeout, version)
        if added:
            self.local.set(key, value, timeout, version)
        return added

    def incr(self, key, delta=1, version=None):
        total = super().incr(key, delta, version)
        return self.local.incr(key, delta, version) if self.is_down() else total

    def delete(self, key, version=None):
        self.local.delete(key, version)
        return super().delete(key, version)

    def delete_many(self, keys, version=None):
        self.local.delete_many(keys, version)
        super().delete_many(keys, version)

    def clear(self):
        self.local.clear()
        return super().clear()
