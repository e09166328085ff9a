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

from ledger.domain.state import Certificate, Filing, InstrumentState

EffectiveBasis = Literal[
    "filed",
    "stated_effective_time",
    "execution_date_assumed",
    "board_action_date_assumed",
    "corrected_certificate_date_assumed",
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
    evidence than an amendment's "dated as of": whichever was ingested first. Where no
    document states the date, the instrument was adopted no later than its earliest
    certificate took effect, whichever certificate was ingested first.
    """
    original = next((c for c in state.certificates.values() if c.kind == "original"), None)
    eff = effectiveness(original) if original is not None else None
    if eff is not None:
        return eff.effective_on, eff.explanation
    if state.adoption_recital in {"unstated", "restated"}:
        dates = [e.effective_on for e in effective_dates(state.certificates).values()]
        earliest = min([state.adopted_on, *dates])
        if earliest < state.adopted_on or state.adoption_recital == "unstated":
            return earliest, unstated_adoption_basis(earliest)
    return state.adopted_on, state.adoption_basis


UNSTATED_ADOPTION = "not stated by any document the ledger holds"
"""How the basis of an adoption date no document states begins (answers test for it)."""


def unstated_adoption_basis(no_later_than: date) -> str:
    """The basis of an adoption date no document states."""
    return (
        f"{UNSTATED_ADOPTION}: adopted no later than {no_later_than}, "
        "when its earliest recorded certificate took effect"
    )


def corrected_target(cert: Certificate, certificates: dict[str, Certificate]) -> str | None:
    """The certificate a certificate of correction corrects, if the ledger holds it.

    Named by id when it was in the ledger as the correction was recorded; otherwise found by
    the date the correction names it by (its execution, board action or filing), once it
    is ingested and if exactly one certificate has that date.
    """
    if cert.corrects is not None:
        return cert.corrects if cert.corrects in certificates else None
    if cert.corrects_on is None:
        return None
    found = [
        other.certificate_id
        for other in certificates.values()
        if other.certificate_id != cert.certificate_id
        and other.kind != "correction"
        and cert.corrects_on in certificate_dates(other)
    ]
    return found[0] if len(found) == 1 else None


def certificate_dates(cert: Certificate) -> set[date]:
    """Every date a certificate may be named by: its execution, board action and filings."""
    return {
        *([cert.execution.executed_on] if cert.execution else []),
        *([cert.board.acted_on] if cert.board else []),
        *(f.filed_on for f in cert.filings),
    }


def effective_dates(certificates: dict[str, Certificate]) -> dict[str, Effectiveness]:
    """The effective date of every datable certificate of an instrument.

    A certificate of correction (§103(f)) corrects the certificate it names as of that
    certificate's own effective date, so it takes that date; while the corrected certificate
    is not in the ledger, it takes the date it names that certificate by, as an assumption.
    """
    dates = {
        cid: eff for cid, cert in certificates.items() if (eff := effectiveness(cert)) is not None
    }
    for cid, cert in certificates.items():
        target_id = corrected_target(cert, certificates)
        target = dates.get(target_id or "")
        if target is not None:
            dates[cid] = Effectiveness(
                effective_on=target.effective_on,
                basis=target.basis,
                assumed=target.assumed,
                explanation=(
                    f"corrects certificate {target_id} as of its effective date "
                    f"(DGCL §103(f)); {target.explanation}"
                ),
            )
        elif cert.kind == "correction" and cert.corrects_on is not None:
            dates[cid] = Effectiveness(
                effective_on=cert.corrects_on,
                basis="corrected_certificate_date_assumed",
                assumed=True,
                explanation=(
                    f"assumed: corrects the certificate of {cert.corrects_on} "
                    f"({cert.corrects_wording!r}), which is not in the ledger, as of that date "
                    "(DGCL §103(f))"
                ),
            )
    return dates


def application_order(
    certificates: dict[str, Certificate], dates: dict[str, Effectiveness]
) -> dict[str, tuple[object, ...]]:
    """Sort keys giving the legal order of the certificates, never the order of ingest.

    By effective date; on the same day the original first, then by the board's action and
    the execution (a later resolution amends what an earlier one of that day made), then by
    what the certificate says (its fingerprint), so that any ingest order gives one order.
    A correction applies right after the certificate it corrects.
    """

    def own(cert: Certificate) -> tuple[object, ...]:
        return (
            dates[cert.certificate_id].effective_on,
            0 if cert.kind == "original" else 1,
            cert.board.acted_on if cert.board else date.max,
            cert.execution.executed_on if cert.execution else date.max,
            cert.fingerprint,
            cert.sequence,
        )

    keys: dict[str, tuple[object, ...]] = {}
    for cid, cert in certificates.items():
        if cid not in dates:
            continue
        target = certificates.get(corrected_target(cert, certificates) or "")
        if target is not None and target.certificate_id in dates:
            keys[cid] = (*own(target), 1, cert.fingerprint, cert.sequence)
        else:
            keys[cid] = (*own(cert), 0, "", 0)
    return keys


def _governing_filing(cert: Certificate) -> Filing | None:
    """The filing that dates the certificate: a user's, else its own text's, else a recital.

    A date the certificate itself states is better evidence than another document's recital
    of it, whichever was ingested first; a user's or the text's latest recorded governs.
    """
    for wanted in ("user", "own"):
        chosen = [f for f in cert.filings if _filing_source(f) == wanted]
        if chosen:
            return chosen[-1]
    # Recitals by other documents should agree; where they do not (flagged in the answer),
    # the earliest date is taken, whichever document was ingested first.
    recited = sorted(
        (f for f in cert.filings if _filing_source(f) == "recited"), key=lambda f: f.filed_on
    )
    return recited[0] if recited else None


def _filing_source(filing: Filing) -> str:
    if filing.source == "user":
        return "user"
    return "recited" if filing.note.startswith("recited by ") else "own"


def effectiveness(cert: Certificate) -> Effectiveness | None:
    """Apply §103 to what the ledger knows of `cert`; None when it knows no date at all."""
    filing = _governing_filing(cert)
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
        disagreeing = [
            f"{f.note} says {f.filed_on}"
            for f in cert.filings
            if _filing_source(f) == "recited" and f.filed_on != filing.filed_on
        ]
        flag = (
            f"; NEEDS REVIEW: another document disagrees: {'; '.join(disagreeing)}"
            if disagreeing
            else ""
        )
        return Effectiveness(
            effective_on=filing.filed_on,
            basis="filed",
            assumed=False,
            explanation=f"filed with the Secretary of State on {filing.filed_on} ({by}){flag}",
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
