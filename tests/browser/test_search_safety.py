"""Search on a phone: a search for an emergency sign shows what to do first; long queries fit."""

from django.urls import reverse


def search_from_the_search_page(tab, words: str) -> None:
    tab.open(reverse("search"))
    tab.page.locator("#search-page-q").fill(words)
    with tab.page.expect_navigation():
        tab.page.locator("#search-page-q").press("Enter")


def test_chest_pain_shows_call_911_with_why_above_every_result_on_a_phone(tab):
    search_from_the_search_page(tab, "chest pain")
    box = tab.page.locator(".search-notice").first
    assert box.get_by_role("heading").inner_text() == "Call 911 now if you have any of these"
    call = box.get_by_role("link", name="Call 911")
    assert call.get_attribute("href") == "tel:911"
    # The box and its call button are on the first screen, above the first result.
    assert call.bounding_box()["y"] + call.bounding_box()["height"] <= 812
    first_result = tab.page.locator(".search-result").first
    if first_result.count():
        assert box.bounding_box()["y"] < first_result.bounding_box()["y"]
    assert "from the heart or the lungs" in box.inner_text()


def test_a_100_character_query_does_not_widen_the_page_at_375px(tab):
    search_from_the_search_page(tab, "x" * 100)
    width = tab.page.evaluate("document.documentElement.scrollWidth")
    assert width <= 375
