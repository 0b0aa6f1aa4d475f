"""A figure laid out: every pose placed in one picture, with room for its props and arrows."""

import math
from dataclasses import dataclass, field

from .props import POST_WIDTH, band_anchor, doorway_uprights_x, prop_points
from .schema import ANGLES, CIRCLING_ARROWS, POSTURES
from .skeleton import (
    HEAD_RADIUS,
    MAT_THICKNESS,
    bounding_box,
    derive_highlight,
    effective_angles,
    outline_points,
    place_pose,
    screen_point,
)
from .validation import normalise

# Props that reach up the picture: with one, every pose keeps the whole height.
TALL_PROPS = {"wall", "doorway", "band", "chair", "stool"}
# A circle going most of the way round gets a bigger head: on a small circle a small head is
# all that tells one direction from the other (arm circles forward, then backward).
FULL_CIRCLE_SWEEP, FULL_CIRCLE_HEAD = 240, 1.8
# A slide arrow: a movement too small for a path arrow (a shoulder blade sliding in toward the
# spine) shown by a straight arrow at least this long, this far under the joint, off the part.
SLIDE_LENGTH, SLIDE_BELOW = 16, 11
# An ahead arrow: a straight arrow starting this far ahead of a joint, past the edge of the body,
# pointing the way the joint moved (the chest leaning forward through a doorway), at least this
# long. A path arrow of the same move runs along the body, where it is lost.
AHEAD_CLEAR, AHEAD_LENGTH = 19, 26
# An ahead arrow keeps the slant of the way the joint moved where that is clearly slanted: seen from
# in front and to one side, forward runs down and across the picture, the way the feet point, and a
# level arrow there points at the far side of a doorway. Within this many degrees of level or
# upright it is drawn level or upright, where a slight slant would only look like a tilt.
AHEAD_SLANT = 20
# An ahead arrow stops at least this far short of a doorway's upright it points toward, so that it
# reads as going through the doorway rather than into its side; never shorter than AHEAD_LEAST.
AHEAD_POST_GAP, AHEAD_LEAST = 4, 10
ARROW_HEAD_LENGTH = 5  # how far an arrow's head reaches past its last point (still.arrow_svg)
# A straight arrow: this far under the joint's way from the pose before, stopping this far short of
# where the joint ends (its head clear of the hand); drawn only for a joint that moved at least
# STRAIGHT_LEAST.
STRAIGHT_BELOW, STRAIGHT_SHORT, STRAIGHT_LEAST = 14, 8, 20
# A lift arrow: how far beside the joint it stands, and how far it reaches below and above it.
# A lift of a few centimetres is too small for a path arrow to show on a phone.
LIFT_BESIDE, LIFT_BELOW, LIFT_ABOVE = 10, 6, 14
# A turn arrow's head, big enough to read at 375 px but not to cover the shoulder it circles.
TURN_HEAD = 1.3


class ArrowPath(list):
    """The points an arrow runs through, how big its head is drawn (1 = the usual), and whether
    it is edged in white (a turn arrow, to show where it crosses the body)."""

    head_scale = 1.0
    edged = False


@dataclass
class Scene:
    view: str
    props: list
    highlight: set
    poses: list
    frames: list  # per pose: {joint: (x, y, depth)}
    floor: float
    viewbox: tuple = (0, 0, 0, 0)
    band_anchor: tuple | None = None
    in_front: tuple = ()
    # Each pose's arrows, worked out once: a path arrow samples the movement (the slow part).
    arrow_cache: dict = field(default_factory=dict)


