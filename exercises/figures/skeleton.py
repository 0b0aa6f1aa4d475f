"""The body as a small 3-D skeleton: its segments, its joints from a pose's angles, the camera.

Joints are placed by forward kinematics from the pelvis (x = the person's left, y = up,
z = forward), projected orthographically onto the chosen view, and stood on the floor.
"""

import math
from dataclasses import dataclass

from .schema import ANGLES, POSTURES, SIDES

# Lengths in drawing units (a standing figure is about 190 tall).
SPINE = (  # segment, lower joint, upper joint, length
    ("lower_back", "root", "waist", 20),
    ("mid_back", "waist", "chest", 19),
    ("upper_back", "chest", "neck_base", 19),
)
NECK_LENGTH, HEAD_RADIUS = 20, 10  # a head narrower than the chest, 2/5 of the shoulders
# The nose, drawn behind the head: it shows which way the face turns wherever the face is not
# toward or away from the viewer (a turned or bowed head is not one round shape like another).
NOSE = (0, -3.5, HEAD_RADIUS)  # from the head's centre: a little below the eyes, on the face
NOSE_RADIUS = 3.2  # a round bump there
COLLAR = (19, -6, 4)  # from the base of the neck to the shoulder (x toward the shoulder's side)
HIP_HALF_WIDTH, HIP_FORWARD = 8, 4
UPPER_ARM_LENGTH, FOREARM_LENGTH, HAND_LENGTH = 31, 24, 9
THIGH_LENGTH, SHIN_LENGTH = 43, 44
FOOT = (0, -2, 12)  # from the ankle to the toes
# A shoulder blade's top and lower tip, from the base of the neck (x toward its side): it moves
# with the shoulder's shrug and squeeze.
BLADE = ((12, -9, -10), (8, -25, -10))
# A shoulder blade's inner edge, top and lower tip: upright, parallel to the spine, so squeezing
# the blades together slides them in toward the spine instead of tipping them into a V. Drawn only
# where a figure highlights it (the scapular squeeze); it is never highlighted on its own.
BLADE_EDGE = ((11, -10, -10), (11, -27, -10))
HALO_GAP = 2.5  # white halo around limbs, so overlapping parts stay readable
MAT_THICKNESS = 3  # the floor is y = 0; on a mat the figure rests on y = -MAT_THICKNESS


@dataclass(frozen=True)
class Segment:
    """A part of the body drawn as one stroke from its start joint to its end joint."""

    name: str
    start: str
    end: str
    chain: str
    width: tuple  # stroke width seen from the side and from the front; 0 = never drawn
    # How far the stroke's round end reaches past the start / end joint (None: half the width).
    reach: tuple = (None, None)
    halo: bool = False
    label: str = ""
    # Drawn only where it is highlighted and the camera sees the person's back (shoulder blades).
    on_the_back: bool = False
    # Counted in the chain's depth (the painting order) and the outline (where the figure stands,
    # how big the picture is). An optional part drawn inside the body counts in neither, so it
    # moves no figure drawn before it existed.
    shapes_the_figure: bool = True


