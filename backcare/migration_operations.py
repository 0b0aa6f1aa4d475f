"""Migration operations that only PostgreSQL runs, so the same migrations also run on SQLite."""

from django.db.migrations.operations import AddIndex


class AddIndexOnPostgreSQL(AddIndex):
    """Add an index (a GIN index for search) on PostgreSQL; other databases skip it.

    The model's state has the index either way, so `makemigrations --check` stays quiet; SQLite
    searches without it (see backcare.search).
    """

    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            super().database_forwards(app_label, schema_editor, from_state, to_state)

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            super().database_backwards(app_label, schema_editor, from_state, to_state)

    def describe(self):
        return f"{super().describe()} (PostgreSQL only)"
