"""A process of the concurrency tests: runs `ledger` commands in a loop, in process, and
prints one JSON line per command (`{"args", "code", "stderr"}`).

    python -m tests.concurrency_driver write URL FILE...   one `ingest FILE` per file;
        a refusal that says "run the command again" is retried (up to 20 times)
    python -m tests.concurrency_driver read URL STOPFILE   `show` until STOPFILE exists
"""

from __future__ import annotations

import contextlib
import io
import json
import sys
import time
from pathlib import Path

from cli.main import cli

_RETRIES = 20


def run(args: list[str]) -> tuple[int, str]:
    """One command, as the console script would run it: (exit code, stderr)."""
    stderr = io.StringIO()
    with contextlib.redirect_stderr(stderr), contextlib.redirect_stdout(io.StringIO()):
        try:
            # Not standalone, click returns the exit code of ctx.exit() instead of exiting.
            result = cli.main(args, standalone_mode=False)
            code = result if isinstance(result, int) else 0
        except SystemExit as exit_:
            code = int(exit_.code or 0)
        except Exception as error:  # noqa: BLE001 (an escaped exception is what we look for)
            code, stderr = 99, io.StringIO(f"escaped {type(error).__name__}: {error}")
    return code, stderr.getvalue()


def report(args: list[str], code: int, stderr: str) -> None:
    print(json.dumps({"args": args, "code": code, "stderr": stderr}), flush=True)  # noqa: T201


def write(url: str, files: list[str]) -> None:
    for path in files:
        args = ["ingest", path, "--db", url]
        for _ in range(_RETRIES):
            code, stderr = run(args)
            report(args, code, stderr)
            if code == 0 or "run the command again" not in stderr:
                break
            time.sleep(0.05)


def read(url: str, stop: Path) -> None:
    args = ["show", "Lucent Facility", "--as-of", "2000-07-01", "--db", url]
    while not stop.exists():
        code, stderr = run(args)
        report(args, code, stderr)


if __name__ == "__main__":
    match sys.argv[1:]:
        case ["write", url, *files]:
            write(url, files)
        case ["read", url, stop]:
            read(url, Path(stop))
