# sysdesign — `make serve`, `make test`, `make site`. Everything installs itself on first use.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
PIP    := $(BIN)/python -m pip
export NO_MKDOCS_2_WARNING := 1
export PYTHONDONTWRITEBYTECODE := 1

.PHONY: help install serve site test check lint typecheck validate bench pdf clean

help:
	@echo "make serve  - install, then serve the site on http://127.0.0.1:8000 (live reload)"
	@echo "make test   - install Python deps, npm assets and Chromium, run the whole suite"
	@echo "make site   - build the static site into site/ (strict)"
	@echo "make check  - fast pre-push check: ruff, mypy --strict, catalog validation, strict build"
	@echo "make bench  - print browser performance figures (bench/browser.py)"

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

# Re-install when the pins change. constraints.txt pins every transitive package too.
$(VENV)/.installed: pyproject.toml requirements/constraints.txt | $(BIN)/python
	$(PIP) install --quiet --upgrade pip==25.3
	$(PIP) install --quiet -c requirements/constraints.txt -e '.[docs,test]'
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

install: $(VENV)/.installed node_modules/.installed
	@bash tools/ensure-chromium.sh

serve: $(VENV)/.installed
	$(BIN)/mkdocs serve --dev-addr 127.0.0.1:8000

site: $(VENV)/.installed node_modules/.installed
	$(BIN)/mkdocs build --strict --site-dir site

test: install
	$(BIN)/python -m pytest

lint: $(VENV)/.installed
	$(BIN)/ruff format --check sysdesign_core macros tests bench tools
	$(BIN)/ruff check sysdesign_core macros tests bench tools

typecheck: $(VENV)/.installed
	$(BIN)/mypy

validate: $(VENV)/.installed
	$(BIN)/python -m sysdesign_core.validate

check: lint typecheck validate
	$(BIN)/mkdocs build --strict --site-dir $$(mktemp -d)

bench: install
	$(BIN)/python bench/browser.py

clean:
	rm -rf site .pytest_cache .mypy_cache .ruff_cache
