"""Check figure data and fill in its defaults; every problem is a sentence for clinic staff."""

import difflib
import math

from .schema import (
    ANGLES,
    ARROW_DIRECTIONS,
    ARROW_KEYS,
    ARROW_NUMBERS,
    ARROW_TYPES,
    BANNED_ALT,
    CHAINS,
    FIGURE_KEYS,
    JOINT_LABELS,
    MAX_POSES,
    POSE_KEYS,
    POSTURES,
    PROPS,
    PROPS_BY_VIEW,
    SEATS,
    VIEWS,
)
from .skeleton import HIGHLIGHTABLE
from .svg import short_number


def validate(data) -> list:
    """Return the problems with a figure or a single pose in words ([] if none); never raise."""
    try:
        return problems_of(data)
    except Exception:  # noqa: BLE001 - a safety net: staff must get a message, never a server error
        return [
            "The pose data could not be read; check that it is a figure with a view and a list of poses."
        ]


def normalise(data) -> dict:
    """Return a valid figure or pose as a figure with every default filled in (or ValueError)."""
    errors = validate(data)
    if errors:
        raise ValueError("; ".join(errors))
    props = []
    for prop in data.get("props", []):
        prop = {"type": prop} if isinstance(prop, str) else prop
        defaults = {option: values[0] for option, values in PROPS[prop["type"]][1].items()}
        props.append(defaults | dict(prop))
    poses = data.get("poses", [data])
    return {
        "view": data["view"],
        "props": props,
        "highlight": data.get("highlight"),
        "in_front": list(data.get("in_front", [])),
        "poses": [normal_pose(pose, data["view"]) for pose in poses],
    }


def normal_pose(pose, view) -> dict:
    return {
        # The side it is seen from: its own, or (left out or blank) the figure's.
        "view": pose.get("view") or view,
        "caption": pose.get("caption", ""),
        "alt": pose.get("alt", ""),
        "posture": pose.get("posture", "standing"),
        "angles": {
            name: float(value) for name, value in sorted((pose.get("angles") or {}).items())
        },
        "arrows": [dict(arrow) for arrow in pose.get("arrows", [])],
        # Its own coloured parts, for its still picture; empty: the figure's.
        "highlight": list(pose.get("highlight") or []),
    }


# ---- the checks ----------------------------------------------------------------------------
def is_number(value) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value)


def brief_repr(value, limit=30) -> str:
    """Return what was given, cut short, to quote in a message."""
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def one_of(names) -> str:
    """“a”, “b” or “c”: the choices, in words for staff."""
    quoted = [f"“{name}”" for name in names]
    return quoted[0] if len(quoted) == 1 else ", ".join(quoted[:-1]) + " or " + quoted[-1]


def unknown(kind, key, known) -> str:
    """Return "Unknown <kind> ...", with the nearest known name as a suggestion."""
    hint = difflib.get_close_matches(str(key), sorted(known), n=1)
    return f"Unknown {kind} {brief_repr(key)}." + (f" Did you mean “{hint[0]}”?" if hint else "")


def problems_of(data) -> list:
    if not isinstance(data, dict):
        return [f"Pose data must be an object (a dictionary), not {type(data).__name__}."]
    is_figure = "poses" in data
    errors = []
    view = data.get("view")
    if view not in VIEWS:
        errors.append(
            "Choose a view: " + ", ".join(VIEWS) + f" (got {brief_repr(view)})."
            if view is not None
            else "Choose a view: " + ", ".join(VIEWS) + "."
        )
    errors += prop_problems(data.get("props", []), view)
    errors += highlight_problems(data.get("highlight"), "to work it out from the poses")
    in_front = data.get("in_front", [])
    if not isinstance(in_front, list):
        errors.append('“In front” must be a list of body parts, such as ["r_arm"].')
    else:
        errors += [
            unknown("body part to draw in front", chain, CHAINS)
            for chain in in_front
            if chain not in CHAINS
        ]
    if not is_figure:
        return errors + pose_problems("The pose", data, POSE_KEYS | FIGURE_KEYS, need_text=False)
    errors += [
        unknown("field", key, FIGURE_KEYS) for key in sorted(set(data) - FIGURE_KEYS, key=str)
    ]
    poses = data["poses"]
    seats = isinstance(data.get("props"), list) and any(
        (prop.get("type") if isinstance(prop, dict) else prop) in SEATS for prop in data["props"]
    )
    if (
        isinstance(poses, list)
        and not seats
        and any(isinstance(pose, dict) and pose.get("posture") == "sitting" for pose in poses)
    ):
        errors.append(
            "A sitting pose needs something to sit on: add a chair or a stool to the props."
        )
    if not isinstance(poses, list) or len(poses) < 2:
        return errors + ["Add at least two poses: a start and an end position."]
    if len(poses) > MAX_POSES:
        errors.append(f"Use at most {MAX_POSES} poses; there are {len(poses)}.")
    for number, pose in enumerate(poses, 1):
        caption = pose.get("caption") if isinstance(pose, dict) else None
        where = f"Pose {number}" + (
            f" (“{caption}”)" if isinstance(caption, str) and caption.strip() else ""
        )
        errors += pose_problems(where, pose, POSE_KEYS, need_text=True)
        if isinstance(pose, dict):
            errors += [
                f"{where}: {problem}"
                for problem in highlight_problems(pose.get("highlight"), "to use the figure's")
                + pose_view_problems(pose.get("view"), data.get("props", []), view)
            ]
    return errors


