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


def view_note(figure, scene, index=0) -> str:
    """Return the note under the poses saying where they are seen from, or "" if none is needed.

    Seen from the side, the lay reader could tell which way the person faced only by the nose:
    the note says it, or, lying down, which end the head is at (round 12, issue 19). `index` is
    the pose the note reads the posture from, in the scene of its own view.
    """
    view = scene.view
    note = VIEW_NOTES.get(view, "")
    if view != "side":
        return note
    if figure["poses"][index]["posture"] in UPRIGHT:
        return f"{note}: they face right."
    first = scene.frames[index]
    end = "right" if first["head"][0] > first["root"][0] else "left"
    return f"{note}: their head is on the {end}."


def scenes_by_view(figure, scene) -> dict:
    """Return a scene for each view the poses are seen from: the figure's, and any pose's own.

    A pose may be seen from another side than the rest (the butterfly's lean forward shows only
    from the side, its soles together only from the front): its still picture is drawn from a
    scene of every pose in its view, so that its arrows start from the pose before, seen alike.
    """
    scenes = {figure["view"]: scene}
    for pose in figure["poses"]:
        if pose["view"] not in scenes:
            scenes[pose["view"]] = build_scene({**figure, "view": pose["view"]})
    # Drawn at one scale: each picture as wide as the widest, its own centred in it.
    widest = max(other.viewbox[2] for other in scenes.values())
    for other in scenes.values():
        x, y, width, height = other.viewbox
        other.viewbox = (x - (widest - width) / 2, y, widest, height)
    return scenes


def views_note(figure, scenes) -> str:
    """Return the note under poses seen from more than one side: which picture from where."""
    groups: dict[str, list[int]] = {}
    for index, pose in enumerate(figure["poses"]):
        groups.setdefault(pose["view"], []).append(index)
    if len(groups) == 1:
        (view,) = groups
        return view_note(figure, scenes[view])
    sentences = []
    for view, indexes in groups.items():
        numbers = [str(index + 1) for index in indexes]
        pictures = (
            f"Pictures {', '.join(numbers[:-1])} and {numbers[-1]}"
            if len(numbers) > 1
            else f"Picture {numbers[0]}"
        )
        note = view_note(figure, scenes[view], indexes[0]).removeprefix("Seen")
        sentences.append(f"{pictures} seen{note}" + ("" if note.endswith(".") else "."))
    return " ".join(sentences)


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
    scenes = scenes_by_view(figure, scene)
    *_, width, height = scene.viewbox
    shape = "wide" if width / height > 1.3 or has_a_lying_pose(scene) else "tall"
    items = []
    for index, pose in enumerate(figure["poses"]):
        own = scenes[pose["view"]]
        svg = still_svg(
            own,
            index,
            f"{name}: {pose['caption']}",
            pose["alt"],
            f"{id_prefix}-{index + 1}",
            viewbox=own_height(own, index) if shape == "wide" else None,
        )
        arrow = ARROW_ICON if index else ""
        items.append(
            f'<li class="fig-seq__item">{arrow}<figure class="fig-frame">{svg}'
            f'<figcaption class="fig-frame__caption">{escape(pose["caption"])}</figcaption>'
            f"</figure></li>"
        )
    note = views_note(figure, scenes)
    markup = (
        f'<div class="fig-set fig-set--{shape} fig-set--n{len(items)}">'
        f'<ol class="fig-seq">{"".join(items)}</ol>'
        + (f'<p class="fig-set__note">{escape(note)}</p>' if note else "")
    )
    if animate:
        captions = [pose["caption"] for pose in figure["poses"]]
        # The scene of the figure's view (same highlight, same picture), every pose seen from it.
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
