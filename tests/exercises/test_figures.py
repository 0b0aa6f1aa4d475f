"""The exercise figures and the body map, as pure functions: the data, the checks, the drawing."""

import json
import math
import random
import re
import xml.etree.ElementTree as ET
from html import unescape
from pathlib import Path

import pytest
from django.conf import settings

from exercises import figures
from exercises.figures import body_map, motion, scene, skeleton
from exercises.figures.still import still_svg
from exercises.figures.svg import HIGHLIGHT, INK
from exercises.figures.validation import normalise

FIXTURES = Path(settings.FIXTURE_DIRS[0])
SVG = "{http://www.w3.org/2000/svg}"


def guide_figures() -> dict[str, dict]:
    """Return each exercise's figure as the fixtures give it (what load_guide loads), by slug."""
    exercises = json.loads((FIXTURES / "exercises.json").read_text())
    poses = json.loads((FIXTURES / "exercise_poses.json").read_text())
    out = {}
    for record in exercises:
        fields = record["fields"]
        out[fields["slug"]] = {
            "view": fields["figure_view"],
            "props": fields["figure_props"],
            "highlight": fields["figure_highlight"],
            "in_front": fields["figure_in_front"],
            "poses": [],
        }
    for record in sorted(poses, key=lambda r: r["fields"]["order"]):
        fields = record["fields"]
        out[fields["exercise"][0]]["poses"].append(
            {
                "caption": fields["caption"],
                "alt": fields["alt_text"],
                "posture": fields["posture"],
                "angles": fields["angles"],
                "arrows": fields["arrows"],
                "highlight": fields.get("highlight", []),
                **({"view": fields["view"]} if fields.get("view") else {}),
            }
        )
    return out


POSES = guide_figures()


def pose_of(slug, i):
    fig = POSES[slug]
    return dict(fig["poses"][i], view=fig["view"], props=fig["props"])


def standing(**angles):
    return {"view": "side", "posture": "standing", "angles": angles}


# ---- the data: all 20 exercises ------------------------------------------------------------
def test_every_exercise_of_the_guide_has_a_figure_of_two_poses_or_more():
    assert len(POSES) == 20
    assert all(len(figure["poses"]) >= 2 for figure in POSES.values())


@pytest.mark.parametrize("slug", sorted(POSES))
def test_each_figure_validates_and_renders_every_pose(slug):
    fig = POSES[slug]
    assert figures.validate(fig) == []
    assert len(fig["poses"]) >= 2
    html_out = figures.render_sequence(fig, name=slug, id_prefix=slug)
    assert (
        len(re.findall(r'<svg[^>]*role="img"', html_out)) == len(fig["poses"]) + 1
    )  # each pose + the animation
    assert (
        len(re.findall(r'<svg[^>]*aria-hidden="true"', html_out)) == len(fig["poses"]) - 1
    )  # the arrows
    for pose in fig["poses"]:
        assert pose["caption"] and f">{pose['caption']}</figcaption>" in html_out.replace(
            "&#x27;", "'"
        )
        assert not pose["alt"].lower().startswith(("image", "picture", "photo"))
        assert pose["alt"].endswith(".")


# ---- validate(): clear messages, never an exception ----------------------------------------
GOOD = {
    "view": "side",
    "props": [],
    "poses": [
        {"caption": "Start", "alt": "Standing tall.", "angles": {}},
        {
            "caption": "End",
            "alt": "Standing with the right elbow bent.",
            "angles": {"r_elbow_bend": 90},
        },
    ],
}


def broken(**changes):
    fig = json.loads(json.dumps(GOOD))
    for path, value in changes.items():
        target, keys = fig, path.split("__")
        for k in keys[:-1]:
            target = target[int(k)] if k.isdigit() else target[k]
        target[int(keys[-1]) if keys[-1].isdigit() else keys[-1]] = value
    return fig


