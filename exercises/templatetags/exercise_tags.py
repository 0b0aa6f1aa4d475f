"""Template tags other pages use to show the exercises without importing this app's models."""

from django import template

from exercises.models import Exercise

register = template.Library()


@register.simple_tag
def published_exercise_count() -> int:
    """Return how many exercises the public can see (drafts do not count)."""
    return Exercise.objects.published().count()
