"""Record time at scale: corrections must not slow as-of answers; lookups must not scan.

Run with `make bench` (after bench_ledger.py) or alone:
`.venv/bin/python benchmarks/bench_record_time.py [--sizes 10000,200000] [--quick]`.
Every figure is a median (as-of: CPU time, the lower quartile of 41 interleaved rounds);
read the ratio column, whose sides were measured moments apart on
the same machine. Nothing here asserts on time.

Ledgers are written straight through the eventsourcing application (synthetic instruments:
an original certificate and two amendments, 10 definitions each; one command per
instrument, so one recording time), then the view catches up once. Parsing is measured by
bench_ledger.py, not here.

1. as-of   µs per `view.known_version_as_of` (the indexed as-of lookup) and per `Ledger.show`,
           for random (term, day) queries on an instrument with no correction and on an
           identical one whose 10 definitions were each corrected 5 times with
           `Ledger.correct` (5 layers of superseded rows under every answer; the corrected
           texts as long as the originals, but each answer now also carries its correction
           note); and the same
           lookup as known at a position before the corrections (`--known-at`). Ratio: vs
           the uncorrected instrument.
2. lookups per ledger size: ms and peak traced memory (tracemalloc) of finding a certificate
           (indexed id lookup, then folding that one instrument's stream), of the whole
           `Ledger.record_filing` (that, plus the save and the view's catch-up) and of the
           "did you mean" suggestion of an unknown term (`Ledger.show` refusing a misspelling).
           Ratio: vs the smallest ledger (flat = 1.0x).
"""

from __future__ import annotations

import argparse
import random
import statistics
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from ledger import Ledger, LedgerError
from ledger.corrections import FactChange
from ledger.domain.identity import instrument_stream
from ledger.events import (
    CertificateRecorded,
    DefinitionAdded,
    DefinitionReplaced,
    ExecutionRecorded,
    InstrumentAdopted,
    LedgerEvent,
    Provenance,
)
from ledger.terms import term_key

WORDS = ["Senior", "Credit", "Facility", "Holder", "Preferred", "Conversion", "Price", "Lender"]
TERMS = [f"{WORDS[k % 8]} {WORDS[(k * 3 + 1) % 8]} {k}" for k in range(10)]
DATES = [date(1999, 1, 4), date(2000, 6, 30), date(2001, 2, 9)]
NOTES: list[str] = []
PER_INSTRUMENT = 3 * 12 + 1
"""Events per synthetic instrument: adoption, then 3 certificates x (record, execution, 10)."""


def instrument_events(number: int, at: datetime) -> list[LedgerEvent]:
    """One synthetic instrument, as one command would record it."""
    iid = f"issuer-{number:07d}-series-a"
    stream = instrument_stream(iid)
    source = Provenance(
        document_sha256=f"{number:064x}", document_name=f"{iid}.txt", first_line=1, last_line=9
    )
    events: list[LedgerEvent] = []

    def add(cls: type[LedgerEvent], **fields: object) -> None:
        events.append(
            cls(
                originator_id=stream,
                originator_version=len(events) + 1,
                timestamp=at,
                provenance=source,
                **fields,
            )
        )

    add(
        InstrumentAdopted,
        instrument_id=iid,
        issuer=f"Issuer {number}, Inc.",
        series="Series A",
        title=f"Certificate of Designation of Issuer {number}, Inc.",
        adopted_on=DATES[0],
        adoption_basis="original certificate",
        text_recorded=True,
    )
    for sequence, day in enumerate(DATES, start=1):
        cid = f"{iid}@{day}"
        kind = "original" if sequence == 1 else "amendment"
        add(CertificateRecorded, certificate_id=cid, kind=kind, title=kind, sequence=sequence)
        add(
            ExecutionRecorded,
            certificate_id=cid,
            officer="A. Officer",
            officer_title="Secretary",
            executed_on=day,
        )
        for term in TERMS:
            cls = DefinitionAdded if sequence == 1 else DefinitionReplaced
            add(cls, certificate_id=cid, term=term, text=f'"{term}" means version {sequence}.')
    return events


