from django.apps import AppConfig


class BackcareConfig(AppConfig):
    """The site-wide layer both apps stand on: content bases, history, admin, loading, pages."""

    name = "backcare"
    verbose_name = "BackCare site"

    def ready(self):
        from . import cache, history

        history.connect_signals()
        cache.connect_signals()
