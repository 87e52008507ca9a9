# The two commands of the README. Each sets up what it needs on a fresh machine first.
#   make run    serve the embedded default (a private PostgreSQL under var/, in-process Redis,
#               sandboxes, demo data)
#   make test   run the test suite (on a private PostgreSQL and Redis, or the servers that
#               YIWANG_TEST_DATABASE_URL and YIWANG_TEST_REDIS_URL name)
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin

# The hall screens' tests drive Debian's Chromium (Playwright's own browser download does not
# work on a closed network); a Chinese font draws their pages.
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: run test install browser

run: $(VENV)/.installed
	$(BIN)/yiwang serve

test: $(VENV)/.installed browser
	$(BIN)/pytest -n auto --dist worksteal

browser:
	@if ! command -v chromium >/dev/null || ! fc-list :lang=zh 2>/dev/null | grep -q .; then \
	  echo "installing Debian's chromium and fonts-wqy-microhei for the hall screens' tests"; \
	  $(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq chromium fonts-wqy-microhei >/dev/null; \
	fi

install: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	touch $@
