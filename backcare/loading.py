"""Load the guide's fixtures without ever overwriting or re-creating what staff edited or deleted."""

import json
from dataclasses import dataclass, field
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.core import serializers
from django.core.exceptions import ObjectDoesNotExist
from django.core.serializers.base import DeserializationError
from django.db import connection, transaction
from django.utils import timezone

from .cache import bump_content_version
from .history import record_loaded
from .models import SeedRecord


def fixture_names() -> list[str]:
    """Return every app's guide fixtures, in INSTALLED_APPS order, each app's parents first.

    An app lists its own in its AppConfig's `guide_fixtures`.
    """
    return [name for app in apps.get_app_configs() for name in getattr(app, "guide_fixtures", [])]


@dataclass
class LoadReport:
    created: list[str] = field(default_factory=list)
    kept: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)


def fixture_path(name: str) -> Path:
    return Path(settings.FIXTURE_DIRS[0]) / f"{name}.json"


def load_guide(names: list[str] | None = None) -> LoadReport:
    """Add every fixture row that was never loaded before; leave all other rows alone.

    A row counts as loaded once it has a SeedRecord. A later run skips it whether staff edited it
    (no overwrite) or deleted it on purpose (no resurrection). A row that staff created with the same
    key before the first load is kept as it is.
    """
    report = LoadReport()
    with transaction.atomic():
        wait_for_other_loaders()
        for name in names or fixture_names():
            records = json.loads(fixture_path(name).read_text(encoding="utf-8"))
            for record in records:
                load_record(record, report)
        if report.created:
            bump_content_version()
    return report


# Any fixed number, the same in every app server: the PostgreSQL advisory lock load_guide takes.
LOAD_GUIDE_LOCK = 0x6261636B


def wait_for_other_loaders() -> None:
    """Let one load_guide run at a time (two app servers starting together both run it).

    On PostgreSQL a transaction-level advisory lock makes the second wait for the first to commit;
    it then finds every row loaded. SQLite allows one writer at a time anyway.
    """
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [LOAD_GUIDE_LOCK])


def stamp_dates(instance) -> None:
    """Fill auto_now(_add) dates, which a raw fixture save leaves empty."""
    now = timezone.now()
    for date_field in instance._meta.concrete_fields:
        is_auto = getattr(date_field, "auto_now", False) or getattr(
            date_field, "auto_now_add", False
        )
        if is_auto and getattr(instance, date_field.attname) is None:
            setattr(instance, date_field.attname, now)


def load_record(record: dict, report: LoadReport) -> None:
    label = record["model"]
    try:
        (deserialized,) = serializers.deserialize("python", [record])
    except (DeserializationError, ObjectDoesNotExist):
        # Its parent (e.g. the exercise a step belongs to) was deleted by staff.
        report.skipped.append(f"{label} {record['fields']}")
        return
    instance = deserialized.object
    key = json.dumps(instance.natural_key(), ensure_ascii=False)
    name = f"{label} {key}"
    if SeedRecord.objects.filter(model=label, key=key).exists():
        report.kept.append(name)
        return
    if instance.pk is None:
        stamp_dates(instance)
        # A raw save records no history; record the row once, with its links, as loaded.
        instance.skip_history_when_saving = True
        deserialized.save()
        del instance.skip_history_when_saving
        record_loaded(instance)
        report.created.append(name)
    else:
        report.kept.append(name)
    SeedRecord.objects.create(model=label, key=key)
