""" "Was this page helpful?" on a phone, with JavaScript (thanks in place) and without (a thank-you page)."""

import pytest
from django.urls import reverse

from feedback.models import FeedbackComment, PageFeedback

from .conftest import PHONE

WALL_ANGEL = reverse("exercises:detail", args=["wall-angel"])
CAUSES = reverse("guidance:causes")


@pytest.fixture
def own_site(settings, site):
    """Make the live server the site's own address, as its Origin check needs."""
    settings.BACKCARE_SITE_URL = site.url


def feedback_box(page):
    return page.get_by_role("complementary", name="Feedback on this page")


def fits_the_phone(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]


def test_with_javascript_the_form_says_thank_you_in_place(tab, own_site, committed_edits):
    tab.open(WALL_ANGEL)
    box = feedback_box(tab.page)
    box.scroll_into_view_if_needed()
    assert fits_the_phone(tab.page)
    for choice in ("Yes", "No"):
        size = box.get_by_label(choice).bounding_box()
        assert size["width"] >= 24 and size["height"] >= 24
    assert "do not write your name" in box.inner_text()

    box.get_by_role("group", name="Was this page helpful?").get_by_label("No").check()
    box.get_by_label("What would make this page better? (optional)").fill(
        "Which way should the palms face in step 2?"
    )
    box.get_by_role("button", name="Send").click()

    thanks = box.get_by_role("status")
    assert thanks.inner_text() == "Thank you. Your answer helps the clinic make this guide better."
    assert tab.page.evaluate("document.activeElement.getAttribute('role')") == "status"
    assert tab.page.url == tab.url(WALL_ANGEL)
    assert box.locator("form").count() == 0
    assert tab.page.context.cookies() == []
    assert not tab.console_errors
    row = PageFeedback.objects.get(page=WALL_ANGEL)
    assert (row.yes, row.no) == (0, 1)
    assert FeedbackComment.objects.get().text == "Which way should the palms face in step 2?"


def test_without_javascript_a_thank_you_page_links_back(browser, site, own_site, committed_edits):
    context = browser.new_context(viewport=PHONE, java_script_enabled=False)
    page = context.new_page()
    try:
        page.goto(f"{site.url}{CAUSES}")
        box = feedback_box(page)
        assert fits_the_phone(page)
        box.get_by_label("Yes").check()
        with page.expect_navigation():
            box.get_by_role("button", name="Send").click()
        assert page.url == f"{site.url}/feedback/thanks/?page=%2Fcauses%2F"
        assert page.get_by_role("heading", level=1).inner_text() == "Thank you"
        assert fits_the_phone(page)
        assert context.cookies() == []
        back = page.get_by_role("link", name="Go back to the page you were reading")
        assert back.bounding_box()["height"] >= 24
        back.click()
        assert page.url == f"{site.url}{CAUSES}"
    finally:
        context.close()
    row = PageFeedback.objects.get(page=CAUSES)
    assert (row.yes, row.no) == (1, 0)
    assert not FeedbackComment.objects.exists()
