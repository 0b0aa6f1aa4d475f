"""Template tags other pages use to show the exercises without importing this app's models."""

from django import template

from backcare.cache import kept_until_content_changes
from exercises.models import EquipmentNeeded, Exercise

register = template.Library()


@register.simple_tag(takes_context=True)
def published_exercise_count(context) -> int:
    """Return how many exercises the public can see (drafts do not count), kept like the page."""
    return kept_until_content_changes(
        context.get("request"), "exercises:count", Exercise.objects.published().count
    )


def with_article(name: str) -> str:
    """Return "a chair", "an exercise ball", "dumbbells": the name as it reads after "Needs:"."""
    name = name.lower()
    if name.endswith("s") and not name.endswith("ss"):
        return name
    return f"{'an' if name[:1] in 'aeiou' else 'a'} {name}"


@register.filter
def equipment_phrase(exercise, style="sentence") -> str:
    """Join an exercise's equipment with "and" or "or", as the exercise needs all or any of it.

    "sentence" reads after "Needs:" ("a chair or a foam roller"); "list" is a fact ("Chair or
    foam roller"). Takes an exercise from for_list() (equipment_list) or with_details().
    """
    items = getattr(exercise, "equipment_list", None)
    if items is None:
        items = list(exercise.equipment.all())
    if not items:
        return ""
    if style == "sentence":
        names = [with_article(item.name) for item in items]
    else:
        names = [item.name.lower() for item in items]
    joiner = " or " if exercise.equipment_needed == EquipmentNeeded.ANY else " and "
    phrase = names[0] if len(names) == 1 else ", ".join(names[:-1]) + joiner + names[-1]
    return phrase if style == "sentence" else phrase[:1].upper() + phrase[1:]
