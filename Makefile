# The README's two commands. `make run`: set up and ingest the bundled samples.
# `make test`: set up and run the tests.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
LOCK := requirements.lock
APT_PACKAGES := tesseract-ocr tesseract-ocr-vie fonts-dejavu-core poppler-utils chromium

# Every transitive dependency comes pinned from the lock, then chiso itself without resolving
# anything: a registry release can no longer change a nightly run. `-qq` keeps pip to errors
# (the machine's pip configuration otherwise warns once per package).
$(BIN)/chiso: pyproject.toml $(LOCK)
	@echo "setup: $(VENV) from $(LOCK) ($$(grep -c '^[A-Za-z0-9]' $(LOCK)) pinned packages)"
	@$(PY) -m venv $(VENV)
	@$(BIN)/pip install -qq --disable-pip-version-check -r $(LOCK)
	@$(BIN)/pip install -qq --disable-pip-version-check --no-deps --no-build-isolation -e .
	@touch $(BIN)/chiso
	@echo "setup: $$($(BIN)/chiso --version) ready"

# Scans need tesseract and its Vietnamese model; the report's test opens the report in Chromium.
# Installed only when missing.
system:
	@if ! command -v tesseract >/dev/null || ! tesseract --list-langs 2>/dev/null | grep -qx vie || ! command -v chromium >/dev/null; then \
	  echo "setup: installing $(APT_PACKAGES)"; \
	  SUDO=$$( [ "$$(id -u)" -eq 0 ] || echo sudo ); \
	  $$SUDO env DEBIAN_FRONTEND=noninteractive apt-get update -qq && \
	  $$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $(APT_PACKAGES) >/dev/null; \
	fi

setup: system $(BIN)/chiso

run: setup
	$(BIN)/chiso ingest samples --db chiso.duckdb

test: setup
	$(BIN)/python -m pytest

# The lock agrees with pyproject.toml and the environment is consistent (CI runs this).
check-lock: setup
	@$(BIN)/pip check --disable-pip-version-check
	@$(BIN)/python -m pytest -q -p no:cacheprovider tests/test_lock.py

# Re-pin every dependency after changing pyproject.toml (needs the registry; commit the result).
lock:
	$(PY) -m venv .lock-venv
	.lock-venv/bin/pip install -qq pip-tools==7.6.2
	.lock-venv/bin/pip-compile -q --extra dev --strip-extras --allow-unsafe --all-build-deps \
	  --no-emit-index-url --no-emit-find-links -o $(LOCK) pyproject.toml

.PHONY: system setup run test check-lock lock
