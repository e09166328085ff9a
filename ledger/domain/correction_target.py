"""The certificate a correction names only by its filing date, and that filing's recital.

A §103(f) correction often says only "a Certificate of Amendment ... was filed with the
Secretary of State on October 1, 2002". The ledger rarely holds a certificate's filing date
(certificates seldom state their own), so an exact date match fails. The corrected
certificate is then the one recorded certificate that could have been that filing: executed
(or, with no execution, acted on by the board) at most `FILING_WINDOW` days before the
filing, with no other filing date recorded, and whose own operations touched every
definition the correction changes. Anything less certain is refused by the caller, naming
`ledger record-filing`, which settles it.
"""

from __future__ import annotations

from datetime import date, timedelta

from ledger.domain.state import Certificate, InstrumentState
from ledger.statements import ParsedCertificate
from ledger.terms import term_key

FILING_WINDOW = timedelta(days=30)
"""How long after its execution a certificate is taken to have been filed, at most."""


def _signed_on(cert: Certificate) -> date | None:
    if cert.execution is not None:
        return cert.execution.executed_on
    return cert.board.acted_on if cert.board is not None else None


def corrected_by_filing(parsed: ParsedCertificate, state: InstrumentState) -> list[str]:
    """The certificates that could be the filing a correction names (one means certain)."""
    reference = parsed.corrects
    if reference is None or "filed" not in reference.wording.casefold():
        return []
    filed_on = reference.on
    corrected_terms = {term_key(op.term) for op in parsed.operations}
    found = []
    for cert in state.certificates.values():
        signed = _signed_on(cert)
        if cert.kind == "correction" or signed is None or cert.filings:
            continue
        if not signed <= filed_on <= signed + FILING_WINDOW:
            continue
        touched = {
            term_key(op.term) for op in state.operations if op.certificate_id == cert.certificate_id
        }
        if corrected_terms and corrected_terms <= touched:
            found.append(cert.certificate_id)
    return found


def filings_recited_by_correction(
    parsed: ParsedCertificate, corrected: Certificate
) -> list[tuple[date, str]]:
    """(date, wording) of each filing of the corrected certificate the correction recites.

    A date before the corrected certificate was signed cannot be its filing (it is another
    document's) and is left out.
    """
    signed = _signed_on(corrected)
    recited = [
        (d.on, d.wording)
        for d in (parsed.instrument_filed, parsed.corrects)
        if d is not None and "filed" in d.wording.casefold()
    ]
    known = {f.filed_on for f in corrected.filings}
    seen: set[date] = set()
    out = []
    for on, wording in recited:
        if on in known or on in seen or (signed is not None and on < signed):
            continue
        seen.add(on)
        out.append((on, wording))
    return out


def waiting_corrections_of(
    parsed: ParsedCertificate, state: InstrumentState
) -> list[tuple[Certificate, bool]]:
    """Corrections recorded before their target that name `parsed` (and whether by its filing).

    By a date `parsed` states (its execution, board action or filing), as `corrected_target`
    finds them, or by a filing date under the rule of `pending_corrections_of`.
    """
    own = {
        *([parsed.execution.executed_on] if parsed.execution else []),
        *([parsed.board.acted_on] if parsed.board else []),
        *([parsed.filing.on] if parsed.filing else []),
    }
    by_date = [
        (cert, False)
        for cert in state.certificates.values()
        if cert.kind == "correction"
        and cert.corrects is None
        and cert.corrects_on is not None
        and cert.corrects_on in own
        and parsed.kind != "correction"
    ]
    return by_date or [(cert, True) for cert in pending_corrections_of(parsed, state)]


def pending_corrections_of(parsed: ParsedCertificate, state: InstrumentState) -> list[Certificate]:
    """Corrections already recorded that name, by its filing, the certificate `parsed` is.

    The same rule as `corrected_by_filing`, from the other side: a correction ingested before
    the certificate it corrects waits with the filing date it names (`corrects_on`); when that
    certificate arrives, signed at most `FILING_WINDOW` before the date, stating no filing of
    its own and changing every definition the correction changes, the correction's recital is
    its filing, as it would have been had it been ingested first.
    """
    signed = parsed.execution.executed_on if parsed.execution else None
    if signed is None and parsed.board is not None:
        signed = parsed.board.acted_on
    if parsed.kind == "correction" or signed is None or parsed.filing is not None:
        return []
    touched = {term_key(op.term) for op in parsed.operations}
    found = []
    for cert in state.certificates.values():
        filed_on = cert.corrects_on
        if cert.kind != "correction" or filed_on is None or cert.corrects is not None:
            continue
        if "filed" not in cert.corrects_wording.casefold():
            continue
        if not signed <= filed_on <= signed + FILING_WINDOW:
            continue
        corrected = {
            term_key(op.term) for op in state.operations if op.certificate_id == cert.certificate_id
        }
        if corrected and corrected <= touched:
            found.append(cert)
    return found
