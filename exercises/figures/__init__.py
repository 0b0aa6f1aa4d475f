"""Exercise figures and the body map, drawn as accessible inline SVG. Pure Python: no Django.

A figure is a view, props and poses (a posture and joint angles each). Read it in this order:

- schema: what a figure may say (views, angles and their limits, postures, props, arrows);
- validation: validate() and normalise(), with messages written for clinic staff;
- skeleton: the body's segments, joints from angles (forward kinematics), the camera;
- scene: every pose placed in one picture, with room for props and arrows;
- svg, props, still: the SVG primitives, the props, and one pose drawn far to near;
- motion: the animated figure and the generated part of figures-motion.css;
- sequence: render_sequence(), the HTML an exercise page shows, and render_start_pose() for cards;
- body_map: render_body_map(), the body whose areas link to their exercises or are coloured in.

`python -m exercises.figures --css static/css/figures-motion.css` rewrites the generated CSS.
"""

from .body_map import render_body_map
from .schema import ANGLES, BANNED_ALT, CHAINS, POSTURES, PROPS, VIEWS, Angle, angle_groups
from .sequence import render_sequence, render_start_pose
from .skeleton import HIGHLIGHTABLE
from .validation import validate

__all__ = [
    "ANGLES",
    "BANNED_ALT",
    "CHAINS",
    "HIGHLIGHTABLE",
    "POSTURES",
    "PROPS",
    "VIEWS",
    "Angle",
    "angle_groups",
    "render_body_map",
    "render_sequence",
    "render_start_pose",
    "validate",
]
