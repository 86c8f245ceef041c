# CadreForge — the two commands: `make demo` and `make test`. See README.md.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
VENDOR := src/cadreforge/web/static/vendor
HOST ?= 127.0.0.1
PORT ?= 8000
PG_URL ?= postgres://postgres@127.0.0.1:5432/cadreforge
export PIP_DISABLE_PIP_VERSION_CHECK := 1

.PHONY: setup demo serve test lint pytest test-pg bench lock clean browser-deps

## setup: idempotent set-up — .venv with the locked dependencies, the project, front-end assets, SQLite schema
setup: $(STAMP) $(VENDOR)/.stamp
	@mkdir -p var/static
	@$(BIN)/cadreforge migrate --no-input -v 0
	@echo "set-up done: $(BIN)/cadreforge"

$(STAMP): pyproject.toml requirements.lock
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q -r requirements.lock
	$(BIN)/pip install -q --no-deps --no-build-isolation -e . 2>/dev/null || $(BIN)/pip install -q --no-deps -e .
	@touch $@

# Front-end assets come from the npm registry and are served by the app (WhiteNoise): never from a CDN.
$(VENDOR)/.stamp: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	@mkdir -p $(VENDOR)
	cp node_modules/htmx.org/dist/htmx.min.js $(VENDOR)/
	cp node_modules/echarts/dist/echarts.min.js $(VENDOR)/
	@# The map of China for the flow map: Apache ECharts 4's map data (the npm alias echarts-map-data).
	cp node_modules/echarts-map-data/map/json/china.json $(VENDOR)/china.json
	@touch $@

## demo: set up, load the demo programs and accounts, serve at http://$(HOST):$(PORT)
demo: setup
	$(BIN)/cadreforge demo load
	@echo ""
	@echo "CadreForge 演示系统: http://$(HOST):$(PORT)/"
	@$(BIN)/cadreforge demo accounts
	@echo ""
	@# The background worker (imports and other long work) runs beside the web server and stops with it.
	@# The clock: scheduled briefings due are sent every five minutes (cron does it hourly in production).
	@$(BIN)/cadreforge db_worker --no-reload --interval 1 >var/worker.log 2>&1 & worker=$$!; \
	(while :; do $(BIN)/cadreforge briefing send-due >>var/clock.log 2>&1; sleep 300; done) & clock=$$!; \
	trap 'kill $$worker $$clock 2>/dev/null' EXIT INT TERM; \
	$(BIN)/cadreforge runserver $(HOST):$(PORT) --noreload

## test: set up, lint, then the whole suite on SQLite
test: setup lint pytest

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

pytest: $(STAMP) $(VENDOR)/.stamp
	$(BIN)/pytest

## test-pg: the whole suite on PostgreSQL (DATABASE_URL, default the local server; pytest creates test_<name>)
test-pg: setup
	DATABASE_URL=$${DATABASE_URL:-$(PG_URL)} $(BIN)/pytest --create-db

## bench: benchmarks under benchmarks/
bench: setup
	$(BIN)/python -m benchmarks

## lock: re-resolve requirements.lock from pyproject.toml (needs uv)
lock:
	$(BIN)/pip install -q uv
	$(BIN)/uv pip compile pyproject.toml --extra dev --python-version 3.11 --universal -o requirements.lock

## browser-deps: Debian's Chromium for the browser tests (root; CI runs it)
browser-deps:
	@command -v chromium >/dev/null || (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium)

clean:
	rm -rf $(VENV) node_modules $(VENDOR) var
