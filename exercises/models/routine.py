"""Ready-made routines: a list of the guide's exercises, each with its dose, made by staff."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from simple_history.models import HistoricalRecords

from backcare.content import NaturalKeyManager, PublishableModel, PublishedQuerySet

from ..dosage import Dose
from ..routines import ADJUSTABLE, Adjustment, Entry, Plan, adjust, dose_problems
from .exercise import FROM_ONE, Exercise, dose_number


class RoutineQuerySet(PublishedQuerySet):
    def with_entries(self, catalog: dict | None = None) -> list["Routine"]:
        """Return these routines, each with `entries` of its published exercises, in one query.

        With a `catalog` (published exercises from ExerciseQuerySet.with_details(), by id), the entries
        are those exercises, with their steps and poses. A routine whose exercises are all drafts
        has nothing to offer and is left out.
        """
        items = (
            RoutineItem.objects.filter(routine__in=self, exercise__is_published=True)
            .select_related("routine", "exercise")
            .order_by("routine__order", "routine__name", "routine__pk", "position", "pk")
        )
        routines: dict[int, Routine] = {}
        for item in items:
            routine = routines.setdefault(item.routine_id, item.routine)
            if not hasattr(routine, "entries"):
                routine.entries = []
            exercise = (catalog or {}).get(item.exercise_id, item.exercise)
            routine.entries.append(Entry(exercise=exercise, dose=item.dose))
        return list(routines.values())


class Routine(PublishableModel):
    """A ready-made routine the clinic offers: exercises in order, each with its dose."""

    name = models.CharField(
        max_length=100, help_text="As patients see it, e.g. “5 minutes at your desk, no equipment”."
    )
    slug = models.SlugField(
        "web address name",
        max_length=100,
        unique=True,
        help_text="Used in the web address; avoid changing it.",
    )
    summary = models.CharField(
        max_length=200, help_text="One sentence shown on the home page and the exercise list."
    )
    purpose = models.TextField(
        help_text="Who it is for and why these exercises and doses, in plain words. A blank line "
        "starts a new paragraph."
    )
    order = models.PositiveSmallIntegerField(default=0, help_text="Lower numbers come first.")

    objects = NaturalKeyManager.from_queryset(RoutineQuerySet)()
    history = HistoricalRecords()

    class Meta:
        ordering = ["order", "name"]
        verbose_name = "ready-made routine"
        verbose_name_plural = "ready-made routines"

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("exercises:routine_detail", kwargs={"slug": self.slug})

    @property
    def plan(self) -> Plan:
        """The routine as a patient's own (from RoutineQuerySet.with_entries())."""
        return Plan(entries=self.entries, notes=[])


class RoutineItemManager(models.Manager):
    def get_by_natural_key(self, routine_slug, exercise_slug):
        return self.get(routine__slug=routine_slug, exercise__slug=exercise_slug)


class RoutineItem(models.Model):
    """One exercise of a ready-made routine. Empty numbers keep the exercise's own dose.

    A routine changes only how many and how often; which side, which directions and how long to
    rest always follow the exercise, so the item holds those five numbers and no more.
    """

    # The row whose admin page edits this one inline, and whose History tells its changes.
    parent_field = "routine"

    routine = models.ForeignKey(Routine, on_delete=models.CASCADE, related_name="items")
    exercise = models.ForeignKey(
        Exercise,
        on_delete=models.CASCADE,
        related_name="routine_items",
        help_text="A draft exercise is left out of the routine until it is published.",
    )
    # Not unique, so staff can swap two exercises' positions in one save.
    position = models.PositiveSmallIntegerField(
        validators=[FROM_ONE], help_text="Exercises are done in this order."
    )
    repetitions = dose_number("repetitions", "repetitions", "How many times in a row.")
    sets = dose_number("sets", "sets", "Groups of repetitions.")
    hold_seconds = dose_number("hold_seconds", "hold (seconds)", "How long to hold each one.")
    times_per_day = dose_number("times_per_day", "times a day", "For stretches and mobility.")
    days_per_week = dose_number("days_per_week", "days a week", "For strength exercises.")

    objects = RoutineItemManager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["routine", "position", "pk"]
        verbose_name = "exercise in the routine"
        verbose_name_plural = "exercises in the routine"
        constraints = [
            models.UniqueConstraint(
                fields=["routine", "exercise"],
                name="unique_routine_exercise",
                violation_error_message="This exercise is in the routine already: each comes once.",
            ),
            models.CheckConstraint(condition=Q(position__gte=1), name="routine_position_from_one"),
        ]

    def __str__(self):
        return f"{self.routine}: {self.position}. {self.exercise}"

    def natural_key(self):
        return (self.routine.slug, self.exercise.slug)

    natural_key.dependencies = ["exercises.routine", "exercises.exercise"]

    def get_absolute_url(self):
        return self.routine.get_absolute_url()

    @property
    def adjustment(self):
        return Adjustment(**{name: getattr(self, name) for name in ADJUSTABLE})

    @property
    def dose(self) -> Dose:
        """The exercise's dose with this routine's numbers in place of its own."""
        return adjust(self.exercise.dose, self.adjustment)

    def clean(self):
        super().clean()
        if self.exercise_id is None:
            return
        if self.adjustment and dose_problems(self.dose):
            problems = self.dose.problems()
            raise ValidationError(
                "With the exercise's own numbers, these do not fit together: "
                + " ".join(problems.values())
                if problems
                else "A number is out of its range."
            )
