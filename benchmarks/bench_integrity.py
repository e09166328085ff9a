"""Side by side: what tamper evidence costs on writes, and how fast replay and verify run.

Run with `make bench` (or `python benchmarks/bench_integrity.py [--quick]`). Medians of 3
runs; read the ratio column (both sides measured moments apart on the same data). Nothing
here asserts on time.

1. chain   events/s saved through `Application.save` on SQLite, the same events (those of
           generated certificates, msgspec mapper) with eventsourcing's own application
           recorder and with termledger's chained one, in transactions of 10 and of 1,000
           events. Ratio: chained / plain (the write cost of the SHA-256 chain).
2. replay  events/s of `Ledger.replay()` (rebuild into scratch tables + atomic swap),
           `Ledger.verify_view()` (rebuild + compare) and `Ledger.verify()` (recompute the
           chain) over a ledger of generated certificates.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from ledger import Ledger
from ledger.application import TermLedgerApplication
from ledger.projections.projection import decode
from ledger.storage import MAPPER_TOPIC, RECORDER_TOPICS
from tests.generated import write_documents


def median_of_3(run: Callable[[], float]) -> float:
    """The median of three runs."""
    return statistics.median(run() for _ in range(3))


def events_of(folder: Path, documents: int) -> list[Any]:
    """The events of `documents` generated certificates, as the ledger records them."""
    with Ledger.open(str(folder / "source.sqlite")) as ledger:
        ledger.ingest_files(write_documents(folder / "docs", range(documents)))
        notifications = ledger.app.recorder.select_notifications(start=None, limit=10**6)
        return [decode(ledger.app, n) for n in notifications]


def save_rate(folder: Path, events: list[Any], batch: int, *, chained: bool) -> float:
    """Events/s saving `events` into a new ledger, `batch` events a transaction."""

    def run() -> float:
        path = Path(tempfile.mkdtemp(dir=folder)) / "ledger.sqlite"
        env = {
            "PERSISTENCE_MODULE": "eventsourcing.sqlite",
            "SQLITE_DBNAME": str(path),
            "MAPPER_TOPIC": MAPPER_TOPIC,
        }
        if chained:
            env["APPLICATION_RECORDER_TOPIC"] = RECORDER_TOPICS["sqlite"]
        app = TermLedgerApplication(env=env)
        started = time.perf_counter()
        for start in range(0, len(events), batch):
            app.save(*events[start : start + batch])
        elapsed = time.perf_counter() - started
        app.close()
        return len(events) / elapsed

    return median_of_3(run)


def replay_rates(folder: Path, documents: int) -> dict[str, tuple[int, float]]:
    """(events, events/s) of replay, replay --verify and verify over generated documents."""
    url = str(folder / "replay.sqlite")
    with Ledger.open(url) as ledger:
        ledger.ingest_files(write_documents(folder / "replay-docs", range(documents)))
        rates: dict[str, tuple[int, float]] = {}
        for name, action in (
            ("replay (rebuild + swap)", ledger.replay),
            ("replay --verify", ledger.verify_view),
            ("verify (chain)", ledger.verify),
        ):

            def run(action: Callable[[], Any] = action) -> float:
                started = time.perf_counter()
                action()
                return time.perf_counter() - started

            seconds = median_of_3(run)
            events = ledger.verify().events
            rates[name] = (events, events / seconds)
    return rates


def main() -> None:
    """Run both sections and print their tables."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer documents (a smoke run)")
    quick = parser.parse_args().quick
    documents = 100 if quick else 400
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        events = events_of(folder, documents)
        print(f"1. chain: {len(events)} events of {documents} generated certificates, SQLite")
        print(f"   {'transaction':<16}{'plain ev/s':>12}{'chained ev/s':>14}{'ratio':>8}")
        for batch in (10, 1000):
            plain = save_rate(folder, events, batch, chained=False)
            chained = save_rate(folder, events, batch, chained=True)
            print(
                f"   {f'{batch} events':<16}{plain:>12,.0f}{chained:>14,.0f}{chained / plain:>8.2f}"
            )
        print(f"2. replay and verify over {documents} generated certificates, SQLite")
        for name, (count, rate) in replay_rates(folder, documents).items():
            print(f"   {name:<26}{count:>7} events {rate:>10,.0f} events/s")


if __name__ == "__main__":
    main()
