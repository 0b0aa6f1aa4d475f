"""Clinical sign-off: who may approve, what waits for approval, and each item's review.

- A change to an item's `gated_fields` (a warning sign's level, a dose) is held back as a
  `PendingChange`; the row keeps its approved values, so every public page and the triage keep
  reading the row as they always do. A reviewer's approval writes the change to the row.
- Any other change goes live at once; the item then reads as not reviewed until a reviewer signs
  it off again. A review holds a fingerprint of what it signed off, so an item reverted to the
  version a reviewer approved is reviewed again.
- Only members of the "Clinical reviewers" group with a public name approve, never their own change.
"""

import datetime
import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.apps import apps
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.text import capfirst

from feedback.records import summary_lines

from .cache import kept
from .content import ClinicallyReviewed
from .history import (
    APPROVED_PREFIX,
    CASCADE_REASON,
    UPDATED_REASON,
    Change,
    in_words,
    latest_version,
    record_links,
)
from .models import PendingChange, Review, ReviewerProfile

REVIEWERS = "Clinical reviewers"


def reviewed_models() -> list[type]:
    """Return every model whose rows a clinician signs off."""
    return [model for model in apps.get_models() if issubclass(model, ClinicallyReviewed)]


def fingerprint(item) -> str:
    """Return a short digest of the item's clinical content."""
    content = json.dumps(item.clinical_content(), sort_keys=True, default=str)
    return hashlib.sha256(content.encode()).hexdigest()


def day(date: datetime.date) -> str:
    """Return a date as the pages write it: “6 December 2026”."""
    return date_format(date, "j F Y")


def review_interval() -> datetime.timedelta:
    return datetime.timedelta(days=settings.BACKCARE_REVIEW_INTERVAL_DAYS)


# --- Who may approve ------------------------------------------------------------------------------


def reviewer_profile(user) -> ReviewerProfile | None:
    """Return the user's public name as a reviewer, or None if they may not approve."""
    if not (
        user.is_authenticated and user.is_active and user.groups.filter(name=REVIEWERS).exists()
    ):
        return None
    return ReviewerProfile.objects.filter(user=user).first()


def last_editor_id(item) -> int | None:
    """Return the id of the staff member who made the item's latest version, if staff did."""
    record = latest_version(item)
    return record.history_user_id if record is not None else None


def asked_by(change: PendingChange) -> set:
    """Return the ids of everyone who asked for part of this change (each save is in its history)."""
    return {change.editor_id, *change.history.values_list("history_user_id", flat=True)}


def why_not(user, item, change: PendingChange | None = None) -> str:
    """Return why this user may not sign off this item (or this change to it), or ""."""
    if reviewer_profile(user) is None:
        if user.groups.filter(name=REVIEWERS).exists():
            # In the group, but the page would have no name to print under the review.
            return (
                "Only a clinical reviewer can approve, and the site has no public name and "
                "credentials for you yet (they are printed under each review). Ask the "
                "superuser to enter them under “BackCare site › Reviewers' public names”."
            )
        return (
            "Only a clinical reviewer can approve: a member of the “Clinical reviewers” group "
            "with a public name and credentials."
        )
    if change is not None and user.pk in asked_by(change):
        return "You asked for this change, so another clinical reviewer must approve it."
    if change is None and last_editor_id(item) == user.pk:
        return "You made the latest change to it, so another clinical reviewer must review it."
    return ""


# --- Changes that wait -----------------------------------------------------------------------------


def value_of(item, name: str, links: dict | None = None):
    """Return a gated field's value as a change keeps it: links as sorted keys, a row as its key.

    `links` gives the keys of an unsaved row's links (a fixture row's, as load_guide reads it).
    """
    model_field = item._meta.get_field(name)
    if model_field.many_to_many:
        keys = (
            links[name]
            if links is not None
            else [linked.pk for linked in getattr(item, name).all()]
        )
        return sorted(keys)
    return getattr(item, model_field.attname)


def was_reviewed(item) -> bool:
    """Say whether a reviewer ever signed the item off (then its gated values wait for one)."""
    return Review.objects.filter(
        content_type=ContentType.objects.get_for_model(item), object_id=item.pk
    ).exists()


def pending_change(item) -> PendingChange | None:
    return PendingChange.objects.filter(
        content_type=ContentType.objects.get_for_model(item),
        object_id=item.pk,
        status=PendingChange.Status.PENDING,
    ).first()


