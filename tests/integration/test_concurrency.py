"""Two and four processes ingesting different documents into one ledger at once, with
readers running `show` in a loop: every writer succeeds or is refused with a retryable
error and nothing written, nothing is lost or duplicated, and no read fails because a
writer is busy. On SQLite and PostgreSQL.

The race these tests once caught (a write reported as recorded, then lost) showed in about
one run in ten on a loaded machine: CI runs each scenario once; a stress loop repeats them,
`TERMLEDGER_CONCURRENCY_ROUNDS=50 pytest tests/integration/test_concurrency.py -k sqlite-4`.
The race itself is reproduced without timing by
`test_opening_a_ledger_again_in_the_same_process_keeps_the_file_locks`."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

from ledger import Ledger
from ledger.answers import LogEntry
from tests.cli.support import LEDGER_SCRIPT
from tests.generated import write_documents
from tests.paths import ROOT, SEED

EVENTS_PER_DOCUMENT = 9
ROUNDS = int(os.environ.get("TERMLEDGER_CONCURRENCY_ROUNDS", "1"))


def start(*args: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "tests.concurrency_driver", *args],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def results(process: subprocess.Popen[str]) -> list[dict[str, object]]:
    out, err = process.communicate(timeout=300)
    assert process.returncode == 0, err
    return [json.loads(line) for line in out.splitlines()]


def ingest_all_at_once(url: str, files: list[Path]) -> list[dict[str, object]]:
    """One `ledger ingest` of every file (one transaction), retried while it says so."""
    outcomes = []
    for _ in range(20):
        done = subprocess.run(
            [str(LEDGER_SCRIPT), "ingest", *map(str, files), "--db", url, "--json"],
            capture_output=True,
            text=True,
            check=False,
            timeout=300,
        )
        outcomes.append(
            {
                "args": ["ingest", f"({len(files)} files)"],
                "code": done.returncode,
                "stdout": done.stdout,
                "stderr": done.stderr,
            }
        )
        if done.returncode == 0 or "run the command again" not in done.stderr:
            break
    return outcomes


@pytest.mark.parametrize("round_", range(ROUNDS), ids=[f"round{n + 1}" for n in range(ROUNDS)])
@pytest.mark.parametrize("writers", [2, 4])
def test_concurrent_writers_and_readers(ledger_url, tmp_path, writers, round_):  # noqa: ARG001
    with Ledger.open(ledger_url) as ledger:
        ledger.ingest(SEED)  # what the readers ask about
    per_writer = 8 if ledger_url.startswith("postgresql") else 15
    batch = 40 if ledger_url.startswith("postgresql") else 100
    stop = tmp_path / "stop"
    readers = [start("read", ledger_url, str(stop)) for _ in range(2)]
    documents: list[Path] = []
    one_each, all_at_once = [], []
    first = 0
    for number in range(writers):
        count = per_writer if number % 2 == 0 else batch
        files = write_documents(tmp_path / f"writer{number}", range(first, first + count))
        first += count
        documents += files
        if number % 2 == 0:
            one_each.append(start("write", ledger_url, *map(str, files)))
        else:
            all_at_once.append(files)
    outcomes = [o for files in all_at_once for o in ingest_all_at_once(ledger_url, files)]
    outcomes += [o for process in one_each for o in results(process)]
    stop.touch()
    reads = [o for process in readers for o in results(process)]

    failures = [o for o in outcomes if o["code"] != 0]
    assert all("run the command again" in str(o["stderr"]) for o in failures), shown(failures)
    assert all("nothing was written" in str(o["stderr"]) for o in failures), shown(failures)
    assert [o for o in reads if o["code"] != 0] == [], shown(reads)
    assert len(reads) >= 2

    with Ledger.open(ledger_url) as ledger:
        log = ledger.log()
        assert_reports_hold(log, documents, outcomes)
        streams = Counter(entry.stream for entry in log)
        assert sum(s.startswith("document:") for s in streams) == len(documents) + 1
        assert set(streams.values()) <= {1, 7, EVENTS_PER_DOCUMENT - 1}  # 7: the seed instrument
        assert (
            ledger.verify().events
            == sum(streams.values())
            == 8 + EVENTS_PER_DOCUMENT * len(documents)
        )
        ledger.catch_up()
        assert ledger.verify_view().events == 8 + EVENTS_PER_DOCUMENT * len(documents)


def assert_reports_hold(
    log: list[LogEntry], documents: list[Path], outcomes: list[dict[str, object]]
) -> None:
    """Every document was reported recorded exactly once, at positions the log holds.

    A write reported as success but missing from the log fails here, with every command
    that named the document and what it said.
    """
    at = {entry.position: entry for entry in log}
    recorded: Counter[str] = Counter()
    for outcome in outcomes:
        if outcome["code"] != 0:
            continue
        for report in json.loads(str(outcome["stdout"])):
            if report["outcome"] != "recorded":
                continue
            recorded[report["file"]] += 1
            for event in report["events"]:
                stored = at.get(event["position"])
                assert stored is not None, lost(report["file"], outcomes, log)
                assert (stored.stream, stored.stream_version) == (
                    event["stream"],
                    event["stream_version"],
                ), lost(report["file"], outcomes, log)
    names = sorted(path.name for path in documents)
    assert sorted(recorded.elements()) == names, [
        lost(name, outcomes, log) for name in names if recorded[name] != 1
    ]


def shown(outcomes: list[dict[str, object]]) -> str:
    """Commands' outcomes in full (pytest would cut a list's repr short)."""
    return "\n".join(json.dumps(o) for o in outcomes)


def lost(name: str, outcomes: list[dict[str, object]], log: list[LogEntry]) -> str:
    """What every command said about `name`, and the log's head, for the failure message."""
    said = [o for o in outcomes if name in str(o["args"]) or name in str(o["stdout"])]
    return f"{name}: log head {log[-1].position if log else 0}; commands:\n{shown(said)}"


