from django.apps import AppConfig


class GuidanceConfig(AppConfig):
    name = "guidance"
    # What site search finds here (backcare.search).
    search_sources = "guidance.search"
    # Loaded by load_guide, after the exercises app's fixtures.
    guide_fixtures = [
        "advice_checklists",
        "causes",
        "home_remedies",
        "lifestyle_changes",
        "prevention_tips",
        "seek_help_signs",
        "warning_signs",
        "combination_rules",
        "red_flags",
        "guide_texts",
        "clinic",
    ]

    def ready(self):
        from . import checks  # noqa: F401  (registers the clinic details check)