def hold_back(item, asked: dict, editor, from_fixtures: bool = False) -> PendingChange | None:
    """Keep the asked-for values of gated fields that differ from the live ones for a reviewer.

    `item` is the row as it is live; `asked` maps gated field names to the values the editor
    saved. The form shows the live values, so a field asked for as it is live asks for nothing; a
    change already waiting for the item is extended, and its latest editor is the one who asked.
    The guide's fixtures (load_guide) ask with no editor.
    """
    live = {name: value_of(item, name) for name in asked}
    changed = {name: value for name, value in asked.items() if value != live[name]}
    if not changed:
        return None
    waiting = pending_change(item) or PendingChange(
        content_type=ContentType.objects.get_for_model(item),
        object_id=item.pk,
        values={},
        before={},
    )
    # What another editor asked for and this replaces, in words, for the message they get.
    waiting.replaced = [
        f"{capfirst(item._meta.get_field(name).verbose_name)} "
        f"{value_in_words(type(item), name, waiting.values[name])}"
        for name in changed
        if name in waiting.values
        and waiting.values[name] != changed[name]
        and waiting.editor_id is not None
        and (editor is None or waiting.editor_id != editor.pk)
    ]
    waiting.replaced_editor = waiting.editor if waiting.replaced else None
    waiting.before = {**{name: live[name] for name in changed}, **waiting.before}
    waiting.values = {**waiting.values, **changed}
    waiting.item_name = str(item)[:300]
    if editor is not None:
        waiting.editor = editor
    if from_fixtures:
        waiting.from_fixtures = True
        waiting.change_reason = UPDATED_REASON
    waiting.asked_at = timezone.now()
    waiting.save()
    return waiting


def value_in_words(model, name: str, value) -> str:
    """Return a gated value as an editor reads it: a row or links by their names, a choice's label."""
    model_field = model._meta.get_field(name)
    if model_field.is_relation:
        keys = value if isinstance(value, list) else [value]
        rows = model_field.related_model.objects.filter(pk__in=[k for k in keys if k])
        return ", ".join(sorted(str(row) for row in rows))
    return in_words(model_field, value)


def change_in_words(change: PendingChange) -> list[Change]:
    """Return what a waiting change changes, field by field, from the live value to the asked one."""
    model = change.content_type.model_class()
    return [
        Change(
            str(model._meta.get_field(name).verbose_name).capitalize(),
            value_in_words(model, name, change.before.get(name)),
            value_in_words(model, name, value),
        )
        for name, value in change.values.items()
    ]


def apply_values(item, values: dict) -> None:
    """Write a change's values to the row, its links too, as one version of it."""
    links = {}
    for name, value in values.items():
        model_field = item._meta.get_field(name)
        if model_field.many_to_many:
            links[name] = value
        else:
            setattr(item, model_field.attname, value)
    item.save()
    if links:
        # As the admin does: the links belong to the version the save just made.
        item.skip_history_when_saving = True
        try:
            for name, value in links.items():
                getattr(item, name).set(value)
        finally:
            del item.skip_history_when_saving
        record_links(item)


@transaction.atomic
def approve(change: PendingChange, user, sources: str) -> Review:
    """Make the change live; sign the item off as it now reads only if it was signed off as it
    read before. The review page shows the reviewer the change, not the rest of the item: an item
    edited since its last review (or never reviewed) is left for a sign-off of its own."""
    item = change.item
    reason = why_not(user, item, change)
    if reason:
        raise PermissionDenied(reason)
    signed_off_before = standings([item])[0].is_reviewed
    profile = reviewer_profile(user)
    item.change_reason = f"{APPROVED_PREFIX}{profile}"
    # The version is the editor's change, approved: the reviewer may still sign off the item.
    item._history_user = change.editor
    apply_values(item, change.values)
    change.status = PendingChange.Status.APPROVED
    change.decided_by = user
    change.decided_at = timezone.now()
    change.save()
    return sign_off(item, user, sources, change=change, whole_item=signed_off_before)


@transaction.atomic
def reject(change: PendingChange, user, because: str = "") -> None:
    """Close the change without making it live; the row keeps its approved values. `because` is
    the reviewer's reason, which the item's page shows to the person who asked."""
    reason = why_not(user, change.item, change)
    if reason:
        raise PermissionDenied(reason)
    change.status = PendingChange.Status.REJECTED
    change.decided_by = user
    change.decided_at = timezone.now()
    change.why_not = because.strip()
    change.save()


def last_refusal(item) -> PendingChange | None:
    """Return the item's latest change a reviewer did not approve, if nothing was asked since."""
    changes = PendingChange.objects.filter(
        content_type=ContentType.objects.get_for_model(item), object_id=item.pk
    ).order_by("-asked_at")
    latest = changes.select_related("decided_by").first()
    return latest if latest and latest.status == PendingChange.Status.REJECTED else None


