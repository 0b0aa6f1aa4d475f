"""The timer's "keep the screen on", in the browser's own Screen Wake Lock (no stub): the site's
Permissions-Policy must let its own pages hold the screen, or the choice silently does nothing."""

import pytest
from django.urls import reverse

# Wraps (does not replace) the browser's wake lock, to see whether it held the screen.
WATCH_THE_LOCK = """
const ask = navigator.wakeLock.request.bind(navigator.wakeLock);
window.screenLock = "not asked";
navigator.wakeLock.request = (type) => ask(type).then(
  (sentinel) => { window.screenLock = "held"; return sentinel; },
  (error) => { window.screenLock = `refused: ${error.message}`; throw error; },
);
"""


@pytest.fixture
def watched_page(browser, site, db):
    """A phone-sized tab of its own, whose pages report what the wake lock did."""
    context = browser.new_context(viewport={"width": 375, "height": 812}, service_workers="block")
    context.add_init_script(WATCH_THE_LOCK)
    page = context.new_page()
    policy_errors = []
    page.on(
        "console",
        lambda message: "policy" in message.text.lower() and policy_errors.append(message.text),
    )
    page.goto(site.url + reverse("exercises:detail", args=["pec-stretch"]))
    yield page, policy_errors
    context.close()


def test_keep_the_screen_on_holds_the_screen_while_the_timer_runs(watched_page):
    page, policy_errors = watched_page
    timer = page.get_by_role("group", name="Count with the timer")

    timer.get_by_role("checkbox", name="Keep the screen on while the timer runs").check()
    timer.get_by_role("button", name="Start").click()

    page.wait_for_function("window.screenLock !== 'not asked'")
    assert page.evaluate("window.screenLock") == "held"
    assert policy_errors == []
