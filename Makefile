# The portal's everyday commands. `make run` and `make test` work on a fresh
# machine with Python 3.11+ and npm: they create .venv and node_modules first.

PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1
PORT ?= 8000

.DEFAULT_GOAL := help
.PHONY: help install run worker test lint format migrate seed clean

help:  ## List the commands
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-13s %s\n", $$1, $$2}'

$(VENV)/.installed: requirements.txt
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python 3.11 or newer is needed; set PYTHON=python3.11")'
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt
	@touch $@

node_modules/.installed: package.json package-lock.json
	@command -v npm >/dev/null || { echo "npm is needed for the front-end assets (Bootstrap): install Node.js 20+"; exit 1; }
	npm ci --no-audit --no-fund --loglevel=error
	@touch $@

install: $(VENV)/.installed node_modules/.installed  ## Create .venv and install Python and front-end packages

migrate: install  ## Apply database migrations (and the database cache's table)
	$(PY) manage.py migrate --noinput
	$(PY) manage.py createcachetable

seed: migrate  ## Load the programme facts and demo accounts (safe to rerun)
	$(PY) manage.py seed_demo

run: seed  ## Set up and serve the portal with demo data on http://127.0.0.1:8000
	$(PY) manage.py runserver $(HOST):$(PORT)

CHROMIUM_PATH ?= /usr/bin/chromium
export CHROMIUM_PATH

# One test process per CPU (pytest-xdist); TEST_WORKERS=0 runs them in this process.
TEST_WORKERS ?= auto

worker: migrate  ## Send queued emails and run the daily reporting job (run the portal with PORTAL_TASKS_BACKEND=database)
	$(PY) manage.py run_reporting_cycle --schedule
	$(PY) manage.py db_worker --queue-name default

test: install  ## Run the whole suite on every CPU (PostgreSQL if DATABASE_URL is set, else SQLite)
	@[ -x "$(CHROMIUM_PATH)" ] || echo "NOTE: no Chromium at $(CHROMIUM_PATH): the browser tests will be SKIPPED (apt-get install chromium)."
	$(PY) -m pytest -n $(TEST_WORKERS) $(PYTEST_ARGS)

lint: install  ## Check the code with ruff (lint and format)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: install  ## Fix what ruff can fix
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

# --- Operations (docs/operations.md) ---------------------------------------

# pip-audit and its dependencies, pinned with hashes, in a venv of their own so
# they never mix with the portal's packages.
AUDIT_VENV ?= .venv-audit
BACKUP_CHECK_SERVER ?= postgres://postgres@127.0.0.1:5432/postgres

.PHONY: audit backup-check

$(AUDIT_VENV)/.installed: requirements-ci.txt
	$(PYTHON) -m venv $(AUDIT_VENV)
	$(AUDIT_VENV)/bin/python -m pip install --quiet --disable-pip-version-check --require-hashes --no-deps -r requirements-ci.txt
	@touch $@

audit: $(VENV)/.installed $(AUDIT_VENV)/.installed  ## Known vulnerabilities in requirements.txt and package-lock.json
	$(PY) scripts/audit.py --pip-audit $(AUDIT_VENV)/bin/pip-audit

backup-check: $(VENV)/.installed  ## Dump, restore and compare a throwaway PostgreSQL database
	BACKUP_CHECK_PYTHON=$(PY) bash scripts/backup_restore_check.sh --seeded $(BACKUP_CHECK_SERVER)

# --- Performance (docs/performance.md) ---------------------------------------

.PHONY: bench

bench: install  ## Benchmark every page against a bare view at 1x and 100x data (about 10 min)
	@command -v wrk >/dev/null || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    echo "Installing wrk (apt-get install -y wrk)"; \
	    DEBIAN_FRONTEND=noninteractive apt-get install -y wrk >/dev/null || \
	      { apt-get update >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y wrk >/dev/null; }; \
	  else \
	    echo "make bench needs wrk, the HTTP load generator: sudo apt-get install wrk (Debian/Ubuntu)"; exit 1; \
	  fi; }
	$(PY) scripts/bench.py

# --- The front door's look (docs/design-system.md) --------------------------

.PHONY: screenshots

screenshots: install  ## Screenshots of the public pages at 1280 and 375 px into docs/screenshots/ (Chromium)
	$(PY) scripts/screenshots.py

clean:  ## Remove .venv, .venv-audit, node_modules and collected static files
	rm -rf $(VENV) .venv-audit node_modules staticfiles
