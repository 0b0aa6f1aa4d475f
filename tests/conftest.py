import gc
import os
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.contrib.auth.models import Group
from django.core.cache import caches
from django.db import connection
from hypothesis import settings

from backcare.loading import load_guide
from backcare.search import forget_what_is_kept
from tests import committed
from tests.signoff import logged_in, make_reviewer

# Property tests check what happens, not how fast: a busy shared machine must not fail them.
settings.register_profile("backcare", deadline=None)
settings.load_profile("backcare")

# The suite makes and drops millions of objects (parsed pages, rows, templates' contexts): Python's
# cyclic garbage collector, at its default thresholds, cost about a tenth of the tests' CPU time.
gc.set_threshold(100_000, 50, 100)


def pytest_collection_finish(session):
    """What was made before the first test (modules, the collected tests) is never scanned again."""
    gc.freeze()


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(items):
    """Start the tests marked `long` first: last in the queue, one ran alone on one worker while
    the other had finished (17 s of a run's end). pytest-django has put the tests on committed
    data after the others by now; a `long` test must not be one of them."""
    for item in items:
        db = item.get_closest_marker("django_db")
        on_committed_data = "transactional_db" in item.fixturenames or (
            db and db.kwargs.get("transaction")
        )
        if item.get_closest_marker("long") and on_committed_data:
            raise pytest.UsageError(f"{item.nodeid} is on committed data: it cannot start first")
    items.sort(key=lambda item: item.get_closest_marker("long") is None)


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Load the guide's content once; each test's changes are rolled back after it."""
    with django_db_blocker.unblock():
        load_guide()
        # Django asks SQLite once per connection whether it has JSON functions; ask now, so the
        # query counts of pages (which read JSON) count the page's own queries only.
        connection.features.supports_json_field  # noqa: B018
        committed.keep()


@pytest.fixture(autouse=True)
def empty_cache():
    """Start each test with empty caches, as its database changes are rolled back after it."""
    for store in caches.all():
        store.clear()
    forget_what_is_kept()
    yield
    for store in caches.all():
        store.clear()
    forget_what_is_kept()


@pytest.fixture
def make_editor(django_user_model):
    """Make a staff member in the "Content editors" group, as the clinic would."""

    def make(username="editor", password="a-long-editor-password"):
        user = django_user_model.objects.create_user(
            username=username, password=password, is_staff=True
        )
        user.groups.add(Group.objects.get(name="Content editors"))
        return user

    return make


@pytest.fixture
def editor(make_editor):
    return make_editor()


@pytest.fixture
def editor_client(editor):
    """A browser logged in as an editor, separate from the anonymous `client`."""
    return logged_in(editor)


@pytest.fixture
def production_env(tmp_path):
    """Return a function giving the environment .env.example describes for production, for
    manage.py in a subprocess: without this run's DJANGO_ variables, and with a throwaway database
    and media folder, never the developer's own (db.sqlite3, media/)."""

    def make(**extra) -> dict:
        env = {key: value for key, value in os.environ.items() if not key.startswith("DJANGO_")}
        example = Path(django_settings.BASE_DIR) / ".env.example"
        for line in example.read_text().splitlines():
            if line.strip() and not line.startswith("#"):
                key, _, value = line.partition("=")
                env[key] = value
        env["DATABASE_URL"] = f"sqlite:///{tmp_path / 'db.sqlite3'}"
        env["BACKCARE_MEDIA_ROOT"] = str(tmp_path / "media")
        env["DJANGO_SECRET_KEY"] = "a-production-like-secret-key-" + "x" * 40
        env["DJANGO_SETTINGS_MODULE"] = "backcare.settings"
        env.update(extra)
        return env

    return make


@pytest.fixture
def reviewer(django_user_model):
    """A clinical reviewer who also edits, "Jane Doe, MD"."""
    return make_reviewer(django_user_model)


@pytest.fixture
def second_reviewer(django_user_model):
    """Another clinical reviewer, "John Roe, DPT, physiotherapy"."""
    return make_reviewer(django_user_model, "reviewer2", "John Roe", "DPT, physiotherapy")
