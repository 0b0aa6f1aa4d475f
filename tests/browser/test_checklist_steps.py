"""On a phone, each checklist step starts with its questions, not with a screen of reading."""

from django.urls import reverse

from .pages import Page, assert_marker_beside_first_line

# Where the first question's label ends, measured from the top of the page (not of the window).
FIRST_QUESTION_BOTTOM = """() => {
  const box = document.querySelector('main form fieldset input[type=checkbox]');
  const label = document.querySelector(`label[for="${box.id}"]`);
  return label.getBoundingClientRect().bottom + window.scrollY;
}"""


def test_the_first_question_of_each_step_is_on_the_first_phone_screen(tab):
    checklist = reverse("guidance:checklist")
    bottoms = {}
    for step, page in (
        ("step 1", Page("checklist", checklist)),
        ("step 2", Page("checklist-step-2", checklist, submit={})),
    ):
        tab.open(page)
        bottoms[step] = tab.page.evaluate(FIRST_QUESTION_BOTTOM)
    screen = tab.page.viewport_size["height"]
    assert {step: bottom <= screen for step, bottom in bottoms.items()} == {
        "step 1": True,
        "step 2": True,
    }, f"first question ends at {bottoms} px; the screen is {screen} px high"


def test_a_result_link_over_two_lines_has_its_bullet_on_its_first_line(tab):
    """A patient QA pass (round 24): at 375 px the first link's bullet sat beside its second line."""
    tab.open(reverse("guidance:checklist_other_signs"))
    tab.page.get_by_label("None of these apply to me").check()
    with tab.page.expect_navigation():
        tab.page.get_by_role("button", name="See what to do").click()
    assert_marker_beside_first_line(tab.page.locator(".result-links li").first)
