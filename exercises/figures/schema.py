"""What a figure may say: views, joint angles and their limits, postures, props and arrows.

A *figure* is a view, props and two to six poses; a *pose* is a base posture, joint angles in
degrees and optional arrows. The validator, the admin's forms and the drawing all read this.
"""

from dataclasses import dataclass
from typing import NamedTuple

VIEWS = {
    "side": "Side view (the person faces right)",
    "side-back": "Side view from a little behind (the person faces right)",
    "front": "Front view (the person faces you)",
    "front-level": "Front view at eye level (the person faces you; a face bowed down still shows)",
    "front-three-quarter": "Three-quarter front view (from in front and to the person's right)",
    "front-eye-level": "Three-quarter front view at about eye level (from in front and to the "
    "person's right, looking nearly straight across)",
    "front-turned-level": "Three-quarter front view at eye level (from in front and to the person's "
    "right, looking straight across; arms out to both sides show at the same height)",
    "back": "Back view (you see the person's back; their right is on your right)",
    "back-three-quarter": "Three-quarter back view (from behind and to the person's right)",
    "top": "Seen from above (the person faces the bottom of the picture)",
}
VIEW_NOTES = {
    "back": "Seen from behind: the person's right is on your right.",
    "back-three-quarter": "Seen from behind and to one side.",
    "front": "Seen from the front: the person's right is on your left.",
    "front-level": "Seen from the front: the person's right is on your left.",
    "front-three-quarter": "Seen from in front and to one side.",
    "front-eye-level": "Seen from in front and to one side.",
    # Completed by sequence.view_note(): which way the person faces, or where their head lies.
    "side": "Seen from the person's right side",
    "front-turned-level": "Seen from in front and to one side.",
    "side-back": "Seen from behind and a little from the side.",
    "top": "Seen from above: the person faces the bottom of the picture.",
}
# The views that cannot draw every prop, and the props they can.
PROPS_BY_VIEW = {
    "back-three-quarter": {"dumbbells", "mat", "chair", "stool", "doorway", "band"},
    "front-three-quarter": {"dumbbells", "mat", "chair", "stool", "doorway", "band"},
    "front-level": {"dumbbells", "mat", "wall"},
    "front-eye-level": {"dumbbells", "mat", "chair", "stool", "doorway", "band"},
    "front-turned-level": {"dumbbells", "mat", "chair", "stool", "doorway", "band"},
    "side-back": {"dumbbells", "mat", "chair", "stool", "doorway"},
    "top": {"chair", "stool", "dumbbells", "band"},
}
MAX_POSES = 6


class Side(NamedTuple):
    prefix: str  # of the joint, segment and angle names: "r_elbow", "l_knee_bend"
    word: str
    lateral_sign: int  # the person's left is +x


SIDES = (Side("r", "Right", -1), Side("l", "Left", 1))


@dataclass(frozen=True)
class Angle:
    label: str
    minimum: int
    maximum: int
    hint: str