@pytest.mark.parametrize(
    "data, expected",
    [
        (None, "must be an object"),
        ("wall angel", "must be an object"),
        ([1, 2], "must be an object"),
        (broken(view="sideways"), "Choose a view"),
        (
            broken(poses__1__angles={"r_elbow_bend": 200}),
            "Right elbow bend is 200°; it must be between 0° and 150°",
        ),
        (broken(poses__1__angles={"r_elbo_bend": 20}), "Did you mean “r_elbow_bend”"),
        (broken(poses__1__angles={"r_elbow_bend": "90"}), "must be a number of degrees"),
        (broken(poses__1__angles={"r_elbow_bend": float("nan")}), "must be a number of degrees"),
        (broken(poses__1__angles={"r_elbow_bend": True}), "must be a number of degrees"),
        (broken(poses__1__angles=[1, 2]), "angles must be an object"),
        (broken(props=[{"type": "trampoline"}]), "Unknown prop"),
        (
            broken(props=[{"type": "chair", "back": "upside-down"}]),
            "back must be one of behind, right, left",
        ),
        (broken(props=[{"type": "mat"}, {"type": "mat"}]), "listed twice"),
        (
            broken(view="back", props=[{"type": "band", "anchor": "front"}]),
            "only shows in the side view",
        ),
        (broken(view="top", props=[{"type": "wall"}]), "cannot be drawn in the top view"),
        (
            broken(view="top", props=[{"type": "band", "anchor": "overhead"}]),
            "A band anchored overhead cannot be seen from above",
        ),
        (broken(poses__0__caption=""), "add a caption"),
        (broken(poses__0__alt="Image of a man standing"), "describe the position itself"),
        (broken(poses__0__alt="x" * 400), "keep it under 300"),
        (broken(poses__0__posture="hovering"), "Unknown posture"),
        (broken(poses__0__posture="sitting"), "add a chair or a stool"),
        (broken(poses=[GOOD["poses"][0]]), "at least two poses"),
        (broken(poses=[GOOD["poses"][0]] * 7), "at most 6 poses"),
        (
            broken(poses__1__arrows=[{"type": "spiral", "joint": "r_hand"}]),
            "type must be “path”, “slide”, “circle”, “lift”, “turn”, “ahead” or “straight”",
        ),
        (broken(poses__1__arrows=[{"type": "path", "joint": "r_thumb"}]), "Unknown joint"),
        (broken(highlight=["spleen"]), "Unknown body part to highlight"),
        (
            broken(poses__1__highlight=["l_colar"]),
            "Pose 2 (“End”): Unknown body part to highlight 'l_colar'. Did you mean “l_collar”?",
        ),
        (
            broken(poses__1__highlight="neck"),
            "Pose 2 (“End”): Highlight must be a list of body parts, or left out to use the "
            "figure's.",
        ),
        (broken(poses__1__colour="red"), "Unknown field"),
        (broken(poses__1="not a pose"), "must be an object with a posture and angles"),
    ],
)
def test_validate_explains_each_kind_of_problem(data, expected):
    errors = figures.validate(data)
    assert any(expected in e for e in errors), errors


def test_the_front_three_quarter_view_is_offered_checked_and_drawn_from_in_front_and_aside():
    from exercises.models import Exercise

    assert "front-three-quarter" in dict(Exercise._meta.get_field("figure_view").choices)
    seated = broken(
        view="front-three-quarter", props=[{"type": "chair", "back": "right"}, {"type": "band"}]
    )
    assert figures.validate(seated) == []
    assert "cannot be drawn in the front-three-quarter view" in " ".join(
        figures.validate(broken(view="front-three-quarter", props=[{"type": "wall"}]))
    )
    stood = scene.joints({"view": "front-three-quarter", "angles": {}})
    # The person's right shoulder is nearer and on our left; their feet point ahead to our right.
    assert stood["r_shoulder"][0] < stood["l_shoulder"][0]
    assert stood["r_toes"][0] > stood["r_ankle"][0] + 5


def test_the_front_level_view_is_offered_checked_and_shows_a_bowed_face():
    from exercises.models import Exercise

    assert "front-level" in dict(Exercise._meta.get_field("figure_view").choices)
    for prop in ("mat", "dumbbells", "wall"):
        assert figures.validate(broken(view="front-level", props=[{"type": prop}])) == []
    assert "cannot be drawn in the front-level view" in " ".join(
        figures.validate(broken(view="front-level", props=[{"type": "chair"}]))
    )
    # Straight from the front at eye level: their right on our left, the shoulders level, and a
    # face turned 45 degrees and bowed 40 still toward us, where the front view looks down on the
    # top of that head and loses the face.
    stood = scene.joints({"view": "front-level", "angles": {}})
    assert stood["r_shoulder"][0] < stood["l_shoulder"][0]
    assert stood["r_shoulder"][1] == pytest.approx(stood["l_shoulder"][1])
    bowed = {"neck_turn": 45, "neck_bend": 40}
    for view, toward_us in (("front-level", True), ("front", False)):
        body = skeleton.joint_positions(skeleton.effective_angles({"angles": bowed}))
        nose, head = (skeleton.project(body[joint], view) for joint in ("nose", "head"))
        assert (nose[2] > head[2] + 3) is toward_us


def test_validate_accepts_a_single_pose_as_the_admin_checks_it_alone():
    assert figures.validate(standing(r_knee_bend=30)) == []


