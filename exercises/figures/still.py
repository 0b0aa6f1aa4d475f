"""The still figure: one pose drawn far to near, each segment a stroke over a halo."""

import math
from dataclasses import replace

from .props import band_depth, draw_props, dumbbell, has_a_mat_on_the_floor
from .scene import arrow_paths
from .schema import SEATS, SIDES
from .skeleton import (
    HALO_GAP,
    HEAD_RADIUS,
    NOSE_RADIUS,
    SEGMENTS,
    screen_point,
    sees_the_back,
    stroke_ends,
    stroke_width,
)
from .svg import (
    HIGHLIGHT,
    INK,
    PAPER,
    PROP,
    escape,
    halo_group,
    line,
    paint_of,
    path_through,
    short_number,
    stroke,
    translate_rotate,
)

# A halo starts clear of the body at these segments, so it never cuts into the trunk.
LIMB_ROOTS = {"upper_arm", "thigh"}
# A face turned toward the viewer: a pale dot where the nose is, drawn over the head.
FACE_MARK_RADIUS = 2.4
FACE_MARK = (
    f'<circle cx="{{x}}" cy="{{y}}" r="{FACE_MARK_RADIUS}" fill="{PAPER}" stroke="none" '
    'class="fig-face"/>'
)
# How far across the head (of its radius 10) the nose has to be for the face to be turned aside.
NOSE_ASIDE = 5
NOSE_ASIDE_DROP = 3  # and the bump pushed out to its side stays this near the height of its centre
# A face bowed down with its nose this far below the head's centre keeps its nose where it points,
# down and to the side (looking down toward an armpit), not pushed out level to the side.
NOSE_BOWED = 7.5  # (a face only seen from above, as in the arm circles, is less)
FACE_MARK_DEPTH = 1.5  # how far toward the viewer the nose must be for the face mark
# Chains of equal depth are painted in this order.
CHAIN_ORDER = ("trunk", "r_leg", "l_leg", "r_arm", "l_arm", "head")


def segment_parts(
    segment, length, view, role, highlight, props, from_start=True, placed_at=None
) -> tuple[str, str]:
    """Return (stroke, parts at the far joint) of a segment, as halo or as ink."""
    # Drawn in the segment's own frame (x along it from its origin), or in the picture when
    # `placed_at` gives the origin and direction (x, y, degrees).
    width = stroke_width(segment, view)
    if segment.on_the_back and not (segment.name in highlight and sees_the_back(view)):
        width = 0
    stroke_svg, far_parts = "", []
    if width:
        x1, x2 = stroke_ends(segment, length, view, from_start)
        if role == "ink":
            stroke_svg = stroke(x1, x2, width, segment.name in highlight, placed_at)
        elif segment.halo:
            if segment.name.split("_", 1)[-1] in LIMB_ROOTS:
                x1, x2 = (min(width, length), x2) if from_start else (x1, max(length - width, 0))
            stroke_svg = stroke(x1, x2, width + 2 * HALO_GAP, False, placed_at)
    far_joint = segment.end if from_start else segment.start
    if far_joint == "head":
        centre_x, centre_y = length, 0.0
        if placed_at is not None:
            x, y, angle = placed_at
            centre_x, centre_y = (
                x + length * math.cos(math.radians(angle or 0)),
                y + length * math.sin(math.radians(angle or 0)),
            )
        centre = f'cx="{short_number(centre_x)}" cy="{short_number(centre_y)}"'
        if role == "halo":
            far_parts.append(f'<circle {centre} r="{short_number(HEAD_RADIUS + HALO_GAP)}"/>')
        else:
            colour, css_class = paint_of(role, "head" in highlight)
            far_parts.append(
                f'<circle {centre} r="{short_number(HEAD_RADIUS)}" fill="{colour}" '
                f'stroke="none" class="{css_class}"/>'
            )
    if (
        segment.name.endswith("_hand")
        and role == "ink"
        and any(prop["type"] == "dumbbells" for prop in props)
    ):
        bell = dumbbell(length / 2)
        stroke_svg += (
            bell
            if placed_at is None
            else f'<g transform="{translate_rotate(*placed_at)}">{bell}</g>'
        )
    return stroke_svg, "".join(far_parts)


def segment_geometry(frame, segment, from_start=True):
    """Return (x, y, length, degrees) of a placed segment (degrees None when it is a dot)."""
    origin, far = (segment.start, segment.end) if from_start else (segment.end, segment.start)
    (origin_x, origin_y), (far_x, far_y) = screen_point(frame, origin), screen_point(frame, far)
    length = math.hypot(far_x - origin_x, far_y - origin_y)
    degrees = math.degrees(math.atan2(far_y - origin_y, far_x - origin_x)) if length > 0.5 else None
    return origin_x, origin_y, length, degrees


