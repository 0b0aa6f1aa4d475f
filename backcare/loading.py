"""Load the guide's fixtures: add new rows, bring untouched fields up to date, keep staff's work.

The rule, field by field (README, "Content and reloading"): a fixture row never loaded is created;
a loaded row staff deleted is not brought back; a field that still holds the value the loader last
gave it takes the fixture's value (its default, if the fixture no longer names it), as does one it
never gave a value that still holds its default (a field added since); a field staff changed is
left as they made it.
"""

import json
from dataclasses import dataclass, field
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.core import serializers
from django.core.exceptions import ObjectDoesNotExist
from django.core.serializers.base import DeserializationError
from django.db import connection, models, transaction
from django.utils import timezone

from .cache import bump_content_version
from .history import record_loaded, record_updated, written_by_the_loader
from .models import SeedRecord
from .signoff import hold_back, pending_change, value_of, was_reviewed


def fixture_names() -> list[str]:
    """Return every app's guide fixtures, in INSTALLED_APPS order, each app's parents first.

    An app lists its own in its AppConfig's `guide_fixtures`.
    """
    return [name for app in apps.get_app_configs() for name in getattr(app, "guide_fixtures", [])]


def fixture_path(name: str) -> Path:
    return Path(settings.FIXTURE_DIRS[0]) / f"{name}.json"


@dataclass
class LoadReport:
    """What one run did, row by row; an updated or kept row is named with the fields concerned."""

    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    # The fixture says otherwise, but staff changed these fields: they stay as staff made them.
    kept: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    # Rows staff deleted (or whose exercise, routine or question they deleted): not brought back.
    skipped: list[str] = field(default_factory=list)
    # A reviewer approved the row, so the fixture's new value of a gated field (a warning sign's
    # level, a dose) waits for a reviewer's approval as a change; the public keeps the approved one.
    held: list[str] = field(default_factory=list)


def load_guide(names: list[str] | None = None) -> LoadReport:
    """Create, update or keep every fixture row by the loader's rule, in one transaction."""
    with transaction.atomic():
        wait_for_other_loaders()
        # Only now: what another app server's load_guide just committed is read too.
        run = GuideLoad()
        for name in names or fixture_names():
            for record in json.loads(fixture_path(name).read_text(encoding="utf-8")):
                run.load(record)
        if run.report.created or run.report.updated:
            bump_content_version()
    return run.report


# Any fixed number, the same in every app server: the PostgreSQL advisory lock load_guide takes.
LOAD_GUIDE_LOCK = 0x6261636B


def wait_for_other_loaders() -> None:
    """Let one load_guide run at a time (two app servers starting together both run it).

    On PostgreSQL a transaction-level advisory lock makes the second wait for the first to commit;
    it then finds every row loaded and up to date. SQLite allows one writer at a time anyway.
    """
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [LOAD_GUIDE_LOCK])


