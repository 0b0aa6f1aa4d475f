"""Set up what load_guide meets: fixtures the clinic changed, rows an older load_guide left."""

import json
import shutil
from pathlib import Path

from backcare.history import LOADED_REASON
from backcare.models import SeedRecord


class GuideCopy:
    """A copy of the guide's fixtures that a test changes; load_guide reads it in their place."""

    def __init__(self, source: Path, folder: Path):
        shutil.copytree(source, folder)
        self.folder = folder

    def records(self, name: str) -> list[dict]:
        return json.loads((self.folder / f"{name}.json").read_text(encoding="utf-8"))

    def write(self, name: str, records: list[dict]) -> None:
        text = json.dumps(records, ensure_ascii=False, indent=2)
        (self.folder / f"{name}.json").write_text(text, encoding="utf-8")

    def change(self, name: str, match: dict, **fields) -> None:
        """Give the one row of this fixture whose fields include `match` these new values."""
        records = self.records(name)
        (record,) = [
            record
            for record in records
            if all(record["fields"].get(key) == value for key, value in match.items())
        ]
        record["fields"].update(fields)
        self.write(name, records)

    def add(self, name: str, model: str, **fields) -> None:
        self.write(name, [*self.records(name), {"model": model, "fields": fields}])


def loaded_by_an_older_loader(row, **old_values) -> None:
    """Make a row look as a load_guide before this one left it, having loaded these values.

    The row and the version recorded when it was loaded hold them; its SeedRecord keeps no values,
    as no SeedRecord did before the loader kept what it loaded.
    """
    model = type(row)
    model.objects.filter(pk=row.pk).update(**old_values)
    row.history.filter(history_change_reason=LOADED_REASON).update(**old_values)
    key = json.dumps(row.natural_key(), ensure_ascii=False)
    SeedRecord.objects.filter(model=model._meta.label_lower, key=key).update(loaded=None)
