"""Which defined terms a definition uses, and what a set of definitions leaves undefined.

A definition uses a term when the term's exact capitalised words appear in its text
(longest term first, so "Lucent Facility" is not also a use of a term "Lucent"). What is
capitalised but matches no term, no proper name ("State Street Bank and Trust Company")
and no word every certificate capitalises ("Section", "Board of Directors") is reported as
used but not defined: often a term the unrecorded original defines, like "Lucent" in the
seed.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from ledger.terms import normalise_spaces, term_key

_QUOTED = re.compile('["\u201c][^"\u201c\u201d]*["\u201d]')
# Every pattern below is bounded so that a scan is linear in the text's length, whatever the
# text: a match starts only at the start of a word, and repetitions have a ceiling (a name of
# more than 12 words, a security of more than 8, is not recognised as one). Unbounded
# versions took quadratic time on a run of capitals (issue 11: 16k characters, 13 s).
_ENTITY = re.compile(
    r"(?<![\w&.'-])(?:[A-Z][\w&.'-]*,?\s+(?:(?:and|of|&)\s+)?){0,12}?[A-Z][\w&.'-]*,?\s+"
    r"(?:Inc\.|Incorporated|LLC|L\.L\.C\.|Corporation|Company|Co\.|Corp\.|N\.A\.|L\.P\.|"
    r"Ltd\.|plc|PLC|Bank|Trust)(?:,?\s+(?:N\.A\.|Inc\.|L\.P\.|Ltd\.))?"
)
_SHORTEST_WORD = 2  # a lone capital is a clause letter or an initial, never a term
_SECURITY = re.compile(
    r"(?<![\w-])Series [A-Z0-9-]+(?: [A-Z][\w-]*){0,8}? (?:Preferred|Common) Stock"
)
_CAPITALISED = re.compile(r"[A-Z][A-Za-z'-]*(?:\s+(?:of\s+|and\s+|&\s+)?[A-Z][A-Za-z'-]*)*")
# What ends a sentence or opens a clause: a capital right after it starts a sentence.
_SENTENCE_BREAK = re.compile(r"[.;:]\s+|\(\s*[a-z0-9]+\)\s+")
# Words certificates capitalise without defining them here: the instrument's own vocabulary.
_VOCABULARY = frozenset(
    term_key(word)
    for word in (
        "Section",
        "Sections",
        "Article",
        "Articles",
        "Certificate",
        "Certificate of Designation",
        "Certificate of Incorporation",
        "Certificate of Amendment",
        "Board",
        "Board of Directors",
        "Corporation",
        "Delaware",
        "State",
        "State of Delaware",
        "Secretary of State",
        "General Corporation Law",
        "DGCL",
        "Series",
        "Preferred Stock",
        "Common Stock",
        "Exhibit",
        "Schedule",
        "United States",
        "New York",
        "Securities Act",
        "Exchange Act",
        "Eastern",
        "I",
        "II",
        "III",
        "IV",
        "V",
        "VI",
        "VII",
        "VIII",
        "IX",
        "X",
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
        "Saturday",
        "Sunday",
    )
)


def term_pattern(terms: Iterable[str]) -> re.Pattern[str] | None:
    """One pattern matching any of `terms` as whole words, longest first."""
    names = sorted({normalise_spaces(t) for t in terms if t.strip()}, key=len, reverse=True)
    if not names:
        return None
    alternatives = "|".join(re.escape(n).replace(r"\ ", r"\s+") for n in names)
    return re.compile(rf"(?<![\w])(?:{alternatives})(?![\w])")


def uses(text: str, own: str, inline: list[str], pattern: re.Pattern[str] | None) -> list[str]:
    """The terms `text` uses, in order of first use, without itself or what it defines inside."""
    if pattern is None:
        return []
    skip = {term_key(own), *(term_key(t) for t in inline)}
    found = [normalise_spaces(m.group(0)) for m in pattern.finditer(_body(text))]
    return [t for t in dict.fromkeys(found) if term_key(t) not in skip]


def undefined(text: str, pattern: re.Pattern[str] | None) -> list[str]:
    """Capitalised words `text` uses that are neither terms, proper names nor vocabulary."""
    body = _QUOTED.sub(" ", _body(text))
    body = _SECURITY.sub(" ", _ENTITY.sub(" ", body))
    if pattern is not None:
        body = pattern.sub(" ", body)
    sentence_starts = {0, *(m.end() for m in _SENTENCE_BREAK.finditer(body))}
    found = []
    for match in _CAPITALISED.finditer(body):
        words = normalise_spaces(match.group(0))
        if (
            len(words) < _SHORTEST_WORD
            or match.start() in sentence_starts
            or term_key(words) in _VOCABULARY
        ):
            continue
        found.append(words)
    return list(dict.fromkeys(found))


_OPENING = re.compile(
    '^\\s*["\u201c][^"\u201d]*["\u201d],?\\s+'
    r"(?:shall\s+)?(?:means?|ha(?:s|ve)\s+the\s+meanings?)\b"
)


def _body(text: str) -> str:
    """A definition's text after its opening `"Term" means`."""
    head = _OPENING.match(text)
    return text[head.end() :] if head else text
