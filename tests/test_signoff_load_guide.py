"""Loading the guide's fixtures never puts a gated value (a level, a dose) live that no reviewer
approved: on a row a reviewer signed off, the fixture's new value waits as a change for a reviewer."""

import pytest
from django.core.management import call_command
from django.urls import reverse

from backcare import signoff
from backcare.loading import load_guide
from backcare.models import PendingChange
from exercises.models import Exercise
from guidance.models import WarningSign
from tests.guidance.test_checklist import URL as CHECKLIST_URL
from tests.guidance.test_checklist import answers, result_of
from tests.html import soup
from tests.loading import GuideCopy
from tests.signoff import logged_in, post_change

pytestmark = pytest.mark.django_db


@pytest.fixture
def guide(settings, tmp_path):
    """A copy of the fixtures for the test to change, read by load_guide instead of the real ones."""
    copy = GuideCopy(settings.FIXTURE_DIRS[0], tmp_path / "fixtures")
    settings.FIXTURE_DIRS = [copy.folder]
    return copy


def test_a_fixtures_new_level_for_an_approved_sign_waits_and_the_public_keeps_the_approved_one(
    guide, client, reviewer, capsys
):
    worried = WarningSign.objects.get(slug="worried")
    signoff.record_review(worried, reviewer, "NHS: Back pain")
    guide.change("warning_signs", {"slug": "worried"}, urgency="urgent")

    call_command("load_guide")

    assert WarningSign.objects.get(slug="worried").urgency == "routine"
    assert result_of(client.post(CHECKLIST_URL, answers("worried"))) == "routine"
    waiting = signoff.pending_change(worried)
    assert waiting.values == {"urgency": "urgent"} and waiting.editor is None
    assert (
        "  waiting for a clinical reviewer's approval: warning sign worried (urgency)"
        in capsys.readouterr().out.splitlines()
    )
    to_do = soup(logged_in(reviewer).get(reverse("admin:backcare_review_to_do")))
    pending = to_do.select_one("#pending + ul").get_text(" ", strip=True)
    assert "Urgency: Routine: book an appointment → Urgent: speak to a doctor today" in pending
    assert "asked for by the guide’s fixtures (load_guide)" in pending


def test_loading_again_asks_nothing_new_and_an_approval_makes_the_fixtures_level_live(
    guide, client, reviewer
):
    worried = WarningSign.objects.get(slug="worried")
    signoff.record_review(worried, reviewer, "NHS: Back pain")
    guide.change("warning_signs", {"slug": "worried"}, urgency="urgent")
    load_guide()
    asked_at = signoff.pending_change(worried).asked_at

    again = load_guide()

    assert again.held == ["warning sign worried (urgency)"] and again.kept == []
    assert PendingChange.objects.get(object_id=worried.pk).asked_at == asked_at
    # Loaded by no person, so any reviewer may approve it, the one who last reviewed it too.
    signoff.approve(signoff.pending_change(worried), reviewer, "NHS: Back pain")
    assert result_of(client.post(CHECKLIST_URL, answers("worried"))) == "urgent"
    assert "warning sign worried" in load_guide().unchanged


def test_a_change_from_the_fixtures_a_reviewer_rejected_is_not_asked_for_again(guide, reviewer):
    worried = WarningSign.objects.get(slug="worried")
    signoff.record_review(worried, reviewer, "NHS: Back pain")
    guide.change("warning_signs", {"slug": "worried"}, urgency="urgent")
    load_guide()
    signoff.reject(signoff.pending_change(worried), reviewer)

    report = load_guide()

    assert signoff.pending_change(worried) is None
    assert WarningSign.objects.get(slug="worried").urgency == "routine"
    assert report.kept == ["warning sign worried (urgency)"]


def test_on_a_row_no_reviewer_approved_the_fixtures_level_goes_live_as_before(guide, client):
    guide.change("warning_signs", {"slug": "worried"}, urgency="urgent")

    report = load_guide()

    assert report.updated == ["warning sign worried (urgency)"] and report.held == []
    assert not PendingChange.objects.exists()
    assert result_of(client.post(CHECKLIST_URL, answers("worried"))) == "urgent"


def test_an_approved_exercises_new_dose_waits_while_its_new_text_goes_live(guide, client, reviewer):
    exercise = Exercise.objects.get(slug="wall-angel")
    signoff.record_review(exercise, reviewer, "NHS inform")
    guide.change("exercises", {"slug": "wall-angel"}, repetitions=12, benefits="Opens the chest.")

    report = load_guide()

    assert report.held == ["exercise wall-angel (repetitions)"]
    assert report.updated == ["exercise wall-angel (benefits)"]
    page = client.get(reverse("exercises:detail", args=["wall-angel"])).content.decode()
    assert "Opens the chest." in page
    assert "Do it 10 times, once a day." in page and "12 times" not in page
    assert signoff.pending_change(exercise).values == {"repetitions": 12}


def test_a_new_fixture_level_takes_the_place_of_the_fixtures_earlier_one_still_waiting(
    guide, reviewer
):
    worried = WarningSign.objects.get(slug="worried")
    signoff.record_review(worried, reviewer, "NHS: Back pain")
    guide.change("warning_signs", {"slug": "worried"}, urgency="urgent")
    load_guide()
    guide.change("warning_signs", {"slug": "worried"}, urgency="emergency")

    load_guide()

    assert signoff.pending_change(worried).values == {"urgency": "emergency"}
    assert PendingChange.objects.count() == 1


def test_an_editors_waiting_level_is_not_replaced_by_the_fixtures(guide, editor_client, reviewer):
    worried = WarningSign.objects.get(slug="worried")
    signoff.record_review(worried, reviewer, "NHS: Back pain")
    change_url = reverse("admin:guidance_warningsign_change", args=[worried.pk])
    post_change(editor_client, change_url, urgency="urgent")
    guide.change("warning_signs", {"slug": "worried"}, urgency="emergency")

    report = load_guide()

    assert signoff.pending_change(worried).values == {"urgency": "urgent"}
    assert report.kept == ["warning sign worried (urgency)"]
