"""Clinical sign-off in the admin: changes held for a reviewer, the approval screen, the to-do list."""

from django import forms
from django.contrib import admin, messages
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html

from . import signoff
from .history import latest_version
from .models import PendingChange, Review, ReviewerProfile


def review_url(item) -> str:
    content_type = ContentType.objects.get_for_model(item)
    return reverse("admin:backcare_review_item", args=[content_type.pk, item.pk])


class SignOffAdmin:
    """Mixed into a content admin whose model has `gated_fields`: a change to them waits.

    The row is saved with its live values of those fields; what the editor asked for is kept as a
    PendingChange until a clinical reviewer approves it. A new row that would go live at once is
    saved as a draft, its publication waiting the same way.
    """

    def gated(self, form) -> tuple[list[str], list[str]]:
        """Return the gated fields this form edits: (fields of the row, links)."""
        meta = self.model._meta
        names = [name for name in self.model.gated_fields if name in form.cleaned_data]
        links = [name for name in names if meta.get_field(name).many_to_many]
        return [name for name in names if name not in links], links

    def save_model(self, request, obj, form, change):
        own, links = self.gated(form)
        asked = {name: signoff.value_of(obj, name) for name in own}
        # A deleted row brought back from its history is saved as a change, but is new again.
        live = self.model.objects.filter(pk=obj.pk).first() if change else None
        if live is not None:
            for name in own:
                attname = self.model._meta.get_field(name).attname
                setattr(obj, attname, getattr(live, attname))
            for name in links:
                asked[name] = sorted(linked.pk for linked in form.cleaned_data[name])
                # The form saves its links next (save_m2m): the live ones, while these wait.
                form.cleaned_data[name] = list(getattr(live, name).all())
        elif getattr(obj, "is_published", False) and "is_published" in self.model.gated_fields:
            obj.is_published = False
        else:
            asked = {}
        request.signoff_asked = asked
        super().save_model(request, obj, form, change)

    # The change form, the list's editable columns and a revert all log the change once the row
    # and its links are saved: what was asked for is held back then.

    def log_addition(self, request, obj, message):
        logged = super().log_addition(request, obj, message)
        self.hold_back(request, obj)
        return logged

    def log_change(self, request, obj, message):
        logged = super().log_change(request, obj, message)
        self.hold_back(request, obj)
        return logged

    def hold_back(self, request, obj) -> None:
        asked = getattr(request, "signoff_asked", None)
        request.signoff_asked = None
        waiting = signoff.hold_back(obj, asked, request.user) if asked else None
        if waiting is not None:
            # The version this save made changed nothing live: its history says what it asked for
            # (each read "Saved without changes": a staff QA pass, round 24).
            version = latest_version(obj)
            if version is not None and not version.history_change_reason:
                asked_words = "; ".join(str(c) for c in signoff.change_in_words(waiting))
                reason = f"Asked a clinical reviewer to approve: {asked_words}"
                version.history_change_reason = reason if len(reason) <= 100 else reason[:99] + "…"
                version.save(update_fields=["history_change_reason"])
            fields = ", ".join(f"“{change.what}”" for change in signoff.change_in_words(waiting))
            self.message_user(
                request,
                format_html(
                    "Your change to {} waits for a clinical reviewer’s approval; until then the "
                    'public sees the approved version. <a href="{}">See what it changes</a>.',
                    fields,
                    review_url(obj),
                ),
                messages.WARNING,
            )
            if waiting.replaced:
                self.message_user(
                    request,
                    f"It replaces what {waiting.replaced_editor} had asked for, which no longer "
                    f"waits: {'; '.join(waiting.replaced)}. Tell them, if they did not know.",
                    messages.WARNING,
                )

    def change_view(self, request, object_id, form_url="", extra_context=None):
        if request.method == "GET":
            obj = self.get_object(request, object_id)
            waiting = signoff.pending_change(obj) if obj is not None else None
            if waiting is not None:
                self.message_user(
                    request,
                    format_html(
                        "A change to this {} waits for a clinical reviewer: {}. The form shows "
                        'what is live. <a href="{}">Review it</a>.',
                        self.opts.verbose_name,
                        "; ".join(str(change) for change in signoff.change_in_words(waiting)),
                        review_url(obj),
                    ),
                    messages.INFO,
                )
            refused = signoff.last_refusal(obj) if obj is not None and waiting is None else None
            if refused is not None:
                # The person who asked learns what became of it (it said nothing: round 24).
                words = "; ".join(str(c) for c in signoff.change_in_words(refused)).rstrip(".")
                by = signoff.reviewer_profile(refused.decided_by) or refused.decided_by
                because = f" Their reason: {refused.why_not}" if refused.why_not else ""
                self.message_user(
                    request,
                    f"{by} did not approve the change asked for on "
                    f"{refused.asked_at:%d %b %Y}: {words}.{because}",
                    messages.WARNING,
                )
        return super().change_view(request, object_id, form_url, extra_context)


