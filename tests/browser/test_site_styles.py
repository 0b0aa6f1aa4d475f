"""The site's own stylesheets reach the browser and style the page."""

from django.urls import reverse

STYLESHEETS = """() => [...document.querySelectorAll('link[rel=stylesheet]')].map(
  (link) => [new URL(link.href).pathname, link.sheet ? link.sheet.cssRules.length : 0])"""


def test_bootstrap_and_the_backcare_stylesheet_load_and_style_the_page(tab):
    tab.open(reverse("guidance:home"))

    sheets = dict(tab.page.evaluate(STYLESHEETS))
    assert sheets.keys() == {"/static/bootstrap/css/bootstrap.min.css", "/static/css/backcare.css"}
    assert all(rules > 10 for rules in sheets.values()), sheets
    header = tab.page.locator(".site-header")
    assert header.evaluate("el => getComputedStyle(el).backgroundColor") == "rgb(11, 85, 99)"
    hidden_heading = tab.page.get_by_role("heading", name="Where to start")
    assert hidden_heading.bounding_box()["width"] <= 1, "Bootstrap's .visually-hidden applies"


def test_a_word_longer_than_the_phone_breaks_instead_of_widening_the_page(tab, committed_edits):
    """A staff QA pass pasted 2,000 characters with no space into a checklist line and an
    exercise name: the causes page became 21,477 px wide and the exercise page 1,432 px."""
    from exercises.models import Exercise
    from guidance.models import AdviceChecklist

    checklist = AdviceChecklist.objects.first()
    checklist.items = "x" * 2000 + "\n" + checklist.items
    checklist.save()
    exercise = Exercise.objects.get(slug="neck-roll")
    exercise.name = "Neck" * 30
    exercise.save()
    for path in (checklist.get_absolute_url(), exercise.get_absolute_url()):
        tab.open(path)
        assert (
            tab.page.evaluate("document.documentElement.scrollWidth")
            <= tab.page.viewport_size["width"]
        ), path
    # Buttons keep their words whole beside a box that takes the rest of the row.
    tab.open(reverse("search") + "?q=neck")
    button = tab.page.locator("main form [type=submit]").first
    lines = "b => { const r = document.createRange(); r.selectNodeContents(b); return r.getClientRects().length; }"
    assert button.evaluate(lines) == 1, "the button's word breaks in two"


def test_a_contents_entry_over_two_lines_has_its_number_on_its_first_line(tab, committed_edits):
    """A patient QA pass (round 24) saw "3." beside the second line of a long heading."""
    from guidance.models import Cause

    from .pages import assert_marker_beside_first_line

    cause = Cause.objects.order_by("order").first()
    cause.title = "Sitting hunched over a laptop or phone for many hours every day"
    cause.save()
    tab.open(reverse("guidance:causes"))
    assert_marker_beside_first_line(tab.page.locator(".toc li").first)
