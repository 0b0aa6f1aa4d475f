"""The checklist's triage: from the signs a patient ticked to one level of urgency, with the reasons.

- Each ticked sign has a level, or none at all: a "context" sign (such as age) never raises the level
  on its own and counts only inside a combination.
- A ``Combination`` fires when every ``all_of`` sign and at least ``min_any`` of its ``any_of`` signs
  are ticked, and then sets at least its own level. Combinations only ever raise the level.
- The result is the highest level among the ticked signs and the combinations that fired.
- "None of these apply to me" never blocks a ticked sign: it is only noted as ignored.

Pure and typed on purpose: no ORM, no HTTP. The rules and combinations come from the database; the
form has already rejected anything that is not a published sign.
"""

from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum


class Level(StrEnum):
    """How soon a patient needs help, highest first: the checklist's outcome, and the level a
    warning sign or a combination rule sets (never self-care: that is only ever an outcome).

    The one definition of the levels: the models' choices, the admin's review and the result page
    all read them from here.
    """

    EMERGENCY = "emergency"
    URGENT = "urgent"
    ROUTINE = "routine"
    SELF_CARE = "self-care"

    @property
    def rank(self) -> int:
        """Return 0 for the most urgent level, counting up."""
        return list(Level).index(self)

    @property
    def short_name(self) -> str:
        """Return the level's name in a word: “Emergency”, “Urgent”, “Routine”, “Self-care”."""
        return self.value.capitalize()

    @property
    def advice(self) -> str:
        """Return what the level asks of the patient: “speak to a doctor today”."""
        return ADVICE[self]

    @property
    def label(self) -> str:
        """Return the level as staff choose it: its name and what it asks of the patient."""
        return f"{self.short_name}: {self.advice}"


ADVICE = {
    Level.EMERGENCY: "call the emergency number now",
    Level.URGENT: "speak to a doctor today",
    Level.ROUTINE: "book an appointment",
    Level.SELF_CARE: "look after it at home",
}
# The levels a warning sign or a combination rule may set.
SIGN_LEVELS = (Level.EMERGENCY, Level.URGENT, Level.ROUTINE)
# How the database spells the level of a sign that has no level on its own (such as age).
CONTEXT = "context"
CONTEXT_NAME = "No level alone"
CONTEXT_LABEL = f"{CONTEXT_NAME}: counts only in a combination rule"
# Context signs sort after every level.
CONTEXT_RANK = len(Level)


def level_name(value: str | None) -> str:
    """Return a sign's or rule's level in a word or two (“Urgent”, “No level alone”)."""
    return CONTEXT_NAME if value in (None, CONTEXT) else Level(value).short_name


def rank_of(value: str | None) -> int:
    """Return a sign's or rule's rank: its level's (0 = emergency); a context sign's comes last."""
    return CONTEXT_RANK if value in (None, CONTEXT) else Level(value).rank


class UnknownSignError(ValueError):
    """A ticked slug matches no rule: the answers and the rules do not belong together."""


def sign_level(value: "Level | str | None", slug: str) -> "Level | None":
    """Read a sign's level: one of the levels, or None (or "context") for no level alone."""
    if value is None or value == CONTEXT:
        return None
    level = Level(value)
    if level not in SIGN_LEVELS:
        raise ValueError(f"A warning sign cannot be “{level}”: {slug}")
    return level


@dataclass(frozen=True)
class Rule:
    """One warning sign as the triage sees it; ``urgency`` is None for a context sign."""

    slug: str
    question: str
    why: str
    urgency: Level | None
    # The sign in a few words, for lists of signs ("Lost weight without trying").
    in_short: str = ""

    def __post_init__(self):
        object.__setattr__(self, "urgency", sign_level(self.urgency, self.slug))

    @property
    def rank(self) -> int:
        return rank_of(self.urgency)

    @property
    def level(self) -> str:
        """Return the sign's level as the database spells it: a level, or “context”."""
        return CONTEXT if self.urgency is None else self.urgency.value


