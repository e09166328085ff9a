"""A process of the concurrency tests: runs `ledger` commands in a loop, in process, and
prints one JSON line per command (`{"args", "code", "stdout", "stderr", "pid", "at",
"open_files"}`).

    python -m tests.concurrency_driver write URL FILE...   one `ingest FILE --json` per file;
        a refusal that says "run the command again" is retried (up to 20 times)
    python -m tests.concurrency_driver read URL STOPFILE   `show` until STOPFILE exists

Every command's own output is kept: when a document is missing afterwards, the test shows
what its command said ("recorded" at which positions, or "already recorded").
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import sys
import time
from pathlib import Path

from cli.main import cli

_RETRIES = 20


def run(args: list[str]) -> tuple[int, str, str]:
    """One command, as the console script would run it: (exit code, stdout, stderr)."""
    stdout, stderr = io.StringIO(), io.StringIO()
    with contextlib.redirect_stderr(stderr), contextlib.redirect_stdout(stdout):
        try:
            # Not standalone, click returns the exit code of ctx.exit() instead of exiting.
            result = cli.main(args, standalone_mode=False)
            code = result if isinstance(result, int) else 0
        except SystemExit as exit_:
            code = int(exit_.code or 0)
        except Exception as error:  # noqa: BLE001 (an escaped exception is what we look for)
            code, stderr = 99, io.StringIO(f"escaped {type(error).__name__}: {error}")
    return code, stdout.getvalue(), stderr.getvalue()


def report(args: list[str], code: int, stdout: str, stderr: str) -> None:
    line = {"args": args, "code": code, "stdout": stdout, "stderr": stderr}
    line |= {"pid": os.getpid(), "at": time.time(), "open_files": _open_ledger_files()}
    print(json.dumps(line), flush=True)  # noqa: T201


def _open_ledger_files() -> list[str]:
    """The ledger files this process still holds open after a command (Linux), for a
    failure's message: SQLite connections the garbage collector has not finished closing
    yet show here (how the lost write of 2026-12 was found)."""
    found = []
    folder = Path("/proc/self/fd")
    for descriptor in folder.iterdir() if folder.exists() else ():
        try:
            target = str(descriptor.readlink())
        except OSError:
            continue
        if ".sqlite" in target:
            found.append(target)
    return found


def write(url: str, files: list[str]) -> None:
    for path in files:
        args = ["ingest", path, "--db", url, "--json"]
        for _ in range(_RETRIES):
            code, stdout, stderr = run(args)
            report(args, code, stdout, stderr)
            if code == 0 or "run the command again" not in stderr:
                break
            time.sleep(0.05)


def read(url: str, stop: Path) -> None:
    args = ["show", "Lucent Facility", "--as-of", "2000-07-01", "--db", url]
    while not stop.exists():
        code, _stdout, stderr = run(args)
        report(args, code, "", stderr)  # the answer itself is checked by the CLI tests


if __name__ == "__main__":
    match sys.argv[1:]:
        case ["write", url, *files]:
            write(url, files)
        case ["read", url, stop]:
            read(url, Path(stop))
