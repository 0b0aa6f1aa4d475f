"""An exercise prints on one clean page: no navigation, the emergency number spelled out."""

from io import BytesIO

from django.urls import reverse
from pypdf import PdfReader

from .pages import published_exercise_slugs


def test_printing_an_exercise_hides_the_header_and_footer_navigation(tab):
    tab.open(reverse("exercises:detail", args=["wall-angel"]))
    tab.page.emulate_media(media="print")

    assert tab.page.locator("h1").is_visible()
    assert tab.page.locator(".steps").is_visible()
    assert tab.page.locator(".stop-box").is_visible()
    assert tab.page.locator(".site-footer__disclaimer").is_visible()
    for navigation in ("Main", "Guide sections", "Breadcrumb", "Previous and next exercise"):
        assert tab.page.get_by_role("navigation", name=navigation).is_hidden()


def test_every_exercise_prints_on_one_page_with_the_emergency_number_spelled_out(tab):
    pages_printed = {}
    for slug in published_exercise_slugs():
        tab.open(reverse("exercises:detail", args=[slug]))
        pdf = PdfReader(BytesIO(tab.page.pdf(format="Letter")))
        text = "".join(page.extract_text() for page in pdf.pages)
        pages_printed[slug] = len(pdf.pages) if "(tel:911)" in text else "no (tel:911)"

    assert pages_printed == dict.fromkeys(published_exercise_slugs(), 1)
