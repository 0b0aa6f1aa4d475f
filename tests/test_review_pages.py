"""What a patient reads of the clinical sign-off, and the reviewers' to-do list."""

import datetime

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import timezone

from backcare import signoff
from backcare.models import Review
from exercises.models import Exercise
from guidance.models import Cause, GuideText
from guidance.sections import SECTIONS
from guidance.views import section_items
from tests.html import soup
from tests.signoff import logged_in, make_reviewer, post_change

pytestmark = pytest.mark.django_db

GUIDE_PAGES = [
    reverse("guidance:home"),
    *(section.get_absolute_url() for section in SECTIONS),
    reverse("guidance:checklist"),
    reverse("exercises:list"),
    reverse("exercises:detail", args=["wall-angel"]),
]
NOT_REVIEWED = "Not yet reviewed by the clinic’s clinicians"


@pytest.fixture
def reviewer(django_user_model):
    return make_reviewer(django_user_model, name="Jane Doe", credentials="MD, neurology")


def review_line(response) -> str:
    return soup(response).select_one("main .review-line__status").get_text(" ", strip=True)


def what_changed(response) -> list[str]:
    changes = soup(response).select_one("main .review-line__changes")
    return [li.get_text(" ", strip=True) for li in changes.select("li")] or [
        changes.select_one("p").get_text(strip=True)
    ]


def causes_items() -> list:
    """Return every clinical item of the causes page: its texts, causes and their checklists."""
    causes = SECTIONS[0]
    texts = GuideText.objects.filter(key__in=[causes.intro_key, causes.closing_key])
    return section_items(list(causes.model.objects.select_related("checklist")), texts)


def day(date) -> str:
    return f"{date.day} {date:%B %Y}"


@pytest.mark.parametrize("url", GUIDE_PAGES)
def test_every_guide_page_says_honestly_that_it_is_not_yet_reviewed(client, url):
    assert review_line(client.get(url)) == NOT_REVIEWED


def test_a_page_whose_every_item_is_reviewed_names_its_reviewer_and_next_review(client, reviewer):
    causes = SECTIONS[0]
    url = causes.get_absolute_url()
    assert review_line(client.get(url)) == NOT_REVIEWED
    for item in causes_items()[:-1]:
        signoff.record_review(item, reviewer, "NHS: Back pain")
    # One item left unreviewed keeps the page unreviewed.
    assert review_line(client.get(url)) == NOT_REVIEWED
    signoff.record_review(causes_items()[-1], reviewer, "NHS: Back pain")
    today = timezone.localdate()
    due = today + datetime.timedelta(days=365)
    assert review_line(client.get(url)) == (
        f"Reviewed by Jane Doe, MD, neurology on {day(today)} · Next review due {day(due)}"
    )


def test_a_text_change_goes_live_and_the_page_loses_its_reviewed_line(
    client, editor_client, reviewer
):
    causes = SECTIONS[0]
    for item in causes_items():
        signoff.record_review(item, reviewer, "NHS: Back pain")
    url = causes.get_absolute_url()
    assert review_line(client.get(url)).startswith("Reviewed by Jane Doe")
    stress = Cause.objects.get(slug="stress")
    change_url = reverse("admin:guidance_cause_change", args=[stress.pk])
    post_change(editor_client, change_url, body="Worry tightens the muscles of the back.")
    page = client.get(url)
    assert "Worry tightens the muscles of the back." in page.content.decode()
    assert review_line(page) == NOT_REVIEWED


def test_what_changed_lists_staff_changes_by_date_in_words(client, editor_client):
    url = reverse("guidance:causes")
    assert what_changed(client.get(url)) == [
        "No clinical changes since the guide was first published here."
    ]
    stress = Cause.objects.get(slug="stress")
    change_url = reverse("admin:guidance_cause_change", args=[stress.pk])
    post_change(editor_client, change_url, more="Try a short walk when you feel tense.")
    post_change(editor_client, change_url, order=stress.order + 1)
    assert what_changed(client.get(url)) == [
        f"{day(timezone.localdate())}: “{stress.title}”, what to do changed"
    ]