class SignOffForm(forms.Form):
    sources = forms.CharField(
        label="Sources you checked it against",
        widget=forms.Textarea(attrs={"rows": 3, "cols": 80}),
        help_text="One per line, e.g. “NHS: Back pain”, “NICE CKS: Back pain - low (without "
        "radiculopathy)”.",
    )


@admin.register(ReviewerProfile)
class ReviewerProfileAdmin(admin.ModelAdmin):
    list_display = ["public_name", "credentials", "user"]
    search_fields = ["public_name", "credentials", "user__username"]
    list_select_related = ["user"]


class KindOfItem(admin.SimpleListFilter):
    """The kinds of content a clinician signs off, in staff's words ("Exercises", "Warning signs"),
    in place of the admin's list of every table in the database."""

    title = "kind of item"
    parameter_name = "kind"

    def lookups(self, request, model_admin):
        kinds = ContentType.objects.get_for_models(*signoff.reviewed_models())
        return sorted(
            (kind.pk, str(model._meta.verbose_name_plural).capitalize())
            for model, kind in kinds.items()
        )

    def queryset(self, request, queryset):
        # A kind typed into the address that is no number filters nothing (not a server error).
        kind = self.value() or ""
        return queryset.filter(content_type_id=kind) if kind.isdigit() else queryset


