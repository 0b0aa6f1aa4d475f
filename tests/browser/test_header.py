"""The header: one short row on a phone with "When to see a doctor" in view, every link on a desktop."""

from django.urls import reverse

MENU_LINKS = ["Exercises", "Why it hurts", "What helps", "Contact"]


def header_height(tab) -> float:
    return tab.page.locator(".site-header").bounding_box()["height"]


def test_on_a_375px_phone_the_header_is_one_short_row_with_the_checklist_in_view(tab):
    tab.open(reverse("guidance:home"))

    assert header_height(tab) <= 72
    urgent = tab.page.get_by_role("navigation", name="Main").get_by_role(
        "link", name="When to see a doctor"
    )
    assert urgent.is_visible()
    box = urgent.bounding_box()
    assert box["y"] + box["height"] <= header_height(tab)
    for name in MENU_LINKS:
        assert tab.page.locator(".site-header").get_by_role("link", name=name).is_hidden()


def test_on_a_phone_one_tap_on_menu_shows_the_other_sections_and_contact(tab):
    tab.open(reverse("guidance:home"))
    header = tab.page.locator(".site-header")

    header.get_by_text("Menu").click()
    for name in MENU_LINKS:
        assert header.get_by_role("link", name=name, exact=True).is_visible(), name
    header.get_by_role("link", name="Contact", exact=True).click()
    tab.page.wait_for_url(f"**{reverse('guidance:contact')}")
    assert tab.page.locator("h1").inner_text().startswith("Contact")


def test_on_a_phone_the_open_menu_closes_on_escape_or_a_tap_outside_it(tab):
    """A patient QA pass (round 24): the menu stayed open over the page until "Menu" was tapped."""
    tab.open(reverse("guidance:home"))
    header = tab.page.locator(".site-header")
    header.get_by_text("Menu").click()
    assert header.get_by_role("link", name="Exercises", exact=True).is_visible()
    tab.page.keyboard.press("Escape")
    assert header.get_by_role("link", name="Exercises", exact=True).is_hidden()
    assert tab.page.evaluate("document.activeElement.textContent") == "Menu"
    header.get_by_text("Menu").click()
    tab.page.mouse.click(5, tab.page.viewport_size["height"] - 5)
    assert header.get_by_role("link", name="Exercises", exact=True).is_hidden()
    # A tap inside it (its search box) keeps it open.
    header.get_by_text("Menu").click()
    header.get_by_role("searchbox").click()
    assert header.get_by_role("link", name="Exercises", exact=True).is_visible()


def test_on_a_desktop_every_menu_link_shows_in_one_row_without_a_tap(tab):
    tab.page.set_viewport_size({"width": 1280, "height": 900})
    tab.open(reverse("guidance:home"))
    header = tab.page.locator(".site-header")

    assert header_height(tab) <= 80
    assert header.get_by_text("Menu").is_hidden()
    tops = set()
    for name in [*MENU_LINKS, "When to see a doctor"]:
        link = header.get_by_role("link", name=name, exact=True)
        assert link.is_visible(), name
        box = link.bounding_box()
        tops.add(round(box["y"] + box["height"] / 2))
    assert max(tops) - min(tops) <= 2, "the links sit in one row"


def test_on_a_desktop_the_keyboard_reaches_every_menu_link(tab):
    tab.page.set_viewport_size({"width": 1280, "height": 900})
    tab.open(reverse("guidance:home"))
    reached = []
    # Skip link, brand, "When to see a doctor", the four links, the search box and its button.
    for _ in range(10):
        tab.page.keyboard.press("Tab")
        reached.append(tab.page.evaluate("document.activeElement.textContent.trim()"))
    for name in [*MENU_LINKS, "When to see a doctor"]:
        assert name in reached


def test_on_a_desktop_the_search_box_shows_its_whole_placeholder(tab):
    for width in (1200, 1280):
        tab.page.set_viewport_size({"width": width, "height": 900})
        tab.open(reverse("guidance:home"))
        room, needed = tab.page.evaluate(
            """() => {
                const box = document.querySelector('.site-header .site-search__input');
                const style = getComputedStyle(box);
                const pen = document.createElement('canvas').getContext('2d');
                pen.font = style.font;
                const padding = parseFloat(style.paddingLeft) + parseFloat(style.paddingRight);
                return [box.clientWidth - padding, pen.measureText(box.placeholder).width];
            }"""
        )
        # Chromium keeps about 16 px of a search box for its clear button, even while it is empty.
        assert room >= needed + 16, f"at {width} px the box has {room} px for {needed} px of text"
