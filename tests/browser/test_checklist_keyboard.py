"""The "When to see a doctor" checklist works with a keyboard alone.

What the checklist page provides for these tests:
- its form in <main>, with checkboxes and one submit button;
- the result page: the urgency level in a `data-urgency` attribute;
- after a submit with errors: a summary with id="error-summary", tabindex="-1" and `autofocus`
  (Chromium focuses it on load, no JavaScript needed), so focus lands on it.
"""

import pytest
from django.urls import reverse
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

URGENCY_LEVELS = {"emergency", "urgent", "routine", "self-care"}


def checklist_path() -> str:
    return reverse("guidance:checklist")


def tab_to(tab, selector: str, limit: int = 150) -> None:
    """Press Tab until the element with focus matches the selector."""
    for _ in range(limit):
        tab.page.keyboard.press("Tab")
        if tab.page.evaluate("(s) => document.activeElement.matches(s)", selector):
            return
    pytest.fail(f"Tab never reached {selector}")


def test_checklist_can_be_ticked_and_submitted_with_the_keyboard_alone(tab):
    tab.open(checklist_path())

    tab_to(tab, "main form input[type=checkbox]")
    tab.page.keyboard.press("Space")
    assert tab.page.evaluate("document.activeElement.checked")
    tab_to(tab, "main form [type=submit]")
    with tab.page.expect_navigation():
        tab.page.keyboard.press("Enter")

    assert tab.page.locator("[data-urgency]").get_attribute("data-urgency") in URGENCY_LEVELS


def test_submitting_the_checklist_with_nothing_ticked_puts_focus_on_the_error_summary(tab):
    tab.open(checklist_path())

    tab_to(tab, "main form [type=submit]")
    with tab.page.expect_navigation():
        tab.page.keyboard.press("Enter")

    assert tab.page.locator("#error-summary").is_visible()
    try:
        tab.page.wait_for_function("document.activeElement.id === 'error-summary'", timeout=2000)
    except PlaywrightTimeoutError:
        focused = tab.page.evaluate("document.activeElement.outerHTML.slice(0, 80)")
        pytest.fail(f"focus is on {focused}, not on the error summary")
