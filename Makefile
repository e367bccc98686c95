# The README's two commands. `make run`: set up and ingest the bundled samples.
# `make test`: set up and run the tests.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
APT_PACKAGES := tesseract-ocr tesseract-ocr-vie fonts-dejavu-core poppler-utils chromium

$(BIN)/chiso: pyproject.toml
	$(PY) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e ".[dev]"
	touch $(BIN)/chiso

# Scans need tesseract and its Vietnamese model; the report's test opens the report in Chromium.
# Installed only when missing.
system:
	@if ! command -v tesseract >/dev/null || ! tesseract --list-langs 2>/dev/null | grep -qx vie || ! command -v chromium >/dev/null; then \
	  SUDO=$$( [ "$$(id -u)" -eq 0 ] || echo sudo ); \
	  $$SUDO env DEBIAN_FRONTEND=noninteractive apt-get update -qq && \
	  $$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $(APT_PACKAGES) >/dev/null; \
	fi

setup: system $(BIN)/chiso

run: setup
	$(BIN)/chiso ingest samples --db chiso.duckdb

test: setup
	$(BIN)/python -m pytest

.PHONY: system setup run test
