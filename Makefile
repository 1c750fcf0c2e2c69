# Frivillig Helsingør. `make run` starts the portal with demo data; `make test` runs every check and test.
SHELL := bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help

VENV := .venv
PY := $(VENV)/bin/python
UV := .tools/bin/uv
UV_VERSION := 0.13.9
# uv must use the Python from .python-version on this machine, never download one.
export UV_PYTHON_DOWNLOADS := never
export UV_LINK_MODE := copy
export DJANGO_SETTINGS_MODULE := portal.settings

# The embedded set-up: SQLite under var/, tasks in-process, debug on. Environment variables are ignored on purpose.
EMBEDDED := env -u DATABASE_URL -u REDIS_URL -u EMAIL_URL DJANGO_DEBUG=true
# What `make test` runs against: DATABASE_URL/REDIS_URL when set (CI sets both), otherwise SQLite.
TESTENV := env DJANGO_DEBUG=true
# Settings as in production, for `check --deploy`. DATABASE_URL and REDIS_URL are inherited: some checks ask the
# database for its version, so it must be one that answers (CI's Postgres, or the embedded SQLite).
PRODENV := env DJANGO_DEBUG=false DJANGO_SECRET_KEY=check-deploy-$$RANDOM-only-for-the-deploy-check-0123456789abcdefghij \
	DJANGO_ALLOWED_HOSTS=frivillig.example.org SITE_URL=https://frivillig.example.org EMAIL_URL=smtp://mail.example.org:587
# `make run PORT=8101` serves on another port; links in mails, feeds and Min side follow it through SITE_URL.
PORT ?= 8000
RUNENV := $(EMBEDDED) SITE_URL=http://127.0.0.1:$(PORT)
MSGOPTS := --ignore .venv --ignore .tools --ignore node_modules --ignore var

.PHONY: help install run serve worker beat test lint messages lock clean bench

help:
	@echo "make run       start the portal with demo data on http://127.0.0.1:8000 (SQLite, no services needed; PORT=8101 for another port)"
	@echo "make test      run linters, migration and catalogue checks, the deploy check and every test"
	@echo "make install   create .venv from uv.lock and install npm packages from package-lock.json"
	@echo "make serve     gunicorn (production; needs the environment described in README.md)"
	@echo "make worker    Celery worker;  make beat: Celery beat (periodic tasks)"
	@echo "make messages  collect translatable strings into locale/da/LC_MESSAGES/django.po"
	@echo "make lock      re-resolve Python dependencies into uv.lock after editing pyproject.toml"
	@echo "make bench     benchmark at municipal scale into var/bench/ (needs DATABASE_URL; BENCH_ARGS=--scale 0.05)"

$(UV):
	python3 -m venv .tools
	.tools/bin/pip install --quiet --disable-pip-version-check uv==$(UV_VERSION)

$(VENV)/.installed: uv.lock pyproject.toml | $(UV)
	$(UV) sync --frozen --quiet
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

install: $(VENV)/.installed node_modules/.installed

lock: | $(UV)
	$(UV) lock

var:
	mkdir -p var/static

run: install | var
	$(RUNENV) $(PY) manage.py migrate --noinput
	$(EMBEDDED) $(PY) manage.py compilemessages $(MSGOPTS) -v 0
	$(RUNENV) $(PY) manage.py seed_demo
	@echo "Frivillig Helsingør runs on http://127.0.0.1:$(PORT) (demo accounts in README.md; stop with Ctrl+C)"
	@# Celery beat runs beside the web server; without a broker it executes the periodic tasks (outbox sweep,
	@# digests, reminders) in its own process, so the embedded set-up behaves like production.
	$(RUNENV) bash -c 'trap "kill 0" EXIT; \
		$(VENV)/bin/celery -A portal beat --loglevel=WARNING --schedule var/celerybeat-schedule & \
		$(PY) manage.py runserver 127.0.0.1:$(PORT)'

serve: install
	$(PY) manage.py compilemessages $(MSGOPTS) -v 0
	$(PY) manage.py collectstatic --noinput -v 0
	$(VENV)/bin/gunicorn portal.wsgi --bind $${BIND:-127.0.0.1:8000} --workers $${WEB_CONCURRENCY:-2} --access-logfile -

worker: install
	$(VENV)/bin/celery -A portal worker --loglevel=INFO

beat: install | var
	$(VENV)/bin/celery -A portal beat --loglevel=INFO --schedule var/celerybeat-schedule

messages: install
	$(EMBEDDED) $(PY) manage.py catalogue update

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

test: install lint | var
	$(TESTENV) $(PY) manage.py makemigrations --check --dry-run
	$(EMBEDDED) $(PY) manage.py catalogue check
	$(EMBEDDED) $(PY) manage.py compilemessages $(MSGOPTS) -v 0
	$(PRODENV) $(PY) manage.py check --deploy --fail-level WARNING
	@# Every test runs on a pinned clock (tests/conftest.py). The whole suite runs twice at once, in two processes
	@# with a database each: a minute before midnight and a minute after, so a test that passes or fails by the hour
	@# it runs fails here whenever it is run.
	$(TESTENV) DJANGO_ALLOW_ASYNC_UNSAFE=true $(VENV)/bin/pytest -n 2 --dist each --clock=23:59,00:01 $(PYTEST_ARGS)

# The benchmark: creates the database portal_bench next to DATABASE_URL's (Postgres), fills it at
# municipal scale, serves it with gunicorn in production settings on 127.0.0.1 and writes var/bench/report.{json,md}.
bench: install | var
	$(PY) -m bench.run $(BENCH_ARGS)

clean:
	rm -rf var/static var/portal.sqlite3*
