"""A grammar for the head of an operative instruction: its target, its action, its scope.

"The first sentence of Section 4(a) of the Certificate of Designation is hereby amended and
restated in its entirety to read as follows:" restates part of a section and says nothing
about the definitions; "Section 1 ... is amended by deleting the definitions of "A" and "B""
acts on two definitions; "Section 1.2 of Article 1 ... is amended and restated" restates a
section that may or may not be the definitions. Regex priority lists got these wrong; a
small grammar (lark, Earley) states the forms, and a new phrasing is one alternative plus
one test. Quoted words are replaced by a placeholder before parsing (their text is kept
aside), so the grammar never has to read inside them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Literal

from lark import Lark, Token, Tree
from lark.exceptions import LarkError

TargetKind = Literal[
    "definition",
    "definitions",
    "following_definitions",
    "section",
    "part",
    "part_of_definition",
    "certificate",
]
Action = Literal[
    "restate",
    "amend_as_follows",
    "amend_by",
    "delete",
    "add",
    "correct",
    "substitute_whole",
    "append",
    "restate_clause",
    "renumber",
]

_GRAMMAR = r"""
start: instruction _REST?

instruction: target _DOCREF? _BE action

?target: part_of_definition | part | following_definitions | definitions | definition
       | sections | certificate
part_of_definition: PART "of"i "the"i "definition"i "of"i Q (_IN section_ref)?
part: PART "of"i section_ref
definition: "the"i "definition"i "of"i Q (_IN section_ref)?
definitions: "the"i "definitions"i "of"i Q ("," Q)* ","? "and"i Q
following_definitions: "the"i "following"i "definitions"i (_IN section_ref)?
sections: section_ref ("," section_ref)* (","? "and"i section_ref)?
certificate: "the"i CERTIFICATE_NAME
section_ref: SECTION

action: append | restate_clause | renumber | substitute_whole | restate | amend_as_follows
      | amend_by | delete | add | correct
append: APPEND
restate_clause: RESTATE_CLAUSE
renumber: RENUMBER
substitute_whole: DELETED_SUBSTITUTED
restate: RESTATE_VERB (ENTIRETY _TO_READ? | _TO_READ) | AMENDED ENTIRETY _TO_READ
amend_as_follows: AMENDED _TO_READ
amend_by: AMEND_BY
delete: DELETED
add: "added"i
correct: "corrected"i _TO_READ

_BE: /,?\s*(?:is|are|be|shall be|will be)(?: hereby)?(?: further)?\b/i
_IN: /(?:in|of|set forth in|contained in)(?: the)?/i
_DOCREF: /,?\s*(?:of|in|as set forth in) (?:the|said|this|such|its)\b[^:;]*?(?=,?\s+(?:is|are|be|shall be|will be)\b)|,/i
RESTATE_VERB: /amended and restated|restated|replaced|amended and replaced/i
AMENDED: /amended(?! by\b)(?! to\b(?! (?:read|provide)\b))|modified(?! by\b)/i
ENTIRETY: /in (?:its|their) entirety/i
_TO_READ: /,? ?(?:(?:so as |and shall henceforth )?(?:to )?(?:read|provide)(?: in full| in (?:its|their) entirety)?|so that[^:]*) as follows|,? ?(?:to read|as follows)/i
// "amended by adding at the end thereof the following:" (words appended to the target)
APPEND: /amended (?:by|to) (?:adding|inserting|add|insert) (?:thereto |therein )?(?:(?:the following|the words|the phrase|the sentence|a new sentence)(?: (?:words|phrase|sentence|text))? )?at the end (?:thereof|of (?:such|the|said|that) (?:definition|section|paragraph|sentence))/i
// "amended by amending and restating clause (a) [thereof] to read in its entirety as follows:"
RESTATE_CLAUSE: /amended (?:by|to) (?:amending and restating|restating|amend and restate|restate) (?:clause|subclause|paragraph|subparagraph|subsection) \(?[A-Za-z0-9]{1,5}\)?(?: (?:thereof|therein|of such section))?/i
RENUMBER: /(?:amended (?:by|to) )?renumber(?:ed|ing)?\b/i
AMEND_BY: /(?:amended|modified) (?:by\b|to\b(?! (?:read|provide)\b))(?! (?:adding|inserting|add|insert)\b[^:;]{0,60}\bat the end\b)(?! (?:amending and restating|restating|amend and restate|restate) (?:clause|subclause|paragraph|subparagraph|subsection)\b)(?! renumber)/i
// "deleted in its entirety and the following substituted therefor" replaces the target
DELETED_SUBSTITUTED: /deleted(?: in (?:its|their) entirety)?,? and,? (?:(?:in lieu|in place) thereof,? )?(?:there (?:is|are|shall be) substituted (?:therefor )?the following|the following (?:is |are |shall be )?(?:substituted|inserted) (?:therefor|in (?:lieu|place) thereof))/i
DELETED: /deleted(?: in (?:its|their) entirety)?(?![^.:;]{0,60}\b(?:substitut|in (?:lieu|place) thereof))/i
PART: /(?:the )?(?:(?:first|second|third|fourth|fifth|last|final|penultimate|\w+) (?:sentence|paragraph|proviso)|clause \(?\w{1,5}\)?|subsection \(?\w{1,5}\)?|subparagraph \(?\w{1,5}\)?)/i
SECTION: /(?:the )?(?:section|article|paragraph|subsection)s? [\w.()\-]+(?: of (?:article|section|paragraph|part|exhibit|annex|schedule) [\w.()\-]+)*/i
CERTIFICATE_NAME: /(?:amended and restated |restated )?certificate of (?:designations?|the powers|voting powers)[^:;]*?(?=,? (?:is|are|be|shall be)\b)/i
Q: "QUOTED"
_REST: /.+/s

