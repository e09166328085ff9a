"""The one renderer: every answer as text (rich) or JSON (msgspec, via `ledger`).

JSON is the answer Struct as the library returns it, so `--json` field names are the
API's field names. Text is for people: a header line, the definition, then why.

Everything printed goes through `ledger.display`: a document's control, bidi and invisible
characters are shown as escapes, never sent to the terminal raw (the log keeps them as they
are). Table cells are `Text`, never strings, so a term holding `[bold]` is not rich markup.
"""

from __future__ import annotations

import sys
import textwrap
from collections.abc import Sequence
from datetime import UTC, date, datetime

import click
import msgspec
from rich.console import Console
from rich.table import Table
from rich.text import Text

from ledger import (
    AuthorityFacts,
    CheckReport,
    CorrectionNote,
    CorrectionReport,
    DefinitionAnswer,
    DocumentQuote,
    FilingReport,
    IngestReport,
    InstrumentSummary,
    LogEntry,
    RereadReport,
    ReviewNote,
    SourceRef,
    TermHistory,
    TermReferences,
)
from ledger.audit.redline import redline
from ledger.audit.text import redline_text
from ledger.display import json_text, visible

_WIDTH = 100
_SHORTEN_FROM = 200
_STATUS_LABEL = {
    "in_force": "in force",
    "not_defined": "not defined",
    "deleted": "deleted",
    "text_not_recorded": "defined, text not recorded",
}


def _console() -> Console:
    return Console(width=_WIDTH, highlight=False, soft_wrap=False)


def emit_json(value: object) -> None:
    """Print `value` as indented JSON (control and bidi characters escaped)."""
    click.echo(json_text(value))


def _echo(text: str) -> None:
    click.echo(visible(text))


class _Trusted(str):
    """Text its renderer has already made safe (a redline keeps its own colour codes)."""

    __slots__ = ()


def _cell(text: str) -> Text:
    """A table cell: one line, escaped, and never parsed as rich markup."""
    return Text(visible(text, multiline=False))


def _wrap(text: str, indent: str = "  ") -> str:
    return textwrap.fill(
        visible(text, multiline=False),
        width=_WIDTH - 4,
        initial_indent=indent,
        subsequent_indent=indent,
    )


def _lines(source: SourceRef) -> str:
    if source.first_line is None:
        return "recorded by a user"
    span = (
        f"line {source.first_line}"
        if source.first_line == source.last_line
        else f"lines {source.first_line}-{source.last_line}"
    )
    return f"{source.document_name} {span}"


def authority_line(authority: AuthorityFacts) -> str:
    """The corporate acts behind a certificate, in one sentence."""
    parts = []
    if authority.board_acted_on:
        manner = (authority.board_manner or "").replace("_", " ")
        parts.append(f"board {manner} {authority.board_acted_on}")
    for consent in authority.holder_consents:
        least = "at least" if consent.at_least else "more than"
        separate = " as a separate class" if consent.separate_class else ""
        parts.append(f"holders of {least} {consent.threshold} of {consent.class_name}{separate}")
    if authority.executed_on:
        by = ", ".join(x for x in (authority.executed_by, authority.executed_by_title) if x)
        parts.append(f"executed {authority.executed_on}" + (f" by {by}" if by else ""))
    if authority.filed_on:
        parts.append(f"filed {authority.filed_on}")
    return "; ".join(parts)


def _review_line(review: ReviewNote) -> str:
    where = f"{review.document_name} line {review.first_line}" if review.document_name else ""
    sentences = " / ".join(repr(s) for s in review.sentences)
    return f"from {review.effective_on}, certificate {review.certificate_id} ({where}): {sentences}"


def _moment(value: datetime | None) -> str:
    return value.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S UTC") if value else ""


def record_line(answer: DefinitionAnswer) -> str:
    """When the ledger gave this answer (record time), beside the valid time above it."""
    if answer.known_from is None:
        return f"Recorded: as known at position {answer.known_at}"
    line = f"Recorded: at position {answer.known_from} ({_moment(answer.recorded_at)})"
    if answer.known_until is not None:
        return (
            f"{line}; superseded at position {answer.known_until} ({_moment(answer.superseded_at)})"
        )
    return f"{line}; still the ledger's answer at position {answer.known_at}"


def correction_line(note: CorrectionNote) -> str:
    """A correction or re-read behind an answer, in one sentence."""
    who = (
        f"user {note.user}" if note.user else ("a user" if note.source == "user" else "the reader")
    )
    superseded = ", ".join(str(p) for p in note.supersedes) or "nothing"
    return (
        f"{note.event_type} at position {note.position} by {who} "
        f"(superseding position {superseded}): {note.reason}"
    )


