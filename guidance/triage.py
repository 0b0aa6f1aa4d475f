"""The checklist's triage: from the signs a patient ticked to one level of urgency, with the reasons.

Pure and typed on purpose: no ORM, no HTTP. The rules come from the published warning signs; the
form has already rejected anything that is not one of them.
"""

from collections.abc import Collection, Sequence
from dataclasses import dataclass
from enum import StrEnum


class Level(StrEnum):
    """The outcome levels, highest first."""

    EMERGENCY = "emergency"
    URGENT = "urgent"
    ROUTINE = "routine"
    SELF_CARE = "self-care"

    @property
    def rank(self) -> int:
        """Return 0 for the most urgent level, counting up."""
        return list(Level).index(self)


class UnknownSignError(ValueError):
    """A ticked slug matches no rule: the answers and the rules do not belong together."""


@dataclass(frozen=True)
class Rule:
    """One warning sign as the triage sees it."""

    slug: str
    question: str
    why: str
    urgency: Level

    def __post_init__(self):
        level = Level(self.urgency)
        if level is Level.SELF_CARE:
            raise ValueError(f"A warning sign cannot be “{level}”: {self.slug}")
        object.__setattr__(self, "urgency", level)


@dataclass(frozen=True)
class Assessment:
    """The outcome: the level, and every ticked sign, most urgent first."""

    urgency: Level
    reasons: tuple[Rule, ...] = ()

    @property
    def offers_exercises(self) -> bool:
        """Exercises are only suggested when there is no need to see a doctor soon."""
        return self.urgency in (Level.ROUTINE, Level.SELF_CARE)


def assess(*, ticked: Collection[str], rules: Sequence[Rule]) -> Assessment:
    """Return the highest urgency among the ticked signs (self-care if none), with every reason."""
    position = {rule.slug: index for index, rule in enumerate(rules)}
    if len(position) != len(rules):
        raise ValueError("Two rules share a slug.")
    unknown = set(ticked) - position.keys()
    if unknown:
        raise UnknownSignError(f"No rule for: {', '.join(sorted(unknown))}")
    reasons = sorted(
        (rules[position[slug]] for slug in set(ticked)),
        key=lambda rule: (rule.urgency.rank, position[rule.slug]),
    )
    urgency = reasons[0].urgency if reasons else Level.SELF_CARE
    return Assessment(urgency=urgency, reasons=tuple(reasons))