def test_validate_never_raises_on_junk():
    rng = random.Random(1234)
    atoms = [None, True, 0, -1, 1e308, float("inf"), "", "side", "r_elbow_bend", [], {}, object()]

    def junk(depth=0):
        if depth > 3 or rng.random() < 0.3:
            return rng.choice(atoms)
        if rng.random() < 0.5:
            return [junk(depth + 1) for _ in range(rng.randint(0, 3))]
        keys = [
            "view",
            "props",
            "poses",
            "angles",
            "posture",
            "caption",
            "alt",
            "arrows",
            "highlight",
            "type",
            7,
        ]
        return {rng.choice(keys): junk(depth + 1) for _ in range(rng.randint(0, 4))}

    for _ in range(3000):
        data = junk()
        result = figures.validate(data)
        assert isinstance(result, list) and all(isinstance(e, str) for e in result)
    mutated = json.loads(json.dumps(POSES["cat-cow-stretch"]))
    mutated["poses"][1]["angles"] = {"neck_bend": {"deep": [None]}}
    assert figures.validate(mutated)


def test_rendering_refuses_invalid_data_with_the_same_messages():
    with pytest.raises(ValueError, match="Choose a view"):
        figures.render_sequence(broken(view="diagonal"), name="x", id_prefix="x")


# ---- output: accessible, CSP-safe, deterministic --------------------------------------------
def parse(svg):
    return ET.fromstring(svg)


@pytest.mark.parametrize("slug", ["wall-angel", "superman", "lat-pulldown-with-band", "neck-roll"])
def test_svg_is_accessible_and_needs_no_inline_style_or_script(slug):
    html_out = figures.render_sequence(POSES[slug], name="Wall & <angel>", id_prefix=f"p-{slug}")
    assert "style=" not in html_out and "<style" not in html_out and "<script" not in html_out
    assert not re.search(r"\son[a-z]+=", html_out)  # no event-handler attributes
    for svg in re.findall(r"<svg xmlns=.*?</svg>", html_out):
        root = parse(svg)
        assert root.get("role") == "img" and "viewBox" in root.attrib
        title, desc = root.find(f"{SVG}title"), root.find(f"{SVG}desc")
        assert title is not None and desc is not None and desc.text
        assert root.get("aria-labelledby") == f"{title.get('id')} {desc.get('id')}"
        assert "&lt;angel&gt;" in svg  # the name is escaped
    ids = re.findall(r' id="([^"]+)"', html_out)
    assert len(ids) == len(set(ids))


def test_output_is_deterministic_and_independent_of_key_order():
    fig = POSES["childs-pose"]
    shuffled = json.loads(json.dumps(fig))
    for pose in shuffled["poses"]:
        pose["angles"] = dict(reversed(list(pose["angles"].items())))
    a = figures.render_sequence(fig, name="Child's pose", id_prefix="c")
    assert a == figures.render_sequence(fig, name="Child's pose", id_prefix="c")
    assert a == figures.render_sequence(shuffled, name="Child's pose", id_prefix="c")


def still_poses(html_out):
    """Return each still pose's <svg> of a figure's HTML (the movement, if any, comes last)."""
    return [svg for svg in re.findall(r"<svg xmlns=.*?</svg>", html_out) if "fig-anim" not in svg]


def test_highlighted_segments_use_the_highlight_class_and_colour():
    def elbow_bend(highlight):
        figure = {
            "view": "side",
            "props": [],
            "highlight": highlight,
            "poses": [
                {"caption": "Start", "alt": "Standing.", "angles": {}},
                {"caption": "End", "alt": "Elbow bent.", "angles": {"r_elbow_bend": 90}},
            ],
        }
        return figures.render_sequence(figure, name="t", id_prefix="a")

    assert "fig-hl" not in elbow_bend([])
    lit = still_poses(elbow_bend(["r_forearm"]))
    assert len(lit) == 2
    for svg in lit:
        hl_lines = [e for e in parse(svg).iter(f"{SVG}path") if "fig-hl" in e.get("class", "")]
        assert len(hl_lines) == 1 and hl_lines[0].get("stroke") == HIGHLIGHT
        # Every other stroke of the figure takes the ink colour of the figure's group.
        body = parse(svg).find(f"{SVG}g")
        assert body.get("class") == "fig-body" and body.get("stroke") == INK


def test_a_still_pose_with_its_own_highlight_shades_those_parts_only():
    # Seen from the front, the stretch on the right shades the left shoulder; the other side
    # (round 12) shades the right one in its own picture, not the figure's left.
    figure = {
        "view": "front",
        "props": [],
        "highlight": ["l_collar"],
        "poses": [
            {"caption": "Right", "alt": "Right arm up.", "angles": {"r_arm_raise": 150}},
            {
                "caption": "Left",
                "alt": "Left arm up.",
                "angles": {"l_arm_raise": 150},
                "highlight": ["r_collar", "head"],
            },
        ],
    }
    right, left = still_poses(figures.render_sequence(figure, name="t", id_prefix="a"))
    only_right = dict(figure, highlight=["r_collar", "head"])
    plain = dict(figure, poses=[dict(pose, highlight=[]) for pose in figure["poses"]])
    # The second pose is drawn as if its highlight were the figure's; the first keeps the figure's.
    assert left == still_poses(figures.render_sequence(only_right, name="t", id_prefix="a"))[1]
    assert right == still_poses(figures.render_sequence(plain, name="t", id_prefix="a"))[0]
    assert left != still_poses(figures.render_sequence(plain, name="t", id_prefix="a"))[1]
    shaded = [e for e in parse(left).iter() if "fig-hl" in e.get("class", "")]
    assert len(shaded) == 2  # the right shoulder's stroke and the head, nothing else
    (shoulder,) = [e for e in parse(right).iter() if "fig-hl" in e.get("class", "")]
    assert shoulder.tag == f"{SVG}path"
    # The movement keeps the figure's highlight, whatever a pose's own.
    animation = figures.render_sequence(figure, name="t", id_prefix="a").split("fig-motion")[1]
    assert (
        animation == figures.render_sequence(plain, name="t", id_prefix="a").split("fig-motion")[1]
    )


