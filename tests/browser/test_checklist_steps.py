"""On a phone, each checklist step starts with its questions, not with a screen of reading."""

from django.urls import reverse

from .pages import Page

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
