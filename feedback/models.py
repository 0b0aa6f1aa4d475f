"""What readers said about the guide's pages: counts per page per month, and short comments.

Nothing here names a reader: no address, no cookie, no account. Neither model has history, so a
post never changes the content version and every page stays in the page cache.
"""

from django.db import models


class PageFeedback(models.Model):
    """How many readers found one page helpful, or not, in one month."""

    page = models.CharField(max_length=200, help_text="The page's address on this site.")
    month = models.DateField(help_text="The first day of the month these answers came in.")
    yes = models.PositiveIntegerField("helpful", default=0)
    no = models.PositiveIntegerField("not helpful", default=0)

    class Meta:
        ordering = ["-month", "page"]
        verbose_name = "page's helpfulness"
        verbose_name_plural = "pages' helpfulness"
        constraints = [
            models.UniqueConstraint(fields=["page", "month"], name="one_count_a_page_a_month")
        ]

    def __str__(self):
        return f"{self.page}, {self.month:%B %Y}: {self.yes} helpful, {self.no} not helpful"

    def get_absolute_url(self):
        return self.page


class FeedbackComment(models.Model):
    """A reader's optional comment on a page, kept for the clinical reviewers for 90 days."""

    page = models.CharField(max_length=200, help_text="The page's address on this site.")
    created = models.DateField("date", help_text="The day it was sent (no time is kept).")
    helpful = models.BooleanField(help_text="Whether the reader found the page helpful.")
    text = models.TextField(max_length=500)

    class Meta:
        ordering = ["-created", "page"]
        verbose_name = "reader's comment"
        verbose_name_plural = "readers' comments"

    def __str__(self):
        return f"{self.page}, {self.created:%d %B %Y}"

    def get_absolute_url(self):
        return self.page
