"""The patient's own routine, remembered on the phone: "Add to my routine" on an exercise reached
from the menu adds to it (a patient QA pass, round 24, lost a routine by adding a second exercise
that way). Nothing of it is sent but the routine's own address, as before."""

from urllib.parse import parse_qs, urlsplit

from django.urls import reverse

ROUTINE = reverse("exercises:routine")


def routine_code(url: str) -> str:
    return parse_qs(urlsplit(url).query)["do"][0]


def slugs_of(code: str) -> list[str]:
    return [entry.split(":")[0] for entry in code.split(",")]


def kept_on_the_phone(tab, code: str):
    """Open a routine with nothing else kept on the phone before it, and return the page."""
    tab.open("/")
    tab.page.evaluate("localStorage.clear()")
    tab.open(f"{ROUTINE}?do={code}")
    return tab.page


def test_add_to_my_routine_from_the_menu_adds_to_the_routine_on_the_phone(tab):
    page = kept_on_the_phone(tab, "pec-stretch:3x20s.2/d")
    # Elsewhere by the menu, then an exercise with no routine in its address.
    tab.open(reverse("exercises:detail", args=["wall-angel"]))
    assert page.get_by_text("Your routine has 1 exercise.").is_visible()
    with page.expect_navigation():
        page.get_by_role("link", name="Add to my routine").click()
    assert slugs_of(routine_code(page.url)) == [
        "pec-stretch",
        "wall-angel",
    ]
    assert page.locator("main .routine-list li, main [data-slug]").count() >= 2
    # One already in it opens the routine instead.
    tab.open(reverse("exercises:detail", args=["pec-stretch"]))
    link = page.get_by_role("link", name="In your routine: open it")
    assert routine_code(link.get_attribute("href")).startswith("pec-stretch")
    # Started again, nothing is remembered: the exercise starts a routine of its own.
    tab.open(f"{reverse('exercises:routine_clear')}?do={routine_code(link.get_attribute('href'))}")
    with page.expect_navigation():
        page.get_by_role("link", name="Yes, start again").click()
    assert page.locator(".routine-memory-note").count() == 0
    tab.open(reverse("exercises:detail", args=["wall-angel"]))
    link = page.get_by_role("link", name="Add to my routine")
    assert routine_code(link.get_attribute("href")).startswith("wall-angel")
    assert page.context.cookies() == []
    page.evaluate("localStorage.clear()")


def test_a_full_routine_is_not_replaced_by_the_exercise_added_to_it(tab):
    # A patient QA pass (round 24): with 12 exercises, "Add to my routine" opened a routine of the
    # new exercise alone, and the 12 were forgotten.
    twelve = [
        "neck-roll", "shoulder-roll", "arm-circles", "overhead-arm-reach", "chair-rotation",
        "cat-cow-stretch", "knee-to-chest", "thoracic-extension", "resistance-band-row",
        "face-pull-with-band", "scapular-squeeze", "wall-angel",
    ]  # fmt: skip
    page = kept_on_the_phone(tab, ",".join(twelve))
    tab.open(reverse("exercises:detail", args=["superman"]))
    link = page.get_by_role("link", name="Your routine is full (12 exercises): open it")
    assert slugs_of(routine_code(link.get_attribute("href"))) == twelve
    page.evaluate("localStorage.clear()")


def test_add_to_my_routine_from_a_ready_made_routines_exercise_adds_to_the_patients_own(tab):
    # It built on the ready-made routine: Morning mobility's five exercises plus this one, in place
    # of the patient's own routine.
    page = kept_on_the_phone(tab, "pec-stretch:3x20s.2/d")
    tab.open(reverse("exercises:routine_detail", args=["morning-mobility"]))
    with page.expect_navigation():
        page.get_by_role("link", name="Child’s Pose").click()
    assert page.get_by_text("Part of the ready-made routine “Morning mobility”.").is_visible()
    with page.expect_navigation():
        page.get_by_role("link", name="Add to my routine").click()
    code = routine_code(page.url)
    assert [e.split(":")[0] for e in code.split(",")] == ["pec-stretch", "childs-pose"]
    assert code.split(",")[1] == "childs-pose:2x30s.1/d"  # the dose the page showed
    page.evaluate("localStorage.clear()")


def test_an_empty_routine_page_offers_the_routine_kept_and_forgets_it_only_when_asked(tab):
    # Round 29: "Build your own routine" (an empty routine page) wiped the routine kept on the
    # phone, without the question "Start again" asks.
    page = kept_on_the_phone(tab, "neck-roll,pec-stretch")
    tab.open(reverse("exercises:routines"))
    with page.expect_navigation():
        page.get_by_role("link", name="Build your own routine").click()
    note = page.locator(".routine-memory-note")
    assert note.inner_text() == "Your routine on this phone has 2 exercises. Open it"
    with page.expect_navigation():
        note.get_by_role("link", name="Open it").click()
    assert slugs_of(routine_code(page.url)) == ["neck-roll", "pec-stretch"]
    # Removing its last exercise is asking: nothing is offered then.
    tab.open(f"{ROUTINE}?do=neck-roll")
    with page.expect_navigation():
        page.get_by_role("link", name="Remove", exact=False).first.click()
    assert page.locator(".routine-memory-note").count() == 0
    assert page.evaluate("localStorage.getItem('backcare-routine')") is None


def test_a_ready_made_routine_made_your_own_says_which_routine_it_replaced(tab):
    # Round 29: "Make it your own and change it" silently took the place of the patient's routine.
    page = kept_on_the_phone(tab, "neck-roll,face-pull-with-band")
    # Changing one's own routine says nothing: a dose, one more exercise.
    tab.open(f"{ROUTINE}?do=neck-roll,face-pull-with-band,pec-stretch")
    assert page.locator(".routine-memory-note").count() == 0
    tab.open(reverse("exercises:routine_detail", args=["morning-mobility"]))
    with page.expect_navigation():
        page.get_by_role("link", name="Make it your own and change it").click()
    note = page.locator(".routine-memory-note")
    assert note.inner_text() == (
        "This routine has taken the place of the one kept on this phone (3 exercises). "
        "Open that one instead"
    )
    with page.expect_navigation():
        note.get_by_role("link", name="Open that one instead").click()
    assert slugs_of(routine_code(page.url)) == ["neck-roll", "face-pull-with-band", "pec-stretch"]
    assert page.evaluate("localStorage.getItem('backcare-routine')") == routine_code(page.url)
    page.evaluate("localStorage.clear()")
