"""Definitions and the amending instructions that govern them.

A certificate reads as a run of paragraphs: an instruction ("Section I is amended as
follows:", "by adding the following new definition") sets what the definitions after it
do, until the next instruction. An instruction the parser cannot interpret is reported,
never guessed at: a ledger must not record a change the text did not make.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ledger.domain.terms import normalise_spaces
from ledger.parsing.model import Instruction, ParsedOperation, Span
from ledger.parsing.source import Paragraph

_Q_OPEN = '"\u201c'
_Q_CLOSE = '"\u201d'
_QUOTED = rf"[{_Q_OPEN}](?P<term>[^{_Q_OPEN}{_Q_CLOSE}]{{1,120}})[{_Q_CLOSE}]"
_DEFINITION_RE = re.compile(
    rf"^(?:\(?[A-Za-z0-9]{{1,4}}[.)]\s*)?(?P<body>{_QUOTED},?\s+(?:shall\s+)?means?\b.*)$",
    re.DOTALL,
)
_INLINE_RE = re.compile(rf"[{_Q_OPEN}](?P<term>[A-Z0-9][^{_Q_OPEN}{_Q_CLOSE}]{{0,80}})[{_Q_CLOSE}]")
_ONE_QUOTED = rf"[{_Q_OPEN}][^{_Q_OPEN}{_Q_CLOSE}]+[{_Q_CLOSE}]"
_TERM_LIST = rf"(?P<terms>{_ONE_QUOTED}(?:,?\s*(?:and\s+)?{_ONE_QUOTED})*)"
_DELETE_RE = re.compile(
    rf"deleting (?:therefrom )?(?:each of )?the definitions? of {_TERM_LIST},? "
    r"(?:contained therein )?in (?:its|their) entirety",
    re.IGNORECASE,
)
_ADD_RE = re.compile(
    r"adding (?:thereto |thereto the following |to such Section )?(?:the following )?(?:new )?"
    r"definitions?(?: of [^:]*)?(?: in (?:the )?(?:appropriate |proper )?alphabetical order)?",
    re.IGNORECASE,
)
_RESTATE_RE = re.compile(
    rf"the definition of {_QUOTED} (?:contained |set forth )?(?:in (?:Section|Article) [\w.()]+ )?"
    r"(?:of the Certificate of Designation )?is (?:hereby )?amended and restated in its entirety",
    re.IGNORECASE,
)
_AS_FOLLOWS_RE = re.compile(
    r"(?P<section>(?:Section|Article) [\w.()-]+)?(?: of the Certificate of Designation)?,? "
    r"(?:is|are) (?:hereby )?(?:further )?amended (?:to read )?as follows",
    re.IGNORECASE,
)
_ORIGINAL_RE = re.compile(
    r"the following terms (?:shall )?have the following meanings|"
    r"as used (?:herein|in this Certificate)[^.:]*the following terms",
    re.IGNORECASE,
)
_AMENDING_LANGUAGE_RE = re.compile(
    r"\b(?:is|are) (?:hereby )?(?:further )?amended\b|\bhereby amends\b", re.IGNORECASE
)
_SECTION_RE = re.compile(r"\b(?:Section|Article) [\w.()-]+", re.IGNORECASE)


@dataclass
class OperationReader:
    """Walks a certificate's paragraphs, collecting operations and what it could not read."""

    is_original: bool
    operations: list[ParsedOperation] = field(default_factory=list)
    uninterpreted: list[Paragraph] = field(default_factory=list)
    orphans: list[Paragraph] = field(default_factory=list)
    amended_section: str | None = None
    _instruction: Instruction | None = None
    _wording: str = ""
    _restated_term: str | None = None

    def read(self, paragraphs: list[Paragraph]) -> None:
        """Read every paragraph in order."""
        if self.is_original:
            self._instruction, self._wording = "original", "definitions of the certificate"
        for paragraph in paragraphs:
            text = paragraph.text
            definition = _DEFINITION_RE.match(text)
            if definition is not None:
                self._definition(paragraph, definition)
            elif not self.is_original:
                self._instruction_in(paragraph, text)
            elif _ORIGINAL_RE.search(text):
                self._wording = _ORIGINAL_RE.search(text).group(0)  # type: ignore[union-attr]

    def _definition(self, paragraph: Paragraph, match: re.Match[str]) -> None:
        if self._instruction is None:
            self.orphans.append(paragraph)
            return
        body = match.group("body")
        term = normalise_spaces(match.group("term"))
        after_means = body[match.end("term") - match.start("body") :]
        inline = [
            normalise_spaces(m.group("term"))
            for m in _INLINE_RE.finditer(after_means)
            if normalise_spaces(m.group("term")) != term
        ]
        instruction = self._instruction
        if instruction == "restate" and self._restated_term is not None:
            if self._restated_term.casefold() != term.casefold():
                self.uninterpreted.append(paragraph)
                return
            self._restated_term = None
        self.operations.append(
            ParsedOperation(
                instruction=instruction,
                term=term,
                text=body,
                inline_terms=list(dict.fromkeys(inline)),
                wording=self._wording,
                span=Span(first_line=paragraph.first_line, last_line=paragraph.last_line),
            )
        )

    def _instruction_in(self, paragraph: Paragraph, text: str) -> None:
        span = Span(first_line=paragraph.first_line, last_line=paragraph.last_line)
        recognised = False
        if deleted := _DELETE_RE.search(text):
            recognised = True
            for term_match in re.finditer(_QUOTED, deleted.group("terms")):
                self.operations.append(
                    ParsedOperation(
                        instruction="delete",
                        term=normalise_spaces(term_match.group("term")),
                        text=None,
                        inline_terms=[],
                        wording=normalise_spaces(deleted.group(0)),
                        span=span,
                    )
                )
            self._instruction = None
        if restated := _RESTATE_RE.search(text):
            recognised = True
            self._set("restate", restated.group(0))
            self._restated_term = normalise_spaces(restated.group("term"))
        elif added := _ADD_RE.search(text):
            recognised = True
            self._set("add", added.group(0))
        elif as_follows := _AS_FOLLOWS_RE.search(text):
            recognised = True
            self._set("amend_as_follows", as_follows.group(0))
        if recognised:
            section = _SECTION_RE.search(text)
            if section is not None and self.amended_section is None:
                self.amended_section = normalise_spaces(section.group(0))
        elif _AMENDING_LANGUAGE_RE.search(text):
            self.uninterpreted.append(paragraph)

    def _set(self, instruction: Instruction, wording: str) -> None:
        self._instruction = instruction
        self._wording = normalise_spaces(wording).strip(" ,")