def build(path: Path, events: int) -> tuple[Ledger, float]:
    """A ledger of about `events` events; returns it and the seconds taken to load it."""
    ledger = Ledger.open(str(path))
    start = time.perf_counter()
    instruments = max(2, events // PER_INSTRUMENT)
    base = datetime(2026, 1, 1, tzinfo=UTC)
    batch: list[LedgerEvent] = []
    for number in range(instruments):
        batch += instrument_events(number, base + timedelta(microseconds=number))
        if len(batch) >= 5000:
            ledger.app.save(*batch)
            batch = []
    if batch:
        ledger.app.save(*batch)
    ledger.catch_up()
    seconds = time.perf_counter() - start
    with ledger.view.datastore.transaction(commit=False) as c:
        # Fold the bulk load's write-ahead log back in: the lookups then time the ledger,
        # not a checkpoint the load left for them.
        c.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return ledger, seconds


def median_us(fns: list[Callable[[], object]], count: int, rounds: int = 41) -> list[float]:
    """The lower quartile over `rounds` of the mean CPU µs per call of each function.

    The functions take turns within each round, so that every side sees the same machine.
    CPU time of this process, and the lower quartile rather than the median: the machine is
    shared, and what others run only ever adds time.
    """
    runs: list[list[float]] = [[] for _ in fns]
    for _ in range(rounds):
        for fn, out in zip(fns, runs, strict=True):
            start = time.process_time()
            for _ in range(count):
                fn()
            out.append((time.process_time() - start) / count * 1e6)
    return [statistics.quantiles(out, n=4)[0] for out in runs]


def traced(fn: Callable[[], object], again: Callable[[], object]) -> tuple[float, int]:
    """Ms for one call of `fn` (untraced) and the peak traced allocation of `again`.

    Two calls, because tracing slows what it traces several times over; `again` is the same
    question about another certificate, so that a write is not a no-op the second time.
    """
    start = time.perf_counter()
    fn()
    elapsed = (time.perf_counter() - start) * 1000
    tracemalloc.start()
    again()
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return elapsed, peak


def bench_as_of(ledger: Ledger, queries: int) -> list[tuple[str, float, str, str]]:
    """As-of lookups with 0 and 5 layers of corrections, and as known before them."""
    plain, corrected = "issuer-0000000-series-a", "issuer-0000001-series-a"
    before = ledger.view.position()
    for layer in range(5):
        for term in TERMS:
            record = ledger.show(term, DATES[2], instrument=corrected)
            assert record.source is not None  # noqa: S101 (the ledger defines it)
            ledger.correct(
                record.source.position,
                FactChange(text=f'"{term}" means version {layer + 4}.'),
                reason=f"typed from paper, pass {layer + 1}",
                user="bench",
            )
    rng = random.Random(8)
    asks = [
        (rng.choice(TERMS), DATES[0] + timedelta(days=rng.randrange(1000))) for _ in range(queries)
    ]
    cycle = iter(asks * 10_000)
    view = ledger.view

    def lookup(instrument: str, known_at: int | None = None) -> Callable[[], object]:
        def run() -> object:
            term, day = next(cycle)
            return view.known_version_as_of(term_key(term), day, instrument, known_at)

        return run

    def show(instrument: str) -> Callable[[], object]:
        def run() -> object:
            term, day = next(cycle)
            return ledger.show(term, day, instrument=instrument)

        return run

    base, layered, then = median_us(
        [lookup(plain), lookup(corrected), lookup(corrected, before)], queries // 10
    )
    show_plain, show_layered = median_us([show(plain), show(corrected)], queries // 20)
    key = term_key(TERMS[0])
    for label, instrument in (("0 corrections", plain), ("5 layers", corrected)):
        [row] = view._select(  # noqa: SLF001 (the benchmark's own count)
            "SELECT SUM(CASE WHEN known_to IS NULL THEN 1 ELSE 0 END) AS open, COUNT(*) AS rows "
            "FROM {t}term_versions WHERE term_key = ? AND instrument_id = ?",
            (key, instrument),
        )
        NOTES.append(
            f"{label}: {row['open']} rows of one term in the as-of (partial) index, "
            f"{row['rows']} in the table"
        )
    return [
        ("view as-of lookup, 0 corrections", base, "µs/query", "1.00 (base)"),
        (
            "view as-of lookup, 5 layers of corrections",
            layered,
            "µs/query",
            f"{layered / base:.2f}x",
        ),
        ("same, as known before the corrections", then, "µs/query", f"{then / base:.2f}x"),
        ("Ledger.show, 0 corrections", show_plain, "µs/query", "1.00 (base)"),
        (
            "Ledger.show, 5 layers of corrections",
            show_layered,
            "µs/query",
            f"{show_layered / show_plain:.2f}x",
        ),
    ]


def bench_lookups(ledger: Ledger, size: int, seed: int) -> dict[str, tuple[float, int]]:
    """record-filing and did-you-mean on one ledger: median ms and peak bytes of 11 calls."""
    rng = random.Random(seed)
    instruments = max(2, size // PER_INSTRUMENT)
    timings: dict[str, list[tuple[float, int]]] = {
        "certificate lookup": [],
        "record-filing": [],
        "suggestion": [],
    }
    filed_on = DATES[2] + timedelta(days=3)
    for _ in range(11):
        one, other = (
            f"issuer-{rng.randrange(2, instruments):07d}-series-a@{DATES[2]}" for _ in range(2)
        )
        timings["certificate lookup"].append(
            traced(
                lambda c=one: ledger._find_certificate(c),  # noqa: SLF001 (the lookup alone)
                lambda c=other: ledger._find_certificate(c),  # noqa: SLF001
            )
        )
        timings["record-filing"].append(
            traced(
                lambda c=one: ledger.record_filing(c, filed_on),
                lambda c=other: ledger.record_filing(c, filed_on),
            )
        )

        def misspelt() -> None:
            try:
                ledger.show("Senor Credit Facilty 0", DATES[2])
            except LedgerError as error:
                if "did you mean" not in str(error):
                    raise

        timings["suggestion"].append(traced(misspelt, misspelt))
    return {
        what: (statistics.median(t for t, _ in runs), int(statistics.median(p for _, p in runs)))
        for what, runs in timings.items()
    }


def main() -> None:
    """Run every section and print one table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10000,200000", help="ledger sizes in events")
    parser.add_argument("--quick", action="store_true", help="sizes 2000,10000, fewer queries")
    args = parser.parse_args()
    sizes = [2000, 10000] if args.quick else [int(s) for s in args.sizes.split(",")]
    queries = 500 if args.quick else 3000
    started = time.perf_counter()
    print(f"termledger record-time benchmarks ({'quick' if args.quick else 'full'}; medians)")
    print(f"{'':8}{'measure':54}{'median':>10}  {'unit':10}{'ratio'}")
    lookups: dict[int, dict[str, tuple[float, int]]] = {}
    notes = []
    with tempfile.TemporaryDirectory() as folder:
        for number, size in enumerate(sizes):
            ledger, seconds = build(Path(folder) / f"l{size}.sqlite", size)
            events = ledger.view.position()
            notes.append(f"{size:,} events asked, {events:,} written and viewed in {seconds:.1f} s")
            if number == 0:
                for label, value, unit, ratio in bench_as_of(ledger, queries):
                    print(f"{'as-of':8}{label:54}{value:>10.1f}  {unit:10}{ratio}")
            lookups[events] = bench_lookups(ledger, size, seed=number)
            ledger.close()
    smallest = min(lookups)
    for what in ("certificate lookup", "record-filing", "suggestion"):
        for events, found in sorted(lookups.items()):
            ms, peak = found[what]
            base_ms, base_peak = lookups[smallest][what]
            label = f"{what} at {events:,} events"
            ratio = f"{ms / base_ms:.2f}x time, {peak / base_peak:.2f}x memory"
            print(f"{'lookup':8}{label:54}{ms:>10.2f}  {'ms':10}{ratio}")
            print(f"{'':8}{'  peak traced memory':54}{peak / 1024:>10.0f}  {'KiB':10}")
    for note in [*notes, *NOTES]:
        print(f"note: {note}")
    print(f"total {time.perf_counter() - started:.0f} s")


if __name__ == "__main__":
    main()
