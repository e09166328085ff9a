# Every target creates .venv when it is absent, so `make demo` and `make test`
# work on a fresh clone with nothing but Python 3.11+ installed.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DEMO_DB ?= demo.ledger.sqlite

FUZZ_RUNS ?= 100000

.PHONY: demo test lint bench fuzz fidelity clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test,postgres]'
	touch $(STAMP)

demo: $(STAMP)
	rm -f $(DEMO_DB) $(DEMO_DB)-wal $(DEMO_DB)-shm
	LEDGER_DB=$(DEMO_DB) sh examples/demo.sh

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

test: lint
	$(BIN)/pytest

bench: $(STAMP)
	$(BIN)/python benchmarks/bench_ledger.py
	$(BIN)/python benchmarks/bench_record_time.py
	$(BIN)/python benchmarks/bench_integrity.py
	$(BIN)/python benchmarks/bench_reader.py

# The reader's facts against the corpus's expected facts: right / wrong / missed / refused.
fidelity: $(STAMP)
	$(BIN)/python -m tests.fidelity

# Coverage-guided fuzzing of the parser (atheris), seeded with the test corpus.
fuzz: $(STAMP)
	$(BIN)/python -m pip install --quiet atheris
	$(BIN)/python tests/fuzz/fuzz_parser.py -runs=$(FUZZ_RUNS) -max_len=20000

clean:
	rm -rf $(VENV) $(DEMO_DB) $(DEMO_DB)-wal $(DEMO_DB)-shm demo-audit.html .pytest_cache .mypy_cache .ruff_cache .fuzz-corpus
