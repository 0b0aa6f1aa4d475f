"""A printed routine: each figure sits inside its exercise's box, clear of the words and tick boxes,
and the QR code of the routine's address sits at the top, clear of the words too."""

from io import BytesIO

import pytest
from django.urls import reverse
from pypdf import PdfReader

# Four frames, lying and kneeling poses, a prop and a standing pair: the figures that take most room.
OWN = (
    "shoulder-roll:5.2/d,upper-trapezius-stretch:3x20s.2/d,resistance-band-row:2x10.3/w,"
    "cat-cow-stretch,wall-angel,thoracic-extension"
)
PRINTS = {
    "own": lambda: f"{reverse('exercises:routine_print')}?do={OWN}",
    "ready-made": lambda: reverse("exercises:routine_detail_print", args=["morning-mobility"]),
}
MARGINS = dict.fromkeys(("top", "right", "bottom", "left"), "0.4in")
# Letter's width less the margins, in CSS pixels: the width the printed page is laid out at.
PRINTED_WIDTH = round((8.5 - 0.8) * 96)

OVERLAPS = """() => {
  const texts = [...document.querySelectorAll(`.routine-sheet__header > *, .routine-sheet__name,
    .routine-sheet__dose, .routine-sheet__steps li, .routine-sheet__care, .routine-sheet__week,
    .routine-sheet__way-back p, .fig-frame__caption, .fig-set__note`)];
  const figures = [...document.querySelectorAll('.routine-sheet svg.fig, .routine-sheet__qr svg')];
  const box = (el) => el.getBoundingClientRect();
  const meet = (a, b) => a.left < b.right - 1 && b.left < a.right - 1
    && a.top < b.bottom - 1 && b.top < a.bottom - 1;
  const found = [];
  for (const figure of figures) {
    const own = box(figure);
    const name = figure.querySelector('title')?.textContent ?? 'The QR code';
    const item = box(figure.closest('.routine-sheet__item, .routine-sheet__header'));
    if (own.left < item.left - 1 || own.right > item.right + 1 || own.top < item.top - 1
        || own.bottom > item.bottom + 1) found.push(`${name} leaves its box`);
    for (const text of texts) {
      if (!text.contains(figure) && meet(own, box(text))) found.push(`${name} covers "${text.textContent.trim().slice(0, 40)}"`);
    }
    for (const other of figures) {
      if (other !== figure && meet(own, box(other))) found.push(`${name} covers another figure`);
    }
  }
  const qr = document.querySelector('.routine-sheet__qr svg');
  return {found, count: figures.length, shortest: Math.min(...figures.map((f) => box(f).height)),
          qr: qr && Math.round(box(qr).width)};
}"""


SPLIT_WORDS = """() => [...document.querySelectorAll('.fig-frame__caption')].flatMap((caption) => {
  const text = caption.firstChild;
  const split = [];
  for (const word of text.textContent.matchAll(/\\S+/g)) {
    const range = document.createRange();
    range.setStart(text, word.index);
    range.setEnd(text, word.index + word[0].length);
    const tops = new Set([...range.getClientRects()].map((r) => Math.round(r.top)));
    if (tops.size > 1) split.push(word[0]);
  }
  return split;
})"""


@pytest.mark.parametrize("which", PRINTS)
def test_a_printed_routine_keeps_every_figure_clear_of_the_text_and_tick_boxes(tab, which):
    tab.open(PRINTS[which]())
    tab.page.set_viewport_size({"width": PRINTED_WIDTH, "height": 1000})
    tab.page.emulate_media(media="print")

    laid_out = tab.page.evaluate(OVERLAPS)
    pdf = PdfReader(BytesIO(tab.page.pdf(format="Letter", margin=MARGINS)))

    assert laid_out["found"] == []
    assert laid_out["count"] >= 10  # every exercise's frames are drawn, none hidden to make room
    assert laid_out["shortest"] >= 30  # a lying pose, a third of an inch tall
    assert laid_out["qr"] >= 85  # nearly an inch: a phone reads it from arm's length
    assert len(pdf.pages) == 1
    # No caption word split over two lines (the page's overflow-wrap let "forward" print as
    # "forwar / d" under the shoulder roll's last frame).
    assert tab.page.evaluate(SPLIT_WORDS) == []


def test_on_screen_a_printable_routines_figures_stand_side_by_side_not_as_a_numbered_list(tab):
    tab.page.set_viewport_size({"width": 1280, "height": 900})
    tab.open(PRINTS["own"]())

    styles = tab.page.evaluate(
        "() => [...document.querySelectorAll('.routine-sheet__figure .fig-seq')]"
        ".map((list) => getComputedStyle(list).listStyleType)"
    )
    first_two_tops = tab.page.evaluate(
        """() => [...document.querySelectorAll('.routine-sheet__figure .fig-set--tall')].map((set) => {
          const frames = [...set.querySelectorAll('.fig-seq__item')];
          return [getComputedStyle(set.querySelector('.fig-seq')).listStyleType,
                  Math.round(frames[0].getBoundingClientRect().top),
                  Math.round(frames[1].getBoundingClientRect().top)];
        })"""
    )

    assert styles == ["none"] * 6
    # Lying and kneeling poses stand one above the other in a narrow column, with an arrow down.
    assert len(first_two_tops) == 4
    assert [(style, a == b) for style, a, b in first_two_tops] == [("none", True)] * 4


# The own routine of six and the ready-made one the clinic hands out most.
CAVEATED = {
    "own": lambda: (
        reverse("exercises:routine_print")
        + "?do=cat-cow-stretch,childs-pose,chair-rotation,arm-circles,wall-angel,thoracic-extension"
    ),
    "ready-made": lambda: reverse("exercises:routine_detail_print", args=["morning-mobility"]),
}
CAVEAT = "Suggested by this guide — check it with your physiotherapist."

SEEN = """() => [...document.querySelectorAll('.routine-sheet__dose')].map((dose) => ({
  mark: [...dose.querySelectorAll('.routine-sheet__mark')].some((el) => el.checkVisibility()),
  words: [...dose.querySelectorAll('.dose-caveat')].some((el) => el.checkVisibility()),
}))"""


@pytest.mark.parametrize("which", CAVEATED)
def test_each_unapproved_dose_says_so_beside_it_on_screen_and_is_marked_on_the_one_printed_page(
    tab, which
):
    tab.open(CAVEATED[which]())
    on_screen = tab.page.evaluate(SEEN)
    assert len(on_screen) >= 5
    assert on_screen == [{"mark": False, "words": True}] * len(on_screen)
    assert tab.page.locator(".routine-sheet__footnote").is_hidden()

    tab.page.set_viewport_size({"width": PRINTED_WIDTH, "height": 1000})
    tab.page.emulate_media(media="print")
    assert tab.page.evaluate(SEEN) == [{"mark": True, "words": False}] * len(on_screen)
    pdf = PdfReader(BytesIO(tab.page.pdf(format="Letter", margin=MARGINS)))
    text = pdf.pages[0].extract_text()

    assert len(pdf.pages) == 1
    assert text.count(CAVEAT) == 1 and f"* {CAVEAT}" in text
