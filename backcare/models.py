from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.urls import reverse
from django.utils import timezone
from simple_history.models import HistoricalRecords


class SeedRecord(models.Model):
    """A row that `load_guide` has loaded, with the values it last gave each of its fields.

    A later run never re-creates the row once staff deleted it, and updates a field only while it
    still holds the value recorded here (see backcare.loading).
    """

    model = models.CharField(max_length=100)
    key = models.CharField(max_length=300)
    loaded_at = models.DateTimeField(auto_now_add=True)
    # Each field as Django's serializer writes it, as last loaded: related rows by primary key, links
    # sorted. Empty (None) for rows loaded before the loader kept values; a field missing from it
    # has no value the loader can prove it gave, so the loader leaves that field alone.
    loaded = models.JSONField("values last loaded", null=True, blank=True)

    class Meta:
        ordering = ["model", "key"]
        verbose_name = "loaded fixture row"
        verbose_name_plural = "loaded fixture rows"
        constraints = [models.UniqueConstraint(fields=["model", "key"], name="unique_seed_record")]

    def __str__(self):
        return f"{self.model} {self.key}"


class ContentVersion(models.Model):
    """One row: a token that changes, in the same transaction, with every change to public content.

    Every page cache key and ETag includes it, so no worker or app server can serve a page rendered
    before the change once the change is committed (see backcare.cache).
    """

    token = models.CharField(max_length=32)
    changed_at = models.DateTimeField()

    class Meta:
        verbose_name = "content version"
        verbose_name_plural = "content version"

    def __str__(self):
        return f"{self.token} ({self.changed_at:%Y-%m-%d %H:%M:%S})"


# --- Clinical sign-off (backcare.signoff) -----------------------------------------------------------


class ReviewerProfile(models.Model):
    """A clinical reviewer's name and credentials as patients read them under a reviewed page."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reviewer_profile"
    )
    public_name = models.CharField(
        max_length=120, help_text="The name patients read, e.g. “Jane Doe”."
    )
    credentials = models.CharField(
        max_length=120,
        help_text="Qualifications and field, as patients read them, e.g. “MD, neurology”.",
    )

    class Meta:
        ordering = ["public_name"]
        verbose_name = "reviewer's public name"
        verbose_name_plural = "reviewers' public names"

    def __str__(self):
        return f"{self.public_name}, {self.credentials}" if self.credentials else self.public_name

    def get_absolute_url(self):
        return reverse("admin:backcare_reviewerprofile_change", args=[self.pk])


class PendingChange(models.Model):
    """A change to a triage rule or a dose that waits for a clinical reviewer before it goes live.

    The row itself keeps its approved values meanwhile; `values` holds what the editor asked for.
    """

    class Status(models.TextChoices):
        PENDING = "pending", "Waiting for a reviewer"
        APPROVED = "approved", "Approved"
        REJECTED = "rejected", "Not approved"

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    item = GenericForeignKey("content_type", "object_id")
    item_name = models.CharField("item", max_length=300)
    values = models.JSONField(help_text="The changed fields as the editor saved them.")
    before = models.JSONField(help_text="The same fields as they were live when it was asked for.")
    editor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="changes_asked",
    )
    from_fixtures = models.BooleanField(
        "asked for by the guide's fixtures",
        default=False,
        help_text="Loading the guide's fixtures (load_guide) brought a new value for a row a "
        "reviewer had approved.",
    )
    asked_at = models.DateTimeField(default=timezone.now)
    status = models.CharField(max_length=20, choices=Status, default=Status.PENDING)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="changes_decided",
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    why_not = models.TextField(
        "why it was not approved",
        blank=True,
        help_text="The reviewer's reason, shown to the person who asked on the item's page.",
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["-asked_at"]
        verbose_name = "change waiting for review"
        verbose_name_plural = "changes waiting for review"
        indexes = [models.Index(fields=["content_type", "object_id", "status"])]

    def __str__(self):
        return f"{self.item_name} ({self.get_status_display().lower()})"

    @property
    def asked_by_in_words(self) -> str:
        """Return who asked for it: an editor, the guide's fixtures, or both."""
        names = ["the guide’s fixtures (load_guide)"] if self.from_fixtures else []
        if self.editor is not None:
            names.append(str(self.editor))
        return " and ".join(names)

    def get_absolute_url(self):
        return reverse("admin:backcare_pendingchange_change", args=[self.pk])


class Review(models.Model):
    """A clinical reviewer's sign-off of one item as it read then (its fingerprint), with sources.

    Rows are only ever added, apart from the item's own history, so reverting an item never loses
    its reviews: an item reverted to the version a reviewer approved is reviewed again.
    """

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    item = GenericForeignKey("content_type", "object_id")
    item_name = models.CharField("item", max_length=300)
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="reviews"
    )
    reviewer_name = models.CharField(
        max_length=250, help_text="The reviewer's public name and credentials when they reviewed."
    )
    reviewed_at = models.DateTimeField(default=timezone.now)
    next_review_due = models.DateField()
    sources = models.TextField(help_text="What the reviewer checked it against, one per line.")
    fingerprint = models.CharField(
        max_length=64, help_text="The item's clinical content as reviewed, in short."
    )
    approved_values = models.JSONField(
        default=dict, help_text="The values that wait for approval (a level, a dose) as approved."
    )
    change = models.ForeignKey(
        PendingChange, on_delete=models.SET_NULL, null=True, blank=True, related_name="reviews"
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["-reviewed_at"]
        verbose_name = "clinical review"
        verbose_name_plural = "clinical reviews"
        indexes = [models.Index(fields=["content_type", "object_id", "reviewed_at"])]

    def __str__(self):
        return f"{self.item_name}: reviewed by {self.reviewer_name}"

    def get_absolute_url(self):
        return reverse("admin:backcare_review_change", args=[self.pk])
