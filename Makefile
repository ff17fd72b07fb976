# Two commands on a fresh machine:
#   make demo   installs everything into .venv/ and codes the bundled sample news
#   make test   installs (if needed) and runs the test suite
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DB ?= polybius.duckdb

.PHONY: install demo test lint bench clean

$(STAMP): pyproject.toml constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -c constraints.txt -e '.[dev,ray]'
	touch $(STAMP)

install: $(STAMP)

demo: install
	$(BIN)/polybius code examples/news --db $(DB)
	$(BIN)/polybius stats --db $(DB)

test: install
	$(BIN)/python -m pytest

lint: install
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench

clean:
	rm -rf $(VENV) $(DB) $(DB).wal
