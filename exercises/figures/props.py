"""The props drawn with a figure: mat, wall, doorway, chair or stool, band, foam roller, dumbbells.

Props that never move are drawn once behind the figure, from the first pose; a chair, a stool and
the doorway are modelled in 3-D and drawn through the same camera as the person.
"""

import math

from .schema import SEATS, SIDES
from .skeleton import (
    CAMERAS,
    HEAD_RADIUS,
    MAT_THICKNESS,
    SEGMENTS,
    effective_angles,
    joint_positions,
    outline_points,
    project,
    rotation,
    screen_point,
    stroke_width,
    transformed,
    vector_sum,
)
from .svg import PROP, PROP_FILL, path_through, prop_polyline, prop_rect, short_number

ROLLER_RADIUS = 10  # a 15 cm foam roller beside a 170 cm person
POST_WIDTH = 10  # a doorway upright's drawn width
BAND_AHEAD = 44  # how far in front of the hands a band's post stands (a taut band, arm's length)
BAND_POST_TOP = 12  # the side of a band's post seen from above
# Where the door frame stands from the forearms of the first pose: just outside them and ahead,
# so that each forearm rests upright against the back of its own upright.
DOOR_OUTSIDE, DOOR_AHEAD = 2, 9


def find_prop(props, kind):
    """Return the prop of this type with its options, or None."""
    return next((prop for prop in props if prop["type"] == kind), None)


def band_anchor(scene):
    """Return where the band is tied, as (x, y): in front of the hands, or above them.

    A post in front stands BAND_AHEAD ahead of the first pose's hands, level with them, and is
    seen through the camera like the person: from the side it stands beside the hands, from above
    below them, where the person faces.
    """
    band = find_prop(scene.props, "band")
    if not band:
        return None
    first_frame = scene.frames[0]
    if band["anchor"] == "overhead":
        hands = [screen_point(first_frame, f"{side.prefix}_hand") for side in SIDES]
        return (sum(x for x, _ in hands) / 2, min(y for _, y in hands) - 36)
    body = joint_positions(effective_angles(scene.poses[0]))
    hands = [body[f"{side.prefix}_hand"] for side in SIDES]
    post = (
        sum(x for x, _, _ in hands) / 2,
        sum(y for _, y, _ in hands) / 2,
        max(z for _, _, z in hands) + BAND_AHEAD,
    )
    # Placed as the pose is: the root where the picture has it.
    (post_x, post_y, _), (root_x, root_y, _) = (
        project(point, scene.view) for point in (post, body["root"])
    )
    placed_x, placed_y = screen_point(first_frame, "root")
    return (post_x - root_x + placed_x, post_y - root_y + placed_y)


def band_depth(frame):
    """Return a depth just in front of the nearer hand, so the band comes out of the fist."""
    return max(frame[f"{side.prefix}_hand"][2] for side in SIDES) + 0.5


def prop_points(scene, body):
    """Return points the props need inside the picture (tall props reach the top on their own)."""
    points = []
    if scene.band_anchor is not None:
        anchor_x, anchor_y = scene.band_anchor
        if scene.view == "top":  # the post seen from above: a square round the knot
            reach = BAND_POST_TOP / 2 + 1
            points += [(anchor_x - reach, anchor_y - reach), (anchor_x + reach, anchor_y + reach)]
        else:
            points += [scene.band_anchor, (anchor_x + 8, 0)]
    root_x, root_y = screen_point(scene.frames[0], "root")
    for prop in scene.props:
        if prop["type"] in SEATS:
            points += [(root_x - 30, root_y - 30), (root_x + 30, root_y + 24)]
        if prop["type"] == "doorway":
            points += [(x, y - 34) for x, y, _ in body]
        if prop["type"] == "mat" and looks_down_on_the_floor(scene.view):
            points += [point for part in mat_outline(scene) for point in part]
        if prop["type"] == "wall" and scene.view != "side":
            points += [
                (min(x for x, _, _ in body) - 16, 0),
                (max(x for x, _, _ in body) + 16, 0),
            ]
    return points