@admin.register(Review)
class ReviewAdmin(admin.ModelAdmin):
    list_display = ["item_name", "what", "reviewer_name", "reviewed_at", "next_review_due"]
    list_filter = [KindOfItem, "next_review_due"]
    search_fields = ["item_name", "reviewer_name", "sources"]
    readonly_fields = [field.name for field in Review._meta.fields if field.name != "id"]

    @admin.display(description="what was signed off")
    def what(self, review):
        # An approval of a waiting change on an item not signed off as it read signs off no page.
        return (
            "The whole item" if review.fingerprint else "A change only (the item is not signed off)"
        )

    def has_add_permission(self, request):
        # Reviews are made by signing an item off, never typed in.
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(PendingChange)
class PendingChangeAdmin(admin.ModelAdmin):
    list_display = ["item_name", "what_changes", "status", "asked_by", "asked_at", "review"]
    list_filter = ["status", KindOfItem]
    search_fields = ["item_name"]
    list_select_related = ["editor", "content_type"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        # Decided on the review screen, never edited.
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def change_view(self, request, object_id, form_url="", extra_context=None):
        # A change is read, approved or refused on its item's review page, in words; the stock
        # page showed its raw fields (content type, object id, JSON).
        change = PendingChange.objects.filter(pk=object_id).first() if object_id.isdigit() else None
        if change is None:
            raise Http404("No such change.")
        url = reverse("admin:backcare_review_item", args=[change.content_type_id, change.object_id])
        return HttpResponseRedirect(url)

    @admin.display(description="what it changes")
    def what_changes(self, change) -> str:
        return "; ".join(str(words) for words in signoff.change_in_words(change))

    @admin.display(description="asked for by")
    def asked_by(self, change) -> str:
        return change.asked_by_in_words or "—"

    @admin.display(description="review")
    def review(self, change) -> str:
        url = reverse("admin:backcare_review_item", args=[change.content_type_id, change.object_id])
        return format_html('<a href="{}">Open</a>', url)

    def get_urls(self):
        site = self.admin_site
        return [
            path(
                "review/<int:content_type_id>/<int:object_id>/",
                site.admin_view(self.review_view),
                name="backcare_review_item",
            ),
            path("to-do/", site.admin_view(self.to_do_view), name="backcare_review_to_do"),
            *super().get_urls(),
        ]

    def review_view(self, request, content_type_id, object_id):
        """Show an item's review and any change waiting for it; a reviewer approves it here."""
        content_type = ContentType.objects.filter(pk=content_type_id).first()
        model = content_type.model_class() if content_type else None
        if model is None or model not in signoff.reviewed_models():
            raise Http404("Nothing of that kind is reviewed.")
        item = model.objects.filter(pk=object_id).first()
        if item is None:
            raise Http404("It no longer exists.")
        model_admin = self.admin_site.get_model_admin(model)
        if not (
            model_admin.has_view_permission(request, item) or signoff.reviewer_profile(request.user)
        ):
            raise PermissionDenied
        waiting = signoff.pending_change(item)
        sources = getattr(item, "source", "") or getattr(item, "dosage_source", "")
        form = SignOffForm(request.POST or None, initial={"sources": sources})
        refusal = signoff.why_not(request.user, item, waiting)
        if request.method == "POST":
            if refusal:
                raise PermissionDenied(refusal)
            if waiting is not None and "reject" in request.POST:
                because = request.POST.get("why_not", "").strip()
                if not because:
                    self.message_user(
                        request,
                        "Say why you do not approve it: the person who asked reads it.",
                        messages.ERROR,
                    )
                    return HttpResponseRedirect(request.path)
                signoff.reject(waiting, request.user, because)
                self.message_user(request, f"The change to “{item}” was not approved.")
                return HttpResponseRedirect(reverse("admin:backcare_review_to_do"))
            if form.is_valid():
                if waiting is not None:
                    review = signoff.approve(waiting, request.user, form.cleaned_data["sources"])
                    done = f"The change to “{item}” is approved and live."
                    if not review.fingerprint:
                        self.message_user(
                            request,
                            f"{done} The rest of “{item}” is not signed off: it was changed "
                            "since its last review, or never reviewed. Read it, then sign it "
                            "off here.",
                            messages.WARNING,
                        )
                        return HttpResponseRedirect(request.path)
                else:
                    signoff.record_review(item, request.user, form.cleaned_data["sources"])
                    done = f"“{item}” is signed off as reviewed."
                self.message_user(request, done, messages.SUCCESS)
                return HttpResponseRedirect(reverse("admin:backcare_review_to_do"))
        effects = getattr(model_admin, "pending_effects", None)
        context = {
            **self.admin_site.each_context(request),
            "title": f"Review: {item}",
            "opts": self.opts,
            "item": item,
            "item_opts": model._meta,
            "item_url": reverse(
                f"admin:{model._meta.app_label}_{model._meta.model_name}_change", args=[item.pk]
            ),
            "standing": signoff.standings([item])[0],
            "waiting": waiting,
            "changes": signoff.change_in_words(waiting) if waiting else [],
            "outcomes": effects(waiting) if (waiting and effects) else None,
            "refusal": refusal,
            "form": form,
        }
        return TemplateResponse(request, "admin/signoff/review.html", context)

    def to_do_view(self, request):
        """List what waits for the clinical reviewers."""
        if not self.has_view_permission(request):
            raise PermissionDenied
        context = {
            **self.admin_site.each_context(request),
            "title": "Clinical review: to do",
            "opts": self.opts,
            "to_do": signoff.to_do(),
        }
        return TemplateResponse(request, "admin/signoff/to_do.html", context)