def definition(answer: DefinitionAnswer, *, as_json: bool) -> None:
    """`show`: one definition as of a date."""
    if as_json:
        emit_json(answer)
        return
    instrument = answer.instrument
    out = [
        f"{answer.term} - {instrument.issuer}, {instrument.series} ({instrument.id})",
        f"as of {answer.as_of}: {_STATUS_LABEL[answer.status]}"
        + (f" since {answer.in_force_from}" if answer.in_force_from else "")
        + (" (ASSUMED)" if answer.assumed else "")
        + (f", until {answer.in_force_until}" if answer.in_force_until else "")
        + (" (ASSUMED)" if answer.in_force_until_assumed else ""),
        "",
    ]
    if answer.defined_within and answer.text:
        out.append(f"  defined within the definition of {answer.defined_within!r}:")
    elif answer.defined_within:
        out += [f"  (was defined within the definition of {answer.defined_within!r})", ""]
    if answer.text:
        out += [_wrap(answer.text), ""]
    out.append(_wrap(f"Why: {answer.note}.", indent=""))
    if answer.inline_terms:
        out.append(f"Defines within it: {', '.join(answer.inline_terms)}")
    if answer.authority:
        out.append(_wrap(f"Authority: {authority_line(answer.authority)}", indent=""))
        if answer.authority.approval_warning:
            out.append(_wrap(f"WARNING: {answer.authority.approval_warning}", indent=""))
    for review in answer.needs_review:
        out.append(_wrap(f"NEEDS REVIEW: {_review_line(review)}", indent=""))
    out.extend(_wrap(f"Correction: {correction_line(c)}", indent="") for c in answer.corrections)
    if answer.source:
        s = answer.source
        out.append(
            f"Source: {s.event_type} at position {s.position}, {_lines(s)}"
            + (f" (sha256 {s.document_sha256[:12]})" if s.document_sha256 else "")
        )
    out.append(record_line(answer))
    _echo("\n".join(out))


def term_list(
    answers: Sequence[DefinitionAnswer],
    *,
    as_of: date,
    as_json: bool,
    known_at: int | None = None,
) -> None:
    """`terms`: every definition in force on a date (as known at a position, if asked)."""
    if as_json:
        emit_json(list(answers))
        return
    when = f" as known at position {known_at}" if known_at is not None else ""
    if not answers:
        click.echo(f"No definitions in force on {as_of}{when}.")
        return
    instrument_ids = {a.instrument.id for a in answers}
    single = len(instrument_ids) == 1
    title = (
        f"Definitions in force on {as_of}"
        + (f" in {answers[0].instrument.id}" if single else "")
        + when
    )
    table = Table(title=_cell(title), title_justify="left")
    columns = (
        ("term", "status", "since", "text")
        if single
        else ("instrument", "term", "status", "since", "text")
    )
    for column in columns:
        table.add_column(column, overflow="fold", ratio=3 if column == "text" else None)
    for a in answers:
        status = _STATUS_LABEL[a.status] + (" (assumed)" if a.assumed else "")
        text = a.text or ""
        if a.defined_within:
            text = f"(defined within {a.defined_within!r})"
        cells = [
            _cell(a.term),
            _cell(status),
            _cell(str(a.in_force_from or "")),
            # Only the head is shortened: a 1 MB definition costs no more than a short one.
            _cell(textwrap.shorten(text[:_SHORTEN_FROM], 90, placeholder=" ...")),
        ]
        table.add_row(*cells if single else [_cell(a.instrument.id), *cells])
    _console().print(table)


def history(history: TermHistory, *, as_json: bool, diff: bool = False) -> None:
    """`history`: every version of a term (`diff`: each redlined against the one before)."""
    if as_json:
        emit_json(history)
        return
    out = [f"{history.term} - {history.instrument.title} ({history.instrument.id})", ""]
    recorded = {
        msgspec.json.encode(k.version): k.record_time
        for k in history.record_history
        if k.record_time.known_until is None
    }
    previous: str | None = None
    for number, v in enumerate(history.versions, start=1):
        until = f" until {v.valid_to}" if v.valid_to else " onwards"
        if v.valid_to_assumed:
            until += " (ASSUMED)"
        if v.valid_to == v.valid_from:
            until = " (superseded the same day: never in force)"
        assumed = " (ASSUMED)" if v.assumed else ""
        out.append(f"{number}. {_STATUS_LABEL[v.status]} from {v.valid_from}{assumed}{until}")
        if diff and v.text and previous:
            runs = redline(previous, v.text)
            # Escaped run by run by the redline itself; its colours must stay raw.
            out.append(_Trusted(redline_text(runs, colour=sys.stdout.isatty(), indent="     ")))
        elif v.text:
            out.append(_wrap(v.text, indent="     "))
        previous = v.text if v.status == "in_force" else None
        out.append(_wrap(f"Why: {v.note}.", indent="     "))
        if v.authority:
            out.append(_wrap(f"Authority: {authority_line(v.authority)}", indent="     "))
            if v.authority.approval_warning:
                out.append(_wrap(f"WARNING: {v.authority.approval_warning}", indent="     "))
        out.extend(
            _wrap(f"NEEDS REVIEW: {_review_line(review)}", indent="     ") for review in v.reviews
        )
        out.extend(
            _wrap(f"Correction: {correction_line(c)}", indent="     ") for c in v.corrections
        )
        out.append(
            f"     Source: {v.source.event_type} at position {v.source.position}, "
            f"{_lines(v.source)}"
        )
        time = recorded.get(msgspec.json.encode(v))
        if time is not None:
            out.append(
                f"     Recorded: at position {time.known_from} ({_moment(time.recorded_at)})"
            )
        out.append("")
    out += _superseded(history)
    click.echo("\n".join(x if isinstance(x, _Trusted) else visible(x) for x in out).rstrip())


