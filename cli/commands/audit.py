"""Commands for people who check the record: certificates, diff, audit, record-requirement."""

from __future__ import annotations

import os
import re
import sys
import tempfile
from datetime import date
from pathlib import Path

import click

from cli import render
from cli.options import DATE, common_options, instrument_option, known_at_option, reading
from ledger import Ledger
from ledger.audit import html as html_report
from ledger.audit import markdown, text
from ledger.audit.model import AuditReport
from ledger.audit.safe_text import json_text
from ledger.events import RequiredConsent, Threshold

_CONSENT = re.compile(
    r"^\s*(at least|more than)\s+(\d+)\s*/\s*(\d+)\s+of\s+(?:the\s+)?(\S.*?)\s*$", re.IGNORECASE
)


def _colour() -> bool:
    """Colour only on a terminal, and never when NO_COLOR is set."""
    return sys.stdout.isatty() and "NO_COLOR" not in os.environ


def _json(value: object) -> str:
    """Indented JSON in which no bidi override or format character is left raw."""
    return json_text(value)


def _check_dates(from_date: date | None, to_date: date | None) -> None:
    if from_date and to_date and from_date > to_date:
        raise click.BadParameter(
            f"{from_date} is after --to {to_date}; swap them", param_hint="'--from'"
        )


@click.command("certificates")
@instrument_option
@known_at_option
@common_options
def certificates_command(
    instrument: str | None, known_at: str | None, db: str | None, as_json: bool
) -> None:
    """Every certificate in effect order: its acts, effective date, authority and changes.

    The authority check says whether the board resolution and each class vote that amending
    the instrument requires (DGCL §242(b)) are recorded: met, unmet or unknown.

    \b
    Example:
        ledger certificates --instrument harbor
    """
    with reading(db) as ledger:
        position = ledger.resolve_known_at(known_at) if known_at else None
        reports = ledger.certificates(instrument, known_at=position)
    if as_json:
        click.echo(_json(reports))
    else:
        click.echo(text.certificates(reports))


@click.command("diff")
@click.argument("term", required=False)
@click.option("--from", "from_date", type=DATE, required=True, help="The earlier date.")
@click.option("--to", "to_date", type=DATE, required=True, help="The later date.")
@instrument_option
@known_at_option
@common_options
def diff_command(  # noqa: PLR0913, PLR0917 (one parameter per option)
    term: str | None,
    from_date: date,
    to_date: date,
    instrument: str | None,
    known_at: str | None,
    db: str | None,
    as_json: bool,
) -> None:
    """A word-level redline of TERM's text in force on two dates.

    Without TERM, --instrument redlines the whole definitions section: terms added, deleted
    and changed. Deletions are [-marked-] and insertions {+marked+} when piped, coloured on
    a terminal; --json gives the runs (equal / delete / insert).

    \b
    Example:
        ledger diff "Conversion Price" --from 2000-01-01 --to 2001-03-01
        ledger diff --instrument harbor --from 2000-01-01 --to 2001-03-01
    """
    _check_dates(from_date, to_date)
    if term is None and instrument is None:
        raise click.UsageError("give a TERM, or --instrument to redline all its definitions")
    with reading(db) as ledger:
        position = ledger.resolve_known_at(known_at) if known_at else None
        if term is None:
            assert instrument is not None  # noqa: S101 (checked above)
            report = ledger.diff_definitions(instrument, from_date, to_date, known_at=position)
            output = None if as_json else text.definitions_redline(report, colour=_colour())
            value: object = report
        else:
            line = ledger.diff(term, from_date, to_date, instrument=instrument, known_at=position)
            output = None if as_json else text.term_redline(line, colour=_colour())
            value = line
    if output is None:
        click.echo(_json(value))
    else:
        click.echo(output)


@click.command("audit")
@instrument_option
@click.option("--from", "from_date", type=DATE, default=None, help="Only acts on or after.")
@click.option("--to", "to_date", type=DATE, default=None, help="Only acts on or before.")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "markdown", "json", "html"]),
    default="text",
    show_default=True,
    help="Report format.",
)
@click.option(
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Write the report to FILE (created whole or not at all) instead of stdout.",
)
@known_at_option
@click.option("--db", "db", envvar="LEDGER_DB", metavar="URL", help="Ledger database URL.")
def audit_command(  # noqa: PLR0913, PLR0917 (one parameter per option)
    instrument: str | None,
    from_date: date | None,
    to_date: date | None,
    fmt: str,
    output: Path | None,
    known_at: str | None,
    db: str | None,
) -> None:
    """The audit report: chronology with provenance, redlines, authority, gaps, integrity.

    HTML is one self-contained page (no external assets) with a timeline per term.

    \b
    Example:
        ledger audit --instrument kmc
        ledger audit --format html --output audit.html
    """
    _check_dates(from_date, to_date)
    if output is not None:
        _check_writable(output)
    with reading(db) as ledger:
        position = ledger.resolve_known_at(known_at) if known_at else None
        report = ledger.audit(instrument, from_date, to_date, known_at=position)
    rendered = _render(report, fmt, colour=output is None and _colour())
    if output is None:
        click.echo(rendered, nl=not rendered.endswith("\n"))
        return
    _write_whole(output, rendered)
    click.echo(f"wrote {output} ({fmt}, {len(rendered.encode())} bytes)", err=True)


