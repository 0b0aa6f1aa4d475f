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
        "guide_texts",
        "clinic",
    ]