def record_review(item, user, sources: str) -> Review:
    """Sign the item off as it reads now, for the usual review interval, if this user may."""
    reason = why_not(user, item)
    if reason:
        raise PermissionDenied(reason)
    return sign_off(item, user, sources)


def sign_off(
    item, user, sources: str, change: PendingChange | None = None, whole_item: bool = True
) -> Review:
    """Record the review of the item as it reads now (the caller has checked who may); not of
    `whole_item`, only of its gated values (a dose) as approved, which signs off no page."""
    now = timezone.now()
    return Review.objects.create(
        content_type=ContentType.objects.get_for_model(item),
        object_id=item.pk,
        item_name=str(item)[:300],
        reviewer=user,
        reviewer_name=str(reviewer_profile(user)),
        reviewed_at=now,
        next_review_due=timezone.localdate(now) + review_interval(),
        sources=sources.strip(),
        fingerprint=fingerprint(item) if whole_item else "",
        approved_values=gated_values(item),
        change=change,
    )


# --- Where an item stands --------------------------------------------------------------------------


@dataclass(frozen=True)
class Standing:
    """An item's review: the review that signed off what it says now (None if none did)."""

    item: object
    review: Review | None
    reviewed_before: bool

    @property
    def is_reviewed(self) -> bool:
        return self.review is not None

    @property
    def kind(self) -> str:
        return str(self.item._meta.verbose_name)

    @property
    def review_url(self) -> str:
        content_type = ContentType.objects.get_for_model(self.item)
        return reverse("admin:backcare_review_item", args=[content_type.pk, self.item.pk])

    @property
    def is_overdue(self) -> bool:
        return self.review is not None and self.review.next_review_due < timezone.localdate()

    @property
    def in_words(self) -> str:
        if self.review is None:
            return "Changed since its last review" if self.reviewed_before else "Never reviewed"
        due = f"next review due {day(self.review.next_review_due)}"
        return (
            f"Reviewed by {self.review.reviewer_name} on "
            f"{day(timezone.localdate(self.review.reviewed_at))}; "
            + (f"overdue: {due}" if self.is_overdue else due)
        )


def reviews_of(items: list) -> dict[tuple[type, int], list[Review]]:
    """Return every review of these items (of any models) by (model, key), in one query."""
    types = ContentType.objects.get_for_models(*{type(item) for item in items})
    wanted = Q()
    for model, content_type in types.items():
        pks = [item.pk for item in items if type(item) is model]
        wanted |= Q(content_type=content_type, object_id__in=pks)
    models_by_type = {content_type.pk: model for model, content_type in types.items()}
    found: dict[tuple[type, int], list[Review]] = {}
    for review in Review.objects.filter(wanted) if items else []:
        found.setdefault((models_by_type[review.content_type_id], review.object_id), []).append(
            review
        )
    return found


def standings(items: Iterable, reviews: dict | None = None) -> list[Standing]:
    """Return each item's review (items of any reviewed models), in one query."""
    items = list(items)
    reviews = reviews_of(items) if reviews is None else reviews
    result = []
    for item in items:
        found = reviews.get((type(item), item.pk), [])
        digest = fingerprint(item)
        matching = [review for review in found if review.fingerprint == digest]
        result.append(
            Standing(
                item=item,
                review=matching[0] if matching else None,
                # An approval of a change alone (no fingerprint) signed off no version of it.
                reviewed_before=any(review.fingerprint for review in found),
            )
        )
    return result


def gated_values(item) -> dict:
    """Return the item's gated values as they are live, as a review keeps them."""
    return json.loads(json.dumps({name: value_of(item, name) for name in item.gated_fields}))


def with_gated_values_approved(items: Iterable, reviews: dict | None = None) -> set:
    """Return the keys of the items whose gated values as live a reviewer approved (e.g. a dose)."""
    items = [item for item in items if item.gated_fields]
    reviews = reviews_of(items) if reviews is None else reviews
    return {
        item.pk
        for item in items
        if gated_values(item)
        in [review.approved_values for review in reviews.get((type(item), item.pk), [])]
    }


# --- A page's review line --------------------------------------------------------------------------


@dataclass(frozen=True)
class PageReview:
    """What a page says about its review: by whom, when, when the next one is due, what changed."""

    reviewed: bool
    reviewers: tuple[str, ...] = ()
    reviewed_on: datetime.date | None = None
    next_review_due: datetime.date | None = None
    changes: list = field(default_factory=list)
    # The keys of the page's items whose gated values (a dose) a reviewer approved as they are.
    approved: frozenset = frozenset()