class GuideLoad:
    """One run of load_guide: its report, what it reads once, and the rows it gave a version."""

    def __init__(self):
        self.report = LoadReport()
        self.seeds = {(seed.model, seed.key): seed for seed in SeedRecord.objects.all()}
        # Each model's rows by natural key (rows_of): read once a run, with one query a model.
        self.rows: dict[type, dict[tuple, models.Model]] = {}
        # Rows with a version of this run, which the changes of their inline rows then belong to.
        self.versioned: set[tuple] = set()

    def load(self, record: dict) -> None:
        try:
            with_keys, referred = self.by_primary_key(record)
            (deserialized,) = serializers.deserialize("python", [with_keys])
        except (DeserializationError, ObjectDoesNotExist):
            self.report.skipped.append(f"{record_name(record)}: a row it refers to was deleted")
            return
        fixture_row = deserialized.object
        for name, row in referred.items():
            setattr(fixture_row, name, row)
        names = list(record["fields"])
        natural_key = tuple(fixture_row.natural_key())
        key = json.dumps(natural_key, ensure_ascii=False)
        name = row_name(fixture_row)
        seed = self.seeds.get((record["model"], key))
        if fixture_row.pk is None:
            if seed is None:
                seed = SeedRecord(model=record["model"], key=key)
                self.create(deserialized, names, seed, name)
            else:
                self.report.skipped.append(f"{name}: deleted by staff")
            return
        if seed is None:
            # Staff made a row with this key before it was ever loaded: nothing of it is the loader's.
            seed = SeedRecord(model=record["model"], key=key, loaded={})
        row = self.rows_of(type(fixture_row))[natural_key]
        # A field the loader gave a value that the fixture no longer names goes back to its
        # default (the fixture row holds it), unless staff changed it: an adapted step the fixture
        # now gives as the article's loses its "adapted".
        fields = {model_field.name for model_field in row._meta.get_fields()}
        names += [
            field_name
            for field_name in seed.loaded or {}
            if field_name not in names and field_name in fields
        ]
        self.update(row, fixture_row, deserialized.m2m_data, names, seed, name)

    def by_primary_key(self, record: dict) -> tuple[dict, dict]:
        """Return the record with the rows it refers to, and its own row, given by primary key.

        Also return the rows its foreign keys name, by field name. A fixture names rows by natural
        key; the deserializer would look each one up again for every record that names it.
        Raise ObjectDoesNotExist if a row it refers to is gone (deleted by staff).
        """
        model = apps.get_model(record["model"])
        fields, referred = dict(record["fields"]), {}
        for name, value in record["fields"].items():
            model_field = model._meta.get_field(name)
            if model_field.many_to_one and isinstance(value, list):
                referred[name] = self.referred_row(model_field.related_model, value)
                fields[name] = referred[name].pk
            elif model_field.many_to_many and value and isinstance(value[0], list):
                fields[name] = [self.referred_row(model_field.related_model, k).pk for k in value]
        instance = model(**referred)
        for name, value in fields.items():
            model_field = model._meta.get_field(name)
            if name not in referred and not model_field.many_to_many:
                setattr(instance, model_field.attname, value)
        own = self.rows_of(model).get(tuple(instance.natural_key()))
        return {"model": record["model"], "pk": own and own.pk, "fields": fields}, referred

    def rows_of(self, model: type) -> dict[tuple, models.Model]:
        """Return every row of the model by its natural key (which may name the rows it belongs to).

        Locked until the load commits, so no editor's save of a row can slip in between reading it
        and updating it (PostgreSQL; SQLite lets one writer in at a time).
        """
        if model not in self.rows:
            parents = [
                model_field.name
                for model_field in model._meta.get_fields()
                if model_field.many_to_one
                and model_field.related_model._meta.label_lower
                in getattr(model.natural_key, "dependencies", ())
            ]
            rows = model.objects.select_related(*parents).select_for_update(of=("self",))
            self.rows[model] = {tuple(row.natural_key()): row for row in rows}
        return self.rows[model]

    def referred_row(self, model: type, key: list) -> models.Model:
        """Return the row of this model with this natural key; raise DoesNotExist if it is gone."""
        try:
            return self.rows_of(model)[tuple(key)]
        except KeyError:
            raise model.DoesNotExist(f"No {model._meta.verbose_name} {key}") from None

    def create(self, deserialized, names: list[str], seed: SeedRecord, name: str) -> None:
        row = deserialized.object
        self.version_parent(row)
        stamp_dates(row)
        # A raw save records no history; record the row once, with its links, as loaded.
        row.skip_history_when_saving = True
        deserialized.save()
        del row.skip_history_when_saving
        self.rows_of(type(row))[tuple(row.natural_key())] = row
        record_loaded(row)
        seed.loaded = fixture_values(row, names)
        seed.save()
        self.report.created.append(name)
        self.versioned.add((type(row), row.pk))

    def update(self, row, fixture_row, links: dict, names: list[str], seed, name: str) -> None:
        """Give each field the fixture's value if it still holds what the loader last gave it."""
        now = fixture_values(row, names)
        wanted = fixture_values(fixture_row, names, links)
        if seed.loaded is None:
            loaded = proven_by_history(row, names, now)
        else:
            # A field the loader never gave a value (new, or new to this row's fixture) that still
            # holds its default is no one's edit.
            unseen = [name for name in names if name not in seed.loaded]
            loaded = {**default_values(type(row), unseen), **seed.loaded} if seed.pk else {}
        gated = GatedFields(row, [name for name in names if now[name] != wanted[name]])
        to_update, edited, held = [], [], []
        for field_name in names:
            if now[field_name] == wanted[field_name]:
                loaded[field_name] = wanted[field_name]
            elif field_name in gated.names:
                # The live value is the one a reviewer approved; the fixture's waits for one.
                asked = gated.asked.get(field_name, NOT_ASKED)
                untouched = field_name in loaded and now[field_name] == loaded[field_name]
                if asked == wanted[field_name] or (
                    (untouched and asked is NOT_ASKED)
                    or (field_name in loaded and asked == loaded[field_name])
                ):
                    held.append(field_name)
                    loaded[field_name] = wanted[field_name]
                else:
                    edited.append(field_name)
            elif field_name in loaded and now[field_name] == loaded[field_name]:
                to_update.append(field_name)
                loaded[field_name] = wanted[field_name]
            else:
                edited.append(field_name)
        if held:
            # Asked once: a later run finds the change waiting and asks nothing new.
            new = [name for name in held if gated.asked.get(name, NOT_ASKED) != wanted[name]]
            if new:
                asked = {name: value_of(fixture_row, name, links) for name in new}
                hold_back(row, asked, editor=None, from_fixtures=True)
            self.report.held.append(f"{name} ({field_names(row, held)})")
        if to_update:
            self.version_parent(row)
            write_fixture_values(row, fixture_row, links, to_update)
            self.report.updated.append(f"{name} ({field_names(row, to_update)})")
            self.versioned.add((type(row), row.pk))
        if edited:
            self.report.kept.append(f"{name} ({field_names(row, edited)})")
        if not to_update and not edited and not held:
            self.report.unchanged.append(name)
        loaded = {field_name: loaded[field_name] for field_name in names if field_name in loaded}
        if seed.pk is None or seed.loaded != loaded:
            seed.loaded = loaded
            seed.save()

    def version_parent(self, row) -> None:
        """Give the row's parent a version before the row changes, if this run gave it none yet.

        A parent's History tells a version's steps (poses, routine exercises) as the ones saved
        after it, as the admin saves a parent and then its inline rows: without this version, the
        change would show as part of the previous version.
        """
        parent_field = getattr(type(row), "parent_field", None)
        if parent_field is None:
            return
        parent = getattr(row, parent_field)
        if (type(parent), parent.pk) not in self.versioned:
            record_updated(parent)
            self.versioned.add((type(parent), parent.pk))


