from django.utils.functional import SimpleLazyObject

from .models import ClinicDetails, GuideText


def get_clinic() -> ClinicDetails:
    """Return the clinic's details, lazily (one query, only on pages that show them)."""

    def load():
        return ClinicDetails.objects.first() or ClinicDetails(
            name="our clinic", cta_heading="Ready for expert help?", cta_body=""
        )

    return SimpleLazyObject(load)


def text_name(key: str) -> str:
    """Return the name a template uses for a framing text's key ("final-thoughts" -> final_thoughts)."""
    return key.replace("-", "_")


def guide_texts(*keys: str) -> dict[str, GuideText]:
    """Return the framing texts with these keys by text_name, in one query (missing ones absent)."""
    texts = GuideText.objects.filter(key__in=keys)
    return {text_name(text.key): text for text in texts}
