# sysdesign — `make serve`, `make test`, `make site`. Everything installs itself on first use.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
PIP    := $(BIN)/python -m pip
export NO_MKDOCS_2_WARNING := 1
export PYTHONDONTWRITEBYTECODE := 1

.PHONY: help install serve site test check lint typecheck validate bench pdf lighthouse clean

help:
	@echo "make serve  - install, then serve the site on http://127.0.0.1:8000 (live reload)"
	@echo "make test   - install Python deps, npm assets and Chromium, run the whole suite"
	@echo "make site   - build the static site into site/ (strict)"
	@echo "make check  - fast pre-push check: ruff, mypy --strict, catalog validation, strict build"
	@echo "make bench  - print browser performance figures (bench/browser.py)"
	@echo "make pdf    - build the site, then print the cheat sheet and key pages to site/pdf/"
	@echo "make lighthouse - print Lighthouse scores for three pages, mobile and desktop"

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
	# SITE_URL: serve at the root, not under the production path (/sysdesign/).
	SITE_URL=http://127.0.0.1:8000/ $(BIN)/mkdocs serve --dev-addr 127.0.0.1:8000

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

# The strict build goes to a throw-away directory: site/ and a running `make serve` are untouched.
check: lint typecheck validate
	@site=$$(mktemp -d) && trap 'rm -rf "$$site"' EXIT && \
		$(BIN)/mkdocs build --strict --site-dir "$$site" && echo "strict build ok"

bench: install
	$(BIN)/python bench/browser.py

# The cheat sheet (A4 and Letter) and the key pages as PDF, printed by the tests' Chromium.
pdf: site install
	$(BIN)/python tools/make_pdf.py site

# Lighthouse scores of three pages, mobile and desktop (pinned lighthouse from npm).
lighthouse: install
	$(BIN)/python bench/lighthouse.py

clean:
	rm -rf site .pytest_cache .mypy_cache .ruff_cache
