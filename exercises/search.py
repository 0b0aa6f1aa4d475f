"""What site search finds in this app: the published exercises."""

from django.urls import reverse

from backcare.search import Source

from .models import Exercise, exercise_search_vector

SOURCES = [
    Source(
        kind="exercise",
        label="Exercise",
        model=Exercise,
        title="name",
        summary=("summary", "target_area"),
        text=("benefits",),
        url=lambda slug: reverse("exercises:detail", args=[slug]),
        vector=exercise_search_vector,
    )
]
