"""The role of each paragraph of a certificate, so each fact is read only where it is stated.

A filing is not a bag of phrases: a "dated as of" inside a definition belongs to a credit
agreement, "a Delaware corporation" inside a definition names a counterparty, a date in a
restated section is a term of the security. So the reader first says what each paragraph
is, then reads the issuer from the caption and preamble, the board action and consents from
the preamble, recitals and resolutions, the execution from the testimonium and signature
block, and nothing at all from inserted text (definitions and restated sections).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from ledger.parsing.dates import DATE_PATTERN
from ledger.parsing.source import FoldedText, Line, Paragraph

Role = Literal[
    "caption",
    "preamble",
    "recital",
    "operative",
    "inserted",
    "effectiveness",
    "testimonium",
    "signature",
]
FACT_ROLES: frozenset[Role] = frozenset({"preamble", "recital", "operative", "effectiveness"})
"""Where a certificate states its own corporate acts (board action, consents, dates)."""

_Q = "\"'\u201c\u2018"
DEFINITION_START = re.compile(
    rf"^(?:\(?[A-Za-z0-9]{{1,4}}[.)]\s*)?(?:As used (?:herein|in this [^,]{{1,60}}),\s+)?"
    rf"(?:[Tt]he\s+(?:term\s+)?)?[{_Q}][^\"\u201c\u201d]{{1,200}}[\"'\u201d\u2019],?\s+"
    r"(?:shall\s+|will\s+|is\s+)?(?:means?\b|ha(?:s|ve)\s+the\s+meaning|refers?\b|"
    r"shall\s+refer\b|includes?\b|be\s+deemed\b|=)",
)
_STRONG = re.compile(
    r"^(?:WHEREAS\b|(?:FURTHER\s+)?RESOLVED\b|NOW,?\s+THEREFORE\b|"
    r"(?:FIRST|SECOND|THIRD|FOURTH|FIFTH|SIXTH|SEVENTH|EIGHTH|NINTH|TENTH)\s*:)"
)
_RECITAL = re.compile(
    r"^(?:WHEREAS\b|(?:FIRST|SECOND|THIRD|FOURTH|FIFTH|SIXTH|SEVENTH|EIGHTH|NINTH|TENTH)\s*:"
    r"|\d{1,2}\.\s+(?:That|The)\b)"
)
# "Dated as of <date>" alone on its line heads a signature block that has no testimonium.
_TESTIMONIUM = re.compile(
    rf"IN\s+WITNESS\s+WHEREOF|^Dated\s*:|^Dated\s+as\s+of\s+{DATE_PATTERN}\s*\.?$", re.IGNORECASE
)
# So does a state form's signature box after the body ("6. Signature (required):" then
# "/s/ <name>"); in the heading, "/s/ <name>" is the Secretary of State's filing stamp.
_SIGNATURE_BOX = re.compile(r"^/s/\s*\S")
_SIGNATURE_LINE = re.compile(r"^(?:By|Name|Title|Its|Attest|Dated)\s*:|/s/", re.IGNORECASE)
_AMENDING = re.compile(
    r"\b(?:amended|amend|restated|deleted|deleting|adding|inserting|substituting|replaced|"
    r"corrected|striking|renamed)\b",
    re.IGNORECASE,
)
_OPENS_INSERTED = re.compile(r"(?:as follows|the following|read)\s*[:.]?\s*$", re.IGNORECASE)
_EFFECTIVENESS = re.compile(
    r"\b(?:this|the\s+foregoing)\s+(?:Certificate|amendment|Corrected\s+Certificate)\b"
    r"[^.]{0,160}?\b(?:shall\s+)?(?:become|becomes|be|is)\s+effective\b",
    re.IGNORECASE,
)
_PREAMBLE = re.compile(
    r"hereby\s+certif|does\s+certify|certifies\s+that|^I,\s|\(the\s+[\"\u201c](?:Corporation|Company)"
    r"|\ban?\s+[A-Z][a-z]+\s+corporation\b|corporation\s+organized\s+and\s+existing",
    re.IGNORECASE,
)
_NUMBERED = re.compile(r"^\d{1,2}\.\s+[A-Z]")
# "... to read as follows: <text> and (b) by adding the following new definition ...": the
# next lettered action of the same sentence, after the inserted text, is an instruction again.
_LETTERED_NEXT_ACTION = re.compile(
    r"^(?:and|or)?\s*\((?:[a-z]|[ivx]{1,4})\)\s+by\s+(?:adding|inserting|deleting|amending|"
    r"restating|striking|substituting|replacing|renumbering|renaming)\b",
    re.IGNORECASE,
)
_CAPTION_WORDS = 25  # a heading block is short; a preamble is a sentence of more words


@dataclass(frozen=True)
class RoledParagraph:
    """A paragraph and what it is in the certificate."""

    paragraph: Paragraph
    role: Role


def assign_roles(paragraphs: list[Paragraph]) -> list[RoledParagraph]:
    """Give every paragraph its role, in order (see the module docstring)."""
    roles: list[Role] = []
    phase = "caption"
    inserted = numbered = False
    for paragraph in paragraphs:
        text = paragraph.text
        role: Role
        if phase == "closing":
            role = "signature"
        elif (
            _TESTIMONIUM.search(text) or (phase == "body" and _SIGNATURE_BOX.match(text))
        ) and not DEFINITION_START.match(text):
            role, phase, inserted = "testimonium", "closing", False
        elif phase == "caption" and _is_caption(paragraph):
            role = "caption"
        elif (
            DEFINITION_START.match(text)
            or text[:1] in _Q
            or (inserted and not _ends_insertion(text))
        ):
            role = "inserted"
        else:
            inserted = False
            role = _body_role(text, phase)
            phase = "preamble" if role == "preamble" and phase == "caption" else "body"
        if role == "operative" and _OPENS_INSERTED.search(text):
            inserted, numbered = True, _NUMBERED.match(text) is not None
        elif inserted and numbered and role == "inserted" and _NUMBERED.match(text):
            # "4. All other provisions ..." after "3. ... is corrected to read as follows:".
            role, inserted = _body_role(text, "body"), False
        roles.append(role)
    return [RoledParagraph(p, r) for p, r in zip(paragraphs, roles, strict=True)]


def _body_role(text: str, phase: str) -> Role:
    """The role of a paragraph that is neither heading, inserted text nor closing."""
    if _EFFECTIVENESS.search(text) and not _AMENDING.search(text):
        return "effectiveness"
    if phase == "caption" or (phase == "preamble" and _PREAMBLE.search(text)):
        return "preamble" if _PREAMBLE.search(text) or phase == "caption" else "recital"
    if _RECITAL.match(text):
        return "recital"
    if text.startswith(("RESOLVED", "FURTHER RESOLVED")) or _AMENDING.search(text):
        return "operative"
    return "recital"


def _is_caption(paragraph: Paragraph) -> bool:
    """A heading: capitals, or a short line such as "Pursuant to Section 151 of the DGCL"."""
    text = paragraph.text
    if _PREAMBLE.search(text) and not text.isupper():
        return False
    if _STRONG.match(text) or _TESTIMONIUM.search(text):
        return False
    if len(text.split()) < _CAPTION_WORDS:
        return True
    upper = sum(map(str.isupper, text))  # capitals are letters: no need to keep only letters
    return upper * 2 >= sum(map(str.isalpha, text))


def _ends_insertion(text: str) -> bool:
    """Inserted text runs on until the next resolution, recital or amending instruction."""
    if _STRONG.match(text) or _EFFECTIVENESS.search(text):
        return True
    if text.startswith(("Except as", "Except for", "All other", "Other than")):
        return True
    if _LETTERED_NEXT_ACTION.match(text):
        return True
    head = text[:200]
    return bool(
        re.match(r"^(?:\d{1,2}\.|\([a-z0-9]{1,4}\))?\s*(?:The\s|Section\s|Article\s|That\s)", head)
        and re.search(
            r"\b(?:is|are)\s+(?:hereby\s+)?(?:further\s+)?(?:amended|restated|deleted)", head
        )
    )


def lines_of(roled: list[RoledParagraph], *roles: Role) -> list[Line]:
    """The lines of every paragraph with one of `roles`, in order."""
    wanted = set(roles)
    return [line for r in roled if r.role in wanted for line in r.paragraph.lines]


def folded(roled: list[RoledParagraph], *roles: Role) -> FoldedText:
    """The paragraphs with one of `roles` as one folded text (lines keep their numbers)."""
    return FoldedText.of(lines_of(roled, *roles))
