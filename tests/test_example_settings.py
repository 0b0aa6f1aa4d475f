""".env.example: production settings that pass the deployment checks once the key is one's own."""

import os
import subprocess
import sys
from pathlib import Path

from django.conf import settings


def example_env(**extra) -> dict:
    """The environment .env.example sets, as it stands, without this test run's own."""
    env = {key: value for key, value in os.environ.items() if not key.startswith("DJANGO_")}
    for line in (Path(settings.BASE_DIR) / ".env.example").read_text().splitlines():
        if line.strip() and not line.startswith("#"):
            key, _, value = line.partition("=")
            env[key] = value
    env["DJANGO_SETTINGS_MODULE"] = "backcare.settings"
    env.update(extra)
    return env


def check_deploy(env) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        env=env,
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        check=False,
    )


def test_production_refuses_to_start_with_the_examples_placeholder_key():
    result = check_deploy(example_env())
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert "DJANGO_SECRET_KEY is still .env.example's placeholder" in result.stderr


def test_the_example_with_a_key_of_ones_own_passes_the_deployment_checks():
    key = "own-key-" + os.urandom(32).hex()
    result = check_deploy(example_env(DJANGO_SECRET_KEY=key))
    assert result.returncode == 0, result.stderr + result.stdout
    assert "W009" not in result.stderr + result.stdout
