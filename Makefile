# Involve: the two commands a newcomer needs are `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
export DJANGO_SETTINGS_MODULE ?= config.settings.dev
# Exact versions, with hashes, of every Python package (pyproject.toml holds
# the ranges): LOCK for development and CI (with the dev extra), and
# PRODUCTION_LOCK, the same versions without it, for the Docker image.
LOCK := requirements/lock.txt
PRODUCTION_LOCK := requirements/production.txt
UV_COMPILE = $(BIN)/uv pip compile pyproject.toml --universal --python-version 3.11 \
	--generate-hashes --index-url https://pypi.org/simple --custom-compile-command "make lock" --quiet

.PHONY: install run test lint lock check-migrations check-deploy seed bench bench-data bench-load bench-pdfs clean help

help:
	@echo "make install  build .venv and the front-end assets"
	@echo "make run      install, migrate a SQLite database, load demo data, start web + worker + beat"
	@echo "make test     run the whole test suite in parallel (PostgreSQL and Redis when DATABASE_URL and REDIS_URL are set)"
	@echo "make lint     ruff, and import-linter's layer contracts (pyproject.toml)"
	@echo "make bench    time each key page against the framework floor on national data (bench/RESULTS.md)"
	@echo "make lock     pin the Python packages again after editing pyproject.toml (UPGRADE=1: newest allowed)"

install: $(VENV)/.installed build/static/.built

# The locked versions, each checked against its hash, then the project itself
# with nothing more; `pip check` fails if pyproject.toml asks for a package the
# lock does not have (run `make lock`).
$(VENV)/.installed: pyproject.toml $(LOCK)
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet --require-hashes -r $(LOCK)
	$(BIN)/python -m pip install --quiet --no-deps -e .
	$(BIN)/python -m pip check
	@touch $@

# After editing pyproject.toml: pins what changed and keeps every other pin.
# `make lock UPGRADE=1` moves every package to the newest version its range allows.
lock:
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet "uv>=0.5"
	$(UV_COMPILE) --extra dev $(if $(UPGRADE),--upgrade) -o $(LOCK)
	$(UV_COMPILE) --constraint $(LOCK) $(if $(UPGRADE),--upgrade) -o $(PRODUCTION_LOCK)

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

# The suite runs in parallel (pytest-xdist), one worker process per core
# (TEST_WORKERS=auto; a number, or 0 for one process): each worker has its own
# test database and Redis database (config/settings/test.py). loadgroup hands
# out tests one by one, except that tests marked
# @pytest.mark.xdist_group("name") all run on one worker.
# pytest's exit code 5 (no test collected) counts as a failure.
TEST_WORKERS ?= auto
test: install
	@DJANGO_SETTINGS_MODULE=config.settings.test $(BIN)/python -m pytest \
		-n $(TEST_WORKERS) --dist loadgroup $(PYTEST_ARGS); \
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
	DJANGO_ALLOWED_HOSTS=involve.example.org SITE_URL=https://involve.example.org \
	DATABASE_URL=sqlite:///tmp/check.sqlite3 REDIS_URL=redis://127.0.0.1:6379/0 \
	INVOLVE_UPLOAD_SCANNER=involvement.scanning.ClamdScanner \
	$(BIN)/python manage.py check --deploy --fail-level WARNING

seed: install
	$(BIN)/python manage.py seed_demo

# The page benchmark (bench/pages.py) on PostgreSQL: `make bench-data` once
# (an empty database; minutes), then `make bench` (gunicorn with production
# settings on loopback; writes the table into bench/RESULTS.md).
BENCH_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/involve_national
BENCH_REDIS_URL ?= redis://127.0.0.1:6379/0
BENCH_ROUNDS ?= 40

bench-data: install
	DATABASE_URL=$(BENCH_DATABASE_URL) $(BIN)/python manage.py migrate --noinput
	DATABASE_URL=$(BENCH_DATABASE_URL) $(BIN)/python manage.py generate_national --seed 1 --scale 1.0

bench: install
	DATABASE_URL=$(BENCH_DATABASE_URL) REDIS_URL=$(BENCH_REDIS_URL) \
	$(BIN)/python -m bench.pages --rounds $(BENCH_ROUNDS)

# The load run (bench/load.py, Locust over the members', coordinators' and
# reviewers' journeys; minutes; not part of CI) and PDF pages per second
# (bench/pdfs.py), on the same data; both write into bench/RESULTS.md.
bench-load: install
	DATABASE_URL=$(BENCH_DATABASE_URL) REDIS_URL=$(BENCH_REDIS_URL) \
	$(BIN)/python -m bench.load $(LOAD_ARGS)

bench-pdfs: install
	DATABASE_URL=$(BENCH_DATABASE_URL) REDIS_URL=$(BENCH_REDIS_URL) \
	$(BIN)/python -m bench.pdfs

clean:
	rm -rf $(VENV) node_modules build var
