from django.contrib.postgres.search import SearchVector
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from simple_history.models import HistoricalRecords

from backcare.content import (
    ClinicallyReviewed,
    NaturalKeyManager,
    NaturalKeyModel,
    PublishableModel,
    PublishedQuerySet,
)

from .. import figures
from ..dosage import DOSE_FIELDS, LIMITS, Dose, with_dose_numbers

# A step's, pose's or photo's number, or a routine's place: the admin says this, not the database's
# "Constraint … is violated" (a staff QA pass, round 24).
FROM_ONE = MinValueValidator(1, "Enter 1 or more: the first is number 1.")


class Facet(NaturalKeyModel):
    """A way to narrow the exercise list (a body area, a piece of equipment), by slug."""

    name = models.CharField(max_length=60, unique=True)
    slug = models.SlugField(
        "web address name",
        max_length=60,
        unique=True,
        help_text="Used in web addresses; avoid changing it.",
    )
    order = models.PositiveSmallIntegerField(default=0, help_text="Lower numbers come first.")

    history = HistoricalRecords(inherit=True)

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


class EquipmentNeeded(models.TextChoices):
    """Whether an exercise needs every piece of its equipment, or any one of them will do."""

    ALL = "all", "All of it"
    ANY = "any", "Any one of it"


class Position(models.TextChoices):
    STANDING = "standing", "Standing"
    SITTING = "sitting", "Sitting"
    STANDING_OR_SITTING = "standing-or-sitting", "Standing or sitting"
    LYING_ON_BACK = "lying-on-back", "Lying on your back"
    LYING_ON_FRONT = "lying-on-front", "Lying on your front"
    ALL_FOURS = "all-fours", "On all fours"
    KNEELING = "kneeling", "Kneeling"
    SITTING_ON_FLOOR = "sitting-on-floor", "Sitting on the floor"


def dose_number(name: str, label: str, help_text: str):
    """A number of a dose, optional, kept within its limits (see dosage.LIMITS)."""
    low, high, unit, why = LIMITS[name]
    return models.PositiveSmallIntegerField(
        label,
        null=True,
        blank=True,
        validators=[
            MinValueValidator(low, f"Enter {low} or more, or leave it empty."),
            MaxValueValidator(high, f"Enter {high} {unit} or fewer. {why}"),
        ],
        help_text=f"{help_text} From {low} to {high}; leave empty if it does not apply.",
    )


class Dosed(models.Model):
    """How many, how long and how often, as numbers; the page says it in plain words."""

    repetitions = dose_number("repetitions", "repetitions", "How many times in a row.")
    sets = dose_number("sets", "sets", "Groups of repetitions, with a rest between.")
    hold_seconds = dose_number("hold_seconds", "hold (seconds)", "How long to hold each one.")
    each_side = models.BooleanField(
        "on each side", default=False, help_text="Tick when the count is done on each side."
    )
    side_label = models.CharField(
        "side word",
        max_length=20,
        blank=True,
        help_text="Say “leg” to print “with each leg” instead of “on each side”.",
    )
    directions = models.CharField(
        max_length=120,
        blank=True,
        help_text="When the count is done one way, then another: the ways in order, separated by "
        "commas, e.g. “backward, forward”.",
    )
    rest_seconds = dose_number("rest_seconds", "rest (seconds)", "Rest between sets.")
    times_per_day = dose_number("times_per_day", "times a day", "For stretches and mobility.")
    days_per_week = dose_number("days_per_week", "days a week", "For strength exercises.")
    wording = models.CharField(
        "own wording",
        max_length=200,
        blank=True,
        help_text="Leave empty to use the words made from the numbers above (shown below).",
    )

    class Meta:
        abstract = True

    @property
    def dose(self) -> Dose:
        return Dose.of(self)

    def clean(self):
        super().clean()
        problems = self.dose.problems()
        if problems:
            raise ValidationError(problems)


def exercise_search_vector():
    """What site search reads of an exercise on PostgreSQL, the name weighing most (its index too)."""
    return (
        SearchVector("name", weight="A", config="english")
        + SearchVector("summary", "target_area", weight="B", config="english")
        + SearchVector("benefits", weight="C", config="english")
    )


class ExerciseQuerySet(PublishedQuerySet):
    def with_details(self):
        """Fetch each exercise's areas, equipment, steps, poses and photos as lists (`area_list`,
        `equipment_list`, `step_list`, `pose_list`, `photo_list`): one query each, however many."""
        return self.prefetch_related(
            models.Prefetch("body_areas", to_attr="area_list"),
            models.Prefetch("equipment", to_attr="equipment_list"),
            models.Prefetch("steps", to_attr="step_list"),
            models.Prefetch("poses", to_attr="pose_list"),
            models.Prefetch("photos", to_attr="photo_list"),
        )


