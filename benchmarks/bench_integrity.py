"""Side by side: what tamper evidence costs on writes, and how fast replay and verify run.

Run with `make bench` (or `python benchmarks/bench_integrity.py [--quick]`). Medians of 3
runs; read the ratio column (both sides measured moments apart on the same data). Nothing
here asserts on time.

1. chain   events/s saved through `Application.save`, the same events (those of generated
           certificates, msgspec mapper) with eventsourcing's own application recorder and
           with termledger's chained one, in transactions of 10 and of 1,000 events, on
           SQLite and on PostgreSQL (throwaway servers started here as the tests start
           them, with fsync off (the CPU-bound worst case for the ratio) and on; or the
           server of `--postgres URL`; skipped without PostgreSQL's binaries). Each run
           writes into a new file or database. Ratio: chained / plain (the chain's cost).
2. replay  events/s of `Ledger.replay()` (rebuild into scratch tables + atomic swap),
           `Ledger.verify_view()` (rebuild + compare) and `Ledger.verify()` (recompute the
           chain) over a ledger of generated certificates.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from ledger import Ledger
from ledger.application import TermLedgerApplication
from ledger.projections.projection import decode
from ledger.storage import MAPPER_TOPIC, RECORDER_TOPICS, resolve_location
from tests.generated import write_documents
from tests.postgres_server import create_database, postgres_server


def median_of_3(run: Callable[[], float]) -> float:
    """The median of three runs."""
    return statistics.median(run() for _ in range(3))


def events_of(folder: Path, documents: int) -> list[Any]:
    """The events of `documents` generated certificates, as the ledger records them."""
    with Ledger.open(str(folder / "source.sqlite")) as ledger:
        ledger.ingest_files(write_documents(folder / "docs", range(documents)))
        notifications = ledger.app.recorder.select_notifications(start=None, limit=10**6)
        return [decode(ledger.app, n) for n in notifications]


def save_rate(new_store: Callable[[], dict[str, str]], events: list[Any], batch: int) -> float:
    """Events/s saving `events` into a new store, `batch` events a transaction.

    `new_store` gives the eventsourcing environment of a new, empty store.
    """

    def run() -> float:
        app = TermLedgerApplication(env={"MAPPER_TOPIC": MAPPER_TOPIC, **new_store()})
        started = time.perf_counter()
        for start in range(0, len(events), batch):
            app.save(*events[start : start + batch])
        elapsed = time.perf_counter() - started
        app.close()
        return len(events) / elapsed

    return median_of_3(run)


def sqlite_store(folder: Path, *, chained: bool) -> Callable[[], dict[str, str]]:
    """New SQLite files, with or without the chained recorder."""

    def new() -> dict[str, str]:
        path = Path(tempfile.mkdtemp(dir=folder)) / "ledger.sqlite"
        env = {"PERSISTENCE_MODULE": "eventsourcing.sqlite", "SQLITE_DBNAME": str(path)}
        if chained:
            env["APPLICATION_RECORDER_TOPIC"] = RECORDER_TOPICS["sqlite"]
        return env

    return new


def postgres_store(base_url: str, *, chained: bool) -> Callable[[], dict[str, str]]:
    """New PostgreSQL databases on the server at `base_url`, with or without the chain."""

    def new() -> dict[str, str]:
        env = resolve_location(create_database(base_url)).environment()
        if not chained:
            del env["APPLICATION_RECORDER_TOPIC"]
        return env

    return new


def chain_table(
    name: str, events: list[Any], stores: Callable[..., Callable[[], dict[str, str]]]
) -> None:
    """Print plain and chained write rates side by side for one backend."""
    print(f"   {name}")
    print(f"   {'transaction':<16}{'plain ev/s':>12}{'chained ev/s':>14}{'ratio':>8}")
    for batch in (10, 1000):
        plain = save_rate(stores(chained=False), events, batch)
        chained = save_rate(stores(chained=True), events, batch)
        print(f"   {f'{batch} events':<16}{plain:>12,.0f}{chained:>14,.0f}{chained / plain:>8.2f}")


@contextmanager
def postgres(url: str | None, *, fsync: bool = False) -> Iterator[str | None]:
    """The base URL of a PostgreSQL server: `url`, or a throwaway one (None: none here)."""
    if url is not None:
        yield url.rstrip("/")
        return
    if shutil.which("initdb") is None or shutil.which("pg_ctl") is None:
        yield None
        return
    with postgres_server(fsync=fsync) as base:
        yield base


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
    parser.add_argument("--postgres", metavar="URL", help="a server to use (without database)")
    arguments = parser.parse_args()
    documents = 100 if arguments.quick else 400
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        events = events_of(folder, documents)
        print(f"1. chain: {len(events)} events of {documents} generated certificates")
        chain_table("SQLite", events, lambda chained: sqlite_store(folder, chained=chained))
        servers = (
            [(arguments.postgres, False)] if arguments.postgres else [(None, False), (None, True)]
        )
        for url, fsync in servers:
            with postgres(url, fsync=fsync) as base:
                if base is None:
                    print(
                        "   PostgreSQL: skipped (no initdb/pg_ctl on the PATH; give --postgres URL)"
                    )
                    break
                chain_table(
                    "PostgreSQL" if url else f"PostgreSQL (fsync {'on' if fsync else 'off'})",
                    events,
                    lambda chained, base=base: postgres_store(base, chained=chained),
                )
        print(f"2. replay and verify over {documents} generated certificates, SQLite")
        for name, (count, rate) in replay_rates(folder, documents).items():
            print(f"   {name:<26}{count:>7} events {rate:>10,.0f} events/s")


if __name__ == "__main__":
    main()
