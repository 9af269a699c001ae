# The two commands of the README: `make demo` and `make test`. Everything else is a helper.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
PORT ?= 8501
# The tests also run against PostgreSQL; CI sets this, and so do we for the local server.
export TEST_DATABASE_URL ?= postgresql://postgres@127.0.0.1:5432/test

.PHONY: demo test lint types unit bench clean-db

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --disable-pip-version-check -U "pip>=25.1"
	$(BIN)/pip install -q --disable-pip-version-check -e . --group dev
	touch $(STAMP)

demo: $(STAMP)
	$(BIN)/python -m matching demo seed --if-empty
	$(BIN)/streamlit run streamlit_app.py --server.address 127.0.0.1 --server.port $(PORT) \
		--server.headless true --browser.gatherUsageStats false

test: lint types unit

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports --no-cache

types: $(STAMP)
	$(BIN)/mypy

unit: $(STAMP)
	$(BIN)/pytest

bench: $(STAMP)
	$(BIN)/python bench/bench_jobfair.py
	$(BIN)/python bench/bench_aid.py
	$(BIN)/python bench/bench_timetable.py

clean-db:
	rm -f var/matching.db var/matching.db-wal var/matching.db-shm
