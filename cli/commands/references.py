"""Commands about references between definitions: refs, check."""

from __future__ import annotations

from datetime import date

import click

from cli import render
from cli.options import as_of_option, common_options, instrument_option, known_at_option, reading


@click.command("refs")
@click.argument("term")
@as_of_option
@instrument_option
@known_at_option
@common_options
def refs_command(  # noqa: PLR0913 (one parameter per option)
    *,
    term: str,
    as_of: date,
    instrument: str | None,
    known_at: str | None,
    db: str | None,
    as_json: bool,
) -> None:
    """What TERM's definition uses, what uses it, and what it defines inside itself.

    Uses are the defined terms in force on the date whose exact words appear in the text.

    \b
    Example:
        ledger refs "Lucent Facility" --as-of 2000-07-01
    """
    with reading(db) as ledger:
        position = ledger.resolve_known_at(known_at) if known_at else None
        answer = ledger.refs(term, as_of, instrument=instrument, known_at=position)
    render.references(answer, as_json=as_json)


@click.command("check")
@as_of_option
@instrument_option
@known_at_option
@common_options
def check_command(
    as_of: date, instrument: str | None, known_at: str | None, db: str | None, as_json: bool
) -> None:
    """Terms used but not defined, defined twice, or defined but unused, on a date.

    "Used but not defined" lists capitalised words that match no term in force, no proper
    name and no word certificates capitalise anyway: "Lucent" in the seed's definition of
    "Lucent Facility" is one (the unrecorded original presumably defines it).

    \b
    Example:
        ledger check --as-of 2000-07-01
    """
    with reading(db) as ledger:
        position = ledger.resolve_known_at(known_at) if known_at else None
        report = ledger.check(as_of, instrument=instrument, known_at=position)
    render.check_report(report, as_json=as_json)


COMMANDS = (refs_command, check_command)
