"""The "When to see a doctor" checklist works with a keyboard alone, through both of its steps.

What the checklist page provides for these tests:
- its form in <main>, with checkboxes and one submit button; a hidden `step` field names the step
  ("emergency" first, then "other");
- step 2 (after step 1 with nothing ticked) puts focus on its "Step 2 of 2" line (id
  "checklist-step", tabindex="-1", `autofocus`), so the next Tab goes on into the new questions;
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


def press_enter_and_wait(tab) -> None:
    with tab.page.expect_navigation():
        tab.page.keyboard.press("Enter")


def step(tab) -> str:
    return tab.page.locator("main form input[name=step]").get_attribute("value")


def wait_for_focus_on(tab, element_id: str) -> None:
    try:
        tab.page.wait_for_function(f"document.activeElement.id === '{element_id}'", timeout=2000)
    except PlaywrightTimeoutError:
        focused = tab.page.evaluate("document.activeElement.outerHTML.slice(0, 80)")
        pytest.fail(f"focus is on {focused}, not on #{element_id}")


def test_an_emergency_sign_ticked_in_step_1_with_the_keyboard_gives_the_emergency_result(tab):
    tab.open(checklist_path())
    assert step(tab) == "emergency"

    tab_to(tab, "main form input[type=checkbox]")
    tab.page.keyboard.press("Space")
    assert tab.page.evaluate("document.activeElement.checked")
    tab_to(tab, "main form [type=submit]")
    press_enter_and_wait(tab)

    assert tab.page.locator("[data-urgency]").get_attribute("data-urgency") == "emergency"


def test_both_steps_can_be_answered_with_the_keyboard_alone(tab):
    tab.open(checklist_path())

    # Step 1: nothing applies, so straight to its button.
    tab_to(tab, "main form [type=submit]")
    assert tab.page.evaluate("document.activeElement.textContent.trim()") == "Continue"
    press_enter_and_wait(tab)

    assert step(tab) == "other"
    wait_for_focus_on(tab, "checklist-step")
    tab_to(tab, "main form input[type=checkbox]")
    assert tab.page.evaluate("document.activeElement.closest('fieldset').id") == "group-symptoms"
    tab.page.keyboard.press("Space")
    assert tab.page.evaluate("document.activeElement.checked")
    tab_to(tab, "main form [type=submit]")
    press_enter_and_wait(tab)

    assert tab.page.locator("[data-urgency]").get_attribute("data-urgency") in URGENCY_LEVELS


def test_submitting_step_2_with_nothing_ticked_puts_focus_on_the_error_summary(tab):
    tab.open(checklist_path())
    tab_to(tab, "main form [type=submit]")
    press_enter_and_wait(tab)

    tab_to(tab, "main form [type=submit]")
    press_enter_and_wait(tab)

    assert tab.page.locator("#error-summary").is_visible()
    wait_for_focus_on(tab, "error-summary")


FOCUS_RING = """() => {
  const style = getComputedStyle(document.activeElement);
  return {
    outline: `${style.outlineStyle} ${style.outlineWidth} ${style.outlineColor}`,
    ring: style.boxShadow,
  };
}"""


def test_a_checkbox_with_focus_has_a_ring_as_strong_as_a_link_has(tab):
    # Step 2 has a link (the emergency number) just above its questions.
    tab.open(reverse("guidance:checklist_other_signs"))
    tab_to(tab, "main a[href]")
    link = tab.page.evaluate(FOCUS_RING)
    tab_to(tab, "main form input[type=checkbox]")
    checkbox = tab.page.evaluate(FOCUS_RING)

    assert link["outline"].startswith("solid 3px")
    assert checkbox == link