def neighbours(exercises: list, exercise) -> tuple:
    """Return the exercises just before and after this one among these, in the guide's order."""
    place = (exercise.order, exercise.name)
    before = [other for other in exercises if (other.order, other.name) < place]
    after = [other for other in exercises if (other.order, other.name) > place]
    return (before[-1] if before else None, after[0] if after else None)


def related_to(exercises: list, exercise, limit=3) -> list:
    """Return up to `limit` of these (from with_details()) that share a body area with this one."""
    areas = {area.pk for area in exercise.area_list}
    return [
        other
        for other in exercises
        if other.pk != exercise.pk and areas & {area.pk for area in other.area_list}
    ][:limit]


class Exercise(ClinicallyReviewed, Dosed, PublishableModel):
    # The dose goes live only once a clinical reviewer approves it.
    gated_fields = DOSE_FIELDS
    clinical_parts = ("steps",)

    name = models.CharField(max_length=100, help_text="The exercise's name as patients see it.")
    slug = models.SlugField(
        "web address name",
        max_length=100,
        unique=True,
        help_text="Used in the web address; avoid changing it.",
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
    equipment_needed = models.CharField(
        "equipment needed",
        max_length=3,
        choices=EquipmentNeeded,
        default=EquipmentNeeded.ALL,
        help_text="With more than one piece of equipment: does the patient need all of it, or will "
        "any one do? “Any one of it” shows as “Needs: a chair or a foam roller”.",
    )
    dosage_source = models.CharField(
        "where the dose comes from",
        max_length=250,
        blank=True,
        help_text="The handout or guidance the numbers follow, e.g. “NHS inform: exercises for "
        "neck problems”.",
    )
    progression = models.CharField(
        "when it gets easier",
        max_length=200,
        blank=True,
        help_text="How to build up, e.g. “Add 1 or 2 repetitions every few days.”",
    )
    benefits = models.TextField(help_text="Why this exercise helps, in one or two sentences.")
    safety_note = models.TextField(
        blank=True, help_text="Anything specific to this exercise a patient must know to stay safe."
    )
    order = models.PositiveSmallIntegerField(
        default=0, help_text="Position in the guide; lower numbers come first."
    )
    figure_view = models.CharField(
        "drawn from",
        max_length=20,
        choices=list(figures.VIEWS.items()),
        default="side",
        help_text="The side from which the movement reads best.",
    )
    figure_props = models.JSONField(
        "props in the drawing",
        default=list,
        blank=True,
        help_text="The mat, chair, wall, band... drawn in light grey.",
    )
    figure_highlight = models.JSONField(
        "parts drawn in colour",
        null=True,
        blank=True,
        help_text="Leave empty to colour the parts that move.",
    )
    figure_in_front = models.JSONField(
        "drawn in front",
        default=list,
        blank=True,
        help_text="Parts drawn over the rest, e.g. a hand resting on the head.",
    )

    objects = NaturalKeyManager.from_queryset(ExerciseQuerySet)()
    history = HistoricalRecords(m2m_fields=[body_areas, equipment])

    # The routine pages' addresses, which an exercise's page would otherwise take.
    RESERVED_SLUGS = frozenset({"routine", "routines"})

    class Meta:
        ordering = ["order", "name"]
        verbose_name = "exercise"
        verbose_name_plural = "exercises"

    def __str__(self):
        return self.name

    def clean(self):
        super().clean()
        if self.slug in self.RESERVED_SLUGS:
            raise ValidationError(
                {"slug": "This address is taken by the routine pages; add a word."}
            )

    def get_absolute_url(self):
        return reverse("exercises:detail", kwargs={"slug": self.slug})

    def linked_keys(self, name: str) -> list:
        # with_details() fetched the areas and equipment as lists.
        fetched = {"body_areas": "area_list", "equipment": "equipment_list"}.get(name)
        if fetched and hasattr(self, fetched):
            return sorted(linked.pk for linked in getattr(self, fetched))
        return super().linked_keys(name)

    def clinical_content(self) -> dict:
        """Add its steps and its figure's poses to what a reviewer signs off."""
        steps = self.step_list if hasattr(self, "step_list") else self.steps.all()
        poses = self.pose_list if hasattr(self, "pose_list") else self.poses.all()
        return {
            **super().clinical_content(),
            "steps": [step.text for step in steps],
            "poses": [pose.as_data() for pose in poses],
        }

    def figure_data(self, poses=None) -> dict | None:
        """Return the figure as the renderer reads it (see figures/), or None without two poses.

        `poses` defaults to the exercise's poses: its `pose_list` from with_details(), or a query.
        """
        if poses is None:
            poses = getattr(self, "pose_list", None)
        if poses is None:
            poses = list(self.poses.all())
        if len(poses) < 2:
            return None
        return {
            "view": self.figure_view,
            "props": self.figure_props,
            "highlight": self.figure_highlight,
            "in_front": self.figure_in_front,
            "poses": [pose.as_data() for pose in poses],
        }


class ExercisePartManager(models.Manager):
    def get_by_natural_key(self, exercise_slug, position):
        return self.get(exercise__slug=exercise_slug, **{self.model.position_field: position})


class ExercisePart(models.Model):
    """Part of one exercise's page (a step, a pose, a photo), known by the exercise and its place.

    Each has its own `exercise` key (each with its related name) and its `position_field`.
    """

    position_field = "order"
    # The row whose admin page edits this one inline, and whose History tells its changes.
    parent_field = "exercise"

    objects = ExercisePartManager()

    class Meta:
        abstract = True

    def natural_key(self):
        return (self.exercise.slug, getattr(self, self.position_field))

    natural_key.dependencies = ["exercises.exercise"]

    def get_absolute_url(self):
        return self.exercise.get_absolute_url()


class StepOrigin(models.TextChoices):
    ARTICLE = "article", "The article's words"
    ADAPTED = "adapted", "Adapted by our physiotherapists"
    ADDED = "added", "Added by our physiotherapists"


class ExerciseStepQuerySet(models.QuerySet):
    def changed_from_article(self):
        """Return the steps that differ from the clinic's article (adapted or added), for review."""
        return self.exclude(origin=StepOrigin.ARTICLE).select_related("exercise")


class ExerciseStep(ExercisePart):
    exercise = models.ForeignKey(Exercise, on_delete=models.CASCADE, related_name="steps")
    number = models.PositiveSmallIntegerField(
        validators=[FROM_ONE], help_text="Steps are shown in this order."
    )
    text = models.CharField(max_length=300, help_text="One action, as an instruction.")
    origin = models.CharField(
        "where it comes from",
        max_length=10,
        choices=StepOrigin,
        default=StepOrigin.ARTICLE,
        help_text="Adapted or added steps tell patients so, and are listed for clinical review.",
    )
    article_text = models.CharField(
        "the article's words",
        max_length=300,
        blank=True,
        help_text="For an adapted step: what the article says. Patients do not see it.",
    )
    count_follows_dose = models.BooleanField(
        "numbers follow the dose",
        default=False,
        help_text="Tick when the step says how many times or seconds (“20 times”): the number "
        "patients see is then the dose's, on the exercise's page, in routines and in print.",
    )

    position_field = "number"
    # What the exercise's review signs off of each step (Exercise.clinical_content).
    clinical_fields = ("text",)
    history = HistoricalRecords()
    objects = ExercisePartManager.from_queryset(ExerciseStepQuerySet)()

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

    def clean(self):
        super().clean()
        if self.origin == StepOrigin.ADAPTED and not self.article_text.strip():
            raise ValidationError(
                {"article_text": "Give the article's words, so the change can be reviewed."}
            )

    def text_for(self, dose: Dose) -> str:
        """Return the step as a patient doing this dose reads it."""
        return with_dose_numbers(self.text, dose) if self.count_follows_dose else self.text


def describes_the_position(text: str) -> None:
    """Refuse a text alternative that names the picture instead of the position."""
    if text.strip().lower().startswith(figures.BANNED_ALT):
        raise ValidationError(
            "Describe the position itself (“Standing with your back against a wall...”), "
            "not the picture (“Image of...”)."
        )


class ExercisePose(ExercisePart):
    """One position of an exercise's figure: a posture and the angles that change it."""

    exercise = models.ForeignKey(Exercise, on_delete=models.CASCADE, related_name="poses")
    order = models.PositiveSmallIntegerField(
        "number",
        validators=[FROM_ONE],
        help_text="Poses are drawn in this order, from left to right.",
    )
    caption = models.CharField(
        max_length=40, help_text="Shown under the figure: “Start”, “End” or a short phrase."
    )
    alt_text = models.CharField(
        "description",
        max_length=300,
        validators=[describes_the_position],
        help_text="One sentence describing the position, read out to people who cannot see the "
        "picture, e.g. “Standing with your back against a wall, elbows bent at shoulder height.”",
    )
    posture = models.CharField(
        max_length=20,
        choices=[(key, posture.label) for key, posture in figures.POSTURES.items()],
        default="standing",
        help_text="Where the body starts from; the angles below change it.",
    )
    angles = models.JSONField(
        default=dict,
        blank=True,
        help_text="Degrees by joint, checked against the drawing's limits.",
    )
    arrows = models.JSONField(
        default=list,
        blank=True,
        help_text="Optional arrows showing the movement, e.g. "
        '[{"type": "path", "joint": "r_hand"}] for the path the right hand takes from the '
        "pose before.",
    )
    highlight = models.JSONField(
        "shaded in this pose",
        default=list,
        blank=True,
        help_text="Parts drawn in colour in this pose's picture, in place of the figure's (the "
        "other side of a stretch, shaded on the other side). Empty: the figure's.",
    )
    view = models.CharField(
        "seen from (this pose only)",
        max_length=20,
        choices=list(figures.VIEWS.items()),
        blank=True,
        help_text="Leave blank to draw this pose like the others. Choose a side only where what "
        "this pose shows cannot be seen from there, e.g. leaning forward with a straight back, "
        "seen from the side. The moving figure keeps the exercise's view.",
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["exercise", "order"]
        verbose_name = "pose"
        verbose_name_plural = "poses"
        constraints = [
            models.UniqueConstraint(fields=["exercise", "order"], name="unique_pose_number"),
            models.CheckConstraint(condition=Q(order__gte=1), name="pose_number_from_one"),
        ]

    def __str__(self):
        return f"{self.exercise}: {self.caption or f'pose {self.order}'}"

    def as_data(self) -> dict:
        """Return the pose as the renderer reads it."""
        return {
            "caption": self.caption,
            "alt": self.alt_text,
            "posture": self.posture,
            "angles": self.angles,
            "arrows": self.arrows,
            # Only where it has its own: a pose without one reads as it always has.
            **({"highlight": self.highlight} if self.highlight else {}),
            **({"view": self.view} if self.view else {}),
        }


class Licence(models.TextChoices):
    OWN = "own", "The clinic's own photo"
    PERMISSION = "permission", "Used with the owner's permission"
    CC0 = "cc0", "CC0 (public domain dedication)"
    CC_BY = "cc-by-4.0", "CC BY 4.0 (credit needed)"
    CC_BY_SA = "cc-by-sa-4.0", "CC BY-SA 4.0 (credit needed)"


class ExercisePhoto(ExercisePart):
    """A photo of the exercise, served as renditions made when it was uploaded (see photos.py)."""

    exercise = models.ForeignKey(Exercise, on_delete=models.CASCADE, related_name="photos")
    order = models.PositiveSmallIntegerField(
        "number",
        default=1,
        validators=[FROM_ONE],
        help_text="Photos are shown in this order, before the figure.",
    )
    alt_text = models.CharField(
        "description",
        max_length=300,
        validators=[describes_the_position],
        help_text="What the photo shows, for people who cannot see it, e.g. “A woman standing "
        "with her back against a wall, arms raised in a W.”",
    )
    credit = models.CharField(
        max_length=200, blank=True, help_text="Who took the photo, e.g. “Photo: Jane Doe”."
    )
    licence = models.CharField(
        max_length=20,
        choices=Licence,
        default=Licence.OWN,
        help_text="May the clinic use it? A Creative Commons licence needs the credit above.",
    )
    source_url = models.URLField(
        "where it comes from", blank=True, help_text="The page the photo was taken from, if any."
    )
    width = models.PositiveIntegerField(editable=False, default=0)
    height = models.PositiveIntegerField(editable=False, default=0)
    renditions = models.JSONField(
        default=list,
        editable=False,
        help_text="The copies made at upload: [{width, height, webp, jpeg}], smallest first.",
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["exercise", "order", "pk"]
        verbose_name = "photo"
        verbose_name_plural = "photos"
        constraints = [
            models.CheckConstraint(condition=Q(order__gte=1), name="photo_number_from_one"),
        ]

    def __str__(self):
        return f"{self.exercise}: photo {self.order}"

    def clean(self):
        super().clean()
        if self.licence in (Licence.CC_BY, Licence.CC_BY_SA) and not self.credit.strip():
            raise ValidationError({"credit": "This licence asks for a credit: say who took it."})

    def _srcset(self, kind: str) -> str:
        return ", ".join(
            f"{default_storage.url(r[kind])} {r['width']}w" for r in self.renditions if r.get(kind)
        )

    @property
    def webp_srcset(self) -> str:
        return self._srcset("webp")

    @property
    def jpeg_srcset(self) -> str:
        return self._srcset("jpeg")

    @property
    def fallback_url(self) -> str:
        """The JPEG for browsers that read no srcset: the middle width, or the only one."""
        if not self.renditions:
            return ""
        return default_storage.url(self.renditions[len(self.renditions) // 2]["jpeg"])

    @property
    def credit_line(self) -> str:
        """Say who took the photo and under what licence, as the page shows it under the photo."""
        if self.licence in (Licence.OWN, Licence.PERMISSION):
            return self.credit
        licence = {Licence.CC0: "CC0", Licence.CC_BY: "CC BY 4.0", Licence.CC_BY_SA: "CC BY-SA 4.0"}
        return ", ".join(part for part in (self.credit, licence[self.licence]) if part)