def limb_segments(prefix, word) -> list[Segment]:
    """Return one side's shoulder, arm, hip and leg segments."""
    return [
        Segment(
            f"{prefix}_collar",
            "neck_base",
            f"{prefix}_shoulder",
            "trunk",
            (13, 13),
            label=f"{word} shoulder",
        ),
        Segment(
            f"{prefix}_upper_arm",
            f"{prefix}_shoulder",
            f"{prefix}_elbow",
            f"{prefix}_arm",
            (10, 10),
            halo=True,
            label=f"{word} upper arm",
        ),
        Segment(
            f"{prefix}_forearm",
            f"{prefix}_elbow",
            f"{prefix}_wrist",
            f"{prefix}_arm",
            (9.5, 9.5),
            halo=True,
            label=f"{word} forearm",
        ),
        Segment(
            f"{prefix}_hand",
            f"{prefix}_wrist",
            f"{prefix}_hand",
            f"{prefix}_arm",
            (8.5, 8.5),
            halo=True,
            label=f"{word} hand",
        ),
        Segment(f"{prefix}_blade_top", "neck_base", f"{prefix}_blade", "trunk", (0, 0)),
        Segment(
            f"{prefix}_blade",
            f"{prefix}_blade",
            f"{prefix}_blade_tip",
            "trunk",
            (8, 8),
            on_the_back=True,
            label=f"{word} shoulder blade",
        ),
        Segment(
            f"{prefix}_blade_edge_top",
            "neck_base",
            f"{prefix}_blade_edge",
            "trunk",
            (0, 0),
            shapes_the_figure=False,
        ),
        Segment(
            f"{prefix}_blade_edge",
            f"{prefix}_blade_edge",
            f"{prefix}_blade_edge_tip",
            "trunk",
            (8, 8),
            on_the_back=True,
            label=f"{word} shoulder blade, upright inner edge",
            shapes_the_figure=False,
        ),
        Segment(f"{prefix}_pelvis", "root", f"{prefix}_hip", "trunk", (0, 0), label=f"{word} hip"),
        Segment(
            f"{prefix}_thigh",
            f"{prefix}_hip",
            f"{prefix}_knee",
            f"{prefix}_leg",
            (14, 13),
            halo=True,
            label=f"{word} thigh",
        ),
        Segment(
            f"{prefix}_shin",
            f"{prefix}_knee",
            f"{prefix}_ankle",
            f"{prefix}_leg",
            (11, 11),
            halo=True,
            label=f"{word} lower leg",
        ),
        Segment(
            f"{prefix}_foot",
            f"{prefix}_ankle",
            f"{prefix}_toes",
            f"{prefix}_leg",
            (8, 8),
            halo=True,
            label=f"{word} foot",
        ),
    ]


SEGMENTS = [
    Segment(
        "lower_back",
        "root",
        "waist",
        "trunk",
        (26, 28),
        reach=(6, None),
        halo=True,
        label="Lower back and belly",
    ),
    Segment("mid_back", "waist", "chest", "trunk", (25, 24), halo=True, label="Mid-back"),
    Segment(
        "upper_back",
        "chest",
        "neck_base",
        "trunk",
        (25, 27),
        reach=(None, 2),
        halo=True,
        label="Upper back and chest",
    ),
    Segment("neck", "neck_base", "head", "head", (9, 10), label="Neck"),
] + [segment for side in SIDES for segment in limb_segments(side.prefix, side.word)]
HIGHLIGHTABLE = {segment.name: segment.label for segment in SEGMENTS if any(segment.width)} | {
    "head": "Head"
}


def angles_moving_each_segment() -> dict[str, tuple[str, ...]]:
    """Return which angles move which segment (to work out the highlight from what changes)."""
    drivers = {
        "lower_back": ("lower_back_bend", "back_side_bend"),
        "mid_back": ("mid_back_bend", "back_side_bend", "back_twist"),
        "upper_back": ("upper_back_bend", "back_side_bend", "back_twist"),
        "neck": ("neck_bend", "neck_tilt", "neck_turn"),
    }
    for side in SIDES:
        prefix = side.prefix
        arm = (f"{prefix}_arm_raise", f"{prefix}_arm_direction")
        leg = (f"{prefix}_hip_bend", f"{prefix}_hip_out")
        drivers.update(
            {
                f"{prefix}_collar": (f"{prefix}_shoulder_shrug", f"{prefix}_shoulder_squeeze"),
                f"{prefix}_blade": (f"{prefix}_shoulder_shrug", f"{prefix}_shoulder_squeeze"),
                f"{prefix}_upper_arm": arm,
                f"{prefix}_forearm": arm + (f"{prefix}_arm_turn", f"{prefix}_elbow_bend"),
                f"{prefix}_hand": arm
                + (f"{prefix}_arm_turn", f"{prefix}_elbow_bend", f"{prefix}_wrist_bend"),
                f"{prefix}_thigh": leg,
                f"{prefix}_shin": leg + (f"{prefix}_hip_turn", f"{prefix}_knee_bend"),
                f"{prefix}_foot": leg
                + (f"{prefix}_hip_turn", f"{prefix}_knee_bend", f"{prefix}_ankle"),
            }
        )
    return drivers