def _slugs(value: Iterable[str]) -> tuple[str, ...]:
    if isinstance(value, str):
        # ("age") is a string, not a tuple: refuse it rather than read it letter by letter.
        raise TypeError(f"Expected a list of sign slugs, got the string {value!r}")
    return tuple(dict.fromkeys(value))


def combination_problems(
    all_of: Collection[str], any_of: Collection[str], min_any: int
) -> list[str]:
    """Return, in words an editor understands, why these signs cannot make a combination rule."""
    problems = []
    both = set(all_of) & set(any_of)
    if both:
        problems.append(
            "A question cannot be both one that must be ticked and one of the choices: "
            + ", ".join(sorted(both))
            + "."
        )
    if any_of and not 1 <= min_any <= len(any_of):
        problems.append(
            f"“How many of the choices” is {min_any}: with {len(any_of)} choices it must be "
            f"a number from 1 to {len(any_of)}."
        )
    elif not any_of and min_any != 0:
        problems.append("“How many of the choices” must be 0 when there are no choices.")
    elif len(all_of) + min_any < 2:
        problems.append(
            "A combination needs at least two ticked questions to fire; one question's level "
            "is set on the question itself."
        )
    return problems


@dataclass(frozen=True)
class Combination:
    """A rule over several signs: it fires when every ``all_of`` sign and at least ``min_any`` of
    the ``any_of`` signs are ticked, and then sets at least ``urgency``.

    ``min_any`` defaults to 1 when there are ``any_of`` signs, 0 otherwise.
    """

    slug: str
    summary: str
    why: str
    urgency: Level
    source: str
    all_of: tuple[str, ...] = ()
    any_of: tuple[str, ...] = ()
    min_any: int | None = None

    def __post_init__(self):
        all_of, any_of = _slugs(self.all_of), _slugs(self.any_of)
        min_any = (1 if any_of else 0) if self.min_any is None else self.min_any
        problems = combination_problems(all_of, any_of, min_any)
        if problems:
            raise ValueError(f"{self.slug}: {' '.join(problems)}")
        level = Level(self.urgency)
        if level not in SIGN_LEVELS:
            raise ValueError(f"A combination cannot be “{level}”: {self.slug}")
        object.__setattr__(self, "all_of", all_of)
        object.__setattr__(self, "any_of", any_of)
        object.__setattr__(self, "min_any", min_any)
        object.__setattr__(self, "urgency", level)

    @property
    def signs(self) -> frozenset[str]:
        """Every sign the combination looks at."""
        return frozenset(self.all_of) | frozenset(self.any_of)

    def matches(self, ticked: Collection[str]) -> bool:
        """Whether these ticked signs fire the combination."""
        ticked = frozenset(ticked)
        return ticked.issuperset(self.all_of) and len(ticked & set(self.any_of)) >= self.min_any


@dataclass(frozen=True)
class FiredCombination:
    """A combination that fired, with the ticked signs it counted, in checklist order."""

    combination: Combination
    signs: tuple[Rule, ...]

    @property
    def urgency(self) -> Level:
        return self.combination.urgency


@dataclass(frozen=True)
class SignAlone:
    """A ticked sign with no level of its own (such as age) that fired no combination, and the
    signs that, ticked with it, would: by the level they would give, most urgent first."""

    rule: Rule
    partners: tuple[tuple[Level, tuple[Rule, ...]], ...]


