"""Rewrite the generated part of the animation stylesheet (a test fails when it is stale)."""

import argparse

from .motion import write_css

parser = argparse.ArgumentParser(
    prog="python -m exercises.figures",
    description="Rewrite the animation classes after the marker in figures-motion.css.",
)
parser.add_argument(
    "--css",
    metavar="PATH",
    nargs="?",
    const="static/css/figures-motion.css",
    required=True,
    help="the stylesheet to rewrite (default: static/css/figures-motion.css)",
)
write_css(parser.parse_args().css)
