"""Every public page, on a 375x812 phone: accessible, readable, self-contained and error-free."""

import pytest

from .pages import public_pages

# A page's checks share one visit, so they run on one xdist worker (--dist loadgroup).
pytestmark = pytest.mark.parametrize(
    "target",
    [
        pytest.param(page, id=page.id, marks=pytest.mark.xdist_group(page.id))
        for page in public_pages()
    ],
)


def test_page_has_no_wcag_2_2_a_or_aa_violations_according_to_axe(page_report, target):
    assert page_report(target).violations == []


def test_page_does_not_scroll_sideways_on_a_375px_phone(page_report, target):
    assert page_report(target).scroll_width <= 375


def test_page_tap_targets_are_at_least_24px_unless_inline_in_a_sentence(page_report, target):
    assert page_report(target).small_targets == []


def test_page_text_is_at_least_16px_on_a_phone(page_report, target):
    assert page_report(target).body_font_px >= 16
    assert page_report(target).small_text == []


def test_page_requests_nothing_from_another_site(page_report, target):
    assert page_report(target).offsite_requests == []


def test_page_loads_every_stylesheet_image_and_script_it_asks_for(page_report, target):
    assert page_report(target).failed_responses == []


def test_page_shows_no_error_in_the_browser_console(page_report, target):
    assert page_report(target).console_errors == []
