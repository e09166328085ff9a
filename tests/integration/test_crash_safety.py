"""SIGKILL at random moments: while `ledger ingest` records many documents, and while
`ledger replay` rebuilds the view. Afterwards the ledger opens, every document is recorded
whole or not at all, the chain verifies, and the view catches up (and matches a replay).

TERMLEDGER_KILL_TRIALS sets the number of kills per scenario (CI keeps it modest).
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import pytest

from ledger import Ledger
from tests.cli.support import LEDGER_SCRIPT
from tests.generated import write_documents

TRIALS = int(os.environ.get("TERMLEDGER_KILL_TRIALS", "6"))
PER_TRIAL = 12
EVENTS_PER_DOCUMENT = 9
# One `ledger ingest` per document, in one process: every transaction boundary is a target.
ONE_COMMAND_EACH = (
    "import sys\n"
    "from cli.main import cli\n"
    "for path in sys.argv[2:]:\n"
    "    cli.main(['ingest', path, '--db', sys.argv[1]], standalone_mode=False)\n"
)


def trials_on(url: str) -> int:
    """PostgreSQL runs are slower: half the kills there."""
    return max(TRIALS // 2, 3) if url.startswith("postgresql") else TRIALS


def run_and_kill(command: list[str], after: float) -> int:
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        process.wait(timeout=after)
    except subprocess.TimeoutExpired:
        process.send_signal(signal.SIGKILL)
        process.wait()
        return -signal.SIGKILL
    assert process.returncode == 0, process.stderr.read() if process.stderr else ""
    return 0


def timed(command: list[str]) -> float:
    started = time.perf_counter()
    subprocess.run(command, check=True, capture_output=True)
    return time.perf_counter() - started


def assert_whole_and_verified(url: str) -> Counter[str]:
    """Every instrument has all its events or none; the chain and the view are right."""
    with Ledger.open(url) as ledger:
        streams = Counter(entry.stream for entry in ledger.log())
        instruments = {s: n for s, n in streams.items() if s.startswith("instrument:")}
        documents = [s for s in streams if s.startswith("document:")]
        assert set(instruments.values()) <= {EVENTS_PER_DOCUMENT - 1}, instruments
        assert len(documents) == len(instruments)
        report = ledger.verify()
        assert report.events == sum(streams.values())
        ledger.catch_up()
        assert ledger.verify_view().position == report.head.position
    return streams


@pytest.mark.parametrize("mode", ["one command for all", "one command each"])
def test_ingest_killed_at_random_moments_leaves_documents_whole(
    ledger_url, tmp_path, mode, record_property
):
    trials = trials_on(ledger_url)
    documents = write_documents(tmp_path / "docs", range(PER_TRIAL * (trials + 1)))
    batches = [documents[i : i + PER_TRIAL] for i in range(0, len(documents), PER_TRIAL)]

    def command(batch: list[Path]) -> list[str]:
        if mode == "one command for all":
            return [str(LEDGER_SCRIPT), "ingest", *map(str, batch), "--db", ledger_url]
        return [sys.executable, "-c", ONE_COMMAND_EACH, ledger_url, *map(str, batch)]

    duration = timed(command(batches[0]))  # a whole run, to aim the kills inside it
    randomness = random.Random(f"{mode}-{ledger_url[:10]}")  # noqa: S311 (not security)
    kills = 0
    for batch in batches[1:]:
        kills += run_and_kill(command(batch), randomness.uniform(0.05, 0.8) * duration) != 0
        streams = assert_whole_and_verified(ledger_url)
    record_property("kills", kills)
    assert kills >= 1  # most runs are killed; a run that finished must leave the same
    assert len([s for s in streams if s.startswith("instrument:")]) >= PER_TRIAL


def test_replay_killed_at_random_moments_leaves_a_working_view(
    ledger_url, tmp_path, record_property
):
    count = 150 if ledger_url.startswith("postgresql") else 300
    documents = write_documents(tmp_path / "docs", range(count))
    with Ledger.open(ledger_url) as ledger:
        ledger.ingest_files(documents)
        before = ledger.view.dump()
    replay = [str(LEDGER_SCRIPT), "replay", "--db", ledger_url]
    duration = timed(replay)
    randomness = random.Random(f"replay-{ledger_url[:10]}")  # noqa: S311 (not security)
    kills = sum(
        run_and_kill(replay, randomness.uniform(0.1, 0.8) * duration) != 0
        for _ in range(max(trials_on(ledger_url) // 2, 3))
    )
    record_property("kills", kills)
    assert kills >= 1
    assert_whole_and_verified(ledger_url)
    with Ledger.open(ledger_url) as ledger:
        assert ledger.view.dump() == before
        assert ledger.replay().events == count * EVENTS_PER_DOCUMENT
        assert ledger.view.dump() == before
