"""The reader's speed, and its growth with the size of hostile inputs: ratios in one run.

Run with `python benchmarks/bench_reader.py` (about a minute on two cores; `--quick` for a
smoke run). Every figure is the median of 3 runs; nothing here asserts on absolute time,
because the machine is shared. Read the ratio columns, whose two sides were measured moments
apart on the same machine.

1. speed   MB/s of `parse_file` over (a) every document of tests/corpus and examples/ (the
           real forms: hard wraps, `<PAGE>`, cp1252, HTML, submissions; a refused document
           costs the reader the same work), (b) the synthetic small and large filings of
           bench_ledger.py. Ratio: the reader against the floor every reading pays (decode,
           split lines, remove page furniture), i.e. how many times the floor's time the
           whole reading takes.
2. growth  seconds per MB for hostile inputs at size n and at k*n: a filing of many
           definitions (1 MB vs 5 MB), one 200 KB line (40 KB vs 200 KB), 100,000 blank
           lines (20,000 vs 100,000), a filing without any blank line (1 MB vs 5 MB), a
           quoted restated section of 20,000 sentences. Ratio: cost per byte at k*n over
           cost per byte at n; 1.0 is linear, k would be quadratic. The run exits 1 if a
           ratio passes GROWTH_LIMIT (a reader that went quadratic), so CI could run it.
"""

from __future__ import annotations

import argparse
import contextlib
import gc
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

from ledger.errors import LedgerError
from ledger.parsing import parse_file
from ledger.parsing.layout import remove_page_furniture
from ledger.parsing.source import decode_text, split_lines

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_ledger import TERM_NAMES, amendment_date, filing

ROOT = Path(__file__).resolve().parent.parent
RUNS = 3
GROWTH_LIMIT = 2.0  # per-byte cost may not double when the input grows k times (k >= 5)


def median_of(measure: Callable[[], float], runs: int = RUNS) -> float:
    """The median of `runs` calls of `measure` (each returns seconds)."""
    values = []
    for _ in range(runs):
        gc.collect()
        values.append(measure())
    return statistics.median(values)


def read_all(docs: list[tuple[bytes, str]]) -> float:
    """Seconds to read every document (a refusal is a reading too)."""
    start = time.process_time()
    for data, name in docs:
        with contextlib.suppress(LedgerError):  # a refusal is a reading too
            parse_file(data, name)
    return time.process_time() - start


def floor_all(docs: list[tuple[bytes, str]]) -> float:
    """Seconds for the work every reading does before reading: decode, lines, furniture."""
    start = time.process_time()
    for data, name in docs:
        text, _ = decode_text(data, name)
        remove_page_furniture(split_lines(text))
    return time.process_time() - start


def corpus() -> list[tuple[bytes, str]]:
    """Every corpus and example document."""
    paths = sorted(
        p for p in (ROOT / "tests" / "corpus").glob("*/*") if p.suffix in {".txt", ".htm"}
    )
    paths += sorted((ROOT / "examples").glob("*.txt"))
    return [(p.read_bytes(), p.name) for p in paths]


def synthetic(n_terms: int, count: int, base: int) -> list[tuple[bytes, str]]:
    """bench_ledger's certificates of amendment with `n_terms` definitions."""
    terms = [
        TERM_NAMES[i % len(TERM_NAMES)] + (f" {i}" if i >= len(TERM_NAMES) else "")
        for i in range(n_terms)
    ]
    return [(filing(base + i, amendment_date(i, 1), terms), f"s{i}.txt") for i in range(count)]


def speed_rows(quick: bool) -> list[tuple[str, float, str]]:  # noqa: FBT001
    """Section 1: MB/s of the reader and of its floor, side by side."""
    sets = {
        "corpus + examples": corpus() * (1 if quick else 3),
        "small filings (2 defs)": synthetic(2, 20 if quick else 60, 900_000),
        "large filing (500 defs)": synthetic(500, 1, 950_000),
    }
    rows = []
    for label, docs in sets.items():
        megabytes = sum(len(d) for d, _ in docs) / 1e6
        reader = median_of(lambda docs=docs: read_all(docs))
        floor = median_of(lambda docs=docs: floor_all(docs))
        rows.append(
            (
                label,
                megabytes / reader,
                f"{reader / floor:.1f}x the floor ({megabytes / floor:.1f} MB/s)",
            )
        )
    return rows


