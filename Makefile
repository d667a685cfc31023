# The two commands of the README are `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
DEV_ENV := DJANGO_DEBUG=1

.PHONY: run test install install-test messages compilemessages migrations-check lint format check-deploy backup restore clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

# pip's output goes to a log, shown only when the install fails.
install: $(BIN)/python
	@$(BIN)/pip install -e . > $(VENV)/pip.log 2>&1 || (cat $(VENV)/pip.log; exit 1)

install-test: $(BIN)/python
	@$(BIN)/pip install -e ".[test]" > $(VENV)/pip.log 2>&1 || (cat $(VENV)/pip.log; exit 1)

# Skipped while no catalogue exists (compilemessages fails when it finds no locale folder).
compilemessages:
	@if ls locale/*/LC_MESSAGES/*.po >/dev/null 2>&1; then \
	  $(DEV_ENV) $(BIN)/python manage.py compilemessages --ignore=.venv --ignore=staticfiles -v 0; fi

# Updates the catalogues from the sources; then translate the new English entries by hand.
# French is the source language: its catalogue repeats the msgids (tests/test_i18n.py checks both).
MESSAGES_IGNORE := --ignore=.venv --ignore=staticfiles --ignore=tests --ignore=bench
messages:
	$(DEV_ENV) $(BIN)/python manage.py makemessages -l fr -l en $(MESSAGES_IGNORE) -v 0
	$(DEV_ENV) $(BIN)/python manage.py makemessages -d djangojs -l fr -l en $(MESSAGES_IGNORE) --ignore=static/vendor -v 0
	@# msgen only fills empty entries: empty them all first (msgmerge may have guessed some).
	@for po in locale/fr/LC_MESSAGES/*.po; do \
	  msgattrib --clear-fuzzy --clear-previous --no-obsolete "$$po" \
	  | msgfilter --keep-header sed -e d | msgen - -o "$$po" || exit 1; done
	@printf "locale/en: "; msgfmt --statistics -o /dev/null locale/en/LC_MESSAGES/django.po

## The app on its embedded default: SQLite file, demo data, printed login.
## Emails are queued, then sent by the worker started here beside the dev server (in debug the
## console backend prints them in this terminal); it stops when the server stops (the trap:
## a background job of a script ignores Ctrl+C).
run: install compilemessages
	$(DEV_ENV) $(BIN)/python manage.py migrate --no-input -v 0
	$(DEV_ENV) $(BIN)/python manage.py seed_demo
	@$(DEV_ENV) $(BIN)/python manage.py db_worker --no-reload --interval 1 & worker=$$!; \
	  trap 'kill $$worker 2>/dev/null; wait $$worker 2>/dev/null' EXIT INT TERM; \
	  $(DEV_ENV) $(BIN)/python manage.py runserver 127.0.0.1:$(PORT)

## Everything CI checks; DATABASE_URL (if set) selects PostgreSQL.
test: install-test compilemessages
	$(BIN)/ruff check .
	$(BIN)/lint-imports
	$(BIN)/python -m pytest $(PYTEST_ARGS)

migrations-check:
	$(DEV_ENV) $(BIN)/python manage.py makemigrations --check --dry-run

lint:
	$(BIN)/ruff check . && $(BIN)/ruff format --check .

format:
	$(BIN)/ruff check --fix . && $(BIN)/ruff format .

## Backups of the PostgreSQL database named by DATABASE_URL (custom format, restorable alone).
BACKUP_DIR ?= backups
BACKUP_FILE ?= $(BACKUP_DIR)/qvt-$(shell date -u +%Y%m%dT%H%M%SZ).dump

backup:
	@test -n "$$DATABASE_URL" || (echo "DATABASE_URL (PostgreSQL) is required"; exit 2)
	@mkdir -p $(dir $(BACKUP_FILE))
	pg_dump --format=custom --no-owner --no-privileges --file="$(BACKUP_FILE)" "$$DATABASE_URL"
	@echo "backup written to $(BACKUP_FILE)"

restore:
	@test -n "$$DATABASE_URL" || (echo "DATABASE_URL (PostgreSQL) is required"; exit 2)
	@test -n "$(FILE)" || (echo "usage: make restore FILE=backups/qvt-....dump"; exit 2)
	pg_restore --clean --if-exists --no-owner --no-privileges --single-transaction \
	  --dbname="$$DATABASE_URL" "$(FILE)"
	@echo "restored $(FILE)"

clean:
	rm -rf $(VENV) staticfiles db.sqlite3 .pytest_cache test-artifacts
