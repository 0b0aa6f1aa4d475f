"""The patient's own routine, remembered on the phone: "Add to my routine" on an exercise reached
from the menu adds to it (a patient QA pass, round 24, lost a routine by adding a second exercise
that way). Nothing of it is sent but the routine's own address, as before."""

from urllib.parse import parse_qs, urlsplit

from django.urls import reverse

ROUTINE = reverse("exercises:routine")


def routine_code(url: str) -> str:
    return parse_qs(urlsplit(url).query)["do"][0]


def test_add_to_my_routine_from_the_menu_adds_to_the_routine_on_the_phone(tab):
    page = tab.page
    tab.open("/")
    page.evaluate("localStorage.clear()")
    tab.open(f"{ROUTINE}?do=pec-stretch:3x20s.2/d")
    # Elsewhere by the menu, then an exercise with no routine in its address.
    tab.open(reverse("exercises:detail", args=["wall-angel"]))
    assert page.get_by_text("Your routine has 1 exercise.").is_visible()
    with page.expect_navigation():
        page.get_by_role("link", name="Add to my routine").click()
    assert [e.split(":")[0] for e in routine_code(page.url).split(",")] == [
        "pec-stretch",
        "wall-angel",
    ]
    assert page.locator("main .routine-list li, main [data-slug]").count() >= 2
    # One already in it opens the routine instead.
    tab.open(reverse("exercises:detail", args=["pec-stretch"]))
    link = page.get_by_role("link", name="In your routine: open it")
    assert routine_code(link.get_attribute("href")).startswith("pec-stretch")
    # Started again, nothing is remembered: the exercise starts a routine of its own.
    tab.open(ROUTINE)
    tab.open(reverse("exercises:detail", args=["wall-angel"]))
    link = page.get_by_role("link", name="Add to my routine")
    assert routine_code(link.get_attribute("href")).startswith("wall-angel")
    assert page.context.cookies() == []
    page.evaluate("localStorage.clear()")


def test_a_full_routine_is_not_replaced_by_the_exercise_added_to_it(tab):
    # A patient QA pass (round 24): with 12 exercises, "Add to my routine" opened a routine of the
    # new exercise alone, and the 12 were forgotten.
    page = tab.page
    tab.open("/")
    page.evaluate("localStorage.clear()")
    twelve = [
        "neck-roll", "shoulder-roll", "arm-circles", "overhead-arm-reach", "chair-rotation",
        "cat-cow-stretch", "knee-to-chest", "thoracic-extension", "resistance-band-row",
        "face-pull-with-band", "scapular-squeeze", "wall-angel",
    ]  # fmt: skip
    tab.open(f"{ROUTINE}?do={','.join(twelve)}")
    tab.open(reverse("exercises:detail", args=["superman"]))
    link = page.get_by_role("link", name="Your routine is full (12 exercises): open it")
    assert [e.split(":")[0] for e in routine_code(link.get_attribute("href")).split(",")] == twelve
    page.evaluate("localStorage.clear()")


def test_add_to_my_routine_from_a_ready_made_routines_exercise_adds_to_the_patients_own(tab):
    # It built on the ready-made routine: Morning mobility's five exercises plus this one, in place
    # of the patient's own routine.
    page = tab.page
    tab.open("/")
    page.evaluate("localStorage.clear()")
    tab.open(f"{ROUTINE}?do=pec-stretch:3x20s.2/d")
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
