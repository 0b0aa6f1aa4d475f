from django.apps import AppConfig


class ExercisesConfig(AppConfig):
    name = "exercises"
    # Loaded by load_guide in this order: an exercise needs its areas and equipment; a step and a
    # pose need their exercise.
    guide_fixtures = ["body_areas", "equipment", "exercises", "exercise_steps", "exercise_poses"]
