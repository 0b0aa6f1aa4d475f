"""Doing a routine on a phone: Start, one exercise at a time, Next, Previous and the finish, with
and without JavaScript; the routine's time estimate; "Start again" asks before it empties it."""

import pytest
from django.urls import reverse

from .conftest import PHONE

ROUTINE = reverse("exercises:routine")
CODE = "wall-angel:10.1/d,neck-roll:5.2/d,pec-stretch:3x20s.2/d"


def exercise_shown(page) -> list[str]:
    """Return the names of the session's steps a person can see (one, if it works)."""
    return [
        heading.inner_text()
        for heading in page.locator("[data-session] h2").all()
        if heading.is_visible()
    ]


def no_sideways_scroll(page):
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]


def test_with_script_a_started_routine_moves_step_by_step_without_loading_a_page(tab):
    page = tab.page
    tab.open(f"{ROUTINE}?do={CODE}")
    page.get_by_role("link", name="Start the routine").click()
    page.wait_for_url("**/routine/start/**")
    assert exercise_shown(page) == ["Wall Angel"]
    assert page.get_by_text("Do it 10 times, once a day.").is_visible()
    # The timer, set up by its script, counts the routine's 10.
    timer = page.get_by_role("group", name="Count with the timer").first
    assert timer.is_visible() and timer.locator(".timer__clock").inner_text() == "0 of 10"
    assert page.get_by_role("link", name="Previous").count() == 0
    no_sideways_scroll(page)

    page.evaluate("window.sameDocument = true")
    page.get_by_role("link", name="Next").click()
    assert exercise_shown(page) == ["Neck Roll"]
    assert page.url.endswith(f"?do={CODE}&at=2")
    assert page.title().startswith("Exercise 2 of 3: Neck Roll")
    assert page.evaluate("document.activeElement.textContent") == "Neck Roll"

    page.get_by_role("link", name="Previous").click()
    assert exercise_shown(page) == ["Wall Angel"]
    page.get_by_role("link", name="Next").click()
    page.get_by_role("link", name="Next").click()
    assert exercise_shown(page) == ["Pec Stretch"]
    # A hold left running is paused when the patient moves on, not left to count unseen.
    hold = page.get_by_role("group", name="Count with the timer").locator("visible=true")
    hold.get_by_role("button", name="Start").click()
    page.get_by_role("link", name="Finish").click()
    assert exercise_shown(page) == ["Well done"]
    page.get_by_role("link", name="Previous").click()
    # ... saying which hold it was on (a patient QA pass saw "Paused." alone, round 24).
    assert hold.get_by_role("status").inner_text().startswith("Paused. Hold 1 of ")
    assert hold.get_by_role("button", name="Carry on").is_visible()
    page.get_by_role("link", name="Finish").click()
    assert exercise_shown(page) == ["Well done"]
    assert page.url.endswith("&at=done")
    no_sideways_scroll(page)

    # The browser's Back goes to the step before, still without loading a page.
    page.go_back()
    assert exercise_shown(page) == ["Pec Stretch"]
    assert page.evaluate("window.sameDocument") is True
    assert tab.console_errors == []


@pytest.fixture(scope="module")
def no_script(browser, site):
    """A phone with JavaScript switched off."""
    context = browser.new_context(viewport=PHONE, device_scale_factor=1, java_script_enabled=False)
    yield context.new_page()
    context.close()


def test_without_script_each_step_is_a_page_of_its_own(no_script, site, db):
    page = no_script
    page.goto(f"{site.url}{reverse('exercises:routine_detail', args=['morning-mobility'])}")
    with page.expect_navigation():  # a busy machine read the routine's page before the step's
        page.get_by_role("link", name="Start the routine").click()
    assert exercise_shown(page) == ["Cat-Cow Stretch"]
    assert page.get_by_text("Exercise 1 of 5").is_visible()
    # No timer without its script; the dose is there in words.
    assert not page.locator("[data-timer]").first.is_visible()
    assert page.get_by_text("Do it 5 times, once a day.").is_visible()
    no_sideways_scroll(page)

    with page.expect_navigation():
        page.get_by_role("link", name="Next").click()
    assert page.url.endswith("/start/?at=2")
    assert exercise_shown(page) == ["Child’s Pose"]
    with page.expect_navigation():
        page.get_by_role("link", name="Previous").click()
    assert exercise_shown(page) == ["Cat-Cow Stretch"]
    for _ in range(5):
        with page.expect_navigation():
            page.locator("a[rel=next]:visible").click()
    assert exercise_shown(page) == ["Well done"]
    assert page.url.endswith("/start/?at=done")
    with page.expect_navigation():
        page.get_by_role("link", name="Back to the routine", exact=True).click()
    assert page.locator("h1").inner_text() == "Morning mobility"


def test_the_estimate_changes_when_an_exercise_is_removed(tab):
    page = tab.page
    tab.open(f"{ROUTINE}?do=cat-cow-stretch:5.1/d,wall-angel:10.1/d,arm-circles:10.1/d")
    lead = page.locator(".page-intro .lead")
    assert lead.inner_text() == "3 exercises, about 2 minutes a session."
    page.get_by_role("link", name="Remove : Cat-Cow Stretch").click()
    page.wait_for_url("**wall-angel:10.1/d,arm-circles:10.1/d")
    assert lead.inner_text() == "2 exercises, about 1½ minutes a session."


def test_start_again_asks_before_it_empties_the_routine(tab):
    page = tab.page
    tab.open(f"{ROUTINE}?do={CODE}")
    page.get_by_role("link", name="Start again").click()
    assert page.locator("h1").inner_text() == "Start again with an empty routine?"
    no_sideways_scroll(page)
    page.get_by_role("link", name="No, keep my routine").click()
    assert page.locator(".page-intro .lead").inner_text().startswith("3 exercises")

    page.get_by_role("link", name="Start again").click()
    page.get_by_role("link", name="Yes, start again").click()
    assert page.get_by_text("Your routine has no exercises yet.").is_visible()
