"""Content history (django-simple-history): every change is recorded, and can be undone in admin."""

from django.db import models
from simple_history.models import HistoricalRecords

LOADED_REASON = "Loaded from the guide's fixtures"
CASCADE_REASON = "Deleted with its parent"


class ContentHistory(HistoricalRecords):
    """Record each change of a content row; also reachable from the model for rows saved raw."""

    def finalize(self, sender, **kwargs):
        super().finalize(sender, **kwargs)
        if self.cls is sender or (self.inherit and issubclass(sender, self.cls)):
            # The loader saves fixture rows raw (no post_save history); it records them through this.
            sender._content_history = self

    def post_delete(self, instance, using=None, origin=None, **kwargs):
        # A child deleted because its parent was deleted is marked, so undoing the deletion of the
        # parent can tell those children from ones an editor removed on purpose.
        parent_model = getattr(origin, "model", type(origin))
        if origin is not None and parent_model is not type(instance):
            instance._change_reason = CASCADE_REASON
        super().post_delete(instance, using=using, **kwargs)


def record_loaded(instance: models.Model) -> None:
    """Record a row the loader saved raw as created, with its many-to-many links."""
    history = getattr(type(instance), "_content_history", None)
    if history is not None:
        instance._change_reason = LOADED_REASON
        history.create_historical_record(instance, "+")
        del instance._change_reason
