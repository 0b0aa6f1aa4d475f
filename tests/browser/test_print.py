"""An exercise, a checklist result and a routine print cleanly: no navigation, the numbers to call."""

import unicodedata
from io import BytesIO

from django.urls import reverse
from pypdf import PdfReader

from exercises.models import Exercise
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


# Letter's width less the margins, in CSS pixels (96 to the inch): the width a page prints at.
PRINTED_WIDTH = round((8.5 - 0.8) * 96)
PRINTED_PICTURES = """() => {
  const box = (el) => el.getBoundingClientRect();
  const meet = (a, b) => a.left < b.right - 1 && b.left < a.right - 1
    && a.top < b.bottom - 1 && b.top < a.bottom - 1;
  const upright = document.querySelector('.fig-set--tall') !== null;
  const pictures = [...document.querySelectorAll('.fig-seq .fig')];
  const words = [...document.querySelectorAll(`.page-intro > *, .exercise-facts > div,
    .fig-frame__caption, .fig-set__note, .do-box`)];
  const covered = pictures.flatMap((picture) => words.filter((text) => meet(box(picture), box(text)))
    .map((text) => text.textContent.trim().slice(0, 30)));
  const inches = pictures.map((picture) => (upright ? box(picture).height : box(picture).width) / 96);
  return {upright, largest: Math.max(...inches), covered};
}"""


def test_a_printed_exercise_draws_its_pictures_large_and_clear_of_the_words(tab):
    # Standing and sitting pictures up to 1.5 in tall with the facts beside them, lying ones
    # 2.3 in wide (a reader of the printout found them small at 1.25 in and 1.8 in). A row of
    # wide sitting pictures (the butterfly's) fills its width at 1.45 in.
    too_small, covering = {}, {}
    for slug in published_exercise_slugs():
        tab.open(reverse("exercises:detail", args=[slug]))
        tab.page.set_viewport_size({"width": PRINTED_WIDTH, "height": 1000})
        tab.page.emulate_media(media="print")
        printed = tab.page.evaluate(PRINTED_PICTURES)
        if printed["largest"] < (1.4 if printed["upright"] else 2.29):
            too_small[slug] = round(printed["largest"], 2)
        if printed["covered"]:
            covering[slug] = printed["covered"]

    assert too_small == {}
    assert covering == {}


def test_each_checklist_result_prints_on_one_page_with_the_number_to_call(tab, committed_edits):
    edit(ClinicDetails.objects.all(), phone="(631) 555-0100")
    expected_number = {
        "checklist-emergency": "(tel:911)",
        "checklist-emergency-combination": "(tel:911)",
        "checklist-urgent": "(tel:+16315550100)",
        "checklist-urgent-combination": "(tel:+16315550100)",
        "checklist-routine": "(tel:+16315550100)",
        "checklist-self-care": "(tel:911)",
        "checklist-none-and-sign": "(tel:+16315550100)",
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


TALLEST = """() => [...document.querySelectorAll('.routine-sheet__item')].map((item) => {
  item.parentElement.style.alignItems = 'start';
  return [item.dataset.slug, item.getBoundingClientRect().height];
})"""


def printed_pages(tab, path: str, paper: str = "Letter") -> tuple[int, str]:
    tab.open(path)
    pdf = PdfReader(BytesIO(tab.page.pdf(format=paper, margin=BROWSER_MARGINS)))
    return len(pdf.pages), "".join(page.extract_text() for page in pdf.pages)


def roomiest_exercises(tab, count: int) -> list[str]:
    """Return the slugs of the exercises that take the most room on a printed sheet, in the order
    that takes most: a row is as tall as its tallest, so the tallest lead the rows of three."""
    slugs = published_exercise_slugs()
    tab.page.set_viewport_size({"width": 717, "height": 1000})  # A4's printable width
    heights = {}
    for start in range(0, len(slugs), 10):
        tab.open(f"{reverse('exercises:routine_print')}?do={','.join(slugs[start : start + 10])}")
        tab.page.emulate_media(media="print")
        heights.update(dict(tab.page.evaluate(TALLEST)))
    tab.page.emulate_media(media="null")
    roomiest = sorted(slugs, key=lambda slug: -heights[slug])[:count]
    rows = -(-count // 3)
    leaders, others = roomiest[:rows], roomiest[rows:]
    return [
        slug
        for row, leader in enumerate(leaders)
        for slug in [leader, *others[2 * row : 2 * row + 2]]
    ]


def test_the_six_roomiest_exercises_print_as_a_routine_on_one_page_with_their_figures(
    tab, committed_edits
):
    ClinicDetails.objects.update(phone="(631) 555-0100")
    six = roomiest_exercises(tab, 6)
    path = f"{reverse('exercises:routine_print')}?do={','.join(six)}"

    printed = {paper: printed_pages(tab, path, paper) for paper in ("Letter", "A4")}

    assert {paper: pages for paper, (pages, _) in printed.items()} == {"Letter": 1, "A4": 1}
    pages, text = printed["Letter"]
    assert tab.page.locator(".routine-sheet__figure").count() == 6
    assert "(631) 555-0100" in text and "911" in text
    # PDF text has ligatures ("ﬂ"); NFKC spells them out.
    text = unicodedata.normalize("NFKC", text)
    assert [n for n in (Exercise.objects.get(slug=s).name for s in six) if n not in text] == []
    tab.page.emulate_media(media="print")
    assert tab.page.get_by_role("navigation", name="Main").is_hidden()
    assert tab.page.locator(".print-toolbar").is_hidden()


def test_seven_to_twelve_exercises_print_on_two_pages_and_each_page_has_the_numbers_to_call(tab):
    # The roomiest first: the sheets a patient's QA pass found spilling onto a third page.
    slugs = roomiest_exercises(tab, 12)
    for count in (7, 12):
        path = f"{reverse('exercises:routine_print')}?do={','.join(slugs[:count])}"
        pdf = PdfReader(
            BytesIO(tab.open(path) and tab.page.pdf(format="Letter", margin=BROWSER_MARGINS))
        )
        assert len(pdf.pages) == 2, count
        assert all("911" in page.extract_text() for page in pdf.pages)


def test_a_ready_made_routine_prints_on_one_page(tab):
    path = reverse("exercises:routine_detail_print", args=["strength-three-times-a-week"])
    assert printed_pages(tab, path)[0] == 1
