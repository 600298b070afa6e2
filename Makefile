# sysdesign — `make serve`, `make test`, `make site`. Everything installs itself on first use.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
PIP    := $(BIN)/python -m pip
PORT   ?= 8000
ARGS   ?= list
export NO_MKDOCS_2_WARNING := 1
export PYTHONDONTWRITEBYTECODE := 1

.PHONY: help install serve site cli test test-fast test-browser check lint typecheck typecheck-js validate bench bench-bytes bench-longtasks pdf lighthouse clean

help:
	@echo "make serve  - install, then serve the site on http://127.0.0.1:8000 (PORT=8001 for another)"
	@echo "make test   - install Python deps, npm assets, Chromium and promtool, run the whole suite"
	@echo "make test-fast    - the tests that need no browser (about a minute once installed)"
	@echo "make test-browser - only the browser tests (Chromium, Pyodide)"
	@echo "make site   - build the static site into site/ (strict), with its PDFs if Chromium is here"
	@echo "make cli ARGS='capacity --dau 1B' - run the sysdesign command (default: list)"
	@echo "make check  - fast pre-push check: ruff, mypy --strict, tsc, catalog validation, strict build"
	@echo "make typecheck-js - type-check docs/javascripts (JSDoc) with the pinned TypeScript"
	@echo "make bench  - print browser performance figures (bench/browser.py)"
	@echo "make bench-bytes - print what a first visit downloads, per kind of page (bench/bytes.py)"
	@echo "make bench-longtasks - main-thread long tasks while each kind of page loads, and what each is (bench/longtasks.py)"
	@echo "make pdf    - like make site, and fails unless the PDFs were printed (installs Chromium)"
	@echo "make lighthouse - print Lighthouse scores for five kinds of page, mobile and desktop"

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
	@bash tools/ensure-promtool.sh

serve: $(VENV)/.installed
	# SITE_URL: serve at the root, not under the production path (/sysdesign/).
	SITE_URL=http://127.0.0.1:$(PORT)/ $(BIN)/mkdocs serve --dev-addr 127.0.0.1:$(PORT)

# With a Chromium at hand (the one the tests would use), the cheat sheet and the key pages are
# printed to site/pdf/ and the cheat sheet's PDF link is shown; without one it stays hidden.
site: $(VENV)/.installed node_modules/.installed
	$(BIN)/mkdocs build --strict --site-dir site
	@if $(BIN)/python tools/make_pdf.py --check; then $(BIN)/python tools/make_pdf.py site; \
	else echo "no Chromium: site/ built without PDFs (the cheat sheet's PDF link stays hidden)"; fi

# The CLI from the project's virtualenv, so a fresh shell needs no activation.
cli: $(VENV)/.installed
	@$(BIN)/sysdesign $(ARGS)

# One worker per core (pytest-xdist); the site is built once and served by the controller
# (tests/conftest.py). PYTEST_ARGS passes more options: make test PYTEST_ARGS="--durations=25".
PYTEST := $(BIN)/python -m pytest -n auto --dist loadgroup
test: install
	$(PYTEST) $(PYTEST_ARGS)

test-fast: install
	$(PYTEST) -m "not browser" $(PYTEST_ARGS)

test-browser: install
	$(PYTEST) -m browser $(PYTEST_ARGS)

lint: $(VENV)/.installed
	$(BIN)/ruff format --check sysdesign_core macros tests bench tools
	$(BIN)/ruff check sysdesign_core macros tests bench tools

typecheck: $(VENV)/.installed typecheck-js
	$(BIN)/mypy

# The page scripts and the worker, checked from their JSDoc (strict) by the pinned TypeScript;
# nothing is emitted. Two programs: the worker has a worker's globals, not a page's.
typecheck-js: node_modules/.installed
	node_modules/.bin/tsc -p jsconfig.json
	node_modules/.bin/tsc -p jsconfig.worker.json

validate: $(VENV)/.installed
	$(BIN)/python -m sysdesign_core.validate

# The strict build goes to a throw-away directory: site/ and a running `make serve` are untouched.
check: lint typecheck validate
	@site=$$(mktemp -d) && trap 'rm -rf "$$site"' EXIT && \
		$(BIN)/mkdocs build --strict --site-dir "$$site" && echo "strict build ok"

bench: install
	$(BIN)/python bench/browser.py

bench-bytes: install
	$(BIN)/python bench/bytes.py

# Long tasks per kind of page (home, table, calculator, problem, worksheet, flashcards), fresh
# and warm profiles, desk and phone (CPU x4). BENCH_ARGS passes options: "--runs 5 --only desk",
# or "--site before=DIR --site after=DIR" to compare two builds, visit for visit.
bench-longtasks: install
	$(BIN)/python bench/longtasks.py $(BENCH_ARGS)

# The cheat sheet (A4 and Letter) and the key pages as PDF, printed by the tests' Chromium
# (installed first), as part of `make site`.
pdf: install
	$(MAKE) site
	@test -f site/pdf/cheatsheet.pdf || { echo "no PDF was printed" >&2; exit 1; }

# Lighthouse scores of five kinds of page, mobile and desktop. Lighthouse (about a hundred npm
# packages) has its own pinned lockfile under bench/, so make test never installs it.
bench/lighthouse-deps/node_modules/.installed: bench/lighthouse-deps/package.json bench/lighthouse-deps/package-lock.json
	npm ci --prefix bench/lighthouse-deps --no-audit --no-fund --loglevel=error
	touch $@

lighthouse: install bench/lighthouse-deps/node_modules/.installed
	$(BIN)/python bench/lighthouse.py

clean:
	rm -rf site .pytest_cache .mypy_cache .ruff_cache
