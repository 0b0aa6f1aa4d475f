"""make backup then make restore into a fresh database: every public page comes back byte for byte."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

# Run in a subprocess with the site's settings: every public page (the sitemap's and the rest), its
# status and a hash of its body; and a photo's rendition from the media folder.
PAGES = r"""
import hashlib, json, re
import django
django.setup()
from django.test import Client
client = Client()
sitemap = client.get("/sitemap.xml").content.decode()
paths = sorted({re.sub(r"^https?://[^/]+", "", url) for url in re.findall(r"<loc>([^<]+)</loc>", sitemap)})
paths += ["/sitemap.xml", "/robots.txt", "/search/?q=neck", "/search/?q=trapezius",
          "/no-such-page/", "/media/exercise-photos/wall-angel/0123abcd/w320.jpg"]
pages = {"pages showing the edit": 0}
for path in paths:
    response = client.get(path)
    body = b"".join(response.streaming_content) if response.streaming else response.content
    pages[path] = [response.status_code, hashlib.sha256(body).hexdigest()]
    pages["pages showing the edit"] += b"Edited in the admin before the backup." in body
print(json.dumps(pages))
"""
EDIT = (
    "from guidance.models import Cause; cause = Cause.objects.get(slug='stress'); "
    "cause.body = 'Edited in the admin before the backup.'; cause.save()"
)


def manage(env, *args) -> str:
    result = subprocess.run(
        [sys.executable, "manage.py", *args],
        env=env,
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    return result.stdout


def site_env(database_url: str, media: Path) -> dict:
    env = {key: value for key, value in os.environ.items() if not key.startswith("DJANGO_")}
    env.update(
        DJANGO_SETTINGS_MODULE="backcare.settings",
        DJANGO_LOCAL="1",
        DJANGO_ALLOWED_HOSTS="testserver",
        BACKCARE_SITE_URL="http://testserver",
        DATABASE_URL=database_url,
        BACKCARE_MEDIA_ROOT=str(media),
        REDIS_URL="",
    )
    return env


def pages(env) -> dict:
    result = subprocess.run(
        [sys.executable, "-c", PAGES],
        env=env,
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    return json.loads(result.stdout.strip().splitlines()[-1])


@pytest.fixture
def databases(tmp_path):
    """Two database URLs: the site's, and a fresh one to restore into (PostgreSQL like the run's)."""
    if connection.vendor != "postgresql":
        yield f"sqlite:///{tmp_path / 'site.sqlite3'}", f"sqlite:///{tmp_path / 'fresh.sqlite3'}"
        return
    import psycopg

    db = connection.settings_dict
    server = f"postgres://{db['USER']}:{db['PASSWORD'] or ''}@{db['HOST']}:{db['PORT'] or 5432}"
    # Throwaway databases named after the test database, so parallel runs never collide.
    names = [f"{db['NAME']}_backup_site", f"{db['NAME']}_backup_fresh"]
    with psycopg.connect(f"{server}/postgres", autocommit=True) as admin:
        for name in names:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            admin.execute(f'CREATE DATABASE "{name}"')
    try:
        yield tuple(f"{server}/{name}" for name in names)
    finally:
        with psycopg.connect(f"{server}/postgres", autocommit=True) as admin:
            for name in names:
                admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.mark.long
def test_a_backup_restored_into_a_fresh_database_serves_every_page_byte_for_byte(
    tmp_path, databases
):
    site_url, fresh_url = databases
    site = site_env(site_url, tmp_path / "media")
    manage(site, "migrate", "--noinput", "-v0")
    manage(site, "load_guide", "-v0")
    manage(site, "shell", "--no-imports", "-c", EDIT)
    photo = tmp_path / "media" / "exercise-photos" / "wall-angel" / "0123abcd" / "w320.jpg"
    photo.parent.mkdir(parents=True)
    photo.write_bytes(b"\xff\xd8\xff\xe0 a rendition's bytes \xff\xd9")
    before = pages(site)

    saved = manage(site, "backup", "--to", str(tmp_path / "backups"))
    database_file = Path(saved.split("Database: ")[1].split()[0])
    restored = site_env(fresh_url, tmp_path / "restored-media")
    manage(restored, "restore", str(database_file))
    after = pages(restored)

    assert before.pop("pages showing the edit") > 0
    assert len(before) > 30
    assert {path for path, (status, _) in before.items() if status != 200} == {"/no-such-page/"}
    assert after.pop("pages showing the edit") > 0
    assert after == before
    assert (tmp_path / "restored-media" / photo.relative_to(tmp_path / "media")).read_bytes() == (
        photo.read_bytes()
    )