def build_scene(figure, highlight=None) -> Scene:
    """Place every pose of a normalised figure, and size the picture to hold them all."""
    poses = figure["poses"]
    view = figure["view"]
    props = figure["props"]
    floor = -MAT_THICKNESS if any(prop["type"] == "mat" for prop in props) else 0.0
    steady = POSTURES[poses[0]["posture"]].steady
    frames = [place_pose(effective_angles(pose), view, steady, floor) for pose in poses]
    if highlight is None:
        highlight = figure.get("highlight")
    if highlight is None:
        highlight = derive_highlight(poses)
    scene = Scene(
        view,
        props,
        set(highlight),
        poses,
        frames,
        floor,
        in_front=tuple(figure.get("in_front", ())),
    )
    scene.band_anchor = band_anchor(scene)
    body = [point for frame in frames for point in outline_points(frame, view)]
    arrows = [(x, y, 2) for index in range(len(poses)) for x, y in arrow_points(scene, index)]
    props_need = [(x, y, 0) for x, y in prop_points(scene, body)]
    x0, y0, x1, y1 = bounding_box(body + arrows + props_need)
    x0, y0, x1, y1 = x0 - 8, y0 - 8, x1 + 8, (y1 + 8 if view == "top" else max(y1, 0) + 4)
    width, height = x1 - x0, y1 - y0
    if width / height > 2.4:  # wide (lying) figures: keep them at least 140 px tall on a phone
        y0, height = y1 - width / 2.4, width / 2.4
    if height / width > 1.9:  # tall figures: not too thin
        x0, width = x0 - (height / 1.9 - width) / 2, height / 1.9
    scene.viewbox = (x0, y0, width, height)
    return scene


def joints(pose, *, view=None) -> dict:
    """Return where each joint is drawn (x right, y down; floor at y = 0) for one pose."""
    pose = dict(pose, view=view or pose.get("view", "side"))
    scene = build_scene(normalise(pose), highlight=[])
    return {joint: (round(x, 2), round(y, 2)) for joint, (x, y, _) in scene.frames[0].items()}


# ---- arrows --------------------------------------------------------------------------------
def arrow_points(scene, index):
    """Return every point of every arrow on a pose (also used for the picture's bounds)."""
    return [point for arrow in arrow_paths(scene, index) for point in arrow]


def arrow_paths(scene, index):
    """Return each arrow of a pose as the points it runs through, worked out once per scene."""
    if index not in scene.arrow_cache:
        scene.arrow_cache[index] = work_out_arrow_paths(scene, index)
    return scene.arrow_cache[index]


