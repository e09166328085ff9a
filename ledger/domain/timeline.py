"""The valid-time history of every definition of an instrument.

Certificates are applied in their legal order, whatever the order they were ingested in:
the order they took effect; two effective on the same day by the board's action, then the
execution, then what they say (see `application_order`), and the earlier one's version is
kept in the history with no days in force. A certificate of correction applies right after the
certificate it corrects, as of that certificate's date (DGCL §103(f)). A term that an
amendment changes without the ledger holding its earlier text is shown as defined, text not
recorded, from the instrument's adoption: never with invented text.
"""

from __future__ import annotations

from datetime import date
from typing import Literal

import msgspec

from ledger.domain.edits import apply_edit, refers_to, rename_in
from ledger.domain.effectiveness import (
    Effectiveness,
    adoption,
    application_order,
    effective_dates,
)
from ledger.domain.state import EventRef, InstrumentState, Operation, OperationKind
from ledger.terms import inline_terms, term_key

VersionStatus = Literal["in_force", "deleted", "text_not_recorded"]
_VERBS = {
    "add": "added",
    "replace": "replaced",
    "delete": "deleted",
    "edit": "edited",
    "rename": "renamed",
    "baseline": "omitted from the restatement",
}


class TermVersion(msgspec.Struct, frozen=True, kw_only=True):
    """One span of valid time during which a term had one text (or none)."""

    term: str
    valid_from: date
    valid_to: date | None
    status: VersionStatus
    text: str | None
    inline_terms: list[str]
    defined_within: str | None
    certificate_id: str | None
    operation: OperationKind | None
    effectiveness: Effectiveness | None
    event: EventRef
    note: str
    valid_to_assumed: bool = False

    def covers(self, day: date) -> bool:
        """Whether the version is the one in force on `day` (half-open: [from, to))."""
        return self.valid_from <= day and (self.valid_to is None or day < self.valid_to)

    @property
    def open(self) -> bool:
        """In force (text recorded or not) with no end: what a later change acts on."""
        return self.valid_to is None and self.status != "deleted"


