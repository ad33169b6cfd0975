# One entry point for people and CI. The virtual environment is created on first use.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

PORT ?= 8000

.PHONY: demo serve bench-service check lint types test fuzz redaction bench bench-corpus bench-linear replay corpus corpus-check cases clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev,pdf]'
	touch $(STAMP)

demo: $(STAMP)
	$(BIN)/imr parse tests/fixtures/seeds/*.txt
	rm -rf out/demo
	$(BIN)/imr review examples/standard-lumbar-pt-mri-norco --panel examples/panel.yaml --out out/demo
	@echo "The draft letter is in out/demo/letter.txt (also .html and .pdf); the public copy in out/demo/public/."

# the workbench on the embedded SQLite store, with the example cases and demo users (their passwords are printed)
serve: $(STAMP)
	$(BIN)/imr serve --db sqlite:///out/workbench.sqlite --demo examples --port $(PORT)

check: lint types test

lint: $(STAMP)
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/ruff format --check src tests benchmarks

types: $(STAMP)
	$(BIN)/mypy

test: $(STAMP)
	$(BIN)/pytest

# a long fuzz campaign (about ten minutes); the test command runs the same properties with few examples
fuzz: $(STAMP)
	IMR_FUZZ_EXAMPLES=$${IMR_FUZZ_EXAMPLES:-6000} $(BIN)/pytest -p no:cacheprovider tests/test_fuzz_inputs.py tests/letters/test_reader_fuzz.py

redaction: $(STAMP)
	$(BIN)/python -m benchmarks.redaction

bench: $(STAMP)
	$(BIN)/python -m benchmarks.run

bench-linear: $(STAMP)
	$(BIN)/python -m benchmarks.linear_time

bench-service: $(STAMP)
	$(BIN)/python -m benchmarks.service_latency

bench-corpus: $(STAMP)
	$(BIN)/python -m benchmarks.corpus_build

corpus: $(STAMP)
	$(BIN)/imr corpus build ../shared/corpus/imr-2016 tests/fixtures/seeds --out out/corpus --decide
	$(BIN)/imr corpus stats out/corpus --by category
	$(BIN)/imr corpus report out/corpus --out out/corpus-report.html

corpus-check: $(STAMP)
	$(BIN)/python -m benchmarks.corpus_check

cases: $(STAMP)
	$(BIN)/python -m benchmarks.guideline_cases --floor

replay: $(STAMP)
	$(BIN)/imr replay ../shared/corpus/imr-2016/*.pdf

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache out
