# Mura: `make run` brings up the whole portal on a bare machine, `make test` runs the checks and the suite.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip

.PHONY: run test lint format migrate demo worker beat bench bench-quick bench-reminders messages clean

$(VENV)/.installed: requirements.txt
	test -d $(VENV) || $(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip
	$(PIP) install --quiet -r requirements.txt
	touch $@

$(VENV)/.installed-dev: $(VENV)/.installed requirements-dev.txt
	$(PIP) install --quiet -r requirements-dev.txt
	touch $@

run: $(VENV)/.installed
	$(PY) manage.py migrate --noinput
	$(PY) manage.py load_demo
	$(PY) manage.py run_portal

migrate: $(VENV)/.installed
	$(PY) manage.py migrate --noinput

demo: migrate
	$(PY) manage.py load_demo

worker: $(VENV)/.installed
	$(VENV)/bin/celery -A portal worker --loglevel=INFO

beat: $(VENV)/.installed
	$(VENV)/bin/celery -A portal beat --loglevel=INFO -s var/celerybeat-schedule

# lint-imports: the layering contract in pyproject.toml (portal < sites < seminars < recommendations < reminders
# < bench, no import cycles inside a package).
lint: $(VENV)/.installed-dev
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports --no-cache

format: $(VENV)/.installed-dev
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

# pytest-xdist: one process per core (at most 4). A test file stays in one process, so a module's fixtures (the
# browser tests' demo server) are built once. `make test PYTEST_XDIST=` runs the suite in a single process.
PYTEST_XDIST ?= -n auto --maxprocesses=4 --dist loadfile

# Tests write their scratch files under var/test (var/test/gw0, gw1... per xdist process), never into the
# development data.
test: $(VENV)/.installed-dev lint
	MURA_VAR_DIR=$(CURDIR)/var/test $(PY) manage.py makemigrations --check --dry-run
	MURA_VAR_DIR=$(CURDIR)/var/test $(PY) -m pytest $(PYTEST_XDIST) $(PYTEST_ARGS)

messages: $(VENV)/.installed-dev
	$(PY) manage.py makemessages -l kk -l ru --ignore=.venv --ignore=node_modules --ignore=var --ignore=tests --ignore=bench
	$(PY) manage.py compilemessages --ignore=.venv

# `make bench` measures at world scale (see README, Performance); `make bench BENCH_ARGS=--quick` tries it in a minute.
bench: $(VENV)/.installed-dev
	$(PY) -m bench.run $(BENCH_ARGS)

bench-quick: $(VENV)/.installed-dev
	$(PY) -m bench.run --quick $(BENCH_ARGS)

# `make bench-reminders` measures reminder planning and sending (see README, Performance).
bench-reminders: $(VENV)/.installed-dev
	$(PY) -m bench.bench_reminders $(BENCH_ARGS)

clean:
	rm -rf var/test var/broker var/cache
