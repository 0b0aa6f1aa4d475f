"""Readers' feedback in the admin: counts for editors and reviewers, comments for reviewers only.

Who sees what is given by permissions (migration 0002): editors may view the counts; the
"Clinical reviewers" group may view and delete the comments; superusers see everything.
Nothing here is added or changed by hand.
"""

from django.contrib import admin

from .models import FeedbackComment, PageFeedback


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(PageFeedback)
class PageFeedbackAdmin(ReadOnlyAdmin):
    list_display = ("page", "month_name", "yes", "no")
    list_filter = ("month",)
    search_fields = ("page",)

    @admin.display(description="month", ordering="month")
    def month_name(self, obj):
        return f"{obj.month:%B %Y}"

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(FeedbackComment)
class FeedbackCommentAdmin(ReadOnlyAdmin):
    list_display = ("created", "page", "answer", "text")
    list_filter = ("created", "helpful")
    search_fields = ("page", "text")

    @admin.display(description="helpful?", ordering="helpful")
    def answer(self, obj):
        return "Yes" if obj.helpful else "No"
