"""The guidance app's models: the guide's sections, texts and the clinic's details (guide.py) and
the checklist's rules (checklist.py)."""

from .checklist import *  # noqa: F403
from .guide import *  # noqa: F403
