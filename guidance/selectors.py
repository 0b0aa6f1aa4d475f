import logging
from collections.abc import Callable
from functools import cache

from backcare.cache import kept

from .models import ClinicDetails, CombinationRule, GuideText
from .triage import Combination

logger = logging.getLogger(__name__)


def get_clinic(request=None) -> Callable[[], ClinicDetails]:
    """Return a function giving the clinic's details, read when first asked for (templates call it:
    `{{ clinic.name }}`) and kept until the content changes."""

    @cache
    def clinic() -> ClinicDetails:
        return kept(request, "guidance:clinic", ClinicDetails.objects.first) or ClinicDetails(
            name="our clinic", cta_heading="Ready for expert help?", cta_body=""
        )

    return clinic


def text_name(key: str) -> str:
    """Return the name a template uses for a framing text's key ("final-thoughts" -> final_thoughts)."""
    return key.replace("-", "_")


def guide_texts(*keys: str, request=None) -> dict[str, GuideText]:
    """Return the framing texts with these keys by text_name, in one query (missing ones absent),
    or none while they are cached."""

    def load():
        return {text_name(text.key): text for text in GuideText.objects.filter(key__in=keys)}

    return kept(request, f"guidance:texts:{','.join(keys)}", load)


def checklist_combinations() -> list[Combination]:
    """Return the published combination rules for the triage, in three queries.

    A rule whose lists no longer make sense (a question it chose was deleted) is left out, so a
    patient still gets a result; the admin's rule list says what is wrong with it.
    """
    combinations = []
    for rule in CombinationRule.objects.published().with_signs():
        try:
            combinations.append(rule.to_combination())
        except ValueError:
            logger.warning(
                "Combination rule %r cannot fire as written and was left out.", rule.slug
            )
    return combinations
