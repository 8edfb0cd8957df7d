# Minsheng — two commands: `make run` and `make test`. See README.md.
SHELL := /bin/bash
PYTHON ?= python3.11
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
PORT ?= 8000
STAMP := $(VENV)/.installed

.PHONY: run test lint setup install messages migrate seed lock clean help

help:
	@echo "make run    set up (venv, install, migrate, demo data) and start web + worker on 127.0.0.1:$(PORT)"
	@echo "make test   set up and run the whole test suite"
	@echo "make lint   ruff, mypy and makemigrations --check"

$(STAMP): requirements.in requirements-dev.in requirements.lock
	@command -v $(PYTHON) >/dev/null || { echo "需要 Python 3.11 ($(PYTHON))"; exit 1; }
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --disable-pip-version-check -r requirements.in -r requirements-dev.in -c requirements.lock
	touch $(STAMP)

install: $(STAMP)

messages: install
	$(PY) manage.py compile_catalogs

setup: messages
	mkdir -p var
	$(PY) manage.py migrate --noinput

run: setup
	$(PY) manage.py seed_demo --if-empty
	$(PY) manage.py ensure_demo_login
	PORT=$(PORT) $(PY) scripts/run.py

test: messages
	DJANGO_SETTINGS_MODULE=config.settings.test $(PY) -m pytest $(PYTEST_ARGS)

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy
	DJANGO_SETTINGS_MODULE=config.settings.test $(PY) manage.py makemigrations --check --dry-run

lock:
	rm -rf /tmp/minsheng-lock && $(PYTHON) -m venv /tmp/minsheng-lock
	/tmp/minsheng-lock/bin/pip install --quiet -r requirements.in -r requirements-dev.in
	{ echo "# Exact versions tested together. Remake with: make lock"; /tmp/minsheng-lock/bin/pip freeze; } > requirements.lock

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache
