"""Definitions and the amending instructions that govern them.

A certificate reads as a run of paragraphs: an instruction ("Section I is amended as
follows:", "by adding the following new definition") sets what the definitions after it
do, until the next instruction. Instructions that act in place ("by deleting the words
"A" and substituting therefor the words "B"", "each reference to "X" is replaced by a
reference to "Y"") are operations of their own. An instruction the parser cannot interpret
is reported, never guessed at: a ledger must not record a change the text did not make.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Literal

import msgspec

from ledger.parsing.instructions import Instruction as ReadInstruction
from ledger.parsing.instructions import read_instruction
from ledger.parsing.source import Paragraph
from ledger.statements import Instruction, ParsedOperation, Span
from ledger.terms import inline_terms, normalise_spaces

_Q_OPEN = '"\u201c'
_Q_CLOSE = '"\u201d'


def _quoted(name: str, limit: int = 120) -> str:
    return rf"[{_Q_OPEN}](?P<{name}>[^{_Q_OPEN}{_Q_CLOSE}]{{1,{limit}}})[{_Q_CLOSE}]"


_QUOTED = _quoted("term", 400)
TERM_LENGTH = 120
"""A defined term longer than this is read as a missing closing quote, and said so."""
# A paragraph that opens like a definition: a quote, then a defining verb soon after.
_LOOKS_LIKE_DEFINITION = re.compile(
    rf"^[\"\u201c]?(?:\(?[A-Za-z0-9]{{1,4}}[.)]\s*)?(?:(?:The\s+)?term\s+)?[{_Q_OPEN}]"
    r"(?P<head>[^:;]*?)\b(?:shall\s+)?(?:means?|has\s+the\s+meaning|shall\s+have\s+the\s+"
    r"meaning|shall\s+refer\s+to|refers\s+to)\b",
    re.IGNORECASE,
)
# "X" means ... / "X" shall mean ... / "X" has (shall have) the meaning set forth in ...
DEFINING_VERB = (
    r"(?:shall\s+)?(?:means?|mean|ha(?:s|ve)\s+the\s+meanings?|refers?\s+to|refer\s+to)\b"
)
_DEFINITION_RE = re.compile(
    # An optional quote and number opening restated text ("2. Definitions. As used herein,").
    rf"^[\"\u201c]?(?:\(?[A-Za-z0-9]{{1,4}}[.)]\s*)?(?:[A-Z][a-z]+\.\s+)?"
    rf"(?P<body>(?:(?:As\s+used\s+(?:herein|in\s+this\s+[^,]{{1,60}}),\s+)?[Tt]he\s+term\s+)?"
    rf"{_QUOTED},?\s+{DEFINING_VERB}.*)$",
    re.DOTALL,
)
# "(b) Junior Stock shall mean ...", "(d) Parity Stock, as used herein, shall mean ...": an
# unquoted term, read only as an entry of a lettered list (the letter says it is one).
_UNQUOTED_DEFINITION_RE = re.compile(
    r"^\(?[a-z]{1,3}\)\s+(?P<body>(?!(?:Section|Article|Paragraph|Clause|Subsection)\b)"
    r"(?P<term>[A-Z][\w'-]*(?: (?:of |and |the )?[A-Z][\w'-]*){0,4})"
    r"(?:,? as used (?:herein|in this [^,]{1,60}),)?\s+(?:shall\s+mean|means)\b.*)$",
    re.DOTALL,
)
_ONE_QUOTED = rf"[{_Q_OPEN}][^{_Q_OPEN}{_Q_CLOSE}]+[{_Q_CLOSE}]"
_TERM_LIST = rf"(?P<terms>{_ONE_QUOTED}(?:,?\s*(?:and\s+)?{_ONE_QUOTED})*)"
_WORDS = r"(?:the )?(?:word|words|phrase|figure|figures|number|amount|date)?\s*"
_I = re.IGNORECASE

# "... and substituting the following therefor" replaces the definition; "... and by
# substituting the words "B" for "A"" is another action (its quote comes first).
_SUBSTITUTING = (
    r",? and (?:by )?(?:substituting|inserting|replacing (?:it|them) with)\b"
    r"[^\"\u201c:;]{0,40}?\b(?:the following|therefor|in (?:lieu|place) thereof)"
)
_DELETING = r"(?:deleting|striking)"
# "the definition of "X" in paragraph (2) of the Articles Supplementary ..." (where it stands)
_LOCATED = r"(?: (?:in|of|set forth in|contained in) [^\"\u201c:;]{0,200}?)?"
# "the word "A" where it appears therein": the words occur once (the domain checks it).
_WHERE_IT_APPEARS = (
    r"(?:,? (?:where|wherever|each place|each time) (?:it|they|such words?) appears?"
    r"(?: therein| in such definition)?)?"
)
_DELETE_RE = re.compile(
    # "by deleting the definition(s) of "X" [and "Y"] in (its/their) entirety" ...
    # "(a) by deleting the definition of "X" and (b) ..." needs no "entirety"; the atomic
    # group keeps "A" and "B" together so a substitution after them is always seen.
    rf"{_DELETING} (?:therefrom )?(?:each of )?the definitions? of (?>{_TERM_LIST}"
    r"(?:,? (?:contained therein |set forth therein )?in (?:its|their) entirety)?)"
    rf"(?!{_LOCATED}{_SUBSTITUTING})"
    # ... or "the definition(s) of "X" ... (is/are) hereby deleted [in its entirety]".
    rf"|the definitions? of {_TERM_LIST.replace('terms', 'passive')}[^.:;]{{0,120}}? "
    r"(?:is|are|be|shall be) (?:hereby )?deleted"
    # "deleting clause (c) (the definition of "X") in its entirety"
    rf"|{_DELETING} (?:clause|subclause|paragraph|subparagraph) \(?\w{{1,4}}\)?,? \((?:being )?"
    rf"the definition of {_TERM_LIST.replace('terms', 'clauseterm')}\)"
    r"(?:,? in its entirety)?"
    rf"(?!{_SUBSTITUTING})"
    # "deleting the following definitions in their entirety: "A", "B" and "C"." (a list only)
    rf"|{_DELETING} (?:therefrom )?the following definitions(?: in their entirety)?"
    rf"(?: (?:from|in) [^:;\"\u201c]{{0,80}}?)?:\s*{_TERM_LIST.replace('terms', 'listed')}"
    r"\s*[.;]?\s*$"
    rf"|the following definitions (?:in [^:;\"\u201c]{{0,80}}? )?(?:are|shall be|be) (?:hereby )?"
    rf"deleted(?: in their entirety)?:\s*{_TERM_LIST.replace('terms', 'listed2')}\s*[.;]?\s*$"
    # "... is amended to delete the definition of "X"" (the infinitive, no "entirety")
    rf"|to delete the definitions? of {_TERM_LIST.replace('terms', 'infinitive')}"
    r"(?!,? and (?:to )?substitut)",
    _I,
)
_PART_IN_FRONT = re.compile(r"\b(?:of|in|within|from|to)\s*$", _I)
"""Words in front of a definition that is only where the deleted part lies."""
# "deleting the definitions of "A" and "B" in their entirety and substituting the following
# therefor:" (or "the following definitions", unnamed): the definitions after it replace them.
_DELETE_SUBSTITUTE_MANY = re.compile(
    rf"{_DELETING} (?:therefrom )?(?:each of )?the (?:following )?definitions "
    rf"(?:of {_TERM_LIST},? )?(?:contained therein |set forth therein )?in their entirety"
    rf"{_SUBSTITUTING}",
    _I,
)
_ADD_RE = re.compile(
    r"(?:adding|inserting) (?:thereto |therein |thereto the following |to such Section )?"
    r"(?:the following )?(?:new )?definitions?(?: of [^:]*)?"
    r"(?: in (?:the )?(?:appropriate |proper )?alphabetical order)?"
    r"|the following (?:new )?definitions? (?:is|are) (?:hereby )?(?:added|inserted)",
    _I,
)
_RESTATE_RE = re.compile(
    rf"the definition of {_QUOTED}[^.:;]{{0,200}}? (?:is|shall be) (?:hereby )?"
    r"(?:amended and restated in its entirety|restated in its entirety|corrected to read)"
    # "by deleting the definition of "X" [in its entirety] and substituting therefor the
    # following" replaces it too.
    rf"|{_DELETING} (?:therefrom )?the definition of {_quoted('term2')}{_LOCATED}"
    rf"(?:,? in its entirety)?{_SUBSTITUTING}"
    # "by amending and restating the definition of "X" [in its entirety] to read as follows"
    rf"|(?:amending and )?restating the definition of {_quoted('term3')}(?: in its entirety)?"
    r",? (?:to read|so as to read|as follows)"
    # "be amended so that, as amended, the definition of "X" shall read as follows"
    rf"|the definition of {_quoted('term4')} shall (?:read|be amended to read) (?:in full )?"
    r"as follows"
    # "... and to amend the definition of "X" to read as follows"
    rf"|(?:to amend|amending) the definition of {_quoted('term5')} to read "
    r"(?:in (?:its|their) entirety )?as follows",
    _I,
)
_AS_FOLLOWS_RE = re.compile(
    r"(?P<section>(?:Section|Article) [\w.()-]+)?(?: of the Certificate of Designation)?,? "
    r"(?:is|are) (?:hereby )?(?:further )?amended (?:to read )?as follows",
    _I,
)
_ORIGINAL_RE = re.compile(
    r"the following terms (?:shall )?have the following meanings|"
    r"as used (?:herein|in this Certificate)[^.:]*the following terms",
    _I,
)
_EDIT_TARGET_RE = re.compile(rf"definition of {_QUOTED}", _I)
# "... from (in) the definition of "X"" between an edit's words names the definition edited.
_FROM_DEFINITION = rf"(?:,? (?:from|in|of) the definition of {_quoted('target', 400)})?"
_SUBSTITUTE_RE = re.compile(
    rf"{_DELETING} (?:therefrom )?{_WORDS}{_quoted('old', 400)}{_WHERE_IT_APPEARS}"
    rf"{_FROM_DEFINITION},? and (?:by )?"
    r"(?:substituting|inserting|replacing (?:it|them) with) "
    r"(?:therefor|in lieu thereof|in place thereof|in its place)?,?\s*"
    rf"{_WORDS}{_quoted('new', 400)}"
    # "substituting the words "B" for the words "A"", "replacing "A" with "B""
    rf"|substituting {_WORDS}{_quoted('new2', 400)},? for {_WORDS}{_quoted('old2', 400)}"
    rf"|replacing {_WORDS}{_quoted('old3', 400)},? with {_WORDS}{_quoted('new3', 400)}"
    # "inserting the words "B" in place of (in lieu of) the words "A""
    rf"|inserting {_WORDS}{_quoted('new4', 400)},? in (?:place|lieu) of {_WORDS}"
    rf"{_quoted('old4', 400)}",
    _I,
)
_INSERT_RE = re.compile(
    rf"inserting (?:therein )?{_WORDS}{_quoted('new', 400)},? (?:immediately )?"
    rf"(?P<where>after|before|following|preceding) {_WORDS}{_quoted('old', 400)}",
    _I,
)
_TRAILING_TARGET = re.compile(rf",? (?:from|in|of) the definition of {_QUOTED}", _I)
# "... after the words "y" in clause (b)": an edit whose own target is a clause or section.
_CLAUSE_REF = (
    r"(?:clause|subclause|subsection|subparagraph|paragraph|section|article) "
    r"\(?[\w.-]+\)?(?:\([\w.]+\))*"
)
_TRAILING_CLAUSE = re.compile(
    rf",? (?:from|in|of|to|contained in|set forth in) (?:the )?(?P<ref>{_CLAUSE_REF})", _I
)
# "clause (c) (the definition of "X")", "the definition of "X" in (of) Section 1": the clause
# a sentence itself says holds a definition.
_CLAUSE_NAMES = re.compile(
    rf"(?P<ref>{_CLAUSE_REF}),? \((?:being )?the definition of {_QUOTED}\)"
    rf"|definition of {_quoted('term2', 400)},? (?:\(|(?:in|of|contained in|set forth in) )"
    rf"(?:the )?(?P<ref2>{_CLAUSE_REF})",
    _I,
)
_QUOTED_ANY = re.compile(rf"[{_Q_OPEN}][^{_Q_OPEN}{_Q_CLOSE}]*[{_Q_CLOSE}]")
_EDIT_NOUN = {
    "substitute": "substitution",
    "insert_after": "insertion",
    "insert_before": "insertion",
    "delete_words": "deletion of words",
}
_DELETE_WORDS_RE = re.compile(
    rf"{_DELETING} (?:therefrom )?{_WORDS}{_quoted('old', 400)}{_WHERE_IT_APPEARS}"
    rf"{_FROM_DEFINITION}(?!,? and (?:by )?(?:substituting|inserting))",
    _I,
)
_RENAME_RE = re.compile(
    rf"(?:(?:each|every|all|any) references? (?:in [^.]{{0,120}}?)?to {_quoted('old')},? "
    r"(?:is|are|shall be) (?:hereby )?(?:replaced (?:with|by)|changed to|deemed(?: to be)?) "
    rf"(?:a |)references? to {_quoted('new')}"
    rf"|the (?:defined )?term {_quoted('old2')} is (?:hereby )?(?:renamed|changed to) "
    rf"{_quoted('new2')}"
    # "by renaming the defined term "X" as "Y""
    rf"|renaming (?:the (?:defined )?term )?{_quoted('old3')} (?:as|to) {_quoted('new3')})",
    _I,
)
_AMENDING_LANGUAGE_RE = re.compile(
    r"\b(?:is|are|(?<!may )(?<!might )(?<!must )(?<!can )(?<!to )be|shall be) "
    r"(?:hereby )?(?:further )?(?:amended|corrected|deleted|replaced|modified|renumbered)\b"
    r"|\bhereby amends\b|\bby striking\b",
    _I,
)
_SECTION_RE = re.compile(r"\b(?:Section|Article) [\w.()-]+", _I)
_INLINE_DEFINITION_AFTER_COLON = re.compile(
    rf":\s+(?=[{_Q_OPEN}][^{_Q_CLOSE}]+[{_Q_CLOSE}],?\s+{DEFINING_VERB})"
)


_Mode = Instruction | Literal["restate_part", "restate_clause"]
"""What the definitions that follow do; "restate_part" is a part of a section (opaque);
"restate_clause" restates one lettered clause, a definition only if its new text is one."""
# "(a) "Conversion Ratio" means ...": the clause letter a restated clause opens with.
_CLAUSE_LABEL = re.compile(r"^[\"\u201c]?\s*\(([A-Za-z0-9]{1,5})\)")
# "... adding at the end thereof the following: "words."" (the words appended, in quotes).
_APPEND_AT = re.compile(
    r"\b(?:adding|inserting|add|insert)\b(?P<before>[^:;]{0,120}?)\bat the end "
    r"(?:thereof|of (?:such|the|said|that) (?:definition|section|paragraph|sentence))"
    r"(?P<after>[^:;\"\u201c]{0,60}?)(?P<colon>:)?\s*(?:[\"\u201c](?P<new>[^\"\u201c\u201d]+)"
    r"[\"\u201d])?\s*[.;]?\s*$",
    _I,
)
_APPEND_BEFORE = re.compile(
    r"^\s*(?:thereto |therein )?(?:the (?:words?|phrase|sentence) )?"
    r"[\"\u201c](?P<new>[^\"\u201c\u201d]+)[\"\u201d]\s*$",
    _I,
)
_FOLLOWING = re.compile(r"\s*(?:thereto |therein )?(?:the following(?: \w+)?)?\s*", _I)
# "X is corrected by striking the resolution deleting that definition and inserting in its
# place the following resolution: "RESOLVED, that the definition of 'Y' be amended and
# restated ...: 'Y' means ..."": a correction that replaces a whole resolution.
_STRUCK_RESOLUTION = re.compile(
    r"\b(?:is|are) (?:hereby )?corrected by (?:striking|deleting) (?:therefrom )?(?:the|that) "
    r"resolution\b(?P<struck>[^:;\"\u201c]{0,160}?),? and (?:by )?(?:inserting|substituting)\b"
    r"[^:;\"\u201c]{0,60}?\bthe following resolution\s*:\s*[\"\u201c](?P<inner>.+)"
    r"[\"\u201d]\s*[.;]?\s*$",
    _I | re.DOTALL,
)
_STRUCK_DELETION = re.compile(
    r"\s*(?:deleting|that deleted|which deleted) (?:the|that) definition"
    r"(?: of [\"\u201c\u2018'](?P<term>[^\"\u201d\u2019']{1,120})[\"\u201d\u2019'])?\s*",
    _I,
)
# The actions a sentence names: each must lie inside an operation the reader recorded.
_ACTION_VERB = re.compile(
    r"\b(?:deleting|striking|substituting|inserting|adding|replacing|restating|renaming|"
    r"renumbering|eliminating|modifying|revising|supplementing)\b",
    _I,
)
# "... deleting the following definitions in their entirety:" with the list as the next paragraph.
_DELETES_LIST_NEXT = re.compile(
    r"(?:(?:deleting|striking) (?:therefrom )?the following definitions(?: in their entirety)?"
    r"|the following definitions (?:in [^:;\"\u201c]{0,80}? )?(?:are|shall be|be) (?:hereby )?"
    r"deleted(?: in their entirety)?)(?: (?:from|in) [^:;\"\u201c]{0,80}?)?:\s*$",
    _I,
)
_ONLY_TERMS = re.compile(rf"^\s*{_TERM_LIST}\s*[.;]?\s*$")
# The Division of Corporations' form: "... be amended by changing the Article thereof numbered
# "FOURTH" so that, as amended, said Article shall be and read as follows:" restates it whole.
_CHANGING_ARTICLE = re.compile(
    r"\bamended by changing (?:the )?(?P<kind>Article|Section|paragraph) (?:thereof )?numbered "
    r"[\"\u201c](?P<number>[^\"\u201c\u201d]{1,20})[\"\u201d],? so that,? as amended,? "
    r"(?:said|such|the) (?:Article|Section|paragraph) shall be and read as follows",
    _I,
)
# Other actions named in a sentence whose grammar reads as one action only.
_OTHER_ACTION = re.compile(
    r"\b(?:deleting|striking|substituting|inserting|adding|replacing|restating|renaming)\b", _I
)


@dataclass
class OperationReader:
    """Walks a certificate's paragraphs, collecting operations and what it could not read.

    `baseline` is true for an amended and restated certificate: its definitions are the
    whole new set.
    """

    is_original: bool
    baseline: bool = False
    operations: list[ParsedOperation] = field(default_factory=list)
    uninterpreted: list[Paragraph] = field(default_factory=list)
    orphans: list[Paragraph] = field(default_factory=list)
    amended_section: str | None = None
    restated_section: str | None = None
    _instruction: _Mode | None = None
    _wording: str = ""
    _restated_term: str | None = None
    _pending_section: str | None = None
    _clause: str | None = None
    _awaiting: Paragraph | None = None
    """The instruction whose restated definition (`_restated_term`) must follow it."""
    _restated_done: str | None = None
    """The one definition a restating instruction named, once read: no other follows it."""
    _seen: list[str] = field(default_factory=list)
    """The texts of the paragraphs read so far (a correction's recitals name what it fixes)."""
    _covered: list[tuple[int, int]] = field(default_factory=list)
    """Where in the current sentence the operations read lie (start, end)."""
    _substituted: dict[str, ParsedOperation] = field(default_factory=dict)
    """Deletions of definitions "substituting the following therefor", by term key."""
    _pending_list: tuple[Paragraph, str] | None = None
    """(paragraph, wording) of "deleting the following definitions:" whose list comes next."""
    _pending_append: tuple[str, Paragraph, str] | None = None
    """(term, paragraph, wording) of "adding at the end thereof the following:" whose words
    are the next paragraph."""
    unreadable: list[tuple[Paragraph, str]] = field(default_factory=list)
    """Paragraphs that look like definitions but cannot be read, with the reason."""
    reasons: dict[int, str] = field(default_factory=dict)
    """Why an uninterpreted paragraph (by first line) was refused, when the reader knows."""
    understood: int = 0
    """Operative sentences the instruction grammar read (some change no definition)."""

    def read(self, paragraphs: list[Paragraph], inserted: frozenset[int] = frozenset()) -> None:
        """Read every paragraph in order; `inserted` (first lines) are restated text, opaque."""
        if self.baseline:
            self._instruction, self._wording = "restate_all", "amended and restated certificate"
        elif self.is_original:
            self._instruction, self._wording = "original", "definitions of the certificate"
        for paragraph in paragraphs:
            text = paragraph.text
            if self._pending_append is not None:
                self._appended_paragraph(paragraph)
                continue
            if self._pending_list is not None:
                self._listed_deletions(paragraph)
                continue
            definition = _DEFINITION_RE.match(text) or _UNQUOTED_DEFINITION_RE.match(text)
            if (problem := _unreadable(text, definition)) is not None:
                self.unreadable.append((paragraph, problem))
            elif definition is not None:
                self._definition(paragraph, definition)
            elif paragraph.first_line in inserted:
                continue  # restated text of a section: its words amend nothing themselves
            elif not self.is_original and not self.baseline:
                self._instruction_in(paragraph, text)
        self._check_restated()

    def _check_restated(self) -> None:
        """A definition an instruction restates must follow it: never skipped silently."""
        if self._restated_term is not None and self._awaiting is not None:
            self._flag(
                self._awaiting,
                f"the restated definition of {self._restated_term!r} does not follow it",
            )
        self._restated_term, self._awaiting = None, None

    def _definition(
        self, paragraph: Paragraph, match: re.Match[str], wording: str | None = None
    ) -> None:
        if self._instruction is None:
            self.orphans.append(paragraph)
            return
        body = _balanced(match.group("body"))
        term = normalise_spaces(match.group("term"))
        instruction = self._instruction
        if instruction == "restate_part":
            # A definition inside a restated sentence or paragraph of a section: which
            # definition's words it replaces is not stated. Refuse rather than skip it.
            self._flag(paragraph, "a definition inside a restated part of a section")
            return
        if instruction == "restate_clause":
            # "restating clause (a) to read ...: (a) "X" means ...": the new clause (a) is the
            # definition of "X", which the domain requires to be in force. A definition under
            # another letter (or none) is not the clause named: refuse rather than guess.
            label = _CLAUSE_LABEL.match(paragraph.text)
            if label is None or label.group(1).casefold() != (self._clause or "").casefold():
                self.uninterpreted.append(paragraph)
                self.reasons[paragraph.first_line] = (
                    f"the restated clause ({self._clause}) is followed by a definition that "
                    "is not that clause"
                )
                return
            instruction, self._instruction = "restate", None
        if instruction == "restate_all" and self._pending_section is not None:
            self.restated_section, self._pending_section = self._pending_section, None
        if instruction == "amend_as_follows" and (
            gone := self._substituted.pop(term.casefold(), None)
        ):
            # A deleted definition substituted by one of the same term is replaced.
            self.operations.remove(gone)
            instruction = "restate"
        if instruction == "restate" and self._restated_done is not None:
            # "restating the definition of "X" ...: <X> and (b) by adding ...: <Y>": a second
            # definition under an instruction that named one is not X's; never give it to X.
            self._flag(
                paragraph,
                f"a definition after the restated definition of {self._restated_done!r} "
                "that no instruction names",
            )
            return
        if instruction == "restate" and self._restated_term is not None:
            if self._restated_term.casefold() != term.casefold():
                self.uninterpreted.append(paragraph)
                return
            self._restated_term, self._restated_done = None, term
        self.operations.append(
            ParsedOperation(
                instruction=instruction,
                term=term,
                text=body,
                inline_terms=inline_terms(body, term),
                wording=wording or self._wording,
                span=_span(paragraph),
            )
        )

    def _instruction_in(self, paragraph: Paragraph, text: str) -> None:
        self._check_restated()
        self._covered = []
        before = len(self.operations)
        self._read_instruction(paragraph, text)
        if paragraph in self.uninterpreted:
            # A sentence refused in part is refused whole: no part of it is recorded alone.
            del self.operations[before:]
        elif len(self.operations) > before and (verb := self._uncovered(text)):
            # One action of the sentence was read and another was not: recording the one
            # alone would silently skip the other. The whole sentence is refused.
            del self.operations[before:]
            self._flag(paragraph, f"the action {verb!r} in it is not read")

    def _uncovered(self, text: str) -> str | None:
        """An action verb of `text` outside every operation read from it (quotes masked)."""
        masked = _QUOTED_ANY.sub(lambda m: " " * len(m.group(0)), text)
        head = _INLINE_DEFINITION_AFTER_COLON.split(masked, maxsplit=1)[0]
        for verb in _ACTION_VERB.finditer(head):
            if not any(a <= verb.start() < b for a, b in self._covered):
                return verb.group(0)
        return None

    def _whole_sentence_forms(self, paragraph: Paragraph, text: str) -> bool:
        """Sentence forms read whole, before the grammar; True if `text` is one."""
        if changing := _CHANGING_ARTICLE.search(text):
            restated = f"{changing.group('kind').title()} {changing.group('number')}"
            self._restate_section(ReadInstruction("section", "restate", restated, ()), text)
            self.understood += 1
            return True
        if listed := _DELETES_LIST_NEXT.search(text):
            self._pending_list = (paragraph, normalise_spaces(listed.group(0)))
            self._instruction = None
            self.understood += 1
            return True
        if struck := _STRUCK_RESOLUTION.search(text):
            self._corrected_resolution(paragraph, struck)
            return True
        return False

    def _read_instruction(self, paragraph: Paragraph, text: str) -> None:
        span = _span(paragraph)
        self._seen.append(text)
        if self._whole_sentence_forms(paragraph, text):
            self._covered.append((0, len(text)))
            return
        instruction = self._grammar(paragraph, text)
        if instruction is not None and instruction.target == "part_of_definition":
            return
        if instruction is not None and self._by_grammar(paragraph, text, instruction):
            self._covered.append((0, len(text)))  # each grammar action checks its own words
            section = _SECTION_RE.search(text)
            if section is not None and self.amended_section is None:
                self.amended_section = normalise_spaces(section.group(0))
            self._inline_definition(paragraph, text)
            return
        found = (
            self._deletions(text, span) | self._edits(paragraph, text) | self._renames(text, span)
        )
        if found:
            self._instruction = None
        found = self._set_instruction(text, instruction, paragraph) or found
        if not found:
            if _AMENDING_LANGUAGE_RE.search(text):
                self.uninterpreted.append(paragraph)
            return
        section = _SECTION_RE.search(text)
        if section is not None and self.amended_section is None:
            self.amended_section = normalise_spaces(section.group(0))
        self._inline_definition(paragraph, text)

    def _inline_definition(self, paragraph: Paragraph, text: str) -> None:
        """A definition in the instruction's own paragraph ("... as follows: "Term" means")."""
        tail = _INLINE_DEFINITION_AFTER_COLON.split(text, maxsplit=1)
        if len(tail) == 2 and (definition := _DEFINITION_RE.match(tail[1])):  # noqa: PLR2004
            self._definition(paragraph, definition)

    def _corrected_resolution(self, paragraph: Paragraph, struck: re.Match[str]) -> None:
        """A correction striking a deleting resolution and inserting one that restates it.

        The definition's text is the restated one from the corrected certificate's date.
        Recorded as "amended as follows" (a replacement if the ledger holds the term, an
        addition after the struck deletion); any other struck resolution is refused, since
        the reader cannot undo what it did.
        """
        deletion = _STRUCK_DELETION.fullmatch(struck.group("struck"))
        inner = re.sub("\u2018([^\u2018\u2019]*)\u2019", "\u201c\\1\u201d", struck.group("inner"))
        inner = re.sub(r"(?<!\w)'([^']*)'(?!\w)", r'"\1"', inner)
        before, instruction, wording = len(self.operations), self._instruction, self._wording
        self._read_instruction(paragraph, normalise_spaces(inner))
        added = self.operations[before:]
        self._instruction, self._wording = instruction, wording
        term = added[0].term if len(added) == 1 and added[0].instruction == "restate" else None
        named = deletion.group("term") if deletion else None
        recited = term is not None and any(
            re.search(rf"delet\w*[^.]{{0,80}}[\"\u201c]{re.escape(term)}[\"\u201d]", seen, _I)
            for seen in self._seen[:-2]
        )
        if (
            deletion is None
            or term is None
            or (named is not None and normalise_spaces(named).casefold() != term.casefold())
            or (named is None and not recited)
        ):
            del self.operations[before:]
            self._flag(
                paragraph,
                "a correction that strikes a resolution the reader cannot undo or match to "
                "the definition it restates",
            )
            return
        self.operations[before] = msgspec.structs.replace(
            added[0],
            instruction="amend_as_follows",
            wording=normalise_spaces(struck.group(0))[:200],
        )

    def _substitute_many(self, many: re.Match[str], paragraph: Paragraph) -> None:
        terms = many.group("terms")
        self._set("amend_as_follows" if terms else "restate", many.group(0))
        self._restated_term = None
        for term_match in re.finditer(_QUOTED, terms or ""):
            term = normalise_spaces(term_match.group("term"))
            deleted = ParsedOperation(
                instruction="delete",
                term=term,
                text=None,
                inline_terms=[],
                wording=normalise_spaces(many.group(0)),
                span=_span(paragraph),
            )
            self.operations.append(deleted)
            self._substituted[term.casefold()] = deleted

    def _set_instruction(
        self, text: str, instruction: ReadInstruction | None, paragraph: Paragraph
    ) -> bool:
        """Set what the definitions after this paragraph do; False if it sets nothing."""
        # "The definition of "X" set forth in Section 1 ... is amended and restated" restates
        # one definition, not Section 1: the definition-level pattern goes first.
        if many := _DELETE_SUBSTITUTE_MANY.search(text):
            self._covered.append(many.span())
            self._substitute_many(many, paragraph)
        elif restated_term := _RESTATE_RE.search(text):
            self._covered.append(restated_term.span())
            self._set("restate", restated_term.group(0))
            term = (
                restated_term.group("term")
                or restated_term.group("term2")
                or restated_term.group("term3")
                or restated_term.group("term4")
                or restated_term.group("term5")
            )
            self._restated_term = normalise_spaces(term)
            self._awaiting = paragraph
        elif (
            instruction is not None
            and instruction.target in {"section", "part"}
            and instruction.action in {"restate", "correct"}
        ):
            self._restate_section(instruction, text)
        elif added := _ADD_RE.search(text):
            self._covered.append(added.span())
            self._set("add", added.group(0))
        elif as_follows := _AS_FOLLOWS_RE.search(text):
            self._set("amend_as_follows", as_follows.group(0))
        else:
            return False
        return True

    def _by_grammar(  # noqa: C901, PLR0911 (one return per action the grammar reads whole)
        self, paragraph: Paragraph, text: str, instruction: ReadInstruction
    ) -> bool:
        """Act on the actions the grammar reads whole; False leaves the sentence to the rest."""
        head = text.split(":", 1)[0]
        match instruction.action:
            case "renumber":
                # Renumbering clauses or sections changes no definition's text or term; a
                # sentence that also does something else is not read as a renumbering alone.
                if _OTHER_ACTION.search(_without_quotes(head)):
                    self._flag(paragraph, "a renumbering combined with another action")
                self._instruction = None  # definitions after it follow no instruction
                return True
            case "append":
                self._append_to(paragraph, text, instruction)
                return True
            case "restate_clause":
                self._set("restate_clause", head)
                self._clause = instruction.clause
                return True
        if instruction.target == "following_definitions":
            self._following_definitions(paragraph, head, instruction)
            return True
        if instruction.action == "substitute_whole":
            if instruction.target == "definition" and instruction.terms:
                self._set("restate", head)
                self._restated_term = normalise_spaces(instruction.terms[0])
                self._awaiting = paragraph
            elif instruction.target in {"section", "part"}:
                self._restate_section(instruction, text)
            else:
                self._flag(paragraph, "a substitution whose target is not one definition")
            return True
        if (
            instruction.target == "section"
            and instruction.action == "amend_as_follows"
            and re.search(r"\bin (?:its|their) entirety\b", head, _I)
        ):
            # "Paragraph 4 ... be amended to read in its entirety as follows:" restates it.
            self._restate_section(instruction, text)
            return True
        if (
            instruction.target == "definition"
            and instruction.terms
            and instruction.action in {"amend_as_follows", "restate", "correct"}
            and not _RESTATE_RE.search(text)
        ):
            # "The definition of "X" is amended to read in its entirety as follows:"
            self._set("restate", head)
            self._restated_term = normalise_spaces(instruction.terms[0])
            self._awaiting = paragraph
            return True
        return False

    def _append_to(self, paragraph: Paragraph, text: str, instruction: ReadInstruction) -> None:
        if instruction.target == "definition" and instruction.terms:
            self._append(paragraph, text, instruction.terms[0])
        elif instruction.target in {"section", "certificate"}:
            # "Section 1 is amended by adding at the end thereof the following new
            # definitions:": what follows is added (no definition follows: none changes).
            self._set("add", text.split(":", 1)[0])
        else:
            self._flag(paragraph, "words appended to several definitions")

    def _following_definitions(
        self, paragraph: Paragraph, head: str, instruction: ReadInstruction
    ) -> None:
        if instruction.action == "delete" and self._deletions(paragraph.text, _span(paragraph)):
            # "The following definitions are hereby deleted: "A" and "B"." (listed inline)
            self._instruction = None
            return
        if instruction.action in {"restate", "amend_as_follows", "correct", "substitute_whole"}:
            # "The following definitions in Section 1 are amended and restated": each
            # definition that follows replaces its own; the others stay (not Section 1).
            self._set("restate", head)
            self._restated_term = None
        elif instruction.action == "add":
            self._set("add", head)
        else:
            self._flag(paragraph, "an action on 'the following definitions' not read")

    def _append(self, paragraph: Paragraph, text: str, term: str) -> None:
        """Words added at the end of a definition, given in quotes or as the next paragraph."""
        self._instruction = None
        at = _APPEND_AT.search(text)
        if at is None:
            self._flag(paragraph, "words appended at the end of a definition not read")
            return
        before = _APPEND_BEFORE.match(at.group("before")) if at.group("before").strip() else None
        new = at.group("new") or (before.group("new") if before else None)
        if new is None and at.group("colon") and _FOLLOWING.fullmatch(at.group("before")):
            self._pending_append = (term, paragraph, normalise_spaces(at.group(0)))
            return
        if new is None or (at.group("new") and before):
            self._flag(paragraph, "words appended at the end of a definition not read")
            return
        self._record_append(term, paragraph, new, normalise_spaces(at.group(0)))

    def _listed_deletions(self, paragraph: Paragraph) -> None:
        """The list of terms a "deleting the following definitions:" deletes, one paragraph."""
        assert self._pending_list is not None  # noqa: S101 (the caller checks)
        instruction, wording = self._pending_list
        self._pending_list = None
        if _ONLY_TERMS.match(paragraph.text) is None:
            self._flag(instruction, "the definitions to delete are not listed after it")
            return
        for term_match in re.finditer(_QUOTED, paragraph.text):
            self.operations.append(
                ParsedOperation(
                    instruction="delete",
                    term=normalise_spaces(term_match.group("term")),
                    text=None,
                    inline_terms=[],
                    wording=wording,
                    span=_span(instruction),
                )
            )

    def _appended_paragraph(self, paragraph: Paragraph) -> None:
        assert self._pending_append is not None  # noqa: S101 (the caller checks)
        term, instruction, wording = self._pending_append
        self._pending_append = None
        words = paragraph.text.strip()
        if len(words) > 1 and words[0] in _Q_OPEN and words[-1] in _Q_CLOSE:
            words = words[1:-1]
        if _DEFINITION_RE.match(words) or any(q in words for q in '"\u201c\u201d'):
            self._flag(instruction, "the words appended at the end of a definition are not read")
            return
        self._record_append(term, instruction, words, wording)

    def _record_append(self, term: str, paragraph: Paragraph, new: str, wording: str) -> None:
        new = normalise_spaces(new)
        if not re.match(r"[A-Z0-9(]", new):
            # ", or any successor agreement" at the end of a definition ending with a period:
            # whether it goes before or after the period is not stated.
            self._flag(
                paragraph,
                "words appended at the end of a definition do not start a sentence: where "
                "they go against its closing punctuation is not stated",
            )
            return
        self.operations.append(
            ParsedOperation(
                instruction="edit",
                term=normalise_spaces(term),
                text=None,
                inline_terms=[],
                wording=wording,
                span=_span(paragraph),
                edit="append",
                old_words="",
                new_words=new,
            )
        )

    def _flag(self, paragraph: Paragraph, why: str) -> None:
        if paragraph not in self.uninterpreted:
            self.uninterpreted.append(paragraph)
        self.reasons.setdefault(paragraph.first_line, why)

    def _grammar(self, paragraph: Paragraph, text: str) -> ReadInstruction | None:
        """The instruction as the grammar reads it; a part of a definition is flagged."""
        instruction = read_instruction(text) if _AMENDING_LANGUAGE_RE.search(text) else None
        if instruction is None:
            return None
        self.understood += 1
        # "the first sentence of the definition of "X" is restated": which words of the
        # definition the new sentence replaces is not stated exactly enough to record.
        if instruction.target == "part_of_definition" and not self._edits(paragraph, text):
            self.uninterpreted.append(paragraph)
        return instruction

    def _restate_section(self, instruction: ReadInstruction, text: str) -> None:
        wording = text.split(":", 1)[0]
        if instruction.target == "part" and instruction.clause:
            # "Subsection (c) of Section 10 is restated: "(c) "X" shall mean ..."": a lettered
            # clause, a definition only if its new text is one (then it must be in force).
            self._set("restate_clause", wording)
            self._clause = instruction.clause
            return
        if instruction.target == "part":
            # "The first sentence of Section 4(a) ... is restated": the text that follows
            # replaces words of a section, not the definitions (opaque to definitions).
            self._set("restate_part", wording)
            return
        # A section restated in its entirety restates the definitions only if definitions
        # follow (Section 1 "Definitions"); "Section 4 is restated" with no definition in
        # its new text changes none.
        self._set("restate_all", wording)
        self._pending_section = instruction.section

    def _deletions(self, text: str, span: Span) -> bool:
        found = False
        for deleted in _DELETE_RE.finditer(text):
            if deleted.group("passive") and _PART_IN_FRONT.search(text, 0, deleted.start()):
                # "the proviso at the end of the definition of "X" is deleted" deletes a part
                # of X, not X: left uncovered, the sentence is refused, never read as X deleted.
                continue
            found = True
            self._covered.append(deleted.span())
            terms = (
                deleted.group("terms")
                or deleted.group("passive")
                or deleted.group("infinitive")
                or deleted.group("clauseterm")
                or deleted.group("listed")
                or deleted.group("listed2")
            )
            for term_match in re.finditer(_QUOTED, terms):
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
        return found

    def _edits(self, paragraph: Paragraph, text: str) -> bool:  # noqa: C901 (one branch per form)
        span = _span(paragraph)
        targets = list(_EDIT_TARGET_RE.finditer(text))
        edits: list[tuple[int, str, str, str, str, str | None, _Sibling | None]] = []
        taken: list[range] = []
        unclear: list[str] = []
        for pattern, kind in (
            (_SUBSTITUTE_RE, "substitute"),
            (_INSERT_RE, "insert"),
            (_DELETE_WORDS_RE, "delete_words"),
        ):
            for m in pattern.finditer(text):
                if any(m.start() in r for r in taken):
                    continue
                taken.append(range(m.start(), m.end()))
                self._covered.append(m.span())
                groups = m.groupdict()
                old = next(
                    (groups[k] for k in ("old", "old2", "old3", "old4") if groups.get(k)), ""
                )
                new = next(
                    (groups[k] for k in ("new", "new2", "new3", "new4") if groups.get(k)), ""
                )
                edit = kind
                if kind == "insert":
                    before = m.group("where").casefold() in {"before", "preceding"}
                    edit = "insert_before" if before else "insert_after"
                after = _TRAILING_TARGET.match(text, m.end())
                named = groups.get("target") or (after.group("term") if after else None)
                ref = None if named else _clause_without_definition(text, m.end())
                if ref is not None and (sibling := _lettered_sibling(text, ref)):
                    # "... in clause (b)", and "clause (c) (the definition of "Y")" in the
                    # same sentence: the domain finds the definition clause (b) is, by the
                    # words edited and by its place next to "Y", or refuses.
                    edits.append(
                        (m.start(), edit, old, new, normalise_spaces(m.group(0)), "", sibling)
                    )
                    continue
                if ref is not None:
                    # "... in clause (b)": the edit acts on a clause that the sentence does
                    # not say is a definition; the definition another action of the
                    # sentence names is not its target. Refuse rather than guess.
                    unclear.append(
                        f"the {_EDIT_NOUN[edit]} targets {ref}, which names no definition"
                    )
                    continue
                named = named or _clause_definition(text, m.end())
                edits.append((m.start(), edit, old, new, normalise_spaces(m.group(0)), named, None))
        if unclear:
            self.uninterpreted.append(paragraph)
            self.reasons[paragraph.first_line] = "; ".join(unclear)
        if not edits:
            return bool(unclear)
        if not targets:
            # Words edited, but in which definition? Refuse rather than guess.
            self.uninterpreted.append(paragraph)
            return True
        for start, kind, old, new, wording, named, sibling in sorted(edits, key=lambda e: e[0]):
            # An edit acts on the definition it names ("... from the definition of "B""), else
            # on the one named last before it ("the definition of "A" is amended by deleting
            # ..., and the definition of "B" by ..."), else on the next.
            preceding = [t for t in targets if t.start() < start]
            target = preceding[-1] if preceding else targets[0]
            term = "" if sibling else normalise_spaces(named or target.group("term"))
            self.operations.append(
                ParsedOperation(
                    instruction="edit",
                    term=term,
                    clause=sibling[0] if sibling else None,
                    sibling_clause=sibling[1] if sibling else None,
                    sibling_term=sibling[2] if sibling else None,
                    text=None,
                    inline_terms=[],
                    wording=wording,
                    span=span,
                    edit=kind,  # type: ignore[arg-type]
                    old_words=normalise_spaces(old),
                    new_words=normalise_spaces(new),
                )
            )
        return True

    def _renames(self, text: str, span: Span) -> bool:
        found = False
        for m in _RENAME_RE.finditer(text):
            self._covered.append(m.span())
            old = m.group("old") or m.group("old2") or m.group("old3")
            new = m.group("new") or m.group("new2") or m.group("new3")
            self.operations.append(
                ParsedOperation(
                    instruction="rename",
                    term=normalise_spaces(old),
                    text=None,
                    inline_terms=[],
                    wording=normalise_spaces(m.group(0)),
                    span=span,
                    new_term=normalise_spaces(new),
                )
            )
            found = True
        return found

    def _set(self, instruction: _Mode, wording: str) -> None:
        self._pending_section = None
        self._restated_done = None
        self._clause = None
        self._substituted = {}
        self._instruction = instruction
        self._wording = normalise_spaces(wording).strip(" ,")


_Sibling = tuple[str, str, str]
"""(the clause edited, a sibling clause the sentence names, the definition it holds)."""
_LETTER = re.compile(r"^clause \(([a-z])\)$", _I)


def _lettered_sibling(text: str, ref: str) -> _Sibling | None:
    """A lettered clause of the same list as `ref` that the sentence says is a definition."""
    if _LETTER.match(normalise_spaces(ref)) is None:
        return None
    for m in _CLAUSE_NAMES.finditer(text):
        other = normalise_spaces(m.group("ref") or m.group("ref2") or "")
        if _LETTER.match(other) and other.casefold() != ref.casefold():
            return (
                normalise_spaces(ref),
                other,
                normalise_spaces(m.group("term") or m.group("term2")),
            )
    return None


def _clause_definition(text: str, end: int) -> str | None:
    """The definition held by the clause an edit ending at `end` names, as the text says."""
    clause = _TRAILING_CLAUSE.match(text, end)
    if clause is None:
        return None
    key = _clause_key(clause.group("ref"))
    for m in _CLAUSE_NAMES.finditer(text):
        if _clause_key(m.group("ref") or m.group("ref2")) == key:
            return str(m.group("term") or m.group("term2"))
    return None


def _clause_without_definition(text: str, end: int) -> str | None:
    """The clause an edit ending at `end` names, if the sentence says it holds no definition."""
    clause = _TRAILING_CLAUSE.match(text, end)
    if clause is None or _clause_definition(text, end) is not None:
        return None
    return normalise_spaces(clause.group("ref")).rstrip(".")


def _without_quotes(text: str) -> str:
    return re.sub(rf"[{_Q_OPEN}][^{_Q_OPEN}{_Q_CLOSE}]*[{_Q_CLOSE}]", " ", text)


def _clause_key(ref: str) -> str:
    return "".join(ref.split()).rstrip(".").casefold()


def _unreadable(text: str, definition: re.Match[str] | None) -> str | None:
    """Why a paragraph that looks like a definition cannot be read, if it cannot."""
    if definition is not None:
        term = definition.group("term")
        if len(term) > TERM_LENGTH or "\n" in term:
            return (
                f"a defined term of {len(term)} characters ({term[:40]!r}...): "
                "a closing quote may be missing"
            )
        return None
    looks = _LOOKS_LIKE_DEFINITION.match(text)
    if looks is None:
        return None
    head = looks.group("head")
    opened = sum(head.count(q) for q in _Q_OPEN) + 1
    closed = sum(head.count(q) for q in _Q_CLOSE) - head.count('"')
    if '"' in _Q_OPEN and text.lstrip()[:1] == '"':
        balanced = (head.count('"') + 1) % 2 == 0
    else:
        balanced = opened == closed
    if balanced:
        return None
    return f"unbalanced quotation marks around the defined term ({text[:50]!r})"


def _balanced(body: str) -> str:
    """A definition without the closing quote of the restated text it ends (`... date."`)."""
    if body.count('"') % 2 == 1 and body.endswith('"'):
        return body[:-1].rstrip()
    if body.count("\u201d") > body.count("\u201c") and body.endswith("\u201d"):
        return body[:-1].rstrip()
    return body


def _span(paragraph: Paragraph) -> Span:
    return Span(first_line=paragraph.first_line, last_line=paragraph.last_line)