def test_a_pose_seen_from_its_own_side_is_drawn_from_there_and_the_note_says_which_is_which():
    # Standing, the lean forward from the hips shows only from the side (the butterfly's lean,
    # round 14): the third pose alone is seen from the side, the rest of the figure from the front.
    lean = {"body_tilt": 30, "r_hip_bend": -30, "l_hip_bend": -30}
    figure = {
        "view": "front",
        "props": [],
        "poses": [
            {"caption": "Start", "alt": "Standing.", "angles": {}},
            {"caption": "Arms", "alt": "Arms out.", "angles": {"r_arm_raise": 60}},
            {"caption": "Lean", "alt": "Leaning.", "angles": lean, "view": "side"},
        ],
    }
    mixed = figures.render_sequence(figure, name="t", id_prefix="a")
    front = figures.render_sequence(
        dict(figure, poses=[dict(pose, view="") for pose in figure["poses"]]),
        name="t",
        id_prefix="a",
    )
    side = figures.render_sequence(dict(figure, view="side"), name="t", id_prefix="a")

    def drawn(stills):  # what each picture draws, without its frame and floor (as wide as it)
        frame = r'viewBox="[^"]*" width="[^"]*" height="[^"]*" |<line [^>]*class="fig-floor"[^>]*/>'
        return [re.sub(frame, "", svg) for svg in stills]

    assert drawn(still_poses(mixed)) == drawn(still_poses(front)[:2] + still_poses(side)[2:])
    # At one scale: every picture is as wide as the widest view's.
    widths = {
        re.search(r'viewBox="[-\d.]+ [-\d.]+ ([\d.]+)', svg).group(1) for svg in still_poses(mixed)
    }
    assert len(widths) == 1
    # In profile: the leaning head is well ahead of the hips, the way the person faces.
    placed = scene.build_scene(normalise(dict(figure, view="side")))
    head, hips = placed.frames[2]["head"], placed.frames[2]["root"]
    assert head[0] - hips[0] > 20
    note = re.search(r'<p class="fig-set__note">(.*?)</p>', mixed).group(1)
    assert unescape(note) == (
        "Pictures 1 and 2 seen from the front: the person's right is on your left. "
        "Picture 3 seen from the person's right side: they face right."
    )
    # The movement keeps the figure's view.
    assert mixed.split("fig-motion")[1] == front.split("fig-motion")[1]


def test_a_poses_own_view_must_be_a_view_that_can_draw_the_figures_props():
    figure = {
        "view": "side",
        "props": [{"type": "mat"}],
        "poses": [
            {"caption": "Start", "alt": "Standing.", "angles": {}, "view": ""},
            {"caption": "End", "alt": "Arm up.", "angles": {"r_arm_raise": 90}, "view": "top"},
        ],
    }
    assert figures.validate(figure) == [
        "Pose 2 (“End”): The prop “mat” cannot be drawn in the top view; choose another view "
        "for this pose or another prop."
    ]
    figure["poses"][1]["view"] = "sideways"
    assert figures.validate(figure)[0].startswith("Pose 2 (“End”): Choose a view: side, ")
    figure["poses"][1]["view"] = "front"
    assert figures.validate(figure) == []


def test_highlight_is_derived_from_what_moves():
    moved = skeleton.derive_highlight([standing(), standing(r_elbow_bend=90)])
    assert "r_forearm" in moved and "l_forearm" not in moved and "r_upper_arm" not in moved
    assert set(skeleton.derive_highlight([standing(), standing(neck_tilt=30)])) == {"neck", "head"}


