"""Clinical sign-off as people see it: an editor's urgency change, a reviewer's approval, a patient."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from guidance.models import WarningSign
from tests.signoff import make_reviewer

from .reports import axe_violations

DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 375, "height": 812}


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
