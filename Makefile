# Two commands set everything up on a fresh machine: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
PG_URL ?= postgres://postgres@127.0.0.1:5432/portal_test
CHROMIUM ?= /usr/bin/chromium

.PHONY: run test test-fast test-pg test-e2e durability bench deadline-evening wrk lint install messages compilemessages chromium check-deploy clean

$(PY):
	$(PYTHON) -m venv $(VENV)

$(STAMP): requirements.txt requirements-dev.txt | $(PY)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements-dev.txt
	touch $(STAMP)

install: $(STAMP)

compilemessages: $(STAMP)
	$(PY) manage.py compilemessages --ignore=.venv --ignore=node_modules -v 0

messages: $(STAMP)
	for app in portal cms learning assessments; do (cd $$app && mkdir -p locale && \
		../$(PY) ../manage.py makemessages -l zh_Hans -l en --no-obsolete -v 0 && \
		../$(PY) ../manage.py makemessages -d djangojs -l zh_Hans -l en --no-obsolete -v 0); done

run: compilemessages
	$(PY) manage.py migrate --noinput
	$(PY) manage.py seed_demo
	$(PY) manage.py runserver 127.0.0.1:8000

# Browser tests need Debian's chromium; install it when it is missing.
chromium:
	@[ -x $(CHROMIUM) ] || (echo "Installing chromium (Debian package) for the browser tests" && \
		(apt-get update -qq || sudo apt-get update -qq) && \
		(DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-noto-cjk || \
		 sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-noto-cjk))

# The whole suite on SQLite, browser tests included.
test: compilemessages chromium
	$(PY) -m pytest -n 2

test-fast: compilemessages
	$(PY) -m pytest -m "not e2e"

test-e2e: compilemessages chromium
	$(PY) -m pytest -m e2e

# The suite on PostgreSQL (concurrency and locking tests run here); browser tests run in `make test`.
test-pg: compilemessages
	DATABASE_URL=$(PG_URL) $(PY) -m pytest -m "not e2e" -n 2

# PostgreSQL crashed and restarted under load: every acknowledged log save must still be there.
# Uses a throw-away cluster of its own (never the shared server) and Redis db 9; about a minute.
durability: compilemessages
	$(PY) tests/reliability/pg_restart_durability.py

# Load generator for `make bench`: Debian's wrk, installed when missing.
wrk:
	@command -v wrk >/dev/null || (echo "Installing wrk (Debian package) for the benchmarks" && \
		(apt-get update -qq || sudo apt-get update -qq) && \
		(DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk || \
		 sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk))

# Not part of `make test`. The everyday pages under gunicorn with production settings beside a trivial view,
# on the demo office and on 5,000 people x 3 years (PostgreSQL databases portal_bench_demo/_scale, built once
# and reused); prints the table and writes tests/perf/results/<date>-<label>.json.
# BENCH_ARGS="--seconds 10 --label after" for longer runs; the default is a few seconds a page (--quick).
BENCH_ARGS ?= --quick
bench: compilemessages wrk
	$(PY) tests/perf/bench.py $(BENCH_ARGS)

# A deadline evening (locust, headless, time-bounded) on the demo data set; then every acknowledged save
# and submit is checked in the database. DEADLINE_ARGS="--users 100 --minutes 3".
DEADLINE_ARGS ?=
deadline-evening: compilemessages
	$(PY) tests/perf/deadline_evening.py $(DEADLINE_ARGS)

lint: $(STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(PY) manage.py check
	$(PY) manage.py makemigrations --check --dry-run
	$(VENV)/bin/mypy

# The production settings, with a made-up environment, must pass Django's deployment checks.
check-deploy: $(STAMP)
	DJANGO_SECRET_KEY=ci-$$(head -c 48 /dev/urandom | base64 | tr -dc 'A-Za-z0-9' | head -c 60) \
	DJANGO_ALLOWED_HOSTS=portal.example.gov.cn DATABASE_URL=$(PG_URL) REDIS_URL=redis://127.0.0.1:6379/0 \
	$(PY) manage.py check --deploy --fail-level WARNING --settings=portal.settings.production

clean:
	rm -rf $(VENV) staticfiles db.sqlite3

# Not part of `make test`: Lighthouse (phone, signed in) on the chart pages; LIGHTHOUSE_ARGS="--runs 3".
.PHONY: lighthouse
lighthouse: compilemessages chromium
	$(PY) tests/perf/lighthouse.py $(LIGHTHOUSE_ARGS)
