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
