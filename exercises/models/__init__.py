"""The exercises app's models: the exercises with their parts (exercise.py) and the ready-made
routines (routine.py)."""

from .exercise import *  # noqa: F403
from .routine import *  # noqa: F403
