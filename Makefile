# newsframe — reproduce the analysis, run the tests, run the benchmarks.
# `make help` lists the targets. Set-up is a file target (.venv/.installed), so
# `make reproduce` or `make test` works first on a fresh clone.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
export PYTHONHASHSEED := 0
export MPLBACKEND := Agg

.DEFAULT_GOAL := help
.PHONY: help setup reproduce notebooks figures test bench clean

help: ## list the targets
	@awk 'BEGIN {FS = ":.*## "} /^[a-zA-Z_-]+:.*## / {printf "  make %-20s %s\n", $$1, $$2}' $(MAKEFILE_LIST)

$(STAMP): requirements.txt pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.txt
	$(BIN)/python -m pip install --quiet --no-deps --no-build-isolation -e .
	touch $(STAMP)

setup: $(STAMP) ## create .venv and install the pinned environment and the package

reproduce: $(STAMP) ## verify data/raw, execute every notebook, rewrite reports/figures
	$(BIN)/newsframe verify
	$(BIN)/python -m newsframe.notebooks notebooks

test: $(STAMP) ## run unit tests, doctests and every notebook
	$(BIN)/python -m pytest

bench: $(STAMP) ## run the benchmarks (reads ../shared/benchdata) and print their figures
	@for b in benchmarks/bench_*.py; do echo "== $$b"; $(BIN)/python $$b || exit 1; done

clean: ## remove caches and data/processed (never data/raw or reports/figures)
	rm -rf .pytest_cache .mypy_cache build dist src/*.egg-info
	find . -name __pycache__ -type d -prune -not -path './$(VENV)/*' -exec rm -rf {} +
	find data/processed -mindepth 1 -not -name .gitkeep -delete