def chains_far_to_near(frame):
    """Return the chains of segments in painter's order (far to near) for a placed pose."""
    members = {
        chain: [segment for segment in SEGMENTS if segment.chain == chain] for chain in CHAIN_ORDER
    }

    def depth(chain):
        depths = [
            frame[joint][2]
            for segment in members[chain]
            if segment.shapes_the_figure
            for joint in (segment.start, segment.end)
        ]
        return sum(depths) / len(depths)

    order = sorted(
        CHAIN_ORDER, key=lambda chain: (round(depth(chain), 1), CHAIN_ORDER.index(chain))
    )
    return [(chain, members[chain]) for chain in order]


def layers(scene, frame):
    """Return ("halo" | "ink", segments), ("band", None) and ("seat", None) in painter's order."""
    chains = chains_far_to_near(frame)
    chains.sort(
        key=lambda item: scene.in_front.index(item[0]) + 1 if item[0] in scene.in_front else 0
    )
    depth = {}
    for chain, segments in chains:
        counted = [segment for segment in segments if segment.shapes_the_figure]
        depth[chain] = sum(
            frame[joint][2] for segment in counted for joint in (segment.start, segment.end)
        ) / (2 * len(counted))
    extras = []
    if scene.band_anchor:
        extras.append((band_depth(frame), "band"))
    if scene.view == "back" and any(prop["type"] in SEATS for prop in scene.props):
        extras.append((depth["trunk"] - 0.01, "seat"))  # seen from behind, the seat hides the legs
    ordered, thighs_behind = [], []
    for chain, segments in chains:
        while extras and min(extras)[0] < depth[chain]:
            ordered.append((extras.pop(extras.index(min(extras)))[1], None))
        ordered.append(("halo", segments))
        if chain == "trunk" and thighs_behind:
            # The trunk's halo would cut a white seam across the tops of the thighs it meets.
            ordered.append(("ink", thighs_behind))
        # A coloured collar goes over the dark one that shares the neck's base with it: drawn
        # after it, the dark one's round end left a crescent round the base of a coloured neck.
        coloured_collar_last = sorted(
            segments,
            key=lambda segment: (
                segment.name.endswith("_collar") and segment.name in scene.highlight
            ),
        )
        ordered.append(("ink", coloured_collar_last))
        if chain.endswith("_leg"):
            thighs_behind += [segment for segment in segments if segment.name.endswith("_thigh")]
    return ordered + [(kind, None) for _, kind in sorted(extras)]


def still_body(scene, frame) -> str:
    """Return one placed pose: each segment drawn once where it is (no nesting)."""
    out = []
    for kind, segments in layers(scene, frame):
        if kind == "band":
            anchor_x, anchor_y = scene.band_anchor
            out += [
                line(
                    anchor_x,
                    anchor_y,
                    *screen_point(frame, f"{side.prefix}_hand"),
                    PROP,
                    3.5,
                    "fig-prop fig-band",
                )
                for side in SIDES
            ]
            continue
        if kind == "seat":
            out.append(draw_props(scene, seat_layer=True))
            continue
        parts = []
        for segment in segments:
            x, y, length, degrees = segment_geometry(frame, segment)
            stroke_svg, far = segment_parts(
                segment,
                length,
                scene.view,
                kind,
                scene.highlight,
                scene.props,
                placed_at=(x, y, degrees),
            )
            if segment.end == "head":
                behind, over = face(scene, frame, kind)
                far = behind + far + over
            parts.append(stroke_svg + far)
        out.append(halo_group("".join(parts)) if kind == "halo" else "".join(parts))
    return "".join(out)


def face(scene, frame, role) -> tuple[str, str]:
    """Return what shows where the face points: (a nose drawn behind the head, a mark over it).

    The nose pokes out past the head's outline wherever the face is turned away from the viewer's
    line of sight; a face turned toward the viewer also gets a pale dot where the nose is.
    """
    (head_x, head_y), (nose_x, nose_y) = screen_point(frame, "head"), screen_point(frame, "nose")
    reach = math.dist((head_x, head_y), (nose_x, nose_y))
    colour, css_class = paint_of(role, "head" in scene.highlight)
    behind = over = ""
    # A face toward us but turned well to one side: the nose is pushed straight out sideways to
    # the head's outline, so it pokes out on the side the person faces, not under the chin (a
    # pale dot alone was read as an ear).
    if reach < HEAD_RADIUS and turned_aside(frame, head_x, nose_x):
        bump_x = head_x + math.copysign(HEAD_RADIUS, nose_x - head_x)
        bump_y = head_y + max(-NOSE_ASIDE_DROP, min(NOSE_ASIDE_DROP, nose_y - head_y))
    else:
        bump_x, bump_y = nose_x, nose_y
    if math.dist((head_x, head_y), (bump_x, bump_y)) >= HEAD_RADIUS - 1:
        radius = NOSE_RADIUS + (HALO_GAP if role == "halo" else 0)
        behind = (  # drawn first, so the head covers all but the bump
            f'<circle cx="{short_number(bump_x)}" cy="{short_number(bump_y)}" '
            f'r="{short_number(radius)}" fill="{colour}" stroke="none" class="{css_class}"/>'
        )
    # The mark shows while the nose is at all toward us (round 11: a head bowed well down, as in
    # the levator scapulae stretch, keeps its face; at 3 it lost it and read like the back of it).
    if role == "ink" and reach > 3 and frame["nose"][2] > frame["head"][2] + FACE_MARK_DEPTH:
        inside = min(1.0, (HEAD_RADIUS - FACE_MARK_RADIUS - 1.5) / reach)
        over = FACE_MARK.format(
            x=short_number(head_x + (nose_x - head_x) * inside),
            y=short_number(head_y + (nose_y - head_y) * inside),
        )
    return behind, over


