"""Cross-checks on a certificate's facts before anything is recorded.

A certificate cannot be filed before its board acted or before it was signed (DGCL §103
requires an executed instrument), cannot take effect before its board acted, and a document
cut off mid-definition or without its closing is not the whole certificate. Each problem
names the sentence and line at fault. The reader refuses the document, or, under
`--accept-partial`, records it with every affected answer marked "needs review".
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from ledger.parsing.dates import check_plausible
from ledger.parsing.roles import RoledParagraph
from ledger.statements import ParsedCertificate, ParsedDate, ParsedOperation

_ENDS_SENTENCE = re.compile(r"[.;:!?)\]\"'\u201d\u2019]\s*(?:and|or)?\s*$")


@dataclass(frozen=True)
class Problem:
    """Why a certificate cannot be recorded as it reads, and where."""

    reason: str
    line: int
    terms: tuple[str, ...] = ()


def plausibility(parsed: ParsedCertificate, name: str, today: date) -> None:
    """Refuse a date no certificate can carry (issue 11: "executed on 1 January 0001")."""
    stated: list[tuple[str, ParsedDate | None]] = [
        ("filing", parsed.filing),
        ("effective", parsed.effective_time),
        ("instrument", parsed.instrument_dated),
        ("instrument filing", parsed.instrument_filed),
    ]
    if parsed.board is not None:
        check_plausible(
            parsed.board.acted_on,
            "board action",
            file=name,
            line=parsed.board.span.first_line,
            today=today,
        )
    if parsed.execution is not None:
        check_plausible(
            parsed.execution.executed_on,
            "execution",
            file=name,
            line=parsed.execution.span.first_line,
            today=today,
        )
    for what, fact in stated:
        if fact is not None:
            check_plausible(fact.on, what, file=name, line=fact.span.first_line, today=today)


def problems(parsed: ParsedCertificate, roled: list[RoledParagraph]) -> list[Problem]:
    """Every inconsistency between the certificate's own facts, in document order."""
    found: list[Problem] = []
    board, execution, filing = parsed.board, parsed.execution, parsed.filing
    if filing is not None and board is not None and filing.on < board.acted_on:
        found.append(
            Problem(
                f"filed {filing.on} ({filing.wording!r}) before the board acted on "
                f"{board.acted_on}",
                filing.span.first_line,
            )
        )
    if filing is not None and execution is not None and filing.on < execution.executed_on:
        found.append(
            Problem(
                f"filed {filing.on} ({filing.wording!r}) before it was executed on "
                f"{execution.executed_on}",
                filing.span.first_line,
            )
        )
    effective = parsed.effective_time
    if effective is not None and board is not None and effective.on < board.acted_on:
        found.append(
            Problem(
                f"takes effect {effective.on} ({effective.wording!r}) before the board acted on "
                f"{board.acted_on}",
                effective.span.first_line,
            )
        )
    if effective is not None and filing is not None:
        found.extend(_effective_after_filing(effective, filing))
    dated = parsed.instrument_dated or parsed.instrument_filed
    if effective is not None and dated is not None and effective.on < dated.on:
        found.append(
            Problem(
                f"takes effect {effective.on}, before the instrument it amends was adopted "
                f"({dated.wording!r})",
                effective.span.first_line,
            )
        )
    found.extend(_cut_off(parsed.operations, roled))
    return found


_LATEST_EFFECTIVE_DAYS = 90
"""DGCL §103(d): a stated effective time at most 90 days after filing (state forms print it)."""


def _effective_after_filing(effective: ParsedDate, filing: ParsedDate) -> list[Problem]:
    """A stated effective time must fall on or after the filing, and at most 90 days later."""
    days = (effective.on - filing.on).days
    if days > _LATEST_EFFECTIVE_DAYS:
        return [
            Problem(
                f"takes effect {effective.on} ({effective.wording!r}), {days} days after it was "
                f"filed on {filing.on}: DGCL §103(d) allows at most {_LATEST_EFFECTIVE_DAYS}",
                effective.span.first_line,
            )
        ]
    if days < 0:
        return [
            Problem(
                f"takes effect {effective.on} ({effective.wording!r}), before it was filed on "
                f"{filing.on}: a certificate takes effect on filing or at a later time it states "
                "(DGCL §103(d))",
                effective.span.first_line,
            )
        ]
    return []


def _cut_off(operations: list[ParsedOperation], roled: list[RoledParagraph]) -> list[Problem]:
    """A definition that stops mid-sentence, or a document with no testimonium or signature."""
    found = [
        Problem(
            f"the definition of {op.term!r} ends mid-sentence ({(op.text or '')[-60:]!r}); "
            "the document may be cut off",
            op.span.last_line,
            (op.term,),
        )
        for op in operations
        if op.text is not None and not _ENDS_SENTENCE.search(op.text)
    ]
    if roled and not any(r.role in {"testimonium", "signature"} for r in roled):
        last = roled[-1].paragraph
        found.append(
            Problem(
                "the document has no testimonium or signature ('IN WITNESS WHEREOF ...', "
                f"'By: ...') after line {last.last_line}; it looks cut off",
                last.last_line,
            )
        )
    return found
