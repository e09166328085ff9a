"""When a certificate took effect (DGCL §103).

§103(d): a certificate is effective when filed with the Secretary of State, unless it names
a later time, which then governs. Documents often state the board and execution dates but
not the filing date; the ledger then assumes the execution date and says so in every answer
until a user records the real filing date (a new `FilingRecorded` event).
"""

from __future__ import annotations

from datetime import date
from typing import Literal

import msgspec

from ledger.domain.state import Certificate, InstrumentState

EffectiveBasis = Literal[
    "filed",
    "stated_effective_time",
    "execution_date_assumed",
    "board_action_date_assumed",
]


class Effectiveness(msgspec.Struct, frozen=True, kw_only=True):
    """The date a certificate took effect, what it rests on, and whether it is an assumption."""

    effective_on: date
    basis: EffectiveBasis
    assumed: bool
    explanation: str


def adoption(state: InstrumentState) -> tuple[date, str]:
    """When the instrument was adopted, and on what evidence.

    The original certificate's own effective date, once the ledger holds it, is better
    evidence than an amendment's "dated as of": whichever was ingested first.
    """
    original = next((c for c in state.certificates.values() if c.kind == "original"), None)
    eff = effectiveness(original) if original is not None else None
    if eff is not None:
        return eff.effective_on, eff.explanation
    return state.adopted_on, state.adoption_basis


def effective_dates(certificates: dict[str, Certificate]) -> dict[str, Effectiveness]:
    """The effective date of every datable certificate of an instrument.

    A certificate of correction (§103(f)) corrects the certificate it names as of that
    certificate's own effective date, so it takes that date.
    """
    dates = {
        cid: eff for cid, cert in certificates.items() if (eff := effectiveness(cert)) is not None
    }
    for cid, cert in certificates.items():
        target = dates.get(cert.corrects or "")
        if target is not None:
            dates[cid] = Effectiveness(
                effective_on=target.effective_on,
                basis=target.basis,
                assumed=target.assumed,
                explanation=(
                    f"corrects certificate {cert.corrects} as of its effective date "
                    f"(DGCL §103(f)); {target.explanation}"
                ),
            )
    return dates


def application_order(
    certificates: dict[str, Certificate], dates: dict[str, Effectiveness]
) -> dict[str, tuple[object, ...]]:
    """Sort keys: by effective date, then recording order; a correction right after its target."""
    keys: dict[str, tuple[object, ...]] = {}
    for cid, cert in certificates.items():
        if cid not in dates:
            continue
        target = certificates.get(cert.corrects or "")
        if target is not None and target.certificate_id in dates:
            keys[cid] = (dates[cid].effective_on, target.sequence, cert.sequence)
        else:
            keys[cid] = (dates[cid].effective_on, cert.sequence, 0)
    return keys


def effectiveness(cert: Certificate) -> Effectiveness | None:
    """Apply §103 to what the ledger knows of `cert`; None when it knows no date at all."""
    filing = cert.filings[-1] if cert.filings else None
    stated = cert.stated_effective
    if stated is not None and (filing is None or stated.effective_on >= filing.filed_on):
        # §103(d)(2): a later effective time named in the certificate governs.
        return Effectiveness(
            effective_on=stated.effective_on,
            basis="stated_effective_time",
            assumed=False,
            explanation=f"effective as the certificate states: {stated.wording}",
        )
    if filing is not None:
        by = "as recorded by a user" if filing.source == "user" else "as the document states"
        return Effectiveness(
            effective_on=filing.filed_on,
            basis="filed",
            assumed=False,
            explanation=f"filed with the Secretary of State on {filing.filed_on} ({by})",
        )
    if cert.execution is not None:
        return Effectiveness(
            effective_on=cert.execution.executed_on,
            basis="execution_date_assumed",
            assumed=True,
            explanation=(
                f"assumed: filing date not recorded, so the execution date "
                f"{cert.execution.executed_on} is taken as the effective date"
            ),
        )
    if cert.board is not None:
        return Effectiveness(
            effective_on=cert.board.acted_on,
            basis="board_action_date_assumed",
            assumed=True,
            explanation=(
                f"assumed: neither filing nor execution date recorded, so the board "
                f"action date {cert.board.acted_on} is taken as the effective date"
            ),
        )
    return None
