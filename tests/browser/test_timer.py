"""The hold and repetition timer in an exercise's "Do" box, on a phone, driven by the keyboard.

Playwright's clock stands in for the page's time, so a 20-second hold takes no 20 seconds.
"""

from datetime import datetime

import pytest
from django.urls import reverse

MORNING = datetime(2026, 1, 5, 9, 0, 0)


@pytest.fixture(scope="module")
def browser_page(browser, site):
    """Give these tests a tab of their own: Playwright's clock stays in a page once installed."""
    # No service worker: it would fetch pages in the background, between tests, and answer later ones.
    context = browser.new_context(
        viewport={"width": 375, "height": 812}, device_scale_factor=1, service_workers="block"
    )
    yield context.new_page()
    context.close()


def open_exercise(tab, slug):
    """Open the exercise with the page's clock stopped: it moves only when the test moves it."""
    tab.page.clock.install(time=MORNING)
    tab.open(reverse("exercises:detail", args=[slug]))
    tab.page.clock.pause_at(datetime(2026, 1, 5, 9, 1, 0))
    return tab.page.get_by_role("group", name="Count with the timer")


def test_the_timer_counts_a_hold_and_the_holds_with_a_rest_between(tab):
    timer = open_exercise(tab, "overhead-arm-reach")  # hold 20 s, 3 times on each side
    status = timer.get_by_role("status")
    clock = timer.locator(".timer__clock")
    assert status.inner_text() == "Hold 1 of 3 (right side): hold for 20 seconds."
    assert status.get_attribute("aria-live") == "polite"
    assert clock.inner_text() == "20"

    start = timer.get_by_role("button", name="Start")
    start.focus()
    tab.page.keyboard.press("Enter")
    tab.page.clock.run_for(10_000)
    assert clock.inner_text() == "10"

    tab.page.keyboard.press("Enter")  # the same button now pauses
    assert status.inner_text() == "Paused. Hold 1 of 3 (right side): hold for 20 seconds."
    tab.page.clock.run_for(30_000)
    assert clock.inner_text() == "10"

    timer.get_by_role("button", name="Carry on").click()
    assert status.inner_text() == "Hold 1 of 3 (right side): hold for 20 seconds."
    tab.page.clock.run_for(10_500)
    assert status.inner_text() == "Relax for 5 seconds."
    tab.page.clock.run_for(5_000)
    assert status.inner_text() == "Hold 2 of 3 (right side): hold for 20 seconds."

    timer.get_by_role("button", name="Reset").click()
    assert status.inner_text() == "Reset. Hold 1 of 3 (right side): hold for 20 seconds."
    assert clock.inner_text() == "20"
    assert timer.get_by_role("button", name="Start").is_visible()


def test_the_timer_switches_sides_after_the_last_hold_on_one_side(tab):
    timer = open_exercise(tab, "overhead-arm-reach")
    status = timer.get_by_role("status")
    timer.get_by_role("button", name="Start").click()
    # Three holds of 20 s with two rests of 5 s between them.
    tab.page.clock.run_for(3 * 20_000 + 2 * 5_000 + 500)
    assert status.inner_text() == "Now change to: left side."
    tab.page.clock.run_for(5_000)
    assert status.inner_text() == "Hold 1 of 3 (left side): hold for 20 seconds."


def test_repetitions_without_a_hold_are_counted_with_a_button_until_done(tab):
    timer = open_exercise(tab, "neck-roll")  # 5 times, twice a day
    status = timer.get_by_role("status")
    assert status.inner_text() == "Do 5. Press “Count one” after each."
    count = timer.get_by_role("button", name="Count one")
    count.focus()
    for _ in range(4):
        tab.page.keyboard.press("Enter")
    assert status.inner_text() == "4 of 5."
    tab.page.keyboard.press("Enter")
    assert status.inner_text() == "All done. Well done!"
    # The button that went away hands the keyboard focus on.
    assert tab.page.evaluate("document.activeElement.textContent") == "Reset"


def test_sets_are_counted_with_a_timed_rest_between_them(tab):
    timer = open_exercise(tab, "resistance-band-row")  # 2 sets of 10, rest 60 s
    status = timer.get_by_role("status")
    assert status.inner_text() == "Do 10, set 1 of 2. Press “Count one” after each."
    for _ in range(10):
        timer.get_by_role("button", name="Count one").click()
    assert status.inner_text() == "Set 1 of 2 done. Rest for 1 minute."
    tab.page.clock.run_for(30_000)
    assert timer.locator(".timer__clock").inner_text() == "30"
    tab.page.clock.run_for(30_500)
    assert status.inner_text() == "Do 10, set 2 of 2. Press “Count one” after each."


def test_one_way_then_the_other_as_the_dose_says(tab):
    timer = open_exercise(tab, "shoulder-roll")  # 5 backward, then 5 forward
    status = timer.get_by_role("status")
    assert status.inner_text() == "Do 5 (backward). Press “Count one” after each."
    for _ in range(5):
        timer.get_by_role("button", name="Count one").click()
    assert status.inner_text() == "Now change to: forward."
    tab.page.clock.run_for(5_500)
    assert status.inner_text() == "Do 5 (forward). Press “Count one” after each."


def test_with_reduced_motion_the_timers_bar_jumps_instead_of_sliding(tab):
    tab.page.emulate_media(reduced_motion="reduce")
    timer = open_exercise(tab, "overhead-arm-reach")
    fill = timer.locator(".timer__fill")
    assert fill.evaluate("el => getComputedStyle(el).transitionDuration") == "0s"
    tab.page.emulate_media(reduced_motion="no-preference")
    assert fill.evaluate("el => getComputedStyle(el).transitionDuration") == "0.25s"


def test_opened_from_a_routine_the_timer_counts_the_routines_dose(tab):
    # Morning mobility does Child's Pose 2 times for 30 seconds; the guide alone says 3.
    tab.page.clock.install(time=MORNING)
    tab.open(reverse("exercises:routine_detail", args=["morning-mobility"]))
    tab.page.get_by_role("link", name="Child’s Pose").click()
    tab.page.clock.pause_at(datetime(2026, 1, 5, 9, 1, 0))
    assert (
        "Hold for 30 seconds. Do it 2 times, once a day."
        in tab.page.locator(".do-box").inner_text()
    )
    timer = tab.page.get_by_role("group", name="Count with the timer")
    status = timer.get_by_role("status")
    assert status.inner_text() == "Hold 1 of 2: hold for 30 seconds."
    timer.get_by_role("button", name="Start").click()
    tab.page.clock.run_for(30_000 + 5_000 + 30_500)
    assert status.inner_text() == "All done. Well done!"

    # Next is the routine's next exercise, with its dose.
    tab.page.get_by_role("link", name="Next Chair Rotation").click()
    assert tab.page.get_by_role("heading", level=1).inner_text() == "Chair Rotation"
    assert tab.page.url.endswith("?ready=morning-mobility")
