"""Coverage-guided fuzzing of the parser with atheris: `make fuzz` (not part of `make test`).

Seeds are the corpus documents; any exception other than a LedgerError is a crash that
atheris reports with the input that caused it. Hypothesis covers the same property in the
test suite (tests/unit/test_parser_robustness.py); this finds deeper inputs given time.
"""

from __future__ import annotations

import sys
from pathlib import Path

import atheris

with atheris.instrument_imports():
    from ledger.errors import LedgerError
    from ledger.parsing import parse_file


def test_one_input(data: bytes) -> None:
    """Parse `data`; refusing it with a LedgerError is fine, anything else is a bug."""
    try:
        parse_file(data, "fuzz.txt")
    except LedgerError:
        return


def seed_corpus(folder: Path) -> Path:
    """Copy the test corpus into `folder` as atheris seed inputs."""
    root = Path(__file__).resolve().parents[1]
    folder.mkdir(parents=True, exist_ok=True)
    sources = [*root.glob("corpus/*/*.txt"), *root.glob("corpus/*/*.htm")]
    sources += (root.parent / "examples").glob("*.txt")
    for source in sources:
        (folder / source.name).write_bytes(source.read_bytes())
    return folder


if __name__ == "__main__":
    seeds = seed_corpus(Path(".fuzz-corpus"))
    atheris.Setup([sys.argv[0], str(seeds), *sys.argv[1:]], test_one_input)
    atheris.Fuzz()