BODY_ANGLES = {
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
# Each of these is an angle of both sides: "r_elbow_bend" and "l_elbow_bend".
LIMB_ANGLES = {
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
    "arm_turn": ("upper-arm turn", -90, 160, "with the elbow bent: + turns the forearm up and out"),
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
LEG_ANGLES = ("hip_bend", "hip_out", "hip_turn", "knee_bend", "ankle")

ANGLES: dict[str, Angle] = {name: Angle(*spec) for name, spec in BODY_ANGLES.items()}
ANGLES.update(
    {
        f"{side.prefix}_{name}": Angle(f"{side.word} {label}", *limits)
        for side in SIDES
        for name, (label, *limits) in LIMB_ANGLES.items()
    }
)


def angle_groups() -> list[tuple[str, list[str]]]:
    """Return the angles grouped as an editor thinks of them: the body, each arm, each leg."""
    arm_angles = [name for name in LIMB_ANGLES if name not in LEG_ANGLES]
    return (
        [("Body, neck and head", list(BODY_ANGLES))]
        + [(f"{side.word} arm", [f"{side.prefix}_{name}" for name in arm_angles]) for side in SIDES]
        + [(f"{side.word} leg", [f"{side.prefix}_{name}" for name in LEG_ANGLES]) for side in SIDES]
    )


def on_both_sides(**angles) -> dict:
    """Return limb angles for the right and the left side alike."""
    return {f"{side.prefix}_{name}": value for side in SIDES for name, value in angles.items()}


@dataclass(frozen=True)
class Posture:
    label: str
    defaults: dict  # angles the posture starts from; a pose's own angles override them
    anchor: str  # the joint that stays put while the figure moves
    # Joints on the floor that stay put in the picture (their middle), where the anchor may move:
    # standing, the feet stay planted while the body leans over them.
    planted: tuple = ()

    @property
    def steady(self) -> tuple:
        """Return the joints whose middle the picture keeps still from pose to pose."""
        return self.planted or (self.anchor,)


POSTURES = {
    "standing": Posture("Standing", {}, "root", planted=("r_ankle", "l_ankle")),
    "sitting": Posture(
        "Sitting on a chair or stool", on_both_sides(hip_bend=90, knee_bend=90), "root"
    ),
    "sitting-floor": Posture("Sitting on the floor", on_both_sides(hip_bend=90, ankle=-10), "root"),
    "kneeling": Posture("Kneeling", on_both_sides(knee_bend=90, ankle=-60), "r_knee"),
    "all-fours": Posture(
        "On hands and knees",
        {
            "body_tilt": 90,
            **on_both_sides(hip_bend=90, knee_bend=90, ankle=-60, arm_raise=90, wrist_bend=90),
        },
        "r_knee",
    ),
    "lying-back": Posture("Lying on the back", {"body_tilt": -90}, "root"),
    "lying-front": Posture(
        "Lying on the front", {"body_tilt": 90, **on_both_sides(ankle=-70)}, "root"
    ),
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
SEATS = ("chair", "stool")
ARROW_TYPES = {
    "path": "the path a joint takes from the previous pose",
    "slide": "a short straight arrow just under a joint, the way it slid from the previous pose",
    "circle": "a circling arrow around a joint",
    "lift": "a short arrow pointing up beside a joint: a small lift off the floor",
    "turn": "a circling arrow around where a joint is in the first pose, edged in white so it "
    "shows where it crosses the body (a shoulder rolling round, the chest turning)",
    "ahead": "a short straight arrow just ahead of a joint, clear of the body, the way it moved "
    "from the previous pose (the chest leaning forward)",
    "straight": "a straight arrow beside a joint, from where it was in the previous pose to where "
    "it is: a pull straight back, where a path arrow would curve with the turning limb",
}
# The arrow types drawn as a circle: they take a direction, a size, a start and a sweep.
CIRCLING_ARROWS = ("circle", "turn")
JOINT_LABELS = {
    "root": "Pelvis",
    "waist": "Waist",
    "chest": "Chest",
    "neck_base": "Base of the neck",
    "head": "Head",
} | {
    f"{side.prefix}_{joint}": f"{side.word} {joint}"
    for side in SIDES
    for joint in ("shoulder", "elbow", "wrist", "hand", "hip", "knee", "ankle", "toes")
}
# A shoulder blade slides too little for a path arrow: a slide arrow goes under its lower tip.
JOINT_LABELS |= {f"{side.prefix}_blade_edge_tip": f"{side.word} shoulder blade" for side in SIDES}
# Chains of segments drawn together, which an editor may bring to the front.
CHAINS = {
    "trunk": "Body",
    "head": "Head and neck",
    "r_arm": "Right arm",
    "l_arm": "Left arm",
    "r_leg": "Right leg",
    "l_leg": "Left leg",
}
FIGURE_KEYS = {"view", "props", "highlight", "in_front", "poses"}
# A pose's own highlight (a list of body parts) colours those parts in its still picture in place
# of the figure's: the other side of a stretch shades the other side. Empty: the figure's.
# A pose's own view draws its still picture from another side than the figure's (the lean forward
# of a stretch shown sitting from the front); blank: the figure's. The moving figure keeps the
# figure's view.
POSE_KEYS = {"caption", "alt", "posture", "angles", "arrows", "highlight", "view"}
ARROW_KEYS = {"type", "joint", "rx", "ry", "direction", "start", "sweep"}
# A circling arrow's size and sweep: key -> (lowest, highest).
ARROW_NUMBERS = {"rx": (3, 40), "ry": (3, 40), "start": (-360, 360), "sweep": (30, 330)}
ARROW_DIRECTIONS = ("clockwise", "anticlockwise")
# A text alternative describes the position, never the picture.
BANNED_ALT = ("image", "picture", "photo", "illustration", "drawing", "figure of", "icon")