def test_a_slide_arrow_shows_a_small_move_as_a_straight_arrow_under_the_joint():
    # Squeezing the blades moves each inner edge in about 3 units: a path arrow would be a dot.
    figure = dict(GOOD, view="back", highlight=["r_blade_edge", "l_blade_edge"])
    figure["poses"] = [
        dict(GOOD["poses"][0], arrows=[{"type": "slide", "joint": "r_blade_edge_tip"}]),
        dict(
            GOOD["poses"][1],
            angles={"r_shoulder_squeeze": 16},
            arrows=[{"type": "slide", "joint": "r_blade_edge_tip"}],
        ),
    ]
    assert figures.validate(figure) == []
    placed = scene.build_scene(figures.validation.normalise(figure))
    assert scene.arrow_paths(placed, 0) == []  # nothing slid before the first pose
    [arrow] = scene.arrow_paths(placed, 1)
    (x0, y0), (x1, y1) = arrow[0], arrow[-1]
    before, after = (frame["r_blade_edge_tip"] for frame in placed.frames)
    assert 0 < before[0] - after[0] < 5  # the joint slid a little to the left
    assert x1 < x0 and y1 == y0  # the arrow points straight left...
    length = x0 - x1 + scene.ARROW_HEAD_LENGTH
    assert length == pytest.approx(scene.SLIDE_LENGTH)  # ...long enough to see
    assert y0 == pytest.approx((before[1] + after[1]) / 2 + scene.SLIDE_BELOW)  # under it
    head_tip = x1 - scene.ARROW_HEAD_LENGTH
    assert (x0 + head_tip) / 2 == pytest.approx((before[0] + after[0]) / 2)  # centred on the move


# ---- geometry: angles really move joints, figures stand on the floor ------------------------
def test_bending_the_elbow_moves_the_hand_about_the_elbow():
    straight, bent = scene.joints(standing()), scene.joints(standing(r_elbow_bend=90))
    assert straight["r_elbow"] == bent["r_elbow"]
    assert math.dist(straight["r_hand"], bent["r_hand"]) > 30
    assert bent["r_hand"][0] > bent["r_elbow"][0] + 25  # forearm points forward (to the right)
    reach = [math.dist(j["r_elbow"], j["r_wrist"]) for j in (straight, bent)]
    assert reach[0] == pytest.approx(reach[1], abs=0.01)


def test_bending_the_knee_swings_the_foot_back_in_the_side_view():
    bent = scene.joints(standing(r_knee_bend=90, l_knee_bend=0))
    assert bent["r_ankle"][0] < bent["r_knee"][0] - 40
    assert bent["r_knee"][1] == pytest.approx(bent["r_hip"][1] + skeleton.THIGH_LENGTH, abs=0.01)


def test_side_bend_in_the_back_view_leans_toward_the_named_side():
    j = scene.joints(
        {"view": "back", "angles": {"back_side_bend": 20}}
    )  # + = to the person's right
    assert j["neck_base"][0] > j["root"][0] + 10  # seen from behind, their right is our right


def test_standing_figures_rest_on_the_floor_and_lying_ones_on_the_mat():
    feet = scene.joints(standing())
    assert max(feet["r_ankle"][1], feet["r_toes"][1]) == pytest.approx(-4, abs=1.5)
    lying = scene.joints(
        {"view": "side", "posture": "lying-back", "props": [{"type": "mat"}], "angles": {}}
    )
    # The back rests on the mat (the pelvis half the lower back's width above it).
    assert lying["root"][1] == pytest.approx(-skeleton.MAT_THICKNESS - 14, abs=1)


# ---- what a physiotherapist would check in the data ----------------------------------------
def frames(slug):
    return [scene.joints(pose_of(slug, i)) for i in range(len(POSES[slug]["poses"]))]


def _above_the_line(f, joint, a="root", b="neck_base"):
    """How far a joint rises above the straight line from a to b (y grows downward)."""
    (ax, ay), (bx, by), (x, y) = f[a], f[b], f[joint]
    return (ay + (by - ay) * (x - ax) / (bx - ax)) - y


def test_cat_cow_rounds_then_dips_with_hands_and_knees_planted():
    start, cat, cow = frames("cat-cow-stretch")
    assert _above_the_line(cat, "chest") > 6  # cat: the back rounds up
    assert _above_the_line(cow, "waist") < -4  # cow: the back dips down
    assert abs(_above_the_line(start, "chest")) < 2  # start: a straight back
    for f in (start, cat, cow):
        assert f["r_hand"][1] == pytest.approx(-skeleton.MAT_THICKNESS - 4.25, abs=2)
        thigh = next(segment for segment in skeleton.SEGMENTS if segment.name == "r_thigh")
        knee_radius = thigh.width[0] / 2
        assert f["r_knee"][1] == pytest.approx(-skeleton.MAT_THICKNESS - knee_radius, abs=2)
    assert cow["r_wrist"][0] == pytest.approx(start["r_wrist"][0], abs=2)


def test_wall_angel_goes_from_w_to_y():
    w, y = frames("wall-angel")
    for side in "rl":
        assert (
            abs(w[f"{side}_elbow"][1] - w[f"{side}_shoulder"][1]) < 6
        )  # elbows at shoulder height
        assert w[f"{side}_hand"][1] < w[f"{side}_elbow"][1] - 25  # forearms up
        assert y[f"{side}_hand"][1] < y["head"][1] - 20  # arms overhead
    assert abs(y["r_hand"][0] - y["l_hand"][0]) > abs(
        y["r_elbow"][0] - y["l_elbow"][0]
    )  # a Y, not an I


