import pytest

from guidance.loading import load_guide


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Load the guide's content once; each test's changes are rolled back after it."""
    with django_db_blocker.unblock():
        load_guide()
