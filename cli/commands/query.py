"""Commands that answer questions: show, terms, history, instruments, log."""

from __future__ import annotations

from datetime import date

import click

from cli import render
from cli.options import as_of_option, common_options, instrument_option, known_at_option, reading


@click.command("show")
@click.argument("term")
@as_of_option
@instrument_option
@known_at_option
@common_options
def show_command(  # noqa: PLR0913 (one parameter per option)
    *,
    term: str,
    as_of: date,
    instrument: str | None,
    known_at: str | None,
    db: str | None,
    as_json: bool,
) -> None:
    """What TERM said on a date, where that comes from, and on what authority.

    With --known-at, what the ledger answered then (before a correction, say).

    \b
    Example:
        ledger show "Lucent Facility" --as-of 2000-07-01
        ledger show "Lucent Facility" --as-of 2000-07-01 --known-at @20
    """
    with reading(db) as ledger:
        position = ledger.resolve_known_at(known_at) if known_at else None
        answer = ledger.show(term, as_of, instrument=instrument, known_at=position)
    render.definition(answer, as_json=as_json)


@click.command("terms")
@as_of_option
@instrument_option
@known_at_option
@common_options
def terms_command(
    as_of: date, instrument: str | None, known_at: str | None, db: str | None, as_json: bool
) -> None:
    """Every definition in force on a date (texts not recorded are listed as such).

    \b
    Example:
        ledger terms --as-of 2001-03-01 --instrument harbor
    """
    with reading(db) as ledger:
        position = ledger.resolve_known_at(known_at) if known_at else None
        answers = ledger.terms(as_of, instrument=instrument, known_at=position)
    render.term_list(answers, as_of=as_of, as_json=as_json, known_at=position)


@click.command("history")
@click.argument("term")
@instrument_option
@click.option("--diff", is_flag=True, help="Redline each version against the one before.")
@known_at_option
@common_options
def history_command(  # noqa: PLR0913 (one parameter per option)
    *,
    term: str,
    instrument: str | None,
    diff: bool,
    known_at: str | None,
    db: str | None,
    as_json: bool,
) -> None:
    """Every version of TERM, with the dates it was in force and the authority for each.

    Also every answer the ledger once gave and later superseded (by a correction, a
    re-read or a later document), with when and why.

    \b
    Example:
        ledger history "Newcourt Finance"
        ledger history "Conversion Price" --diff
    """
    with reading(db) as ledger:
        position = ledger.resolve_known_at(known_at) if known_at else None
        history = ledger.history(term, instrument=instrument, known_at=position)
    render.history(history, as_json=as_json, diff=diff)


@click.command("instruments")
@known_at_option
@common_options
def instruments_command(known_at: str | None, db: str | None, as_json: bool) -> None:
    """The instruments in the ledger, with their ids for --instrument.

    \b
    Example:
        ledger instruments
    """
    with reading(db) as ledger:
        position = ledger.resolve_known_at(known_at) if known_at else None
        summaries = ledger.instruments(known_at=position)
    render.instruments(summaries, as_json=as_json)


@click.command("log")
@known_at_option
@common_options
def log_command(known_at: str | None, db: str | None, as_json: bool) -> None:
    """Every stored event, in the order the ledger recorded it.

    \b
    Example:
        ledger log --json
    """
    with reading(db) as ledger:
        position = ledger.resolve_known_at(known_at) if known_at else None
        entries = ledger.log(known_at=position)
        note = ledger.chain_note()
    render.log(entries, as_json=as_json)
    if note and not as_json:
        click.echo(note)


COMMANDS = (show_command, terms_command, history_command, instruments_command, log_command)
