from django.utils.functional import SimpleLazyObject

from backcare.cache import kept_until_content_changes

from .models import ClinicDetails, GuideText


def get_clinic(request=None) -> ClinicDetails:
    """Return the clinic's details, lazily (one query, only on pages that show them; none while
    they are cached)."""

    def load():
        return ClinicDetails.objects.first() or ClinicDetails(
            name="our clinic", cta_heading="Ready for expert help?", cta_body=""
        )

    return SimpleLazyObject(lambda: kept_until_content_changes(request, "guidance:clinic", load))


def text_name(key: str) -> str:
    """Return the name a template uses for a framing text's key ("final-thoughts" -> final_thoughts)."""
    return key.replace("-", "_")


def guide_texts(*keys: str, request=None) -> dict[str, GuideText]:
    """Return the framing texts with these keys by text_name, in one query (missing ones absent),
    or none while they are cached."""

    def load():
        return {text_name(text.key): text for text in GuideText.objects.filter(key__in=keys)}

    return kept_until_content_changes(request, f"guidance:texts:{','.join(keys)}", load)
