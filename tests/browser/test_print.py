"""An exercise prints on one clean page: no navigation, the emergency number spelled out."""

from io import BytesIO

from django.urls import reverse
from pypdf import PdfReader

from guidance.models import ClinicDetails
from tests.content import edit

from .pages import public_pages, published_exercise_slugs

# What a browser's print dialog uses by default (about 0.4 inch on each side).
BROWSER_MARGINS = dict.fromkeys(("top", "right", "bottom", "left"), "0.4in")


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
        pdf = PdfReader(BytesIO(tab.page.pdf(format="Letter", margin=BROWSER_MARGINS)))
        text = "".join(page.extract_text() for page in pdf.pages)
        pages_printed[slug] = len(pdf.pages) if "(tel:911)" in text else "no (tel:911)"

    assert pages_printed == dict.fromkeys(published_exercise_slugs(), 1)


def test_each_checklist_result_prints_on_one_page_with_the_number_to_call(tab):
    edit(ClinicDetails.objects.all(), phone="(631) 555-0100")
    expected_number = {
        "checklist-emergency": "(tel:911)",
        "checklist-urgent": "(tel:6315550100)",
        "checklist-routine": "(tel:6315550100)",
        "checklist-self-care": "(tel:911)",
    }
    printed = {}
    for page in public_pages():
        if page.id not in expected_number:
            continue
        tab.open(page)
        tab.page.emulate_media(media="print")
        assert tab.page.get_by_role("navigation", name="Main").is_hidden()
        assert tab.page.get_by_role("navigation", name="Guide sections").is_hidden()
        pdf = PdfReader(BytesIO(tab.page.pdf(format="Letter", margin=BROWSER_MARGINS)))
        text = "".join(sheet.extract_text() for sheet in pdf.pages)
        printed[page.id] = (len(pdf.pages), expected_number[page.id] in text)

    assert printed == dict.fromkeys(expected_number, (1, True))
