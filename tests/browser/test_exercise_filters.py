"""The exercise filters: folded under one tap on a phone, open on a wide screen, plain links."""

from django.urls import reverse


def test_on_a_phone_the_filters_fold_away_and_open_with_one_tap(tab):
    tab.open(reverse("exercises:list"))
    neck = tab.page.locator(".filters").get_by_role("link", name="Neck", exact=True)
    assert neck.is_hidden()
    assert tab.page.locator(".exercise-cards h2").first.is_visible()

    tab.page.get_by_text("Filter by body area, kind or equipment").click()
    neck.click()
    tab.page.wait_for_url("**/exercises/?area=neck")
    assert tab.page.locator(".exercise-cards h2").count() == 3


def test_on_a_wide_screen_the_filters_are_open(tab):
    tab.page.set_viewport_size({"width": 1024, "height": 800})
    tab.open(reverse("exercises:list"))
    assert tab.page.get_by_role("link", name="Strength", exact=True).is_visible()