def test_a_dose_no_reviewer_approved_says_it_is_only_suggested(client, reviewer):
    exercise = Exercise.objects.get(slug="wall-angel")
    url = reverse("exercises:detail", args=[exercise.slug])
    caveat = "Suggested by this guide — check it with your physiotherapist."
    box = soup(client.get(url)).select_one(".do-box").get_text(" ", strip=True)
    assert "Do it 10 times, once a day." in box and caveat in box
    signoff.record_review(exercise, reviewer, "NHS inform: exercises for neck problems")
    assert caveat not in soup(client.get(url)).select_one(".do-box").get_text(" ", strip=True)


def test_an_approved_dose_change_replaces_the_dose_patients_read(
    client, editor_client, reviewer, django_user_model
):
    exercise = Exercise.objects.get(slug="wall-angel")
    url = reverse("exercises:detail", args=[exercise.slug])
    change_url = reverse("admin:exercises_exercise_change", args=[exercise.pk])
    post_change(editor_client, change_url, repetitions="12")
    assert "Do it 10 times, once a day." in client.get(url).content.decode()
    signoff.approve(signoff.pending_change(exercise), reviewer, "NHS inform")
    page = client.get(url).content.decode()
    assert "Do it 12 times, once a day." in page
    assert "Suggested by this guide" not in page


def test_the_reviewers_to_do_list_shows_what_waits(editor_client, reviewer):
    exercise = Exercise.objects.get(slug="wall-angel")
    post_change(
        editor_client,
        reverse("admin:exercises_exercise_change", args=[exercise.pk]),
        repetitions="12",
    )
    overdue = Exercise.objects.get(slug="superman")
    signoff.record_review(overdue, reviewer, "NHS inform")
    Review.objects.filter(object_id=overdue.pk).update(
        next_review_due=timezone.localdate() - datetime.timedelta(days=1)
    )
    page = soup(logged_in(reviewer).get(reverse("admin:backcare_review_to_do")))
    text = page.select_one("#content-main").get_text(" ", strip=True)
    assert "Changes waiting for approval (1)" in text
    assert "Wall Angel: Repetitions: 10 → 12" in page.select_one("#pending + ul").get_text()
    assert "Reviews overdue (1)" in text and "Superman (exercise): Reviewed by Jane Doe" in text
    assert "Never reviewed (" in text and "Neck Roll (exercise): Never reviewed" in text
    assert "Patients’ feedback (0)" in text


def test_review_status_prints_the_list_and_fails_only_when_a_review_is_overdue(reviewer, capsys):
    exercise = Exercise.objects.get(slug="superman")
    signoff.record_review(exercise, reviewer, "NHS inform")
    call_command("review_status")
    printed = capsys.readouterr().out
    assert "Reviews overdue (0)" in printed and "Never reviewed (" in printed
    Review.objects.filter(object_id=exercise.pk).update(
        next_review_due=timezone.localdate() - datetime.timedelta(days=1)
    )
    with pytest.raises(CommandError) as failure:
        call_command("review_status")
    assert failure.value.returncode == 1
    assert "Superman (exercise): Reviewed by Jane Doe" in capsys.readouterr().out


def test_a_routines_doses_no_reviewer_approved_say_so_beside_them_and_a_changed_one_does_not(
    client, reviewer
):
    caveat = "Suggested by this guide — check it with your physiotherapist."

    def caveats(url: str) -> dict[str, bool]:
        page = soup(client.get(url, follow=True))
        return {
            item.select_one("h2, h3").get_text(strip=True): caveat in item.get_text(" ")
            for item in page.select(".routine-item")
        }

    own = reverse("exercises:routine") + "?do=wall-angel:10.1/d,neck-roll:8.2/d"
    assert caveats(own) == {"Wall Angel": True, "Neck Roll": False}  # 8 is the patient's own
    ready_made = reverse("exercises:routine_detail", args=["5-minutes-at-your-desk"])
    assert set(caveats(ready_made).values()) == {True}
    session = soup(client.get(reverse("exercises:routine_session") + "?do=wall-angel:10.1/d"))
    assert caveat in session.get_text(" ")

    signoff.record_review(Exercise.objects.get(slug="wall-angel"), reviewer, "NHS inform")
    assert caveats(own) == {"Wall Angel": False, "Neck Roll": False}


