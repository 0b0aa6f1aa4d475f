"""What every content admin shares: history and revert, and a list of deleted rows to bring back."""

import datetime

from django import forms
from django.apps import apps
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html
from simple_history.admin import SimpleHistoryAdmin
from simple_history.models import to_historic
from simple_history.template_utils import HistoricalRecordContextHelper

from . import signoff
from .history import (
    APPROVED_PREFIX,
    action_of,
    field_changes,
    latest_version,
    linked_name,
    record_links,
    restored_reason,
    when,
)

admin.site.site_header = "BackCare administration"
admin.site.site_title = "BackCare admin"
admin.site.index_title = "Edit the guide"


# One-line fields that hold sentences get room to be read and edited whole.
WIDE_TEXT = {
    models.CharField: {"widget": forms.TextInput(attrs={"class": "vTextField", "size": 90})}
}


class VersionLinksForm(forms.ModelForm):
    """A change form that, when reverting, starts from the chosen version's many-to-many links.

    Subclasses name the links in `version_links`; simple-history keeps them with each version.
    """

    version_links: tuple[str, ...] = ()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        record = to_historic(self.instance)
        if record is not None and record.history_type == "-":
            # Links are gone by the time a deletion is recorded; the version before it has them.
            record = record.prev_record or record
        if record is not None:
            for name in self.version_links:
                linked = linked_name(self.instance._meta.get_field(name))
                self.initial[name] = [
                    getattr(link, f"{linked}_id") for link in getattr(record, name).all()
                ]


# What a web address name (a slug) may hold, said without the word "slug".
SLUG_MESSAGE = (
    "Use only letters, numbers, hyphens and underscores, with no spaces, e.g. “neck-roll”: it "
    "becomes part of a web address."
)
# The version of the item an editor's form was opened at, sent back with the form.
SEEN_VERSION = "_seen_version"


def saved_meanwhile(form_class, record):
    """Return the form class made to refuse a save over a version someone saved after the form
    was opened, keeping everything typed; the page it shows again carries the newest version, so
    saving again, having checked, keeps the editor's text."""
    who = getattr(record.history_user, "username", "") if record.history_user_id else ""
    saved = f"{who or 'Someone'} saved this"
    reason = record.history_change_reason or ""
    if reason.startswith(APPROVED_PREFIX):
        # The version is a reviewer's approval of a waiting change, not its asker's own save.
        saved = f"{reason.removeprefix(APPROVED_PREFIX)} approved a change to this"
    message = (
        f"{saved} at {when(record)}, after you opened it (in another tab or "
        "window, if it was you). Nothing you typed was saved, and it is all still here: check it "
        "against theirs (the History page shows what they changed), then press Save again to "
        "keep your version of every field, theirs included."
    )

    class SavedMeanwhile(form_class):
        def clean(self):
            super().clean()
            raise ValidationError(message, code="saved_meanwhile")

    return SavedMeanwhile


class LineEndings(forms.CharField):
    """A text box's text with its lines ending as the fixtures' do: browsers send CR LF."""

    def to_python(self, value):
        value = super().to_python(value)
        return value.replace("\r\n", "\n").replace("\r", "\n") if isinstance(value, str) else value


def not_after_today(value) -> None:
    if value > timezone.localdate():
        raise ValidationError("Enter the day it was checked: today or earlier, not a future date.")


