"""Keeping readers' feedback: counting answers, keeping comments for a while, summing up for reviewers."""

from datetime import date, timedelta

from django.db import IntegrityError, transaction
from django.db.models import Count, F
from django.utils import timezone

from .models import FeedbackComment, PageFeedback

# Comments may hold what a reader should not have written there: they are kept this long only.
KEEP_COMMENTS_DAYS = 90


def this_month(today: date | None = None) -> date:
    return (today or timezone.localdate()).replace(day=1)


def record(*, page: str, helpful: bool, comment: str = "") -> None:
    """Count one answer for this page and month, and keep its comment if there is one."""
    answer = "yes" if helpful else "no"
    # F() adds in the database, so answers arriving at the same moment are all counted.
    rows = PageFeedback.objects.filter(page=page, month=this_month())
    if not rows.update(**{answer: F(answer) + 1}):
        try:
            with transaction.atomic():
                PageFeedback.objects.create(page=page, month=this_month(), **{answer: 1})
        except IntegrityError:
            # Another answer made this month's row first: count on it.
            rows.update(**{answer: F(answer) + 1})
    if comment:
        FeedbackComment.objects.create(
            page=page, created=timezone.localdate(), helpful=helpful, text=comment
        )


def delete_old_feedback(today: date | None = None) -> int:
    """Delete comments older than KEEP_COMMENTS_DAYS; return how many were deleted."""
    oldest = (today or timezone.localdate()) - timedelta(days=KEEP_COMMENTS_DAYS)
    deleted, _ = FeedbackComment.objects.filter(created__lt=oldest).delete()
    return deleted


def summary_lines(today: date | None = None) -> list[str]:
    """Return the reviewers' summary: each page's answers this month and last (least helpful
    first), then each page's comments waiting in the admin."""
    last_month = this_month(this_month(today) - timedelta(days=1))
    counts = PageFeedback.objects.filter(month__gte=last_month).order_by("-no", "-month", "page")
    comments = (
        FeedbackComment.objects.values_list("page").annotate(number=Count("id")).order_by("page")
    )
    return [str(row) for row in counts] + [
        f"{page}: {number} comment{'s' if number != 1 else ''} from readers to read in the admin"
        for page, number in comments
    ]
