# legalcap — two commands on a fresh machine: `make demo` and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: demo test lint bench migration clean

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	@touch $(STAMP)

demo: $(STAMP)
	$(BIN)/legalcap simulate --demo

# Two workers, one test file each at a time (module fixtures such as a built demo stay shared).
test: $(STAMP)
	$(BIN)/python -m pytest -q -n 2 --dist loadfile

# ruff over the tree; mypy over models/, notifications/, config/ ([tool.mypy] in pyproject.toml). No database.
lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/mypy

bench: $(STAMP)
	$(BIN)/python bench/demo_time.py
	$(BIN)/python bench/first_run.py
	$(BIN)/python bench/tick_scaling.py
	$(BIN)/python bench/dispatch_throughput.py
	$(BIN)/python bench/national_scale.py
	$(BIN)/python bench/packet_build.py
	$(BIN)/python bench/ledger_import.py

migration: $(STAMP)
	$(BIN)/python -m models.migrations.autogen "$(MSG)"

clean:
	rm -rf var .pytest_cache .ruff_cache
