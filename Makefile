# Involve: the two commands a newcomer needs are `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
export DJANGO_SETTINGS_MODULE ?= config.settings.dev

.PHONY: install run test lint check-migrations check-deploy seed clean help

help:
	@echo "make install  build .venv and the front-end assets"
	@echo "make run      install, migrate a SQLite database, load demo data, start web + worker + beat"
	@echo "make test     run the whole test suite (PostgreSQL and Redis when DATABASE_URL and REDIS_URL are set)"
	@echo "make lint     ruff, and import-linter's layer contracts (pyproject.toml)"

install: $(VENV)/.installed build/static/.built

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	@touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	@touch $@

build/static/.built: node_modules/.installed scripts/build-assets.mjs $(wildcard static/scss/*.scss)
	npm run --silent build
	@touch $@

run: install
	mkdir -p var
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py seed_demo
	PORT=$(PORT) $(BIN)/python scripts/run_local.py

# pytest's exit code 5 (no test collected) counts as a failure.
test: install
	@DJANGO_SETTINGS_MODULE=config.settings.test $(BIN)/python -m pytest $(PYTEST_ARGS); \
	status=$$?; \
	if [ $$status -eq 5 ]; then echo "make test: no test was collected" >&2; exit 1; fi; \
	exit $$status

lint: install
	$(BIN)/ruff check .
	$(BIN)/lint-imports

check-migrations: install
	$(BIN)/python manage.py makemigrations --check --dry-run

check-deploy: install
	DJANGO_SETTINGS_MODULE=config.settings.production \
	DJANGO_SECRET_KEY=check-deploy-only-$$(date +%s)-not-a-real-secret-but-long-enough-for-django \
	DJANGO_ALLOWED_HOSTS=involve.example.org \
	DATABASE_URL=sqlite:///tmp/check.sqlite3 REDIS_URL=redis://127.0.0.1:6379/0 \
	$(BIN)/python manage.py check --deploy --fail-level WARNING

seed: install
	$(BIN)/python manage.py seed_demo

clean:
	rm -rf $(VENV) node_modules build var