def _render(report: AuditReport, fmt: str, *, colour: bool) -> str:
    if fmt == "json":
        return _json(report) + "\n"
    if fmt == "markdown":
        return markdown.audit(report)
    if fmt == "html":
        return html_report.audit(report)
    return text.audit(report, colour=colour)


def _folder(output: Path) -> Path:
    return output.parent if str(output.parent) else Path()


def _check_writable(output: Path) -> None:
    """Refuse an output the report could not be written to, before doing any work.

    The probe creates (and removes) a file in the folder: permission bits say nothing for
    root, and a read-only or virtual file system refuses only an actual write.
    """
    folder = _folder(output)
    if not folder.is_dir():
        raise click.BadParameter(f"folder {folder} does not exist", param_hint="'--output'")
    try:
        handle, probe = tempfile.mkstemp(dir=folder, prefix=f".{output.name}.")
    except OSError as error:
        raise click.BadParameter(
            f"cannot write in {folder}: {error.strerror or error}", param_hint="'--output'"
        ) from None
    os.close(handle)
    Path(probe).unlink()
    if output.exists() and not os.access(output, os.W_OK):
        raise click.BadParameter(f"{output} is not writable", param_hint="'--output'")


def _write_whole(output: Path, content: str) -> None:
    """Write to a temporary file beside `output`, then rename: whole or nothing."""
    temporary: Path | None = None
    try:
        handle, name = tempfile.mkstemp(dir=_folder(output), prefix=f".{output.name}.")
        temporary = Path(name)
        with os.fdopen(handle, "w", encoding="utf-8") as stream:
            stream.write(content)
        # A temporary file is private (0600); the report gets the mode a new file would get.
        umask = os.umask(0)
        os.umask(umask)
        temporary.chmod(0o666 & ~umask)
        temporary.replace(output)
    except OSError as error:
        if temporary is not None:
            temporary.unlink(missing_ok=True)
        raise click.BadParameter(
            f"cannot write {output}: {error.strerror or error}", param_hint="'--output'"
        ) from None


def _parse_consent(value: str) -> RequiredConsent:
    match = _CONSENT.match(value)
    if match is None:
        raise click.BadParameter(
            f"{value!r} is not like 'at least 2/3 of Series E Preferred Stock'",
            param_hint="'--consent'",
        )
    words, numerator, denominator, class_name = match.groups()
    n, d = int(numerator), int(denominator)
    if not 0 < n <= d:
        raise click.BadParameter(f"{n}/{d} is not a fraction in (0, 1]", param_hint="'--consent'")
    return RequiredConsent(
        class_name=class_name,
        threshold=Threshold(
            numerator=n, denominator=d, at_least=words.lower() == "at least", wording=words.lower()
        ),
    )


@click.command("record-requirement")
@click.argument("instrument")
@click.option(
    "--consent",
    "consents",
    multiple=True,
    required=True,
    metavar="'at least N/D of CLASS'",
    help="A class vote amending the instrument requires (repeatable).",
)
@click.option("--note", default="", help="Where the requirement comes from.")
@common_options
def record_requirement_command(
    instrument: str, consents: tuple[str, ...], note: str, db: str | None, as_json: bool
) -> None:
    """Record what amending INSTRUMENT requires, when no recorded document states it.

    Every amendment is then checked against it (DGCL §242(b)): board resolution, and each
    class vote at or above its threshold. The latest statement governs.

    \b
    Example:
        ledger record-requirement kmc --consent "at least 2/3 of Series E Preferred Stock" \\
            --note "Certificate of Designation section 9(b)"
    """
    required = [_parse_consent(c) for c in consents]
    with Ledger.open(db, create=False) as ledger:
        entry = ledger.record_requirement(instrument, required, note=note)
    if as_json:
        render.emit_json(entry)
    else:
        click.echo(f"recorded at position {entry.position}: {entry.summary}")


COMMANDS = (certificates_command, diff_command, audit_command, record_requirement_command)
