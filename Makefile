# unspin — set-up is two commands on a fresh machine:  make demo  and  make test
PYTHON ?= python3.11
VENV   := .venv
BIN    := $(VENV)/bin
PIP    := $(BIN)/python -m pip
EXAMPLE := src/unspin/examples/station_bombing.md
EXAMPLE_CASE := src/unspin/ach/examples/station_bombing_case.yaml

.PHONY: demo test install dev lint typecheck pytest docs bench lock clean

# Fall back to python3 where python3.11 is not on PATH.
$(BIN)/python:
	@command -v $(PYTHON) >/dev/null 2>&1 || { echo "$(PYTHON) not found; using python3"; }
	$$(command -v $(PYTHON) || command -v python3) -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip

# pyproject.toml states ranges; constraints.txt pins the exact versions every
# fresh machine installs.  torch first: a CPU wheel is on disk; anything else
# pulls a CUDA build.
$(VENV)/.installed: $(BIN)/python pyproject.toml constraints.txt
	$(PIP) install --quiet -c constraints.txt torch
	$(PIP) install --quiet -c constraints.txt -e .
	@touch $@

$(VENV)/.dev: $(VENV)/.installed
	$(PIP) install --quiet -c constraints.txt -e '.[dev]'
	@touch $@

install: $(VENV)/.installed

dev: $(VENV)/.dev

demo: install
	$(BIN)/unspin analyze $(EXAMPLE) --out report.html
	$(BIN)/unspin analyze $(EXAMPLE) --format json --out report.json
	$(BIN)/unspin case score $(EXAMPLE_CASE) --format html --out case.html
	@echo "Reports: $(CURDIR)/report.html and $(CURDIR)/report.json; ACH matrix of the example case: $(CURDIR)/case.html"
	@echo "The workbench (web app and API, example included): $(BIN)/unspin serve, then open http://127.0.0.1:8000/"

lint: dev
	$(BIN)/ruff check src tests
	$(BIN)/ruff format --check src tests
	$(BIN)/lint-imports --no-cache

typecheck: dev
	$(BIN)/mypy

pytest: dev
	$(BIN)/pytest -q

# The documentation site (docs/, mkdocs.yml) into build/site; --strict fails on any broken link.
docs: dev
	NO_MKDOCS_2_WARNING=1 $(BIN)/mkdocs build --strict --quiet

test: lint typecheck pytest docs

bench: install
	$(BIN)/unspin bench

# Re-pin constraints.txt to what the dev environment holds now (after changing
# a range in pyproject.toml and installing: make dev && make lock).
lock: dev
	{ echo "# Exact versions for make demo, make test and CI; pyproject.toml holds the ranges."; \
	  echo "# Rewritten by: make lock"; \
	  $(PIP) freeze --exclude-editable --exclude unspin | sed -E 's/^(torch==[^+]+)\+.*/\1/'; } > constraints.txt.tmp
	mv constraints.txt.tmp constraints.txt

clean:
	rm -rf $(VENV) report.html report.json case.html build *.egg-info src/*.egg-info .mypy_cache .ruff_cache .pytest_cache