SEGMENT_DRIVERS = angles_moving_each_segment()


def effective_angles(pose) -> dict:
    """Return every angle of a pose: 0, then the posture's defaults, then the pose's own."""
    angles = dict.fromkeys(ANGLES, 0.0)
    angles.update(POSTURES[pose.get("posture", "standing")].defaults)
    angles.update({name: float(value) for name, value in (pose.get("angles") or {}).items()})
    return angles


def derive_highlight(poses) -> list:
    """Return the segments moved by an angle that changes by 8 degrees or more across the poses."""
    effective = [effective_angles(pose) for pose in poses]
    changed = {
        name
        for name in ANGLES
        if max(angles[name] for angles in effective) - min(angles[name] for angles in effective)
        >= 8
    }
    moved = [name for name, drivers in SEGMENT_DRIVERS.items() if changed.intersection(drivers)]
    if "neck" in moved:
        moved.append("head")
    return sorted(moved)


# ---- rotations -----------------------------------------------------------------------------
def rotation(axis, degrees):
    """Return the 3×3 matrix turning by `degrees` about the x, y or z axis."""
    cos, sin = math.cos(math.radians(degrees)), math.sin(math.radians(degrees))
    if axis == "x":
        return ((1, 0, 0), (0, cos, -sin), (0, sin, cos))
    if axis == "y":
        return ((cos, 0, sin), (0, 1, 0), (-sin, 0, cos))
    return ((cos, -sin, 0), (sin, cos, 0), (0, 0, 1))


def matrix_product(left, right):
    # Written out: this runs a few hundred thousand times for a page of figures.
    (a, b, c), (d, e, f), (g, h, i) = right
    return tuple(
        (x * a + y * d + z * g, x * b + y * e + z * h, x * c + y * f + z * i) for x, y, z in left
    )


def rotated(frame, *turns):
    """Return the frame turned about its own axes by each (axis, degrees) in turn."""
    for axis, degrees in turns:
        frame = matrix_product(frame, rotation(axis, degrees))
    return frame


def transformed(matrix, vector):
    x, y, z = vector
    return tuple(a * x + b * y + c * z for a, b, c in matrix)


def vector_sum(first, second):
    (a, b, c), (x, y, z) = first, second
    return (a + x, b + y, c + z)


