# Two commands on a fresh machine:
#   make demo   installs everything into .venv/ and codes the bundled sample news
#   make test   installs (if needed, with Debian's chromium for the dashboard tests) and runs
#               the test suite
#   make test-all   the full suite, with the heavy tests CI leaves out (see pyproject markers)
#   make test-fast  runs the tests not marked slow (about 30-60 s instead of several minutes;
#               no browser needed); `make test`, the full suite, is what CI runs
#   make serve  codes the sample news and serves the dashboard on http://127.0.0.1:8000/
#   make docs   builds the documentation site into build/site (offline; warnings fail it)
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DB ?= polybius.duckdb

SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: install browser demo serve test test-all test-fast lint bench clean docs

$(STAMP): pyproject.toml constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -c constraints.txt -e '.[dev,ray]'
	touch $(STAMP)

install: $(STAMP)

# the dashboard's browser tests drive Debian's chromium (never a downloaded browser build)
browser:
	@command -v chromium >/dev/null || ($(SUDO) apt-get update && \
		$(SUDO) apt-get install -y --no-install-recommends chromium)

demo: install
	$(BIN)/polybius code examples/news --db $(DB)
	$(BIN)/polybius stats --db $(DB)

serve: demo
	$(BIN)/polybius serve --db $(DB)

# tests of one file run in one process (--dist loadfile), so a file's shared store or server
# is built once; files are spread over up to four processes
XDIST := --numprocesses=auto --maxprocesses=4 --dist loadfile

test: install browser
	$(BIN)/python -m pytest $(XDIST) -m "not heavy"

# everything, the heavy tests too (pyproject.toml's markers): before a release, or after a
# change to the coder (the shipped models must be retrained: see ACCURACY.md)
test-all: install browser
	$(BIN)/python -m pytest $(XDIST)

# the quick check while working: everything but the tests marked slow (pyproject.toml)
test-fast: install
	$(BIN)/python -m pytest -m "not slow"

# pages from README.md, ACCURACY.md, BENCHMARKS.md, the schema and docs/*.md; see mkdocs.yml
docs: install
	$(BIN)/python scripts/build_docs.py build/docs
	NO_MKDOCS_2_WARNING=1 $(BIN)/mkdocs build --strict

lint: install
	$(BIN)/ruff check src tests bench scripts
	$(BIN)/ruff format --check src tests bench scripts

clean:
	rm -rf $(VENV) $(DB) $(DB).wal
