"""Options every command shares: where the ledger is, and how to print the answer."""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date
from typing import Any, TypeVar

import click

from ledger import Ledger
from ledger.storage import DEFAULT_DB

F = TypeVar("F", bound=Callable[..., Any])


class DateType(click.ParamType):  # type: ignore[type-arg]  # generic only in recent click
    """A calendar date written YYYY-MM-DD; anything else is a usage error naming the option.

    The group's error boundary (cli/main.py) prints usage errors on one line.
    """

    name = "YYYY-MM-DD"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> date:  # noqa: ANN401
        """Parse `value`, or fail with a usage error naming the option."""
        if isinstance(value, date):
            return value
        try:
            return date.fromisoformat(str(value).strip())
        except ValueError as error:
            self.fail(f"{value!r} is not a valid date (YYYY-MM-DD): {error}", param, ctx)


DATE = DateType()


class PositionType(click.ParamType):  # type: ignore[type-arg]  # generic only in recent click
    """A log position, written 42 or @42 (as `ledger log` and every answer's source show it)."""

    name = "POSITION"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> int:  # noqa: ANN401
        """Parse `value`, or fail with a usage error naming the option."""
        if isinstance(value, int):
            return value
        text = str(value).strip().removeprefix("@")
        if not text.isdigit() or int(text) < 1:
            self.fail(f"{value!r} is not a log position (a number from 1, e.g. @42)", param, ctx)
        return int(text)


POSITION = PositionType()


def common_options(command: F) -> F:
    """Add --db and --json to a command."""

    @click.option(
        "--db",
        "db",
        envvar="LEDGER_DB",
        metavar="URL",
        help=f"Ledger database: a file path, sqlite:///path or postgresql://... "
        f"[env: LEDGER_DB; default: ./{DEFAULT_DB}]",
    )
    @click.option("--json", "as_json", is_flag=True, help="Print JSON (stable field names).")
    @functools.wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> Any:  # noqa: ANN401
        return command(*args, **kwargs)

    return wrapper  # type: ignore[return-value]


def as_of_option(command: F) -> F:
    """Add --as-of (default: today)."""
    return click.option(
        "--as-of",
        "as_of",
        type=DATE,
        default=lambda: date.today().isoformat(),  # noqa: DTZ011 (a legal date, not an instant)
        show_default="today",
        help="The legal date to answer for.",
    )(command)


def instrument_option(command: F) -> F:
    """Add --instrument (id or unique substring)."""
    return click.option(
        "--instrument",
        metavar="ID",
        default=None,
        help="Instrument id or a unique part of its id, title or issuer "
        "(needed only when a term is defined by several instruments).",
    )(command)


def known_at_option(command: F) -> F:
    """Add --known-at (default: what the ledger knows now)."""
    return click.option(
        "--known-at",
        "known_at",
        metavar="TIMESTAMP|@POSITION",
        default=None,
        help="Answer as the ledger did then: at a log position (@42, see `ledger log`) or a "
        "time (2026-12-01T21:30:00Z). Default: what it knows now.",
    )(command)


@contextmanager
def reading(db: str | None) -> Iterator[Ledger]:
    """The ledger opened read-only for a command that only reads (it writes nothing at all).

    If the view lags the log (a writer was interrupted before catching it up), the answer is
    what the ledger knew at the view's position, and one line on stderr says so.
    """
    with Ledger.open(db, create=False, read_only=True) as ledger:
        yield ledger
    if ledger.behind is not None:
        view, log = ledger.behind
        click.echo(
            f"Note: answered as known at position {view}; the log holds {log - view} more "
            f"event(s) (up to position {log}): run `ledger catch-up` to apply them",
            err=True,
        )