def turned_aside(frame, head_x, nose_x) -> bool:
    """Return whether the face is toward the viewer, turned a third or more to one side, and
    neither tipped back (looking up) nor bowed well down."""
    return (
        abs(nose_x - head_x) >= NOSE_ASIDE
        and frame["nose"][2] > frame["head"][2]
        and frame["head"][1] - 1 <= frame["nose"][1] < frame["head"][1] + NOSE_BOWED
    )


def svg_document(
    scene, title, desc, id_prefix, body, extra_class="", animated=False, viewbox=None
) -> str:
    """Return the accessible <svg>: its title and description, the props, the body, the floor."""
    x, y, width, height = viewbox or scene.viewbox
    title_id, desc_id = f"{id_prefix}-title", f"{id_prefix}-desc"
    css_class = f"fig fig--{scene.view}" + (f" {extra_class}" if extra_class else "")
    floor = (
        ""
        if scene.view == "top" or has_a_mat_on_the_floor(scene)  # the mat drawn is the floor
        else line(x, 0.75, x + width, 0.75, PROP, 1.5, "fig-floor", cap="butt")
    )
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="{short_number(x)} {short_number(y)} '
        f'{short_number(width)} {short_number(height)}" width="{short_number(width)}" '
        f'height="{short_number(height)}" class="{css_class}" role="img" '
        f'aria-labelledby="{title_id} {desc_id}" focusable="false"><title id="{title_id}">'
        f'{escape(title)}</title><desc id="{desc_id}">{escape(desc)}</desc>'
        f'<g fill="none" stroke="{INK}" stroke-linecap="round" stroke-linejoin="round" '
        f'class="fig-body">{draw_props(scene, animated=animated)}{body}'
        f"{draw_props(scene, animated=animated, in_front=True)}{floor}</g></svg>"
    )


# A turn arrow's white edge, each side of its line and round its head.
ARROW_EDGE = 1.6


def arrow_svg(points) -> str:
    """Return an arrow along the points, with its head at the last one (edged: on a white edge)."""
    (x1, y1), (x2, y2) = points[-2], points[-1]
    angle = math.atan2(y2 - y1, x2 - x1)
    length, spread = 5 * points.head_scale, 4.5 * points.head_scale
    tip = (x2 + length * math.cos(angle), y2 + length * math.sin(angle))
    left = (x2 + spread * math.cos(angle + 2.2), y2 + spread * math.sin(angle + 2.2))
    right = (x2 + spread * math.cos(angle - 2.2), y2 + spread * math.sin(angle - 2.2))
    edge = ""
    if points.edged:
        edge = (
            f'<path d="{path_through(points)}" fill="none" stroke="{PAPER}" '
            f'stroke-width="{short_number(2.2 + 2 * ARROW_EDGE)}" class="fig-arrow-edge"/>'
            f'<path d="{path_through((left, tip, right))}Z" fill="{PAPER}" stroke="{PAPER}" '
            f'stroke-width="{short_number(1.5 + 2 * ARROW_EDGE)}" stroke-linejoin="round" '
            'class="fig-arrow-edge"/>'
        )
    return edge + (
        f'<path d="{path_through(points)}" fill="none" stroke="{HIGHLIGHT}" stroke-width="2.2" '
        f'class="fig-arrow"/><path d="{path_through((left, tip, right))}Z" fill="{HIGHLIGHT}" '
        f'stroke="{HIGHLIGHT}" stroke-width="1.5" stroke-linejoin="round" class="fig-arrow"/>'
    )


def still_svg(scene, index, title, desc, id_prefix, viewbox=None) -> str:
    """Return one pose of the scene, with its arrows, as an accessible <svg>.

    A pose with a highlight of its own is coloured by it (the other side of a stretch shades the
    other side); the animated figure keeps the figure's.
    """
    own = scene.poses[index].get("highlight")
    if own:
        scene = replace(scene, highlight=set(own))
    arrows = "".join(arrow_svg(points) for points in arrow_paths(scene, index))
    body = still_body(scene, scene.frames[index]) + arrows
    return svg_document(scene, title, desc, id_prefix, body, viewbox=viewbox)
