"""Works without signal (issue 21, point 6): the service worker keeps a started routine, the guide's
pages and the static files, so a routine runs with the network off; it never keeps the checklist."""

from concurrent.futures import ThreadPoolExecutor
from urllib.request import urlopen

import pytest
from django.urls import reverse

from backcare import offline
from exercises.models import Exercise

from .conftest import PHONE

ROUTINE = reverse("exercises:routine")
SESSION = reverse("exercises:routine_session")
CHECKLIST = reverse("guidance:checklist")
CODE = "wall-angel:10.1/d,neck-roll:5.2/d,pec-stretch:3x20s.2/d"

WAIT_FOR_WORKER = """async () => {
  await navigator.serviceWorker.ready;
  for (let tries = 0; tries < 300; tries++) {
    if (navigator.serviceWorker.controller && (await caches.match(location.href))) return;
    await new Promise((done) => setTimeout(done, 50));
  }
  throw new Error("The service worker did not take control and keep this page in 15 s.");
}"""
ALL_CACHED = """async () => {
  const urls = [];
  for (const name of await caches.keys()) {
    const cache = await caches.open(name);
    for (const request of await cache.keys()) urls.push(name + " " + request.url);
  }
  return urls;
}"""


@pytest.fixture
def phone(browser, site, db):
    """A fresh phone whose browser runs the site's service worker."""
    context = browser.new_context(viewport=PHONE, device_scale_factor=1, service_workers="allow")
    page = context.new_page()
    errors = []
    page.on("console", lambda message: message.type == "error" and errors.append(message.text))
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.errors = errors
    # The worker's own requests too: the context hears them, the page does not.
    page.requested = []
    context.on("request", lambda request: page.requested.append(request.url))
    yield page
    context.close()


def in_control(page):
    """Wait until the worker has kept the guide's pages and this page, and answers for it."""
    page.evaluate(WAIT_FOR_WORKER)


def visible_step(page) -> list[str]:
    return [h.inner_text() for h in page.locator("[data-session] h2").all() if h.is_visible()]


def test_a_started_routine_runs_with_the_network_switched_off(phone, site):
    page = phone
    page.goto(f"{site.url}{ROUTINE}?do={CODE}")
    # The worker is installed and in control of the page (it kept the guide's pages first).
    in_control(page)
    page.get_by_role("link", name="Start the routine").click()
    page.wait_for_url("**/routine/start/**")
    assert visible_step(page) == ["Wall Angel"]

    page.context.set_offline(True)
    # The session's page comes back without signal, and moves step by step as online.
    page.goto(f"{site.url}{SESSION}?do={CODE}")
    assert visible_step(page) == ["Wall Angel"]
    assert page.get_by_role("group", name="Count with the timer").first.is_visible()
    page.get_by_role("link", name="Next").click()
    assert visible_step(page) == ["Neck Roll"]
    # A step's own address, never opened, shows that step from the saved session.
    page.goto(f"{site.url}{SESSION}?do={CODE}&at=3")
    assert visible_step(page) == ["Pec Stretch"]
    page.get_by_role("link", name="Finish").click()
    assert visible_step(page) == ["Well done"]
    # The routine's page and the guide's pages, with their styles, are there too.
    page.goto(f"{site.url}{ROUTINE}?do={CODE}")
    assert page.get_by_role("heading", level=1).inner_text() == "Your routine"
    assert page.evaluate("getComputedStyle(document.querySelector('.site-header')).display") != ""
    page.goto(f"{site.url}{reverse('exercises:list')}")
    assert page.get_by_role("heading", level=1).is_visible()
    # A page never opened nor kept says so instead of the browser's error.
    page.goto(f"{site.url}{reverse('exercises:detail', args=['arm-circles'])}")
    assert page.get_by_role("heading", level=1).inner_text() == "You are offline"
    assert "This page was not saved on this phone." in page.locator("main").inner_text()
    page.get_by_role("link", name="The guide's home page").click()
    assert page.get_by_role("heading", level=1).is_visible()
    assert page.url == f"{site.url}/"
    assert page.errors == [] or all("Failed to load resource" in e for e in page.errors)
    # Among them the guide's pages the worker kept for later, none from another origin.
    assert f"{site.url}{reverse('guidance:causes')}" in page.requested
    assert [url for url in page.requested if not url.startswith(f"{site.url}/")] == []