def page_review(items: Iterable) -> PageReview:
    """Return the review of a page made of these items: reviewed only when every one of them is.

    One query for the reviews, and one per kind of item for what changed.
    """
    items = list(items)
    reviews = reviews_of(items)
    found = standings(items, reviews)
    common = {
        "changes": clinical_changes(items),
        "approved": frozenset(with_gated_values_approved(items, reviews)),
    }
    if not found or not all(standing.is_reviewed for standing in found):
        return PageReview(reviewed=False, **common)
    signed = [standing.review for standing in found]
    return PageReview(
        reviewed=True,
        reviewers=tuple(dict.fromkeys(review.reviewer_name for review in signed)),
        reviewed_on=min(timezone.localdate(review.reviewed_at) for review in signed),
        next_review_due=min(review.next_review_due for review in signed),
        **common,
    )


# --- What changed, in words ------------------------------------------------------------------------


@dataclass(frozen=True)
class ClinicalChange:
    """One dated change to the clinical content of a page, in words."""

    date: datetime.date
    item: str
    fields: tuple[str, ...]
    # Changes to the item's inline parts, each in words: "steps changed (step 3)".
    parts: tuple[str, ...] = ()

    @property
    def in_words(self) -> str:
        """Return what changed: "dose changed", "steps changed (step 3, step 5 added)"."""
        words = [f"{', '.join(self.fields)} changed"] if self.fields else []
        return "; ".join([*words, *self.parts])


def clinical_changes(items: Iterable, limit: int = 5) -> list[ClinicalChange]:
    """Return the latest changes staff made to these items' clinical content, newest first.

    One entry per item and day, its own fields and its parts (an exercise's steps) together. The
    loader's own versions (the guide as first loaded) are not changes a patient needs to read.
    """
    by_model: dict[type, list] = {}
    for item in items:
        by_model.setdefault(type(item), []).append(item)
    fields: dict[tuple, list[str]] = {}
    parts: dict[tuple, list[str]] = {}
    for model, rows in by_model.items():
        names = {row.pk: str(row) for row in rows}
        pk_name = model._meta.pk.attname
        records = list(
            model.history.filter(**{f"{pk_name}__in": list(names)}).order_by(
                pk_name, "history_date", "history_id"
            )
        )
        for previous, record in zip(records, records[1:], strict=False):
            same_row = getattr(previous, pk_name) == getattr(record, pk_name)
            if not same_row or record.history_type != "~" or record.history_user_id is None:
                continue
            key = (timezone.localdate(record.history_date), names[getattr(record, pk_name)])
            fields.setdefault(key, []).extend(changed_fields(model, previous, record))
        for name in model.clinical_parts:
            for date, pk, words in part_changes(model, name, records):
                parts.setdefault((date, names[pk]), []).append(words)
    changes = [
        ClinicalChange(
            date=date,
            item=item,
            fields=tuple(dict.fromkeys(fields.get((date, item), []))),
            parts=tuple(
                f"{words[0]} changed ({', '.join(places)})"
                for words in grouped(parts.get((date, item), []))
                if (places := net_changes(words[1:]))
            ),
        )
        for date, item in sorted(sorted({*fields, *parts}), key=lambda key: key[0], reverse=True)
        if fields.get((date, item)) or parts.get((date, item))
    ]
    return changes[:limit]


def net_changes(changes: list[str]) -> list[str]:
    """Return a day's changes to one kind of part, one per place, as they add up: "step 1 removed"
    then "step 1 added" is "step 1"; "step 3 added" then "step 3 removed" is nothing; parts that
    only moved are "order changed" once (a swap read "step 3 (was step 1), step 3, step 1 (was
    step 3)" to patients: a staff QA pass, round 24)."""
    moved = [change for change in changes if " (was " in change]
    changes = [change for change in changes if " (was " not in change]
    by_place: dict[str, list[str]] = {}
    for change in changes:
        place, _, what = change.partition(" (")[0].rpartition(" ")
        if what not in ("added", "removed"):
            place, what = change, ""
        by_place.setdefault(place, []).append(what)
    net = []
    for place, whats in by_place.items():
        first, last = whats[0], whats[-1]
        if first == "added" and last == "removed":
            continue  # came and went the same day
        if first == "added" or last == "removed":
            net.append(f"{place} {'added' if first == 'added' else 'removed'}")
        else:
            net.append(place)
    return net + (["order changed"] if moved else [])


def grouped(words: list[tuple[str, str]]) -> list[list[str]]:
    """Group (part, change) pairs by part: [["steps", "step 3", "step 5 added"]]."""
    by_part: dict[str, list[str]] = {}
    for part, change in words:
        by_part.setdefault(part, []).append(change)
    return [[part, *changes] for part, changes in by_part.items()]