# --- hostile inputs, each at two sizes ----------------------------------------------------------


def _certificate_around(middle: str) -> bytes:
    """A small valid certificate with `middle` between its definitions and its closing."""
    data = filing(990_001, amendment_date(1, 1), TERM_NAMES[:2]).decode()
    at = data.index("            IN WITNESS WHEREOF")
    return (data[:at] + middle + data[at:]).encode()


def many_definitions(size: int) -> bytes:
    """A filing of `size` bytes or so, made of definitions (the ordinary big filing)."""
    per_definition = 300
    return synthetic(max(size // per_definition, 2), 1, 960_000)[0][0]


def one_long_line(size: int) -> bytes:
    """A definition of `size` characters on one line (an unwrapped copy of a long clause)."""
    words = ("the Corporation and its Subsidiaries, taken as a whole, " * (size // 56 + 1))[:size]
    return _certificate_around(f'      "Long Clause" means {words}.\n\n')


def blank_lines(size: int) -> bytes:
    """`size` blank lines between two paragraphs."""
    return _certificate_around("\n" * size)


def no_blank_lines(size: int) -> bytes:
    """A big filing with every blank line dropped (an aggregator's copy)."""
    text = many_definitions(size).decode()
    return "\n".join(line for line in text.splitlines() if line.strip()).encode() + b"\n"


def quoted_section(size: int) -> bytes:
    """A restated section in quotes whose sentences each end a line with '."' ."""
    sentence = 'The holders shall receive notice as provided in "Section 7."\n'
    body = sentence * (size // len(sentence))
    return _certificate_around(f'      "Section 9. Notices.\n{body}\n\n')


def signature_line(size: int) -> bytes:
    """A signature line run on for `size` characters (a garbled copy of a signature page)."""
    words = " ".join(f"Roe{i}" for i in range(size // 7))  # no two alike: no name repeats
    return _certificate_around(f"By: /s/ {words}\n\n")


GROWTH: dict[str, tuple[Callable[[int], bytes], int, int]] = {
    "filing of many definitions": (many_definitions, 1_000_000, 5),
    "one long line": (one_long_line, 40_000, 5),
    "blank lines": (blank_lines, 20_000, 5),
    "no blank lines": (no_blank_lines, 1_000_000, 5),
    "quoted restated section": (quoted_section, 200_000, 5),
    "one long signature line": (signature_line, 40_000, 5),
}


def growth_rows(quick: bool) -> list[tuple[str, float, float, float]]:  # noqa: FBT001
    """Section 2: seconds per MB at n and at k*n, for each hostile input."""
    rows = []
    for label, (make, size, k) in GROWTH.items():
        small_size = size // 5 if quick else size
        costs = []
        for n in (small_size, small_size * k):
            data = make(n)
            seconds = median_of(lambda data=data: read_all([(data, "hostile.txt")]))
            costs.append((len(data), seconds / (len(data) / 1e6)))
        (n_bytes, per_mb), (_, per_mb_k) = costs
        rows.append(
            (f"{label} ({n_bytes / 1e3:,.0f} KB x{k})", per_mb, per_mb_k, per_mb_k / per_mb)
        )
    return rows


def main() -> None:
    """Run both sections and print the tables."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="a smoke run (inputs 5x smaller)")
    args = parser.parse_args()
    print(f"termledger reader benchmark ({'quick' if args.quick else 'full'}; median of {RUNS})")
    print(f"{'speed':<34}{'MB/s':>8}  ratio")
    for label, rate, ratio in speed_rows(args.quick):
        print(f"  {label:<32}{rate:>8.2f}  {ratio}")
    print(f"{'growth':<40}{'s/MB at n':>10}{'at k*n':>10}  ratio (1.0 = linear)")
    worst = 0.0
    for label, per_mb, per_mb_k, ratio in growth_rows(args.quick):
        worst = max(worst, ratio)
        flag = "  SUPER-LINEAR" if ratio > GROWTH_LIMIT else ""
        print(f"  {label:<38}{per_mb:>10.2f}{per_mb_k:>10.2f}  {ratio:.2f}{flag}")
    if worst > GROWTH_LIMIT:
        sys.exit(1)


if __name__ == "__main__":
    main()
