"""Commands that record facts: ingest, record-filing."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from tempfile import TemporaryDirectory

import click

from cli import render
from cli.options import DATE, common_options, reading
from ledger import IngestReport, Ledger
from ledger.inputs import document_name, read_document
from ledger.statements import SuppliedFacts
from ledger.storage import resolve_location
from ledger.stores import inspect_store


@click.command("ingest")
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--dry-run", is_flag=True, help="Print what would be recorded; record nothing.")
@click.option(
    "--explain", is_flag=True, help="Print each event beside the source lines it came from."
)
@click.option(
    "--accept-partial",
    is_flag=True,
    help="Record what was understood, plus a needs-review event for each sentence that was not.",
)
@click.option(
    "--issuer",
    default=None,
    help="The issuer, where the document names none or two (recorded as given by you).",
)
@click.option(
    "--instrument",
    "instrument_id",
    default=None,
    help="The id of the instrument the certificate acts on (see `ledger instruments`).",
)
@click.option(
    "--executed-on",
    type=DATE,
    default=None,
    help="The date the certificate was signed, where the text gives none (recorded as yours).",
)
@click.option(
    "--adopted-on",
    type=DATE,
    default=None,
    help="The amended instrument's adoption date, where the amendment states none.",
)
@common_options
def ingest_command(  # noqa: PLR0913 (one parameter per option)
    *,
    files: tuple[Path, ...],
    dry_run: bool,
    explain: bool,
    accept_partial: bool,
    issuer: str | None,
    instrument_id: str | None,
    executed_on: date | None,
    adopted_on: date | None,
    db: str | None,
    as_json: bool,
) -> None:
    """Record the facts of filings, all files in one transaction.

    A file is plain text (UTF-8 or cp1252), an EDGAR HTML exhibit, or an EDGAR full
    submission (each <DOCUMENT> with a certificate is ingested as a document of its own).
    Ingesting the same bytes again records nothing and says so. Amending language the
    parser cannot interpret refuses the file, unless --accept-partial.

    Where the reader cannot decide a fact (which issuer, which instrument, which date), the
    error names the option that settles it; a fact so given is recorded as the user's, for
    every document of the command.

    \b
    Example:
        ledger ingest examples/kmc-series-e-amendment-2000-06-30.txt
        ledger ingest amendment.txt --instrument kmc-telecom-holdings-series-e
    """
    supplied = SuppliedFacts(
        issuer=issuer, instrument=instrument_id, executed_on=executed_on, adopted_on=adopted_on
    )
    location = resolve_location(db)
    store = inspect_store(location)  # a foreign store is refused before anything is opened
    documents = [(read_document(path), document_name(path)) for path in files]  # `-` read once
    names = [str(path) for path in files]

    def plan(ledger: Ledger, *, dry: bool) -> list[IngestReport]:
        return ledger.ingest_documents(
            documents,
            dry_run=dry,
            accept_partial=accept_partial,
            explain=explain,
            paths=names,
            supplied=supplied,
        )

    if store.state == "empty":
        # Plan against a scratch ledger first: a dry run leaves nothing behind, and a refused
        # first ingest is refused before the new file or the empty database is touched.
        with (
            TemporaryDirectory() as folder,
            Ledger.open(str(Path(folder) / "plan.sqlite")) as scratch,
        ):
            reports = plan(scratch, dry=True)
    if dry_run and store.state != "empty":
        with reading(db) as ledger:
            reports = plan(ledger, dry=True)
    elif not dry_run:
        # No undo by rewriting or deleting the file if this fails after all: by then
        # another process may have created the ledger and committed to it (a write it
        # reported as recorded). A save refused here wrote nothing; at most an empty ledger
        # (tables, no events) is left, which the next ingest uses.
        with Ledger.open(db) as ledger:
            reports = plan(ledger, dry=False)
    render.ingest_reports(reports, as_json=as_json, explain=explain)


@click.command("record-filing")
@click.argument("certificate")
@click.option(
    "--filed-on", type=DATE, required=True, help="Date filed with the Secretary of State."
)
@click.option("--note", default="", help="Where the date comes from (e.g. the state's file stamp).")
@click.option(
    "--reason",
    default=None,
    help="Why the date recorded before (by the document or a user) is wrong; required to "
    "record a different date.",
)
@common_options
def record_filing_command(  # noqa: PLR0913 (one parameter per option)
    *,
    certificate: str,
    filed_on: date,
    note: str,
    reason: str | None,
    db: str | None,
    as_json: bool,
) -> None:
    """Record the real filing date of a certificate (DGCL §103); answers follow it.

    CERTIFICATE is a certificate id (as `ledger history` and `ledger log` show it), a
    unique part of one, or the path of the ingested file. The same date again records
    nothing; a different date than the one recorded is a correction and needs --reason.

    \b
    Example:
        ledger record-filing kmc-telecom-holdings-series-e@2000-06-30 --filed-on 2000-07-05
    """
    with Ledger.open(db, create=False) as ledger:
        report = ledger.record_filing(certificate, filed_on, note=note, reason=reason)
    render.filing_report(report, as_json=as_json)


COMMANDS = (ingest_command, record_filing_command)
