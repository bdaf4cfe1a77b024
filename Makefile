# Two commands for a fresh machine with Python 3.11:
#   make run    install, migrate, import the sample compilation, serve on 127.0.0.1:8000
#   make test   install the test tools and run the whole suite (SQLite by default)
#               on every core (pytest-xdist: each worker has its own test database)
#   make test-fast  the same without the browser, API contract and slow tests

# Python 3.11 by its versioned name when there is one.
PYTHON ?= $(shell command -v python3.11 2>/dev/null || command -v python3)
VENV := .venv
PY := $(VENV)/bin/python
export DJANGO_SETTINGS_MODULE := config.settings
# Bytecode is cached even where the environment says not to: each test
# worker, and each Django the tests start in a subprocess, would otherwise
# compile the project and rewrite the tests' assertions on every run.
unexport PYTHONDONTWRITEBYTECODE

.PHONY: run test test-fast lint messages postgres-test clean

$(VENV)/.installed: requirements.txt
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.installed-dev: requirements-dev.txt requirements.txt $(VENV)/.installed
	$(PY) -m pip install --quiet -r requirements-dev.txt
	touch $@

run: $(VENV)/.installed
	mkdir -p var
	DEBUG=1 $(PY) manage.py migrate --no-input
	DEBUG=1 $(PY) manage.py import_speeches speeches/fixtures/seed
	DEBUG=1 $(PY) manage.py ensure_local_editor
	# The import worker runs beside the server and stops with it (Ctrl+C).
	DEBUG=1 $(PY) manage.py db_worker --no-reload & worker=$$!; \
	trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	DEBUG=1 $(PY) manage.py runserver 127.0.0.1:8000

test: $(VENV)/.installed-dev
	$(PY) -m pytest -n auto

# The lane to run while working: about a minute on two cores.
test-fast: $(VENV)/.installed-dev
	$(PY) -m pytest -n auto -m "not browser and not contract and not slow"

lint: $(VENV)/.installed-dev
	$(VENV)/bin/ruff check .
	$(VENV)/bin/lint-imports
	DEBUG=1 $(VENV)/bin/mypy
	DEBUG=1 $(PY) manage.py makemigrations --check --dry-run

# Regenerate the Chinese catalogue after changing user-visible strings
# (needs GNU gettext), then fill in the empty msgstr entries.
messages: $(VENV)/.installed
	DEBUG=1 $(PY) manage.py makemessages --locale zh_Hans --ignore '.venv/*' --ignore 'var/*' --no-obsolete
	DEBUG=1 $(PY) manage.py makemessages --locale zh_Hans --domain djangojs --ignore '.venv/*' --ignore 'var/*' --no-obsolete
	DEBUG=1 $(PY) manage.py compilemessages --locale zh_Hans --ignore '.venv/*'

clean:
	rm -rf $(VENV) var .pytest_cache
