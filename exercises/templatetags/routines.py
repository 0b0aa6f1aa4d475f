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