class _Timeline:
    """Histories being built, one list of versions per term key."""

    def __init__(self, state: InstrumentState) -> None:
        self.state = state
        self.histories: dict[str, list[TermVersion]] = {}

    def current(self, term: str) -> TermVersion | None:
        history = self.histories.get(term_key(term))
        return history[-1] if history else None

    def push(self, version: TermVersion, eff: Effectiveness) -> None:
        history = self.histories.setdefault(term_key(version.term), [])
        if history:
            history[-1] = msgspec.structs.replace(
                history[-1], valid_to=eff.effective_on, valid_to_assumed=eff.assumed
            )
        history.append(version)

    def apply(self, op: Operation, eff: Effectiveness, redefined: set[str], *, base: bool) -> None:
        """Apply `op`; `base` says whether a recorded original or restatement precedes it.

        Whether a term's earlier text is known is decided here, in legal order, from what the
        ledger holds now, not from what it held when the operation was recorded: an original
        ingested after its amendments supplies the text they amend.
        """
        match op.kind:
            case "add" | "replace" | "delete":
                op = self._as_known_now(op, eff, base=base)
                deleted = op.kind == "delete"
                self.push(
                    _version(op, eff, status="deleted" if deleted else "in_force", text=op.text),
                    eff,
                )
            case "edit":
                self._edit(op, eff, base=base)
            case "rename":
                self._rename(op, eff, base=base)
            case "baseline":
                for history in list(self.histories.values()):
                    last = history[-1]
                    if (
                        last.open
                        and last.defined_within is None
                        and term_key(last.term) not in redefined
                    ):
                        self.push(
                            _version(op, eff, status="deleted", text=None, term=last.term), eff
                        )

    def _as_known_now(self, op: Operation, eff: Effectiveness, *, base: bool) -> Operation:
        """`op` as what it does to the text recorded now (an addition or a replacement).

        Recorded before the text it acts on was, an "addition" may replace a term in force
        and a "replacement" may add a term the recorded text lacks; with no recorded text
        before it, the term was defined, its text not recorded, since adoption.
        """
        current = self.current(op.term)
        if op.kind == "add" and current is not None and current.open:
            return msgspec.structs.replace(op, kind="replace")
        if op.kind == "replace" and base and (current is None or not current.open):
            return msgspec.structs.replace(op, kind="add")
        if op.kind != "add" and current is None and not base and not op.prior_text_recorded:
            self.histories[term_key(op.term)] = _unrecorded_prefix(self.state, op, eff)
        return op

    def _unrecorded(self, op: Operation, eff: Effectiveness) -> TermVersion | None:
        """The term's version before `op` when no recorded text precedes it: text not recorded."""
        if not self.histories.get(term_key(op.term)):
            self.histories[term_key(op.term)] = _unrecorded_prefix(self.state, op, eff)
        return self.current(op.term)

    def _edit(self, op: Operation, eff: Effectiveness, *, base: bool) -> None:
        current = self.current(op.term)
        if current is None and not base:
            current = self._unrecorded(op, eff)
        if current is not None and current.open and current.text is None:
            # The words are edited in a text the ledger does not hold: record the edit,
            # never a guess at its result.
            version = _version(op, eff, status="text_not_recorded", text=None, term=current.term)
            self.push(
                msgspec.structs.replace(
                    version,
                    note=f"{version.note}; the text it edits is not recorded in the ledger, so "
                    "neither is the text after the edit",
                ),
                eff,
            )
            return
        if current is None and not base:
            self.push(_version(op, eff, status="text_not_recorded", text=None), eff)
            return
        if current is None or current.status != "in_force" or current.text is None:
            return  # ingest refuses such an edit; nothing to apply it to
        edited = apply_edit(
            current.text, op.edit or "substitute", op.old_words or "", op.new_words or ""
        )
        if edited is None:
            # The text in force changed since the edit was recorded (a filing date moved
            # certificates around): keep the text and say so rather than guess.
            version = _version(op, eff, status="in_force", text=current.text, term=current.term)
            version = msgspec.structs.replace(
                version,
                note=f"{version.note}; NEEDS REVIEW: the words {op.old_words!r} no longer "
                "occur exactly once in the text in force, so the edit was not applied",
            )
        else:
            version = _version(op, eff, status="in_force", text=edited, term=current.term)
        self.push(version, eff)

    def _rename(self, op: Operation, eff: Effectiveness, *, base: bool) -> None:
        current = self.current(op.term)
        new_term = op.new_term or op.term
        if current is None and not base:
            current = self._unrecorded(op, eff)
            if current is None:  # adopted that very day: the new name, its text unknown
                self.push(
                    _version(op, eff, status="text_not_recorded", text=None, term=new_term), eff
                )
                return
        if current is None or not current.open:
            return
        self.push(
            msgspec.structs.replace(
                _version(op, eff, status="deleted", text=None, term=current.term),
                note=f"renamed {new_term!r} by certificate {op.certificate_id}; {eff.explanation}",
            ),
            eff,
        )
        text = rename_in(current.text, op.term, new_term) if current.text else None
        self.push(_version(op, eff, status=current.status, text=text, term=new_term), eff)
        for history in list(self.histories.values()):
            last = history[-1]
            if (
                last.open
                and last.text is not None
                and term_key(last.term) not in {term_key(op.term), term_key(new_term)}
                and refers_to(last.text, op.term)
            ):
                renamed = _version(
                    op,
                    eff,
                    status=last.status,
                    text=rename_in(last.text, op.term, new_term),
                    term=last.term,
                )
                self.push(
                    msgspec.structs.replace(
                        renamed,
                        note=f"references to {op.term!r} renamed {new_term!r} by certificate "
                        f"{op.certificate_id}; {eff.explanation}",
                    ),
                    eff,
                )


