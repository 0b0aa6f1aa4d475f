"""Pictogram exercise figures drawn from pose data, as accessible inline SVG.

Standard library only; no Django. A *pose* is a JSON-serialisable dict of named joint angles
in degrees (see ``ANGLES``), a base posture, a view and props. ``render_svg`` draws one pose,
``render_sequence`` draws a start → end sequence plus an optional animated figure whose motion is
driven only by the static stylesheet ``figures-motion.css`` (classes, no inline styles, no SMIL,
no JS); ``figures.css`` styles the still figures.

Internally the body is a small 3-D skeleton (forward kinematics from the pelvis), projected
orthographically onto the chosen view; all drawing happens on the projected 2-D joints.
"""

from __future__ import annotations

import difflib
import html
import math
from dataclasses import dataclass, field
from itertools import pairwise

# --------------------------------------------------------------------------------------------
# Colours (contrast on white, measured with the WCAG formula; see README)
# --------------------------------------------------------------------------------------------
INK = "#1d2528"  # body text colour, 15.6:1
HIGHLIGHT = "#0f7f8f"  # brighter brand teal, 4.7:1 on white and 3.3:1 against INK
PROP = "#8a9499"  # props that carry meaning, 3.1:1
PROP_FILL = "#eef1f2"  # decorative fill inside prop outlines
PAPER = "#ffffff"  # the separating halo; figures.css maps it to var(--fig-paper)

# --------------------------------------------------------------------------------------------
# The schema: views, postures, angles, props
# --------------------------------------------------------------------------------------------
VIEWS = {
    "side": "Side view (the person faces right)",
    "front": "Front view (the person faces you)",
    "back": "Back view (you see the person's back; their right is on your right)",
    "back-three-quarter": "Three-quarter back view (from behind and to the person's right)",
    "top": "Seen from above (the person faces the bottom of the picture)",
}
# Camera per view: (degrees round from the person's front toward their right side, degrees looking down)
CAMERAS = {
    "side": (90, 0),
    "front": (0, 30),
    "back": (180, 10),
    "back-three-quarter": (135, 14),
    "top": (0, 90),
}
VIEW_NOTES = {
    "back": "Seen from behind: the person's right is on your right.",
    "back-three-quarter": "Seen from behind and to one side.",
    "front": "Seen from the front: the person's right is on your left.",
    "top": "Seen from above: the person faces the bottom of the picture.",
}
PROPS_BY_VIEW = {
    "back-three-quarter": {"dumbbells", "mat", "chair", "stool", "doorway", "band"},
    "top": {"chair", "stool", "dumbbells"},
}


@dataclass(frozen=True)
class Angle:
    label: str
    lo: int
    hi: int
    hint: str


_BODY_ANGLES = {
    "body_tilt": ("Whole body tilt", -120, 120, "0 = upright, 90 = face down, -90 = face up"),
    "lower_back_bend": ("Lower back bend", -40, 60, "+ rounds forward, - arches back"),
    "mid_back_bend": ("Mid-back bend", -40, 60, "+ rounds forward, - arches back"),
    "upper_back_bend": ("Upper back bend", -40, 60, "+ rounds forward, - arches back"),
    "back_side_bend": ("Side bend of the back", -45, 45, "+ bends to the person's right"),
    "back_twist": ("Twist of the upper body", -70, 70, "+ turns the chest to the person's right"),
    "neck_bend": ("Head nod", -45, 60, "+ chin toward chest, - looking up"),
    "neck_tilt": ("Head tilt", -50, 50, "+ right ear toward right shoulder"),
    "neck_turn": ("Head turn", -80, 80, "+ turns to the person's right"),
}
_LIMB_ANGLES = {
    "shoulder_shrug": ("shoulder shrug", -15, 40, "+ up toward the ear, - down"),
    "shoulder_squeeze": ("shoulder blade squeeze", -30, 30, "+ back and in, - rounded forward"),
    "arm_raise": (
        "arm raise",
        0,
        180,
        "0 = hanging down, 90 = level with the shoulder, 180 = straight up",
    ),
    "arm_direction": (
        "arm direction",
        -60,
        180,
        "0 = in front, 90 = out to the side, 180 = behind",
    ),
    "arm_turn": ("upper-arm turn", -90, 110, "with the elbow bent: + turns the forearm up and out"),
    "elbow_bend": ("elbow bend", 0, 150, "0 = straight"),
    "wrist_bend": (
        "wrist bend",
        -60,
        100,
        "0 = hand in line with the forearm, 90 = hand flat as on all fours",
    ),
    "hip_bend": (
        "hip bend",
        -40,
        160,
        "+ brings the thigh forward, 90 = as when sitting, - takes it back",
    ),
    "hip_out": ("leg out to the side", -20, 80, "+ away from the other leg"),
    "hip_turn": ("thigh turn", -45, 90, "+ turns the knee outward"),
    "knee_bend": ("knee bend", 0, 160, "0 = straight"),
    "ankle": ("ankle", -80, 30, "+ toes up, - toes pointed"),
}
SIDES = (("r", "Right", -1), ("l", "Left", 1))  # prefix, label, sign of the lateral axis

ANGLES: dict[str, Angle] = {k: Angle(*v) for k, v in _BODY_ANGLES.items()}
ANGLES.update(
    {
        f"{p}_{k}": Angle(f"{word} {v[0]}", *v[1:])
        for p, word, _ in SIDES
        for k, v in _LIMB_ANGLES.items()
    }
)
_LEG_ANGLES = ("hip_bend", "hip_out", "hip_turn", "knee_bend", "ankle")


def angle_groups() -> list[tuple[str, list[str]]]:
    """The angles grouped as an editor thinks of them: the body, then each arm, then each leg."""
    arms = [k for k in _LIMB_ANGLES if k not in _LEG_ANGLES]
    return (
        [("Body, neck and head", list(_BODY_ANGLES))]
        + [(f"{word} arm", [f"{p}_{k}" for k in arms]) for p, word, _ in SIDES]
        + [(f"{word} leg", [f"{p}_{k}" for k in _LEG_ANGLES]) for p, word, _ in SIDES]
    )


def _both(**kw):
    return {f"{p}_{k}": v for p, _, _ in SIDES for k, v in kw.items()}


@dataclass(frozen=True)
class Posture:
    label: str
    defaults: dict
    anchor: str  # the joint that stays put while the figure moves


POSTURES = {
    "standing": Posture("Standing", {}, "root"),
    "sitting": Posture("Sitting on a chair or stool", _both(hip_bend=90, knee_bend=90), "root"),
    "sitting-floor": Posture("Sitting on the floor", _both(hip_bend=90, ankle=-10), "root"),
    "kneeling": Posture("Kneeling", _both(knee_bend=90, ankle=-60), "r_knee"),
    "all-fours": Posture(
        "On hands and knees",
        {
            "body_tilt": 90,
            **_both(hip_bend=90, knee_bend=90, ankle=-60, arm_raise=90, wrist_bend=90),
        },
        "r_knee",
    ),
    "lying-back": Posture("Lying on the back", {"body_tilt": -90}, "root"),
    "lying-front": Posture("Lying on the front", {"body_tilt": 90, **_both(ankle=-70)}, "root"),
}

# Props: type -> (label, {option: allowed values}); the first allowed value is the default.
PROPS = {
    "mat": ("Exercise mat", {}),
    "chair": ("Chair", {"back": ("behind", "right", "left")}),
    "stool": ("Stool (a seat with no back)", {}),
    "wall": ("Wall behind the person", {}),
    "doorway": ("Doorway", {}),
    "band": ("Resistance band", {"anchor": ("front", "overhead")}),
    "dumbbells": ("Dumbbells", {}),
    "foam-roller": ("Foam roller", {"under": ("upper-back", "mid-back")}),
}
ARROW_TYPES = {
    "path": "the path a joint takes from the previous pose",
    "circle": "a circling arrow around a joint",
}

# --------------------------------------------------------------------------------------------
# The skeleton: joints, segments and their drawing widths (side view, front/back view)
# --------------------------------------------------------------------------------------------
SPINE = (
    ("lower_back", "root", "waist", 20),
    ("mid_back", "waist", "chest", 19),
    ("upper_back", "chest", "neck_base", 19),
)
NECK, HEAD_R, COLLAR, HIP_W, HIP_FORWARD = 22, 12, (19, -6, 4), 8, 4
ARM, FOREARM, HAND, THIGH, SHIN, FOOT = 31, 24, 9, 43, 44, (0, -2, 12)
GAP = 2.5  # white halo around limbs, so overlapping parts stay readable


