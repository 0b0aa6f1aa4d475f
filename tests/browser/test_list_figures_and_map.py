"""Issue 19 at 375 px: a start-pose figure on every exercise card, and the body map's areas."""

from django.urls import reverse


def test_every_exercise_card_shows_its_start_position_beside_the_summary(tab):
    tab.open(reverse("exercises:list"))
    cards = tab.page.locator(".exercise-cards .guide-card").evaluate_all(
        "cards => cards.map(card => { const c = card.getBoundingClientRect(); "
        "const svg = card.querySelector('.fig-thumb svg'); "
        "if (!svg) return null; const s = svg.getBoundingClientRect(); "
        "const ink = svg.querySelectorAll('path.fig-hl, .fig-body > path, circle').length; "
        "return {inside: s.left >= c.left && s.right <= c.right && s.top >= c.top "
        "&& s.bottom <= c.bottom, width: s.width, height: s.height, ink}; })"
    )
    assert len(cards) == 20
    for card in cards:
        assert card is not None
        assert card["inside"] and card["height"] >= 30 and card["width"] >= 40
        assert card["ink"] > 5  # a drawn body, not an empty box
    # Hidden from screen readers: the card's words already name the exercise.
    hidden = tab.page.locator(".fig-thumb").evaluate_all(
        "els => els.every(el => el.getAttribute('aria-hidden') === 'true')"
    )
    assert hidden


def test_the_body_map_at_375_px_shows_neck_and_shoulders_twice_and_clear_blades(tab):
    tab.open(reverse("exercises:list"))
    boxes = tab.page.locator(".where svg a").evaluate_all(
        "links => Object.fromEntries(links.map(a => [a.dataset.area, "
        "[...a.querySelectorAll('.bm-region')].map(() => null).length && "
        "{shapes: a.querySelector('.bm-region').getAttribute('d').split('Z').length - 1, "
        "badge: (b => [b.left, b.top, b.right, b.bottom])"
        "(a.querySelector('.bm-badge circle').getBoundingClientRect()), "
        "box: (b => [b.left, b.top, b.right, b.bottom])(a.getBoundingClientRect())}]))"
    )
    svg = tab.page.locator(".where svg").bounding_box()
    middle = svg["x"] + svg["width"] / 2
    for area in ("neck", "shoulders"):  # drawn on the front and on the back
        left, _, right, _ = boxes[area]["box"]
        assert left < middle < right, area
    assert boxes["neck"]["shapes"] == 2 and boxes["shoulders"]["shapes"] == 4
    # Hips sit above the legs: their box ends above the body's lower-back shape's bottom.
    assert boxes["hips"]["box"][3] < boxes["lower-back"]["box"][3] + 4
    blade_shapes = tab.page.locator(".where svg a[data-area=shoulder-blades] .bm-region")
    blades = blade_shapes.evaluate(
        "path => { const n = path.getTotalLength(); const pts = []; "
        "for (let i = 0; i < 80; i++) { const p = path.getPointAtLength(n * i / 80); "
        "const m = path.getScreenCTM(); pts.push([p.x * m.a + m.e, p.y * m.d + m.f]); } "
        "return pts; }"
    )
    for area in ("shoulder-blades", "upper-back"):
        x0, y0, x1, y1 = boxes[area]["badge"]
        assert not any(x0 < x < x1 and y0 < y < y1 for x, y in blades), area


def test_tapping_each_number_on_the_body_opens_its_own_area(tab):
    """A patient QA pass (round 24) tapped the "2" between the shoulder blades and got the upper
    back: the number let the tap through to the shape under it."""
    tab.open(reverse("exercises:list"))
    areas = tab.page.locator(".where svg a").evaluate_all("links => links.map(a => a.dataset.area)")
    for area in areas:
        tab.open(reverse("exercises:list"))
        badge = tab.page.locator(f".where svg a[data-area={area}] .bm-badge circle").first
        box = badge.bounding_box()
        with tab.page.expect_navigation():
            tab.page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
        assert tab.page.url.endswith(f"?area={area}"), (area, tab.page.url)
