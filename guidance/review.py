"""What the clinician reads in admin: combination rules in words, and checks of the red-flag review.

Each function takes rows whose questions (and, for a red flag, its question's rules) were fetched
with them, so a list page makes no query per row.
"""

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

from .models import CombinationRule, RedFlag, WarningSign
from .triage import Level, combination_problems, level_name, rank_of


def _quoted(signs: list[WarningSign]) -> str:
    names = [f"“{sign.question}”" for sign in signs]
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " or " + names[-1]


def rule_in_words(rule: CombinationRule) -> SafeString:
    """Return the rule in words, as HTML: its level, the questions it needs, and how many of which.

    E.g. “Urgent when the patient ticks: • “Are you over 50…?” and any one of: • … • …”.
    """
    all_of, any_of = list(rule.all_of.all()), list(rule.any_of.all())

    def questions(signs):
        return format_html(
            "<ul>{}</ul>", format_html_join("", "<li>“{}”</li>", ((s.question,) for s in signs))
        )

    parts = [
        format_html("<p><strong>{}</strong> when the patient ticks:</p>", level_name(rule.urgency))
    ]
    if all_of:
        parts.append(questions(all_of))
    if any_of:
        count = "any one" if rule.min_any == 1 else f"at least {rule.min_any}"
        lead = f"and {count} of:" if all_of else f"{count[0].upper()}{count[1:]} of:"
        parts += [format_html("<p>{}</p>", lead), questions(any_of)]
    if not (all_of or any_of):
        parts.append(format_html("<p>{}</p>", "No questions yet."))
    return format_html_join("", "{}", ((part,) for part in parts))


def rule_problems(rule: CombinationRule) -> list[str]:
    """Return why the rule cannot fire as written, or counts less than it seems, in plain words."""
    all_of, any_of = list(rule.all_of.all()), list(rule.any_of.all())
    min_any = rule.min_any if any_of else 0
    problems = combination_problems(
        [sign.slug for sign in all_of], [sign.slug for sign in any_of], min_any
    )
    drafts_needed = [sign for sign in all_of if not sign.is_published]
    if drafts_needed:
        problems.append(
            f"It can never fire: {_quoted(drafts_needed)} must be ticked but is a draft, "
            "not on the checklist."
        )
    published_choices = [sign for sign in any_of if sign.is_published]
    if any_of and len(published_choices) < min_any:
        problems.append(
            f"It can never fire: it needs {min_any} of its choices, but only "
            f"{len(published_choices)} are on the checklist."
        )
    return problems


def checklist_level(flag: RedFlag) -> str:
    """Return what a patient with only this flag gets from its question, in a word or two."""
    sign = flag.warning_sign
    if sign is None:
        return "not asked"
    if not sign.is_published:
        return "not asked (its question is a draft)"
    return level_name(sign.urgency)


def flag_problems(flag: RedFlag) -> list[str]:
    """Return what no longer matches the decision: a draft question, or a level below the guidance.

    A flag asked or folded into a question must get at least the guidance's level from that question
    alone; a flag kept for combinations must reach it through a published rule with its question.
    """
    sign = flag.warning_sign
    if sign is None or flag.guidance_level == RedFlag.GuidanceLevel.NOT_STATED:
        return []
    problems = []
    if not sign.is_published:
        problems.append("Its question is a draft, so the checklist does not ask it.")
    wanted = Level(flag.guidance_level).rank
    if flag.decision in (RedFlag.Decision.ASKED, RedFlag.Decision.FOLDED):
        if rank_of(sign.urgency) > wanted:
            problems.append(
                f"The question's level ({level_name(sign.urgency)}) is below "
                f"the guidance ({flag.get_guidance_level_display()})."
            )
    elif flag.decision == RedFlag.Decision.COMBINATION and rank_of(sign.urgency) > wanted:
        rules = [*sign.combinations_needing.all(), *sign.combinations_choosing.all()]
        if not any(rule.is_published and rank_of(rule.urgency) <= wanted for rule in rules):
            problems.append(
                "No published combination rule with its question reaches the guidance level "
                f"({flag.get_guidance_level_display()})."
            )
    return problems
