from django.db import models


class SeedRecord(models.Model):
    """A row that `load_guide` has loaded once, so a later run never re-creates or overwrites it."""

    model = models.CharField(max_length=100)
    key = models.CharField(max_length=300)
    loaded_at = models.DateTimeField(auto_now_add=True)

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
