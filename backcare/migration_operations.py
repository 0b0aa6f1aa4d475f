"""Migration operations that only PostgreSQL runs, so the same migrations also run on SQLite."""

from django.db.migrations.operations import AddIndex


class AddIndexOnPostgreSQL(AddIndex):
    """Add an index (a GIN index for search) on PostgreSQL only; other databases skip it.

    The index stays out of the models' state (and out of their Meta), so SQLite never meets it:
    SQLite rebuilds a table to alter it and would otherwise try to make the PostgreSQL index too.
    SQLite searches without it (see backcare.search).
    """

    def state_forwards(self, app_label, state):
        pass

    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            model = to_state.apps.get_model(app_label, self.model_name)
            schema_editor.add_index(model, self.index)

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            model = from_state.apps.get_model(app_label, self.model_name)
            schema_editor.remove_index(model, self.index)

    def describe(self):
        return f"{super().describe()} (PostgreSQL only)"
