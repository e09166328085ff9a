"""What the end-to-end tests of the `ledger` command line share: documents, runners, checks.

Two layers drive the same command line:

* `InProcess` invokes `cli.main.cli` with click's `CliRunner` against one SQLite file (--db);
* `run_ledger` starts the installed console script (`ledger`, next to `sys.executable`) as a
  real process, with the ledger given by --db or by the LEDGER_DB environment variable.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

from click.testing import CliRunner, Result

from cli.main import cli
from tests.paths import (  # noqa: F401 (re-exported for the CLI tests)
    EXAMPLES,
    HARBOR_FIRST,
    HARBOR_ORIGINAL,
    HARBOR_SECOND,
    ROOT,
    SEED,
)

LEDGER_SCRIPT = Path(sys.executable).parent / "ledger"

SEED_SHA256 = "d59a386aeed0144dbd6c139f9560bf9cf349f4896ee8c148beaab0fe444612bb"
KMC = "kmc-telecom-holdings-series-e"
KMC_CERTIFICATE = "kmc-telecom-holdings-series-e@2000-06-30"
KMC_TITLE = (
    "Certificate of Designation of the Series E Senior Redeemable, Exchangeable, "
    "PIK Preferred Stock of KMC Telecom Holdings, Inc."
)
HARBOR = "harbor-lantern-networks-series-b"
SEED_EVENTS = 8

LUCENT_START = (
    '"Lucent Facility" means the vendor financing facility among KMC Telecom IV, Inc. ("KMC IV")'
)
LUCENT_END = "as amended, supplemented or otherwise modified from time to time."
# The definition as the seed states it (lines 55-62), whitespace normalised.
LUCENT_TEXT = " ".join(" ".join(SEED.read_text(encoding="utf-8").splitlines()[54:62]).split())
NEWCOURT_TEXT = (
    '"Newcourt Finance" means CIT Lending Services Corporation, formerly known as '
    "Newcourt Commercial Finance Corporation, and its successors."
)


def copy_ledger(source: Path, target: Path) -> Path:
    """Copy a SQLite ledger (and any journal files beside it) to `target`."""
    shutil.copyfile(source, target)
    for suffix in ("-wal", "-shm", "-journal"):
        extra = source.with_name(source.name + suffix)
        if extra.exists():
            shutil.copyfile(extra, target.with_name(target.name + suffix))
    return target


def sqlite_files(directory: Path) -> list[str]:
    """The names of every SQLite file (and journal) in `directory`."""
    return sorted(p.name for p in directory.iterdir() if ".sqlite" in p.name)


class InProcess:
    """`cli.main.cli` under click's CliRunner, always against the ledger file `db`."""

    def __init__(self, db: Path) -> None:
        self.db = db
        self._runner = CliRunner()

    def __call__(self, *args: str | Path) -> Result:
        """Run `ledger ARGS... --db DB` and return click's result."""
        return self._runner.invoke(cli, [*map(str, args), "--db", str(self.db)])

    def json(self, *args: str | Path) -> Any:
        """Run a command with --json that must succeed, and parse its stdout."""
        result = self(*args, "--json")
        assert result.exit_code == 0, result.output
        assert result.stderr == ""
        return json.loads(result.stdout)

    def events(self) -> list[dict[str, Any]]:
        """`ledger log --json`."""
        return self.json("log")

    def event_count(self) -> int:
        """How many events the ledger holds."""
        return len(self.events())


def assert_no_crash(result: Result) -> None:
    """The command ended through click (an exit code), not through an escaped exception."""
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(
        result.exception
    )
    assert "Traceback" not in result.output


def assert_one_error_line(stderr: str, expected: str) -> None:
    """Stderr is exactly the one line `expected` (which starts with "Error:"), no traceback."""
    assert expected.startswith("Error: ")
    assert "Traceback" not in stderr
    assert stderr.splitlines() == [expected], stderr


def run_ledger(
    *args: str | Path, cwd: Path, ledger_db: str | Path | None = None
) -> subprocess.CompletedProcess[str]:
    """Run the installed `ledger` console script as a real process.

    LEDGER_DB is removed from the inherited environment, then set to `ledger_db` if given.
    """
    env = {key: value for key, value in os.environ.items() if key != "LEDGER_DB"}
    env["PYTHONIOENCODING"] = "utf-8"
    if ledger_db is not None:
        env["LEDGER_DB"] = str(ledger_db)
    return subprocess.run(
        [str(LEDGER_SCRIPT), *map(str, args)],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=60,
        check=False,
    )


def process_json(*args: str | Path, cwd: Path, ledger_db: str | Path | None = None) -> Any:
    """Run a console-script command with --json that must succeed, and parse its stdout."""
    done = run_ledger(*args, "--json", cwd=cwd, ledger_db=ledger_db)
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""
    return json.loads(done.stdout)
