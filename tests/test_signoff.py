"""Clinical sign-off: triage rules and doses go live only once another person, a reviewer, approves."""

import pytest
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse
from django.utils import timezone

from backcare import signoff
from backcare.models import PendingChange, Review
from exercises.models import Exercise
from guidance.models import CombinationRule, WarningSign
from tests.guidance.test_checklist import URL as CHECKLIST_URL
from tests.guidance.test_checklist import answers, result_of
from tests.html import soup
from tests.signoff import form_values, logged_in, post_change

pytestmark = pytest.mark.django_db


def review_url(item) -> str:
    content_type = ContentType.objects.get_for_model(item)
    return reverse("admin:backcare_review_item", args=[content_type.pk, item.pk])


def change_url(item) -> str:
    return reverse(f"admin:{item._meta.app_label}_{item._meta.model_name}_change", args=[item.pk])


def test_an_editors_urgency_change_waits_and_the_public_keeps_the_approved_level(
    editor_client, client
):
    worried = WarningSign.objects.get(slug="worried")
    response = post_change(editor_client, change_url(worried), urgency="urgent")
    assert response.status_code == 302
    worried.refresh_from_db()
    assert worried.urgency == "routine"
    assert result_of(client.post(CHECKLIST_URL, answers("worried"))) == "routine"
    waiting = PendingChange.objects.get(object_id=worried.pk, status="pending")
    assert waiting.values == {"urgency": "urgent"}
    assert [str(change) for change in signoff.change_in_words(waiting)] == [
        "Urgency: Routine: book an appointment → Urgent: speak to a doctor today"
    ]


def test_a_reviewer_approves_the_change_and_the_checklist_gives_the_new_level(
    editor_client, client, reviewer
):
    worried = WarningSign.objects.get(slug="worried")
    post_change(editor_client, change_url(worried), urgency="urgent")
    reviewer_client = logged_in(reviewer)
    page = reviewer_client.get(review_url(worried))
    changed = soup(page).select_one("#changed-outcomes").get_text(" ", strip=True)
    # The test patients who tick “worried” and nothing higher now go to a doctor today.
    assert "“only: worried” would get urgent instead of routine" in changed
    assert "“persistent pain and worried” would get urgent instead of routine" in changed
    assert "only: fever" not in changed

    response = reviewer_client.post(
        review_url(worried), {"sources": "NHS: Back pain", "approve": "1"}
    )
    assert response.status_code == 302
    assert result_of(client.post(CHECKLIST_URL, answers("worried"))) == "urgent"
    review = Review.objects.get(object_id=worried.pk)
    assert review.reviewer_name == "Jane Doe, MD"
    assert review.sources == "NHS: Back pain"
    assert (review.next_review_due - timezone.localdate(review.reviewed_at)).days == 365


def test_a_reviewer_cannot_approve_their_own_change(reviewer, second_reviewer, client):
    sign = WarningSign.objects.get(slug="worried")
    own = logged_in(reviewer)
    post_change(own, change_url(sign), urgency="urgent")
    page = own.get(review_url(sign))
    assert "another clinical reviewer must approve it" in soup(page).select_one("#refusal").text
    assert own.post(review_url(sign), {"sources": "x", "approve": "1"}).status_code == 403
    assert WarningSign.objects.get(slug="worried").urgency == "routine"
    logged_in(second_reviewer).post(review_url(sign), {"sources": "NHS", "approve": "1"})
    assert WarningSign.objects.get(slug="worried").urgency == "urgent"


def test_an_editor_who_is_not_a_reviewer_cannot_approve(editor_client, make_editor):
    sign = WarningSign.objects.get(slug="worried")
    post_change(editor_client, change_url(sign), urgency="urgent")
    other = logged_in(make_editor("other-editor"))
    assert "Only a clinical reviewer can approve" in other.get(review_url(sign)).content.decode()
    assert other.post(review_url(sign), {"sources": "x", "approve": "1"}).status_code == 403
    assert WarningSign.objects.get(slug="worried").urgency == "routine"


def test_a_reviewer_without_a_public_name_is_told_who_can_enter_it(editor_client, make_editor):
    # A staff QA pass: a member of "Clinical reviewers" saw no Approve button, and the page did
    # not say that what was missing was their public name and credentials.
    sign = WarningSign.objects.get(slug="worried")
    post_change(editor_client, change_url(sign), urgency="urgent")
    unnamed = make_editor("unnamed-reviewer")
    unnamed.groups.add(Group.objects.get(name=signoff.REVIEWERS))
    page = logged_in(unnamed).get(review_url(sign)).content.decode()
    assert "no public name and credentials for you yet" in page
    assert "Reviewers&#x27; public names" in page or "Reviewers' public names" in page


def test_unpublishing_a_warning_sign_waits_for_approval(editor_client, client):
    sign = WarningSign.objects.get(slug="chest-pain-or-breathlessness")
    post_change(editor_client, change_url(sign), is_published=[])
    assert WarningSign.objects.get(pk=sign.pk).is_published
    assert result_of(client.post(CHECKLIST_URL, answers(sign.slug))) == "emergency"


def test_the_approval_screen_lists_patients_a_combination_rule_change_moves(
    editor_client, reviewer
):
    rule = CombinationRule.objects.filter(urgency="emergency").first()
    post_change(editor_client, change_url(rule), urgency="routine")
    assert CombinationRule.objects.get(pk=rule.pk).urgency == "emergency"
    changed = soup(logged_in(reviewer).get(review_url(rule))).select("#changed-outcomes li")
    assert changed and all("instead of emergency" in li.text for li in changed)