# ---- forward kinematics --------------------------------------------------------------------
def joint_positions(angles) -> dict:
    """Return the 3-D joint positions (x = the person's left, y = up, z = forward; pelvis at 0)."""
    side_bend, twist = angles["back_side_bend"] / 3, angles["back_twist"] / 2
    frame = rotation("x", angles["body_tilt"])
    positions = {"root": (0.0, 0.0, 0.0)}
    joint = "root"
    for i, (name, _, upper_joint, length) in enumerate(SPINE):
        frame = rotated(
            frame, ("x", angles[f"{name}_bend"]), ("z", side_bend), ("y", -twist if i else 0)
        )
        positions[upper_joint] = vector_sum(positions[joint], transformed(frame, (0, length, 0)))
        joint = upper_joint
    head_frame = rotated(
        frame,
        ("y", -angles["neck_turn"]),
        ("x", angles["neck_bend"]),
        ("z", angles["neck_tilt"]),
    )
    positions["head"] = vector_sum(
        positions["neck_base"], transformed(head_frame, (0, NECK_LENGTH, 0))
    )
    positions["nose"] = vector_sum(positions["head"], transformed(head_frame, NOSE))
    pelvis = rotation("x", angles["body_tilt"])
    for prefix, _, sign in SIDES:

        def limb(name, prefix=prefix):
            return angles[f"{prefix}_{name}"]

        collar = rotated(
            frame, ("z", sign * limb("shoulder_shrug")), ("y", sign * limb("shoulder_squeeze"))
        )
        positions[f"{prefix}_shoulder"] = vector_sum(
            positions["neck_base"], transformed(collar, (sign * COLLAR[0], COLLAR[1], COLLAR[2]))
        )
        for joint, (x, y, z) in zip(
            ("blade", "blade_tip", "blade_edge", "blade_edge_tip"), BLADE + BLADE_EDGE, strict=True
        ):
            positions[f"{prefix}_{joint}"] = vector_sum(
                positions["neck_base"], transformed(collar, (sign * x, y, z))
            )
        arm = rotated(
            frame,
            ("y", sign * limb("arm_direction")),
            ("x", -limb("arm_raise")),
            ("y", -sign * limb("arm_direction")),
            ("y", sign * limb("arm_turn")),
        )
        positions[f"{prefix}_elbow"] = vector_sum(
            positions[f"{prefix}_shoulder"], transformed(arm, (0, -UPPER_ARM_LENGTH, 0))
        )
        forearm = rotated(arm, ("x", -limb("elbow_bend")))
        positions[f"{prefix}_wrist"] = vector_sum(
            positions[f"{prefix}_elbow"], transformed(forearm, (0, -FOREARM_LENGTH, 0))
        )
        positions[f"{prefix}_hand"] = vector_sum(
            positions[f"{prefix}_wrist"],
            transformed(rotated(forearm, ("x", -limb("wrist_bend"))), (0, -HAND_LENGTH, 0)),
        )
        positions[f"{prefix}_hip"] = transformed(pelvis, (sign * HIP_HALF_WIDTH, 0, HIP_FORWARD))
        thigh = rotated(
            pelvis,
            ("x", -limb("hip_bend")),
            ("z", sign * limb("hip_out")),
            ("y", sign * limb("hip_turn")),
        )
        positions[f"{prefix}_knee"] = vector_sum(
            positions[f"{prefix}_hip"], transformed(thigh, (0, -THIGH_LENGTH, 0))
        )
        shin = rotated(thigh, ("x", limb("knee_bend")))
        positions[f"{prefix}_ankle"] = vector_sum(
            positions[f"{prefix}_knee"], transformed(shin, (0, -SHIN_LENGTH, 0))
        )
        positions[f"{prefix}_toes"] = vector_sum(
            positions[f"{prefix}_ankle"], transformed(rotated(shin, ("x", -limb("ankle"))), FOOT)
        )
    return positions


# ---- the camera ----------------------------------------------------------------------------
# Per view: (degrees round from the person's front toward their right side, degrees looking down)
CAMERAS = {
    "side": (90, 0),
    # From behind and to one side, looking a little down: the two sides of a doorway stand well
    # apart with the top of the frame joining them, the person's back seen in the opening between
    # them, and the lean forward through it still goes across the picture (from 100 round one
    # upright hid the other; from 115 the leaning chest and head crossed the near upright and read
    # as passing behind it; from 145 or more the lean went away from us and did not show).
    "side-back": (140, 14),
    "front": (0, 30),
    # Straight from the front at eye level: a face turned to one side and bowed down still shows
    # its nose (from above, as in the front view, it turns away from us and the picture reads like
    # the back of the head). Used by the levator scapulae stretch.
    "front-level": (0, 0),
    "front-three-quarter": (35, 25),
    # Looking down less: arms reaching straight forward at face height (to a band's post) are
    # drawn long and level with the face, where looking down from 25 degrees drew them low, so they
    # had to be raised steeply and looked short; elbows flared out to the sides still spread apart.
    "front-eye-level": (38, 10),
    # Looking straight across, 45 degrees round: arms lifted out to both sides of a body bent
    # forward are drawn level, out to the left and right of the trunk, and a level back still shows
    # long enough to read as flat. No exercise of the guide uses it now (the reverse fly shows its
    # hinge from the side and its lift from the front); staff may choose it.
    "front-turned-level": (45, 0),
    "back": (180, 10),
    "back-three-quarter": (150, 7),
    "top": (0, 90),
}