def dumbbell(centre) -> str:
    """Return a dumbbell across a hand, `centre` along the hand, in the hand's own frame."""
    return (
        f'<path d="M{short_number(centre)} -10V10" stroke="{PROP}" stroke-width="3" '
        f'class="fig-prop"/><path d="M{short_number(centre - 5)} -9H{short_number(centre + 5)}'
        f'M{short_number(centre - 5)} 9H{short_number(centre + 5)}" stroke="{PROP}" '
        f'stroke-width="6" class="fig-prop"/>'
    )


def draw_props(scene, seat_layer=False, animated=False, in_front=False) -> str:
    """Return the props that never move: behind the figure, (seat_layer) the seat from behind, or
    (in_front) what stands nearer than the whole body: a doorway's near upright."""
    # In the animated figure the band's post or bar is drawn later, over the band's moving end.
    first_frame, view, out = scene.frames[0], scene.view, []
    top = scene.viewbox[1] + 3  # tall props (wall, door edge) run up to the top of the picture
    body = outline_points(first_frame, view)
    root_x = screen_point(first_frame, "root")[0]
    for prop in scene.props:
        kind = prop["type"]
        if (kind in SEATS and view == "back") != seat_layer:
            continue
        if in_front and kind != "doorway":
            continue
        if kind == "wall":
            if view == "side":
                x = min(x - radius for x, _, radius in body)
                out.append(
                    prop_rect(x - 12, top, 12, -top, stroke_width=0)
                    + prop_polyline((x, top), (x, 0), width=2)
                )
            else:
                xs = [x for frame in scene.frames for x, _, _ in outline_points(frame, view)]
                out.append(
                    prop_rect(
                        min(xs) - 14, top + 8, max(xs) - min(xs) + 28, -top - 8, stroke_width=1.5
                    )
                )
        elif kind == "doorway":
            out.append(draw_doorway(scene, in_front))
        elif kind in SEATS:
            out.append(draw_seat(scene, kind, prop.get("back", "behind")))
        elif kind == "foam-roller":
            # Under the chest joint, where the back arches over it, resting on the floor.
            joint = "chest" if prop["under"] == "upper-back" else "waist"
            centre_x = screen_point(first_frame, joint)[0]
            centre_y = scene.floor - ROLLER_RADIUS
            if view == "side":
                out.append(
                    f'<circle cx="{short_number(centre_x)}" cy="{short_number(centre_y)}" '
                    f'r="{ROLLER_RADIUS}" fill="{PROP_FILL}" stroke="{PROP}" stroke-width="2.5" '
                    'class="fig-prop"/>'
                )
            else:
                out.append(
                    prop_rect(
                        root_x - 32,
                        centre_y - ROLLER_RADIUS,
                        64,
                        2 * ROLLER_RADIUS,
                        corner_radius=ROLLER_RADIUS,
                        stroke_width=2.5,
                    )
                )
        elif kind == "mat" and looks_down_on_the_floor(view):
            top_face, near_edge = mat_outline(scene)
            out.append(
                f'<path d="{path_through(near_edge)}Z" fill="{PROP}" stroke="{PROP}" '
                'stroke-width="1.5" stroke-linejoin="round" class="fig-prop"/>'
                f'<path d="{path_through(top_face)}Z" fill="{PROP_FILL}" stroke="{PROP}" '
                'stroke-width="1.5" stroke-linejoin="round" class="fig-prop"/>'
            )
        elif kind == "mat":
            xs = [x for frame in scene.frames for x, _, _ in outline_points(frame, view)]
            out.append(
                prop_rect(
                    min(xs) - 10,
                    -MAT_THICKNESS,
                    max(xs) - min(xs) + 20,
                    MAT_THICKNESS,
                    stroke_width=1.5,
                    corner_radius=1.5,
                )
            )
        elif kind == "band" and not animated:
            out.append(band_fixture(scene, prop, top, knot=True))
    return "".join(out)