NOT_ASKED = object()


class GatedFields:
    """The fields of a row a reviewer approved whose change waits for a reviewer (gated_fields).

    `names` are those among the fields that differ from the fixture (none on a row no reviewer ever
    approved: it loads as it always did); `asked` holds what a change waiting for the row asks.
    """

    def __init__(self, row: models.Model, differing: list[str]):
        candidates = [name for name in differing if name in getattr(row, "gated_fields", ())]
        self.names = set(candidates) if candidates and was_reviewed(row) else set()
        waiting = pending_change(row) if self.names else None
        self.asked = waiting.values if waiting is not None else {}


def fixture_values(row: models.Model, names: list[str], links: dict | None = None) -> dict:
    """Return these fields of a row as JSON values, as Django's serializer writes them.

    Related rows are given by primary key. `links` gives many-to-many links (a fixture's or a
    version's); without it the row's own are read. Links are sorted: their order means nothing.
    """
    opts = type(row)._meta
    own = [name for name in names if not opts.get_field(name).many_to_many]
    (serialized,) = json.loads(serializers.serialize("json", [row], fields=own))
    values = serialized["fields"]
    for name in names:
        if name not in own:
            if links is None:
                values[name] = sorted(getattr(row, name).values_list("pk", flat=True))
            else:
                values[name] = sorted(links.get(name, ()))  # a fixture naming none links none
    return values


