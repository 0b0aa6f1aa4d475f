from django.db import models
from django.db.models import Q
from django.urls import reverse

from backcare.content import NaturalKeyManager, NaturalKeyModel, PublishableModel, PublishedQuerySet
from backcare.history import ContentHistory


class Facet(NaturalKeyModel):
    """A way to narrow the exercise list (a body area, a piece of equipment), by slug."""

    name = models.CharField(max_length=60, unique=True)
    slug = models.SlugField(
        max_length=60, unique=True, help_text="Used in web addresses; avoid changing it."
    )
    order = models.PositiveSmallIntegerField(default=0, help_text="Lower numbers come first.")

    history = ContentHistory(inherit=True)

    # The exercise list's query parameter that filters by this kind of facet.
    filter_param: str = ""

    class Meta:
        abstract = True
        ordering = ["order", "name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return f"{reverse('exercises:list')}?{self.filter_param}={self.slug}"


class BodyArea(Facet):
    name = models.CharField(
        max_length=60, unique=True, help_text="As a patient would say it, e.g. “Neck”."
    )
    description = models.CharField(max_length=200, blank=True, help_text="One short sentence.")

    filter_param = "area"

    class Meta(Facet.Meta):
        verbose_name = "body area"
        verbose_name_plural = "body areas"


class Equipment(Facet):
    name = models.CharField(max_length=60, unique=True, help_text="E.g. “Resistance band”.")

    filter_param = "equipment"

    class Meta(Facet.Meta):
        verbose_name = "equipment"
        verbose_name_plural = "equipment"


class Kind(models.TextChoices):
    MOBILITY = "mobility", "Mobility"
    STRETCH = "stretch", "Stretch"
    STRENGTH = "strength", "Strength"


class Position(models.TextChoices):
    STANDING = "standing", "Standing"
    SITTING = "sitting", "Sitting"
    STANDING_OR_SITTING = "standing-or-sitting", "Standing or sitting"
    LYING_ON_BACK = "lying-on-back", "Lying on your back"
    LYING_ON_FRONT = "lying-on-front", "Lying on your front"
    ALL_FOURS = "all-fours", "On all fours"
    KNEELING = "kneeling", "Kneeling"
    SITTING_ON_FLOOR = "sitting-on-floor", "Sitting on the floor"


class ExerciseQuerySet(PublishedQuerySet):
    def with_details(self):
        return self.prefetch_related("steps", "body_areas", "equipment")

    def catalog(self) -> list:
        """Return these exercises as a list for pages, in two queries however many there are.

        Each gets `area_list`, `equipment_list` and `step_list` (plain lists, in the guide's order).
        The areas, equipment and steps come in one query (a UNION), so a page of exercises never
        costs a query per exercise or per kind of link.
        """
        exercises = list(self)
        by_id = {exercise.pk: exercise for exercise in exercises}
        for exercise in exercises:
            exercise.area_list, exercise.equipment_list, exercise.step_list = [], [], []
        if not exercises:
            return exercises
        text = models.CharField()
        ids = list(by_id)
        areas = Exercise.body_areas.through.objects.filter(exercise_id__in=ids).values_list(
            "exercise_id",
            models.Value("area", output_field=text),
            "bodyarea_id",
            "bodyarea__order",
            "bodyarea__name",
            "bodyarea__slug",
        )
        equipment = Exercise.equipment.through.objects.filter(exercise_id__in=ids).values_list(
            "exercise_id",
            models.Value("equipment", output_field=text),
            "equipment_id",
            "equipment__order",
            "equipment__name",
            "equipment__slug",
        )
        steps = ExerciseStep.objects.filter(exercise_id__in=ids).values_list(
            "exercise_id",
            models.Value("step", output_field=text),
            "pk",
            "number",
            "text",
            models.Value("", output_field=text),
        )
        links = areas.order_by().union(equipment.order_by(), steps.order_by(), all=True)
        # One object per area and per piece of equipment, however many exercises share it.
        facets = {}
        for exercise_id, kind, pk, order, name, slug in links:
            exercise = by_id[exercise_id]
            if kind == "area":
                area = facets.setdefault(
                    (kind, pk), BodyArea(pk=pk, order=order, name=name, slug=slug)
                )
                exercise.area_list.append(area)
            elif kind == "equipment":
                item = facets.setdefault(
                    (kind, pk), Equipment(pk=pk, order=order, name=name, slug=slug)
                )
                exercise.equipment_list.append(item)
            else:
                exercise.step_list.append(
                    ExerciseStep(pk=pk, exercise_id=exercise_id, number=order, text=name)
                )
        for exercise in exercises:
            exercise.get_absolute_url()
            exercise.area_list.sort(key=lambda area: (area.order, area.name))
            exercise.equipment_list.sort(key=lambda item: (item.order, item.name))
            exercise.step_list.sort(key=lambda step: step.number)
        return exercises


def neighbours(exercises: list, exercise) -> tuple:
    """Return the exercises just before and after this one among these, in the guide's order."""
    place = (exercise.order, exercise.name)
    before = [other for other in exercises if (other.order, other.name) < place]
    after = [other for other in exercises if (other.order, other.name) > place]
    return (before[-1] if before else None, after[0] if after else None)


def related_to(exercises: list, exercise, limit=3) -> list:
    """Return up to `limit` of these (from catalog()) that share a body area with this one."""
    areas = {area.pk for area in exercise.area_list}
    return [
        other
        for other in exercises
        if other.pk != exercise.pk and areas & {area.pk for area in other.area_list}
    ][:limit]


class Exercise(PublishableModel):
    name = models.CharField(max_length=100, help_text="The exercise's name as patients see it.")
    slug = models.SlugField(
        max_length=100, unique=True, help_text="Used in the web address; avoid changing it."
    )
    summary = models.CharField(
        max_length=200, help_text="One sentence shown on the exercise list and in search results."
    )
    target_area = models.CharField(
        max_length=120,
        help_text="Where the patient should feel it, in the guide's words, e.g. “Neck and upper back”.",
    )
    body_areas = models.ManyToManyField(
        BodyArea, related_name="exercises", help_text="Used for the exercise list's filters."
    )
    kind = models.CharField(max_length=20, choices=Kind, default=Kind.STRETCH)
    position = models.CharField(
        max_length=30, choices=Position, default=Position.STANDING, help_text="How to start."
    )
    equipment = models.ManyToManyField(
        Equipment,
        related_name="exercises",
        blank=True,
        help_text="Leave empty when nothing is needed.",
    )
    dosage = models.CharField(
        max_length=120,
        blank=True,
        help_text="How many or how long, e.g. “5 times backward, then 5 times forward”.",
    )
    benefits = models.TextField(help_text="Why this exercise helps, in one or two sentences.")
    safety_note = models.TextField(
        blank=True, help_text="Anything specific to this exercise a patient must know to stay safe."
    )
    order = models.PositiveSmallIntegerField(
        default=0, help_text="Position in the guide; lower numbers come first."
    )

    objects = NaturalKeyManager.from_queryset(ExerciseQuerySet)()
    history = ContentHistory(m2m_fields=[body_areas, equipment])

    class Meta:
        ordering = ["order", "name"]
        verbose_name = "exercise"
        verbose_name_plural = "exercises"

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        # Worked out once per slug: catalog() does it for each exercise it lists, and the cache
        # keeps it with them.
        cached = self.__dict__.get("_absolute_url")
        if cached is None or cached[0] != self.slug:
            cached = self._absolute_url = (
                self.slug,
                reverse("exercises:detail", kwargs={"slug": self.slug}),
            )
        return cached[1]


class ExerciseStepManager(models.Manager):
    def get_by_natural_key(self, exercise_slug, number):
        return self.get(exercise__slug=exercise_slug, number=number)


class ExerciseStep(models.Model):
    exercise = models.ForeignKey(Exercise, on_delete=models.CASCADE, related_name="steps")
    number = models.PositiveSmallIntegerField(help_text="Steps are shown in this order.")
    text = models.CharField(max_length=300, help_text="One action, as an instruction.")

    objects = ExerciseStepManager()
    history = ContentHistory()

    class Meta:
        ordering = ["exercise", "number"]
        verbose_name = "step"
        verbose_name_plural = "steps"
        constraints = [
            models.UniqueConstraint(fields=["exercise", "number"], name="unique_step_number"),
            models.CheckConstraint(condition=Q(number__gte=1), name="step_number_from_one"),
        ]

    def __str__(self):
        return f"{self.exercise}: step {self.number}"

    def natural_key(self):
        return (self.exercise.slug, self.number)

    natural_key.dependencies = ["exercises.exercise"]

    def get_absolute_url(self):
        return self.exercise.get_absolute_url()
