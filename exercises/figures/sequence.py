"""The HTML an exercise page shows: the poses side by side and, folded, the movement."""

from .motion import animation_svg
from .scene import build_scene, has_a_lying_pose, own_height
from .schema import VIEW_NOTES
from .still import still_svg
from .svg import escape
from .validation import normalise

ARROW_ICON = (
    '<svg class="fig-seq__arrow" viewBox="0 0 24 24" width="24" height="24" aria-hidden="true" '
    'focusable="false"><path d="M4 12h14m-6-6 6 6-6 6" fill="none" stroke="currentColor" '
    'stroke-width="2.5" stroke-linecap="round" stroke-linejoin="round"/></svg>'
)


# Postures with the head over the hips: seen from the side, the person plainly faces one way.
UPRIGHT = ("standing", "sitting", "sitting-floor", "kneeling")


def view_note(figure, scene) -> str:
    """Return the note under the poses saying where they are seen from, or "" if none is needed.

    Seen from the side, the lay reader could tell which way the person faced only by the nose:
    the note says it, or, lying down, which end the head is at (round 12, issue 19).
    """
    note = VIEW_NOTES.get(figure["view"], "")
    if figure["view"] != "side":
        return note
    if figure["poses"][0]["posture"] in UPRIGHT:
        return f"{note}: they face right."
    first = scene.frames[0]
    end = "right" if first["head"][0] > first["root"][0] else "left"
    return f"{note}: their head is on the {end}."


def render_sequence(
    figure,
    *,
    name: str,
    id_prefix: str,
    animate: bool = True,
    expanded: bool = False,
    summary: str = "Watch the movement",
) -> str:
    """Return the captioned poses side by side and, if `animate`, the movement in a <details>."""
    figure = normalise(figure)
    scene = build_scene(figure)
    *_, width, height = scene.viewbox
    shape = "wide" if width / height > 1.3 or has_a_lying_pose(scene) else "tall"
    items = []
    for index, pose in enumerate(figure["poses"]):
        svg = still_svg(
            scene,
            index,
            f"{name}: {pose['caption']}",
            pose["alt"],
            f"{id_prefix}-{index + 1}",
            viewbox=own_height(scene, index) if shape == "wide" else None,
        )
        arrow = ARROW_ICON if index else ""
        items.append(
            f'<li class="fig-seq__item">{arrow}<figure class="fig-frame">{svg}'
            f'<figcaption class="fig-frame__caption">{escape(pose["caption"])}</figcaption>'
            f"</figure></li>"
        )
    note = view_note(figure, scene)
    markup = (
        f'<div class="fig-set fig-set--{shape} fig-set--n{len(items)}">'
        f'<ol class="fig-seq">{"".join(items)}</ol>'
        + (f'<p class="fig-set__note">{escape(note)}</p>' if note else "")
    )
    if animate:
        captions = [pose["caption"] for pose in figure["poses"]]
        # The same scene as the still poses (same highlight, same picture): drawn once.
        animation = animation_svg(
            scene,
            title=f"{name}: the movement, from {captions[0]} to {captions[-1]}",
            desc="The figure moves slowly through the positions shown above and back again: "
            + ", then ".join(pose["alt"].rstrip(".") for pose in figure["poses"])
            + ".",
            id_prefix=f"{id_prefix}-anim",
        )
        markup += (
            f'<details class="fig-motion"{" open" if expanded else ""}>'
            f'<summary class="fig-motion__summary">{escape(summary)}</summary>'
            f'<div class="fig-motion__stage">{animation}</div></details>'
        )
    return markup + "</div>"


def render_start_pose(figure, *, name: str, id_prefix: str) -> str:
    """Return the first pose alone, small, for a card that lists the exercise (decorative there).

    The card's own words name the exercise, so the picture is hidden from screen readers.
    """
    figure = normalise(figure)
    scene = build_scene(figure)
    *_, width, height = scene.viewbox
    wide = width / height > 1.3 or has_a_lying_pose(scene)
    pose = figure["poses"][0]
    svg = still_svg(
        scene,
        0,
        f"{name}: {pose['caption']}",
        pose["alt"],
        id_prefix,
        viewbox=own_height(scene, 0) if wide else None,
    )
    return f'<div class="fig-thumb fig-thumb--{"wide" if wide else "tall"}" aria-hidden="true">{svg}</div>'