class StaffFields:
    """How every admin box of the guide's content reads what staff type (ContentAdmin and the
    inlines):

    - plain text saved unchanged from a browser is unchanged (browsers send CR LF): no "X → X" in
      the history, and the item is not taken as edited by staff, which would keep the fixtures'
      next update from it;
    - a number below a field's own lowest says that field's message ("Enter 1 or more, or leave it
      empty."), not "Ensure this value is greater than or equal to 0.", against help saying
      "From 1 to 6";
    - a web address name (slug) that is not one is told what it may hold, without "slug";
    - the day something was reviewed or checked (`reviewed_on`) is not after today: patients read
      it as "Source checked 1 January 2031".
    """

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        # Plain text only: a slug, an address or a phone number keeps its own form field.
        if type(db_field) in (models.CharField, models.TextField) and not db_field.choices:
            kwargs.setdefault("form_class", LineEndings)
        lowest = [v for v in db_field.validators if isinstance(v, MinValueValidator)]
        if lowest and isinstance(db_field, models.IntegerField):
            kwargs.setdefault("min_value", lowest[0].limit_value)
            kwargs.setdefault("error_messages", {"min_value": lowest[0].message})
        if isinstance(db_field, models.SlugField):
            kwargs.setdefault("error_messages", {"invalid": SLUG_MESSAGE})
        formfield = super().formfield_for_dbfield(db_field, request, **kwargs)
        if db_field.name == "reviewed_on" and formfield is not None:
            formfield.validators.append(not_after_today)
        return formfield