def _superseded(history: TermHistory) -> list[str]:
    """The versions the ledger once gave and later superseded, with when and why."""
    superseded = [k for k in history.record_history if k.record_time.known_until is not None]
    out = []
    if superseded:
        out += ["Superseded answers (what the ledger said before, and why it changed):", ""]
    for k in superseded:
        v, time = k.version, k.record_time
        until = f" until {v.valid_to}" if v.valid_to else " onwards"
        out.append(f"- {_STATUS_LABEL[v.status]} from {v.valid_from}{until}")
        if v.text:
            out.append(_wrap(v.text, indent="     "))
        out.append(
            _wrap(
                f"Recorded at position {time.known_from} ({_moment(time.recorded_at)}); "
                f"superseded at position {time.known_until} ({_moment(time.superseded_at)}): "
                f"{time.superseded_because}",
                indent="     ",
            )
        )
        out.append("")
    return out


def references(answer: TermReferences, *, as_json: bool) -> None:
    """`refs`: what a definition uses and what uses it."""
    if as_json:
        emit_json(answer)
        return
    none = "(none)"
    status = _STATUS_LABEL[answer.status]
    out = [f"{answer.term} - {answer.instrument.id}, as of {answer.as_of}: {status}"]
    if answer.defined_within:
        out.append(f"  defined within: {answer.defined_within}")
    out += [
        f"  uses:       {', '.join(answer.uses) or none}",
        f"  used by:    {', '.join(answer.used_by) or none}",
        f"  defines:    {', '.join(answer.defines) or none}",
    ]
    _echo("\n".join(out))


_FINDING_LABEL = {
    "undefined": "used but not defined",
    "defined_twice": "defined twice",
    "unused": "defined but not used by any other definition",
}


def check_report(report: CheckReport, *, as_json: bool) -> None:
    """`check`: findings by instrument and kind."""
    if as_json:
        emit_json(report)
        return
    if not report.findings:
        click.echo(f"No findings on {report.as_of}.")
        return
    out = [f"Findings on {report.as_of}:"]
    for instrument in dict.fromkeys(f.instrument for f in report.findings):
        out.append(f"{instrument}")
        for kind, label in _FINDING_LABEL.items():
            found = [f for f in report.findings if f.instrument == instrument and f.kind == kind]
            if not found:
                continue
            out.append(f"  {label}:")
            for f in found:
                where = f" (in {', '.join(repr(w) for w in f.where)})" if f.where else ""
                out.append(f"    {f.term}{where}")
    _echo("\n".join(out))


def instruments(summaries: Sequence[InstrumentSummary], *, as_json: bool) -> None:
    """`instruments`: what the ledger holds."""
    if as_json:
        emit_json(list(summaries))
        return
    if not summaries:
        click.echo("The ledger holds no instruments yet.")
        return
    table = Table(title="Instruments", title_justify="left")
    for column in ("id", "issuer", "adopted", "original", "certs", "terms"):
        table.add_column(column, overflow="fold", no_wrap=column in {"id", "adopted"})
    for s in summaries:
        table.add_row(
            *map(
                _cell,
                (
                    s.id,
                    s.issuer,
                    str(s.adopted_on),
                    "recorded" if s.text_recorded else "not recorded",
                    str(s.certificates),
                    str(s.terms),
                ),
            )
        )
    _console().print(table)


def log(entries: Sequence[LogEntry], *, as_json: bool) -> None:
    """`log`: the events in order."""
    if as_json:
        emit_json(list(entries))
        return
    if not entries:
        click.echo("The ledger is empty.")
        return
    _console().print(_event_table(entries, title="Event log"))


