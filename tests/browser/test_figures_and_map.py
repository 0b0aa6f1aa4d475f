"""The exercise figures, their movement and the body map, as a browser shows them."""

import re

import pytest
from django.urls import reverse

from .reports import axe_violations


def test_tapping_an_area_on_the_body_lists_its_exercises(tab):
    tab.open(reverse("exercises:list"))
    # The neck is drawn on both views: tap its numbered shape.
    tab.page.locator(".where svg a[data-area=neck] .bm-badge circle").click()
    tab.page.wait_for_url("**/exercises/?area=neck")
    assert tab.page.locator(".exercise-cards h2").count() == 3
    assert tab.page.locator(".active-filter").inner_text().startswith("Neck")


def test_the_areas_on_the_body_are_reached_with_the_tab_key_and_followed_with_enter(tab):
    tab.open(reverse("exercises:list"))
    for _ in range(40):
        tab.page.keyboard.press("Tab")
        if tab.page.evaluate("document.activeElement.dataset.area || ''") == "mid-back":
            break
    focused = tab.page.evaluate("document.activeElement.closest('svg') !== null")
    assert focused, "Tab never reached the mid-back on the body"
    # Its focus ring shows.
    ring = tab.page.locator(".where svg a[data-area=mid-back] .bm-focus")
    assert ring.evaluate("el => getComputedStyle(el).visibility") == "visible"
    tab.page.keyboard.press("Enter")
    tab.page.wait_for_url("**/exercises/?area=mid-back")


def test_the_body_is_as_wide_as_a_phone_allows_and_its_areas_are_24px_or_more(tab):
    tab.open(reverse("exercises:list"))
    sizes = tab.page.locator(".where svg a").evaluate_all(
        "links => links.map(a => { const b = a.getBoundingClientRect(); "
        "return [a.dataset.area, Math.min(b.width, b.height)]; })"
    )
    assert len(sizes) == 8
    assert min(size for _, size in sizes) >= 24, sizes


@pytest.mark.parametrize("width", [375, 1280])
def test_start_and_end_sit_side_by_side_at_least_140px_tall(tab, width):
    tab.page.set_viewport_size({"width": width, "height": 900})
    tab.open(reverse("exercises:detail", args=["wall-angel"]))
    frames = tab.page.locator(".exercise-pictures .fig-seq svg.fig")
    start, end = (frames.nth(i).bounding_box() for i in range(2))
    assert start["y"] == end["y"] and start["x"] + start["width"] < end["x"]
    assert start["height"] >= 140
    assert tab.page.locator(".fig-seq__arrow").is_visible()


def test_lying_figures_stack_on_a_phone_with_an_arrow_down_between_them(tab):
    tab.open(reverse("exercises:detail", args=["superman"]))
    frames = tab.page.locator(".exercise-pictures .fig-seq svg.fig")
    start, end = (frames.nth(i).bounding_box() for i in range(2))
    assert end["y"] > start["y"] + start["height"]
    assert min(start["height"], end["height"]) >= 140


def test_the_stylesheet_turns_each_limb_about_its_joint_when_the_movement_is_opened(tab):
    tab.page.emulate_media(reduced_motion="no-preference")
    tab.open(reverse("exercises:detail", args=["wall-angel"]))
    tab.page.get_by_text("Watch the movement").click()
    group = tab.page.locator(".fig-anim .fr.k1m1").first
    target = float(re.search(r"\bqr(-?\d+)\b", group.get_attribute("class")).group(1))

    def angle_at(ms):
        tab.page.evaluate(
            "t => document.getAnimations().forEach(a => { a.pause(); a.currentTime = t; })", ms
        )
        value = group.evaluate("g => getComputedStyle(g).rotate")
        return 0.0 if value in ("none", "0deg") else float(value.replace("deg", ""))

    assert angle_at(0) == 0
    assert angle_at(2000) == pytest.approx(target, abs=0.5)  # the end of the move
    assert 0.3 * abs(target) < abs(angle_at(1000)) < 0.7 * abs(target)  # half-way, eased
    assert axe_violations(tab.page) == []


def test_with_reduced_motion_only_the_still_pair_shows_and_nothing_moves(tab):
    tab.page.emulate_media(reduced_motion="reduce")
    tab.open(reverse("exercises:detail", args=["cat-cow-stretch"]))
    assert tab.page.locator(".fig-motion").is_hidden()
    assert tab.page.locator(".exercise-pictures .fig-seq svg.fig").count() == 3
    assert tab.page.evaluate("document.getAnimations().length") == 0
    tab.page.emulate_media(reduced_motion="no-preference")
