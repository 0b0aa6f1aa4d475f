from django.apps import AppConfig


class ExercisesConfig(AppConfig):
    name = "exercises"
    # What site search finds here (backcare.search).
    search_sources = "exercises.search"
    # Loaded by load_guide in this order: an exercise needs its areas and equipment; a step and a
    # pose need their exercise, a routine's item its routine and exercise.
    guide_fixtures = [
        "body_areas",
        "equipment",
        "exercises",
        "exercise_steps",
        "exercise_poses",
        "routines",
        "routine_items",
    ]
