from django.apps import AppConfig


class BackcareConfig(AppConfig):
    """The site-wide layer both apps stand on: content bases, history, admin, loading, pages."""

    name = "backcare"
    verbose_name = "BackCare site"

    def ready(self):
        from django.utils.autoreload import file_changed

        from . import cache

        cache.connect_signals()
        # runserver reloads templates without a restart: pages rendered by the old ones must go.
        file_changed.connect(cache.forget_release, dispatch_uid="backcare-forget-release")