%import common.WS
%ignore WS
"""  # noqa: E501 (a grammar's terminals are regexes, one per line)

_QUOTED = re.compile('["\u201c]([^"\u201c\u201d]*)["\u201d]')
_TARGET_START = re.compile(
    r"\b(?:the |each )?(?:(?:first|second|third|fourth|fifth|last|final|penultimate) )?"
    r"(?:sentence|proviso|paragraph|subparagraph|clause|subsection|section|article|"
    r"definitions?|following definitions|certificate|amended and restated certificate|"
    r"restated certificate)\b",
    re.IGNORECASE,
)
_CLAUSE_LETTER = re.compile(r"\(?([A-Za-z0-9]{1,5})\)?(?: (?:thereof|therein|of such section))?$")
_LETTERED_PART = re.compile(
    r"(?:the )?(?:clause|subclause|subsection|subparagraph) \(?([A-Za-z0-9]{1,5})\)?", re.IGNORECASE
)
# Words in front of "the definition of": the definition is the object of a preposition
# ("the parenthetical in", "the proviso at the end of"), so a part of it is the target.
_OBJECT_OF_A_PART = re.compile(r"\b(?:of|in|within|from|to)\s*$", re.IGNORECASE)
_HEAD_LIMIT = 600  # the instruction's head; inserted text after "as follows:" is not parsed


@dataclass(frozen=True)
class Instruction:
    """What an operative sentence says it does, read by the grammar."""

    target: TargetKind
    action: Action
    section: str | None
    terms: tuple[str, ...]
    clause: str | None = None
    """The clause letter a clause-level action names ("a" of "restating clause (a)")."""


@cache
def _parser() -> Lark:
    return Lark(_GRAMMAR, parser="earley", lexer="dynamic_complete", ambiguity="resolve")


@lru_cache(maxsize=4096)
def read_instruction(sentence: str) -> Instruction | None:
    """The instruction an operative sentence states, or None if the grammar cannot read it."""
    head = sentence.split(":", 1)[0][:_HEAD_LIMIT]
    quoted = [m.group(1) for m in _QUOTED.finditer(head)]
    text = " ".join(_QUOTED.sub(" QUOTED ", head).split())
    # The leftmost target that parses is the sentence's target: "the first sentence of
    # Section 4(a) of the Certificate ..." is about the sentence, not the certificate.
    for start in _TARGET_START.finditer(text):
        try:
            tree = _parser().parse(text[start.start() :])
        except LarkError:
            continue
        before = text[: start.start()].count("QUOTED")
        found = _instruction(tree, quoted[before:])
        if (
            found is not None
            and found.target == "definition"
            and _OBJECT_OF_A_PART.search(text[: start.start()])
        ):
            # "the proviso at the end of the definition of "X" is deleted": the definition is
            # only where the real target (a part of it the grammar does not name) lies.
            return Instruction("part_of_definition", found.action, found.section, found.terms)
        return found
    return None


def _instruction(tree: Tree[Token], quoted: list[str]) -> Instruction | None:
    instruction = next(tree.find_data("instruction"), None)
    if instruction is None:
        return None
    target, action_tree = instruction.children[0], instruction.children[-1]
    if not isinstance(target, Tree) or not isinstance(action_tree, Tree):
        return None
    action = action_tree.children[0]
    if not isinstance(action, Tree):
        return None
    kind = str(target.data)
    section = next(
        (
            str(t)
            for t in target.scan_values(lambda v: isinstance(v, Token) and v.type == "SECTION")
        ),
        None,
    )
    count = sum(1 for v in target.scan_values(lambda v: isinstance(v, Token) and v.type == "Q"))
    terms = tuple(quoted[:count])
    clause = next(
        (
            m.group(1)
            for t in action.scan_values(
                lambda v: isinstance(v, Token) and v.type == "RESTATE_CLAUSE"
            )
            if (m := _CLAUSE_LETTER.search(str(t)))
        ),
        None,
    ) or next(
        (
            m.group(1)
            for t in target.scan_values(lambda v: isinstance(v, Token) and v.type == "PART")
            if (m := _LETTERED_PART.fullmatch(" ".join(str(t).split())))
        ),
        None,
    )
    return Instruction(
        target="section" if kind == "sections" else kind,  # type: ignore[arg-type]
        action=str(action.data),  # type: ignore[arg-type]
        section=" ".join(section.split()) if section else None,
        terms=terms,
        clause=clause,
    )
