from django.apps import AppConfig


class ExercisesConfig(AppConfig):
    name = "exercises"
    # Loaded by load_guide in this order: an exercise needs its areas and equipment, a step its
    # exercise, a routine's item its routine and exercise.
    guide_fixtures = [
        "body_areas",
        "equipment",
        "exercises",
        "exercise_steps",
        "routines",
        "routine_items",
    ]
