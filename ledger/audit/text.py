"""Plain-text forms of certificates, redlines and the audit report, for a terminal or a pipe.

On a terminal deletions are red and struck through and insertions green and underlined;
piped, they are marked `[-old-]` and `{+new+}` (the markers of `git diff --word-diff`). Every
piece of document text goes through `visible()` first, so no escape sequence or bidi
override in a filing reaches the terminal raw.
"""

from __future__ import annotations

import textwrap

from ledger.answers import SourceRef
from ledger.audit.model import (
    AuditReport,
    CertificateReport,
    DefinitionsRedline,
    InstrumentAudit,
    Run,
    TermChange,
    TermRedline,
)
from ledger.audit.safe_text import visible
from ledger.domain.authority import basis_words, manner_words

WIDTH = 100
# Private-use sentinels (visible() escapes any the document holds) survive wrapping, then
# become colours or textual markers.
_DEL, _INS, _END = "\ue000", "\ue001", "\ue002"
_ANSI = {_DEL: "\x1b[9;31m", _INS: "\x1b[4;32m", _END: "\x1b[0m"}
_STATUS = {
    "in_force": "in force",
    "not_defined": "not defined",
    "deleted": "deleted",
    "text_not_recorded": "defined, text not recorded",
}


def wrap(text: str, indent: str = "  ") -> str:
    """`text` wrapped to the report's width."""
    return textwrap.fill(
        text,
        width=WIDTH - 4,
        initial_indent=indent,
        subsequent_indent=indent,
        break_on_hyphens=False,
    )


def redline_text(runs: list[Run], *, colour: bool, indent: str = "  ") -> str:
    """The runs as wrapped text, coloured or with `[-...-]{+...+}` markers."""
    marked = "".join(
        visible(r.text)
        if r.op == "equal"
        else f"{_DEL if r.op == 'delete' else _INS}{visible(r.text)}{_END}"
        for r in runs
    )
    lines = wrap(marked, indent).splitlines()
    return "\n".join(_finish(lines, colour=colour))


def _finish(lines: list[str], *, colour: bool) -> list[str]:
    out: list[str] = []
    open_mark: str | None = None
    for line in lines:
        text = ""
        if colour and open_mark:
            text = _ANSI[open_mark]
        for char in line:
            if char in (_DEL, _INS):
                open_mark = char
                text += _ANSI[char] if colour else ("[-" if char == _DEL else "{+")
            elif char == _END:
                text += _ANSI[_END] if colour else ("-]" if open_mark == _DEL else "+}")
                open_mark = None
            else:
                text += char
        if colour and open_mark:
            text += _ANSI[_END]
        out.append(text)
    return out


def source_line(source: SourceRef | None) -> str:
    """Document, line span, SHA-256 and recording time of a fact."""
    if source is None:
        return "derived from the dates above (DGCL §103)"
    if source.document_name is None:
        return (
            f"recorded by a user at {source.recorded_at:%Y-%m-%d %H:%M:%S} UTC (#{source.position})"
        )
    span = (
        f"line {source.first_line}"
        if source.first_line == source.last_line
        else f"lines {source.first_line}-{source.last_line}"
    )
    return (
        f"{visible(source.document_name)} {span}, sha256 {(source.document_sha256 or '')[:12]}, "
        f"recorded {source.recorded_at:%Y-%m-%d %H:%M:%S} UTC (#{source.position})"
    )


def term_redline(line: TermRedline, *, colour: bool) -> str:
    """`diff TERM`: the redline, then the certificates between the dates and the warnings."""
    out = [
        (
            f"{visible(line.term)} - {visible(line.instrument.id)}: "
            f"{line.from_date} ({_STATUS[line.from_status]}) -> {line.to_date} "
            f"({_STATUS[line.to_status]})"
        ),
        "",
    ]
    if not line.changed:
        out.append("  unchanged")
    elif line.runs:
        out.append(redline_text(line.runs, colour=colour))
    else:
        out.append(wrap(visible(line.to_text or "(no text)")))
    out.append("")
    if line.certificates:
        out.append("Certificates between the dates:")
        out.extend(
            f"  {c.effective_on}{' (ASSUMED)' if c.assumed else ''} {c.certificate_id} "
            f"({c.operation}; approvals {c.approval or 'not checked'})"
            for c in line.certificates
        )
    else:
        out.append("No certificate changed it between the dates.")
    out.extend(wrap(f"WARNING: {visible(w)}", "") for w in line.warnings)
    return "\n".join(out)


