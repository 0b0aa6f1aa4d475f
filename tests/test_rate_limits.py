"""Searches and checklist answers are limited per client, by a daily keyed hash of the address."""

import datetime
import time
from types import SimpleNamespace

import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import reverse

from backcare import ratelimit
from backcare.settings import BACKCARE_RATE_LIMITS as PRODUCTION_LIMITS
from tests.html import soup
from tests.test_cache_outage import redis_at, stopped_redis  # noqa: F401

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def production_limits(settings, monkeypatch):
    settings.BACKCARE_RATE_LIMITS = PRODUCTION_LIMITS
    # Half a minute into a minute that does not end during the test, however slow the machine, of
    # a day that does not end either (the 61st search of a run at midnight went through: the
    # address's daily key had changed).
    now = (time.time() // 60) * 60 + 30
    monkeypatch.setattr(ratelimit.time, "time", lambda: now)
    today = datetime.datetime.fromtimestamp(now, datetime.UTC)
    monkeypatch.setattr(ratelimit, "timezone", SimpleNamespace(now=lambda: today))


SEARCH = reverse("search") + "?q=neck"
CHECKLIST = reverse("guidance:checklist")


def searches(times: int) -> list[str]:
    """Different searches: a search the page cache already holds is served before it is counted."""
    return [f"{SEARCH}+{number}" for number in range(times)]


def search_from(address: str, times: int) -> list:
    client = Client(REMOTE_ADDR=address)
    return [client.get(url) for url in searches(times)]


def test_the_61st_search_in_a_minute_from_one_address_is_asked_to_wait(settings):
    assert PRODUCTION_LIMITS["search"]["per_minute"] == 60
    responses = search_from("203.0.113.5", settings.BACKCARE_RATE_LIMITS["search"]["per_minute"])
    assert all(r.status_code == 200 for r in responses)

    refused = Client(REMOTE_ADDR="203.0.113.5").get(SEARCH + "+shoulder")

    assert refused.status_code == 429
    assert 1 <= int(refused["Retry-After"]) <= 61
    assert "no-store" in refused["Cache-Control"]
    page = soup(refused)
    assert page.h1.get_text(strip=True) == "Please wait a moment"
    assert page.select_one("main a[href='tel:911']") is not None
    # Another visitor is not held up by this one.
    assert Client(REMOTE_ADDR="198.51.100.7").get(SEARCH).status_code == 200


def test_checklist_answers_past_the_limit_are_asked_to_wait_but_reading_it_never_is(settings):
    visitor = Client(REMOTE_ADDR="203.0.113.6")
    limit = settings.BACKCARE_RATE_LIMITS["guidance:checklist"]["per_minute"]
    assert limit == 30
    statuses = [visitor.post(CHECKLIST, {"none_apply": "on"}).status_code for _ in range(limit)]
    assert set(statuses) == {200}
    refused = visitor.post(CHECKLIST, {"none_apply": "on"})
    assert refused.status_code == 429
    assert "Retry-After" in refused
    assert visitor.get(CHECKLIST).status_code == 200


def test_behind_our_proxy_each_visitor_has_their_own_limit(settings):
    settings.BACKCARE_TRUSTED_PROXY_IPS = ["10.0.0.2"]
    settings.BACKCARE_RATE_LIMITS = {"search": {"methods": ["GET"], "per_minute": 3}}
    proxy = Client(REMOTE_ADDR="10.0.0.2")
    for url in searches(3):
        assert proxy.get(url, HTTP_X_FORWARDED_FOR="203.0.113.5").status_code == 200
    assert proxy.get(SEARCH + "+4", HTTP_X_FORWARDED_FOR="203.0.113.5").status_code == 429
    assert proxy.get(SEARCH + "+5", HTTP_X_FORWARDED_FOR="198.51.100.7").status_code == 200


def test_a_search_already_kept_is_served_without_counting(settings):
    settings.BACKCARE_RATE_LIMITS = {"search": {"methods": ["GET"], "per_minute": 2}}
    visitor = Client(REMOTE_ADDR="203.0.113.9")
    statuses = [visitor.get(SEARCH).status_code for _ in range(5)]
    assert statuses == [200] * 5
    assert "Neck" in visitor.get(SEARCH).content.decode()


def test_no_address_is_kept_and_the_key_changes_every_day(rf, monkeypatch):
    request = rf.get(SEARCH, REMOTE_ADDR="203.0.113.5")
    today = ratelimit.client_token(request)
    assert "203.0.113.5" not in today and "203-0-113-5" not in today
    tomorrow = datetime.datetime.now(datetime.UTC) + datetime.timedelta(days=1)
    monkeypatch.setattr(ratelimit.timezone, "now", lambda: tomorrow)
    assert ratelimit.client_token(request) != today
    cache.clear()


def test_with_redis_stopped_the_limit_still_holds_in_each_process(settings, stopped_redis):  # noqa: F811
    settings.BACKCARE_RATE_LIMITS = {"search": {"methods": ["GET"], "per_minute": 3}}
    with redis_at(stopped_redis):
        statuses = [r.status_code for r in search_from("203.0.113.8", 6)]
    assert statuses == [200] * 3 + [429] * 3


def test_when_nothing_can_count_every_search_goes_through(settings, monkeypatch):
    settings.BACKCARE_RATE_LIMITS = {"search": {"methods": ["GET"], "per_minute": 3}}

    def lost(*args, **kwargs):
        raise ValueError("the count is gone")

    monkeypatch.setattr(ratelimit.cache, "incr", lost)
    statuses = [r.status_code for r in search_from("203.0.113.10", 6)]
    assert statuses == [200] * 6
