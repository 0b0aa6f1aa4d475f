import pytest
from django.db import IntegrityError

from guidance.models import CombinationLevel, SignGroup, Urgency, WarningSign
from guidance.triage import CONTEXT, Level

pytestmark = pytest.mark.django_db

ARTICLE_SIGNS = {
    "persistent-pain",
    "severe-pain",
    "numbness-or-weakness",
    "after-an-injury",
    "limitation-in-movement",
}


def test_every_sign_level_is_a_triage_level_or_context_and_self_care_is_not_one_of_them():
    levels = {level.value for level in Level} - {Level.SELF_CARE}
    assert set(Urgency.values) == levels | {CONTEXT}
    assert set(CombinationLevel.values) == levels


def test_the_checklist_asks_about_the_articles_five_signs():
    assert set(WarningSign.objects.values_list("slug", flat=True)) >= ARTICLE_SIGNS


def test_each_level_and_each_group_has_signs_from_the_fixture():
    signs = list(WarningSign.objects.published())
    assert {sign.urgency for sign in signs} == set(Urgency.values)
    assert {sign.group for sign in signs} == set(SignGroup.values)


def test_every_sign_names_its_source_and_reads_as_a_question():
    # The review date may be empty: a question no clinician has checked yet has none.
    for sign in WarningSign.objects.all():
        assert sign.source and sign.why
        assert sign.question.endswith("?"), sign.slug


def test_the_heart_aorta_and_spinal_cord_signs_are_emergencies():
    emergencies = set(
        WarningSign.objects.filter(urgency=Urgency.EMERGENCY).values_list("slug", flat=True)
    )
    assert {
        "chest-pain-or-breathlessness",
        "tearing-pain-between-shoulder-blades",
        "bladder-or-bowel-problems",
        "saddle-numbness",
        "numbness-or-weakness-both-sides",
        "serious-accident",
    } <= emergencies


def test_the_database_refuses_a_sign_with_the_self_care_level():
    with pytest.raises(IntegrityError):
        WarningSign.objects.create(
            slug="feels-fine",
            question="Do you feel fine?",
            why="-",
            urgency="self-care",
            group=SignGroup.IMPACT,
            source="-",
            reviewed_on="2026-11-25",
        )


def test_a_sign_becomes_a_triage_rule_with_its_level():
    rule = WarningSign.objects.get(slug="fever").to_rule()
    assert rule.slug == "fever"
    assert rule.urgency is Level.URGENT
