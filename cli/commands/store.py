"""Commands about the store itself: init, catch-up."""

from __future__ import annotations

import click

from cli import render
from cli.options import common_options
from ledger import Ledger
from ledger.display import visible
from ledger.storage import resolve_location
from ledger.stores import FORMAT, inspect_store


@click.command("init")
@common_options
def init_command(db: str | None, as_json: bool) -> None:
    """Create an empty ledger: in a new or empty file, or an empty PostgreSQL database.

    `ingest` does the same on its first document; a database that holds anything but a
    termledger ledger is refused and left as it was.

    \b
    Example:
        ledger init --db postgresql://ledger@db.example.com/ledger
    """
    store = inspect_store(resolve_location(db))
    location = store.location or resolve_location(db)
    if store.state == "ledger":
        message = f"{location.display} already holds a termledger ledger; nothing to do"
    else:
        with Ledger.open(db, create=True):
            pass
        message = f"{location.display}: created an empty termledger ledger (format {FORMAT})"
    if as_json:
        render.emit_json({"location": location.display, "created": store.state == "empty"})
    else:
        click.echo(visible(message))


@click.command("catch-up")
@common_options
def catch_up_command(db: str | None, as_json: bool) -> None:
    """Apply to the ledger's view every event of the log it lacks (rebuilding it if needed).

    Reads never write, so a read on a view that lags the log (a writer interrupted before
    catching it up) answers as of the view's position and says to run this.

    \b
    Example:
        ledger catch-up
    """
    with Ledger.open(db, create=False) as ledger:
        applied = ledger.catch_up()
        position = ledger.view.position()
    if as_json:
        render.emit_json({"applied": applied, "position": position})
    else:
        click.echo(
            f"view caught up: {applied} event(s) applied; it reflects the log up to {position}"
        )


COMMANDS = (init_command, catch_up_command)