def build_timeline(state: InstrumentState, only: set[str] | None = None) -> list[TermVersion]:
    """Every version of every term of `state`, ordered by term then valid time.

    `only`: the certificates to apply (by default all), e.g. those that precede a new one in
    legal order, which is what the new one's operations must be checked against.
    """
    effective = effective_dates(state.certificates)
    order = application_order(state.certificates, effective)
    if only is not None:
        order = {cid: key for cid, key in order.items() if cid in only}
    ordered = sorted(
        (op for op in state.operations if op.certificate_id in order),
        key=lambda op: (order[op.certificate_id], op.order or op.event.originator_version),
    )
    bases = [
        order[cid]
        for cid, cert in state.certificates.items()
        if cert.kind in {"original", "restatement"} and cid in order
    ]
    redefined: dict[str, set[str]] = {}
    for op in ordered:
        if op.kind in {"add", "replace"}:
            redefined.setdefault(op.certificate_id, set()).add(term_key(op.term))
    timeline = _Timeline(state)
    for op in ordered:
        timeline.apply(
            op,
            effective[op.certificate_id],
            redefined.get(op.certificate_id, set()),
            base=any(key <= order[op.certificate_id] for key in bases),
        )
    versions = [v for key in sorted(timeline.histories) for v in timeline.histories[key]]
    return versions + _inline_versions(versions)


def _version(
    op: Operation,
    eff: Effectiveness,
    *,
    status: VersionStatus,
    text: str | None,
    term: str | None = None,
) -> TermVersion:
    name = term or op.term
    return TermVersion(
        term=name,
        valid_from=eff.effective_on,
        valid_to=None,
        status=status,
        text=text,
        inline_terms=inline_terms(text, name) if text else [],
        defined_within=None,
        certificate_id=op.certificate_id,
        operation=op.kind,
        effectiveness=eff,
        event=op.event,
        note=f"{_VERBS[op.kind]} by certificate {op.certificate_id}; {eff.explanation}",
    )


def _unrecorded_prefix(
    state: InstrumentState, op: Operation, eff: Effectiveness
) -> list[TermVersion]:
    """The span in which the term was defined but its text is not in the ledger."""
    adopted_on, _ = adoption(state)
    if adopted_on >= eff.effective_on:
        return []
    return [
        TermVersion(
            term=op.term,
            valid_from=adopted_on,
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
                f"defined by the {state.title} (adopted {adopted_on}), as previously "
                f"amended; its text before {eff.effective_on} is not recorded in the ledger "
                f"(certificate {op.certificate_id} amends it)"
            ),
        )
    ]


def _inline_versions(versions: list[TermVersion]) -> list[TermVersion]:
    """Terms defined inside a definition are in force exactly while that text is.

    When the text that defined one ends (the definition is replaced by a text that no longer
    defines it, deleted, or omitted from a restatement), the inline term ends too: a version
    with status "deleted" says so, as a top-level deletion would, until some definition in
    force defines it again.
    """
    spans = [
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
    by_term: dict[str, list[TermVersion]] = {}
    for span in spans:
        by_term.setdefault(term_key(span.term), []).append(span)
    successors = {(term_key(v.term), v.valid_from): v for v in versions}
    endings = []
    for group in by_term.values():
        group.sort(key=lambda v: (v.valid_from, v.valid_to or date.max))
        for span in group:
            end = span.valid_to
            if end is None or any(other.covers(end) for other in group):
                continue
            later = [other.valid_from for other in group if other.valid_from > end]
            parent = span.defined_within or ""
            cause = successors.get((term_key(parent), end))
            endings.append(
                msgspec.structs.replace(
                    span,
                    valid_from=end,
                    valid_to=min(later) if later else None,
                    valid_to_assumed=False,
                    status="deleted",
                    text=None,
                    certificate_id=cause.certificate_id if cause else span.certificate_id,
                    operation=cause.operation if cause else span.operation,
                    effectiveness=cause.effectiveness if cause else span.effectiveness,
                    event=cause.event if cause else span.event,
                    note=f"no longer defined: the definition of {parent!r} that defined it "
                    f"ended; {cause.note if cause else 'its text changed'}",
                )
            )
    return spans + endings


def version_as_of(versions: list[TermVersion], term: str, day: date) -> TermVersion | None:
    """The version of `term` in force on `day`, top-level definitions before inline ones."""
    key = term_key(term)
    matches = [v for v in versions if term_key(v.term) == key and v.covers(day)]
    matches.sort(key=lambda v: v.defined_within is not None)
    return matches[0] if matches else None
