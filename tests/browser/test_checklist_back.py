"""The browser's Back button, pressed anywhere in the checklist, shows a page of questions, never
"Confirm Form Resubmission" (chromium's ERR_CACHE_MISS), and never sends the answers again."""

import pytest
from django.urls import reverse
from playwright.sync_api import Error as PlaywrightError


def back(tab) -> None:
    """Press the browser's Back button, failing on the error page a post in the history gives."""
    try:
        tab.page.go_back(wait_until="load")
    except PlaywrightError as error:
        pytest.fail(f"Back showed a browser error: {error.message.splitlines()[0]}")


def shows_questions(tab) -> dict:
    """Return what the page shows: its step, whether it has questions, and any browser error."""
    form = tab.page.locator("main form")
    return {
        "step": form.locator("input[name=step]").get_attribute("value") if form.count() else None,
        "questions": tab.page.locator("main form fieldset input[type=checkbox]").count() > 0,
        "error": "ERR_CACHE_MISS" in tab.page.content(),
    }


def test_back_from_a_result_and_then_from_step_2_shows_the_questions_without_an_error(tab):
    tab.open(reverse("guidance:checklist"))
    posts = []
    tab.page.on(
        "request", lambda request: posts.append(request.url) if request.method == "POST" else None
    )
    tab.submit({})
    tab.submit({"symptoms": ["fever"]})
    assert tab.page.locator("[data-urgency]").get_attribute("data-urgency") == "urgent"
    assert len(posts) == 2

    back(tab)
    assert shows_questions(tab) == {"step": "other", "questions": True, "error": False}
    back(tab)
    assert shows_questions(tab) == {"step": "emergency", "questions": True, "error": False}
    # Going back sent nothing again: the answers went to the server once.
    assert len(posts) == 2
    # No answer is in any address the browser kept.
    assert "fever" not in tab.page.evaluate("location.href")


def test_back_from_an_emergency_result_shows_step_1(tab):
    tab.open(reverse("guidance:checklist"))
    tab.submit({"emergency": ["chest-pain-or-breathlessness"]})
    assert tab.page.locator("[data-urgency]").get_attribute("data-urgency") == "emergency"

    back(tab)
    assert shows_questions(tab) == {"step": "emergency", "questions": True, "error": False}


def forward(tab) -> None:
    """Press the browser's Forward button, failing on the error page a post in the history gives."""
    try:
        tab.page.go_forward(wait_until="load")
    except PlaywrightError as error:
        pytest.fail(f"Forward showed a browser error: {error.message.splitlines()[0]}")


def test_coming_back_to_a_result_says_it_was_not_kept_instead_of_asking_to_resend(tab):
    # A patient's QA pass: from a result to the exercises, then Back, gave "Confirm Form
    # Resubmission"; so did Back to step 1, then Forward, from an emergency result.
    tab.open(reverse("guidance:checklist"))
    posts = []
    tab.page.on(
        "request", lambda request: posts.append(request.url) if request.method == "POST" else None
    )
    tab.submit({"emergency": ["chest-pain-or-breathlessness"]})
    assert tab.page.locator("[data-urgency]").get_attribute("data-urgency") == "emergency"
    not_kept = tab.page.get_by_text("Your answers and your result were not kept")
    tab.open(reverse("exercises:list"))

    back(tab)
    assert shows_questions(tab) == {"step": "emergency", "questions": True, "error": False}
    assert not_kept.is_visible()
    back(tab)
    forward(tab)
    assert shows_questions(tab) == {"step": "emergency", "questions": True, "error": False}
    assert len(posts) == 1  # nothing was sent again
    assert "chest" not in tab.page.evaluate("location.href")

    # Opened as itself, step 1 does not say it.
    tab.open(reverse("guidance:checklist"))
    assert not not_kept.is_visible()


def test_back_to_a_step_shows_it_blank_not_with_the_answers_ticked(tab):
    # A QA pass: Back from a result showed step 2 with the boxes still ticked, beside "your
    # answers were not kept" (a shared phone).
    tab.open(reverse("guidance:checklist"))
    tab.submit({})
    tab.submit({"symptoms": ["fever"]})
    back(tab)
    assert shows_questions(tab)["step"] == "other"
    ticked = tab.page.locator("main form input[type=checkbox]:checked").count()
    assert ticked == 0
    # ... and it says so, where a patient QA pass (round 24) wondered why they had to tick again.
    assert (
        "coming back to this page, you find its boxes empty"
        in tab.page.locator(".page-intro").inner_text()
    )
