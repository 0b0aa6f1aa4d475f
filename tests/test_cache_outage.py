"""A Redis that is stopped or frozen costs no page: its failures are misses, tried again later."""

import socket
import time

import pytest
from django.test import override_settings
from django.urls import reverse

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
            "default": {
                "BACKEND": "backcare.cache_backends.ResilientRedisCache",
                "LOCATION": location,
                "OPTIONS": {"socket_connect_timeout": 0.25, "socket_timeout": 0.5},
            }
        }
    )


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


def test_a_frozen_redis_holds_up_one_request_for_its_timeout_then_none(client, frozen_redis):
    with redis_at(frozen_redis):
        started = time.monotonic()
        assert client.get(PAGES[0]).status_code == 200
        first = time.monotonic() - started
        assert first < 1.5  # one timeout (0.5 s), not one per cache call
        for url in PAGES:
            started = time.monotonic()
            assert client.get(url).status_code == 200, url
            # Redis is left alone for a few seconds: no request waits for it meanwhile.
            assert time.monotonic() - started < 0.4, url


def test_redis_is_tried_again_after_its_pause(stopped_redis, settings):
    from django.core.cache import caches

    with redis_at(stopped_redis):
        cache = caches["default"]
        cache.retry_seconds = 0.2
        assert cache.get("anything", "missed") == "missed"
        resting_until = cache.down_until
        assert cache.get("anything", "missed") == "missed"
        assert cache.down_until == resting_until  # not tried while resting
        time.sleep(0.25)
        cache.set("anything", "value")
        assert cache.down_until > resting_until  # tried again, and failed again