@dataclass(frozen=True)
class Segment:
    name: str
    a: str
    b: str
    chain: str
    width: tuple  # stroke width seen from the side and from the front; 0 = never drawn
    reach: tuple = (
        None,
        None,
    )  # how far the stroke's round end reaches past joint a / b (None: half width)
    halo: bool = False
    label: str = ""


def _limb(p, word):
    return [
        Segment(
            f"{p}_collar", "neck_base", f"{p}_shoulder", "trunk", (13, 13), label=f"{word} shoulder"
        ),
        Segment(
            f"{p}_upper_arm",
            f"{p}_shoulder",
            f"{p}_elbow",
            f"{p}_arm",
            (10, 10),
            halo=True,
            label=f"{word} upper arm",
        ),
        Segment(
            f"{p}_forearm",
            f"{p}_elbow",
            f"{p}_wrist",
            f"{p}_arm",
            (9.5, 9.5),
            halo=True,
            label=f"{word} forearm",
        ),
        Segment(
            f"{p}_hand",
            f"{p}_wrist",
            f"{p}_hand",
            f"{p}_arm",
            (8.5, 8.5),
            halo=True,
            label=f"{word} hand",
        ),
        Segment(f"{p}_pelvis", "root", f"{p}_hip", "trunk", (0, 0), label=f"{word} hip"),
        Segment(
            f"{p}_thigh",
            f"{p}_hip",
            f"{p}_knee",
            f"{p}_leg",
            (14, 13),
            halo=True,
            label=f"{word} thigh",
        ),
        Segment(
            f"{p}_shin",
            f"{p}_knee",
            f"{p}_ankle",
            f"{p}_leg",
            (11, 11),
            halo=True,
            label=f"{word} lower leg",
        ),
        Segment(
            f"{p}_foot",
            f"{p}_ankle",
            f"{p}_toes",
            f"{p}_leg",
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
] + [s for p, word, _ in SIDES for s in _limb(p, word)]
SEGMENT_BY_NAME = {s.name: s for s in SEGMENTS}
HIGHLIGHTABLE = {s.name: s.label for s in SEGMENTS if any(s.width)} | {"head": "Head"}

# Which angles move which segment (for deriving the highlight from what changes).
_DRIVERS = {
    "lower_back": ("lower_back_bend", "back_side_bend"),
    "mid_back": ("mid_back_bend", "back_side_bend", "back_twist"),
    "upper_back": ("upper_back_bend", "back_side_bend", "back_twist"),
    "neck": ("neck_bend", "neck_tilt", "neck_turn"),
}
for _p, _w, _s in SIDES:
    _arm = (f"{_p}_arm_raise", f"{_p}_arm_direction")
    _leg = (f"{_p}_hip_bend", f"{_p}_hip_out")
    _DRIVERS.update(
        {
            f"{_p}_collar": (f"{_p}_shoulder_shrug", f"{_p}_shoulder_squeeze"),
            f"{_p}_upper_arm": _arm,
            f"{_p}_forearm": _arm + (f"{_p}_arm_turn", f"{_p}_elbow_bend"),
            f"{_p}_hand": _arm + (f"{_p}_arm_turn", f"{_p}_elbow_bend", f"{_p}_wrist_bend"),
            f"{_p}_thigh": _leg,
            f"{_p}_shin": _leg + (f"{_p}_hip_turn", f"{_p}_knee_bend"),
            f"{_p}_foot": _leg + (f"{_p}_hip_turn", f"{_p}_knee_bend", f"{_p}_ankle"),
        }
    )


# --------------------------------------------------------------------------------------------
# Small 3-D helpers
# --------------------------------------------------------------------------------------------
def _rot(axis, deg):
    c, s = math.cos(math.radians(deg)), math.sin(math.radians(deg))
    if axis == "x":
        return ((1, 0, 0), (0, c, -s), (0, s, c))
    if axis == "y":
        return ((c, 0, s), (0, 1, 0), (-s, 0, c))
    return ((c, -s, 0), (s, c, 0), (0, 0, 1))


def _mul(a, b):
    return tuple(
        tuple(sum(a[i][k] * b[k][j] for k in range(3)) for j in range(3)) for i in range(3)
    )


def _chain(m, *rots):
    for axis, deg in rots:
        m = _mul(m, _rot(axis, deg))
    return m


def _apply(m, v):
    return tuple(sum(m[i][k] * v[k] for k in range(3)) for i in range(3))


def _add(a, b):
    return tuple(x + y for x, y in zip(a, b, strict=True))


# --------------------------------------------------------------------------------------------
# Forward kinematics and projection
# --------------------------------------------------------------------------------------------
def effective_angles(pose) -> dict:
    """All angles of a pose: every angle 0, then the posture's defaults, then the pose's own."""
    out = dict.fromkeys(ANGLES, 0.0)
    out.update(POSTURES[pose.get("posture", "standing")].defaults)
    out.update({k: float(v) for k, v in (pose.get("angles") or {}).items()})
    return out


def skeleton(angles) -> dict:
    """3-D joint positions (x = the person's left, y = up, z = forward; pelvis at the origin)."""
    a = angles
    side, twist = a["back_side_bend"] / 3, a["back_twist"] / 2
    frame = _rot("x", a["body_tilt"])
    pos = {"root": (0.0, 0.0, 0.0)}
    joint = "root"
    for i, (name, _, top, length) in enumerate(SPINE):
        frame = _chain(frame, ("x", a[f"{name}_bend"]), ("z", side), ("y", -twist if i else 0))
        pos[top] = _add(pos[joint], _apply(frame, (0, length, 0)))
        joint = top
    head_frame = _chain(frame, ("y", -a["neck_turn"]), ("x", a["neck_bend"]), ("z", a["neck_tilt"]))
    pos["head"] = _add(pos["neck_base"], _apply(head_frame, (0, NECK, 0)))
    pelvis = _rot("x", a["body_tilt"])
    for p, _, sgn in SIDES:

        def g(k, p=p):
            return a[f"{p}_{k}"]

        collar = _chain(frame, ("z", sgn * g("shoulder_shrug")), ("y", sgn * g("shoulder_squeeze")))
        pos[f"{p}_shoulder"] = _add(
            pos["neck_base"], _apply(collar, (sgn * COLLAR[0], COLLAR[1], COLLAR[2]))
        )
        arm = _chain(
            frame,
            ("y", sgn * g("arm_direction")),
            ("x", -g("arm_raise")),
            ("y", -sgn * g("arm_direction")),
            ("y", sgn * g("arm_turn")),
        )
        pos[f"{p}_elbow"] = _add(pos[f"{p}_shoulder"], _apply(arm, (0, -ARM, 0)))
        forearm = _chain(arm, ("x", -g("elbow_bend")))
        pos[f"{p}_wrist"] = _add(pos[f"{p}_elbow"], _apply(forearm, (0, -FOREARM, 0)))
        pos[f"{p}_hand"] = _add(
            pos[f"{p}_wrist"], _apply(_chain(forearm, ("x", -g("wrist_bend"))), (0, -HAND, 0))
        )
        pos[f"{p}_hip"] = _apply(pelvis, (sgn * HIP_W, 0, HIP_FORWARD))
        thigh = _chain(
            pelvis, ("x", -g("hip_bend")), ("z", sgn * g("hip_out")), ("y", sgn * g("hip_turn"))
        )
        pos[f"{p}_knee"] = _add(pos[f"{p}_hip"], _apply(thigh, (0, -THIGH, 0)))
        shin = _chain(thigh, ("x", g("knee_bend")))
        pos[f"{p}_ankle"] = _add(pos[f"{p}_knee"], _apply(shin, (0, -SHIN, 0)))
        pos[f"{p}_toes"] = _add(pos[f"{p}_ankle"], _apply(_chain(shin, ("x", -g("ankle"))), FOOT))
    return pos


def _project(p, view):
    """3-D point -> (screen x, screen y (down), depth (larger = nearer the viewer))."""
    turn, pitch = (math.radians(a) for a in CAMERAS[view])
    x, y, z = p
    depth = -x * math.sin(turn) + z * math.cos(turn)
    across = x * math.cos(turn) + z * math.sin(turn)
    return (
        across,
        -y * math.cos(pitch) + depth * math.sin(pitch),
        depth * math.cos(pitch) + y * math.sin(pitch),
    )


def _width(seg, view):
    """Stroke width: the side-view and front-view widths blended by how the camera sees the body."""
    turn = math.radians(CAMERAS[view][0])
    side, front = seg.width
    return round(math.hypot(side * math.sin(turn), front * math.cos(turn)), 1)


# --------------------------------------------------------------------------------------------
# Placing a pose: project, stand it on the floor, line up its anchor joint
# --------------------------------------------------------------------------------------------
MAT = 3  # mat thickness; the floor is y = 0, the figure rests on y = -MAT on a mat
_LIMB_ROOTS = {"upper_arm", "thigh"}  # halos start clear of the body at these segments


def _insets(seg, length, view, origin_is_a=True):
    w = _width(seg, view)
    ia, ib = ((w / 2 - r) if r is not None else 0.0 for r in seg.reach)
    if not origin_is_a:
        ia, ib = ib, ia
    x1, x2 = ia, length - ib
    if x2 < x1:
        x1 = x2 = min(max((x1 + x2) / 2, 0.0), length)
    return x1, x2


def _extents(pts, view):
    """Points on the outline of every drawn part (stroke ends grown by half the width)."""
    out = []
    for seg in SEGMENTS:
        w = _width(seg, view)
        if not w:
            continue
        (ax, ay), (bx, by) = pts[seg.a][:2], pts[seg.b][:2]
        length = math.hypot(bx - ax, by - ay)
        ux, uy = ((bx - ax) / length, (by - ay) / length) if length > 1e-9 else (0.0, 0.0)
        for t in _insets(seg, length, view):
            out.append((ax + ux * t, ay + uy * t, w / 2))
    hx, hy = pts["head"][:2]
    out.append((hx, hy, HEAD_R))
    return out


def _place(angles, view, anchor, floor):
    raw = {k: _project(v, view) for k, v in skeleton(angles).items()}
    if view == "top":  # no floor to stand on: keep the anchor still
        dx, dy = -raw[anchor][0], -raw[anchor][1]
    else:
        dx, dy = -raw[anchor][0], floor - max(y + r for _, y, r in _extents(raw, view))
    return {k: (x + dx, y + dy, d) for k, (x, y, d) in raw.items()}


def _bounds(points_with_radius):
    xs0 = [x - r for x, _, r in points_with_radius]
    xs1 = [x + r for x, _, r in points_with_radius]
    ys0 = [y - r for _, y, r in points_with_radius]
    ys1 = [y + r for _, y, r in points_with_radius]
    return [min(xs0), min(ys0), max(xs1), max(ys1)]


# --------------------------------------------------------------------------------------------
# Number formatting and SVG snippets (deterministic output)
# --------------------------------------------------------------------------------------------
def _n(v):
    v = round(float(v), 1)
    if v == 0:
        return "0"
    return f"{v:.1f}".rstrip("0").rstrip(".")


def _esc(text):
    return html.escape(str(text), quote=True)


def _line(x1, y1, x2, y2, colour, width, cls, cap="round"):
    capattr = "" if cap == "round" else f' stroke-linecap="{cap}"'
    return (
        f'<line x1="{_n(x1)}" y1="{_n(y1)}" x2="{_n(x2)}" y2="{_n(y2)}" stroke="{colour}" '
        f'stroke-width="{_n(width)}" class="{cls}"{capattr}/>'
    )


def _role_paint(role, hl):
    if role == "halo":
        return PAPER, "fig-halo"
    return (HIGHLIGHT, "fig-hl") if hl else (INK, "fig-ink")


# Strokes are lean: a figure's strokes take the ink colour from the figure's group and a halo's
# from its chain's halo group (colours stay presentation attributes, so a figure still reads
# without the stylesheet); only a highlighted stroke names its colour.
_HL_STROKE = f' class="fig-hl" stroke="{HIGHLIGHT}"'


def _transform(x, y, ang):
    """A translate and rotate, leaving out what changes nothing."""
    move = f"translate({_n(x)}{'' if _n(y) == '0' else ' ' + _n(y)})"
    turn = "" if _n(ang or 0) == "0" else f" rotate({_n(ang)})"
    return move + turn


def _stroke(x1, x2, width, hl, at=None):
    """One segment's stroke from x1 to x2 along it: in its own frame, or placed `at` (x, y, angle)."""
    paint = _HL_STROKE if hl else ""
    if at is None:
        d = f"M{_n(x1)} 0H{_n(x2)}"
    else:
        x, y, ang = at
        c, s = math.cos(math.radians(ang or 0)), math.sin(math.radians(ang or 0))
        d = f"M{_n(x + x1 * c)} {_n(y + x1 * s)}L{_n(x + x2 * c)} {_n(y + x2 * s)}"
    return f'<path d="{d}" stroke-width="{_n(width)}"{paint}/>'


# --------------------------------------------------------------------------------------------
# What is drawn on a segment, in the segment's own frame (x along the segment, from its origin)
# --------------------------------------------------------------------------------------------
def _segment_parts(seg, length, view, role, highlight, props, origin_is_a=True, at=None):
    """(line, parts at the far joint) for one role, 'halo' or 'ink': in the segment's own frame,
    or placed in the picture when `at` gives the segment's origin and angle."""
    w = _width(seg, view)
    line, far = "", []
    if w:
        x1, x2 = _insets(seg, length, view, origin_is_a)
        if role == "ink":
            line = _stroke(x1, x2, w, seg.name in highlight, at)
        elif seg.halo:
            if seg.name.split("_", 1)[-1] in _LIMB_ROOTS:
                x1, x2 = (min(w, length), x2) if origin_is_a else (x1, max(length - w, 0))
            line = _stroke(x1, x2, w + 2 * GAP, False, at)
    far_joint = seg.b if origin_is_a else seg.a
    if far_joint == "head":
        cx, cy = length, 0.0
        if at is not None:
            x, y, ang = at
            cx, cy = (
                x + length * math.cos(math.radians(ang or 0)),
                y + length * math.sin(math.radians(ang or 0)),
            )
        if role == "halo":
            far.append(f'<circle cx="{_n(cx)}" cy="{_n(cy)}" r="{_n(HEAD_R + GAP)}"/>')
        else:
            colour, cls = _role_paint(role, "head" in highlight)
            far.append(
                f'<circle cx="{_n(cx)}" cy="{_n(cy)}" r="{_n(HEAD_R)}" fill="{colour}" '
                f'stroke="none" class="{cls}"/>'
            )
    if (
        seg.name.endswith("_hand")
        and role == "ink"
        and any(p["type"] == "dumbbells" for p in props)
    ):
        c = length / 2
        bell = (
            f'<path d="M{_n(c)} -10V10" stroke="{PROP}" stroke-width="3" class="fig-prop"/>'
            f'<path d="M{_n(c - 5)} -9H{_n(c + 5)}M{_n(c - 5)} 9H{_n(c + 5)}" '
            f'stroke="{PROP}" stroke-width="6" class="fig-prop"/>'
        )
        line += bell if at is None else f'<g transform="{_transform(*at)}">{bell}</g>'
    return line, "".join(far)


def _halo_group(inner):
    """The chain's halos: the gap (in the page's colour) that keeps crossing limbs apart."""
    return f'<g class="fig-halo" stroke="{PAPER}" fill="{PAPER}">{inner}</g>' if inner else ""


CHAIN_ORDER = ("trunk", "r_leg", "l_leg", "r_arm", "l_arm", "head")


def _chains(pts):
    """Chains of segments, far to near (painter's order) for the first frame."""
    members = {c: [s for s in SEGMENTS if s.chain == c] for c in CHAIN_ORDER}

    def depth(chain):
        ds = [pts[j][2] for s in members[chain] for j in (s.a, s.b)]
        return sum(ds) / len(ds)

    order = sorted(CHAIN_ORDER, key=lambda c: (round(depth(c), 1), CHAIN_ORDER.index(c)))
    return [(c, members[c]) for c in order]


# --------------------------------------------------------------------------------------------
# A scene: every pose of a figure placed in one coordinate system, plus its props and arrows
# --------------------------------------------------------------------------------------------
@dataclass
class _Scene:
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


def _scene(figure, highlight=None):
    poses = figure["poses"]
    view = figure["view"]
    props = figure["props"]
    floor = -MAT if any(p["type"] == "mat" for p in props) else 0.0
    anchor = POSTURES[poses[0]["posture"]].anchor
    frames = [_place(effective_angles(p), view, anchor, floor) for p in poses]
    if highlight is None:
        highlight = figure.get("highlight")
    if highlight is None:
        highlight = derive_highlight(poses)
    scene = _Scene(
        view,
        props,
        set(highlight),
        poses,
        frames,
        floor,
        in_front=tuple(figure.get("in_front", ())),
    )
    scene.band_anchor = _band_anchor(scene)
    body = [e for f in frames for e in _extents(f, view)]
    extra = [(x, y, 2) for i in range(len(poses)) for x, y in _arrow_points(scene, i)]
    x0, y0, x1, y1 = _bounds(body + extra + [(x, y, 0) for x, y in _prop_points(scene, body)])
    x0, y0, x1, y1 = x0 - 8, y0 - 8, x1 + 8, (y1 + 8 if view == "top" else max(y1, 0) + 4)
    w, h = x1 - x0, y1 - y0
    if w / h > 2.4:  # wide (lying) figures: keep them at least 140 px tall on a phone
        y0, h = y1 - w / 2.4, w / 2.4
    if h / w > 1.9:  # tall figures: not too thin
        x0, w = x0 - (h / 1.9 - w) / 2, h / 1.9
    scene.viewbox = (x0, y0, w, h)
    return scene


def derive_highlight(poses) -> list:
    """Segments moved by an angle that changes by 8 degrees or more across the poses."""
    eff = [effective_angles(p) for p in poses]
    changed = {k for k in ANGLES if max(e[k] for e in eff) - min(e[k] for e in eff) >= 8}
    out = [s for s, drivers in _DRIVERS.items() if changed.intersection(drivers)]
    if "neck" in out:
        out.append("head")
    return sorted(out)


# ---- props ---------------------------------------------------------------------------------
def _prop_opts(props, kind):
    return next((p for p in props if p["type"] == kind), None)


def _pt(frame, joint):
    return frame[joint][:2]


def _band_anchor(scene):
    band = _prop_opts(scene.props, "band")
    if not band:
        return None
    f0 = scene.frames[0]
    hands = [_pt(f0, f"{p}_hand") for p, _, _ in SIDES]
    if band["anchor"] == "overhead":
        return (sum(x for x, _ in hands) / 2, min(y for _, y in hands) - 36)
    return (max(x for x, _ in hands) + 44, sum(y for _, y in hands) / 2)


def _prop_points(scene, body):
    """Points the props need inside the picture (tall props reach the top edge on their own)."""
    pts = [] if scene.band_anchor is None else [scene.band_anchor, (scene.band_anchor[0] + 8, 0)]
    f0 = scene.frames[0]
    rx, ry = _pt(f0, "root")
    for p in scene.props:
        if p["type"] in ("chair", "stool"):
            pts += [(rx - 30, ry - 30), (rx + 30, ry + 24)]
        if p["type"] == "doorway":
            pts += [(x, y - 34) for x, y, _ in body]
        if p["type"] == "wall" and scene.view != "side":
            pts += [(min(x for x, _, _ in body) - 16, 0), (max(x for x, _, _ in body) + 16, 0)]
    return pts


def _r(x, y, w, h, fill=PROP_FILL, sw=2, rx=0):
    rr = f' rx="{_n(rx)}"' if rx else ""
    return (
        f'<rect x="{_n(x)}" y="{_n(y)}" width="{_n(w)}" height="{_n(h)}"{rr} fill="{fill}" '
        f'stroke="{PROP}" stroke-width="{_n(sw)}" class="fig-prop"/>'
    )


def _pl(*pts, w=3):
    d = "M" + "L".join(f"{_n(x)} {_n(y)}" for x, y in pts)
    return f'<path d="{d}" stroke="{PROP}" stroke-width="{_n(w)}" fill="none" class="fig-prop"/>'


def _props(scene, seat_layer=False, animated=False):
    """The props that never move: behind the figure, or (seat_layer) the seat seen from behind.
    In the animated figure the band's post or bar is drawn later, over the band's moving end."""
    f0, view, out = scene.frames[0], scene.view, []
    top = scene.viewbox[1] + 3  # tall props (wall, door edge) run up to the top of the picture
    body = _extents(f0, view)
    rx = _pt(f0, "root")[0]
    for p in scene.props:
        kind = p["type"]
        if (kind in ("chair", "stool") and view == "back") != seat_layer:
            continue
        if kind == "wall":
            if view == "side":
                x = min(x - r for x, _, r in body)
                out.append(_r(x - 12, top, 12, -top, sw=0) + _pl((x, top), (x, 0), w=2))
            else:
                xs = [x for f in scene.frames for x, _, _ in _extents(f, view)]
                out.append(_r(min(xs) - 14, top + 8, max(xs) - min(xs) + 28, -top - 8, sw=1.5))
        elif kind == "doorway":
            out.append(_doorway_svg(scene))
        elif kind in ("chair", "stool"):
            out.append(_seat_svg(scene, kind, p.get("back", "behind")))
        elif kind == "foam-roller":
            a, b = ("chest", "neck_base") if p["under"] == "upper-back" else ("waist", "chest")
            cx = (_pt(f0, a)[0] + _pt(f0, b)[0]) / 2
            cy = scene.floor - 8
            if view == "side":
                out.append(
                    f'<circle cx="{_n(cx)}" cy="{_n(cy)}" r="8" fill="{PROP_FILL}" stroke="{PROP}" '
                    f'stroke-width="2.5" class="fig-prop"/><circle cx="{_n(cx)}" cy="{_n(cy)}" r="2.5" '
                    f'fill="{PROP}" class="fig-prop"/>'
                )
            else:
                out.append(_r(rx - 32, cy - 8, 64, 16, rx=8, sw=2.5))
        elif kind == "mat":
            xs = [x for f in scene.frames for x, _, _ in _extents(f, view)]
            out.append(_r(min(xs) - 10, -MAT, max(xs) - min(xs) + 20, MAT, sw=1.5, rx=1.5))
        elif kind == "band" and not animated:
            out.append(_band_fixture(scene, p, top, knot=True))
    return "".join(out)


def _band_fixture(scene, band, top, knot):
    """What the band is tied to: a post in front of the person, or a bar overhead."""
    ax, ay = scene.band_anchor
    out = (
        _r(ax - 34, ay - 8, 68, 8, sw=2)
        if band["anchor"] == "overhead"
        else _r(ax, top, 8, -top, sw=2)
    )
    return out + (
        f'<circle cx="{_n(ax)}" cy="{_n(ay)}" r="3.5" fill="{PROP}" class="fig-prop"/>'
        if knot
        else ""
    )


# A chair or stool is modelled in 3-D (x across, y up, z forward; origin at the middle of the seat's
# top) and drawn through the same camera as the person, so it sits right in every view.
_SEAT = [("poly", [(-21, 0, -20), (21, 0, -20), (21, 0, 20), (-21, 0, 20)])] + [
    ("leg", (x, 0, z)) for x in (-19, 19) for z in (-18, 18)
]
_CHAIR_BACK = [
    ("poly", [(-21, 24, -21), (21, 24, -21), (21, 46, -23), (-21, 46, -23)]),
    ("line", [(-20, 0, -19), (-21, 46, -23)]),
    ("line", [(20, 0, -19), (21, 46, -23)]),
]
_STOOL = [("poly", [(-15, 0, -15), (15, 0, -15), (15, 0, 15), (-15, 0, 15)])] + [
    ("leg", (x, 0, z)) for x in (-13, 13) for z in (-13, 13)
]
_SEAT_PLACE = {"behind": (0, (0, -8, 4)), "right": (90, (-9, -8, 2)), "left": (-90, (9, -8, 2))}


def _to_screen(scene, p):
    """A 3-D point in the first pose's body frame -> (x, y, depth) in the picture."""
    dx, dy = _pt(
        scene.frames[0], "root"
    )  # the pelvis is the 3-D origin, so this is the frame's shift
    x, y, depth = _project(p, scene.view)
    return x + dx, y + dy, depth


def _floor_at(scene, x, z):
    """The body-frame height at which the point (x, ?, z) lands on the floor line (y = 0)."""
    turn, pitch = (math.radians(a) for a in CAMERAS[scene.view])
    depth = -x * math.sin(turn) + z * math.cos(turn)
    return (depth * math.sin(pitch) + _pt(scene.frames[0], "root")[1]) / math.cos(pitch)


def _solid(scene, parts):
    """Draw 3-D prop parts, far ones first: ("poly", [points]), ("line", [points]) or ("post", [top, bottom])."""
    drawn = []
    for kind, pts3 in parts:
        pts = [_to_screen(scene, p) for p in pts3]
        depth = sum(p[2] for p in pts) / len(pts)
        xy = [p[:2] for p in pts]
        if kind == "poly":
            d = "M" + "L".join(f"{_n(x)} {_n(y)}" for x, y in xy) + "Z"
            drawn.append(
                (
                    depth,
                    f'<path d="{d}" fill="{PROP_FILL}" stroke="{PROP}" stroke-width="2.5" class="fig-prop"/>',
                )
            )
        elif kind == "post":  # a thick upright: a grey outline with a light core
            drawn.append(
                (
                    depth,
                    _pl(*xy, w=10) + f'<path d="M{_n(xy[0][0])} {_n(xy[0][1])}L{_n(xy[1][0])} '
                    f'{_n(xy[1][1])}" stroke="{PROP_FILL}" stroke-width="6" fill="none" '
                    f'class="fig-prop"/>',
                )
            )
        else:
            drawn.append((depth - 0.1, _pl(*xy, w=3)))
    return "".join(svg for _, svg in sorted(drawn, key=lambda t: t[0]))


def _seat_svg(scene, kind, back):
    turn, offset = _SEAT_PLACE[back] if kind == "chair" else (0, (0, -8, 0))
    rot = _rot("y", turn)

    def place(p):
        return _add(_apply(rot, p), offset)

    parts = []
    for kind_, geo in _SEAT + _CHAIR_BACK if kind == "chair" else _STOOL:
        if kind_ == "leg":
            if CAMERAS[scene.view][1] > 80:  # seen from above, the legs hide under the seat
                continue
            x, y, z = place(geo)
            parts.append(("line", [(x, y, z), (x, _floor_at(scene, x, z), z)]))
        else:
            parts.append((kind_, [place(p) for p in geo]))
    return _solid(scene, parts)


def _doorway_svg(scene):
    """Two door-frame uprights either side of the person where the hands rest, and the lintel."""
    bones = skeleton(effective_angles(scene.poses[0]))
    half = max(abs(bones[f"{p}_wrist"][0]) for p, _, _ in SIDES) + 6
    z = sum(bones[f"{p}_wrist"][2] for p, _, _ in SIDES) / 2 + 2
    top = max(y for _, y, _ in bones.values()) + 30
    parts = [("post", [(x, top, z), (x, _floor_at(scene, x, z), z)]) for x in (-half, half)]
    parts.append(("post", [(-half, top, z), (half, top, z)]))
    return _solid(scene, parts)


def _band_depth(frame):
    """Just in front of the nearer hand, so the band comes out of the fist."""
    return max(frame[f"{p}_hand"][2] for p, _, _ in SIDES) + 0.5


# ---- arrows --------------------------------------------------------------------------------
def _arrow_points(scene, i):
    """Every point of every arrow on pose i (also used for the picture's bounds)."""
    return [pt for arrow in _arrows(scene, i) for pt in arrow]


def _arrows(scene, i):
    if i not in scene.arrow_cache:
        scene.arrow_cache[i] = _draw_arrows(scene, i)
    return scene.arrow_cache[i]


def _draw_arrows(scene, i):
    pose, frame = scene.poses[i], scene.frames[i]
    out = []
    for a in pose.get("arrows", []):
        joint = a["joint"]
        if a["type"] == "circle":
            cx, cy = _pt(frame, joint)
            rx, ry = a.get("rx", 10), a.get("ry", a.get("rx", 10))
            sign = 1 if a.get("direction", "clockwise") == "clockwise" else -1
            start, sweep = a.get("start", -90), a.get("sweep", 300)
            steps = max(2, int(sweep // 12))
            out.append(
                [
                    (
                        cx + rx * math.cos(math.radians(start + sign * sweep * t / steps)),
                        cy + ry * math.sin(math.radians(start + sign * sweep * t / steps)),
                    )
                    for t in range(steps + 1)
                ]
            )
        elif i > 0:
            prev, cur = effective_angles(scene.poses[i - 1]), effective_angles(pose)
            anchor = POSTURES[scene.poses[0]["posture"]].anchor
            pts = []
            for step in range(17):
                t = step / 16
                mix = {k: prev[k] + (cur[k] - prev[k]) * t for k in ANGLES}
                pts.append(_pt(_place(mix, scene.view, anchor, scene.floor), joint))
            pts = _offset_path(pts, frame, HEAD_R + 7 if joint == "head" else 9)
            start, end = pts[0], pts[-1]
            span = math.dist(start, end)
            pts = [
                q
                for q in pts
                if math.dist(q, start) > min(5, span * 0.15)
                and math.dist(q, end) > min(9, span * 0.25)
            ]
            if len(pts) >= 2:
                out.append(pts)
    return out


def _offset_path(pts, frame, clearance):
    """Move a joint's path sideways, away from the body, so the arrow runs beside the limb."""
    cx = sum(p[0] for p in frame.values()) / len(frame)
    cy = sum(p[1] for p in frame.values()) / len(frame)
    (x0, y0), (x1, y1) = pts[0], pts[-1]
    length = math.hypot(x1 - x0, y1 - y0) or 1.0
    nx, ny = -(y1 - y0) / length, (x1 - x0) / length
    mx, my = pts[len(pts) // 2]
    if (mx - cx) * nx + (my - cy) * ny < 0:
        nx, ny = -nx, -ny
    return [(x + nx * clearance, y + ny * clearance) for x, y in pts]


def _arrow_svg(pts):
    (x1, y1), (x2, y2) = pts[-2], pts[-1]
    ang = math.atan2(y2 - y1, x2 - x1)
    tip = (x2 + 5 * math.cos(ang), y2 + 5 * math.sin(ang))
    left = (x2 + 4.5 * math.cos(ang + 2.2), y2 + 4.5 * math.sin(ang + 2.2))
    right = (x2 + 4.5 * math.cos(ang - 2.2), y2 + 4.5 * math.sin(ang - 2.2))
    d = "M" + "L".join(f"{_n(x)} {_n(y)}" for x, y in pts)
    head = "M" + "L".join(f"{_n(x)} {_n(y)}" for x, y in (left, tip, right)) + "Z"
    return (
        f'<path d="{d}" fill="none" stroke="{HIGHLIGHT}" stroke-width="2.2" class="fig-arrow"/>'
        f'<path d="{head}" fill="{HIGHLIGHT}" stroke="{HIGHLIGHT}" stroke-width="1.5" '
        f'stroke-linejoin="round" class="fig-arrow"/>'
    )


# --------------------------------------------------------------------------------------------
# Drawing: static frames (flat, one transform per segment) and the animated figure (nested)
# --------------------------------------------------------------------------------------------
def _seg_geometry(frame, seg, origin_is_a=True):
    a, b = (seg.a, seg.b) if origin_is_a else (seg.b, seg.a)
    (ax, ay), (bx, by) = _pt(frame, a), _pt(frame, b)
    length = math.hypot(bx - ax, by - ay)
    return ax, ay, length, math.degrees(math.atan2(by - ay, bx - ax)) if length > 0.5 else None


def _layers(scene, frame):
    """('chain', segments), ('band', None) and ('seat', None) in painter's order (far to near)."""
    chains = _chains(frame)
    chains.sort(key=lambda c: scene.in_front.index(c[0]) + 1 if c[0] in scene.in_front else 0)
    depth = {
        c: sum(frame[j][2] for s in segs for j in (s.a, s.b)) / (2 * len(segs))
        for c, segs in chains
    }
    extras = []
    if scene.band_anchor:
        extras.append((_band_depth(frame), "band"))
    if scene.view == "back" and any(p["type"] in ("chair", "stool") for p in scene.props):
        extras.append((depth["trunk"] - 0.01, "seat"))  # seen from behind, the seat hides the legs
    layers = []
    for c, segs in chains:
        while extras and min(extras)[0] < depth[c]:
            layers.append((extras.pop(extras.index(min(extras)))[1], None))
        layers.append(("chain", segs))
    return layers + [(kind, None) for _, kind in sorted(extras)]


def _static_body(scene, frame):
    out = []
    for kind, segs in _layers(scene, frame):
        if kind == "band":
            ax, ay = scene.band_anchor
            out += [
                _line(ax, ay, *_pt(frame, f"{p}_hand"), PROP, 3.5, "fig-prop fig-band")
                for p, _, _ in SIDES
            ]
            continue
        if kind == "seat":
            out.append(_props(scene, seat_layer=True))
            continue
        for role in ("halo", "ink"):
            parts = []
            for seg in segs:
                x, y, length, ang = _seg_geometry(frame, seg)
                line, far = _segment_parts(
                    seg, length, scene.view, role, scene.highlight, scene.props, at=(x, y, ang)
                )
                parts.append(line + far)
            out.append(_halo_group("".join(parts)) if role == "halo" else "".join(parts))
    return "".join(out)


def _svg(scene, title, desc, id_prefix, body, extra_class="", animated=False, viewbox=None):
    x, y, w, h = viewbox or scene.viewbox
    tid, did = f"{id_prefix}-title", f"{id_prefix}-desc"
    cls = f"fig fig--{scene.view}" + (f" {extra_class}" if extra_class else "")
    floor = (
        ""
        if scene.view == "top"
        else _line(x, 0.75, x + w, 0.75, PROP, 1.5, "fig-floor", cap="butt")
    )
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="{_n(x)} {_n(y)} {_n(w)} {_n(h)}" '
        f'width="{_n(w)}" height="{_n(h)}" class="{cls}" role="img" aria-labelledby="{tid} {did}" '
        f'focusable="false"><title id="{tid}">{_esc(title)}</title><desc id="{did}">{_esc(desc)}</desc>'
        f'<g fill="none" stroke="{INK}" stroke-linecap="round" stroke-linejoin="round" '
        f'class="fig-body">{_props(scene, animated=animated)}{body}{floor}</g></svg>'
    )


def _frame_svg(scene, i, title, desc, id_prefix, viewbox=None):
    arrows = "".join(_arrow_svg(a) for a in _arrows(scene, i))
    body = _static_body(scene, scene.frames[i]) + arrows
    return _svg(scene, title, desc, id_prefix, body, viewbox=viewbox)


_TALL_PROPS = {"wall", "doorway", "band", "chair", "stool"}


def _own_height(scene, i):
    """A frame's viewBox cut down to its own pose (same width and floor), for poses shown a row
    each: a folded pose is not drawn small under the empty space of a kneeling one. None when a
    tall prop needs the whole height."""
    if scene.view == "top" or any(p["type"] in _TALL_PROPS for p in scene.props):
        return None
    x, y, w, h = scene.viewbox
    points = _extents(scene.frames[i], scene.view)
    points += [(px, py, 2) for px, py in _arrow_points(scene, i)]
    top = min(py - r for _, py, r in points) - 8
    bottom = y + h
    top = min(top, bottom - w / 2.4)  # never so flat that a phone shows it under 140 px tall
    return (x, max(top, y), w, bottom - max(top, y))


# ---- the animated figure -------------------------------------------------------------------
ROT_RANGE, SCALE_MAX, SHIFT_RANGE, MAX_POSES = 180, 400, 80, 6


def _wrap(a):
    return (a + 180) % 360 - 180


def _tree(anchor):
    """Segments reached breadth-first from the anchor: {parent segment or None: [(seg, origin_is_a)]}."""
    children, seen, queue = {}, {anchor}, [(anchor, None)]
    while queue:
        joint, via = queue.pop(0)
        for seg in SEGMENTS:
            if joint in (seg.a, seg.b):
                other = seg.b if joint == seg.a else seg.a
                if other not in seen:
                    seen.add(other)
                    children.setdefault(via, []).append((seg, joint == seg.a))
                    queue.append((other, seg.name))
    return children


def _cumulative(values, step, lo, hi):
    """Quantise a running total so errors never add up: per-phase steps whose sums track values."""
    out, done = [], 0
    for v in values:
        target = max(lo, min(hi, round(v / step)))
        out.append(target - done)
        done = target
    return out


def _factors(lengths):
    """Per-phase scale factors in even percent whose running product tracks lengths[k] / lengths[0]."""
    base, out, product = max(lengths[0], 1.0), [], 1.0
    for length in lengths[1:]:
        f = max(2, min(SCALE_MAX, round(50 * max(length, 1.0) / base / product) * 2))
        out.append(f)
        product *= f / 100
    return out


def _wrappers(family, phase_steps, m, inner, noop=0):
    """Nest one animated <g> per phase that changes something (family: r, s, x or y)."""
    for k, q in reversed(list(enumerate(phase_steps, 1))):
        if q != noop:
            inner = f'<g class="fa f{family} k{k}m{m} q{family}{q}">{inner}</g>'
    return inner


class _Animator:
    def __init__(self, scene):
        self.scene = scene
        self.m = len(scene.frames) - 1
        self.anchor = POSTURES[scene.poses[0]["posture"]].anchor
        self.children = _tree(self.anchor)
        self.geo = {}  # seg name -> per frame (length, angle)
        self.turn = {}  # seg name -> cumulative unwrapped absolute angle per frame

    def _measure(self, seg, origin_is_a, parent):
        geo = [_seg_geometry(f, seg, origin_is_a)[2:] for f in self.scene.frames]
        known = [a for _, a in geo if a is not None]
        fallback = known[0] if known else (self.turn[parent][0] if parent else 0.0)
        angles, last = [], None
        for _, a in geo:
            a = a if a is not None else (last if last is not None else fallback)
            angles.append(a if last is None else last + _wrap(a - last))
            last = angles[-1]
        self.geo[seg.name] = [g[0] for g in geo]
        self.turn[seg.name] = angles

    def _rot_steps(self, name, parent):
        own = [round(a - self.turn[name][0]) for a in self.turn[name]]
        up = (
            [0] * len(own)
            if parent is None
            else [round(a - self.turn[parent][0]) for a in self.turn[parent]]
        )
        rel = [o - u for o, u in zip(own, up, strict=True)]
        return [_wrap(b - a) for a, b in pairwise(rel)]  # the shorter way round, within ±180°

    def emit(self, parent, include, role):
        out = []
        for seg, origin_is_a in self.children.get(parent, []):
            if seg.name not in self.geo:
                self._measure(seg, origin_is_a, parent)
            lengths = self.geo[seg.name]
            inner = self.emit(seg.name, include, role)
            line, far = ("", "")
            if seg.name in include and role == "band":
                far = self._band_end(seg)
            elif seg.name in include:
                line, far = _segment_parts(
                    seg,
                    max(lengths[0], 1.0),
                    self.scene.view,
                    role,
                    self.scene.highlight,
                    self.scene.props,
                    origin_is_a,
                )
            if not (line or far or inner):
                continue
            if line:
                line = _wrappers("s", _factors(lengths), self.m, line, noop=100)
            shifts = _cumulative(
                [L - lengths[0] for L in lengths[1:]], 1, -SHIFT_RANGE, SHIFT_RANGE
            )
            tail = _wrappers("x", shifts, self.m, far + inner) if (far or inner) else ""
            if parent is None:
                x0, y0 = _pt(self.scene.frames[0], self.anchor)
                place = _transform(x0, y0, self.turn[seg.name][0])
            else:
                rel = self.turn[seg.name][0] - self.turn[parent][0]
                place = _transform(self.geo[parent][0], 0, rel)
            body = _wrappers("r", self._rot_steps(seg.name, parent), self.m, line + tail)
            out.append(f'<g transform="{place}">{body}</g>')
        return "".join(out)

    def root_shift(self):
        pts = [_pt(f, self.anchor) for f in self.scene.frames]
        xs = _cumulative([x - pts[0][0] for x, _ in pts[1:]], 1, -SHIFT_RANGE, SHIFT_RANGE)
        ys = _cumulative([y - pts[0][1] for _, y in pts[1:]], 1, -SHIFT_RANGE, SHIFT_RANGE)
        return lambda inner: _wrappers("x", xs, self.m, _wrappers("y", ys, self.m, inner))

    def _band_end(self, seg):
        """The band, drawn from the hand toward its anchor in the hand's own frame, so that it never
        leaves the hand while the arm moves (its far end may wander a little round the anchor)."""
        ax, ay = self.scene.band_anchor
        turn = self.turn[seg.name]
        own = [round(t - turn[0]) for t in turn]
        rel, lengths, last = [], [], None
        for frame, q in zip(self.scene.frames, own, strict=True):
            hx, hy = _pt(frame, seg.b)
            a = math.degrees(math.atan2(ay - hy, ax - hx)) - turn[0] - q
            rel.append(a if last is None else last + _wrap(a - last))
            last = rel[-1]
            lengths.append(max(math.hypot(ax - hx, ay - hy), 1.0))
        steps = [_wrap(round(b - rel[0]) - round(a - rel[0])) for a, b in pairwise(rel)]
        tuck = 4  # the far end reaches under the post or bar, which is drawn over it
        line = _line(0, 0, lengths[0] + tuck, 0, PROP, 3.5, "fig-prop fig-band", cap="butt")
        inner = _wrappers(
            "r",
            steps,
            self.m,
            _wrappers("s", _factors([L + tuck for L in lengths]), self.m, line, noop=100),
        )
        return f'<g transform="{_transform(self.geo[seg.name][0], 0, rel[0])}">{inner}</g>'

    def body(self):
        shift = self.root_shift()
        f0, out = self.scene.frames[0], []
        for kind, segs in _layers(self.scene, f0):
            if kind == "band":
                out.append(shift(self.emit(None, {f"{p}_hand" for p, _, _ in SIDES}, "band")))
                continue
            if kind == "seat":
                out.append(_props(self.scene, seat_layer=True))
                continue
            names = {s.name for s in segs}
            for role in ("halo", "ink"):
                inner = self.emit(None, names, role)
                if inner:
                    out.append(_halo_group(shift(inner)) if role == "halo" else shift(inner))
        return "".join(out)


# --------------------------------------------------------------------------------------------
# Validation (messages written for clinic staff) and normalisation
# --------------------------------------------------------------------------------------------
JOINT_LABELS = {
    "root": "Pelvis",
    "waist": "Waist",
    "chest": "Chest",
    "neck_base": "Base of the neck",
    "head": "Head",
} | {
    f"{p}_{j}": f"{word} {j}"
    for p, word, _ in SIDES
    for j in ("shoulder", "elbow", "wrist", "hand", "hip", "knee", "ankle", "toes")
}
_FIGURE_KEYS = {"view", "props", "highlight", "in_front", "poses"}
CHAINS = {
    "trunk": "Body",
    "head": "Head and neck",
    "r_arm": "Right arm",
    "l_arm": "Left arm",
    "r_leg": "Right leg",
    "l_leg": "Left leg",
}
_POSE_KEYS = {"caption", "alt", "posture", "angles", "arrows"}
_ARROW_KEYS = {"type", "joint", "rx", "ry", "direction", "start", "sweep"}
BANNED_ALT = ("image", "picture", "photo", "illustration", "drawing", "figure of", "icon")


def _is_number(v):
    return isinstance(v, (int, float)) and not isinstance(v, bool) and math.isfinite(v)


def _show(v, limit=30):
    text = repr(v)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _unknown(kind, key, known):
    hint = difflib.get_close_matches(str(key), sorted(known), n=1)
    return f"Unknown {kind} {_show(key)}." + (f" Did you mean “{hint[0]}”?" if hint else "")


def _check_text(where, pose, key, label, limit):
    v = pose.get(key)
    if not isinstance(v, str) or not v.strip():
        return [f"{where}: add {label}."]
    if len(v) > limit:
        return [f"{where}: {label} is {len(v)} characters long; keep it under {limit}."]
    if key == "alt" and v.strip().lower().startswith(BANNED_ALT):
        return [
            f"{where}: describe the position itself (“Standing with…”), not the picture (“Image of…”)."
        ]
    return []


def _check_props(props, view):
    if not isinstance(props, list):
        return ['Props must be a list, for example [{"type": "mat"}].']
    errors, seen = [], set()
    for i, prop in enumerate(props, 1):
        prop = {"type": prop} if isinstance(prop, str) else prop
        if not isinstance(prop, dict) or not isinstance(prop.get("type"), str):
            errors.append(f"Prop {i} must name its type, one of: {', '.join(PROPS)}.")
            continue
        kind = prop["type"]
        if kind not in PROPS:
            errors.append(_unknown("prop", kind, PROPS) + f" Props: {', '.join(PROPS)}.")
            continue
        if kind in seen:
            errors.append(f"The prop “{kind}” is listed twice.")
        seen.add(kind)
        options = PROPS[kind][1]
        for key, value in prop.items():
            if key == "type":
                continue
            if key not in options:
                errors.append(f"Prop “{kind}” has no option {_show(key)}.")
            elif value not in options[key]:
                errors.append(
                    f"Prop “{kind}”: {key} must be one of {', '.join(options[key])}, not {_show(value)}."
                )
        if view in PROPS_BY_VIEW and kind not in PROPS_BY_VIEW[view]:
            errors.append(
                f"The prop “{kind}” cannot be drawn in the {view} view; "
                f"choose another view or another prop."
            )
        if kind == "band" and prop.get("anchor", "front") == "front" and view in ("front", "back"):
            errors.append(
                "A band anchored in front of the person only shows in the side view; "
                "use the side view or anchor it overhead."
            )
    return errors


def _check_arrows(where, arrows):
    if not isinstance(arrows, list):
        return [f"{where}: arrows must be a list."]
    errors = []
    for i, a in enumerate(arrows, 1):
        if not isinstance(a, dict):
            errors.append(f"{where}: arrow {i} must be an object with a type and a joint.")
            continue
        for key in sorted(set(a) - _ARROW_KEYS, key=str):
            errors.append(f"{where}: arrow {i}: " + _unknown("field", key, _ARROW_KEYS))
        if a.get("type") not in ARROW_TYPES:
            errors.append(
                f"{where}: arrow {i}: type must be “path” or “circle”, not {_show(a.get('type'))}."
            )
        if a.get("joint") not in JOINT_LABELS:
            errors.append(f"{where}: arrow {i}: " + _unknown("joint", a.get("joint"), JOINT_LABELS))
        for key, lo, hi in (("rx", 3, 40), ("ry", 3, 40), ("start", -360, 360), ("sweep", 30, 330)):
            if key in a and not (_is_number(a[key]) and lo <= a[key] <= hi):
                errors.append(f"{where}: arrow {i}: {key} must be a number from {lo} to {hi}.")
        if "direction" in a and a["direction"] not in ("clockwise", "anticlockwise"):
            errors.append(f"{where}: arrow {i}: direction must be “clockwise” or “anticlockwise”.")
    return errors


def _check_pose(where, pose, keys, need_text):
    if not isinstance(pose, dict):
        return [f"{where} must be an object with a posture and angles, not {type(pose).__name__}."]
    errors = [f"{where}: " + _unknown("field", k, keys) for k in sorted(set(pose) - keys, key=str)]
    if need_text:
        errors += _check_text(
            where, pose, "caption", "a caption (“Start”, “End” or a step number)", 40
        )
        errors += _check_text(where, pose, "alt", "a sentence describing the position", 300)
    posture = pose.get("posture", "standing")
    if posture not in POSTURES:
        errors.append(
            f"{where}: "
            + _unknown("posture", posture, POSTURES)
            + f" Postures: {', '.join(POSTURES)}."
        )
    angles = pose.get("angles", {})
    if not isinstance(angles, dict):
        return errors + [
            f'{where}: angles must be an object of name: degrees, for example {{"r_elbow_bend": 90}}.'
        ]
    for name, value in angles.items():
        spec = ANGLES.get(name)
        if spec is None:
            errors.append(f"{where}: " + _unknown("angle", name, ANGLES))
        elif not _is_number(value):
            errors.append(f"{where}: {spec.label} must be a number of degrees, not {_show(value)}.")
        elif not spec.lo <= value <= spec.hi:
            errors.append(
                f"{where}: {spec.label} is {_n(value)}°; it must be between {spec.lo}° and "
                f"{spec.hi}° ({spec.hint})."
            )
    if "arrows" in pose:
        errors += _check_arrows(where, pose["arrows"])
    return errors


def validate(data) -> list:
    """Human-readable problems with a figure ({view, props, highlight, poses}) or one pose; [] if fine.

    Never raises, whatever it is given."""
    try:
        return _validate(data)
    except Exception:  # noqa: BLE001 - a safety net: staff must get a message, never a server error
        return [
            "The pose data could not be read; check that it is a figure with a view and a list of poses."
        ]


def _validate(data):
    if not isinstance(data, dict):
        return [f"Pose data must be an object (a dictionary), not {type(data).__name__}."]
    is_figure = "poses" in data
    errors = []
    view = data.get("view")
    if view not in VIEWS:
        errors.append(
            "Choose a view: " + ", ".join(VIEWS) + f" (got {_show(view)})."
            if view is not None
            else "Choose a view: " + ", ".join(VIEWS) + "."
        )
    errors += _check_props(data.get("props", []), view)
    hl = data.get("highlight")
    if hl is not None:
        if not isinstance(hl, list):
            errors.append(
                "Highlight must be a list of body parts, or left out to work it out from the poses."
            )
        else:
            errors += [
                _unknown("body part to highlight", h, HIGHLIGHTABLE)
                for h in hl
                if h not in HIGHLIGHTABLE
            ]
    front = data.get("in_front", [])
    if not isinstance(front, list):
        errors.append('“In front” must be a list of body parts, such as ["r_arm"].')
    else:
        errors += [
            _unknown("body part to draw in front", c, CHAINS) for c in front if c not in CHAINS
        ]
    if not is_figure:
        return errors + _check_pose("The pose", data, _POSE_KEYS | _FIGURE_KEYS, need_text=False)
    errors += [
        _unknown("field", k, _FIGURE_KEYS) for k in sorted(set(data) - _FIGURE_KEYS, key=str)
    ]
    poses = data["poses"]
    seats = isinstance(data.get("props"), list) and any(
        (p.get("type") if isinstance(p, dict) else p) in ("chair", "stool") for p in data["props"]
    )
    if (
        isinstance(poses, list)
        and not seats
        and any(isinstance(p, dict) and p.get("posture") == "sitting" for p in poses)
    ):
        errors.append(
            "A sitting pose needs something to sit on: add a chair or a stool to the props."
        )
    if not isinstance(poses, list) or len(poses) < 2:
        return errors + ["Add at least two poses: a start and an end position."]
    if len(poses) > MAX_POSES:
        errors.append(f"Use at most {MAX_POSES} poses; there are {len(poses)}.")
    for i, pose in enumerate(poses, 1):
        caption = pose.get("caption") if isinstance(pose, dict) else None
        where = f"Pose {i}" + (
            f" (“{caption}”)" if isinstance(caption, str) and caption.strip() else ""
        )
        errors += _check_pose(where, pose, _POSE_KEYS, need_text=True)
    return errors


def _normal_pose(pose):
    return {
        "caption": pose.get("caption", ""),
        "alt": pose.get("alt", ""),
        "posture": pose.get("posture", "standing"),
        "angles": {k: float(v) for k, v in sorted((pose.get("angles") or {}).items())},
        "arrows": [dict(a) for a in pose.get("arrows", [])],
    }


def normalise(data) -> dict:
    """A validated figure or pose as a figure dict with every default filled in (raises ValueError)."""
    errors = validate(data)
    if errors:
        raise ValueError("; ".join(errors))
    props = []
    for p in data.get("props", []):
        p = {"type": p} if isinstance(p, str) else p
        opts = {k: v[0] for k, v in PROPS[p["type"]][1].items()}
        props.append(opts | dict(p))
    poses = data.get("poses", [data])
    return {
        "view": data["view"],
        "props": props,
        "highlight": data.get("highlight"),
        "in_front": list(data.get("in_front", [])),
        "poses": [_normal_pose(p) for p in poses],
    }


# --------------------------------------------------------------------------------------------
# Public API
# --------------------------------------------------------------------------------------------
def joints(pose, *, view=None) -> dict:
    """Where each joint is drawn (x right, y down; floor at y = 0) for one pose."""
    pose = dict(pose, view=view or pose.get("view", "side"))
    scene = _scene(normalise(pose), highlight=[])
    return {k: (round(x, 2), round(y, 2)) for k, (x, y, _) in scene.frames[0].items()}


def render_svg(
    pose, *, title: str, desc: str, id_prefix: str, highlight=None, previous=None
) -> str:
    """One pose as an accessible inline SVG. `pose` holds view, props and optionally highlight
    along with posture, angles and arrows. `previous` (a pose) lets "path" arrows show where a
    joint came from and lets the highlight be worked out from what changed."""
    figure = normalise(pose)
    if previous is not None:
        figure["poses"].insert(0, normalise(dict(previous, view=figure["view"]))["poses"][0])
    if highlight is None and figure["highlight"] is None and previous is None:
        highlight = []
    scene = _scene(figure, highlight)
    return _frame_svg(scene, len(scene.frames) - 1, title, desc, id_prefix)


def render_animation(figure, *, title: str, desc: str, id_prefix: str, highlight=None) -> str:
    """The figure moving slowly through its poses and back, driven by figures-motion.css alone."""
    return _animation_svg(_scene(normalise(figure), highlight), title, desc, id_prefix)


def _animation_svg(scene, title, desc, id_prefix):
    m = len(scene.frames) - 1
    body = _Animator(scene).body()
    band = _prop_opts(scene.props, "band")
    if band:
        body += _band_fixture(scene, band, scene.viewbox[1] + 3, knot=False)
    return _svg(
        scene, title, desc, id_prefix, body, extra_class=f"fig-anim fig-m{m}", animated=True
    )


_ARROW_ICON = (
    '<svg class="fig-seq__arrow" viewBox="0 0 24 24" width="24" height="24" aria-hidden="true" '
    'focusable="false"><path d="M4 12h14m-6-6 6 6-6 6" fill="none" stroke="currentColor" '
    'stroke-width="2.5" stroke-linecap="round" stroke-linejoin="round"/></svg>'
)


def _has_a_lying_pose(scene) -> bool:
    """Whether a pose is much wider than tall (lying, folded): shown a row each, it stays large."""
    for frame in scene.frames:
        x0, y0, x1, y1 = _bounds(_extents(frame, scene.view))
        if (x1 - x0) > 2.2 * (y1 - y0):
            return True
    return False


def render_sequence(
    figure,
    *,
    name: str,
    id_prefix: str,
    animate: bool = True,
    expanded: bool = False,
    summary: str = "Watch the movement",
) -> str:
    """HTML: the poses side by side (captioned, with arrows between) and, unless animate=False,
    a <details> holding the animated figure. The pair never depends on the animation."""
    fig = normalise(figure)
    scene = _scene(fig)
    *_, w, h = scene.viewbox
    shape = "wide" if w / h > 1.3 or _has_a_lying_pose(scene) else "tall"
    items = []
    for i, pose in enumerate(fig["poses"]):
        svg = _frame_svg(
            scene,
            i,
            f"{name}: {pose['caption']}",
            pose["alt"],
            f"{id_prefix}-{i + 1}",
            viewbox=_own_height(scene, i) if shape == "wide" else None,
        )
        arrow = _ARROW_ICON if i else ""
        items.append(
            f'<li class="fig-seq__item">{arrow}<figure class="fig-frame">{svg}'
            f'<figcaption class="fig-frame__caption">{_esc(pose["caption"])}</figcaption></figure></li>'
        )
    note = VIEW_NOTES.get(fig["view"])
    html_out = (
        f'<div class="fig-set fig-set--{shape} fig-set--n{len(items)}">'
        f'<ol class="fig-seq">{"".join(items)}</ol>'
        + (f'<p class="fig-set__note">{_esc(note)}</p>' if note else "")
    )
    if animate:
        captions = [p["caption"] for p in fig["poses"]]
        # The same scene as the still poses (same highlight, same picture): drawn once.
        anim = _animation_svg(
            scene,
            title=f"{name}: the movement, from {captions[0]} to {captions[-1]}",
            desc="The figure moves slowly through the positions shown above and back again: "
            + ", then ".join(p["alt"].rstrip(".") for p in fig["poses"])
            + ".",
            id_prefix=f"{id_prefix}-anim",
        )
        html_out += (
            f'<details class="fig-motion"{" open" if expanded else ""}><summary class="fig-motion__summary">'
            f'{_esc(summary)}</summary><div class="fig-motion__stage">{anim}</div></details>'
        )
    return html_out + "</div>"


# --------------------------------------------------------------------------------------------
# The generated part of figures-motion.css: quantised animation classes and per-phase keyframes
# --------------------------------------------------------------------------------------------
MOVE, HOLD = 1.4, 0.6  # seconds per movement and per pause at each position


def css_rules() -> str:
    out = [
        "/* Generated by `python exercises/figures.py --css static/css/figures-motion.css`; "
        "do not edit by hand. */"
    ]
    props = {
        "r": ("rotate", "0deg", "var(--r)"),
        "s": ("scale", "1", "var(--s) 1"),
        "x": ("translate", "0 0", "var(--x) 0"),
        "y": ("translate", "0 0", "0 var(--y)"),
    }
    for m in range(1, MAX_POSES):
        total = m * (MOVE + HOLD)
        out.append(f".fig-m{m} .fa {{ animation-duration: {_n(total)}s; }}")
        for k in range(1, m + 1):
            t0 = (HOLD / 2 + (k - 1) * (MOVE + HOLD)) / total * 100
            t1 = t0 + MOVE / total * 100
            for fam, (prop, zero, var) in props.items():
                out.append(f".f{fam}.k{k}m{m} {{ animation-name: fig-{fam}{k}m{m}; }}")
                out.append(
                    f"@keyframes fig-{fam}{k}m{m} {{ 0%, {t0:.2f}% {{ {prop}: {zero}; }} "
                    f"{t1:.2f}%, 100% {{ {prop}: {var}; }} }}"
                )
    out += [f".qr{v} {{ --r: {v}deg; }}" for v in range(-ROT_RANGE, ROT_RANGE + 1) if v]
    out += [f".qs{v} {{ --s: {v / 100:g}; }}" for v in range(2, SCALE_MAX + 1, 2) if v != 100]
    for fam in "xy":
        out += [
            f".q{fam}{v} {{ --{fam}: {v}px; }}" for v in range(-SHIFT_RANGE, SHIFT_RANGE + 1) if v
        ]
    return "\n".join(out) + "\n"


CSS_MARKER = "/* ==== generated animation classes below ==== */"


def write_css(path):
    """Replace everything after CSS_MARKER in the stylesheet with css_rules()."""
    with open(path, encoding="utf-8") as fh:
        text = fh.read()
    head = text.split(CSS_MARKER)[0]
    with open(path, "w", encoding="utf-8") as fh:
        fh.write(head + CSS_MARKER + "\n" + css_rules())


if __name__ == "__main__":
    import sys

    if sys.argv[1:2] == ["--css"]:
        write_css(sys.argv[2] if len(sys.argv) > 2 else "static/css/figures-motion.css")
