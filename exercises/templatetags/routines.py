"""Ready-made routines as a piece any page can show (the home page is another app's)."""

from django import template

from backcare.cache import kept

from ..models import Routine

register = template.Library()


@register.inclusion_tag("exercises/_ready_made_routines.html", takes_context=True)
def ready_made_routines(context, heading_level=2, title="Ready-made routines", lead=""):
    """Show the published ready-made routines as cards under a heading (one query, or none while
    they are kept)."""
    return {
        "routines": kept(
            context.get("request"),
            "exercises:ready-made-routines",
            lambda: Routine.objects.published().with_entries(),
        ),
        "heading_level": heading_level,
        "card_level": heading_level + 1,
        "title": title,
        "lead": lead,
    }


@register.filter
def minutes(value: float) -> str:
    """Say a time in half minutes: "half a minute", "1 minute", "2½ minutes"."""
    whole, half = divmod(round(value * 2), 2)
    if not whole:
        return "half a minute"
    number = f"{whole}{'½' if half else ''}"
    return f"{number} minute" if number == "1" else f"{number} minutes"