def test_a_printed_routine_marks_each_dose_no_reviewer_approved_and_explains_the_mark_once(
    client, reviewer
):
    caveat = "Suggested by this guide — check it with your physiotherapist."

    def printed(url: str) -> tuple[dict[str, bool], list[str]]:
        page = soup(client.get(url, follow=True))
        marked = {
            item.select_one("h2").get_text(" ", strip=True).split(" ", 1)[1]: bool(
                item.select(".routine-sheet__dose .routine-sheet__mark")
            )
            and caveat in item.select_one(".routine-sheet__dose").get_text(" ")
            for item in page.select(".routine-sheet__item")
        }
        notes = [p.get_text(" ", strip=True) for p in page.select(".routine-sheet__footnote")]
        return marked, notes

    own = reverse("exercises:routine_print") + "?do=wall-angel:10.1/d,neck-roll:8.2/d"
    assert printed(own) == ({"Wall Angel": True, "Neck Roll": False}, [f"* {caveat}"])
    ready_made = reverse("exercises:routine_detail_print", args=["morning-mobility"])
    marked, notes = printed(ready_made)
    assert set(marked.values()) == {True} and notes == [f"* {caveat}"]

    signoff.record_review(Exercise.objects.get(slug="wall-angel"), reviewer, "NHS inform")
    assert printed(own) == ({"Wall Angel": False, "Neck Roll": False}, [])


def test_a_step_edited_in_the_admin_shows_in_what_changed_and_the_page_loses_its_reviewed_line(
    client, editor_client, reviewer
):
    exercise = Exercise.objects.get(slug="wall-angel")
    url = reverse("exercises:detail", args=[exercise.slug])
    signoff.record_review(exercise, reviewer, "NHS inform: exercises for neck problems")
    assert review_line(client.get(url)).startswith("Reviewed by Jane Doe")
    change_url = reverse("admin:exercises_exercise_change", args=[exercise.pk])
    post_change(
        editor_client,
        change_url,
        **{
            "steps-1-text": "Slide your arms up the wall slowly, then back down.",
            "steps-2-number": "3",
            "steps-2-text": "Breathe out as your arms go up.",
        },
    )
    page = client.get(url)
    assert "Slide your arms up the wall slowly" in page.content.decode()
    assert review_line(page) == NOT_REVIEWED
    assert what_changed(page) == [
        f"{day(timezone.localdate())}: “{exercise.name}”, steps changed (step 2, step 3 added)"
    ]


def test_a_days_step_changes_are_listed_as_they_add_up(client, editor_client):
    # A staff QA pass read "steps changed (step 1, step 1 removed, step 1 added, step 3 added,
    # step 3 removed)": one place is named once, and a step added and removed again is not named.
    exercise = Exercise.objects.get(slug="wall-angel")
    url = reverse("exercises:detail", args=[exercise.slug])
    change_url = reverse("admin:exercises_exercise_change", args=[exercise.pk])
    post_change(editor_client, change_url, **{"steps-1-DELETE": ["on"]})
    post_change(
        editor_client,
        change_url,
        **{"steps-1-number": "2", "steps-1-text": "Slide your arms up, then back down."},
    )
    post_change(editor_client, change_url, **{"steps-2-number": "3", "steps-2-text": "A slip."})
    post_change(editor_client, change_url, **{"steps-2-DELETE": ["on"]})
    assert exercise.steps.count() == 2
    assert what_changed(client.get(url)) == [
        f"{day(timezone.localdate())}: “{exercise.name}”, steps changed (step 2)"
    ]


def test_steps_swapped_in_the_admin_read_as_order_changed(client, editor_client):
    exercise = Exercise.objects.get(slug="neck-roll")
    url = reverse("exercises:detail", args=[exercise.slug])
    change_url = reverse("admin:exercises_exercise_change", args=[exercise.pk])
    last = exercise.steps.count()
    post_change(
        editor_client, change_url, **{"steps-0-number": str(last), f"steps-{last - 1}-number": "1"}
    )
    assert what_changed(client.get(url)) == [
        f"{day(timezone.localdate())}: “{exercise.name}”, steps changed (order changed)"
    ]


def test_a_step_removed_in_the_admin_shows_in_what_changed(client, editor_client):
    exercise = Exercise.objects.get(slug="wall-angel")
    url = reverse("exercises:detail", args=[exercise.slug])
    change_url = reverse("admin:exercises_exercise_change", args=[exercise.pk])
    post_change(editor_client, change_url, **{"steps-1-DELETE": ["on"]})
    assert exercise.steps.count() == 1
    assert what_changed(client.get(url)) == [
        f"{day(timezone.localdate())}: “{exercise.name}”, steps changed (step 2 removed)"
    ]
