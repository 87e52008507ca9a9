# The two commands of the README. Each sets up what it needs on a fresh machine first.
#   make run    serve the embedded default (a private PostgreSQL under var/, in-process Redis,
#               sandboxes, demo data)
#   make test   run the test suite (on a private PostgreSQL and Redis, or the servers that
#               YIWANG_TEST_DATABASE_URL and YIWANG_TEST_REDIS_URL name)
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin

.PHONY: run test install

run: $(VENV)/.installed
	$(BIN)/yiwang serve

test: $(VENV)/.installed
	$(BIN)/pytest -n auto --dist worksteal

install: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	touch $@