def part_changes(model, name: str, parent_records: list) -> list[tuple]:
    """Return staff's changes to the items' inline parts (`name`, e.g. steps), one per part row.

    Each is (day, the item's key, (the parts' name, the change in words)). Parts added with their
    item (the item's first version) and parts deleted with it are not changes of the item.
    """
    relation = model._meta.get_field(name)
    part = relation.related_model
    parent = relation.field.attname
    label, plural = str(part._meta.verbose_name), str(part._meta.verbose_name_plural)
    pk_name = model._meta.pk.attname
    versions: dict = {}
    for record in parent_records:
        versions.setdefault(getattr(record, pk_name), []).append(record)
    part_pk = part._meta.pk.attname
    records = part.history.filter(**{f"{parent}__in": list(versions)}).order_by(
        part_pk, "history_date", "history_id"
    )
    found = []
    previous = None
    for record in records:
        earlier = (
            previous
            if previous and getattr(previous, part_pk) == getattr(record, part_pk)
            else None
        )
        previous = record
        if record.history_user_id is None:
            continue
        place = f"{label} {getattr(record, part.position_field)}"
        if record.history_type == "+":
            if added_with_its_item(record, versions.get(getattr(record, parent), [])):
                continue
            words = f"{place} added"
        elif record.history_type == "-":
            if record.history_change_reason == CASCADE_REASON:
                continue
            words = f"{place} removed"
        elif earlier is None or any(
            getattr(earlier, field) != getattr(record, field) for field in part.clinical_fields
        ):
            words = place
        elif getattr(earlier, part.position_field) != getattr(record, part.position_field):
            words = f"{place} (was {label} {getattr(earlier, part.position_field)})"
        else:
            continue
        found.append(
            (timezone.localdate(record.history_date), getattr(record, parent), (plural, words))
        )
    return found


def added_with_its_item(record, item_versions: list) -> bool:
    """Say whether a part's first version came with its item's first (the admin saves the item,
    then its inline parts)."""
    before = [version for version in item_versions if version.history_date <= record.history_date]
    return bool(before) and before[-1].history_type == "+"


def changed_fields(model, old, new) -> tuple[str, ...]:
    """Return the names, as editors read them, of the clinical fields that differ."""
    names = []
    for model_field in model._meta.concrete_fields:
        if model_field.name in model.unreviewed_fields or model_field.primary_key:
            continue
        old_value = getattr(old, model_field.attname)
        new_value = getattr(new, model_field.attname)
        if in_words(model_field, old_value) != in_words(model_field, new_value):
            names.append(str(model_field.verbose_name))
    return tuple(names)


# --- The reviewers' to-do list ---------------------------------------------------------------------


@dataclass(frozen=True)
class Waiting:
    """A change waiting for approval, in words."""

    change: PendingChange
    words: list[Change]

    def __str__(self):
        return f"{self.change.item_name}: " + "; ".join(str(words) for words in self.words)


@dataclass(frozen=True)
class ToDo:
    """What waits for the clinical reviewers."""

    pending: list[Waiting]
    never_reviewed: list[Standing]
    changed: list[Standing]
    overdue: list[Standing]
    # What readers said of the pages ("Was this page helpful?": feedback/records.py).
    feedback: list = field(default_factory=list)

    @property
    def is_empty(self) -> bool:
        return not (self.pending or self.never_reviewed or self.changed or self.overdue)


def to_do() -> ToDo:
    """Return what waits for the reviewers: changes to approve, items never or no longer reviewed,
    and reviews overdue."""
    found = [standing for model in reviewed_models() for standing in standings(model.objects.all())]
    return ToDo(
        feedback=summary_lines(),
        pending=[
            Waiting(change, change_in_words(change))
            for change in PendingChange.objects.filter(status=PendingChange.Status.PENDING)
            .select_related("editor", "content_type")
            .prefetch_related("item")
            # A change to an item deleted meanwhile waits with it, out of the list until the
            # item is brought back.
            if change.item is not None
        ],
        never_reviewed=[s for s in found if not s.is_reviewed and not s.reviewed_before],
        changed=[s for s in found if not s.is_reviewed and s.reviewed_before],
        overdue=[s for s in found if s.is_overdue],
    )


def kept_page_review(request, name: str, items) -> PageReview:
    """Return the page's review, kept with the page's other data until the content changes.

    `items` is a function returning the page's clinical items, called only when not kept.
    """
    return kept(request, f"signoff:{name}", lambda: page_review(items()))