def test_writers_creating_a_new_ledger_at_once(ledger_url, tmp_path):
    files = write_documents(tmp_path / "docs", range(4))
    processes = [start("write", ledger_url, str(path)) for path in files]
    outcomes = [o for process in processes for o in results(process)]
    failures = [o for o in outcomes if o["code"] != 0]
    assert all("run the command again" in str(o["stderr"]) for o in failures), failures
    with Ledger.open(ledger_url) as ledger:
        assert ledger.verify().events == EVENTS_PER_DOCUMENT * 4
        ledger.catch_up()
        assert ledger.verify_view().events == EVENTS_PER_DOCUMENT * 4


def other_process_log(url: str) -> list[dict[str, object]]:
    """`ledger log --json` in another process: what every other user of the file sees."""
    done = subprocess.run(
        [str(LEDGER_SCRIPT), "log", "--db", url, "--json"],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    return list(json.loads(done.stdout))


def test_opening_a_ledger_again_in_the_same_process_keeps_the_file_locks(tmp_path):
    """The lost write of the concurrency test, made deterministic (SQLite only).

    Closing any descriptor of a file drops every POSIX lock the process holds on it,
    SQLite's included. termledger used to open the ledger file with plain file I/O (to
    read its header, and a whole copy on every `ingest`) while a connection of the same
    process could still be open: its shared lock was gone, so another process closing
    the ledger believed it was the last one, checkpointed and deleted the -wal file, and
    a document committed into that unlinked file was reported "recorded" but never seen
    again. Here the same steps run one after another: no timing is involved.
    """
    url = str(tmp_path / "ledger.sqlite")
    wal = tmp_path / "ledger.sqlite-wal"
    with Ledger.open(url) as ledger:
        ledger.ingest(SEED)
    [document] = write_documents(tmp_path / "docs", range(1))
    with Ledger.open(url) as holder:
        assert len(holder.log()) == 8  # a read: its connection holds the file's shared lock
        with Ledger.open(url) as second:  # inspects the store again, in the same process
            assert len(other_process_log(url)) == 8  # another process opens and closes it
            assert wal.exists()  # it knew it was not the last: nothing was checkpointed away
            report = second.ingest(document)
            assert report.outcome == "recorded"
            seen = other_process_log(url)
            assert [e["stream"] for e in seen[8:]] == [e.stream for e in report.events]
    with Ledger.open(url) as ledger:
        assert ledger.verify().events == 8 + EVENTS_PER_DOCUMENT


def test_a_writer_opens_the_ledger_while_another_commits(tmp_path):
    """Opening a ledger writes nothing once it is set up, so it needs no write lock.

    It used to rewrite the format row on every open in a transaction that read first:
    SQLite cannot make such a transaction wait for a busy writer (it answers "database is
    locked" at once), so writers failed to open while another one was committing.
    """
    url = str(tmp_path / "ledger.sqlite")
    with Ledger.open(url) as ledger:
        ledger.ingest(SEED)
    other = sqlite3.connect(url, isolation_level=None)
    try:
        other.execute("BEGIN IMMEDIATE")  # another writer, in the middle of its transaction
        with Ledger.open(url) as ledger:
            assert ledger.view.position() == 8
    finally:
        other.rollback()
        other.close()