def test_childs_pose_ends_kneeling_folded_with_arms_forward_on_the_floor():
    *_, end = frames("childs-pose")
    assert end["head"][1] > -skeleton.MAT_THICKNESS - 16  # forehead at the floor
    assert end["r_hand"][0] > end["head"][0] + 15  # arms reach past the head
    assert end["root"][0] < end["r_knee"][0]  # hips back toward the heels


def test_knee_to_chest_brings_the_knee_to_the_chest_and_superman_lifts():
    start, end = frames("knee-to-chest")  # round 13: the other leg is in the caption
    assert math.dist(end["r_knee"], end["chest"]) < math.dist(start["r_knee"], start["chest"]) - 20
    flat, lift = frames("superman")
    assert lift["r_hand"][1] < flat["r_hand"][1] - 5 and lift["r_ankle"][1] < flat["r_ankle"][1] - 5


# ---- the animation: the CSS really takes the start figure to the end figure ----------------
STATIC_CSS = Path(settings.BASE_DIR) / "static" / "css"
STILL_CSS = (STATIC_CSS / "figures.css").read_text()
MOTION_CSS = (STATIC_CSS / "figures-motion.css").read_text()
CSS = STILL_CSS + MOTION_CSS


def test_generated_css_is_current_and_stops_for_reduced_motion():
    assert MOTION_CSS.split(motion.CSS_MARKER)[1].lstrip("\n") == motion.css_rules()
    reduced = MOTION_CSS.split("@media (prefers-reduced-motion: reduce)")[1].split("}")[0]
    assert "animation: none" in reduced
    # The folded movement is hidden at first paint for reduced motion: by the still stylesheet.
    assert re.search(
        r"@media \(prefers-reduced-motion: no-preference\) \{ \.fig-motion \{ display: block",
        STILL_CSS,
    )
    assert "@keyframes" not in STILL_CSS


def classes_in(markup):
    return {c for attr in re.findall(r'class="([^"]+)"', markup) for c in attr.split()}


def test_every_class_that_draws_or_moves_is_defined_in_figures_css():
    defined = set(re.findall(r"\.([a-zA-Z][\w-]*)", CSS))
    used = set()
    for slug, fig in POSES.items():
        used |= classes_in(figures.render_sequence(fig, name=slug, id_prefix=slug))
    hooks = {
        c for c in used if "--" in c
    }  # modifiers (fig--side, fig-set--n2) are hooks for integrators
    assert used - hooks - defined == set()
    assert {"fig-ink", "fig-hl", "fig-halo", "fa", "fr", "fs", "fx"} <= used


def _value(classes, family):
    for c in classes:
        m = re.fullmatch(rf"q{family}(-?\d+)", c)
        if m:
            return int(m.group(1))
    return None


def _mul(a, b):
    return (
        a[0] * b[0] + a[2] * b[1],
        a[1] * b[0] + a[3] * b[1],
        a[0] * b[2] + a[2] * b[3],
        a[1] * b[2] + a[3] * b[3],
        a[0] * b[4] + a[2] * b[5] + a[4],
        a[1] * b[4] + a[3] * b[5] + a[5],
    )


def _attr_matrix(transform):
    m = (1, 0, 0, 1, 0, 0)
    for op, args in re.findall(r"(translate|rotate)\(([^)]*)\)", transform or ""):
        v = [float(x) for x in args.split()]
        if op == "translate":
            m = _mul(m, (1, 0, 0, 1, v[0], v[1] if len(v) > 1 else 0))
        else:
            c, s = math.cos(math.radians(v[0])), math.sin(math.radians(v[0]))
            m = _mul(m, (c, s, -s, c, 0, 0))
    return m


def _css_matrix(classes, upto):
    """What figures.css does to an animated <g> once phases 1..upto have run."""
    phase = next((c for c in classes if re.fullmatch(r"k\d+m\d+", c)), None)
    if phase is None or int(phase[1:].split("m")[0]) > upto:
        return (1, 0, 0, 1, 0, 0)
    if "fr" in classes:
        a = math.radians(_value(classes, "r"))
        return (math.cos(a), math.sin(a), -math.sin(a), math.cos(a), 0, 0)
    if "fs" in classes:
        return (_value(classes, "s") / 100, 0, 0, 1, 0, 0)
    if "fx" in classes:
        return (1, 0, 0, 1, _value(classes, "x"), 0)
    return (1, 0, 0, 1, 0, _value(classes, "y"))


STROKE = re.compile(r"M(-?[\d.]+) (-?[\d.]+)(?:L(-?[\d.]+) (-?[\d.]+)|H(-?[\d.]+))")


