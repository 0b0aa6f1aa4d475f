"""Clinical sign-off as people see it: an editor's urgency change, a reviewer's approval, a patient."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import timezone

from backcare import signoff
from backcare.loading import load_guide
from exercises.models import Exercise
from guidance.models import WarningSign
from tests.loading import GuideCopy
from tests.signoff import make_reviewer

from .reports import axe_violations

DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 375, "height": 812}
NOT_REVIEWED = "Not yet reviewed by the clinic’s clinicians"


def day(date) -> str:
    return f"{date.day} {date:%B %Y}"


def log_in(tab, username: str, password: str) -> None:
    tab.page.context.clear_cookies()
    tab.page.set_viewport_size(DESKTOP)
    tab.open(reverse("admin:login"))
    tab.page.fill("#id_username", username)
    tab.page.fill("#id_password", password)
    with tab.page.expect_navigation():
        tab.page.click("[type=submit]")


def patient_result(tab, slug: str) -> str:
    """Answer the checklist as a patient who ticks only this sign; return the level reached."""
    tab.page.context.clear_cookies()
    tab.page.set_viewport_size(PHONE)
    tab.open(reverse("guidance:checklist"))
    with tab.page.expect_navigation():
        tab.page.get_by_role("button", name="Continue").click()
    tab.page.locator(f'main input[value="{slug}"]').check()
    with tab.page.expect_navigation():
        tab.page.locator("main form [type=submit]").first.click()
    return tab.page.locator("main [data-urgency]").get_attribute("data-urgency")


@pytest.fixture
def people(committed_edits, django_user_model):
    editor = django_user_model.objects.create_user(
        "editor", password="a-long-editor-password", is_staff=True
    )
    editor.groups.add(Group.objects.get(name="Content editors"))
    make_reviewer(django_user_model, name="Jane Doe", credentials="MD, neurology")


def test_an_urgency_change_is_public_only_once_another_person_a_reviewer_approves_it(tab, people):
    sign = WarningSign.objects.get(slug="worried")
    log_in(tab, "editor", "a-long-editor-password")
    tab.open(reverse("admin:guidance_warningsign_change", args=[sign.pk]))
    tab.page.select_option("#id_urgency", "urgent")
    with tab.page.expect_navigation():
        tab.page.get_by_role("button", name="Save", exact=True).click()
    assert (
        "waits for a clinical reviewer’s approval" in tab.page.locator(".messagelist").inner_text()
    )

    assert patient_result(tab, "worried") == "routine"

    log_in(tab, "reviewer", "a-long-reviewer-password")
    tab.open(reverse("admin:backcare_review_to_do"))
    tab.page.locator("#pending + ul a").first.click()
    tab.page.wait_for_load_state()
    changed = tab.page.locator("#changed-outcomes li").all_inner_texts()
    assert any(
        text.startswith("“only: worried” would get urgent instead of routine") for text in changed
    )
    assert axe_violations(tab.page) == []
    tab.page.fill("#id_sources", "NHS: Back pain")
    with tab.page.expect_navigation():
        tab.page.get_by_role("button", name="Approve the change").click()

    assert patient_result(tab, "worried") == "urgent"
    assert tab.page.locator("main .review-line__status").is_visible()
    assert tab.failed_responses == []


def test_a_step_an_editor_changes_shows_in_what_changed_and_the_page_loses_its_reviewed_mark(
    tab, people, django_user_model
):
    exercise = Exercise.objects.get(slug="wall-angel")
    signoff.record_review(exercise, django_user_model.objects.get(username="reviewer"), "NHS")
    log_in(tab, "editor", "a-long-editor-password")
    tab.open(reverse("admin:exercises_exercise_change", args=[exercise.pk]))
    tab.page.fill("#id_steps-1-text", "Slide your arms up the wall slowly, then back down.")
    with tab.page.expect_navigation():
        tab.page.get_by_role("button", name="Save", exact=True).click()

    tab.page.context.clear_cookies()
    tab.page.set_viewport_size(PHONE)
    tab.open(exercise.get_absolute_url())
    review = tab.page.locator("main .review-line")
    assert review.locator(".review-line__status").inner_text() == NOT_REVIEWED
    review.get_by_text("What changed").click()
    assert review.locator("li").all_inner_texts() == [
        f"{day(timezone.localdate())}: “{exercise.name}”, steps changed (step 2)"
    ]


def test_a_fixtures_new_level_for_an_approved_sign_waits_on_the_reviewers_list_not_live(
    tab, people, django_user_model, settings, tmp_path
):
    worried = WarningSign.objects.get(slug="worried")
    signoff.record_review(worried, django_user_model.objects.get(username="reviewer"), "NHS")
    guide = GuideCopy(settings.FIXTURE_DIRS[0], tmp_path / "fixtures")
    settings.FIXTURE_DIRS = [guide.folder]
    guide.change("warning_signs", {"slug": "worried"}, urgency="urgent")
    load_guide()

    assert patient_result(tab, "worried") == "routine"

    log_in(tab, "reviewer", "a-long-reviewer-password")
    tab.open(reverse("admin:backcare_review_to_do"))
    pending = tab.page.locator("#pending + ul li").all_inner_texts()
    assert any(
        "Urgency: Routine: book an appointment → Urgent: speak to a doctor today" in text
        and "asked for by the guide’s fixtures (load_guide)" in text
        for text in pending
    )
