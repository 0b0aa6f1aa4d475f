"""Combination rules in the admin: readable in words, refused when they cannot mean anything."""

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse

from backcare import signoff
from guidance.models import CombinationRule, WarningSign
from tests.signoff import make_reviewer

pytestmark = pytest.mark.django_db

CHANGELIST = reverse("admin:guidance_combinationrule_changelist")


def sign_pks(*slugs: str) -> list[int]:
    return [WarningSign.objects.get(slug=slug).pk for slug in slugs]


def rule_data(rule: CombinationRule | None = None, **changes) -> dict:
    data = {
        "summary": "Weak bones, with a knock",
        "slug": "weak-bones-with-a-knock",
        "why": "A small knock can break a weak bone.",
        "order": 40,
        "is_published": "on",
        "all_of": sign_pks("age-under-20-or-over-50"),
        "any_of": sign_pks("after-an-injury"),
        "min_any": 1,
        "urgency": "urgent",
        "source": "NICE CKS back pain",
        "clinical_basis": "",
        "reviewed_on": "2026-11-28",
    }
    if rule is not None:
        data.update(
            summary=rule.summary,
            slug=rule.slug,
            why=rule.why,
            order=rule.order,
            all_of=[sign.pk for sign in rule.all_of.all()],
            any_of=[sign.pk for sign in rule.any_of.all()],
            min_any=rule.min_any,
            urgency=rule.urgency,
            source=rule.source,
            clinical_basis=rule.clinical_basis,
            reviewed_on=str(rule.reviewed_on),
        )
    data.update(changes)
    return data


def row_of(response, summary: str):
    soup = BeautifulSoup(response.content, "lxml")
    return next(row for row in soup.select("#result_list tbody tr") if summary in row.text)


def test_each_rule_reads_in_words_with_its_level_and_the_questions_it_needs(editor_client):
    response = editor_client.get(CHANGELIST)
    row = row_of(response, "New back pain under 20 or over 50")
    words = row.select_one(".field-in_words")
    assert [p.get_text(" ", strip=True) for p in words.select("p")] == [
        "Urgent when the patient ticks:",
        "and any one of:",
    ]
    needed, choices = ([li.get_text(strip=True) for li in ul.select("li")] for ul in words("ul"))
    assert needed == [f"“{WarningSign.objects.get(slug='age-under-20-or-over-50').question}”"]
    assert choices == [
        f"“{WarningSign.objects.get(slug=slug).question}”"
        for slug in (
            "weight-loss",
            "pain-at-night-or-at-rest",
            "severe-pain",
            "pain-getting-worse",
            "persistent-pain",
        )
    ]
    text = row.get_text(" ", strip=True)
    assert "NICE CKS back pain; NICE CKS neck pain Reviewed Nov. 27, 2026" in text
    assert "Counts on the checklist" in text
    cancer = row_of(response, "Cancer in the past, with numbness").select_one(".field-in_words")
    assert cancer.p.get_text(" ", strip=True) == "Emergency when the patient ticks:"


def test_an_editor_adds_a_rule_and_its_questions_are_saved(editor_client):
    response = editor_client.post(reverse("admin:guidance_combinationrule_add"), rule_data())
    assert response.status_code == 302
    rule = CombinationRule.objects.get(slug="weak-bones-with-a-knock")
    assert rule.to_combination().all_of == ("age-under-20-or-over-50",)
    assert rule.to_combination().any_of == ("after-an-injury",)


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        (
            {"any_of": [], "min_any": 0},
            "A combination needs at least two ticked questions to fire",
        ),
        ({"min_any": 3}, "“How many of the choices” is 3: with 1 choices it must be a number"),
        (
            {"any_of": [], "all_of": []},
            "A combination needs at least two ticked questions to fire",
        ),
    ],
    ids=["one question", "more than there are", "no questions"],
)
def test_a_rule_that_cannot_fire_as_meant_is_refused_with_a_reason(editor_client, changes, message):
    response = editor_client.post(
        reverse("admin:guidance_combinationrule_add"), rule_data(**changes)
    )
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not CombinationRule.objects.filter(slug="weak-bones-with-a-knock").exists()


def test_a_question_in_both_lists_is_refused(editor_client):
    response = editor_client.post(
        reverse("admin:guidance_combinationrule_add"),
        rule_data(any_of=sign_pks("after-an-injury", "age-under-20-or-over-50")),
    )
    assert "cannot be both one that must be ticked and one of the choices" in (
        response.content.decode()
    )


def test_a_rule_that_needs_a_draft_question_says_it_can_never_fire(editor_client):
    WarningSign.objects.filter(slug="history-of-cancer").update(is_published=False)
    row = row_of(editor_client.get(CHANGELIST), "Cancer in the past, with numbness").text
    assert "It can never fire: “Have you ever had cancer?” must be ticked but is a draft" in row


def test_reverting_a_rule_brings_back_the_questions_of_that_version(
    editor_client, django_user_model
):
    reviewer = make_reviewer(django_user_model)
    rule = CombinationRule.objects.get(slug="new-pain-at-this-age-with-second-sign")
    loaded = rule.history.earliest()
    before = set(rule.any_of.values_list("slug", flat=True))
    change_url = reverse("admin:guidance_combinationrule_change", args=[rule.pk])
    response = editor_client.post(change_url, rule_data(rule, any_of=sign_pks("weight-loss")))
    assert response.status_code == 302
    # The rule's questions change only once a clinical reviewer approves (backcare.signoff).
    assert set(rule.any_of.values_list("slug", flat=True)) == before
    signoff.approve(signoff.pending_change(rule), reviewer, "NICE CKS back pain")
    assert set(rule.any_of.values_list("slug", flat=True)) == {"weight-loss"}

    revert_url = reverse(
        "admin:guidance_combinationrule_simple_history", args=[rule.pk, loaded.history_id]
    )
    form = BeautifulSoup(editor_client.get(revert_url).content, "lxml")
    offered = {int(o["value"]) for o in form.select("select[name=any_of] option[selected]")}
    assert offered == set(sign_pks(*before))
    response = editor_client.post(revert_url, rule_data(rule, any_of=sorted(offered)))
    assert response.status_code == 302
    assert set(rule.any_of.values_list("slug", flat=True)) == {"weight-loss"}
    signoff.approve(signoff.pending_change(rule), reviewer, "NICE CKS back pain")
    assert set(rule.any_of.values_list("slug", flat=True)) == before