class ContentAdmin(StaffFields, SimpleHistoryAdmin):
    """An admin with history, revert and "Recently deleted" (undo a deletion from its history).

    Two editors with one item open: the second to save is shown that the first saved meanwhile,
    with their own text kept, instead of silently putting back what the first changed.
    """

    change_list_template = "admin/content_change_list.html"
    recently_deleted_template = "admin/recently_deleted.html"
    object_history_template = "admin/content_history.html"
    object_history_list_template = "admin/content_history_list.html"
    object_history_form_template = "admin/content_history_form.html"
    delete_confirmation_template = "admin/content_delete_confirmation.html"
    delete_selected_confirmation_template = "admin/content_delete_selected_confirmation.html"

    class Media:
        css = {"all": ["css/admin.css"]}

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change, **kwargs)
        seen = request.POST.get(SEEN_VERSION) if request.method == "POST" else None
        if obj is None or not seen or getattr(request, "reverting_to", None) is not None:
            return form
        record = latest_version(obj)
        if record is None or str(record.history_id) == seen:
            return form
        return saved_meanwhile(form, record)

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        record = latest_version(obj) if obj is not None else None
        # templates/admin/change_form.html sends it back as SEEN_VERSION.
        context["seen_version"] = record.history_id if record is not None else ""
        return super().render_change_form(request, context, add, change, form_url, obj)

    def get_urls(self):
        name = f"{self.opts.app_label}_{self.opts.model_name}_deleted"
        view = self.admin_site.admin_view(self.recently_deleted_view)
        return [path("deleted/", view, name=name), *super().get_urls()]

    def changelist_view(self, request, extra_context=None):
        # The list's own context has no change permission in it: say here whether to offer the link.
        if self.has_change_permission(request):
            name = f"{self.admin_site.name}:{self.opts.app_label}_{self.opts.model_name}_deleted"
            extra_context = {**(extra_context or {}), "recently_deleted_url": reverse(name)}
        if request.method == "POST" and self.list_editable and "_save" in request.POST:
            refusal = self.list_saved_meanwhile(request)
            if refusal:
                self.message_user(request, refusal, messages.ERROR)
                return HttpResponseRedirect(request.get_full_path())
        extra_context = {**(extra_context or {}), "list_opened_at": timezone.now().isoformat()}
        return super().changelist_view(request, extra_context)

    def list_saved_meanwhile(self, request) -> str:
        """Say which rows of a list being saved were saved after the list was opened, or "".

        A list's boxes post every row as it was shown: saving an old list put back what a
        colleague had changed since, such as re-publishing an exercise they had just taken down
        (a staff QA pass, round 24). The whole save is refused, as a change form's is.
        """
        try:
            opened = datetime.datetime.fromisoformat(request.POST.get("_list_opened_at", ""))
        except ValueError:
            return (
                "Nothing was saved: this list could not tell when it was opened. Make your change "
                "again on this fresh list."
            )
        ids = [
            value
            for key, value in request.POST.items()
            if key.startswith("form-") and key.endswith("-id") and value
        ]
        pk_name = self.opts.pk.attname
        versions = self.model.history.filter(**{f"{pk_name}__in": ids}).order_by(
            "history_date", "history_id"
        )
        # Each row as the list showed it (its last version then) and its versions since.
        shown, since = {}, []
        for record in versions.select_related("history_user"):
            if record.history_date <= opened:
                shown[getattr(record, pk_name)] = record
            else:
                since.append(record)
        # Only a row whose columns on the list changed since: a save that changed something else
        # (or nothing live, a change waiting for a reviewer) is no reason to refuse the list.
        columns = [self.opts.get_field(name).attname for name in self.list_editable]
        changed = {}
        for record in since:
            then = shown.get(getattr(record, pk_name))
            if then is None or any(getattr(then, c) != getattr(record, c) for c in columns):
                changed[str(record.instance)] = record
        if not changed:
            return ""
        names = ", ".join(f"“{name}”" for name in changed)
        who = {getattr(r.history_user, "username", "") or "someone" for r in changed.values()}
        return (
            f"{names} {'was' if len(changed) == 1 else 'were'} saved by {', '.join(sorted(who))} "
            "after you opened this list, and saving it would have put back what the list showed. "
            "Nothing was saved: this fresh list shows their version; make your change again."
        )

    def deleted_records(self, request):
        """Return the last record of each deleted row that has not been brought back, newest first."""
        history = self.model.history
        pk_name = self.opts.pk.attname
        existing = self.get_queryset(request).values(pk_name)
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
        for record in self.deleted_records(request):
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

    def get_readonly_fields(self, request, obj=None):
        # The day an item was last checked is a clinician's to give: an editor set one no
        # clinician gave, and lists showed it (a staff QA pass, round 24).
        # (Where the day may be left empty: a new rule or checklist must give one.)
        fields = list(super().get_readonly_fields(request, obj))
        optional = {field.name for field in self.opts.fields if field.null}
        if "reviewed_on" in optional and not signoff.reviewer_profile(request.user):
            fields.append("reviewed_on")
        return fields

    def deletion_blockers(self, obj) -> list[str]:
        """Return why this row cannot be deleted now, in sentences (none: it can)."""
        return []

    def get_deleted_objects(self, objs, request):
        """Count what a deletion takes with it in an editor's words: "2 steps", "1 pose".

        The rows that only link two others (an exercise and a body area) are left out: they are
        no content of their own, and the history keeps them with the row.
        """
        deleted, counts, perms_needed, protected = super().get_deleted_objects(objs, request)
        # Each reason a row cannot go, as a sentence: the rows that use it, and the admin's own.
        protected = [format_html("{} uses it, so change that first.", row) for row in protected]
        several = len(objs) > 1
        for obj in objs:
            for reason in self.deletion_blockers(obj):
                protected.append(format_html("“{}”: {}", obj, reason) if several else reason)
        by_plural = {
            str(model._meta.verbose_name_plural): model._meta
            for model in apps.get_models(include_auto_created=True)
        }
        in_words = {}
        for plural, count in counts.items():
            meta = by_plural.get(str(plural))
            if meta is not None and meta.auto_created:
                continue
            singular = meta.verbose_name if meta is not None else plural
            in_words[str(singular if count == 1 else plural)] = count
        return deleted, in_words, perms_needed, protected

    # --- History: one row per save, told in an editor's words ----------------------------------

    def admin_url(self, view, *args):
        name = f"{self.admin_site.name}:{self.opts.app_label}_{self.opts.model_name}_{view}"
        return reverse(name, args=args)

    def save_model(self, request, obj, form, change):
        reverting = getattr(request, "reverting_to", None)
        if reverting is not None:
            obj.change_reason = restored_reason(reverting)
        super().save_model(request, obj, form, change)
        # Its links (areas, equipment) are saved next: they belong to this version, not a new one.
        obj.skip_history_when_saving = True

    def finish_version(self, obj):
        """Record the links saved after the row on the version the save made."""
        if hasattr(obj, "skip_history_when_saving"):
            del obj.skip_history_when_saving
            record_links(obj)

    def log_addition(self, request, obj, message):
        self.finish_version(obj)
        return super().log_addition(request, obj, message)

    def log_change(self, request, obj, message):
        self.finish_version(obj)
        reverting = getattr(request, "reverting_to", None)
        if reverting is not None:
            message = restored_reason(reverting)
        return super().log_change(request, obj, message)

    def history_view(self, request, object_id, extra_context=None):
        # A typed address such as .../abc/history/ is "not found", not an error.
        try:
            self.opts.pk.to_python(object_id)
        except ValidationError as mistyped:
            raise Http404("No such item.") from mistyped
        return super().history_view(request, object_id, extra_context)

    def history_record(self, object_id, version_id):
        """Return the version, or answer "not found" for a version that is not one (a typed
        address such as .../history/abc/ is a 404, not an error)."""
        pk_name = self.opts.pk.attname
        lookup = {pk_name: object_id, "history_id": version_id}
        try:
            return get_object_or_404(self.model.history, **lookup)
        except (ValueError, ValidationError) as mistyped:
            raise Http404("No such version.") from mistyped

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        """Show a version with what pressing "Revert" will do; a revert is recorded as a restore."""
        record = self.history_record(object_id, version_id)
        if request.method == "POST":
            # What the save, the admin log and the message that follow say it was: a restore.
            request.reverting_to = record
        context = {
            "version": record,
            "version_when": when(record),
            "version_action": action_of(record).lower(),
            **(extra_context or {}),
        }
        return super().history_form_view(request, object_id, version_id, context)

    def response_change(self, request, obj):
        reverting = getattr(request, "reverting_to", None)
        if reverting is None:
            return super().response_change(request, obj)
        self.message_user(
            request,
            f"The {self.opts.verbose_name} “{obj}” was restored to how it was at "
            f"{when(reverting)}; its history lists this as “Restored”.",
            messages.SUCCESS,
        )
        return HttpResponseRedirect(self.admin_url("history", obj.pk))

    # The history page's rows (admin/content_history_list.html): each version's action, by way of
    # history_list_display, and what changed, by way of the context helper.
    history_list_display = ["action"]

    @admin.display(description="what happened")
    def action(self, record) -> str:
        return action_of(record)

    def history_changes(self, request, delta) -> list:
        """Return what changed from the previous version to this one (a list of history.Change)."""
        if delta.new_record.history_type != "~":
            return []
        return field_changes(delta)

    def get_historical_record_context_helper(self, request, historical_record):
        return ChangesInWords(self, request, historical_record)

    def render_history_view(self, request, template, context, **kwargs):
        # The oldest version on a page of the history is compared with the one before it too.
        page = context.get("page_obj")
        if page:
            oldest = page[len(page) - 1]
            previous = oldest.prev_record
            if previous is not None and not hasattr(oldest, "history_delta_changes"):
                delta = oldest.diff_against(previous, foreign_keys_are_objs=True)
                oldest.history_delta_changes = self.history_changes(request, delta)
        return super().render_history_view(request, template, context, **kwargs)


class ChangesInWords(HistoricalRecordContextHelper):
    """Tell what changed in a version as an editor reads it (ContentAdmin.history_changes)."""

    def __init__(self, model_admin, request, historical_record):
        super().__init__(model_admin.model, historical_record)
        self.model_admin = model_admin
        self.request = request

    def context_for_delta_changes(self, delta) -> list:
        return self.model_admin.history_changes(self.request, delta)


# The clinical sign-off's own screens (registered there): reviewers, reviews, changes that wait.
from . import signoff_admin  # noqa: E402, F401
