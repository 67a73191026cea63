# make run: set up and serve the dashboard on the demo store; make test: set up and run every test.
# make serve: the production server (gunicorn.conf.py; set REDIS_URL to share one cache).
VENV := .venv
PY := $(VENV)/bin/python
PYTHON ?= python3
STAMP := $(VENV)/.installed

.PHONY: run serve test store lint format clean bench plotly-bundle messages fonts axe

$(STAMP): requirements.txt requirements-dev.txt
	@$(PYTHON) -m venv $(VENV) 2>/dev/null || { apt-get update -qq && apt-get install -y -qq python3-venv && $(PYTHON) -m venv $(VENV); }
	@# WeasyPrint (the brief) lays out text with Pango: the one system library it needs.
	@ldconfig -p | grep -q libpangoft2-1.0 || { apt-get update -qq && apt-get install -y -qq libpango-1.0-0 libpangoft2-1.0-0; }
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -r requirements.txt -r requirements-dev.txt
	@touch $@

store: $(STAMP)
	$(PY) -m dashboard migrate
	$(PY) -m dashboard demo --if-empty

# The demo accounts (README "Signing in") are made on the embedded demo store only.
run: store
	$(PY) -m dashboard user demo
	$(PY) app.py

serve: store
	$(PY) -m gunicorn -c gunicorn.conf.py

# Two xdist workers: the ten-minute soak test has its own group and starts first
# (tests/conftest.py), so the rest runs beside it; -rP shows what passing tests printed
# (the soak test's figures).
test: $(STAMP)
	$(PY) -m pytest -n 2 --dist loadgroup -rP

# ruff, and the layering's import contracts (pyproject.toml, docs/architecture.md).
lint: $(STAMP)
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .
	$(VENV)/bin/lint-imports

format: $(STAMP)
	$(PY) -m ruff check --fix .
	$(PY) -m ruff format .

clean:
	rm -rf $(VENV) data/*.db data/*.db-*

# Issue #6 measured from outside: demo stores of 1M, 3M and 10M attendances (SQLite and
# PostgreSQL), the real server, Dash callbacks, headless Chromium; writes BENCHMARKS.md.
# Options through BENCH_ARGS, e.g. make bench BENCH_ARGS="--scales 1M --repeat 5".
bench: $(STAMP)
	$(PY) -m benchmarks.outside $(BENCH_ARGS)

# Our plotly.js, assets/plotly.min.js: only the trace types dashboard/figures draws (1.4 MB
# instead of 4.8). Needs Node.js and npm; run after changing the traces or plotly's version.
plotly-bundle:
	cd frontend/plotly && npm ci --no-audit --no-fund && node build.js

# The interface's messages (babel.cfg) into translations/*/LC_MESSAGES/messages.po: new ones
# appear untranslated (tests/test_language.py fails until each has its Hindi). The catalogues
# are compiled in memory at start (dashboard/vocabulary/language.py): no .mo to build.
messages: $(STAMP)
	$(VENV)/bin/pybabel extract -F babel.cfg --no-location --sort-output -o translations/messages.pot .
	$(VENV)/bin/pybabel update -i translations/messages.pot -d translations --no-fuzzy-matching --ignore-obsolete
	rm translations/messages.pot

# Noto Sans Devanagari (frontend/fonts/package.json pins its version) into assets/fonts/: the
# woff2 files the page uses and the licence, committed. Needs npm; run after a version change.
fonts:
	cd frontend/fonts && npm ci --no-audit --no-fund && node copy.js

# axe-core (frontend/axe/package.json pins its version) into tests/browser/vendor/: the browser
# tests inject it into every page they check (WCAG 2.1 AA); the app never serves it. Needs npm.
axe:
	cd frontend/axe && npm ci --no-audit --no-fund && node copy.js