def looks_down_on_the_floor(view) -> bool:
    """Return whether the camera looks down at the floor (not level with it, not from above)."""
    return 0 < CAMERAS[view][1] < 80


def has_a_mat_on_the_floor(scene) -> bool:
    """Return whether the figure's mat is drawn as a plane on the floor, seen from above."""
    return looks_down_on_the_floor(scene.view) and find_prop(scene.props, "mat") is not None


# A mat seen from above at a slant reaches this far beyond the joints: at the sides, behind (past
# the back of the body) and in front. Round 12: reaching only 8 past the knees and 4 past the toes,
# the knees and feet overhung its edges and the mat read as a bench the legs rested on; now the
# body sits well inside it, with floor mat showing round the knees and in front of the feet.
MAT_SIDES, MAT_BEHIND, MAT_FRONT = 20, 16, 14
# How much narrower its far edge is drawn than its near edge (a fraction of the width each side),
# and its near edge drawn as a thin strip: the mat reads as a thin sheet lying flat on the floor,
# going away from us, where a plain rectangle read as the front of a grey block.
MAT_TAPER = 0.06


def mat_corners(scene) -> list:
    """Return a mat on the floor under the first pose, in its body frame: four corners.

    Seen at a slant from above, the floor is a plane going back from the front of the picture: a
    mat drawn there as a flat strip along the bottom would leave a seated person's hips in the
    air above it, behind the feet. Its height is that of the body's lowest part, so whatever the
    body rests on (the hips, the heels) rests on it.
    """
    bones = joint_positions(effective_angles(scene.poses[0]))
    bottom = bones["head"][1] - HEAD_RADIUS
    for segment in SEGMENTS:
        width = stroke_width(segment, scene.view)
        if not width or not segment.shapes_the_figure or segment.on_the_back:
            continue
        start, end = bones[segment.start], bones[segment.end]
        length = math.dist(start, end) or 1.0
        for (_, y1, _), (_, y2, _), reach in (
            (start, end, segment.reach[0]),
            (end, start, segment.reach[1]),
        ):  # each round end of the stroke: short of the joint, or reaching past it
            inset = 0.0 if reach is None else width / 2 - reach
            bottom = min(bottom, y1 + (y2 - y1) * inset / length - width / 2)
    xs = [x for x, _, _ in bones.values()]
    zs = [z for _, _, z in bones.values()]
    x0, x1 = min(xs) - MAT_SIDES, max(xs) + MAT_SIDES
    z0, z1 = min(zs) - MAT_BEHIND, max(zs) + MAT_FRONT
    return [(x0, bottom, z0), (x1, bottom, z0), (x1, bottom, z1), (x0, bottom, z1)]


def mat_outline(scene) -> tuple[list, list]:
    """Return a mat on the floor as drawn: its top face (far edge first) and the strip of its near
    edge below it, each a list of (x, y) in the picture."""
    far_left, far_right, near_right, near_left = (
        to_screen(scene, corner)[:2] for corner in mat_corners(scene)
    )
    inset = (far_right[0] - far_left[0]) * MAT_TAPER
    far_left, far_right = (far_left[0] + inset, far_left[1]), (far_right[0] - inset, far_right[1])
    drop = MAT_THICKNESS * math.cos(math.radians(CAMERAS[scene.view][1]))
    edge = [near_left, near_right, (near_right[0], near_right[1] + drop)]
    edge.append((near_left[0], near_left[1] + drop))
    return [far_left, far_right, near_right, near_left], edge


