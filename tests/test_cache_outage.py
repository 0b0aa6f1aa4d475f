"""A Redis that is stopped or frozen costs no page: its failures are misses, tried again later."""

import socket
import threading
import time

import pytest
from django.conf import settings
from django.core.cache import caches
from django.core.cache.backends.redis import RedisCache
from django.test import Client, override_settings
from django.urls import reverse

from backcare.cache_backends import PAUSED_UNTIL
from guidance.models import Cause
from tests.html import soup

pytestmark = pytest.mark.django_db

PAGES = [
    reverse("guidance:home"),
    reverse("exercises:list"),
    reverse("exercises:detail", args=["wall-angel"]),
    reverse("guidance:causes"),
    reverse("guidance:checklist"),
    reverse("search") + "?q=neck",
]


def redis_at(location: str):
    """Use a Redis at this address for the cache, with short timeouts as production has them."""
    return override_settings(
        CACHES={
            **settings.CACHES,
            "default": {
                "BACKEND": "backcare.cache_backends.ResilientRedisCache",
                "LOCATION": location,
                "OPTIONS": {"socket_connect_timeout": 0.25, "socket_timeout": 0.5},
            },
        }
    )


@pytest.fixture(autouse=True)
def no_pause_left_over():
    PAUSED_UNTIL.clear()
    yield
    PAUSED_UNTIL.clear()


@pytest.fixture
def stopped_redis():
    """The address of a Redis that is not running: connections are refused."""
    probe = socket.socket()
    probe.bind(("127.0.0.1", 0))
    port = probe.getsockname()[1]
    probe.close()
    return f"redis://127.0.0.1:{port}/0"


@pytest.fixture
def frozen_redis():
    """The address of a Redis that takes connections and never answers (frozen, or overloaded)."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(64)  # the kernel completes each connection; nothing ever reads or answers
    yield f"redis://127.0.0.1:{server.getsockname()[1]}/0"
    server.close()


def titles(response) -> list[str]:
    return [h.get_text(strip=True) for h in soup(response).select("h2")]


def test_with_redis_stopped_every_page_is_served_and_an_edit_shows_at_once(client, stopped_redis):
    with redis_at(stopped_redis):
        for url in PAGES:
            assert client.get(url).status_code == 200, url
        cause = Cause.objects.get(slug="stress")
        cause.title = "Stress and worry"
        cause.save()
        assert "Stress and worry" in titles(client.get(reverse("guidance:causes")))


def calls_to_redis(monkeypatch) -> list[str]:
    """Record every call that reaches Redis (each one that fails costs up to a timeout)."""
    calls = []
    for name in ("get", "get_many", "set", "set_many", "add", "incr", "has_key"):
        original = getattr(RedisCache, name)

        def recorded(self, *args, __original=original, __name=name, **kwargs):
            calls.append(__name)
            return __original(self, *args, **kwargs)

        monkeypatch.setattr(RedisCache, name, recorded)
    return calls


def test_a_frozen_redis_costs_one_call_its_timeout_then_is_left_alone(
    client, frozen_redis, monkeypatch
):
    calls = calls_to_redis(monkeypatch)
    with redis_at(frozen_redis):
        assert client.get(PAGES[0]).status_code == 200
        assert len(calls) == 1  # the first call timed out; the page was rendered without Redis
        for url in PAGES:
            assert client.get(url).status_code == 200, url
        # Redis is left alone for a few seconds: no request waits for it meanwhile.
        assert len(calls) == 1


def test_every_thread_of_a_process_shares_the_pause(frozen_redis, monkeypatch):
    calls = calls_to_redis(monkeypatch)
    with redis_at(frozen_redis):
        caches["default"].get("warm-up")  # this thread finds Redis frozen (one timeout)
        found = []

        def other_thread():
            # Django gives each thread its own cache object, as gunicorn's threads have.
            caches["default"].set("key", "value")
            found.append(caches["default"].get("key"))

        threads = [threading.Thread(target=other_thread) for _ in range(4)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    assert found == ["value"] * 4  # from this process's memory
    assert calls == ["get"]


def test_with_redis_stopped_a_page_is_rendered_once_then_kept_in_memory(stopped_redis):
    client = Client()
    url = reverse("guidance:causes")
    with redis_at(stopped_redis):
        responses = [client.get(url) for _ in range(5)]
        # The test client lists the templates a response rendered; a kept page renders none.
        assert [bool(response.templates) for response in responses] == [True] + [False] * 4
        cause = Cause.objects.get(slug="stress")
        cause.title = "Stress and worry"
        cause.save()
        assert "Stress and worry" in titles(client.get(url))


def test_with_redis_stopped_the_rate_limits_still_count(stopped_redis):
    with redis_at(stopped_redis):
        cache = caches["default"]
        assert cache.add("counter", 0) is True
        assert cache.incr("counter") == 1
        assert cache.incr("counter") == 2


def test_redis_is_tried_again_after_its_pause(stopped_redis, monkeypatch):
    calls = calls_to_redis(monkeypatch)
    with redis_at(stopped_redis):
        cache = caches["default"]
        cache.retry_seconds = 0.2
        assert cache.get("anything", "missed") == "missed"
        assert cache.get("anything", "missed") == "missed"
        assert calls == ["get"]  # not tried while resting
        time.sleep(0.25)
        cache.set("anything", "value")
        assert calls == ["get", "set"]  # tried again (and failed again)


def test_with_redis_stopped_a_page_one_process_rendered_serves_the_others(stopped_redis, tmp_path):
    shared = {
        **settings.CACHES,
        "default": {
            "BACKEND": "backcare.cache_backends.ResilientRedisCache",
            "LOCATION": stopped_redis,
            "OPTIONS": {"socket_connect_timeout": 0.25, "SHARED_LOCATION": str(tmp_path)},
        },
    }
    client = Client()
    url = reverse("guidance:causes")
    with override_settings(CACHES=shared):
        assert client.get(url).templates  # rendered
        # Another worker of the app server: nothing in its own memory.
        caches["default"].local.clear()
        again = client.get(url)
        assert again.status_code == 200
        assert not again.templates  # served from the copy the app server's workers share
        cause = Cause.objects.get(slug="stress")
        cause.title = "Stress and worry"
        cause.save()
        assert "Stress and worry" in titles(client.get(url))
