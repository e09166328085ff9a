"""References between the definitions in force on a date, and what `check` reports of them.

Pure functions over version records (no storage): the application hands them the records
in force, read from the projection.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date

from ledger.answers import CheckFinding, TermReferences, VersionRecord
from ledger.domain.references import term_pattern, undefined, uses
from ledger.terms import term_key


def references(target: VersionRecord, records: list[VersionRecord], as_of: date) -> TermReferences:
    """What `target` uses and what uses it, among `records` (all in force on `as_of`)."""
    pattern = term_pattern(r.term for r in records)
    definitions = [r for r in records if r.defined_within is None and r.text]
    key = term_key(target.term)
    own_text = target.text if target.defined_within is None else None
    return TermReferences(
        term=target.term,
        as_of=as_of,
        status=target.status,
        instrument=target.instrument,
        uses=uses(own_text, target.term, target.inline_terms, pattern) if own_text else [],
        used_by=[
            r.term
            for r in definitions
            if term_key(r.term) != key
            and key in {term_key(t) for t in uses(r.text or "", r.term, r.inline_terms, pattern)}
        ],
        defines=target.inline_terms,
        defined_within=target.defined_within,
    )


def findings(records: list[VersionRecord]) -> list[CheckFinding]:
    """Undefined, doubly defined and unused terms among `records` of one instrument."""
    if not records:
        return []
    instrument = records[0].instrument.id
    pattern = term_pattern(r.term for r in records)
    definitions = [r for r in records if r.defined_within is None and r.text]
    missing: dict[str, list[str]] = defaultdict(list)
    used: set[str] = set()
    for record in definitions:
        for word in undefined(record.text or "", pattern):
            missing[word].append(record.term)
        used.update(
            term_key(t) for t in uses(record.text or "", record.term, record.inline_terms, pattern)
        )
    defining: dict[str, list[VersionRecord]] = defaultdict(list)
    for record in records:
        defining[term_key(record.term)].append(record)
    out = [
        CheckFinding(kind="undefined", term=word, instrument=instrument, where=where)
        for word, where in sorted(missing.items())
    ]
    out += [
        CheckFinding(
            kind="defined_twice",
            term=found[0].term,
            instrument=instrument,
            where=[r.defined_within or r.term for r in found],
        )
        for _, found in sorted(defining.items())
        if len(found) > 1
    ]
    out += [
        CheckFinding(kind="unused", term=r.term, instrument=instrument, where=[])
        for r in sorted(records, key=lambda r: term_key(r.term))
        if r.defined_within is None and term_key(r.term) not in used
    ]
    return out
