"""The vote an instrument requires for its own amendment, as its own text states it.

A certificate of designation usually protects its holders: "So long as any shares of Series E
Preferred Stock are outstanding, the Corporation shall not, without the affirmative vote or
written consent of the holders of at least two-thirds of the outstanding shares of Series E
Preferred Stock, voting separately as a class, amend, alter or repeal any provision of this
Certificate of Designation." That sentence is what `ledger audit` must judge every later
amendment's consents against (DGCL §242(b)(2)).

A wrong requirement is worse than none: the authority check would call an amendment met or
unmet with confidence. So the reader states one only when a single sentence of the
instrument's own text plainly says it:
- the sentence amends this certificate ("this Certificate of Designation(s)", "this
  Certificate"), not only the charter, a merger or the issue of senior stock;
- it names exactly one vote, with a stated fraction, of this instrument's own series, and not
  a vote "together as a single class" with other stock;
- it puts no condition on the amendment ("so as to adversely affect", "that would
  increase ...", "unless"): a conditional requirement applies to some amendments only, and
  which ones is a legal judgement, not a reading;
- no other sentence of the instrument states a different one.
Anything else is refused (nothing recorded: the audit then says where its requirement came
from, or that none is recorded), never guessed.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from ledger.parsing.facts import (
    HOLDERS_RE,
    REQUISITE_VOTE_RE,
    SHARES_VOTE_RE,
    consent_of,
    same_series,
)
from ledger.parsing.source import FoldedText, Paragraph
from ledger.statements import ParsedConsent, ParsedRequirement, Span

_FLAGS = re.IGNORECASE
_AMENDS = re.compile(r"\b(?:amend\w*|alter\w*|repeal\w*|modif\w*|supplement\w*|waiv\w*)\b", _FLAGS)
_THIS_CERTIFICATE = re.compile(
    r"\b(?:this|the)\s+(?:Certificate\s+of\s+(?:Designations?|Powers)|Certificate|"
    r"Statement\s+of\s+Designations?)\b(?!\s+of\s+(?:Incorporation|Formation|Merger))",
    _FLAGS,
)
_CONDITION = re.compile(
    r"\b(?:advers\w*|material\w*|so\s+as\s+to|that\s+would|which\s+would|would\s+(?:alter|"
    r"change|affect|impair)|if\s+(?:such|the|any)|to\s+the\s+extent|in\s+(?:a|any)\s+manner|"
    r"unless|except|provided|other\s+than|increase|decrease|reduce|affect\w*|impair\w*|"
    r"prejudic\w*)\b",
    _FLAGS,
)
# "Except as otherwise required by law," / "in addition to any other vote required by law,":
# other votes the statute may add, not a condition on this one.
_SAVINGS = re.compile(
    r"\bexcept\s+as\s+(?:otherwise\s+)?(?:expressly\s+)?(?:provided|required|set\s+forth)"
    r"[^,;]{0,80}?\b(?:law|herein|hereby|hereof|Certificate(?:\s+of\s+\w+)?)\s*,"
    r"|\bin\s+addition\s+to\s+any\s+(?:other\s+)?(?:vote|consent|approval)[^,;]{0,160}?,",
    _FLAGS,
)
_TOGETHER = re.compile(
    r"together\s+(?:as\s+a\s+single\s+class\s+)?with|as\s+a\s+single\s+class", _FLAGS
)
_VOTE_WORDS = re.compile(r"\b(?:vote|consent|approval)\b", _FLAGS)
_SENTENCE_END = re.compile(r"(?<=[a-z0-9)\"\u201d])\.(?=\s+[A-Z(\"\u201c]|$)")


def amendment_requirement(
    paragraphs: Iterable[Paragraph], series: str
) -> tuple[ParsedRequirement | None, str | None]:
    """The requirement the text states, or None and why it was refused (None: none stated)."""
    found: list[ParsedRequirement] = []
    refusals: list[str] = []
    for paragraph in paragraphs:
        folded = FoldedText.of(list(paragraph.lines))
        for start, end in _sentences(folded.text):
            sentence = folded.text[start:end]
            if not (_AMENDS.search(sentence) and _VOTE_WORDS.search(sentence)):
                continue
            if not _THIS_CERTIFICATE.search(sentence):
                continue  # a merger, senior stock or the charter: not this certificate's amendment
            requirement, why = _read(folded, start, end, series)
            if requirement is not None:
                found.append(requirement)
            elif why is not None:
                line = folded.line_at(start)
                refusals.append(f"line {line}: {why}")
    if refusals:
        return None, refusals[0]
    distinct = {tuple((c.class_name, c.threshold.fraction) for c in r.consents) for r in found}
    if len(distinct) > 1:
        lines = ", ".join(str(r.span.first_line) for r in found)
        return None, f"lines {lines}: the certificate states different votes to amend it"
    return (found[0], None) if found else (None, None)


def _read(
    folded: FoldedText, start: int, end: int, series: str
) -> tuple[ParsedRequirement | None, str | None]:
    sentence = folded.text[start:end]
    votes = [
        m
        for pattern in (HOLDERS_RE, SHARES_VOTE_RE, REQUISITE_VOTE_RE)
        for m in pattern.finditer(sentence)
    ]
    if len(votes) != 1:
        return None, (
            "a vote to amend this certificate by holders it does not count in shares"
            if not votes
            else "more than one vote named in the clause that requires a vote to amend"
        )
    consent = consent_of(folded, votes[0], offset=start)
    why = _refusal(sentence, consent, series)
    if why is not None:
        return None, why
    span = Span(first_line=folded.line_at(start), last_line=folded.line_at(end - 1))
    wording = " ".join(sentence.split())
    return ParsedRequirement(consents=[consent], wording=wording, span=span), None


def _refusal(sentence: str, consent: ParsedConsent, series: str) -> str | None:
    """Why a clause naming one vote to amend is still not a requirement to record, if it is not."""
    if (condition := _CONDITION.search(_SAVINGS.sub(" ", sentence))) is not None:
        return f"the vote to amend applies only on a condition ({condition.group(0)!r})"
    if _TOGETHER.search(sentence):
        return "the vote to amend is taken together with other stock"
    if not consent.threshold.stated:
        return "the vote to amend names no fraction"
    if not same_series(consent.class_name, series, strict=True):
        return f"the vote to amend is of another class ({consent.class_name!r})"
    return None


def _sentences(text: str) -> list[tuple[int, int]]:
    """Sentence offsets: a clause ends at "." or ";" before a capital or the end."""
    spans, first = [], 0
    for m in _SENTENCE_END.finditer(text):
        spans.append((first, m.end()))
        first = m.end()
        while first < len(text) and text[first].isspace():
            first += 1
    if first < len(text):
        spans.append((first, len(text)))
    return spans
