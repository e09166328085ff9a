"""The `ledger` command: a click group over `ledger.Ledger`, and the one error boundary."""

from __future__ import annotations

import sqlite3
import sys
from typing import Any

import click
from eventsourcing.persistence import PersistenceError

from cli.commands import (
    audit,
    corrections,
    ingest,
    integrity,
    query,
    references,
    replay,
    store,
)
from ledger.display import visible
from ledger.errors import LedgerError

_MAX_MESSAGE = 400
"""Characters of an error message printed at most: an error quotes, it does not reprint."""


def error_line(message: str) -> str:
    """`message` as one short line: controls escaped (a file name may hold a newline), capped."""
    shown = visible(message, multiline=False)
    if len(shown) > _MAX_MESSAGE:
        shown = f"{shown[:_MAX_MESSAGE]}... ({len(shown) - _MAX_MESSAGE:,} more characters)"
    return f"Error: {shown}"


class LedgerGroup(click.Group):
    """Turns every LedgerError into one line on stderr and its exit code; no tracebacks."""

    def invoke(self, ctx: click.Context) -> Any:  # noqa: ANN401
        """Run the command, mapping library errors to messages."""
        try:
            return super().invoke(ctx)
        except click.UsageError as error:
            # One line, like every other error: what was wrong with which option.
            _fail(ctx, error.format_message(), error.exit_code)
        except LedgerError as error:
            _fail(ctx, str(error), error.exit_code)
        except (sqlite3.Error, PersistenceError) as error:
            _fail(ctx, f"database error: {error}", 1)
        except MemoryError:
            _fail(ctx, "out of memory", 1)


def _fail(ctx: click.Context, message: str, exit_code: int) -> None:
    click.secho(error_line(message), fg="red", err=True)
    ctx.exit(exit_code)


@click.group(cls=LedgerGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="termledger")
def cli() -> None:
    """An event-sourced ledger of the defined terms in corporate instruments.

    Ingest filings, then ask what a definition said on any date, and why.

    \b
    Example:
        ledger ingest examples/kmc-series-e-amendment-2000-06-30.txt
        ledger show "Lucent Facility" --as-of 2000-07-01
    """


for command in (
    *ingest.COMMANDS,
    *query.COMMANDS,
    *references.COMMANDS,
    *integrity.COMMANDS,
    *replay.COMMANDS,
    *audit.COMMANDS,
    *corrections.COMMANDS,
    *store.COMMANDS,
):
    cli.add_command(command)


def main() -> None:
    """Console-script entry point."""
    sys.exit(cli())