def default_values(model: type, names: list[str]) -> dict:
    """Return these fields' defaults as JSON values (links have none)."""
    opts = model._meta
    own = [name for name in names if not opts.get_field(name).many_to_many]
    return fixture_values(model(), own) if own else {}


def proven_by_history(row: models.Model, names: list[str], now: dict) -> dict:
    """Return what the loader provably gave a row loaded before SeedRecord kept values.

    Only a row whose every version the loader wrote counts (no one else ever saved it): its latest
    version holds what the loader gave it. A field that changed since without a version of its own
    proves nothing and is left out, as are all the fields of a row staff ever saved.
    """
    versions = list(row.history.all())
    if not versions or not all(written_by_the_loader(version) for version in versions):
        return {}
    latest = versions[0]
    opts = type(row)._meta
    # Links count only where the history keeps them with each version.
    names = [
        name for name in names if not opts.get_field(name).many_to_many or hasattr(latest, name)
    ]
    links = {}
    for name in names:
        link_field = opts.get_field(name)
        if link_field.many_to_many:
            linked = f"{link_field.m2m_reverse_field_name()}_id"
            links[name] = [getattr(link, linked) for link in getattr(latest, name).all()]
    then = fixture_values(latest.instance, names, links)
    return {name: value for name, value in then.items() if now[name] == value}


def write_fixture_values(row: models.Model, fixture_row: models.Model, links: dict, names) -> None:
    """Write the fixture's values of these fields into the row, recorded as one version."""
    opts = type(row)._meta
    own = [name for name in names if not opts.get_field(name).many_to_many]
    for name in own:
        attname = opts.get_field(name).attname
        setattr(row, attname, getattr(fixture_row, attname))
    stamps = [date.name for date in opts.concrete_fields if getattr(date, "auto_now", False)]
    # One version for the whole update, links included, rather than one per save and link change.
    row.skip_history_when_saving = True
    if own:
        row.save(update_fields=own + stamps)
    for name in names:
        if name not in own:
            getattr(row, name).set(links[name])
    del row.skip_history_when_saving
    record_updated(row)


def stamp_dates(instance) -> None:
    """Fill auto_now(_add) dates, which a raw fixture save leaves empty."""
    now = timezone.now()
    for date_field in instance._meta.concrete_fields:
        is_auto = getattr(date_field, "auto_now", False) or getattr(
            date_field, "auto_now_add", False
        )
        if is_auto and getattr(instance, date_field.attname) is None:
            setattr(instance, date_field.attname, now)


def row_name(row: models.Model) -> str:
    """Name a row as the report does, e.g. "step neck-roll / 2"."""
    return f"{row._meta.verbose_name} {' / '.join(str(part) for part in row.natural_key())}"


def field_names(row: models.Model, names: list[str]) -> str:
    """Return these fields' names as the admin's form labels them, e.g. "text, safety note"."""
    return ", ".join(str(row._meta.get_field(name).verbose_name) for name in names)


def record_name(record: dict) -> str:
    """Name a fixture row that could not be read: its own key, or the rows it belongs to."""
    model = apps.get_model(record["model"])
    fields = record["fields"]
    own_key = fields.get(getattr(model, "natural_key_field", ""))
    if own_key:
        return f"{model._meta.verbose_name} {own_key}"
    parents = [
        " / ".join(map(str, value))
        for name, value in fields.items()
        if model._meta.get_field(name).many_to_one and isinstance(value, list)
    ]
    return f"{model._meta.verbose_name} of {', '.join(parents)}"
