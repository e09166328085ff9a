"""The definition an edit names only by its clause letter, found only when two facts agree.

"... after the words "y" in clause (b)" names no definition, while the same sentence often
names another clause of the list with its definition ("clause (c) (the definition of
"Qualified Listing")"). The ledger keeps no clause letters, so it takes clause (b) to be a
definition only when both hold:
1. the edited words occur (exactly once) in one definition in force and in no other;
2. in the certificate that defined them, that definition stands exactly as many places before
   (or after) the sibling's definition as the letters say ((b) is one before (c)).
Otherwise the caller refuses the edit with the reason: a guess here would be a confident
wrong answer.
"""

from __future__ import annotations

from datetime import date

from ledger.domain.edits import occurrences
from ledger.domain.state import InstrumentState
from ledger.domain.timeline import TermVersion
from ledger.statements import ParsedOperation
from ledger.terms import term_key


def _letter(clause: str) -> str | None:
    inner = clause.rsplit("(", 1)[-1].rstrip(")").strip()
    return inner.casefold() if len(inner) == 1 and inner.isalpha() else None


def definition_at_clause(
    state: InstrumentState | None,
    timeline: list[TermVersion],
    op: ParsedOperation,
    on: date,
) -> tuple[str | None, str]:
    """(the term clause `op.clause` holds, "") or (None, why it cannot be told)."""
    clause, sibling = _letter(op.clause or ""), _letter(op.sibling_clause or "")
    if state is None or not state.text_recorded or clause is None or sibling is None:
        return None, "the ledger does not hold the text the clause letters refer to"
    if not op.old_words:
        return None, "the edit names no words to find the clause by"
    holding = sorted(
        {
            v.term
            for v in timeline
            if v.covers(on)
            and v.status == "in_force"
            and v.defined_within is None
            and v.text is not None
            and occurrences(v.text, op.old_words) == 1
        }
    )
    if len(holding) != 1:
        return None, (
            f"the words {op.old_words!r} occur in {len(holding)} definitions in force on {on}"
        )
    term = holding[0]
    if _places_apart(state, term, op.sibling_term or "") != ord(sibling) - ord(clause):
        return None, (
            f"the words are in {term!r}, but {term!r} does not stand where {op.clause} stands "
            f"against {op.sibling_clause} ({op.sibling_term!r})"
        )
    return term, ""


def _places_apart(state: InstrumentState, term: str, sibling: str) -> int | None:
    """How many definitions after `term` the certificate defining both puts `sibling`."""
    wanted = {term_key(term), term_key(sibling)}
    for certificate_id in dict.fromkeys(op.certificate_id for op in state.operations):
        lines = {
            term_key(op.term): op.event.provenance.first_line
            for op in state.operations
            if op.certificate_id == certificate_id
            and op.kind in {"add", "replace"}
            and op.event.provenance is not None
        }
        if wanted <= lines.keys():
            order = sorted(lines, key=lines.__getitem__)
            return order.index(term_key(sibling)) - order.index(term_key(term))
    return None
