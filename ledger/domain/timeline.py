"""The valid-time history of every definition of an instrument.

Certificates are applied in the order they took effect; two effective on the same day
are applied in the order the ledger recorded them, and the earlier one's version is kept
in the history with no days in force. A term that an amendment replaces or deletes
without the ledger holding its earlier text is shown as defined, text not recorded, from
the instrument's adoption: never with invented text.
"""

from __future__ import annotations

from datetime import date
from typing import Literal

import msgspec

from ledger.domain.effectiveness import Effectiveness, effectiveness
from ledger.domain.state import EventRef, InstrumentState, Operation, OperationKind
from ledger.domain.terms import term_key

VersionStatus = Literal["in_force", "deleted", "text_not_recorded"]


class TermVersion(msgspec.Struct, frozen=True, kw_only=True):
    """One span of valid time during which a term had one text (or none)."""

    term: str
    valid_from: date
    valid_to: date | None
    status: VersionStatus
    valid_to_assumed: bool = False
    text: str | None
    inline_terms: list[str]
    defined_within: str | None
    certificate_id: str | None
    operation: OperationKind | None
    effectiveness: Effectiveness | None
    event: EventRef
    note: str

    def covers(self, day: date) -> bool:
        """Whether the version is the one in force on `day` (half-open: [from, to))."""
        return self.valid_from <= day and (self.valid_to is None or day < self.valid_to)


def build_timeline(state: InstrumentState) -> list[TermVersion]:
    """Every version of every term of `state`, ordered by term then valid time."""
    effective = {
        cid: eff
        for cid, cert in state.certificates.items()
        if (eff := effectiveness(cert)) is not None
    }
    sequence = {cid: cert.sequence for cid, cert in state.certificates.items()}
    ordered = sorted(
        (op for op in state.operations if op.certificate_id in effective),
        key=lambda op: (
            effective[op.certificate_id].effective_on,
            sequence[op.certificate_id],
            op.event.originator_version,
        ),
    )
    histories: dict[str, list[TermVersion]] = {}
    for op in ordered:
        eff = effective[op.certificate_id]
        history = histories.setdefault(term_key(op.term), [])
        if not history and not op.prior_text_recorded:
            history.extend(_unrecorded_prefix(state, op, eff))
        if history:
            history[-1] = msgspec.structs.replace(
                history[-1], valid_to=eff.effective_on, valid_to_assumed=eff.assumed
            )
        history.append(_version_of(op, eff))
    versions = [v for key in sorted(histories) for v in histories[key]]
    return versions + _inline_versions(versions)


def _version_of(op: Operation, eff: Effectiveness) -> TermVersion:
    deleted = op.kind == "delete"
    verb = {"add": "added", "replace": "replaced", "delete": "deleted"}[op.kind]
    return TermVersion(
        term=op.term,
        valid_from=eff.effective_on,
        valid_to=None,
        status="deleted" if deleted else "in_force",
        text=op.text,
        inline_terms=op.inline_terms,
        defined_within=None,
        certificate_id=op.certificate_id,
        operation=op.kind,
        effectiveness=eff,
        event=op.event,
        note=f"{verb} by certificate {op.certificate_id}; {eff.explanation}",
    )


def _unrecorded_prefix(
    state: InstrumentState, op: Operation, eff: Effectiveness
) -> list[TermVersion]:
    """The span in which the term was defined but its text is not in the ledger."""
    if state.adopted_on >= eff.effective_on:
        return []
    return [
        TermVersion(
            term=op.term,
            valid_from=state.adopted_on,
            valid_to=None,
            status="text_not_recorded",
            text=None,
            inline_terms=[],
            defined_within=None,
            certificate_id=None,
            operation=None,
            effectiveness=None,
            event=op.event,
            note=(
                f"defined by the {state.title} (adopted {state.adopted_on}), as previously "
                f"amended; its text before {eff.effective_on} is not recorded in the ledger "
                f"(certificate {op.certificate_id} amends it)"
            ),
        )
    ]


def _inline_versions(versions: list[TermVersion]) -> list[TermVersion]:
    """Terms defined inside a definition are in force exactly while that text is."""
    return [
        msgspec.structs.replace(
            version,
            term=inline,
            inline_terms=[],
            defined_within=version.term,
            note=f"defined within the definition of {version.term!r}; {version.note}",
        )
        for version in versions
        if version.status == "in_force"
        for inline in version.inline_terms
    ]


def version_as_of(versions: list[TermVersion], term: str, day: date) -> TermVersion | None:
    """The version of `term` in force on `day`, top-level definitions before inline ones."""
    key = term_key(term)
    matches = [v for v in versions if term_key(v.term) == key and v.covers(day)]
    matches.sort(key=lambda v: v.defined_within is not None)
    return matches[0] if matches else None