def test_the_checklist_and_its_answers_are_never_in_the_workers_cache(phone, site):
    page = phone
    page.goto(f"{site.url}/")
    in_control(page)
    page.goto(f"{site.url}{CHECKLIST}")
    form = page.locator("main form")
    form.locator("input[type=checkbox]").first.check()
    with page.expect_navigation():
        form.locator("[type=submit]").first.click()
    page.goto(f"{site.url}{CHECKLIST}")
    cached = page.evaluate(ALL_CACHED)
    assert any(url.endswith("/exercises/") for url in cached), cached
    assert [url for url in cached if CHECKLIST in url] == []

    # Without signal nothing saved shows old answers: the checklist and search say the phone is
    # offline, with the number to call (they showed the browser's error page: a patient QA pass).
    page.context.set_offline(True)
    for address in (CHECKLIST, f"{reverse('search')}?q=chest+pain"):
        page.goto(f"{site.url}{address}")
        assert page.get_by_role("heading", level=1).inner_text() == "You are offline"
        assert page.get_by_role("link", name="911").get_attribute("href") == "tel:911"
        # It says why (a patient who had opened the checklist was told it "was not saved"), and
        # leads to the warning signs, which are kept (round 24).
        assert "never kept on this phone" in page.locator("main").inner_text()
        page.get_by_role("link", name="When to seek help").click()
        assert page.get_by_role("heading", level=1).inner_text() != "You are offline"
    assert [url for url in page.evaluate(ALL_CACHED) if CHECKLIST in url or "search" in url] == []

    # Answers sent without signal get the same page, not the browser's (a QA pass).
    page.context.set_offline(False)
    page.goto(f"{site.url}{CHECKLIST}")
    page.context.set_offline(True)
    form = page.locator("main form")
    form.locator("input[type=checkbox]").first.check()
    with page.expect_navigation():
        form.locator("[type=submit]").first.click()
    assert page.get_by_role("heading", level=1).inner_text() == "You are offline"
    assert page.get_by_role("link", name="911").get_attribute("href") == "tel:911"


def test_pages_fetched_all_at_once_as_the_worker_does_all_answer(site, db):
    """The worker keeps the guide's pages in parallel; each must come back whole, not as a 500."""
    pages = [
        reverse("exercises:detail", args=[slug])
        for slug in Exercise.objects.values_list("slug", flat=True)
    ]
    pages += [f"{reverse('exercises:list')}?q=stretch{n}" for n in range(20)]
    with ThreadPoolExecutor(max_workers=8) as fetch:
        statuses = list(fetch.map(lambda path: urlopen(f"{site.url}{path}").status, pages * 2))
    assert statuses == [200] * len(pages) * 2


def test_the_site_can_be_installed_with_icons_of_its_own(phone, site):
    page = phone
    page.goto(f"{site.url}/")
    manifest = page.locator("link[rel=manifest]").get_attribute("href")
    data = page.request.get(f"{site.url}{manifest}").json()
    assert data["start_url"] == "/" and data["display"] == "standalone"
    sizes = {icon["sizes"] for icon in data["icons"]}
    assert {"192x192", "512x512", "any"} <= sizes
    for icon in data["icons"]:
        assert icon["src"].startswith("/static/")
        assert page.request.get(f"{site.url}{icon['src']}").status == 200


CACHE_NAMES = "async () => (await caches.keys()).filter((name) => name.startsWith('backcare-'))"
NEW_WORKER_IN_CONTROL = """async (old) => {
  for (let tries = 0; tries < 200 && (await caches.keys()).includes(old); tries++) {
    await new Promise((done) => setTimeout(done, 50));
  }
}"""


def test_a_content_update_reaches_the_phone_on_its_next_visit_online(phone, site, committed_edits):
    page = phone
    page.goto(f"{site.url}{ROUTINE}?do={CODE}")
    in_control(page)
    [before] = page.evaluate(CACHE_NAMES)
    exercise = Exercise.objects.get(slug="wall-angel")
    exercise.name = "Wall Angel, updated"
    exercise.save()

    page.goto(f"{site.url}{ROUTINE}?do={CODE}")
    # The worker's script changed with the content: the new one replaces the old cache.
    page.evaluate(NEW_WORKER_IN_CONTROL, before)
    [after] = page.evaluate(CACHE_NAMES)
    assert after != before
    page.goto(f"{site.url}{SESSION}?do={CODE}")
    in_control(page)
    page.context.set_offline(True)
    page.goto(f"{site.url}{SESSION}?do={CODE}")
    assert visible_step(page) == ["Wall Angel, updated"]


def test_pages_opened_are_kept_up_to_a_limit_the_oldest_going_first(phone, site, monkeypatch):
    monkeypatch.setattr(offline, "KEPT_PAGES", 2)
    page = phone
    page.goto(f"{site.url}/")
    in_control(page)
    routines = [f"{ROUTINE}?do=wall-angel:{reps}.1/d" for reps in (5, 6, 7)]
    for routine in routines:
        page.goto(f"{site.url}{routine}")
        in_control(page)
    for _ in range(50):  # The oldest goes just after the newest is kept.
        cached = page.evaluate(ALL_CACHED)
        kept = [routine for routine in routines if any(url.endswith(routine) for url in cached)]
        if kept != routines:
            break
        page.wait_for_timeout(100)
    assert kept == routines[1:]
    # The pages kept at install stay.
    assert any(url.endswith(reverse("guidance:causes")) for url in cached)
