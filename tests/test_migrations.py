"""Every model change has its migration: a model changed without one fails the run."""

import pytest
from django.core.management import call_command


@pytest.mark.django_db
def test_the_models_match_their_migrations():
    try:
        call_command("makemigrations", check=True, dry_run=True, verbosity=0)
    except SystemExit:
        pytest.fail("A model changed without a migration: run `manage.py makemigrations`.")
