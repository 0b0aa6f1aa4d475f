"""While Redis is down, each process serves what it kept in its own memory, never stale."""

import threading
import time

import pytest
from django.core.cache import caches
from django.test import Client, override_settings
from django.urls import reverse

from backcare import cache_fallback
from guidance.models import Cause
from tests.test_cache_outage import frozen_redis, stopped_redis  # noqa: F401

pytestmark = pytest.mark.django_db


def fallback_redis_at(location: str):
    return override_settings(
        CACHES={
            "default": {
                "BACKEND": "backcare.cache_fallback.RedisWithLocalFallback",
                "LOCATION": location,
                "OPTIONS": {"socket_connect_timeout": 0.25, "socket_timeout": 0.5},
            }
        }
    )


@pytest.fixture(autouse=True)
def no_pause_left_over():
    cache_fallback.PAUSED_UNTIL.clear()
    yield
    cache_fallback.PAUSED_UNTIL.clear()


def count_renders(client, url, times) -> int:
    """Request a page `times` times; return how many of them rendered it (not from a cache)."""
    responses = [client.get(url) for _ in range(times)]
    assert all(response.status_code == 200 for response in responses)
    # The test client lists the templates a response rendered; a kept page renders none.
    return sum(1 for response in responses if response.templates)


def test_with_redis_stopped_a_page_is_rendered_once_then_kept_and_an_edit_shows_at_once(
    stopped_redis,  # noqa: F811
):
    client = Client()
    url = reverse("guidance:causes")
    with fallback_redis_at(stopped_redis):
        assert count_renders(client, url, 5) == 1
        cause = Cause.objects.get(slug="stress")
        cause.title = "Stress and worry"
        cause.save()
        response = client.get(url)
        assert "Stress and worry" in response.content.decode()
        assert count_renders(client, url, 3) == 0


def test_a_frozen_redis_costs_one_thread_its_timeout_and_the_others_nothing(
    frozen_redis,  # noqa: F811
):
    with fallback_redis_at(frozen_redis):
        caches["default"].get("warm-up")  # this thread finds Redis frozen (one timeout)
        times = []

        def other_thread():
            # Django gives each thread its own cache object, as gunicorn's threads have.
            started = time.monotonic()
            caches["default"].set("key", "value")
            times.append(time.monotonic() - started)
            assert caches["default"].get("key") == "value"

        threads = [threading.Thread(target=other_thread) for _ in range(4)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    assert len(times) == 4
    assert max(times) < 0.2