def definitions_redline(report: DefinitionsRedline, *, colour: bool) -> str:
    """`diff --instrument`: terms added, deleted and changed between two dates."""
    out = [
        f"Definitions of {visible(report.instrument.id)}: {report.from_date} -> {report.to_date}",
        (
            f"{len(report.added)} added, {len(report.deleted)} deleted, {len(report.changed)} "
            f"changed, {len(report.renamed)} renamed, {len(report.unchanged)} unchanged"
        ),
    ]
    for label, lines in (
        ("ADDED", report.added),
        ("DELETED", report.deleted),
        ("CHANGED", report.changed),
        ("RENAMED", report.renamed),
    ):
        for line in lines:
            was = f" (renamed from {visible(line.renamed_from)})" if line.renamed_from else ""
            out += ["", f"{label}: {visible(line.term)}{was}"]
            body = term_redline(line, colour=colour).split("\n", 2)[2]
            out.append(body)
    if report.unchanged:
        out += ["", wrap(f"Unchanged: {', '.join(visible(t) for t in report.unchanged)}", "")]
    return "\n".join(out)


def certificates(reports: list[CertificateReport]) -> str:
    """`certificates`: each certificate with its acts, authority, document and changes."""
    if not reports:
        return "The ledger holds no certificates."
    out: list[str] = []
    several = len({r.instrument_id for r in reports}) > 1
    number, instrument = 0, None
    for cert in reports:
        if cert.instrument_id != instrument:
            number, instrument = 0, cert.instrument_id
            if several:
                out += [f"== {visible(cert.instrument_id)}", ""]
        number += 1
        out += [*_certificate(number, cert), ""]
    return "\n".join(out).rstrip()


def _certificate(number: int, cert: CertificateReport) -> list[str]:
    effective = (
        f"effective {cert.effective_on} ({'ASSUMED' if cert.date_basis == 'assumed' else 'stated'})"
        if cert.effective_on
        else "effective date unknown"
    )
    out = [f"{number}. {visible(cert.certificate_id)} ({cert.kind}), {effective}"]
    out.append(wrap(f"title: {visible(cert.title)}", "     "))
    board = (
        f"{cert.board.acted_on} {manner_words(cert.board.manner)}" if cert.board else "not recorded"
    )
    out.append(f"     board action: {board}")
    for c in cert.consents or []:
        least = "at least" if c.at_least else "more than"
        separate = ", as a separate class" if c.separate_class else ""
        shares = (
            f"; {c.shares_consenting} of {c.shares_outstanding} shares"
            if c.shares_consenting is not None
            else ""
        )
        out.append(
            wrap(
                f"consent: holders of {least} {c.threshold} ({visible(c.wording)}) of the "
                f"{visible(c.class_name)}{separate}{shares}",
                "     ",
            )
        )
    if not cert.consents:
        out.append("     consent: none recited")
    if cert.execution:
        by = ", ".join(
            visible(x) for x in (cert.execution.officer, cert.execution.officer_title) if x
        )
        out.append(f"     executed: {cert.execution.executed_on}" + (f" by {by}" if by else ""))
    else:
        out.append("     executed: not recorded")
    filings = [
        f"{f.filed_on} ({'recorded by a user' if f.filed_by == 'user' else 'stated'})"
        for f in cert.filings
    ]
    out.append(f"     filed: {', '.join(filings) or 'not recorded'}")
    if cert.stated_effective:
        out.append(
            wrap(f"states its effective time: {visible(cert.stated_effective.wording)}", "     ")
        )
    out.append(wrap(f"effective: {visible(cert.effective_explanation)}", "     "))
    out += _authority(cert)
    doc = cert.document
    out.append(
        f"     document: {visible(doc.name or 'recorded by a user')}"
        + (f", sha256 {doc.sha256}" if doc.sha256 else "")
    )
    changed = ", ".join(f"{visible(c.term)} ({c.operation})" for c in cert.terms_changed)
    out.append(wrap(f"terms changed: {changed or 'none'}", "     "))
    out.extend(wrap(f"NEEDS REVIEW: {visible(r)}", "     ") for r in cert.needs_review)
    return out


