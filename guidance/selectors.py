from django.utils.functional import SimpleLazyObject

from .models import ClinicDetails, GuideText


def get_clinic() -> ClinicDetails:
    """Return the clinic's details, lazily (one query, only on pages that show them)."""

    def load():
        return ClinicDetails.objects.first() or ClinicDetails(
            name="our clinic", cta_heading="Ready for expert help?", cta_body=""
        )

    return SimpleLazyObject(load)


def guide_texts(*keys: str) -> dict[str, GuideText]:
    """Return the framing texts with these keys, by key, in one query (missing keys are absent)."""
    texts = GuideText.objects.filter(key__in=keys)
    return {text.key.replace("-", "_"): text for text in texts}