def band_fixture(scene, band, top, knot) -> str:
    """Return what the band is tied to: a post in front of the person, or a bar overhead."""
    anchor_x, anchor_y = scene.band_anchor
    if band["anchor"] == "overhead":
        fixture = prop_rect(anchor_x - 34, anchor_y - 8, 68, 8, stroke_width=2)
    elif scene.view == "top":  # the post's top, seen from above
        half = BAND_POST_TOP / 2
        fixture = prop_rect(
            anchor_x - half, anchor_y - half, BAND_POST_TOP, BAND_POST_TOP, stroke_width=2
        )
    else:
        fixture = prop_rect(anchor_x, top, 8, -top, stroke_width=2)
    return fixture + (
        f'<circle cx="{short_number(anchor_x)}" cy="{short_number(anchor_y)}" r="3.5" '
        f'fill="{PROP}" class="fig-prop"/>'
        if knot
        else ""
    )


# A chair or stool in 3-D (x across, y up, z forward; origin at the middle of the seat's top).
SEAT = [("poly", [(-21, 0, -20), (21, 0, -20), (21, 0, 20), (-21, 0, 20)])] + [
    ("leg", (x, 0, z)) for x in (-19, 19) for z in (-18, 18)
]
CHAIR_BACK = [
    ("poly", [(-21, 24, -21), (21, 24, -21), (21, 46, -23), (-21, 46, -23)]),
    ("line", [(-20, 0, -19), (-21, 46, -23)]),
    ("line", [(20, 0, -19), (21, 46, -23)]),
]
STOOL = [("poly", [(-15, 0, -15), (15, 0, -15), (15, 0, 15), (-15, 0, 15)])] + [
    ("leg", (x, 0, z)) for x in (-13, 13) for z in (-13, 13)
]
# Where the chair's back is: (degrees the chair turns, where its seat sits under the pelvis).
CHAIR_PLACES = {
    "behind": (0, (0, -8, 4)),
    "right": (90, (-9, -8, 2)),
    # Seen from in front and to the right, a chair back at the left is on the far side: the chair
    # stands a little forward (the person sits near the rear edge of its seat), so that the
    # chair back shows in full beside the body rather than behind it. Round 12: 4 less forward,
    # so it stands beside the hip and side (from 11 behind the hips), the knees reaching 12 past
    # it: alongside the thighs, a lay reader took it for a chair faced the wrong way.
    "left": (-90, (11, -8, 14)),
}


def to_screen(scene, point):
    """Return a 3-D point in the first pose's body frame as (x, y, depth) in the picture."""
    # The pelvis is the 3-D origin, so where it is drawn is the frame's shift.
    shift_x, shift_y = screen_point(scene.frames[0], "root")
    x, y, depth = project(point, scene.view)
    return x + shift_x, y + shift_y, depth


def floor_height_at(scene, x, z):
    """Return the body-frame height at which the point (x, ?, z) lands on the floor line."""
    turn, pitch = (math.radians(degrees) for degrees in CAMERAS[scene.view])
    depth = -x * math.sin(turn) + z * math.cos(turn)
    return (depth * math.sin(pitch) + screen_point(scene.frames[0], "root")[1]) / math.cos(pitch)


def draw_solid(scene, parts) -> str:
    """Return 3-D prop parts, far ones first: ("poly" | "line" | "post", [points])."""
    drawn = []
    for kind, points_3d in parts:
        points = [to_screen(scene, point) for point in points_3d]
        depth = sum(point[2] for point in points) / len(points)
        flat = [point[:2] for point in points]
        if kind == "poly":
            drawn.append(
                (
                    depth,
                    f'<path d="{path_through(flat)}Z" fill="{PROP_FILL}" stroke="{PROP}" '
                    f'stroke-width="2.5" class="fig-prop"/>',
                )
            )
        elif kind == "post":  # a thick upright: a grey outline with a light core
            drawn.append(
                (
                    depth,
                    prop_polyline(*flat, width=POST_WIDTH)
                    + f'<path d="{path_through(flat[:2])}" stroke="{PROP_FILL}" '
                    f'stroke-width="6" fill="none" class="fig-prop"/>',
                )
            )
        else:
            drawn.append((depth - 0.1, prop_polyline(*flat, width=3)))
    return "".join(svg for _, svg in sorted(drawn, key=lambda item: item[0]))


