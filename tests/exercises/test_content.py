"""What the exercises' own words say: equipment joined as the guide says it, safety notes that agree."""

import pytest
from django.urls import reverse

from backcare.loading import load_guide
from exercises.models import Equipment, EquipmentNeeded, Exercise
from tests.html import soup
from tests.loading import loaded_by_an_older_loader

pytestmark = pytest.mark.django_db

LIST_URL = reverse("exercises:list")
# The Neck Roll's note as the guide first had it, contradicting its step.
OLD_NECK_ROLL_NOTE = (
    "Move slowly and never force your head back; many physiotherapists prefer half circles (chin "
    "moving from shoulder to shoulder across the front) or gentle side-to-side tilts instead of "
    "full circles. Stop if you feel dizzy or if pain or tingling spreads into your arm."
)


def card_equipment(client, name) -> str:
    page = soup(client.get(LIST_URL))
    heading = page.find("a", string=name).find_parent("article")
    return heading.select_one(".equipment-line").get_text(" ", strip=True)


def equipment_fact(client, exercise) -> str:
    page = soup(client.get(exercise.get_absolute_url()))
    term = page.find("dt", string="Equipment")
    return term.find_next_sibling("dd").get_text(strip=True)


def test_thoracic_extension_needs_a_chair_or_a_foam_roller_as_the_article_says(client):
    exercise = Exercise.objects.get(slug="thoracic-extension")
    assert exercise.equipment_needed == EquipmentNeeded.ANY
    assert card_equipment(client, "Thoracic Extension") == "Needs: a chair or a foam roller"
    assert equipment_fact(client, exercise) == "Chair or foam roller"


def test_equipment_that_is_all_needed_is_joined_with_and(client):
    exercise = Exercise.objects.get(slug="thoracic-extension")
    exercise.equipment_needed = EquipmentNeeded.ALL
    exercise.save()
    assert card_equipment(client, "Thoracic Extension") == "Needs: a chair and a foam roller"
    assert equipment_fact(client, exercise) == "Chair and foam roller"


@pytest.mark.parametrize(
    ("name", "needs"),
    [
        ("Resistance Band Row", "Needs: a resistance band"),
        ("Reverse Dumbbell Fly", "Needs: dumbbells"),
        ("Neck Roll", "No equipment needed"),
    ],
)
def test_a_single_piece_of_equipment_reads_as_a_sentence(client, name, needs):
    assert card_equipment(client, name) == needs


def test_equipment_starting_with_a_vowel_takes_an(client):
    ball = Equipment.objects.create(name="Exercise ball", slug="exercise-ball", order=9)
    Exercise.objects.get(slug="superman").equipment.set([ball])
    assert card_equipment(client, "Superman") == "Needs: an exercise ball"


def test_the_neck_rolls_safety_note_offers_half_circles_without_contradicting_its_step(client):
    exercise = Exercise.objects.get(slug="neck-roll")
    page = soup(client.get(exercise.get_absolute_url()))
    steps = [li.get_text(strip=True) for li in page.select("ol.steps li")]
    stop_box = " ".join(page.select_one(".stop-box").get_text(" ").split())

    # The article's step stays: a full roll one way, then the other.
    assert "counterclockwise circle, and then clockwise" in steps[1]
    # The note says how to do it gently, with half circles as the option, and why.
    assert "instead of full circles" not in stop_box
    assert "If rolling all the way round hurts or makes you dizzy, do half circles" in stop_box
    assert "keep the head from tipping back" in stop_box


def test_rows_an_older_loader_left_get_the_guides_fixes_but_staff_edits_stay():
    neck_roll = Exercise.objects.get(slug="neck-roll")
    thoracic = Exercise.objects.get(slug="thoracic-extension")
    loaded_by_an_older_loader(neck_roll, safety_note=OLD_NECK_ROLL_NOTE)
    loaded_by_an_older_loader(thoracic, equipment_needed="all")
    Exercise.objects.filter(slug="superman").update(safety_note="Edited by the clinic.")

    load_guide()

    neck_roll.refresh_from_db()
    assert neck_roll.safety_note.startswith("Roll slowly and only as far as is comfortable")
    thoracic.refresh_from_db()
    assert thoracic.equipment_needed == "any"
    assert Exercise.objects.get(slug="superman").safety_note == "Edited by the clinic."
    # Each change is a version of its own, so an editor's next save is not blamed for it.
    for exercise in (neck_roll, thoracic):
        latest = exercise.history.latest()
        assert latest.history_change_reason == "Updated from the guide's fixtures"
        assert latest.safety_note == exercise.safety_note
        assert latest.equipment_needed == exercise.equipment_needed
    assert {link.equipment.slug for link in thoracic.history.latest().equipment.all()} == {
        "chair",
        "foam-roller",
    }

    Exercise.objects.filter(slug="neck-roll").update(safety_note="The clinic's own words.")
    load_guide()
    assert Exercise.objects.get(slug="neck-roll").safety_note == "The clinic's own words."
