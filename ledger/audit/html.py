"""The audit report as one self-contained HTML page: no scripts, no external assets.

It works offline and prints well (print CSS keeps the colours of redlines and timelines and
avoids breaking a certificate across pages). Every piece of document text goes through
`html_text`, so a filing's `<script>` is shown as text and never runs; the page carries a
Content-Security-Policy that forbids scripts anyway.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from ledger.answers import SourceRef
from ledger.audit.model import (
    AuditReport,
    CertificateReport,
    InstrumentAudit,
    Run,
    TermChange,
    TermTimeline,
)
from ledger.audit.safe_text import html_text as esc
from ledger.domain.authority import basis_words, manner_words

_CSS = """
:root { --ink:#1d2430; --muted:#5b6574; --line:#d8dde5; --paper:#fff; --band:#f5f7fa;
  --ok:#1f7a3d; --warn:#a15c00; --bad:#b3261e; --del:#fde2e1; --ins:#dcf5e3; }
* { box-sizing: border-box; }
body { margin:0; background:var(--band); color:var(--ink);
  font:15px/1.5 -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
main { max-width: 1040px; margin: 0 auto; padding: 28px 32px 60px; background: var(--paper); }
h1 { font-size: 26px; margin: 0 0 4px; }
h2 { font-size: 21px; margin: 36px 0 2px; padding-top: 14px; border-top: 3px solid var(--ink); }
h3 { font-size: 16px; margin: 26px 0 8px; text-transform: uppercase; letter-spacing: .06em;
  color: var(--muted); }
h4 { font-size: 15px; margin: 0 0 6px; }
.sub { color: var(--muted); margin: 0 0 10px; overflow-wrap: anywhere; }
code, .mono { font-family: "SFMono-Regular", Menlo, Consolas, monospace; font-size: 12.5px; }
.summary { display:grid; grid-template-columns: repeat(auto-fit, minmax(150px, 1fr)); gap:10px;
  margin: 18px 0 6px; }
.card { border:1px solid var(--line); border-radius:8px; padding:10px 12px;
  background:var(--band); }
.card b { display:block; font-size:22px; }
.card span { color: var(--muted); font-size: 13px; }
.badge { display:inline-block; padding:1px 8px; border-radius:10px; font-size:12px;
  font-weight:600; color:#fff; vertical-align: 1px; }
.met { background: var(--ok); } .unmet { background: var(--bad); }
.unknown, .not_checked { background: var(--warn); } .verified { background: var(--ok); }
.failed { background: var(--bad); }
table { width:100%; border-collapse: collapse; font-size: 13.5px; }
table.chronology td:nth-child(3) { width: 52%; }
th, td { text-align:left; vertical-align: top; padding: 5px 8px;
  border-bottom: 1px solid var(--line); }
th { background: var(--band); font-weight: 600; }
td.when { white-space: nowrap; }
.assumed { color: var(--warn); font-weight: 600; }
.src { color: var(--muted); font-size: 12px; }
.cert, .change { border:1px solid var(--line); border-radius:8px; padding:12px 14px;
  margin: 10px 0; break-inside: avoid; }
.cert dl { display:grid; grid-template-columns: 150px 1fr; gap: 2px 12px; margin: 6px 0 0; }
.cert dt { color: var(--muted); } .cert dd { margin: 0; }
.redline.whole { border-left-color: #4f9d69; }
.redline.whole ins { background: none; color: inherit; text-decoration: none; }
.redline.whole.gone { border-left-color: #d9534f; }
.redline { margin: 8px 0 0; padding: 10px 12px; background: #fbfbfc;
  border-left: 4px solid var(--line);
  font-family: Georgia, "Times New Roman", serif; font-size: 15px; line-height: 1.6; }
del { background: var(--del); color: #8a1c15; text-decoration: line-through; }
del + ins { margin-left: 3px; }
ins { background: var(--ins); color: #14532d; text-decoration: underline; }
.timelines { margin: 6px 0; }
.timeline { display:grid; grid-template-columns: 220px 1fr; align-items:center; gap: 10px;
  margin: 4px 0; }
.timeline .term { font-weight: 600; font-size: 13.5px; }
.track { position: relative; height: 22px; background: var(--band); border-radius: 4px; }
.span { position:absolute; top:3px; height:16px; border-radius:3px;
  border:1px solid rgba(0,0,0,.15); box-shadow: inset 2px 0 0 #fff; }
.span em { display:block; overflow:hidden; white-space:nowrap; padding: 0 5px;
  font: 600 10px/16px -apple-system, "Segoe UI", Roboto, Arial, sans-serif; font-style: normal;
  color: #fff; }
.span.text_not_recorded em { color: #4a5361; }
.span.in_force { background: #4f9d69; }
.span.text_not_recorded {
  background: repeating-linear-gradient(45deg, #c9ced6 0 5px, #e6e9ee 5px 10px); }
.span.deleted { background: #d9534f; }
.span.is-assumed { outline: 2px dashed var(--warn); outline-offset: -2px; }
.axis { display:grid; grid-template-columns: 220px 1fr; gap: 10px; font-size: 11.5px;
  color: var(--muted); }
.axis .ticks { display:flex; justify-content: space-between; }
.legend { font-size: 12px; color: var(--muted); margin: 6px 0 0; }
.legend i { display:inline-block; width: 14px; height: 10px; margin: 0 4px 0 12px;
  border-radius:2px; }
ul.gaps li { margin: 4px 0; }
details.quote summary { cursor: pointer; color: #2c5aa0; font-size: 12px; }
details.quote pre { margin: 4px 0 0; padding: 6px 8px; background: #f3f4f7; border-radius: 4px;
  font-size: 10.5px; line-height: 1.45; white-space: pre; overflow-x: auto; }
details.quote .ln { color: #8a93a3; user-select: none; }
footer { margin-top: 40px; color: var(--muted); font-size: 12px; }
@page { margin: 14mm 12mm; }
@media print {
  body { background: #fff; font-size: 10.5pt; }
  .summary { grid-template-columns: repeat(6, 1fr); }
  .timeline, .axis { grid-template-columns: 170px 1fr; }
  main { max-width: none; padding: 0; }
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  h2 { break-before: page; } h2:first-of-type { break-before: auto; }
  .cert, .change, .timeline, tr { break-inside: avoid; }
  details.quote pre { white-space: pre-wrap; }
  a { color: inherit; text-decoration: none; }
}
"""


def audit(report: AuditReport) -> str:
    """The whole report as one HTML document."""
    s = report.summary
    period = (
        f"{report.from_date or 'the beginning'} to {report.to_date or 'today'}"
        if report.from_date or report.to_date
        else "all dates"
    )
    cards = [
        (s.instruments, "instruments"),
        (s.certificates, "certificates"),
        (s.term_changes, "term changes"),
        (s.approvals_met, "approvals met"),
        (s.approvals_unmet + s.approvals_unknown, "approvals unmet or unknown"),
        (s.gaps, "gaps and assumptions"),
    ]
    body = [
        "<h1>Audit report</h1>",
        (
            f'<p class="sub">Period: {esc(period)}'
            + (f" &middot; as known at log position {report.known_at}" if report.known_at else "")
            + " &middot; integrity: "
            f'<span class="badge {report.integrity.status}">'
            f"{esc(report.integrity.status.replace('_', ' '))}</span> "
            f"{esc(report.integrity.detail)}</p>"
        ),
        '<section class="summary">'
        + "".join(f'<div class="card"><b>{n}</b><span>{label}</span></div>' for n, label in cards)
        + "</section>",
    ]
    for instrument in report.instruments:
        body += _instrument(instrument)
    body.append("<footer>Generated by termledger from the events of the ledger.</footer>")
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; '
        "style-src 'unsafe-inline'; img-src data:\">"
        "<title>termledger audit report</title>"
        f"<style>{_CSS}</style></head><body><main>\n"
        + "\n".join(body)
        + "\n</main></body></html>\n"
    )


def redline(runs: list[Run]) -> str:
    """Runs as HTML with `<del>` and `<ins>`."""
    return "".join(
        esc(r.text)
        if r.op == "equal"
        else f"<del>{esc(r.text)}</del>"
        if r.op == "delete"
        else f"<ins>{esc(r.text)}</ins>"
        for r in runs
    )


def _source(ref: SourceRef | None) -> str:
    if ref is None:
        return "derived from the dates above (DGCL §103)"
    when = f"{ref.recorded_at:%Y-%m-%d %H:%M:%S} UTC"
    if ref.document_name is None:
        return f"recorded by a user {when} (#{ref.position})"
    span = (
        f"line {ref.first_line}"
        if ref.first_line == ref.last_line
        else f"lines {ref.first_line}&ndash;{ref.last_line}"
    )
    return (
        f"{esc(ref.document_name)} {span} &middot; sha256 "
        f'<span class="mono" title="{esc(ref.document_sha256 or "")}">'
        f"{esc((ref.document_sha256 or '')[:12])}</span> &middot; recorded {when} (#{ref.position})"
    )


def _quote(lines: list[str], source: SourceRef | None) -> str:
    """The source lines, folded away (a reader opens them; no script needed)."""
    if not lines or source is None or source.first_line is None:
        return ""
    numbered = "\n".join(f"{source.first_line + n:>4}  {esc(line)}" for n, line in enumerate(lines))
    return f'<details class="quote"><summary>quote</summary><pre>{numbered}</pre></details>'


def _instrument(audit: InstrumentAudit) -> list[str]:
    ref = audit.instrument
    original = "recorded" if audit.text_recorded else "<strong>not recorded</strong>"
    out = [
        f'<h2 id="{esc(ref.id)}">{esc(ref.issuer)}, {esc(ref.series)}</h2>',
        (
            f'<p class="sub">{esc(ref.title)} &middot; <code>{esc(ref.id)}</code><br>'
            f"Adopted {audit.adopted_on} ({esc(audit.adoption_basis)}); "
            f"original text {original}.</p>"
        ),
        "<h3>Timeline per term</h3>",
        *_timelines(audit),
        "<h3>Chronology</h3>",
        (
            '<table class="chronology"><thead><tr><th>Date</th><th>Act</th><th>What</th>'
            "<th>Source</th></tr></thead><tbody>"
        ),
    ]
    for e in audit.chronology:
        assumed = ' <span class="assumed">assumed</span>' if e.date_basis == "assumed" else ""
        out.append(
            f'<tr><td class="when">{e.on}{assumed}</td><td>{esc(e.kind.replace("_", " "))}</td>'
            f"<td>{esc(e.description)}{_quote(e.quote, e.source)}</td>"
            f'<td class="src">{_source(e.source)}</td></tr>'
        )
    out += ["</tbody></table>", "<h3>Certificates and authority</h3>"]
    out += [_certificate(n, c) for n, c in enumerate(audit.certificates, start=1)]
    out.append("<h3>Changes</h3>")
    out += [_change(c) for c in audit.changes] or ["<p>None in this period.</p>"]
    out.append("<h3>Gaps and assumptions</h3>")
    gaps = [
        f"<li><strong>{esc(g.kind.replace('_', ' '))}:</strong> {esc(g.description)}</li>"
        for g in audit.gaps
    ]
    out.append(f'<ul class="gaps">{"".join(gaps)}</ul>' if gaps else "<p>None.</p>")
    return out


def _timelines(audit: InstrumentAudit) -> list[str]:
    if not audit.timelines:
        return ["<p>No term is recorded.</p>"]
    starts = [s.start for t in audit.timelines for s in t.spans]
    ends = [s.end for t in audit.timelines for s in t.spans if s.end]
    first = min([audit.adopted_on, *starts])
    last = max([*starts, *ends])
    span_days = max((last - first).days, 1)
    # Open-ended spans run a little past the last dated change, to show they continue.
    axis_end = span_days * 1.12

    def pos(day: date) -> float:
        return round((day - first).days / axis_end * 100, 2)

    out = ['<div class="timelines">', *(_timeline(t, pos) for t in audit.timelines)]
    ticks = [first, *sorted({s.start for t in audit.timelines for s in t.spans} - {first})]
    out.append(
        '<div class="axis"><span></span><div class="ticks">'
        f"<span>{first}</span><span>{last}</span></div></div>"
        if len(ticks) > 1
        else ""
    )
    out.append(
        '<p class="legend"><i style="background:#4f9d69"></i>text in force'
        '<i style="background:#c9ced6"></i>defined, text not recorded'
        '<i style="background:#d9534f"></i>deleted'
        '<i style="outline:2px dashed #a15c00;outline-offset:-2px"></i>effective date assumed</p>'
    )
    out.append("</div>")
    return out


def _timeline(timeline: TermTimeline, pos: Callable[[date], float]) -> str:
    spans = []
    for s in timeline.spans:
        left = pos(s.start)
        right = pos(s.end) if s.end else 100.0
        width = max(right - left, 0.8)
        label = (
            f"{s.status.replace('_', ' ')} from {s.start}"
            + (f" until {s.end}" if s.end else "")
            + (" (effective date assumed)" if s.assumed else "")
            + (f" - {s.certificate_id}" if s.certificate_id else "")
        )
        assumed = " is-assumed" if s.assumed else ""
        spans.append(
            f'<span class="span {s.status}{assumed}" style="left:{left}%;width:{width}%" '
            f'title="{esc(label)}"><em>{s.start}</em></span>'
        )
    return (
        f'<div class="timeline" data-term="{esc(timeline.term)}"><div class="term">'
        f'{esc(timeline.term)}</div><div class="track">{"".join(spans)}</div></div>'
    )


def _certificate(number: int, cert: CertificateReport) -> str:
    check = cert.authority
    effective = (
        f"{cert.effective_on}"
        + (' <span class="assumed">assumed</span>' if cert.date_basis == "assumed" else " (stated)")
        if cert.effective_on
        else "unknown"
    )
    consents = "<br>".join(
        f"holders of {'at least' if c.at_least else 'more than'} {esc(c.threshold)} "
        f"({esc(c.wording)}) of the {esc(c.class_name)}"
        + (", as a separate class" if c.separate_class else "")
        + (
            f" &middot; {c.shares_consenting} of {c.shares_outstanding} shares"
            if c.shares_consenting is not None
            else ""
        )
        + f' <span class="src">{_source(c.source)}</span>'
        for c in cert.consents
    )
    rows = [
        (
            "Board action",
            f"{cert.board.acted_on} {esc(manner_words(cert.board.manner))} "
            f'<span class="src">{_source(cert.board.source)}</span>'
            if cert.board
            else "not recorded",
        ),
        ("Consents", consents or "none recited"),
        (
            "Executed",
            (
                f"{cert.execution.executed_on} by "
                + esc(
                    ", ".join(
                        x for x in (cert.execution.officer, cert.execution.officer_title) if x
                    )
                )
                + f' <span class="src">{_source(cert.execution.source)}</span>'
            )
            if cert.execution
            else "not recorded",
        ),
        (
            "Filed",
            ", ".join(
                f"{f.filed_on} ({'recorded by a user' if f.filed_by == 'user' else 'stated'})"
                for f in cert.filings
            )
            or "not recorded",
        ),
        ("Effective", f"{effective} &middot; {esc(cert.effective_explanation)}"),
        (
            "Authority",
            (
                f'<span class="badge {check.status}">{check.status}</span> requirement from '
                f"{esc(basis_words(check.requirement_basis))}: {esc(check.requirement)}"
                f"<br>board: {check.board_status}: {esc(check.board_reason)}"
                + "".join(
                    f"<br>{esc(c.class_name)}: {c.status}: {esc(c.reason)}" for c in check.consents
                )
            ),
        ),
        (
            "Document",
            f"{esc(cert.document.name or 'recorded by a user')}"
            + (
                f' <span class="mono">{esc(cert.document.sha256)}</span>'
                if cert.document.sha256
                else ""
            ),
        ),
        (
            "Terms changed",
            ", ".join(f"{esc(c.term)} ({esc(c.operation)})" for c in cert.terms_changed) or "none",
        ),
        *(("Needs review", esc(r)) for r in cert.needs_review),
    ]
    dl = "".join(f"<dt>{k}</dt><dd>{v}</dd>" for k, v in rows)
    return (
        f'<div class="cert" id="{esc(cert.certificate_id)}"><h4>{number}. '
        f"<code>{esc(cert.certificate_id)}</code> ({esc(cert.kind)})</h4>"
        f"<div>{esc(cert.title)}</div><dl>{dl}</dl></div>"
    )


def _change(change: TermChange) -> str:
    assumed = ' <span class="assumed">assumed</span>' if change.assumed else ""
    whole = len(change.runs) == 1 and change.runs[0].op != "equal"
    if whole:
        # A whole text added (or deleted): one coloured block, not a wall of underlining.
        verb = "added" if change.runs[0].op == "insert" else "deleted"
        gone = " gone" if verb == "deleted" else ""
        body = (
            f'<p class="redline whole{gone}" title="the whole text was {verb}">'
            f"{redline(change.runs)}</p>"
        )
    elif change.runs:
        body = f'<p class="redline">{redline(change.runs)}</p>'
    elif change.before_status == "text_not_recorded":
        body = (
            "<p>Earlier text not recorded: no redline. The new text reads:</p>"
            f'<p class="redline">{esc(change.text_after or "")}</p>'
        )
    else:
        body = ""
    return (
        f'<div class="change"><h4>{esc(change.term)}: {esc(change.operation)}, '
        f"{change.effective_on}{assumed}</h4>"
        f'<div class="src">by <code>{esc(change.certificate_id)}</code> &middot; '
        f"{_source(change.source)}</div>{body}</div>"
    )