def pose_view_problems(own_view, props, view) -> list:
    """Return what is wrong with the side a pose is seen from, if not the figure's (blank)."""
    if not own_view or own_view == view:
        return []
    if own_view not in VIEWS:
        return [
            f"Choose a view: {', '.join(VIEWS)} (got {brief_repr(own_view)}), or leave it blank."
        ]
    if not isinstance(props, list):
        return []
    return [
        problem.replace("choose another view", "choose another view for this pose")
        for problem in prop_problems(props, own_view)
        if " view" in problem  # the others are told once, for the figure
    ]


def highlight_problems(highlight, when_left_out) -> list:
    """Return what is wrong with a figure's highlight, or a pose's own (None: none given)."""
    if highlight is None:
        return []
    if not isinstance(highlight, list):
        return [f"Highlight must be a list of body parts, or left out {when_left_out}."]
    return [
        unknown("body part to highlight", part, HIGHLIGHTABLE)
        for part in highlight
        if part not in HIGHLIGHTABLE
    ]


def text_problems(where, pose, key, label, limit) -> list:
    value = pose.get(key)
    if not isinstance(value, str) or not value.strip():
        return [f"{where}: add {label}."]
    if len(value) > limit:
        return [f"{where}: {label} is {len(value)} characters long; keep it under {limit}."]
    if key == "alt" and value.strip().lower().startswith(BANNED_ALT):
        return [
            f"{where}: describe the position itself (“Standing with…”), not the picture (“Image of…”)."
        ]
    return []


def prop_problems(props, view) -> list:
    if not isinstance(props, list):
        return ['Props must be a list, for example [{"type": "mat"}].']
    errors, seen = [], set()
    for number, prop in enumerate(props, 1):
        prop = {"type": prop} if isinstance(prop, str) else prop
        if not isinstance(prop, dict) or not isinstance(prop.get("type"), str):
            errors.append(f"Prop {number} must name its type, one of: {', '.join(PROPS)}.")
            continue
        kind = prop["type"]
        if kind not in PROPS:
            errors.append(unknown("prop", kind, PROPS) + f" Props: {', '.join(PROPS)}.")
            continue
        if kind in seen:
            errors.append(f"The prop “{kind}” is listed twice.")
        seen.add(kind)
        options = PROPS[kind][1]
        for key, value in prop.items():
            if key == "type":
                continue
            if key not in options:
                errors.append(f"Prop “{kind}” has no option {brief_repr(key)}.")
            elif value not in options[key]:
                errors.append(
                    f"Prop “{kind}”: {key} must be one of {', '.join(options[key])}, "
                    f"not {brief_repr(value)}."
                )
        if view in PROPS_BY_VIEW and kind not in PROPS_BY_VIEW[view]:
            errors.append(
                f"The prop “{kind}” cannot be drawn in the {view} view; "
                f"choose another view or another prop."
            )
        if kind == "band" and prop.get("anchor", "front") == "front" and view in ("front", "back"):
            errors.append(
                "A band anchored in front of the person only shows in the side view, a three-quarter view "
                "or from above; use one of those views or anchor it overhead."
            )
        if kind == "band" and prop.get("anchor") == "overhead" and view == "top":
            errors.append(
                "A band anchored overhead cannot be seen from above; choose another view "
                "or anchor it in front."
            )
    return errors


def arrow_problems(where, arrows) -> list:
    if not isinstance(arrows, list):
        return [f"{where}: arrows must be a list."]
    errors = []
    for number, arrow in enumerate(arrows, 1):
        if not isinstance(arrow, dict):
            errors.append(f"{where}: arrow {number} must be an object with a type and a joint.")
            continue
        for key in sorted(set(arrow) - ARROW_KEYS, key=str):
            errors.append(f"{where}: arrow {number}: " + unknown("field", key, ARROW_KEYS))
        if arrow.get("type") not in ARROW_TYPES:
            errors.append(
                f"{where}: arrow {number}: type must be {one_of(ARROW_TYPES)}, "
                f"not {brief_repr(arrow.get('type'))}."
            )
        if arrow.get("joint") not in JOINT_LABELS:
            errors.append(
                f"{where}: arrow {number}: " + unknown("joint", arrow.get("joint"), JOINT_LABELS)
            )
        for key, (lowest, highest) in ARROW_NUMBERS.items():
            if key in arrow and not (is_number(arrow[key]) and lowest <= arrow[key] <= highest):
                errors.append(
                    f"{where}: arrow {number}: {key} must be a number from {lowest} to {highest}."
                )
        if "direction" in arrow and arrow["direction"] not in ARROW_DIRECTIONS:
            errors.append(
                f"{where}: arrow {number}: direction must be “clockwise” or “anticlockwise”."
            )
    return errors


def pose_problems(where, pose, keys, need_text) -> list:
    if not isinstance(pose, dict):
        return [f"{where} must be an object with a posture and angles, not {type(pose).__name__}."]
    errors = [
        f"{where}: " + unknown("field", key, keys) for key in sorted(set(pose) - keys, key=str)
    ]
    if need_text:
        errors += text_problems(
            where, pose, "caption", "a caption (“Start”, “End” or a step number)", 40
        )
        errors += text_problems(where, pose, "alt", "a sentence describing the position", 300)
    posture = pose.get("posture", "standing")
    if posture not in POSTURES:
        errors.append(
            f"{where}: "
            + unknown("posture", posture, POSTURES)
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
            errors.append(f"{where}: " + unknown("angle", name, ANGLES))
        elif not is_number(value):
            errors.append(
                f"{where}: {spec.label} must be a number of degrees, not {brief_repr(value)}."
            )
        elif not spec.minimum <= value <= spec.maximum:
            errors.append(
                f"{where}: {spec.label} is {short_number(value)}°; it must be between "
                f"{spec.minimum}° and {spec.maximum}° ({spec.hint})."
            )
    if "arrows" in pose:
        errors += arrow_problems(where, pose["arrows"])
    return errors
