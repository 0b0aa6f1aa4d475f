from django.db import models


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
