from django.apps import AppConfig, apps


class BackcareConfig(AppConfig):
    """The site-wide layer both apps stand on: content bases, history, admin, loading, pages."""

    name = "backcare"
    verbose_name = "BackCare site"

    def ready(self):
        from django.utils.autoreload import file_changed

        from . import cache, history

        history.connect_signals()
        cache.connect_signals()
        # backcare.cache tells the guide's content by this mark: the models whose changes are recorded.
        for model in apps.get_models():
            if history.has_history(model):
                model._content_history = model.history
        # runserver reloads templates without a restart: pages rendered by the old ones must go.
        file_changed.connect(cache.forget_release, dispatch_uid="backcare-forget-release")
