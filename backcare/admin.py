"""What every content admin shares: history and revert, and a list of deleted rows to bring back."""

from django import forms
from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.db import models
from django.template.response import TemplateResponse
from django.urls import path, reverse
from simple_history.admin import SimpleHistoryAdmin

admin.site.site_header = "BackCare administration"
admin.site.site_title = "BackCare admin"
admin.site.index_title = "Edit the guide"


# One-line fields that hold sentences get room to be read and edited whole.
WIDE_TEXT = {
    models.CharField: {"widget": forms.TextInput(attrs={"class": "vTextField", "size": 90})}
}


class ContentAdmin(SimpleHistoryAdmin):
    """An admin with history, revert and "Recently deleted" (undo a deletion from its history)."""

    change_list_template = "admin/content_change_list.html"
    recently_deleted_template = "admin/recently_deleted.html"

    def get_urls(self):
        name = f"{self.opts.app_label}_{self.opts.model_name}_deleted"
        view = self.admin_site.admin_view(self.recently_deleted_view)
        return [path("deleted/", view, name=name), *super().get_urls()]

    def deleted_records(self):
        """Return the last record of each deleted row that has not been brought back, newest first."""
        history = self.model.history
        pk_name = self.opts.pk.attname
        existing = self.model._default_manager.values(pk_name)
        records = (
            history.filter(history_type="-")
            .exclude(**{f"{pk_name}__in": existing})
            .select_related("history_user")
            .order_by("-history_date")
        )
        latest = {}
        for record in records:
            latest.setdefault(getattr(record, pk_name), record)
        return list(latest.values())

    def recently_deleted_view(self, request):
        """List deleted rows; each links to its history, where a version can be restored."""
        if not self.has_change_permission(request):
            raise PermissionDenied
        prefix = f"{self.admin_site.name}:{self.opts.app_label}_{self.opts.model_name}"
        rows = []
        for record in self.deleted_records():
            object_id = getattr(record, self.opts.pk.attname)
            history_url = reverse(f"{prefix}_history", args=[object_id])
            rows.append({"record": record, "history_url": history_url})
        context = {
            **self.admin_site.each_context(request),
            "title": f"Recently deleted {self.opts.verbose_name_plural}",
            "opts": self.opts,
            "rows": rows,
            "changelist_url": reverse(f"{prefix}_changelist"),
        }
        return TemplateResponse(request, self.recently_deleted_template, context)