def draw_seat(scene, kind, back) -> str:
    """Return a chair (its back behind the person or to one side) or a stool."""
    turn, offset = CHAIR_PLACES[back] if kind == "chair" else (0, (0, -8, 0))
    turning = rotation("y", turn)

    def place(point):
        return vector_sum(transformed(turning, point), offset)

    parts = []
    for part_kind, geometry in SEAT + CHAIR_BACK if kind == "chair" else STOOL:
        if part_kind == "leg":
            if CAMERAS[scene.view][1] > 80:  # seen from above, the legs hide under the seat
                continue
            x, y, z = place(geometry)
            parts.append(("line", [(x, y, z), (x, floor_height_at(scene, x, z), z)]))
        else:
            parts.append((part_kind, [place(point) for point in geometry]))
    return draw_solid(scene, parts)


def draw_doorway(scene, in_front=False) -> str:
    """Return a door frame whose uprights stand where the hands rest, and its lintel: the parts
    behind the body, or (in_front) the upright nearer the viewer than the whole body."""
    parts = doorway_parts(scene)
    near = doorway_near_uprights(scene)
    return draw_solid(
        scene, [part for index, part in enumerate(parts) if (index in near) == in_front]
    )


def doorway_near_uprights(scene) -> set:
    """Return which of the doorway's uprights (0, 1) stand nearer the viewer than the whole body
    in every pose, the forearms resting against their backs included, so are drawn over it: seen
    from behind, a forearm on the near upright is nearer us than it and shows on it, not behind."""
    turn = math.radians(CAMERAS[scene.view][0])
    # From straight side on, the two uprights stand on one line, the one the body leans through:
    # drawn over the body, the near one made the person read as passing behind a post.
    if abs(math.cos(turn)) < 0.1:
        return set()

    def nearness(point):  # toward the viewer, along the floor
        return -point[0] * math.sin(turn) + point[2] * math.cos(turn)

    first = joint_positions(effective_angles(scene.poses[0]))
    nearest = -math.inf
    for pose in scene.poses:  # each pose stood where the first pose's feet stand
        bones = joint_positions(effective_angles(pose))
        shift = [
            sum(
                first[f"{side.prefix}_ankle"][i] - bones[f"{side.prefix}_ankle"][i]
                for side in SIDES
            )
            / 2
            for i in range(3)
        ]
        nearest = max(
            nearest,
            *(nearness(vector_sum(point, shift)) for point in bones.values()),
        )
    return {
        index
        for index, (_, points) in enumerate(doorway_parts(scene)[:2])
        if nearness(points[0]) > nearest
    }


def doorway_uprights_x(scene) -> list:
    """Return where a doorway's two uprights stand across the picture (none without a doorway)."""
    if find_prop(scene.props, "doorway") is None:
        return []
    return [to_screen(scene, points[0])[0] for _, points in doorway_parts(scene)[:2]]


def doorway_parts(scene) -> list:
    """Return the door frame in 3-D: the two uprights (left of the person's, then right), the lintel."""
    bones = joint_positions(effective_angles(scene.poses[0]))
    half = max(abs(bones[f"{side.prefix}_wrist"][0]) for side in SIDES) + DOOR_OUTSIDE
    z = sum(bones[f"{side.prefix}_wrist"][2] for side in SIDES) / 2 + DOOR_AHEAD
    top = max(y for _, y, _ in bones.values()) + 30
    parts = [("post", [(x, top, z), (x, floor_height_at(scene, x, z), z)]) for x in (-half, half)]
    parts.append(("post", [(-half, top, z), (half, top, z)]))
    return parts