def test_a_text_change_goes_live_at_once_but_loses_the_reviewed_mark(
    editor_client, client, reviewer
):
    sign = WarningSign.objects.get(slug="worried")
    signoff.record_review(sign, reviewer, "NHS: Back pain")
    assert signoff.standings([sign])[0].is_reviewed
    # Its search words (its words, why it matters and source wait: test_staff_safety.py).
    post_change(editor_client, change_url(sign), search_words="anxious about my back")
    sign.refresh_from_db()
    assert sign.search_words == "anxious about my back"
    assert not PendingChange.objects.filter(object_id=sign.pk).exists()
    standing = signoff.standings([sign])[0]
    assert not standing.is_reviewed and standing.in_words == "Changed since its last review"


def test_reverting_to_the_reviewed_version_in_the_admin_finds_its_review_again(
    editor_client, reviewer
):
    sign = WarningSign.objects.get(slug="worried")
    reviewed = sign.history.latest()
    signoff.record_review(sign, reviewer, "NHS: Back pain")
    post_change(editor_client, change_url(sign), search_words="something else")
    assert not signoff.standings([WarningSign.objects.get(pk=sign.pk)])[0].is_reviewed
    revert_url = reverse(
        "admin:guidance_warningsign_simple_history", args=[sign.pk, reviewed.history_id]
    )
    assert post_change(editor_client, revert_url).status_code == 302
    standing = signoff.standings([WarningSign.objects.get(pk=sign.pk)])[0]
    assert standing.is_reviewed and standing.review.reviewer_name == "Jane Doe, MD"
    assert Review.objects.filter(object_id=sign.pk).count() == 1


def test_reverting_an_urgency_change_in_the_admin_waits_for_a_reviewer_too(
    editor_client, reviewer, client
):
    sign = WarningSign.objects.get(slug="worried")
    post_change(editor_client, change_url(sign), urgency="urgent")
    signoff.approve(signoff.pending_change(sign), reviewer, "NHS: Back pain")
    routine_version = sign.history.order_by("history_date").first()
    revert_url = reverse(
        "admin:guidance_warningsign_simple_history", args=[sign.pk, routine_version.history_id]
    )
    assert post_change(editor_client, revert_url).status_code == 302
    assert WarningSign.objects.get(pk=sign.pk).urgency == "urgent"
    assert signoff.pending_change(sign).values == {"urgency": "routine"}


def test_a_dose_change_waits_and_the_page_keeps_the_approved_dose(editor_client, client):
    exercise = Exercise.objects.exclude(repetitions=None).first()
    before = exercise.repetitions
    post_change(editor_client, change_url(exercise), repetitions=before + 1)
    assert Exercise.objects.get(pk=exercise.pk).repetitions == before
    waiting = PendingChange.objects.get(object_id=exercise.pk, status="pending")
    assert waiting.values == {"repetitions": before + 1}


def test_unticking_published_in_the_list_of_signs_waits_for_a_reviewer_too(editor_client, client):
    sign = WarningSign.objects.get(slug="chest-pain-or-breathlessness")
    url = reverse("admin:guidance_warningsign_changelist")
    data = form_values(editor_client.get(url), "changelist-form")
    row = next(
        name for name, value in data.items() if name.endswith("-id") and value == str(sign.pk)
    )
    data.pop(row.replace("-id", "-is_published"), None)
    data["_save"] = "Save"
    assert editor_client.post(url, data).status_code == 302
    assert WarningSign.objects.get(pk=sign.pk).is_published
    assert signoff.pending_change(sign).values == {"is_published": False}
    assert result_of(client.post(CHECKLIST_URL, answers(sign.slug))) == "emergency"


def test_a_reviewer_who_asked_for_part_of_a_change_cannot_approve_it(
    editor_client, reviewer, second_reviewer
):
    sign = WarningSign.objects.get(slug="worried")
    post_change(logged_in(reviewer), change_url(sign), group="symptoms")
    post_change(editor_client, change_url(sign), urgency="urgent")
    waiting = signoff.pending_change(sign)
    assert waiting.values == {"group": "symptoms", "urgency": "urgent"}
    assert "another clinical reviewer" in signoff.why_not(reviewer, sign, waiting)
    assert signoff.why_not(second_reviewer, sign, waiting) == ""


def test_the_waiting_changes_are_filtered_by_kind_in_words_and_each_opens_its_review(
    editor_client,
):
    # A staff QA pass: the filter listed about 60 tables ("Exercises | historical step",
    # "Sessions | session"), and a change's own page showed its content type, id and raw JSON.
    sign = WarningSign.objects.get(slug="worried")
    post_change(editor_client, change_url(sign), urgency="urgent")
    listing = editor_client.get(reverse("admin:backcare_pendingchange_changelist"))
    choices = [a.get_text(strip=True) for a in soup(listing).select("#changelist-filter a")]
    assert "Warning signs" in choices and "Exercises" in choices
    assert not [c for c in choices if "|" in c or "historical" in c.lower()]

    change = PendingChange.objects.get()
    opened = editor_client.get(reverse("admin:backcare_pendingchange_change", args=[change.pk]))
    assert opened.status_code == 302 and opened.url == review_url(sign)
    kind = ContentType.objects.get_for_model(WarningSign).pk
    only = editor_client.get(reverse("admin:backcare_pendingchange_changelist"), {"kind": kind})
    assert editor_client.get(
        reverse("admin:backcare_pendingchange_changelist"), {"kind": "abc"}
    ).status_code in (200, 302)
    assert [cell.get_text(strip=True) for cell in soup(only).select("#result_list tbody th")] == [
        change.item_name
    ]
