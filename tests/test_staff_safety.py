"""What staff cannot do to the checklist, the doses or the lists without a clinician: a staff QA
pass (round 24) found deletions and rewordings that changed what patients are told at once."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from backcare import signoff
from backcare.models import PendingChange
from exercises.models import BodyArea, Equipment, Exercise
from guidance.models import CombinationRule, RedFlag, WarningSign
from tests.guidance.test_checklist import URL as CHECKLIST_URL
from tests.guidance.test_checklist import answers, result_of
from tests.html import soup
from tests.signoff import logged_in, post_change
from tests.test_signoff import change_url, review_url

pytestmark = pytest.mark.django_db


def new_sign(slug="test-sign", **fields) -> WarningSign:
    """A published question no red flag or rule uses (every loaded one is used)."""
    defaults = {"question": f"Is it {slug}?", "why": "Why.", "urgency": "routine"}
    defaults |= {"group": "symptoms", "source": "Test", "is_published": True}
    return WarningSign.objects.create(slug=slug, **{**defaults, **fields})


def delete_url(item) -> str:
    return reverse(f"admin:{item._meta.app_label}_{item._meta.model_name}_delete", args=[item.pk])


def test_a_combination_rule_on_the_checklist_is_not_deleted_and_the_result_stays(
    editor_client, client
):
    rule = CombinationRule.objects.filter(is_published=True, urgency="emergency").first()
    ticks = [sign.slug for sign in [*rule.all_of.all(), *rule.any_of.all()[: rule.min_any or 1]]]
    assert result_of(client.post(CHECKLIST_URL, answers(*ticks))) == "emergency"
    page = editor_client.get(delete_url(rule)).content.decode()
    assert "can’t be deleted now" in page and "It is on the checklist" in page
    assert "untick “Published” and save: a clinical reviewer approves that first" in page
    editor_client.post(delete_url(rule), {"post": "yes"})
    assert CombinationRule.objects.filter(pk=rule.pk).exists()
    assert result_of(client.post(CHECKLIST_URL, answers(*ticks))) == "emergency"


def test_several_questions_on_the_checklist_are_not_deleted_from_the_list_either(editor_client):
    signs = [new_sign("first-sign"), new_sign("second-sign")]
    response = editor_client.post(
        reverse("admin:guidance_warningsign_changelist"),
        {"action": "delete_selected", "_selected_action": [s.pk for s in signs], "post": "yes"},
    )
    page = response.content.decode()
    assert "can’t be deleted now" in page and f"“{signs[0]}”: It is on the checklist" in page
    assert "protected related objects" not in page
    assert WarningSign.objects.filter(pk__in=[s.pk for s in signs]).count() == 2


def test_a_question_taken_off_the_checklist_can_then_be_deleted(editor_client):
    sign = new_sign(is_published=False)  # as a reviewer approved taking it off
    page = editor_client.get(delete_url(sign)).content.decode()
    assert "Yes, delete it" in page
    editor_client.post(delete_url(sign), {"post": "yes"})
    assert not WarningSign.objects.filter(pk=sign.pk).exists()


def test_a_red_flag_stays_on_record(editor_client):
    flag = RedFlag.objects.first()
    page = editor_client.get(delete_url(flag)).content.decode()
    assert "stays on record with what the checklist does about it" in page
    editor_client.post(delete_url(flag), {"post": "yes"})
    assert RedFlag.objects.filter(pk=flag.pk).exists()


@pytest.mark.parametrize("model", [BodyArea, Equipment])
def test_a_body_area_or_equipment_that_exercises_list_is_not_deleted(editor_client, model):
    item = model.objects.filter(exercises__isnull=False).distinct().first()
    names = sorted(exercise.name for exercise in item.exercises.all())
    page = soup(editor_client.get(delete_url(item))).select_one("#deleted-objects").get_text()
    assert all(name in page for name in names) and "first" in page
    editor_client.post(delete_url(item), {"post": "yes"})
    assert sorted(e.name for e in model.objects.get(pk=item.pk).exercises.all()) == names


def test_rewording_a_question_waits_for_a_reviewer_and_patients_keep_the_approved_wording(
    editor_client, client, reviewer
):
    sign = WarningSign.objects.get(slug="bladder-or-bowel-problems")
    before = sign.question
    signoff.record_review(sign, reviewer, "NICE")
    post_change(editor_client, change_url(sign), question="Do you sometimes need to pee?")
    assert WarningSign.objects.get(pk=sign.pk).question == before
    page = client.get(CHECKLIST_URL).content.decode()
    assert "Do you sometimes need to pee?" not in page
    waiting = PendingChange.objects.get(object_id=sign.pk, status="pending")
    assert waiting.values == {"question": "Do you sometimes need to pee?"}


@pytest.mark.parametrize(
    ("model", "slug", "field"),
    [
        (WarningSign, "fever", "why"),
        (WarningSign, "fever", "in_short"),
        (CombinationRule, None, "why"),
    ],
)
def test_what_a_result_says_about_a_sign_or_rule_waits_for_a_reviewer(
    editor_client, reviewer, model, slug, field
):
    # A staff QA pass (round 24) put "A fever with back pain is nothing to worry about; rest at
    # home." live under "Speak to a doctor today".
    item = model.objects.get(slug=slug) if slug else model.objects.filter(is_published=True).first()
    before = getattr(item, field)
    signoff.record_review(item, reviewer, "NHS")
    post_change(editor_client, change_url(item), **{field: "Nothing to worry about; rest at home."})
    assert getattr(model.objects.get(pk=item.pk), field) == before
    waiting = PendingChange.objects.get(object_id=item.pk, status="pending")
    assert waiting.values == {field: "Nothing to worry about; rest at home."}


def test_approving_a_dose_does_not_sign_off_an_exercise_edited_since_its_review(
    editor_client, reviewer, second_reviewer
):
    exercise = Exercise.objects.get(slug="neck-roll")
    signoff.record_review(exercise, second_reviewer, "NHS")
    post_change(editor_client, change_url(exercise), benefits="Unreviewed words.")
    post_change(editor_client, change_url(exercise), repetitions="8")
    reviewer_client = logged_in(reviewer)
    page = soup(reviewer_client.get(review_url(exercise)))
    assert "not signed off with it" in page.select_one("#change-only").get_text()
    response = reviewer_client.post(
        review_url(exercise), {"sources": "NHS", "approve": "1"}, follow=True
    )
    exercise.refresh_from_db()
    assert exercise.repetitions == 8
    assert "The rest of “Neck Roll” is not signed off" in response.content.decode()
    assert not signoff.standings([exercise])[0].is_reviewed
    assert exercise.pk in signoff.with_gated_values_approved([exercise])  # the dose is approved
    # The reviewer approved the editor's change; they made no change, so they may sign it off.
    assert signoff.why_not(reviewer, exercise) == ""
    reviewer_client.post(review_url(exercise), {"sources": "NHS", "approve": "1"})
    assert signoff.standings([Exercise.objects.get(pk=exercise.pk)])[0].is_reviewed


def test_approving_a_change_to_an_item_reviewed_as_it_read_signs_it_off_as_it_now_reads(
    editor_client, reviewer, second_reviewer
):
    sign = WarningSign.objects.get(slug="worried")
    signoff.record_review(sign, second_reviewer, "NHS")
    post_change(editor_client, change_url(sign), urgency="urgent")
    reviewer_client = logged_in(reviewer)
    assert not soup(reviewer_client.get(review_url(sign))).select("#change-only")
    reviewer_client.post(review_url(sign), {"sources": "NHS", "approve": "1"})
    standing = signoff.standings([WarningSign.objects.get(pk=sign.pk)])[0]
    assert standing.is_reviewed and standing.review.reviewer_name == "Jane Doe, MD"


def test_a_second_request_tells_its_editor_whose_request_it_replaces(
    editor_client, make_editor, reviewer
):
    exercise = Exercise.objects.get(slug="shoulder-roll")
    signoff.record_review(exercise, reviewer, "NHS")
    post_change(editor_client, change_url(exercise), repetitions="7")
    other = logged_in(make_editor("editor2"))
    response = post_change(other, change_url(exercise), repetitions="9")
    page = other.get(response.url).content.decode()
    assert "It replaces what editor had asked for, which no longer waits: Repetitions 7" in page


def test_a_change_to_a_deleted_item_leaves_the_reviewers_to_do(editor_client, reviewer):
    sign = new_sign()
    signoff.record_review(sign, reviewer, "NHS")
    post_change(editor_client, change_url(sign), urgency="emergency")
    assert any(w.change.object_id == sign.pk for w in signoff.to_do().pending)
    WarningSign.objects.filter(pk=sign.pk).delete()
    assert not any(w.change.object_id == sign.pk for w in signoff.to_do().pending)
    page = logged_in(reviewer).get(reverse("admin:backcare_review_to_do"))
    assert page.status_code == 200


def test_a_review_date_in_the_future_is_refused(reviewer):
    sign = WarningSign.objects.get(slug="worried")
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    response = post_change(logged_in(reviewer), change_url(sign), reviewed_on=tomorrow.isoformat())
    assert response.status_code == 200
    assert "today or earlier, not a future date" in response.content.decode()
    assert WarningSign.objects.get(pk=sign.pk).reviewed_on != tomorrow


def test_saving_a_list_opened_before_a_colleagues_save_is_refused_and_keeps_theirs(
    editor_client, make_editor
):
    """A staff QA pass (round 24): an old exercise list, saved to change one order, re-published
    the exercise a colleague had just taken down ("2 exercises were changed successfully")."""
    from tests.signoff import form_values

    url = reverse("admin:exercises_exercise_changelist")
    listed = form_values(editor_client.get(url), form_id="changelist-form")
    assert listed["_list_opened_at"]
    fly = Exercise.objects.get(slug="reverse-dumbbell-fly")
    other = logged_in(make_editor("editor2"))
    assert post_change(other, change_url(fly), is_published=[]).status_code == 302
    assert not Exercise.objects.get(pk=fly.pk).is_published

    roll = Exercise.objects.get(slug="neck-roll")
    row = next(k for k, v in listed.items() if k.endswith("-id") and v == str(roll.pk))
    listed[row.replace("-id", "-order")] = "7"
    response = editor_client.post(url, {**listed, "_save": "Save"}, follow=True)
    page = response.content.decode()
    assert "“Reverse Dumbbell Fly” was saved by editor2 after you opened this list" in page
    assert not Exercise.objects.get(pk=fly.pk).is_published
    assert Exercise.objects.get(pk=roll.pk).order == roll.order

    # A fresh list saves as before.
    fresh = form_values(editor_client.get(url), form_id="changelist-form")
    fresh[row.replace("-id", "-order")] = "7"
    assert editor_client.post(url, {**fresh, "_save": "Save"}).status_code == 302
    assert Exercise.objects.get(pk=roll.pk).order == 7
    assert not Exercise.objects.get(pk=fly.pk).is_published


def test_an_approval_after_the_form_was_opened_is_named_as_the_reviewers(
    editor_client, reviewer, second_reviewer
):
    # A staff QA pass (round 24) was told "editor2 saved this" of a reviewer's approval.
    from tests.signoff import form_values

    exercise = Exercise.objects.get(slug="arm-circles")
    signoff.record_review(exercise, second_reviewer, "NHS")
    post_change(editor_client, change_url(exercise), repetitions="14")
    opened = form_values(editor_client.get(change_url(exercise)))
    logged_in(reviewer).post(review_url(exercise), {"sources": "NHS", "approve": "1"})
    response = editor_client.post(
        change_url(exercise), {**opened, "summary": "New.", "_save": "Save"}
    )
    assert "Jane Doe, MD approved a change to this at" in response.content.decode()


def test_a_save_that_asks_for_a_change_says_so_in_the_history(editor_client, reviewer):
    # A staff QA pass (round 24): each such save read "Saved without changes".
    exercise = Exercise.objects.get(slug="shoulder-roll")
    signoff.record_review(exercise, reviewer, "NHS")
    post_change(editor_client, change_url(exercise), repetitions="7")
    history = soup(
        editor_client.get(reverse("admin:exercises_exercise_history", args=[exercise.pk]))
    )
    latest = history.select_one("#change-history tbody tr").get_text(" ", strip=True)
    assert "Asked a clinical reviewer to approve: Repetitions: 5 → 7" in latest
    assert "Saved without changes" not in latest


def test_a_change_not_approved_tells_the_person_who_asked_why_on_its_page(editor_client, reviewer):
    # A staff QA pass (round 24): "Do not approve" took no reason, and the item's page said nothing.
    rule = CombinationRule.objects.filter(is_published=True).first()
    signoff.record_review(rule, reviewer, "NICE")
    post_change(editor_client, change_url(rule), urgency="routine")
    logged_in(reviewer).post(
        review_url(rule), {"reject": "1", "why_not": "NICE keeps this an emergency."}
    )
    page = editor_client.get(change_url(rule)).content.decode()
    assert "Jane Doe, MD did not approve the change asked for on" in page
    assert "Their reason: NICE keeps this an emergency." in page
    assert CombinationRule.objects.get(pk=rule.pk).urgency == rule.urgency


def test_a_list_is_saved_when_rows_changed_since_only_outside_its_columns(
    editor_client, make_editor
):
    # A staff QA pass (round 24): a dose asked for on another row (nothing live changed) made the
    # whole list refuse, losing the order typed.
    from tests.signoff import form_values

    url = reverse("admin:exercises_exercise_changelist")
    listed = form_values(editor_client.get(url), form_id="changelist-form")
    chair = Exercise.objects.get(slug="chair-rotation")
    post_change(logged_in(make_editor("editor2")), change_url(chair), summary="Edited elsewhere.")
    roll = Exercise.objects.get(slug="neck-roll")
    row = next(k for k, v in listed.items() if k.endswith("-id") and v == str(roll.pk))
    listed[row.replace("-id", "-order")] = "7"
    assert editor_client.post(url, {**listed, "_save": "Save"}).status_code == 302
    assert Exercise.objects.get(pk=roll.pk).order == 7
    assert Exercise.objects.get(pk=chair.pk).summary == "Edited elsewhere."


def test_do_not_approve_asks_for_a_reason(editor_client, reviewer):
    rule = CombinationRule.objects.filter(is_published=True).first()
    signoff.record_review(rule, reviewer, "NICE")
    post_change(editor_client, change_url(rule), urgency="routine")
    page = logged_in(reviewer).post(review_url(rule), {"reject": "1", "why_not": " "}, follow=True)
    assert "Say why you do not approve it" in page.content.decode()
    assert PendingChange.objects.get(object_id=rule.pk).status == "pending"


def test_approving_a_change_to_an_item_never_signed_off_leaves_it_never_reviewed(
    editor_client, reviewer
):
    # A staff QA pass (round 24): it moved to "Changed since its last review".
    exercise = Exercise.objects.get(slug="chair-rotation")
    signoff.hold_back(exercise, {"repetitions": 6}, None)
    logged_in(reviewer).post(review_url(exercise), {"sources": "NHS", "approve": "1"})
    assert Exercise.objects.get(pk=exercise.pk).repetitions == 6
    assert signoff.standings([exercise])[0].in_words == "Never reviewed"


def test_only_a_clinical_reviewer_gives_the_day_an_item_was_checked(editor_client, reviewer):
    # A staff QA pass (round 24): an editor set a rule's "Reviewed on" that no clinician gave.
    sign = WarningSign.objects.get(slug="worried")
    before = sign.reviewed_on
    page = soup(editor_client.get(change_url(sign)))
    assert page.select_one("input[name=reviewed_on]") is None  # shown, not a box
    post_change(editor_client, change_url(sign), reviewed_on="2026-12-01")
    assert WarningSign.objects.get(pk=sign.pk).reviewed_on == before
    assert soup(logged_in(reviewer).get(change_url(sign))).select_one("input[name=reviewed_on]")


def test_a_rules_source_waits_for_a_reviewer(editor_client, reviewer):
    sign = WarningSign.objects.get(slug="worried")
    signoff.record_review(sign, reviewer, "NHS")
    post_change(editor_client, change_url(sign), source="QA made-up source")
    assert WarningSign.objects.get(pk=sign.pk).source != "QA made-up source"
    assert PendingChange.objects.get(object_id=sign.pk).values == {"source": "QA made-up source"}
