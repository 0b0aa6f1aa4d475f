"""A keyboard alone gets around the exercise list, and always shows where it is."""

from django.urls import reverse

ACTIVE = """() => {
  const el = document.activeElement;
  const ring = (e) => {
    const style = getComputedStyle(e);
    const outline = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0;
    return outline || style.boxShadow !== 'none';
  };
  // A stretched link draws its focus ring around the whole card.
  const card = el.classList.contains('stretched-link') ? el.closest('.card') : null;
  const box = el.getBoundingClientRect();
  return {
    tag: el.tagName.toLowerCase(),
    id: el.id,
    text: el.textContent.trim().slice(0, 60),
    inMain: !!el.closest('main'),
    ringed: ring(el) || (card !== null && ring(card)),
    onScreen: box.top >= 0 && box.left >= 0 && box.bottom <= innerHeight && box.right <= innerWidth,
  };
}"""


def focused(tab) -> dict:
    return tab.page.evaluate(ACTIVE)


def test_first_tab_reaches_the_skip_link_which_takes_focus_to_the_main_content(tab):
    tab.open(reverse("exercises:list"))

    tab.page.keyboard.press("Tab")
    skip_link = focused(tab)
    assert skip_link["text"] == "Skip to main content"
    assert skip_link["ringed"] and skip_link["onScreen"]

    tab.page.keyboard.press("Enter")
    assert focused(tab)["id"] == "main-content"

    tab.page.keyboard.press("Tab")
    assert focused(tab)["inMain"]


def test_every_control_on_the_exercise_list_shows_a_focus_ring_when_tabbed_to(tab):
    tab.open(reverse("exercises:list"))
    stops = []
    for _ in range(100):
        tab.page.keyboard.press("Tab")
        stop = focused(tab)
        if stop["tag"] == "body" or stop in stops[:1]:
            break
        stops.append(stop)

    assert len(stops) > 30, "Tab should reach the filters and all 20 exercises"
    assert [stop["text"] for stop in stops if not stop["ringed"]] == []
