"""An exercise's figures and the body map as HTML, drawn by the pure renderers and kept once drawn.

Drawing a figure takes milliseconds (path arrows sample the movement), so the HTML is kept in this
process's memory under a digest of everything that changes it: the same figure is drawn once per
process, an edited pose gets a new key, so nothing drawn can be stale, and no cache server (or its
outage) is involved. The oldest drawings go first beyond DRAWINGS_KEPT.
"""

import hashlib
import json
import logging
import threading

from django.utils.safestring import SafeString, mark_safe

from . import figures

logger = logging.getLogger(__name__)

# About 16 KB a drawing: 20 exercises' figures, start poses and body maps fit many times over.
DRAWINGS_KEPT = 400
_drawings: dict[str, str] = {}
_making_room = threading.Lock()


def _kept(kind: str, parts: dict, draw) -> str:
    digest = hashlib.sha256(json.dumps(parts, sort_keys=True, default=str).encode()).hexdigest()
    key = f"{kind}:{digest}"
    html = _drawings.get(key)
    if html is None:
        html = draw()
        with _making_room:
            while len(_drawings) >= DRAWINGS_KEPT:
                del _drawings[next(iter(_drawings))]
            _drawings[key] = html
    return html


def figure_problems(data: dict | None) -> list[str]:
    """Return why a figure cannot be drawn, in the clinic's words ([] when it can)."""
    if data is None:
        return ["Add at least two poses: a start and an end position."]
    return figures.validate(data)


def figure_html(exercise, *, motion: bool = False, poses=None) -> SafeString:
    """Return the exercise's poses side by side (and the movement, if `motion`), or "" if none.

    Never raises: a figure that cannot be drawn is left out of the page (and logged), because a
    page without a picture is better than an error.
    """
    data = exercise.figure_data(poses)
    if data is None:
        return mark_safe("")
    parts = {"figure": data, "name": exercise.name, "slug": exercise.slug, "motion": motion}

    def draw():
        return figures.render_sequence(
            data, name=exercise.name, id_prefix=f"fig-{exercise.slug}", animate=motion
        )

    try:
        # Everything the renderer writes is escaped by it.
        return mark_safe(_kept("figure", parts, draw))  # noqa: S308
    except Exception:
        logger.exception("The figure of the exercise %r could not be drawn.", exercise.slug)
        return mark_safe("")


def start_figure_html(exercise) -> SafeString:
    """Return the exercise's first pose, small, for its card in a list, or "" if none.

    Never raises, like figure_html.
    """
    data = exercise.figure_data()
    if data is None:
        return mark_safe("")
    parts = {"figure": data, "name": exercise.name, "slug": exercise.slug}

    def draw():
        return figures.render_start_pose(
            data, name=exercise.name, id_prefix=f"thumb-{exercise.slug}"
        )

    try:
        return mark_safe(_kept("start", parts, draw))  # noqa: S308
    except Exception:
        logger.exception("The start pose of the exercise %r could not be drawn.", exercise.slug)
        return mark_safe("")


def body_map_html(*, mode: str, areas: dict, **options) -> SafeString:
    """Return the body map (see figures.render_body_map), kept like the figures."""
    parts = {"mode": mode, "areas": areas, **options}
    return mark_safe(
        _kept("bodymap", parts, lambda: figures.render_body_map(mode=mode, areas=areas, **options))
    )
