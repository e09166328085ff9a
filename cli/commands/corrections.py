"""Commands that correct the ledger without rewriting it: correct, retract, reread."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import click

from cli import render
from cli.options import DATE, POSITION, common_options
from ledger import Ledger
from ledger.corrections import FactChange
from ledger.inputs import read_text_file


@click.command("correct")
@click.argument("position", type=POSITION, metavar="[@]POSITION")
@click.option("--reason", required=True, help="Why the recorded fact is wrong (required).")
@click.option(
    "--date",
    "on",
    type=DATE,
    default=None,
    help="The right date (board action, "
    "execution, stated effective time, filing, or the instrument's adoption).",
)
@click.option("--issuer", default=None, help="The right issuer (of an InstrumentAdopted).")
@click.option("--threshold", default=None, help="The right holder threshold, e.g. 2/3.")
@click.option("--text", default=None, help="The right text of a definition.")
@click.option(
    "--text-file",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    default=None,
    help="A file holding the right text of a definition (typed from a paper copy).",
)
@common_options
def correct_command(  # noqa: PLR0913 (one parameter per option)
    *,
    position: int,
    reason: str,
    on: date | None,
    issuer: str | None,
    threshold: str | None,
    text: str | None,
    text_file: Path | None,
    db: str | None,
    as_json: bool,
) -> None:
    """Correct the fact recorded at POSITION (see `ledger log`), saying why.

    Records a new event that supersedes the old one; nothing stored changes, and
    --known-at before the correction still gives the earlier answer.

    \b
    Example:
        ledger correct 5 --date 2000-06-27 --reason "board minutes show the 27th"
    """
    if text_file is not None:
        text = read_text_file(text_file)  # a FIFO, a device, a huge or non-UTF-8 file: one line
    change = FactChange(on=on, issuer=issuer, threshold=threshold, text=text)
    with Ledger.open(db, create=False) as ledger:
        report = ledger.correct(position, change, reason=reason)
    render.correction_report(report, as_json=as_json)


@click.command("retract")
@click.argument("document")
@click.option("--reason", required=True, help="Why the document's reading no longer stands.")
@common_options
def retract_command(document: str, reason: str, db: str | None, as_json: bool) -> None:
    """Withdraw everything read from DOCUMENT (a path, or its sha256 or a prefix of it).

    For a document ingested by mistake: it stays in the log as evidence, its facts no
    longer stand, and every answer resting on them is superseded.

    \b
    Example:
        ledger retract d59a386aeed0 --reason "ingested into the wrong ledger"
    """
    with Ledger.open(db, create=False) as ledger:
        report = ledger.retract(document, reason=reason)
    render.correction_report(report, as_json=as_json)


@click.command("reread")
@click.argument("documents", nargs=-1, metavar="[DOCUMENT_SHA]...")
@click.option(
    "--instrument", metavar="ID", default=None, help="Re-read this instrument's documents."
)
@click.option("--all", "every", is_flag=True, help="Re-read every stored document.")
@click.option("--dry-run", is_flag=True, help="Print the differences; record nothing.")
@common_options
def reread_command(  # noqa: PLR0913 (one parameter per option)
    *,
    documents: tuple[str, ...],
    instrument: str | None,
    every: bool,
    dry_run: bool,
    db: str | None,
    as_json: bool,
) -> None:
    """Re-read stored documents with the current reader; record what changed.

    Facts read differently supersede the old ones, facts no longer read are withdrawn, new
    ones are added, each with the reason "re-read with reader vN"; nothing stored changes.
    A document is named by its sha256 or a unique prefix (see `ledger log`).

    \b
    Example:
        ledger reread --all --dry-run
        ledger reread d59a386aeed0
    """
    with Ledger.open(db, create=False) as ledger:
        report = ledger.reread(documents, instrument=instrument, every=every, dry_run=dry_run)
    render.reread_report(report, as_json=as_json)


@click.command("quote")
@click.argument("document")
@click.option("--lines", "span", metavar="FIRST-LAST", default=None, help="The lines to quote.")
@common_options
def quote_command(document: str, span: str | None, db: str | None, as_json: bool) -> None:
    """Quote lines of a stored document (its sha256 or a prefix) from the log's evidence.

    \b
    Example:
        ledger quote d59a386aeed0 --lines 55-62
    """
    first, last = 1, None
    if span is not None:
        head, _, tail = span.partition("-")
        if not head.isdigit() or not (tail or head).isdigit():
            raise click.BadParameter(
                f"{span!r} is not FIRST-LAST (e.g. 55-62)", param_hint="--lines"
            )
        first, last = int(head), int(tail or head)
    with Ledger.open(db, create=False) as ledger:
        quote = ledger.quote(document, first, last)
    render.document_quote(quote, as_json=as_json)


COMMANDS = (correct_command, retract_command, reread_command, quote_command)
