# newsframe — reproduce the analysis, run the tests, run the benchmarks.
# `make help` lists the targets. Set-up is a file target (.venv/.installed), so
# `make reproduce` or `make test` works first on a fresh clone; `make test` also
# installs Debian's Chromium for the browser test (.venv/.browser).

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
BROWSER_STAMP := $(VENV)/.browser
CHROMIUM ?= /usr/bin/chromium
export PYTHONHASHSEED := 0
export MPLBACKEND := Agg

#: The seed article: `make reproduce` writes its page to reports/$(SEED_ID).html.
SEED    := data/raw/2023-09-rossomando-north-korea-russia-real-allies.txt
SEED_ID := $(basename $(notdir $(SEED)))
#: `make reproduce ARTICLE=path/to/article` runs the series on that article instead.
ARTICLE ?=

.DEFAULT_GOAL := help
.PHONY: help setup browser reproduce reproduce-seed notebooks figures report test check-reproducible bench clean

help: ## list the targets
	@awk 'BEGIN {FS = ":.*## "} /^[a-zA-Z_-]+:.*## / {printf "  make %-20s %s\n", $$1, $$2}' $(MAKEFILE_LIST)

$(STAMP): requirements.txt pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.txt
	$(BIN)/python -m pip install --quiet --no-deps --no-build-isolation -e .
	touch $(STAMP)

setup: $(STAMP) ## create .venv and install the pinned environment and the package

# Chromium for tests/test_browser.py: Debian's package (browser downloads by test tools
# do not work offline). Needs root; without it the browser test is skipped, with the reason.
$(BROWSER_STAMP): | $(STAMP)
	@if [ -x $(CHROMIUM) ]; then \
	  echo "browser: $(CHROMIUM) is installed"; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	  echo "browser: installing Debian's chromium for the browser test (apt-get, a minute or two)"; \
	  { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
	      chromium fonts-dejavu-core >/dev/null; } \
	    || echo "browser: WARNING: could not install chromium; tests/test_browser.py will be SKIPPED"; \
	else \
	  echo "browser: WARNING: $(CHROMIUM) is missing and installing it needs root (apt-get install chromium);" \
	       "tests/test_browser.py will be SKIPPED"; \
	fi
	@if [ -x $(CHROMIUM) ]; then touch $@; fi

browser: $(BROWSER_STAMP) ## install Debian's Chromium for the browser test (as root; else the test is skipped)

# The seed reproduction, shared by `reproduce` and `check-reproducible`.
define reproduce_seed
	$(BIN)/newsframe verify
	$(BIN)/python -m newsframe.notebooks notebooks
	$(BIN)/newsframe report $(SEED) -o reports/$(SEED_ID).html
endef

reproduce: $(STAMP) ## verify data/raw, run every notebook, rewrite reports/figures + reports/<seed>.html; ARTICLE=path: the series on that article into reports/<id>/
ifeq ($(strip $(ARTICLE)),)
	$(reproduce_seed)
else
	$(BIN)/newsframe notebooks $(ARTICLE)
endif

reproduce-seed: ## `reproduce` for the seed without the set-up step (used by check-reproducible)
	$(reproduce_seed)

notebooks: $(STAMP) ## execute every notebook in place (writes reports/figures)
	$(BIN)/python -m newsframe.notebooks notebooks

figures: notebooks ## same as `notebooks`: the notebooks write the figures

report: $(STAMP) ## write the seed's annotated page to reports/<seed>.html
	$(BIN)/newsframe report $(SEED) -o reports/$(SEED_ID).html

test: $(STAMP) $(BROWSER_STAMP) ## run unit tests, doctests, every notebook and the browser test
	$(BIN)/python -m pytest

# Clones the committed HEAD into a temporary folder (uncommitted changes are not in it),
# runs the seed reproduction there twice with this .venv (the clone's own src/ first on
# PYTHONPATH) and fails if any notebook, figure or page differs between the two runs, or
# if the first run differs from what is committed.
check-reproducible: $(STAMP) ## clone HEAD to a temp dir, reproduce twice there, fail if any output differs by a byte
	@set -eu; start=$$(date +%s); tmp=$$(mktemp -d); trap 'rm -rf "$$tmp"' EXIT; \
	git clone --quiet --no-hardlinks . "$$tmp/repo"; \
	ln -s "$(CURDIR)/$(VENV)" "$$tmp/repo/$(VENV)"; \
	for run in 1 2; do \
	  echo "== check-reproducible: run $$run in $$tmp/repo"; \
	  ( cd "$$tmp/repo" && env -u NEWSFRAME_ROOT PYTHONPATH="$$tmp/repo/src" \
	      $(MAKE) --no-print-directory reproduce-seed >"$$tmp/run$$run.log" 2>&1 ) \
	    || { tail -n 40 "$$tmp/run$$run.log"; echo "check-reproducible: run $$run FAILED"; exit 1; }; \
	  mkdir -p "$$tmp/run$$run"; \
	  ( cd "$$tmp/repo" && tar -cf - --exclude=reports/screenshots notebooks reports ) | tar -xf - -C "$$tmp/run$$run"; \
	  if [ $$run = 1 ]; then changed=$$(cd "$$tmp/repo" && git status --porcelain -- notebooks reports); fi; \
	done; \
	echo "== check-reproducible: comparing the two runs"; \
	if ! diff -r "$$tmp/run1" "$$tmp/run2"; then echo "check-reproducible: FAILED: the two runs differ (above)"; exit 1; fi; \
	if [ -n "$$changed" ]; then \
	  echo "$$changed"; echo "check-reproducible: FAILED: the runs agree but differ from the committed outputs (above):" \
	       "run 'make reproduce' and commit"; exit 1; fi; \
	echo "check-reproducible: OK: $$(find "$$tmp/run1" -type f | wc -l) files byte-identical in both runs and as committed" \
	     "($$(( $$(date +%s) - start )) s)"

bench: $(STAMP) ## run the benchmarks (reads ../shared/benchdata) and print their figures
	@for b in benchmarks/bench_*.py; do echo "== $$b"; $(BIN)/python $$b || exit 1; done

clean: ## remove caches, data/processed and screenshots (never data/raw, reports/figures or pages)
	rm -rf .pytest_cache .mypy_cache build dist src/*.egg-info reports/screenshots
	find . -name __pycache__ -type d -prune -not -path './$(VENV)/*' -exec rm -rf {} +
	find data/processed -mindepth 1 -not -name .gitkeep -delete
