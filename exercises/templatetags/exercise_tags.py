"""Template tags other pages use to show the exercises without importing this app's models."""

from django import template
from django.utils.html import format_html

from backcare.cache import kept
from backcare.signoff import with_gated_values_approved
from exercises import drawing
from exercises.models import EquipmentNeeded, Exercise

register = template.Library()


@register.simple_tag(takes_context=True)
def published_exercise_count(context) -> int:
    """Return how many exercises the public can see (drafts do not count), kept like the page."""
    return kept(context.get("request"), "exercises:count", Exercise.objects.published().count)


UNAPPROVED_DOSE = "Suggested by this guide — check it with your physiotherapist."


def needs_caveat(context, entry, own=True) -> bool:
    """Say whether a routine's dose is the guide's and no clinical reviewer approved it.

    In a routine of one's own a changed dose ("Your dose") is the patient's or their
    physiotherapist's, not the guide's; in a ready-made routine (own=False) every dose is the guide's,
    and only an exercise's approved dose, unchanged, goes without the caveat.
    """
    if (own and entry.is_changed) or not entry.dose.describe():
        return False
    approved = kept(
        context.get("request"),
        "exercises:approved-doses",
        lambda: with_gated_values_approved(Exercise.objects.published()),
    )
    return entry.exercise.pk not in approved or entry.is_changed


@register.simple_tag(takes_context=True)
def dose_caveat(context, entry, own=True) -> str:
    """Say beside a routine's dose when it is the guide's and no clinical reviewer approved it."""
    if not needs_caveat(context, entry, own):
        return ""
    return format_html('<span class="dose-caveat">{}</span>', UNAPPROVED_DOSE)


@register.simple_tag(takes_context=True)
def dose_footnote(context, entries, own=True) -> str:
    """Return the caveat once, for a printed sheet whose marked doses it explains, or ""."""
    if any(needs_caveat(context, entry, own) for entry in entries):
        return UNAPPROVED_DOSE
    return ""


def with_article(name: str) -> str:
    """Return "a chair", "an exercise ball", "dumbbells": the name as it reads after "Needs:"."""
    name = name.lower()
    if name.endswith("s") and not name.endswith("ss"):
        return name
    return f"{'an' if name[:1] in 'aeiou' else 'a'} {name}"


@register.filter
def for_dose(step, dose) -> str:
    """Return a step as a patient doing this dose reads it (a count it states follows the dose)."""
    return step.text_for(dose)


@register.filter
def equipment_phrase(exercise, style="sentence") -> str:
    """Join an exercise's equipment with "and" or "or", as the exercise needs all or any of it.

    "sentence" reads after "Needs:" ("a chair or a foam roller"); "list" is a fact ("Chair or
    foam roller"). Takes an exercise from with_details() (its equipment_list) or any other.
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


@register.simple_tag
def exercise_figure(exercise, motion=False):
    """Draw the exercise's poses side by side; with `motion`, also the movement (see drawing.py)."""
    return drawing.figure_html(exercise, motion=bool(motion))


@register.simple_tag
def exercise_start_figure(exercise):
    """Draw the exercise's start position, small, for its card (see drawing.start_figure_html)."""
    return drawing.start_figure_html(exercise)


@register.simple_tag
def exercise_body_map(exercise):
    """Draw a body with the exercise's areas coloured in, and a legend naming them.

    Takes an exercise from with_details() (its area_list) or any other.
    """
    listed = getattr(exercise, "area_list", None)
    areas = {
        area.slug: area.name for area in (exercise.body_areas.all() if listed is None else listed)
    }
    return drawing.body_map_html(
        mode="highlight", areas=areas, selected=list(areas), id_prefix=f"map-{exercise.slug}"
    )


@register.simple_tag
def exercise_area_map(form):
    """Draw "Where does it hurt?": each area the list offers as a link, the chosen one marked.

    Takes the exercise list's ExerciseFilterForm, so the map offers the same areas as its filters
    (only those with published exercises, keeping the other chosen filters).
    """
    group = next(group for group in form.filter_groups() if group["name"] == "area")
    links = [link for link in group["links"] if link["value"]]
    return drawing.body_map_html(
        mode="links",
        areas={link["value"]: link["label"] for link in links},
        href={link["value"]: link["url"] for link in links},
        current=next((link["value"] for link in links if link["active"]), None),
        id_prefix="where",
    )
