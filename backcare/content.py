"""What every piece of the guide's content shares: natural keys, drafts and their querysets."""

from django.db import models


class PublishedQuerySet(models.QuerySet):
    def published(self):
        return self.filter(is_published=True)

    def visible_to(self, user):
        """Return what this user may see: staff preview drafts, everyone else sees published rows."""
        return self if user.is_staff else self.published()


class NaturalKeyManager(models.Manager):
    """Find rows by their model's natural key field, so fixtures never depend on integer ids."""

    def get_by_natural_key(self, key):
        return self.get(**{self.model.natural_key_field: key})


ContentManager = NaturalKeyManager.from_queryset(PublishedQuerySet)


class NaturalKeyModel(models.Model):
    """A row that fixtures and the loader refer to by one unique field (its slug by default)."""

    natural_key_field = "slug"

    objects = NaturalKeyManager()

    class Meta:
        abstract = True

    def natural_key(self):
        return (getattr(self, self.natural_key_field),)


class PublishableModel(NaturalKeyModel):
    """Content that staff can keep as a draft, with its dates and its history."""

    is_published = models.BooleanField(
        "published", default=True, help_text="Untick to hide it from the public site (a draft)."
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ContentManager()

    class Meta:
        abstract = True


class ClinicallyReviewed:
    """Content a clinical reviewer signs off (backcare.signoff): mixed into the model's classes.

    `gated_fields` are the fields whose change waits for a reviewer's approval before the public
    sees it (a triage rule's level, a dose); any other change goes live at once but the item loses
    its "reviewed" mark until a reviewer looks at it again.
    """

    gated_fields: tuple[str, ...] = ()
    # Fields that hold no clinical content: changing them keeps the item's review.
    unreviewed_fields = frozenset(
        {"id", "slug", "order", "created_at", "updated_at", "reviewed_on", "is_published"}
    )
    # Related names of inline rows that are part of the item (an exercise's steps): a staff change
    # to one is a change of the item in its "What changed". Each such model names the fields of
    # its own a reviewer signs off in `clinical_fields` and its place in `position_field`.
    clinical_parts: tuple[str, ...] = ()

    def clinical_content(self) -> dict:
        """Return what a reviewer signs off, field by field (links as sorted keys)."""
        content = {}
        for field in self._meta.get_fields():
            if field.auto_created or field.name in self.unreviewed_fields:
                continue
            if field.many_to_many:
                content[field.name] = self.linked_keys(field.name)
            elif field.concrete:
                content[field.name] = getattr(self, field.attname)
        return content

    def linked_keys(self, name: str) -> list:
        """Return the keys of the rows a many-to-many field links to, sorted."""
        return sorted(linked.pk for linked in getattr(self, name).all())