def ink_lines(svg, upto=0):
    """Every figure stroke as ((x1, y1), (x2, y2), width), in picture coordinates.

    A figure's stroke is a path with a width and no class but "fig-hl" (props and arrows have
    theirs), outside the halo groups.
    """
    out = []

    def walk(el, m, in_halo):
        m = _mul(m, _attr_matrix(el.get("transform")))
        m = _mul(m, _css_matrix(el.get("class", "").split(), upto))
        classes = set(el.get("class", "").split())
        in_halo = in_halo or "fig-halo" in classes
        if el.tag == f"{SVG}path" and not in_halo and not classes - {"fig-hl"}:
            x1, y1, lx, ly, hx = STROKE.fullmatch(el.get("d")).groups()
            ends = [(float(x1), float(y1)), (float(lx or hx), float(ly or y1))]
            pts = [(m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5]) for x, y in ends]
            out.append((pts[0], pts[1], float(el.get("stroke-width"))))
        for child in el:
            walk(child, m, in_halo)

    walk(parse(svg), (1, 0, 0, 1, 0, 0), False)
    return out


def _matches(lines_a, lines_b, tol):
    for a0, a1, w in lines_a:
        best = min(
            min(math.dist(a0, b0) + math.dist(a1, b1), math.dist(a0, b1) + math.dist(a1, b0))
            for b0, b1, wb in lines_b
            if wb == w
        )
        assert best < tol, (a0, a1, w, best)


@pytest.mark.parametrize("slug", sorted(POSES))
def test_the_animation_starts_at_the_first_pose_and_reaches_each_later_pose(slug):
    # The movement is seen from the figure's view: it is compared with every pose drawn from there
    # (a pose seen from its own side has its still picture drawn from that side).
    fig = dict(POSES[slug], poses=[dict(pose, view="") for pose in POSES[slug]["poses"]])
    scene_svgs = re.findall(
        r"<svg xmlns=.*?</svg>", figures.render_sequence(fig, name=slug, id_prefix=slug)
    )
    statics, anim = scene_svgs[:-1], scene_svgs[-1]
    assert "fig-anim" in anim
    for k, static in enumerate(statics):
        still, moving = ink_lines(static), ink_lines(anim, upto=k)
        # Trunk, neck and at least the limbs seen: every stroke of the pose is in the movement.
        assert len(still) >= 12 and len(moving) == len(still)
        # 1° / 2 % steps and scaled insets, summed over both ends.
        _matches(still, moving, tol=7)


def test_mid_animation_joints_stay_joined():
    """Half-way through, the forearm still starts where the upper arm ends (rotation about the joint)."""
    *_, svg = re.findall(
        r"<svg xmlns=.*?</svg>",
        figures.render_sequence(POSES["wall-angel"], name="t", id_prefix="w"),
    )
    # emulate a half-way frame: every rotation at half its value
    half = re.sub(
        r'class="fa fr (k1m1) qr(-?\d+)"',
        lambda m: f'class="fa fr {m.group(1)} qr{int(m.group(2)) // 2}"',
        svg,
    )
    lines = ink_lines(half, upto=1)
    upper = [ln for ln in lines if ln[2] == 10]
    fore = [ln for ln in lines if ln[2] == 9.5]
    assert len(fore) == 2 and half != svg
    for f0, _, _ in fore:
        assert min(min(math.dist(f0, u0), math.dist(f0, u1)) for u0, u1, _ in upper) < 1.5


# ---- the body map -------------------------------------------------------------------------
AREAS = {
    a["fields"]["slug"]: a["fields"]["name"]
    for a in json.loads((FIXTURES / "body_areas.json").read_text())
}


def test_body_map_links_every_area_once_with_a_title_and_a_visible_legend():
    html_out = body_map.render_body_map(
        mode="links", areas=AREAS, href=lambda s: f"/exercises/?area={s}", id_prefix="m"
    )
    svg = re.search(r"<svg.*</svg>", html_out, re.DOTALL).group(0)
    links = parse(svg).findall(f".//{SVG}a")
    assert sorted(a.get("data-area") for a in links) == sorted(AREAS)
    for a in links:
        assert a.get("href") == f"/exercises/?area={a.get('data-area')}"
        assert a.find(f"{SVG}title").text == AREAS[a.get("data-area")]
    legend = re.search(r'<ul class="bodymap__legend">(.*)</ul>', html_out).group(1)
    assert re.findall(r'<span class="bodymap__name">([^<]+)</span>', legend) == list(AREAS.values())
    assert "style=" not in html_out and "<script" not in html_out
    assert parse(svg).get("role") == "group"


