"""An exercise's dose: numbers staff enter, one plain sentence patients read."""

import pytest
from django.urls import reverse

from backcare import signoff
from exercises.dosage import Dose
from exercises.models import Exercise
from tests.exercises.test_admin import change_form_data
from tests.html import soup
from tests.signoff import make_reviewer

pytestmark = pytest.mark.django_db

# What each exercise's page says, from the guide's fixtures (the article's numbers for shoulder
# roll and arm circles; suggested doses from physiotherapy handouts for the rest).
PLAIN = [
    ("neck-roll", "Do it 5 times, twice a day."),
    ("shoulder-roll", "Do it 5 times backward, then 5 times forward, twice a day."),
    ("arm-circles", "Do it 20 times forward, then 20 times in reverse, once a day."),
    ("overhead-arm-reach", "Hold for 20 seconds. Do it 3 times on each side, twice a day."),
    ("chair-rotation", "Hold for 5 seconds. Do it 5 times on each side, 3 times a day."),
    ("cat-cow-stretch", "Do it 5 times, twice a day."),
    ("knee-to-chest", "Hold for 20 seconds. Do it 3 times with each leg, twice a day."),
    ("thoracic-extension", "Hold for 5 seconds. Do it 5 times, once a day."),
    ("resistance-band-row", "Do 2 sets of 10, 3 days a week. Rest for 1 minute between sets."),
    ("face-pull-with-band", "Do 2 sets of 10, 3 days a week. Rest for 1 minute between sets."),
    ("scapular-squeeze", "Hold for 5 seconds. Do it 10 times, twice a day."),
    ("wall-angel", "Do it 10 times, once a day."),
    ("reverse-dumbbell-fly", "Do 2 sets of 10, 3 days a week. Rest for 1 minute between sets."),
    ("lat-pulldown-with-band", "Do 2 sets of 10, 3 days a week. Rest for 1 minute between sets."),
    ("superman", "Hold for 5 seconds. Do it 5 times, 3 days a week."),
    ("pec-stretch", "Hold for 20 seconds. Do it 3 times, twice a day."),
    ("childs-pose", "Hold for 30 seconds. Do it 3 times, once a day."),
    ("butterfly-stretch", "Hold for 20 seconds. Do it 3 times, once a day."),
    ("upper-trapezius-stretch", "Hold for 20 seconds. Do it 3 times on each side, twice a day."),
    ("levator-scapulae-stretch", "Hold for 20 seconds. Do it 3 times on each side, twice a day."),
]


@pytest.mark.parametrize(("slug", "words"), PLAIN)
def test_every_exercise_page_says_how_many_how_long_and_how_often(client, slug, words):
    page = soup(client.get(reverse("exercises:detail", args=[slug])))
    assert page.select_one(".do-box__dosage").get_text(strip=True) == words


@pytest.mark.parametrize(
    ("dose", "words"),
    [
        (Dose(repetitions=1, times_per_day=1), "Do it once, once a day."),
        (
            Dose(hold_seconds=30, each_side=True, days_per_week=7),
            "Hold for 30 seconds on each side. Do it every day.",
        ),
        (
            Dose(repetitions=8, sets=3, rest_seconds=90, days_per_week=2),
            "Do 3 sets of 8, 2 days a week. Rest for 90 seconds between sets.",
        ),
        (Dose(repetitions=5, sets=1, times_per_day=3), "Do it 5 times, 3 times a day."),
        (
            Dose(repetitions=4, directions=("left", "right"), sets=2, days_per_week=1),
            "Do it 4 times left, then 4 times right. Do 2 sets, 1 day a week.",
        ),
        (
            Dose(wording="As your physiotherapist showed you.", repetitions=3),
            "As your physiotherapist showed you.",
        ),
        (Dose(), ""),
    ],
)
def test_a_dose_reads_as_plain_words(dose, words):
    assert dose.describe() == words


def dose_form(exercise, **changes):
    return change_form_data(exercise, list(exercise.steps.all()), **changes)


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"hold_seconds": "0"}, "hold_seconds", "Enter 1 or more"),
        ({"repetitions": "500"}, "repetitions", "Enter 50 times or fewer"),
        ({"repetitions": "", "hold_seconds": ""}, "repetitions", "Give a number of repetitions"),
        ({"days_per_week": "3"}, "days_per_week", "not both"),
        ({"sets": "3", "repetitions": ""}, "sets", "Sets need a number of repetitions"),
    ],
)
def test_the_admin_refuses_a_dose_that_makes_no_sense_and_keeps_what_was_typed(
    admin_client, changes, field, message
):
    exercise = Exercise.objects.get(slug="upper-trapezius-stretch")
    url = reverse("admin:exercises_exercise_change", args=[exercise.pk])
    response = admin_client.post(
        url, dose_form(exercise, summary="Typed by the editor.", **changes)
    )
    assert response.status_code == 200
    form = response.context["adminform"].form
    assert message in " ".join(form.errors[field])
    assert form["summary"].value() == "Typed by the editor."
    exercise.refresh_from_db()
    assert exercise.hold_seconds == 20 and exercise.repetitions == 3


def test_staff_see_the_dose_in_words_and_whether_a_clinician_approved_it(
    admin_client, django_user_model
):
    exercise = Exercise.objects.get(slug="wall-angel")
    page = soup(admin_client.get(reverse("admin:exercises_exercise_change", args=[exercise.pk])))
    assert "Do it 10 times, once a day." in page.get_text()
    listing = soup(admin_client.get(reverse("admin:exercises_exercise_changelist")))
    statuses = [td.get_text(strip=True) for td in listing.select("td.field-dose_status")]
    assert "Do it 10 times, once a day. (not yet approved)" in statuses
    signoff.record_review(exercise, make_reviewer(django_user_model), "NHS inform")
    listing = soup(admin_client.get(reverse("admin:exercises_exercise_changelist")))
    statuses = [td.get_text(strip=True) for td in listing.select("td.field-dose_status")]
    assert [status for status in statuses if status.endswith("(approved)")] == [
        "Do it 10 times, once a day. (approved)"
    ]


def test_the_timer_reads_the_dose_from_the_page_and_stays_hidden_without_javascript(client):
    page = soup(client.get(reverse("exercises:detail", args=["knee-to-chest"])))
    timer = page.select_one(".do-box [data-timer]")
    assert "hidden" in timer.attrs and not timer.get_text(strip=True)
    assert {name: timer[f"data-{name}"] for name in ("hold", "reps", "sets", "rest", "sides")} == {
        "hold": "20",
        "reps": "3",
        "sets": "",
        "rest": "",
        "sides": "2",
    }
    assert timer["data-side-label"] == "leg"
    assert page.select_one('script[src$="js/timer.js"][defer]')
    arm_circles = soup(client.get(reverse("exercises:detail", args=["arm-circles"])))
    assert arm_circles.select_one("[data-timer]")["data-directions"] == "forward|in reverse"


def test_an_exercise_without_a_count_or_a_hold_offers_no_timer(client):
    exercise = Exercise.objects.get(slug="wall-angel")
    Exercise.objects.filter(pk=exercise.pk).update(repetitions=None, times_per_day=None)
    page = soup(client.get(exercise.get_absolute_url()))
    assert not page.select("[data-timer]")
