"""What the hardening tests share: the console script as a real process, and fingerprints.

Every case of issue 11 is driven through the installed `ledger` script, and each refusal is
checked the same way: exactly one line on stderr, the exit code, and every file that must
not be written (the ledger, a foreign database) byte for byte as it was.
"""

from __future__ import annotations

import hashlib
import os
import re
import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner

from cli.main import cli

LEDGER_SCRIPT = Path(sys.executable).parent / "ledger"

# What must never reach a terminal raw: C0 controls but tab and newline, DEL, C1 controls,
# bidi embeddings / overrides / isolates / marks, zero-width characters.
RAW_HOSTILE = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u2028-\u202e\u2060-\u206f\ufeff]"
)


def run(
    *args: str | Path,
    cwd: Path,
    env: dict[str, str] | None = None,
    stdin: bytes | None = None,
    timeout: float = 60,
) -> subprocess.CompletedProcess[bytes]:
    """Run `ledger ARGS...` as a real process, LEDGER_DB unset unless `env` sets it."""
    environment = {k: v for k, v in os.environ.items() if k != "LEDGER_DB"}
    environment["PYTHONIOENCODING"] = "utf-8"
    environment |= env or {}
    return subprocess.run(
        [str(LEDGER_SCRIPT), *map(str, args)],
        cwd=cwd,
        env=environment,
        input=stdin if stdin is not None else b"",
        capture_output=True,
        timeout=timeout,
        check=False,
    )


def invoke(
    *args: str | Path, cwd: Path, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[bytes]:
    """`ledger ARGS...` in this process (click's CliRunner): the same code path, far faster.

    For what needs a real process (a FIFO that could block, standard input, a pipe), `run`.
    """
    environment = {"LEDGER_DB": None} | (env or {})
    previous = Path.cwd()
    os.chdir(cwd)
    try:
        result = CliRunner().invoke(cli, [str(a) for a in args], env=environment)
    finally:
        os.chdir(previous)
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    return subprocess.CompletedProcess(
        args, result.exit_code, result.stdout_bytes, result.stderr_bytes
    )


def stderr_line(done: subprocess.CompletedProcess[bytes]) -> str:
    """The one line on stderr (asserting there is exactly one, and no traceback)."""
    text = done.stderr.decode("utf-8")
    assert "Traceback" not in text, text
    lines = text.splitlines()
    assert len(lines) == 1, text
    assert text.endswith("\n"), repr(text)
    assert not RAW_HOSTILE.search(text), repr(text)
    return lines[0]


def assert_refused(
    done: subprocess.CompletedProcess[bytes], exit_code: int, expected: str | re.Pattern[str]
) -> None:
    """Exit code, and exactly one stderr line: equal to `expected`, or matching it."""
    line = stderr_line(done)
    if isinstance(expected, str):
        assert line == expected
    else:
        assert expected.fullmatch(line), line
    assert done.returncode == exit_code, (done.returncode, line)


def fingerprint(*paths: Path) -> dict[str, str | None]:
    """SHA-256 of each file (and of a SQLite file's -wal beside it); None where absent."""
    out: dict[str, str | None] = {}
    for path in paths:
        for file in (path, path.with_name(path.name + "-wal")):
            out[str(file)] = (
                hashlib.sha256(file.read_bytes()).hexdigest() if file.exists() else None
            )
    return out


def listing(folder: Path) -> list[str]:
    """The names in `folder` (SQLite's shared-memory index files aside)."""
    return sorted(p.name for p in folder.iterdir() if not p.name.endswith("-shm"))