def work_out_arrow_paths(scene, index):
    pose, frame = scene.poses[index], scene.frames[index]
    paths = []
    for arrow in pose.get("arrows", []):
        joint = arrow["joint"]
        if arrow["type"] in CIRCLING_ARROWS:
            # A turn goes round where the joint is in the first pose: the place the shoulder
            # rolls round, or the chest turns round, whichever pose shows it.
            turn = arrow["type"] == "turn"
            centre_x, centre_y = screen_point(scene.frames[0] if turn else frame, joint)
            radius_x = arrow.get("rx", 10)
            radius_y = arrow.get("ry", arrow.get("rx", 10))
            sign = 1 if arrow.get("direction", "clockwise") == "clockwise" else -1
            start, sweep = arrow.get("start", -90), arrow.get("sweep", 300)
            steps = max(2, int(sweep // 12))
            path = ArrowPath(
                [
                    (
                        centre_x
                        + radius_x * math.cos(math.radians(start + sign * sweep * step / steps)),
                        centre_y
                        + radius_y * math.sin(math.radians(start + sign * sweep * step / steps)),
                    )
                    for step in range(steps + 1)
                ]
            )
            if turn:  # the same head in every pose, however far round the turn has come
                path.head_scale, path.edged = TURN_HEAD, True
            elif sweep >= FULL_CIRCLE_SWEEP:
                path.head_scale = FULL_CIRCLE_HEAD
            paths.append(path)
        elif arrow["type"] == "slide" and index > 0:
            path = slide_path(scene, index, joint)
            if path:
                paths.append(path)
        elif arrow["type"] == "ahead" and index > 0:
            path = ahead_path(scene, index, joint)
            if path:
                paths.append(path)
        elif arrow["type"] == "straight" and index > 0:
            path = straight_path(scene, index, joint)
            if path:
                paths.append(path)
        elif arrow["type"] == "lift":
            x, y = screen_point(frame, joint)
            body_x = sum(point[0] for point in frame.values()) / len(frame)
            x += LIFT_BESIDE if x >= body_x else -LIFT_BESIDE  # on the side away from the body
            paths.append(ArrowPath([(x, y + LIFT_BELOW), (x, y - LIFT_ABOVE)]))
        elif arrow["type"] == "path" and index > 0:
            before = effective_angles(scene.poses[index - 1])
            after = effective_angles(pose)
            steady = POSTURES[scene.poses[0]["posture"]].steady
            path = []
            for step in range(17):
                fraction = step / 16
                between = {
                    name: before[name] + (after[name] - before[name]) * fraction for name in ANGLES
                }
                path.append(
                    screen_point(place_pose(between, scene.view, steady, scene.floor), joint)
                )
            path = offset_path(path, frame, HEAD_RADIUS + 7 if joint == "head" else 9)
            start, end = path[0], path[-1]
            span = math.dist(start, end)
            path = [
                point
                for point in path
                if math.dist(point, start) > min(5, span * 0.15)
                and math.dist(point, end) > min(9, span * 0.25)
            ]
            if len(path) >= 2:
                paths.append(ArrowPath(path))
    return paths


def straight_move(scene, index, joint):
    """Return where the joint was and is drawn, how far it moved and the way it moved, straight
    across or straight up or down, whichever it moved most (or None if it did not move).

    A short arrow is read as a direction, and a slight slant would only look like a tilt.
    """
    steady = POSTURES[scene.poses[0]["posture"]].steady
    before = place_pose(effective_angles(scene.poses[index - 1]), scene.view, steady, scene.floor)
    (x0, y0), (x1, y1) = screen_point(before, joint), screen_point(scene.frames[index], joint)
    moved = max(abs(x1 - x0), abs(y1 - y0))
    if moved < 0.5:
        return None
    across = abs(x1 - x0) >= abs(y1 - y0)
    unit = (math.copysign(1, x1 - x0), 0.0) if across else (0.0, math.copysign(1, y1 - y0))
    return (x0, y0), (x1, y1), moved, unit


def ahead_path(scene, index, joint):
    """Return a straight arrow just ahead of the joint, the way it moved from the pose before:
    level or upright, or slanting where the joint moved clearly slanting (AHEAD_SLANT)."""
    move = straight_move(scene, index, joint)
    if move is None:
        return None
    (x0, y0), (x1, y1), moved, (unit_x, unit_y) = move
    slant = math.degrees(math.atan2(abs(y1 - y0), abs(x1 - x0)))
    if AHEAD_SLANT <= slant <= 90 - AHEAD_SLANT:
        moved = math.dist((x0, y0), (x1, y1))
        unit_x, unit_y = (x1 - x0) / moved, (y1 - y0) / moved
    start_x, start_y = x1 + unit_x * AHEAD_CLEAR, y1 + unit_y * AHEAD_CLEAR
    reach = max(moved, AHEAD_LENGTH) - ARROW_HEAD_LENGTH
    for post_x in sorted(doorway_uprights_x(scene), key=lambda x: x * math.copysign(1, unit_x)):
        across = (post_x - start_x) * math.copysign(1, unit_x) if unit_x else 0.0
        if across <= 0:
            continue
        room = (across - POST_WIDTH / 2 - AHEAD_POST_GAP) / abs(unit_x) - ARROW_HEAD_LENGTH
        if room < AHEAD_LEAST - ARROW_HEAD_LENGTH:
            # No room for an arrow before the upright ahead (the chest leans close to it): the
            # arrow starts just past it, where a stub squeezed against it would not read.
            skip = (across + POST_WIDTH / 2 + AHEAD_POST_GAP) / abs(unit_x)
            start_x, start_y = start_x + unit_x * skip, start_y + unit_y * skip
        else:  # the arrow's tip stops short of the upright's near edge
            reach = min(reach, room)
    path = ArrowPath([(start_x, start_y), (start_x + unit_x * reach, start_y + unit_y * reach)])
    # Edged in white, so it shows where it crosses the body: seen from the front, a chest leaning
    # toward us moves down the picture, and the arrow runs down the front of the chest toward the
    # feet (the butterfly stretch, round 12); beside the body the white edge does not show.
    path.edged = True
    return path


def straight_path(scene, index, joint):
    """Return a straight arrow just under the joint's way from where it was in the pose before to
    where it is, slanting as it moved (or None if it moved less than STRAIGHT_LEAST)."""
    move = straight_move(scene, index, joint)
    if move is None:
        return None
    (x0, y0), (x1, y1), _, _ = move
    span = math.dist((x0, y0), (x1, y1))
    if span < STRAIGHT_LEAST:
        return None
    unit_x, unit_y = (x1 - x0) / span, (y1 - y0) / span
    path = ArrowPath(
        [
            (x0, y0 + STRAIGHT_BELOW),
            (x1 - unit_x * STRAIGHT_SHORT, y1 + STRAIGHT_BELOW - unit_y * STRAIGHT_SHORT),
        ]
    )
    path.edged = True  # edged in white: it ends by the arm it shows the way of
    return path


def slide_path(scene, index, joint):
    """Return a straight arrow under the joint, the way it moved from the pose before (or None)."""
    move = straight_move(scene, index, joint)
    if move is None:
        return None
    (x0, y0), (x1, y1), moved, (unit_x, unit_y) = move
    half = max(moved, SLIDE_LENGTH) / 2
    middle_x, middle_y = (x0 + x1) / 2, (y0 + y1) / 2 + SLIDE_BELOW
    return ArrowPath(
        [
            (middle_x - unit_x * half, middle_y - unit_y * half),
            (
                middle_x + unit_x * (half - ARROW_HEAD_LENGTH),
                middle_y + unit_y * (half - ARROW_HEAD_LENGTH),
            ),
        ]
    )


def offset_path(path, frame, clearance):
    """Move a joint's path sideways, away from the body, so the arrow runs beside the limb."""
    body_x = sum(point[0] for point in frame.values()) / len(frame)
    body_y = sum(point[1] for point in frame.values()) / len(frame)
    (x0, y0), (x1, y1) = path[0], path[-1]
    length = math.hypot(x1 - x0, y1 - y0) or 1.0
    normal_x, normal_y = -(y1 - y0) / length, (x1 - x0) / length
    middle_x, middle_y = path[len(path) // 2]
    if (middle_x - body_x) * normal_x + (middle_y - body_y) * normal_y < 0:
        normal_x, normal_y = -normal_x, -normal_y
    return [(x + normal_x * clearance, y + normal_y * clearance) for x, y in path]


# ---- how the poses are shown: side by side, or a row each ----------------------------------
def own_height(scene, index):
    """Return a pose's viewBox cut down to its own height, or None when a tall prop needs it all."""
    # Poses shown a row each keep the same width and floor, but a folded pose is not drawn small
    # under the empty space of a kneeling one.
    if scene.view == "top" or any(prop["type"] in TALL_PROPS for prop in scene.props):
        return None
    x, y, width, height = scene.viewbox
    points = outline_points(scene.frames[index], scene.view)
    points += [(point_x, point_y, 2) for point_x, point_y in arrow_points(scene, index)]
    top = min(point_y - radius for _, point_y, radius in points) - 8
    bottom = y + height
    # Never so flat that a phone shows it under 140 px tall, or a printed row of three under 30 px
    # (round 18: the child's pose folded with the face down drew 29.9 px at 2.4 to 1).
    top = min(top, bottom - width / 2.3)
    return (x, max(top, y), width, bottom - max(top, y))


def has_a_lying_pose(scene) -> bool:
    """Return whether a pose is much wider than tall (lying, folded), to show poses a row each.

    Seen from above, a standing body is always wider than deep: the picture's own shape decides."""
    if scene.view == "top":
        return False
    for frame in scene.frames:
        x0, y0, x1, y1 = bounding_box(outline_points(frame, scene.view))
        if (x1 - x0) > 2.2 * (y1 - y0):
            return True
    return False
