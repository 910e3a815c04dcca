# The README's commands. Each one makes its own virtual environment on a fresh machine.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp

.PHONY: run test test-sqlite test-postgres lint messages bench clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/orgbot run

# ruff, the suite on SQLite, then on PostgreSQL when its server binaries are installed.
test: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(MAKE) --no-print-directory test-sqlite
	@if $(BIN)/python -m tests.postgres_server check; then \
		$(MAKE) --no-print-directory test-postgres; \
	else \
		echo "Skipped the suite on PostgreSQL (see above); it runs once PostgreSQL is installed."; \
	fi

test-sqlite: $(STAMP)
	env -u ORGBOT_TEST_POSTGRES_URL $(BIN)/pytest $(PYTEST_ARGS)

# On the server ORGBOT_TEST_POSTGRES_URL names, else on a throwaway cluster started and removed
# around the run (tests/postgres_server.py).
test-postgres: $(STAMP)
	@if [ -n "$$ORGBOT_TEST_POSTGRES_URL" ]; then \
		echo "$(BIN)/pytest $(PYTEST_ARGS)  # on $$ORGBOT_TEST_POSTGRES_URL"; \
		$(BIN)/pytest $(PYTEST_ARGS); \
	else \
		echo "$(BIN)/python -m tests.postgres_server run -- $(BIN)/pytest $(PYTEST_ARGS)"; \
		$(BIN)/python -m tests.postgres_server run -- $(BIN)/pytest $(PYTEST_ARGS); \
	fi

bench: $(STAMP)  # the benchmarks of docs/BENCHMARKS.md (several minutes)
	$(BIN)/python bench/bench_lookup.py
	$(BIN)/python bench/bench_delivery.py
	$(BIN)/python bench/bench_actions.py

# The message catalogs (bot/resources/locale) in step with the code: new messages added with
# empty words (tests/i18n fails until they are written), gone ones dropped.
messages: $(STAMP)
	$(BIN)/python -m tests.i18n.messages

lint: $(STAMP)
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache
