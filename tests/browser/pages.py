"""The public pages the browser suite visits: add a page here and every browser check covers it."""

import io
import json
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.urls import reverse

Answers = dict[str, str | list[str]]


@dataclass(frozen=True)
class Page:
    """A page as a visitor reaches it: a GET of `path`, or that page's form submitted with `submit`.

    `submit` maps field names to values: the checkbox or radio with that name (and that value, when
    there are several) is checked, any other field is filled in; then the form's submit button is
    pressed. An empty dict submits the form untouched, to see its errors. A list of them answers
    one form after another, as on a form in steps.
    """

    id: str
    path: str
    status: int = 200
    submit: Answers | list[Answers] | None = None

    def __str__(self) -> str:
        return self.id


def published_exercise_slugs() -> list[str]:
    """Return the slugs of the exercises the guide's fixtures publish, in the guide's order."""
    records = json.loads((Path(settings.FIXTURE_DIRS[0]) / "exercises.json").read_text())
    published = [r["fields"] for r in records if r["fields"].get("is_published", True)]
    return [f["slug"] for f in sorted(published, key=lambda f: f["order"])]


# A routine with a dose changed, kinds mixed, and a hold, sides, sets and directions.
SIX_EXERCISES = (
    "shoulder-roll:5.2/d,upper-trapezius-stretch:2x30s.1/d,resistance-band-row:2x12.3/w,"
    "cat-cow-stretch,childs-pose,chair-rotation"
)

PROGRESSING = (
    "start:2026-11-09,shoulder-roll:5.2/d.up1to15,upper-trapezius-stretch:3x20s.2/d.up5sto30s"
)


def public_pages() -> list[Page]:
    """Return every public page, as the browser checks visit them."""
    exercises = reverse("exercises:list")
    checklist = reverse("guidance:checklist")
    routine = reverse("exercises:routine")
    routine_print = reverse("exercises:routine_print")
    desk = "5-minutes-at-your-desk"
    search = reverse("search")
    return [
        Page("home", reverse("guidance:home")),
        Page("exercise-list", exercises),
        Page("exercise-list-filtered", f"{exercises}?area=neck&kind=stretch"),
        # An area chosen on the body map: the map folds away and marks it.
        Page("exercise-list-area", f"{exercises}?area=shoulder-blades"),
        Page("exercise-list-empty", f"{exercises}?area=neck&kind=strength&equipment=none"),
        Page("exercise-list-unknown-filter", f"{exercises}?area=knees"),
        *[
            Page(f"exercise-{slug}", reverse("exercises:detail", args=[slug]))
            for slug in published_exercise_slugs()
        ],
        Page("exercise-with-routine", f"{exercises}wall-angel/?routine=neck-roll:5.2/d"),
        Page("exercise-list-with-routine", f"{exercises}?routine=neck-roll:5.2/d&area=neck"),
        Page("routine-empty", routine),
        Page("routine", f"{routine}?do={SIX_EXERCISES}"),
        Page("routine-with-notes", f"{routine}?do=neck-roll:999,spam,wall-angel,wall-angel"),
        Page("routine-dose-error", f"{routine}?do=neck-roll&change=0&reps=500"),
        Page("routine-print", f"{routine_print}?do={SIX_EXERCISES}"),
        # A physiotherapist's routine: a start date, weekly increases, a start date mistyped.
        Page("routine-progressing", f"{routine}?do={PROGRESSING}&start=someday"),
        Page("routine-print-progressing", f"{routine_print}?do={PROGRESSING}"),
        Page("routine-print-empty", routine_print),
        Page("routine-session", f"{reverse('exercises:routine_session')}?do={SIX_EXERCISES}"),
        Page(
            "routine-session-finish",
            f"{reverse('exercises:routine_session')}?do={SIX_EXERCISES}&at=done",
        ),
        Page("routine-start-again", f"{reverse('exercises:routine_clear')}?do={SIX_EXERCISES}"),
        Page("ready-made-routines", reverse("exercises:routines")),
        Page("ready-made-routine", reverse("exercises:routine_detail", args=[desk])),
        Page("ready-made-print", reverse("exercises:routine_detail_print", args=[desk])),
        Page("ready-made-session", reverse("exercises:routine_detail_session", args=[desk])),
        Page("search", search),
        Page("search-results", f"{search}?q=neck+stretch"),
        Page("search-misspelt", f"{search}?q=trapezious"),
        Page("search-nothing-found", f"{search}?q=xylophone"),
        Page("search-too-long", f"{search}?q={'neck%20' * 1500}"),
        Page("search-odd-characters", f"{search}?q=%E2%80%AEkcen%F0%9F%99%82%00"),
        Page("causes", reverse("guidance:causes")),
        Page("home-remedies", reverse("guidance:remedies")),
        Page("lifestyle", reverse("guidance:lifestyle")),
        Page("prevention", reverse("guidance:prevention")),
        Page("when-to-seek-help", reverse("guidance:seek_help")),
        Page("contact", reverse("guidance:contact")),
        Page("not-found", "/no-such-page/", status=404),
        Page("checklist", checklist),
        # The checklist's second step (nothing ticked in the first), each outcome, and the form
        # sent back with its errors.
        Page("checklist-step-2", checklist, submit={}),
        Page(
            "checklist-emergency", checklist, submit={"emergency": ["chest-pain-or-breathlessness"]}
        ),
        Page(
            "checklist-emergency-combination",
            checklist,
            submit=[{}, {"symptoms": ["numbness-or-weakness"], "health": ["history-of-cancer"]}],
        ),
        Page("checklist-urgent", checklist, submit=[{}, {"symptoms": ["fever"]}]),
        Page(
            "checklist-urgent-combination",
            checklist,
            submit=[{}, {"health": ["age-under-20-or-over-50"], "pain": ["persistent-pain"]}],
        ),
        Page("checklist-routine", checklist, submit=[{}, {"pain": ["persistent-pain"]}]),
        Page("checklist-self-care", checklist, submit=[{}, {"none_apply": "on"}]),
        Page(
            "checklist-none-and-sign",
            checklist,
            submit=[{}, {"symptoms": ["fever"], "none_apply": "on"}],
        ),
        Page("checklist-errors", checklist, submit=[{}, {}]),
    ]


def assert_marker_beside_first_line(item) -> None:
    """Check that a list item whose link wraps has its bullet or number beside the first line.

    The marker is drawn outside the item, in the 30 px to its left: its dark pixels must all be
    above the bottom of the link's first line (it sat beside the second: a patient QA pass).
    """
    from PIL import Image

    link = item.locator("a")
    lines = "a => { const r = document.createRange(); r.selectNodeContents(a); return r.getClientRects().length; }"
    assert link.evaluate(lines) >= 2, "the link does not wrap here"
    box = item.bounding_box()
    clip = {"x": box["x"] - 30, "y": box["y"], "width": 30, "height": box["height"]}
    image = Image.open(io.BytesIO(item.page.screenshot(clip=clip))).convert("L")
    rows = [y for y in range(image.height) for x in range(30) if image.getpixel((x, y)) < 100]
    assert rows, "no marker drawn"
    first_line = link.evaluate(
        "a => { const r = document.createRange(); r.setStart(a.firstChild, 0);"
        " r.setEnd(a.firstChild, 1); return r.getBoundingClientRect().bottom; }"
    )
    assert max(rows) < first_line - box["y"], (rows, first_line - box["y"])