def project(point, view):
    """Return a 3-D point as (screen x, screen y (down), depth (larger = nearer the viewer))."""
    turn, pitch = (math.radians(degrees) for degrees in CAMERAS[view])
    x, y, z = point
    depth = -x * math.sin(turn) + z * math.cos(turn)
    across = x * math.cos(turn) + z * math.sin(turn)
    return (
        across,
        -y * math.cos(pitch) + depth * math.sin(pitch),
        depth * math.cos(pitch) + y * math.sin(pitch),
    )


def sees_the_back(view) -> bool:
    """Return whether the camera sees the person's back (where the shoulder blades are)."""
    return math.cos(math.radians(CAMERAS[view][0])) < -0.5


def stroke_width(segment, view):
    """Return the side-view and front-view widths blended by how the camera sees the body."""
    turn = math.radians(CAMERAS[view][0])
    side, front = segment.width
    return round(math.hypot(side * math.sin(turn), front * math.cos(turn)), 1)


# ---- placing a pose in the picture ---------------------------------------------------------
def stroke_ends(segment, length, view, from_start=True):
    """Return where the stroke begins and ends along the segment (x from the origin joint)."""
    width = stroke_width(segment, view)
    inset_start, inset_end = (
        (width / 2 - reach) if reach is not None else 0.0 for reach in segment.reach
    )
    if not from_start:
        inset_start, inset_end = inset_end, inset_start
    x1, x2 = inset_start, length - inset_end
    if x2 < x1:
        x1 = x2 = min(max((x1 + x2) / 2, 0.0), length)
    return x1, x2


def outline_points(frame, view, *, resting=False) -> list:
    """Return the outline of every drawn part as (x, y, radius): stroke ends and the head.

    With `resting`, only the parts a body rests on the floor with: not the shoulder blades, which
    lie inside the back (a figure lying on its back rests on the back, not floating on them).
    """
    points = []
    for segment in SEGMENTS:
        width = stroke_width(segment, view)
        if not width or not segment.shapes_the_figure or (resting and segment.on_the_back):
            continue
        (start_x, start_y), (end_x, end_y) = frame[segment.start][:2], frame[segment.end][:2]
        length = math.hypot(end_x - start_x, end_y - start_y)
        unit_x, unit_y = (
            ((end_x - start_x) / length, (end_y - start_y) / length)
            if length > 1e-9
            else (0.0, 0.0)
        )
        for along in stroke_ends(segment, length, view):
            points.append((start_x + unit_x * along, start_y + unit_y * along, width / 2))
    head_x, head_y = frame["head"][:2]
    points.append((head_x, head_y, HEAD_RADIUS))
    return points


def place_pose(angles, view, steady, floor) -> dict:
    """Return {joint: (x, y, depth)} in the picture: the middle of the `steady` joints (a
    posture's steady) at x = 0, resting on the floor."""
    projected = {joint: project(point, view) for joint, point in joint_positions(angles).items()}
    middle_x = sum(projected[joint][0] for joint in steady) / len(steady)
    if view == "top":  # no floor to stand on: keep the steady joints still
        shift_x = -middle_x
        shift_y = -sum(projected[joint][1] for joint in steady) / len(steady)
    else:
        shift_x = -middle_x
        shift_y = floor - max(
            y + radius for _, y, radius in outline_points(projected, view, resting=True)
        )
    return {joint: (x + shift_x, y + shift_y, depth) for joint, (x, y, depth) in projected.items()}


def screen_point(frame, joint):
    """Return where a placed joint is drawn, as (x, y)."""
    return frame[joint][:2]


def bounding_box(points_with_radius) -> list:
    """Return [x0, y0, x1, y1] around circles given as (x, y, radius)."""
    left = [x - radius for x, _, radius in points_with_radius]
    right = [x + radius for x, _, radius in points_with_radius]
    top = [y - radius for _, y, radius in points_with_radius]
    bottom = [y + radius for _, y, radius in points_with_radius]
    return [min(left), min(top), max(right), max(bottom)]
