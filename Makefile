# The README's two commands. `make run`: set up and ingest the bundled samples.
# `make test`: set up and run the tests.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin

$(BIN)/chiso: pyproject.toml
	$(PY) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e ".[dev]"
	touch $(BIN)/chiso

setup: $(BIN)/chiso

run: setup
	$(BIN)/chiso ingest samples --db chiso.duckdb

test: setup
	$(BIN)/python -m pytest

.PHONY: setup run test
