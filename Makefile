PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
VENDOR := src/eventwire/serve/static/vendor
WORLD_ATLAS := $(VENDOR)/node_modules/world-atlas/countries-110m.json

.PHONY: demo test lint bench eval clean install web-assets browser

$(STAMP): pyproject.toml constraints.txt
	$(PY) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -c constraints.txt -e '.[dev,ray]'
	touch $(STAMP)

# The map's world outline (Natural Earth, npm package world-atlas); the map works without it.
$(WORLD_ATLAS):
	@if command -v npm >/dev/null; then npm install --prefix $(VENDOR) --no-audit --no-fund --silent world-atlas@2; \
	else echo "npm not found: the map draws without its outline (docs/serve.md)"; fi

web-assets: $(WORLD_ATLAS)

# Debian's Chromium for the browser tests (they skip, saying why, when it is absent).
browser:
	@command -v chromium >/dev/null || { [ "$$(id -u)" = 0 ] && apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; } || \
	  echo "no chromium: browser tests will skip"

install: $(STAMP) web-assets

demo: $(STAMP) web-assets
	$(BIN)/eventwire demo --output demo-out
	$(BIN)/eventwire ingest samples --db demo-out/events.duckdb --quiet
	@echo ""
	@echo "Explore the events:  $(BIN)/eventwire serve --db demo-out/events.duckdb"
	@echo "then open            http://127.0.0.1:8000/"

test: $(STAMP) web-assets browser
	$(BIN)/pytest -q

lint: $(STAMP)
	$(BIN)/ruff check src tests benchmarks

bench: $(STAMP)
	$(BIN)/python benchmarks/run.py

eval: $(STAMP)
	$(BIN)/eventwire eval all --output eval/results.json

clean:
	rm -rf $(VENV) demo-out .pytest_cache build *.egg-info src/*.egg-info
	rm -rf $(VENDOR)/node_modules $(VENDOR)/package*.json