def test_body_map_highlight_mode_marks_only_the_chosen_areas():
    html_out = body_map.render_body_map(
        mode="highlight", areas=AREAS, selected=["neck", "upper-back"], id_prefix="h"
    )
    svg = parse(re.search(r"<svg.*</svg>", html_out, re.DOTALL).group(0))
    assert svg.get("role") == "img" and not svg.findall(f".//{SVG}a")
    marked = {g.get("data-area") for g in svg.iter(f"{SVG}g") if g.get("data-area")}
    assert marked == {"neck", "upper-back"}
    assert "Neck, Upper back" in svg.find(f"{SVG}desc").text
    assert re.findall(r"</span>([^<]+)</li>", html_out) == ["Neck", "Upper back"]


def test_body_map_regions_are_big_enough_to_tap_and_where_they_belong():
    scale = body_map.MIN_DISPLAY_WIDTH / body_map.WIDTH
    centre = {}
    for slug in AREAS:
        boxes = body_map.region_boxes(slug)
        for x0, y0, x1, y1 in boxes:
            assert min(x1 - x0, y1 - y0) * scale >= 24, slug
        centre[slug] = (
            sum((b[0] + b[2]) / 2 for b in boxes) / len(boxes),
            sum((b[1] + b[3]) / 2 for b in boxes) / len(boxes),
        )
    back = {"shoulder-blades", "upper-back", "mid-back", "lower-back"}
    both = {"neck", "shoulders"}  # seen from the front and from the back
    for slug, (x, _) in centre.items():
        if slug in both:
            assert x == pytest.approx(body_map.WIDTH / 2), slug
        else:
            assert (x > body_map.WIDTH / 2) == (slug in back), slug
    y = {s: c[1] for s, c in centre.items()}
    assert y["neck"] < y["upper-back"] < y["mid-back"] < y["lower-back"]
    assert y["shoulders"] < y["chest"] < y["hips"]


def test_a_set_with_a_lying_or_folded_pose_is_shown_a_row_each_cut_to_its_own_height():
    html_out = figures.render_sequence(POSES["childs-pose"], name="Child's pose", id_prefix="c")
    assert "fig-set--wide" in html_out
    boxes = [
        [float(v) for v in box.split()]
        for box in re.findall(r'<svg xmlns[^>]* viewBox="([^"]+)"', html_out)
    ]
    (x0, y0, w0, h0), *_sitting_back, (x1, y1, w1, h1), _animation = boxes
    # Same width and floor; the folded pose is not drawn under the kneeling one's empty space.
    assert (x0, w0) == (x1, w1) and y0 + h0 == pytest.approx(y1 + h1)  # one-decimal numbers
    assert h1 < 0.6 * h0
    assert 343 * h1 / w1 >= 140  # still 140 px tall or more across a phone
    standing_set = figures.render_sequence(POSES["wall-angel"], name="Wall angel", id_prefix="w")
    assert "fig-set--tall" in standing_set


def test_a_standing_person_seen_from_above_is_not_taken_for_a_lying_one():
    # From above, the face pull's elbows spread wider than the body is deep: read as lying, its
    # three pictures went one a row, 1,350 px down a phone, each as wide as the screen.
    html_out = figures.render_sequence(
        POSES["face-pull-with-band"], name="Face pull", id_prefix="f"
    )
    assert "fig-set--tall fig-set--n3" in html_out


def test_a_turn_arrow_goes_round_where_the_joint_starts_edged_in_white():
    turn = {"type": "turn", "joint": "r_shoulder", "rx": 13, "ry": 13, "start": 30}
    figure = {
        "view": "side",
        "poses": [
            {"caption": "Start", "alt": "Standing.", "posture": "standing"},
            {
                "caption": "Up",
                "alt": "Shoulders lifted.",
                "posture": "standing",
                "angles": {"r_shoulder_shrug": 38},
                "arrows": [dict(turn, sweep=120, direction="anticlockwise")],
            },
        ],
    }
    assert figures.validate(figure) == []
    built = scene.build_scene(normalise(figure))
    start, up = built.frames
    assert math.dist(start["r_shoulder"][:2], up["r_shoulder"][:2]) > 10
    (path,) = scene.arrow_paths(built, 1)
    for point in path:  # round where the shoulder starts, not where it is in this pose
        assert math.dist(point, start["r_shoulder"][:2]) == pytest.approx(13, abs=0.1)
    assert path.edged and path.head_scale == scene.TURN_HEAD
    svg = still_svg(built, 1, "t", "d", "a")
    # A white edge under the line and under the head, drawn before the teal arrow itself.
    assert svg.count('class="fig-arrow-edge"') == 2
    assert svg.index('class="fig-arrow-edge"') < svg.index('class="fig-arrow"')
    # A circle arrow is drawn as it always was: round the joint where it is, with no edge.
    figure["poses"][1]["arrows"][0]["type"] = "circle"
    built = scene.build_scene(normalise(figure))
    (path,) = scene.arrow_paths(built, 1)
    assert math.dist(path[0], built.frames[1]["r_shoulder"][:2]) == pytest.approx(13, abs=0.1)
    assert not path.edged
    assert "fig-arrow-edge" not in still_svg(built, 1, "t", "d", "a")
