"""An exercise page as a patient sees it on a phone and on a desktop."""

import pytest
from django.urls import reverse


@pytest.mark.parametrize("width", [375, 1280])
def test_previous_and_next_sit_side_by_side_at_the_same_height(tab, width):
    tab.page.set_viewport_size({"width": width, "height": 900})
    tab.open(reverse("exercises:detail", args=["thoracic-extension"]))

    previous = tab.page.locator(".pager a[rel=prev]").bounding_box()
    next_ = tab.page.locator(".pager a[rel=next]").bounding_box()
    assert previous["y"] == next_["y"]
    assert previous["height"] == next_["height"]
    assert previous["x"] + previous["width"] < next_["x"]


def test_on_the_first_exercise_next_stays_on_the_right(tab):
    tab.open(reverse("exercises:detail", args=["neck-roll"]))

    pager = tab.page.locator(".pager").bounding_box()
    next_ = tab.page.locator(".pager a[rel=next]").bounding_box()
    assert tab.page.locator(".pager a[rel=prev]").count() == 0
    assert next_["x"] + next_["width"] == pytest.approx(pager["x"] + pager["width"], abs=1)


def test_on_a_phone_the_cards_area_and_kind_labels_and_equipment_line_are_16px(tab):
    tab.open(reverse("exercises:list"))

    sizes = tab.page.locator(
        ".exercise-cards .label, .exercise-cards .equipment-line"
    ).evaluate_all("els => els.map(el => parseFloat(getComputedStyle(el).fontSize))")
    assert len(sizes) > 40
    assert min(sizes) >= 16