@dataclass(frozen=True)
class Assessment:
    """The outcome: the level, every ticked sign (most urgent first, context signs last) and every
    combination that fired (most urgent first)."""

    urgency: Level
    reasons: tuple[Rule, ...] = ()
    combinations: tuple[FiredCombination, ...] = ()
    # "None of these apply to me" was ticked too, and ignored because a sign was ticked.
    none_apply_ignored: bool = False
    # The ticked context signs that changed nothing, with what would make them count.
    alone: tuple[SignAlone, ...] = ()

    @property
    def alone_rules(self) -> tuple[Rule, ...]:
        """Return the ticked signs with no level that changed nothing (see ``alone``)."""
        return tuple(sign.rule for sign in self.alone)

    @property
    def offers_exercises(self) -> bool:
        """Exercises are only suggested when there is no need to see a doctor soon."""
        return self.urgency in (Level.ROUTINE, Level.SELF_CARE)

    @property
    def deciding(self) -> tuple[FiredCombination | Rule, ...]:
        """Return what set the level: the combinations, then the signs, that reach it."""
        return self.deciding_combinations + tuple(
            r for r in self.reasons if r.urgency is self.urgency
        )

    @property
    def deciding_combinations(self) -> tuple[FiredCombination, ...]:
        """Return the combinations that fired at the result's level (a lower one adds nothing)."""
        return tuple(c for c in self.combinations if c.urgency is self.urgency)

    @property
    def decided_by_combination(self) -> bool:
        """Whether only a combination, and no single sign, reaches the level."""
        deciding = self.deciding
        return bool(deciding) and all(isinstance(d, FiredCombination) for d in deciding)


def assess(
    *,
    ticked: Collection[str],
    rules: Sequence[Rule],
    combinations: Sequence[Combination] = (),
    none_apply: bool = False,
) -> Assessment:
    """Return the highest level among the ticked signs and the combinations they fire (self-care
    if none), with every reason."""
    position = {rule.slug: index for index, rule in enumerate(rules)}
    if len(position) != len(rules):
        raise ValueError("Two rules share a slug.")
    if len({c.slug for c in combinations}) != len(combinations):
        raise ValueError("Two combinations share a slug.")
    ticked_set = frozenset(ticked)
    unknown = ticked_set - position.keys()
    if unknown:
        raise UnknownSignError(f"No rule for: {', '.join(sorted(unknown))}")

    def in_checklist_order(slugs: Iterable[str]) -> tuple[Rule, ...]:
        return tuple(rules[i] for i in sorted(position[slug] for slug in slugs))

    reasons = sorted(
        (rules[position[slug]] for slug in ticked_set),
        key=lambda rule: (rule.rank, position[rule.slug]),
    )
    order = {c.slug: index for index, c in enumerate(combinations)}
    fired = [
        FiredCombination(combination=c, signs=in_checklist_order(c.signs & ticked_set))
        for c in sorted(combinations, key=lambda c: (c.urgency.rank, order[c.slug]))
        if c.matches(ticked_set)
    ]
    levels = [rule.urgency for rule in reasons if rule.urgency is not None]
    levels += [c.urgency for c in fired]
    counted = frozenset().union(*(f.combination.signs for f in fired))
    alone = tuple(
        SignAlone(rule=rule, partners=_partners(rule, ticked_set, combinations, rules, position))
        for rule in reasons
        if rule.urgency is None and rule.slug not in counted
    )
    return Assessment(
        urgency=min(levels, key=lambda level: level.rank, default=Level.SELF_CARE),
        reasons=tuple(reasons),
        combinations=tuple(fired),
        none_apply_ignored=bool(none_apply and ticked_set),
        alone=alone,
    )


def _partners(
    rule: Rule,
    ticked: frozenset[str],
    combinations: Sequence[Combination],
    rules: Sequence[Rule],
    position: Mapping[str, int],
) -> tuple[tuple[Level, tuple[Rule, ...]], ...]:
    """Return each sign that, ticked as well, would fire a combination with this one, by the
    level it would give; a sign whose own level is that high already is left out (it adds nothing
    to this one)."""
    best: dict[str, Level] = {}
    for combination in combinations:
        if rule.slug not in combination.signs:
            continue
        level = combination.urgency
        for slug in (combination.signs - ticked) & position.keys():
            adds = rules[position[slug]].rank > level.rank and combination.matches(ticked | {slug})
            if adds and level.rank < best.get(slug, Level.SELF_CARE).rank:
                best[slug] = level
    return tuple(
        (
            level,
            tuple(rules[i] for i in sorted(position[s] for s, at in best.items() if at is level)),
        )
        for level in SIGN_LEVELS
        if level in best.values()
    )
