# Weerbaar: two commands do all set-up.
#   make run   creates .venv, installs, migrates the SQLite database under var/, loads the
#              Drenthe reference and demo data, and serves http://127.0.0.1:$(PORT)
#   make test  installs what the tests need (incl. Chromium and axe-core) and runs them all
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
export PORT

.PHONY: run test install install-test browser lint messages clean

$(BIN)/python:
	@$(PYTHON) -c "import sys; sys.exit(0 if sys.version_info[:2] == (3, 11) else 1)" 2>/dev/null || { echo "Python 3.11 is needed (found: $(PYTHON))"; exit 2; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: $(BIN)/python pyproject.toml
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: $(VENV)/.installed
	$(BIN)/python -m pip install --quiet -e ".[test]"
	touch $@

install: $(VENV)/.installed

install-test: $(VENV)/.installed-test

run: install
	mkdir -p var
	WEERBAAR_DEMO=1 $(BIN)/weerbaar migrate --noinput -v 0
	WEERBAAR_DEMO=1 $(BIN)/weerbaar load-reference
	WEERBAAR_DEMO=1 $(BIN)/weerbaar load-supportpoints
	WEERBAAR_DEMO=1 $(BIN)/weerbaar load-programme
	WEERBAAR_DEMO=1 $(BIN)/weerbaar load-demo
	@echo "Demo mode is ON (WEERBAAR_DEMO=1): demo accounts with known passwords, default secret key."
	WEERBAAR_DEMO=1 $(BIN)/weerbaar serve --port $(PORT)

# Browser tests need Debian's Chromium and axe-core from the npm registry.
browser:
	@command -v chromium >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then \
	    apt-get update -qq && apt-get install -y -qq chromium >/dev/null; \
	  else echo "Chromium is missing and cannot be installed here; browser tests will be skipped"; fi; }
	@if [ ! -f node_modules/axe-core/axe.min.js ]; then \
	  if command -v npm >/dev/null 2>&1; then npm install --no-audit --no-fund --silent; \
	  else echo "npm is missing: browser tests will be skipped"; fi; fi

lint: install-test
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

test: install-test browser lint
	$(BIN)/python -m pytest

messages: install-test
	cd weerbaar && ../$(BIN)/weerbaar makemessages -l nl -l en --no-obsolete
	cd weerbaar && ../$(BIN)/weerbaar compilemessages

clean:
	rm -rf $(VENV) var node_modules
