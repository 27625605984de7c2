# Parley: `make demo` to try it, `make test` to check it.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test lint format serve bench clean

$(STAMP): pyproject.toml constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet --constraint constraints.txt --editable ".[dev]"
	touch $(STAMP)

## Install, migrate an embedded SQLite database, load demo content, serve on :8000.
demo: $(STAMP)
	$(BIN)/parley demo

## Lint, then the whole suite on SQLite, then again on PostgreSQL when it is configured
## (tests that start their own servers on their own databases run once, in the first pass).
test: $(STAMP) lint
	$(BIN)/pytest
	@if [ -n "$$PARLEY_TEST_DATABASE_URL" ]; then \
		echo "== again on PostgreSQL ($$PARLEY_TEST_DATABASE_URL)"; \
		PARLEY_TEST_DB=postgres $(BIN)/pytest -m "not browser and not processes"; \
	else \
		echo "PostgreSQL run skipped: PARLEY_TEST_DATABASE_URL is not set"; \
	fi

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(STAMP)
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

serve: $(STAMP)
	$(BIN)/parley serve --workers 2

bench: $(STAMP)
	bash bench/article_page.sh

clean:
	rm -rf $(VENV) var
