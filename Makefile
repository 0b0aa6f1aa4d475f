# BackCare: `make run` sets up everything and serves the site; `make test` runs the whole suite.
SHELL := /bin/bash
PORT ?= 8000
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
export DJANGO_LOCAL ?= 1
# Python keeps the bytecode it compiles (and pytest its rewritten test modules) for the next run, even
# where the environment says not to: without it each test worker and subprocess compiled the project
# and rewrote the tests again (pytest --collect-only: 6.3 s a process, 3.1 s with them kept).
export PYTHONDONTWRITEBYTECODE :=

# Django 6.1 needs Python 3.12 or newer: take the first interpreter that has it.
# pyenv's shims honour .python-version; plain python3.13 / python3.12 / python3 are tried next.
PYTHON ?= $(shell for c in "$$(pyenv which python 2>/dev/null)" python3.13 python3.12 python3; do \
	[ -n "$$c" ] && command -v "$$c" >/dev/null 2>&1 && \
	"$$c" -c 'import sys; sys.exit(sys.version_info < (3, 12))' 2>/dev/null && { command -v "$$c"; break; }; \
	done)

.PHONY: validate bench-layers setup run serve serve-cluster cluster-check test lint format bench fuzz audit superuser clean install migrate load static lock backup restore faults

$(STAMP): pyproject.toml constraints.txt
	@if [ -z "$(PYTHON)" ]; then \
		echo "BackCare needs Python 3.12 or newer (Django 6.1), and none was found."; \
		echo "Install one (e.g. 'pyenv install 3.12') or run: make run PYTHON=/path/to/python3.12"; \
		exit 1; fi
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 12))' || { \
		echo "$(PYTHON) is Python $$($(PYTHON) -c 'import platform; print(platform.python_version())'); BackCare needs 3.12 or newer (Django 6.1)."; \
		exit 1; }
	@[ -x "$(PY)" ] && $(PY) -c 'import sys; sys.exit(sys.version_info < (3, 12))' || { rm -rf $(VENV); $(PYTHON) -m venv $(VENV); }
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]' -c constraints.txt
	@touch $(STAMP)

install: $(STAMP)

migrate: install
	$(PY) manage.py migrate --noinput

load: migrate
	$(PY) manage.py load_guide

# Collected (hashed, gzip and brotli compressed) again only when a static file or a package changed.
# The stamp sits beside the manifest, outside what is served.
STATIC_STAMP := staticfiles-manifest/.collected
$(STATIC_STAMP): $(STAMP) $(shell find static -type f)
	$(PY) manage.py collectstatic --noinput -v0
	@touch $@

static: $(STATIC_STAMP)

# Everything `make run` does before it serves (CI runs it before `make test`, as the README says).
setup: load static

run: setup
	@echo "BackCare: http://127.0.0.1:$(PORT)/  (Ctrl-C to stop)"
	BACKCARE_SITE_URL=http://127.0.0.1:$(PORT) BACKCARE_WATCH_SOURCES=1 $(PY) manage.py runserver 127.0.0.1:$(PORT)

# Production-like on this machine: DEBUG off, collected static files, gunicorn (workers from the CPU
# count), plain HTTP. SQLite unless DATABASE_URL=postgres://...; REDIS_URL=redis://... for the cache.
serve: setup
	@echo "BackCare (gunicorn): http://127.0.0.1:$(PORT)/  (Ctrl-C to stop)"
	DJANGO_PLAIN_HTTP=1 PORT=$(PORT) BACKCARE_SITE_URL=$${BACKCARE_SITE_URL:-http://127.0.0.1:$(PORT)} $(PY) -m gunicorn --config gunicorn.conf.py

# Two gunicorn app servers behind nginx on PostgreSQL and Redis (set DATABASE_URL and REDIS_URL).
serve-cluster: install
	$(PY) scripts/cluster.py --port $(PORT)

# Prove an admin edit through one app server shows on the next request through the other.
cluster-check: install
	$(PY) scripts/cluster.py --check --port $(PORT)

# The open triage validation (docs/triage-validation.md): every test patient through the rules as
# fixtures/ loads them, on a fresh database of its own, so staff edits in db.sqlite3 never change it.
validate: install
	@tmp=$$(mktemp -d) && trap 'rm -rf "$$tmp"' EXIT && \
	export DATABASE_URL="sqlite:///$$tmp/validate.sqlite3" && \
	$(PY) manage.py migrate --noinput -v0 && $(PY) manage.py load_guide >/dev/null && \
	$(PY) manage.py triage_validation

# pytest-xdist: one worker per core (TEST_WORKERS=0 runs in this process); PYTEST_ARGS adds options.
TEST_WORKERS ?= auto
# tests/test_migrations.py checks that every model change has its migration (makemigrations --check).
test: lint static
	$(PY) -m pytest -n $(TEST_WORKERS) $(PYTEST_ARGS)

lint: install
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .
	$(PY) -m djlint templates --lint --quiet

# Pin every installed package to what pyproject.toml resolves to today (reproducible installs).
lock: install
	$(PY) -m pip install --quiet --upgrade -e '.[dev]'
	{ echo "# Exact versions for reproducible installs (make install uses them; make lock refreshes them)."; \
	  $(PY) -m pip freeze --exclude-editable; } > constraints.txt

format: install
	$(PY) -m ruff format .
	$(PY) -m ruff check --fix .

# Every public page warm and cold against a bare Django view, under gunicorn, with wrk (Debian: wrk).
bench: static
	@command -v wrk >/dev/null || { echo "make bench needs wrk: apt-get install wrk"; exit 1; }
	$(PY) scripts/bench.py

# What each cache layer beyond the page cache saves a page rendered without it (CPU time, in process).
bench-layers: static
	$(PY) scripts/bench_layers.py

# 5,000 odd checklist posts and 5,000 odd public requests against gunicorn: no 5xx allowed.
fuzz: static
	$(PY) scripts/fuzz.py

# Lighthouse scores (mobile) for nine public pages (scripts/audit.sh); needs npm and chromium.
audit: install
	scripts/audit.sh

# The database (pg_dump -Fc, or SQLite's online backup) and the media folder, into BACKUP_DIR.
BACKUP_DIR ?= backups
backup: install
	$(PY) manage.py backup --to $(BACKUP_DIR)

# Put a backup back: make restore BACKUP=backups/backcare-20261206-120000.dump (or .sqlite3).
restore: install
	@[ -n "$(BACKUP)" ] || { echo "Say which: make restore BACKUP=backups/backcare-....dump"; exit 1; }
	$(PY) manage.py restore $(BACKUP)

# The production set-up under faults (bad Host, slow clients, Redis and PostgreSQL outages, ...):
# PostgreSQL, its own Redis, nginx and two app servers. FAULTS_SHORT=1 for CI's shorter run.
faults: static
	$(PY) scripts/faults.py

superuser: migrate
	$(PY) manage.py createsuperuser

clean:
	rm -rf $(VENV) staticfiles staticfiles-manifest .pytest_cache .ruff_cache
