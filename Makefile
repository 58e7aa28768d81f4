# The two commands (see README):  make run  ·  make test
PORT ?= 8000
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin

.PHONY: run test setup translations messages lint browser worker beat backup restore

run: setup
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py loaddemo
	@echo ""
	@echo "  Human API platform: http://127.0.0.1:$(PORT)/"
	@echo "  Demo logins (password: demo): team · manager · partner · admin"
	@echo "  API docs: http://127.0.0.1:$(PORT)/api/docs/   Health: http://127.0.0.1:$(PORT)/health/"
	@echo ""
	$(BIN)/python manage.py runserver 127.0.0.1:$(PORT)

# Two processes (the machine's cores); tests that start the production stack share one of them
# (xdist_group "stack"), so its static files are collected once.
TEST_WORKERS ?= 2
test: setup browser
	$(BIN)/python -m pytest -n $(TEST_WORKERS) --dist loadgroup

setup: $(VENV)/.installed node_modules/.installed translations

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund
	touch $@

# .mo files are built here, never committed.
translations: $(VENV)/.installed
	$(BIN)/python manage.py compilemessages --ignore '.venv' --ignore 'node_modules' -v 0

# Refresh locale/*/LC_MESSAGES/django.po after adding or changing marked strings.
messages: $(VENV)/.installed
	$(BIN)/python manage.py makemessages -l he -l ar --ignore '.venv/*' --ignore 'node_modules/*' --ignore 'staticfiles/*' --no-location --no-obsolete

# Debian's Chromium for the browser tests (Playwright cannot download its own browser here).
browser:
	@scripts/ensure-chromium.sh

lint: $(VENV)/.installed
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/python manage.py makemigrations --check --dry-run

# With REDIS_URL set, run the same Celery processes docker-compose runs.
worker: setup
	$(BIN)/celery -A api_human worker --loglevel=INFO
beat: setup
	$(BIN)/celery -A api_human beat --loglevel=INFO

# One archive of the database and the private files into BACKUP_DIR; `make restore FILE=path` puts one back.
backup: $(VENV)/.installed
	$(BIN)/python manage.py backup
restore: $(VENV)/.installed
	@test -n "$(FILE)" || { echo "usage: make restore FILE=backups/api-human-<time>.tar" >&2; exit 2; }
	$(BIN)/python manage.py restore "$(FILE)"
