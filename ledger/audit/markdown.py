"""The audit report in Markdown, for a pull request or a terminal pager.

Redlines use `<del>` and `<ins>` (rendered by GitHub, readable raw); every piece of document
text is escaped by `markdown_text`, so a filing's markup never renders as markup.
"""

from __future__ import annotations

from ledger.answers import SourceRef
from ledger.audit.model import (
    AuditReport,
    CertificateReport,
    InstrumentAudit,
    Run,
    TermChange,
)
from ledger.audit.safe_text import markdown_text as md
from ledger.domain.authority import basis_words, manner_words

_TAG = {"delete": "del", "insert": "ins"}


def redline(runs: list[Run]) -> str:
    """Runs as Markdown with `<del>`/`<ins>`."""
    return "".join(
        md(r.text) if r.op == "equal" else f"<{_TAG[r.op]}>{md(r.text)}</{_TAG[r.op]}>"
        for r in runs
    )


def source(ref: SourceRef | None) -> str:
    """Document, lines, SHA-256 and recording time."""
    if ref is None:
        return "derived from the dates above (DGCL §103)"
    when = f"{ref.recorded_at:%Y-%m-%d %H:%M:%S} UTC"
    if ref.document_name is None:
        return f"recorded by a user {when} (#{ref.position})"
    span = (
        f"line {ref.first_line}"
        if ref.first_line == ref.last_line
        else f"lines {ref.first_line}-{ref.last_line}"
    )
    return (
        f"{md(ref.document_name)} {span} · `{(ref.document_sha256 or '')[:12]}` · "
        f"recorded {when} (#{ref.position})"
    )


def audit(report: AuditReport) -> str:
    """The whole report."""
    s = report.summary
    period = (
        f"{report.from_date or 'the beginning'} to {report.to_date or 'today'}"
        if report.from_date or report.to_date
        else "all dates"
    )
    out = [
        "# Audit report",
        "",
        "| | |",
        "|---|---|",
        f"| Period | {period} |",
        *([f"| As known at | log position {report.known_at} |"] if report.known_at else []),
        f"| Instruments | {s.instruments} |",
        f"| Certificates | {s.certificates} |",
        f"| Term changes | {s.term_changes} |",
        (
            f"| Approvals | {s.approvals_met} met, {s.approvals_unmet} unmet, "
            f"{s.approvals_unknown} unknown |"
        ),
        f"| Gaps | {s.gaps} ({s.assumed_dates} assumed effective dates) |",
        (
            f"| Integrity | {report.integrity.status.replace('_', ' ')}: "
            f"{md(report.integrity.detail)} |"
        ),
    ]
    for instrument in report.instruments:
        out += ["", *_instrument(instrument)]
    return "\n".join(out) + "\n"


def _instrument(audit: InstrumentAudit) -> list[str]:
    ref = audit.instrument
    out = [
        f"## {md(ref.issuer)}, {md(ref.series)} (`{ref.id}`)",
        "",
        f"*{md(ref.title)}*  ",
        f"Adopted {audit.adopted_on} ({md(audit.adoption_basis)}). Original text "
        + ("recorded." if audit.text_recorded else "**not recorded**."),
        "",
        "### Chronology",
        "",
        "| Date | Act | What | Source |",
        "|---|---|---|---|",
    ]
    for e in audit.chronology:
        day = f"{e.on}{' (assumed)' if e.date_basis == 'assumed' else ''}"
        out.append(
            f"| {day} | {e.kind.replace('_', ' ')} | {md(e.description)} | {source(e.source)} |"
        )
    out += ["", "### Certificates and authority", ""]
    for number, cert in enumerate(audit.certificates, start=1):
        out += [*_certificate(number, cert), ""]
    out += ["### Changes", ""]
    if not audit.changes:
        out += ["None in this period.", ""]
    for change in audit.changes:
        out += [*_change(change), ""]
    out += ["### Gaps and assumptions", ""]
    out += [f"- **{g.kind.replace('_', ' ')}:** {md(g.description)}" for g in audit.gaps] or [
        "None."
    ]
    return out


def _certificate(number: int, cert: CertificateReport) -> list[str]:
    effective = (
        f"effective {cert.effective_on} ({'assumed' if cert.date_basis == 'assumed' else 'stated'})"
        if cert.effective_on
        else "effective date unknown"
    )
    board = (
        f"{cert.board.acted_on} {manner_words(cert.board.manner)}" if cert.board else "not recorded"
    )
    consents = "; ".join(
        f"holders of {'at least' if c.at_least else 'more than'} {c.threshold} of the "
        f"{md(c.class_name)}{', as a separate class' if c.separate_class else ''}"
        + (
            f" ({c.shares_consenting} of {c.shares_outstanding} shares)"
            if c.shares_consenting is not None
            else ""
        )
        for c in cert.consents
    )
    execution = (
        f"{cert.execution.executed_on} by "
        + ", ".join(md(x) for x in (cert.execution.officer, cert.execution.officer_title) if x)
        if cert.execution
        else "not recorded"
    )
    filings = ", ".join(str(f.filed_on) for f in cert.filings) or "not recorded"
    check = cert.authority
    out = [
        f"#### {number}. `{cert.certificate_id}` ({cert.kind}), {effective}",
        "",
        f"- **Board action:** {board}",
        f"- **Consents:** {consents or 'none recited'}",
        f"- **Executed:** {execution}",
        f"- **Filed:** {filings}",
        f"- **Effective:** {md(cert.effective_explanation)}",
        (
            f"- **Authority: {check.status.upper()}** (requirement from "
            f"{basis_words(check.requirement_basis)}: {md(check.requirement)})"
        ),
        f"  - board: {check.board_status}: {md(check.board_reason)}",
    ]
    out += [f"  - {md(c.class_name)}: {c.status}: {md(c.reason)}" for c in check.consents]
    out += [
        f"- **Document:** {md(cert.document.name or 'recorded by a user')}"
        + (f", sha256 `{cert.document.sha256}`" if cert.document.sha256 else ""),
        "- **Terms changed:** "
        + (", ".join(f"{md(c.term)} ({c.operation})" for c in cert.terms_changed) or "none"),
    ]
    out += [f"- **Needs review:** {md(r)}" for r in cert.needs_review]
    return out


def _change(change: TermChange) -> list[str]:
    assumed = " (assumed)" if change.assumed else ""
    out = [
        f"#### {md(change.term)}: {change.operation}, {change.effective_on}{assumed}",
        "",
        f"By `{change.certificate_id}`; source: {source(change.source)}",
        "",
    ]
    if change.runs:
        out.append(f"> {redline(change.runs)}")
    elif change.before_status == "text_not_recorded":
        out += [
            "Earlier text not recorded: no redline. The new text reads:",
            "",
            f"> {md(change.text_after or '')}",
        ]
    return out