def _event_table(entries: Sequence[LogEntry], *, title: str) -> Table:
    table = Table(title=_cell(title), title_justify="left")
    for column in ("#", "event", "summary", "source"):
        table.add_column(column, overflow="fold")
    for e in entries:
        where = ""
        if e.document_name:
            where = f"{e.document_name}:{e.first_line}" + (
                f"-{e.last_line}" if e.last_line != e.first_line else ""
            )
        table.add_row(*map(_cell, (str(e.position or "-"), e.event_type, e.summary, where)))
    return table


def ingest_reports(
    reports: Sequence[IngestReport], *, as_json: bool, explain: bool = False
) -> None:
    """`ingest`: what was (or would be) recorded for each file."""
    if as_json:
        emit_json(list(reports))
        return
    for r in reports:
        if r.outcome == "skipped":
            _echo(f"{visible(r.file, multiline=False)}: skipped ({r.note})")
            continue
        if r.outcome == "already_recorded":
            what = r.note or "nothing recorded"
            _echo(
                f"{visible(r.file, multiline=False)}: already recorded "
                f"(sha256 {r.sha256[:12]}); {what}"
            )
            continue
        verb = "would record" if r.outcome == "dry_run" else "recorded"
        _echo(
            f"{visible(r.file, multiline=False)}: {verb} {len(r.events)} events "
            f"({r.encoding}, sha256 {r.sha256[:12]}); "
            f"certificate {', '.join(r.certificates)}"
        )
        if r.note:
            _echo(f"  note: {visible(r.note, multiline=False)}")
        if explain:
            _explain(r)
        elif r.outcome == "dry_run":
            _console().print(_event_table(r.events, title=f"Events {r.file} would record"))


def _explain(report: IngestReport) -> None:
    """Each event, then the source lines it was read from."""
    for entry in report.events:
        _echo(f"\n#{entry.position or '-'} {entry.event_type}: {entry.summary}")
        if entry.source_text:
            _echo(entry.source_text)


def filing_report(report: FilingReport, *, as_json: bool) -> None:
    """`record-filing`: the filing and the effective date that now follows."""
    if as_json:
        emit_json(report)
        return
    if report.outcome == "unchanged":
        _echo(
            f"{report.certificate_id}: already recorded as filed on {report.filed_on} "
            f"(position {report.event.position}); nothing recorded"
        )
        return
    superseding = (
        f", superseding position {', '.join(map(str, report.supersedes))}"
        if report.supersedes
        else ""
    )
    _echo(
        f"{report.certificate_id}: filing on {report.filed_on} recorded at position "
        f"{report.event.position}{superseding}; effective {report.effective_on} "
        f"({report.effective_basis})"
    )


def correction_report(report: CorrectionReport, *, as_json: bool) -> None:
    """`correct` / `retract`: the events recorded and what they superseded."""
    if as_json:
        emit_json(report)
        return
    for entry in report.events:
        _echo(f"recorded {entry.event_type} at position {entry.position}: {entry.summary}")
    _echo(
        f"superseded position {', '.join(map(str, report.supersedes))} "
        f"(by {report.user}: {report.reason})"
    )


def reread_report(report: RereadReport, *, as_json: bool) -> None:
    """`reread`: per document, the differences the current reader finds (and records)."""
    if as_json:
        emit_json(report)
        return
    verb = "would record" if report.dry_run else "recorded"
    for doc in report.documents:
        read = ", ".join(f"reader {v}" if v else "an unversioned reader" for v in doc.recorded_with)
        head = f"{doc.document} (sha256 {doc.sha256[:12]}, read by {read or 'nothing'})"
        if doc.outcome == "skipped":
            _echo(f"{head}: skipped ({doc.note})")
            continue
        if not doc.changes:
            _echo(f"{head}: reader {report.reader_version} reads the same facts; nothing to record")
            continue
        count = len(doc.events) or len(doc.changes)
        _echo(f"{head}: {len(doc.changes)} differences, {verb} {count} events")
        table = Table(title=None)
        for column in ("change", "certificate", "event", "as recorded", "as re-read"):
            table.add_column(column, overflow="fold")
        for c in doc.changes:
            table.add_row(
                c.change + (f" (#{c.supersedes})" if c.supersedes else ""),
                _cell(c.certificate_id),
                c.event_type,
                _cell(c.before or ""),
                _cell(c.after or ""),
            )
        _console().print(table)


def document_quote(quote: DocumentQuote, *, as_json: bool) -> None:
    """`quote`: numbered lines of a stored document."""
    if as_json:
        emit_json(quote)
        return
    _echo(
        f"{quote.document} (sha256 {quote.sha256[:12]}, {quote.encoding}, received "
        f"{_moment(quote.received_at) or 'before texts were kept'}), lines "
        f"{quote.first_line}-{quote.last_line}:"
    )
    for number, line in enumerate(quote.lines, start=quote.first_line):
        _echo(f"{number:>5}  {line}".rstrip())
