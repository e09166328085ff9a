"""What each operation of a certificate does to the text in force on its effective date.

"Amended as follows" over a term in force is a replacement and over a new term an addition;
a replacement of a term whose earlier text the ledger never saw is recorded as such, never
with invented text. A change that contradicts the recorded text in force (adding a term
already in force, deleting one the ledger never saw, editing words that do not occur exactly
once) is refused with the line that states it. Where no recorded original or restatement
precedes the certificate (it was ingested before them), nothing can contradict it: each
operation is recorded as such, and the view applies it, in legal order, to whatever text is
recorded.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Literal

import msgspec

from ledger.domain.clause_target import definition_at_clause
from ledger.domain.edits import apply_edit, occurrences, rename_in
from ledger.domain.state import InstrumentState
from ledger.domain.streams import EventStream
from ledger.domain.timeline import TermVersion, build_timeline, version_as_of
from ledger.errors import ParseError
from ledger.events import (
    DefinitionAdded,
    DefinitionDeleted,
    DefinitionRenamed,
    DefinitionReplaced,
    DefinitionWordsSubstituted,
)
from ledger.statements import ParsedOperation
from ledger.terms import term_key

Presence = Literal["in_force", "unrecorded", "absent"]


@dataclass(frozen=True)
class _Known:
    """A term as the certificate finds it: in force (with or without text) or absent."""

    presence: Presence
    text: str | None


def _known(version: TermVersion | None) -> _Known:
    if version is None or version.status == "deleted" or version.defined_within is not None:
        return _Known("absent", None)
    if version.status == "in_force":
        return _Known("in_force", version.text)
    return _Known("unrecorded", None)


@dataclass
class ChangePlanner:
    """Turns a certificate's operations into events, each checked against the text in force."""

    state: InstrumentState | None
    stream: EventStream
    certificate_id: str
    effective_on: date
    text_recorded: bool
    preceding: set[str] | None = None
    """The recorded certificates that precede this one in legal order (None: all of them)."""

    def __post_init__(self) -> None:
        self._timeline = build_timeline(self.state, self.preceding) if self.state else []
        self._touched: dict[str, _Known] = {}

    def plan(self, operations: list[ParsedOperation]) -> None:
        """Append the events of every operation, in document order."""
        for parsed in operations:
            op = self._clause_resolved(parsed)
            # A definition restated with all the others is new where the ledger holds none.
            known = self._lookup(op.term, recorded_only=op.instruction == "restate_all")
            match op.instruction:
                case "edit":
                    self._edit(op, known)
                case "rename":
                    self._rename(op, known)
                case "delete":
                    self._delete(op, known)
                case _:
                    self._define(op, known)

    def _clause_resolved(self, op: ParsedOperation) -> ParsedOperation:
        """An edit named only by its clause letter, given the definition it is, or refused."""
        if op.term or not op.clause:
            return op
        term, why = definition_at_clause(self.state, self._timeline, op, self.effective_on)
        if term is None:
            raise self._refuse(
                op, f"the edit targets {op.clause}, which the ledger cannot tell for certain: {why}"
            )
        return msgspec.structs.replace(op, term=term)

    def _lookup(self, term: str, *, recorded_only: bool = False) -> _Known:
        """The term as this certificate finds it; `recorded_only`: as the ledger holds it."""
        key = term_key(term)
        if key in self._touched:
            return self._touched[key]
        known = _known(version_as_of(self._timeline, term, self.effective_on))
        if known.presence == "absent" and not self.text_recorded and not recorded_only:
            # No recorded text precedes this certificate: the term may well be defined there.
            return _Known("unrecorded", None)
        return known

    def _refuse(self, op: ParsedOperation, message: str) -> ParseError:
        return ParseError(message, file=self.stream.source.name, line=op.span.first_line)

    def _contradicts(self, op: ParsedOperation, message: str) -> ParseError:
        """A refusal against the recorded text in force, which a missing document may explain."""
        return self._refuse(
            op,
            f"{message} (in the text the ledger holds; if an earlier amendment it does not hold "
            "yet changed that text, ingest that amendment first)",
        )

    def _define(self, op: ParsedOperation, known: _Known) -> None:
        on, text = self.effective_on, op.text or ""
        if op.instruction in {"original", "add"}:
            if known.presence == "in_force":
                raise self._refuse(
                    op, f"adds a definition of {op.term!r}, but it is already in force on {on}"
                )
            replace, prior = False, True
        elif op.instruction == "restate" and known.presence == "absent" and self.text_recorded:
            raise self._contradicts(
                op, f"restates the definition of {op.term!r}, which is not in force on {on}"
            )
        elif op.instruction == "restate_all":
            replace, prior = known.presence != "absent", known.presence == "in_force"
        else:  # "amend_as_follows" and "restate": decided by the text in force
            replace = known.presence != "absent" or not self.text_recorded
            prior = known.presence == "in_force"
        fields = {"certificate_id": self.certificate_id, "term": op.term, "text": text}
        if replace:
            self.stream.append(
                DefinitionReplaced,
                op.span,
                **fields,
                inline_terms=op.inline_terms,
                prior_text_recorded=prior,
            )
        else:
            self.stream.append(DefinitionAdded, op.span, **fields, inline_terms=op.inline_terms)
        self._touched[term_key(op.term)] = _Known("in_force", text)

    def _delete(self, op: ParsedOperation, known: _Known) -> None:
        if known.presence == "absent" and self.text_recorded:
            raise self._contradicts(
                op,
                f"deletes the definition of {op.term!r}, which the ledger does not hold in "
                f"force on {self.effective_on}",
            )
        self.stream.append(
            DefinitionDeleted,
            op.span,
            certificate_id=self.certificate_id,
            term=op.term,
            prior_text_recorded=known.presence == "in_force",
        )
        self._touched[term_key(op.term)] = _Known("absent", None)

    def _edit(self, op: ParsedOperation, known: _Known) -> None:
        on, old, new = self.effective_on, op.old_words or "", op.new_words or ""
        if known.presence == "absent":
            raise self._contradicts(
                op, f"edits the definition of {op.term!r}, which is not in force on {on}"
            )
        if known.text is None:
            # The edit is recorded as an operation; the view applies it to the text once
            # the certificate that states that text is ingested, in legal order.
            edited, after = "", _Known("unrecorded", None)
        else:
            result = apply_edit(known.text, op.edit or "substitute", old, new)
            if result is None:
                count = occurrences(known.text, old)
                raise self._contradicts(
                    op,
                    f"the words {old!r} occur {count} times in the definition of {op.term!r} "
                    f"in force on {on}; an edit needs them exactly once",
                )
            edited, after = result, _Known("in_force", result)
        self.stream.append(
            DefinitionWordsSubstituted,
            op.span,
            certificate_id=self.certificate_id,
            term=op.term,
            edit=op.edit or "substitute",
            old_words=old,
            new_words=new,
            text_after=edited,
        )
        self._touched[term_key(op.term)] = after

    def _rename(self, op: ParsedOperation, known: _Known) -> None:
        new_term = op.new_term or op.term
        if known.presence == "absent":
            raise self._contradicts(
                op, f"renames {op.term!r}, which is not in force on {self.effective_on}"
            )
        if self._lookup(new_term, recorded_only=True).presence != "absent":
            raise self._refuse(op, f"renames {op.term!r} to {new_term!r}, which is already defined")
        self.stream.append(
            DefinitionRenamed,
            op.span,
            certificate_id=self.certificate_id,
            term=op.term,
            new_term=new_term,
        )
        self._touched[term_key(op.term)] = _Known("absent", None)
        text = rename_in(known.text, op.term, new_term) if known.text else None
        self._touched[term_key(new_term)] = _Known(known.presence, text)
