# Two commands do everything on a fresh machine: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
FLASK := $(BIN)/flask --app wsgi

.PHONY: run test setup translations clean

$(BIN)/activate:
	$(PYTHON) -m venv $(VENV)

# Reinstall only when the project's dependencies change.
$(VENV)/.installed: pyproject.toml | $(BIN)/activate
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $@

# The compiled catalogs (*.mo) are built here and not committed: the .po files stay
# the only source, so a compiled catalog can never be older than its translations.
translations: $(VENV)/.installed
	$(FLASK) translations compile

setup: $(VENV)/.installed translations
	$(FLASK) setup

run: setup
	$(FLASK) run --host 127.0.0.1 --port 5000

test: $(VENV)/.installed translations
	$(BIN)/pytest

clean:
	rm -rf $(VENV) instance .pytest_cache
