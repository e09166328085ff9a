"""Parenthetical definitions: a term defined in passing in the instrument's own text.

Certificates of designation define many of their terms inside the sentence that fixes them:
`Each share shall have a stated value of $1,000 (the "Stated Value").`, `(as so adjusted, the
"Conversion Price")`, `(hereinafter called the "Senior Notes")`. Each is recorded like a
`"X" means` definition: the term, the whole sentence as its text, the sentence's lines.

Not every quoted short name is a term of the instrument, and a ledger that invents terms is
wrong with confidence (`check` and `refs` would reason about phantoms). So:
- only the instrument's own text counts: the body of an original or a restatement, and the
  text an amendment inserts under an instruction the reader understood; never the caption,
  preamble, recitals (`WHEREAS`), resolving clauses (`RESOLVED, that ... (the "Certificate of
  Designation")`) or the closing, where short names name the issuer, its board, the statute or
  another document;
- short names of the issuer, its organs and the statute (`(the "Corporation")`, `(the
  "Board")`, `(the "DGCL")`) and of documents (`(the "Certificate")`, `(the "Amendment")`) are
  never terms, wherever they stand;
- a parenthetical inside a quoted definition (`"Credit Agreement" means ... (the "Lenders")`)
  is an inline term of that definition, already recorded with it, never a second copy;
- a term the certificate also defines by `"X" means`, or defines twice in parentheses, is
  recorded once.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from ledger.parsing.roles import RoledParagraph
from ledger.parsing.source import FoldedText, Paragraph, join_lines
from ledger.statements import Instruction, ParsedOperation, Span
from ledger.terms import normalise_spaces, term_key

_OPEN = '"\u201c'
_CLOSE = '"\u201d'
# "(the "X")", "("X")", "(as so adjusted, the "X")", "(hereinafter called the "X")",
# "(and referred to as the "X")", "(each, a "X")", "(collectively, the "X")".
_PARENTHETICAL = re.compile(
    rf"\((?P<lead>[^()\"\u201c\u201d]{{0,80}}?)[{_OPEN}](?P<term>[^{_OPEN}{_CLOSE}()]{{1,120}})"
    rf"[{_CLOSE}]\)"
)
_LEAD = re.compile(
    r"^(?:[a-z][a-z ,-]{0,60},\s*)?(?:and\s+)?(?:(?:hereinafter|herein|hereafter)\s+)?"
    r"(?:(?:called|referred\s+to\s+(?:herein\s+)?as|designated(?:\s+as)?|defined\s+as)\s*)?"
    r"(?:the|a|an)?$"
)
# Words that make a parenthetical a cross-reference, not a definition ("(the definition of
# "X")", "(as defined in ...)", "(as such term is used in ...)").
_NOT_A_DEFINITION = re.compile(
    r"\b(?:definition|defined\s+in|meaning|term|used\s+in)\b", re.IGNORECASE
)
_TERM_START = re.compile(r"^[A-Z0-9$]")
# The issuer, its organs and the statute: what a preamble names, never a term of the series.
_PARTIES = frozenset(
    {
        "corporation",
        "company",
        "issuer",
        "board",
        "board of directors",
        "directors",
        "dgcl",
        "gcl",
        "delaware law",
        "nrs",
        "bcl",
        "secretary of state",
    }
)
# Short names of documents: the certificate itself, the one it amends, the charter.
_DOCUMENT = re.compile(
    r"\b(?:Certificates?|Amendments?|Charter|Articles|Resolutions?|By-?[Ll]aws|Designations?)$"
    r"|\bCertificates?\b|\bArticles of\b|\bBy-?[Ll]aws\b|\bCharter\b"
)
# Paragraphs that recite or resolve rather than state the instrument's terms.
_NOT_THE_INSTRUMENT = re.compile(
    r"^[\"\u201c]?(?:WHEREAS\b|(?:FURTHER\s+|IT\s+IS\s+)?RESOLVED\b|NOW,?\s+THEREFORE\b|"
    r"(?:FIRST|SECOND|THIRD|FOURTH|FIFTH|SIXTH|SEVENTH|EIGHTH|NINTH|TENTH)\s*:|I,\s)"
    r"|hereby\s+certif|does\s+(?:hereby\s+)?certify|certifies\s+that",
    re.IGNORECASE,
)
_QUOTED_DEFINITION = re.compile(
    rf"[{_OPEN}][^{_OPEN}{_CLOSE}]{{1,120}}[{_CLOSE}],?\s+(?:shall\s+|will\s+)?"
    r"(?:means?\b|ha(?:s|ve)\s+the\s+meanings?\b|refers?\s+to\b|shall\s+refer\s+to\b)",
    re.IGNORECASE,
)
_ABBREVIATION = re.compile(
    r"(?:\b(?:Inc|Corp|Co|Ltd|No|Nos|Sec|Secs|Art|St|Mr|Ms|Mrs|Dr|Jr|Sr|N\.V|L\.P|S\.A|U\.S|"
    r"N\.A|etc|viz|i\.e|e\.g)|\b[A-Z])\.$",
    re.IGNORECASE,
)
# A sentence ends at ".", "!" or "?" (a closing quote or parenthesis may follow) before white
# space and what opens a sentence.
_SENTENCE_END = re.compile(rf"[.!?][{_CLOSE}\u2019')]?(?=\s+[A-Z0-9{_OPEN}(\u2018'])")
_LEADING_NUMBER = re.compile(
    rf"^[{_OPEN}]?\s*(?:(?:Section\s+)?\d{{1,3}}(?:\.\d{{1,3}})+\.?\s+|\([a-z0-9]{{1,4}}\)\s+)",
    re.IGNORECASE,
)


def is_party_or_document(term: str) -> bool:
    """Whether a short name names the issuer, its organs, the statute or a document."""
    words = normalise_spaces(term)
    return term_key(words) in _PARTIES or _DOCUMENT.search(words) is not None


def instrument_paragraphs(roled: list[RoledParagraph]) -> list[Paragraph]:
    """The paragraphs that state the instrument's own terms (an original's or restatement's).

    Everything but the caption, the preamble, the closing, and the paragraphs that recite or
    resolve (`WHEREAS`, `RESOLVED`, `FIRST:`, "hereby certifies"). Roles alone do not decide
    it: a Nevada form puts its Exhibit A after the signature, and a numbered terms section
    may be read as a recital.
    """
    return [
        r.paragraph
        for r in roled
        if r.role not in {"caption", "preamble", "testimonium"}
        and not _NOT_THE_INSTRUMENT.search(r.paragraph.text[:300])
        and not _is_signature_line(r.paragraph.text)
    ]


def inserted_paragraphs(roled: list[RoledParagraph], refused: frozenset[int]) -> list[Paragraph]:
    """The text an amendment inserts, under an instruction the reader did not refuse.

    `refused` are the first lines of paragraphs the reader could not interpret: text inserted
    under such an instruction says nothing the ledger may record.
    """
    found: list[Paragraph] = []
    introduced_by: int | None = None
    for r in roled:
        if r.role != "inserted":
            introduced_by = r.paragraph.first_line
            continue
        if introduced_by is not None and introduced_by not in refused:
            found.append(r.paragraph)
    return found


def parenthetical_definitions(
    paragraphs: Iterable[Paragraph], instruction: Instruction, defined: Iterable[str]
) -> list[ParsedOperation]:
    """Every parenthetical definition in `paragraphs`, as operations of `instruction`.

    `defined` are the terms the certificate defines otherwise (quoted definitions and their
    inline terms): a parenthetical never defines one of them a second time.
    """
    seen = {term_key(t) for t in defined}
    operations: list[ParsedOperation] = []
    for paragraph in paragraphs:
        folded = FoldedText.of(list(paragraph.lines))
        text = folded.text
        for match in _PARENTHETICAL.finditer(text):
            term = normalise_spaces(match.group("term"))
            if not _is_definition(match.group("lead"), term) or term_key(term) in seen:
                continue
            start, end = _sentence_around(text, match.start(), match.end())
            sentence = text[start:end]
            if _QUOTED_DEFINITION.search(sentence):
                continue  # inside a quoted definition: an inline term, recorded with it
            recorded = _sentence_text(folded, start, end)
            if not _ENDS.search(recorded):
                continue  # a sentence that runs off (a cut-off copy): its end is not known
            seen.add(term_key(term))
            operations.append(
                ParsedOperation(
                    instruction=instruction,
                    term=term,
                    text=recorded,
                    inline_terms=[],
                    wording="parenthetical definition",
                    span=Span(first_line=folded.line_at(start), last_line=folded.line_at(end - 1)),
                )
            )
    return operations


def _is_definition(lead: str, term: str) -> bool:
    lead = normalise_spaces(lead)
    return bool(
        _LEAD.match(lead)
        and not _NOT_A_DEFINITION.search(lead)
        and _TERM_START.match(term)
        and not is_party_or_document(term)
    )


def _sentence_around(text: str, start: int, end: int) -> tuple[int, int]:
    """The offsets of the sentence holding text[start:end] ("Inc." ends no sentence)."""
    first = 0
    for m in _SENTENCE_END.finditer(text, 0, start):
        if not _ABBREVIATION.search(text[max(m.start() - 5, 0) : m.start() + 1]):
            first = m.end()
    last = len(text)
    for m in _SENTENCE_END.finditer(text, end):
        if not _ABBREVIATION.search(text[max(m.start() - 5, 0) : m.start() + 1]):
            last = m.start() + 1
            break
    while first < start and text[first].isspace():
        first += 1
    return first, last


def _sentence_text(folded: FoldedText, start: int, end: int) -> str:
    """The sentence as recorded: hard wraps joined, its clause number and outer quote dropped."""
    pieces = []
    for i, line_start in enumerate(folded.starts):
        line_end = folded.starts[i + 1] - 1 if i + 1 < len(folded.starts) else len(folded.text)
        lo, hi = max(start, line_start), min(end, line_end)
        if lo < hi:
            pieces.append(folded.text[lo:hi])
    sentence = _LEADING_NUMBER.sub("", join_lines(pieces))
    if sentence.count("\u201d") > sentence.count("\u201c"):
        sentence = sentence.removesuffix("\u201d")
    if sentence.count('"') % 2 == 1:
        sentence = sentence.removesuffix('"').removeprefix('"')
    return sentence.strip()


_ENDS = re.compile(r"[.;:!?)\]\"'\u201d\u2019]\s*$")
_SIGNATURE = re.compile(r"^\s*(?:By|Name|Title|Its|Attest|Dated)\s*:|/s/", re.IGNORECASE)


def _is_signature_line(text: str) -> bool:
    return _SIGNATURE.search(text) is not None
