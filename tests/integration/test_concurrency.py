"""Two and four processes ingesting different documents into one ledger at once, with
readers running `show` in a loop: every writer succeeds or is refused with a retryable
error and nothing written, nothing is lost or duplicated, and no read fails because a
writer is busy. On SQLite and PostgreSQL."""

from __future__ import annotations

import json
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

from ledger import Ledger
from tests.cli.support import LEDGER_SCRIPT
from tests.generated import write_documents
from tests.paths import ROOT, SEED

EVENTS_PER_DOCUMENT = 9


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
            [str(LEDGER_SCRIPT), "ingest", *map(str, files), "--db", url],
            capture_output=True,
            text=True,
            check=False,
            timeout=300,
        )
        outcomes.append(
            {"args": ["ingest", "(all)"], "code": done.returncode, "stderr": done.stderr}
        )
        if done.returncode == 0 or "run the command again" not in done.stderr:
            break
    return outcomes


@pytest.mark.parametrize("writers", [2, 4])
def test_concurrent_writers_and_readers(ledger_url, tmp_path, writers):
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
    assert all("run the command again" in str(o["stderr"]) for o in failures), failures
    assert all("nothing was written" in str(o["stderr"]) for o in failures), failures
    assert [o for o in reads if o["code"] != 0] == []
    assert len(reads) >= 2

    with Ledger.open(ledger_url) as ledger:
        streams = Counter(entry.stream for entry in ledger.log())
        assert sum(s.startswith("document:") for s in streams) == len(documents) + 1
        assert set(streams.values()) <= {1, 7, EVENTS_PER_DOCUMENT - 1}  # 7: the seed instrument
        assert (
            ledger.verify().events
            == sum(streams.values())
            == 8 + EVENTS_PER_DOCUMENT * len(documents)
        )
        ledger.catch_up()
        assert ledger.verify_view().events == 8 + EVENTS_PER_DOCUMENT * len(documents)


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