def _authority(cert: CertificateReport) -> list[str]:
    check = cert.authority
    basis = basis_words(check.requirement_basis)
    out = [
        wrap(
            f"authority: {check.status.upper()} (requirement from {basis}: "
            f"{visible(check.requirement)})",
            "     ",
        )
    ]
    items = [f"board: {check.board_status}: {visible(check.board_reason)}"]
    items += [f"{visible(c.class_name)}: {c.status}: {visible(c.reason)}" for c in check.consents]
    items += [
        visible(r) for r in check.reasons if r.startswith("the certificate recites no class vote")
    ]
    out.extend(
        textwrap.fill(
            item, width=WIDTH - 4, initial_indent="       - ", subsequent_indent="         "
        )
        for item in items
    )
    return out


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}{'' if number == 1 else 's'}"


def audit(report: AuditReport, *, colour: bool) -> str:
    """`audit --format text`: summary, then each instrument's chronology, changes and gaps."""
    s = report.summary
    period = (
        f"{report.from_date or 'the beginning'} to {report.to_date or 'today'}"
        if report.from_date or report.to_date
        else "all dates"
    )
    out = [
        "AUDIT REPORT",
        f"Period: {period}"
        + (f"; as the ledger knew it at position {report.known_at}" if report.known_at else ""),
        (
            f"{_count(s.instruments, 'instrument')}, {_count(s.certificates, 'certificate')}, "
            f"{_count(s.term_changes, 'term change')}"
        ),
        (
            f"Approvals: {s.approvals_met} met, {s.approvals_unmet} unmet, "
            f"{s.approvals_unknown} unknown"
        ),
        f"Gaps and assumptions: {s.gaps} ({_count(s.assumed_dates, 'assumed effective date')})",
        wrap(
            f"Integrity: {report.integrity.status.replace('_', ' ').upper()} - "
            f"{visible(report.integrity.detail)}",
            "",
        ),
    ]
    for instrument in report.instruments:
        out += ["", *_instrument(instrument, colour=colour)]
    return "\n".join(out)


def _instrument(audit: InstrumentAudit, *, colour: bool) -> list[str]:
    ref = audit.instrument
    rule = "=" * (WIDTH - 4)
    out = [
        rule,
        f"{visible(ref.issuer)}, {visible(ref.series)} ({visible(ref.id)})",
        wrap(visible(ref.title), ""),
        wrap(
            f"Adopted {audit.adopted_on} ({visible(audit.adoption_basis)}); original text "
            f"{'recorded' if audit.text_recorded else 'NOT recorded'}",
            "",
        ),
        rule,
        "",
        "CHRONOLOGY",
    ]
    for entry in audit.chronology:
        day = f"{entry.on}{'*' if entry.date_basis == 'assumed' else ' '}"
        head = f"  {day} {entry.kind.replace('_', ' '):<14}"
        pad = " " * len(head)
        out.append(
            textwrap.fill(
                visible(entry.description),
                width=WIDTH - 4,
                initial_indent=head,
                subsequent_indent=pad,
                break_on_hyphens=False,
            )
        )
        out.append(
            textwrap.fill(
                f"source: {source_line(entry.source)}",
                width=WIDTH - 4,
                initial_indent=pad,
                subsequent_indent=pad,
                break_on_hyphens=False,
            )
        )
    out.append("  (* date assumed)")
    out += ["", "CERTIFICATES AND AUTHORITY"]
    for number, cert in enumerate(audit.certificates, start=1):
        out += [*_certificate(number, cert), ""]
    out.append("CHANGES")
    if not audit.changes:
        out.append("  none in this period")
    for change in audit.changes:
        out += [*_change(change, colour=colour), ""]
    out.append("GAPS AND ASSUMPTIONS")
    out.extend(
        textwrap.fill(
            f"- [{g.kind.replace('_', ' ')}] {visible(g.description)}",
            width=WIDTH - 4,
            initial_indent="  ",
            subsequent_indent="    ",
            break_on_hyphens=False,
        )
        for g in audit.gaps
    )
    if not audit.gaps:
        out.append("  none")
    return out


def _change(change: TermChange, *, colour: bool) -> list[str]:
    assumed = " (ASSUMED)" if change.assumed else ""
    out = [
        (
            f"  {change.effective_on}{assumed} {visible(change.term)}: {change.operation} by "
            f"{visible(change.certificate_id)}"
        ),
        textwrap.fill(
            f"source: {source_line(change.source)}",
            width=WIDTH - 4,
            initial_indent="    ",
            subsequent_indent="      ",
        ),
    ]
    if change.runs:
        out.append(redline_text(change.runs, colour=colour, indent="    "))
    elif change.before_status == "text_not_recorded":
        out.append("    earlier text not recorded: no redline; the new text reads:")
        out.append(wrap(visible(change.text_after or ""), "    "))
    return out
