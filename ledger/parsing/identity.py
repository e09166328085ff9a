"""Who issued the certificate and which security it governs: from the caption and preamble.

The preamble names the issuer in a handful of forms ("X, a Delaware corporation (the
"Corporation")", "X, a corporation organized and existing under ...", "I, <officer>, the
<title> of X", "The name of the corporation is X"); the caption (the heading block) names it
in capitals, sometimes wrapped over two lines. Both are read and must agree. Names anywhere
else (counterparties inside definitions, lenders, merger partners) are never the issuer.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ledger.parsing.roles import RoledParagraph
from ledger.parsing.source import FoldedText
from ledger.terms import normalise_spaces

_SUFFIX = (
    r"(?:Inc\.?|Incorporated|Corporation|Corp\.?|Company|Co\.|Ltd\.?|Limited|L\.P\.|LLC|"
    r"N\.V\.|plc|S\.A\.|Bancorp(?:oration)?|Holdings)"
)
_SUFFIX_END = re.compile(rf"(?:,\s*)?\b{_SUFFIX}$", re.IGNORECASE)
_ANCHORS = (
    re.compile(
        r",?\s*\(\s*the\s+[\"\u201c](?:Corporation|Company|Issuer)[\"\u201d]\s*\)", re.IGNORECASE
    ),
    re.compile(r",?\s+an?\s+(?:[A-Z][a-z]+\s+){1,2}corporation\b"),
    re.compile(r",?\s+a\s+corporation\s+(?:duly\s+)?(?:organized|incorporated)", re.IGNORECASE),
)
_NAME_IS = re.compile(r"name\s+of\s+the\s+(?:corporation|company)\s+is\s+", re.IGNORECASE)
_CONNECTORS = frozenset({"of", "and", "&", "the", "de", "du", "la"})
# "I, Agatha P. Linnell, Secretary of X" / "the Board of Directors of X": what precedes X.
_OFFICE_OF = re.compile(
    r"^.*\b(?:Secretary|President|Officer|Treasurer|Directors|Chairman|Controller|Clerk)"
    r"\s*,?\s+of\s+(?:the\s+)?"
)
_LEADING_NOISE = re.compile(
    r"^(?:(?:the|The)\s+)?(?:Board\s+of\s+Directors|(?:Executive\s+|Senior\s+)?Vice\s+President"
    r"|President|(?:Assistant\s+)?Secretary|Treasurer|Chief\s+\w+\s+Officer|Chairman"
    r"|(?:General\s+Corporation\s+)?Law|State|Commonwealth|Delaware|Nevada|Sections?\s+\d+\w*)"
    r"\s+(?:of\s+)?(?:the\s+)?"
)
_HEADING_WORDS = re.compile(
    r"\b(?:CERTIFICATE|DESIGNATIONS?|PREFERRED|STOCK|SERIES|RIGHTS|THEREOF|AMENDMENT|AMENDED"
    r"|RESTATED|CORRECTION|CORRECTED|PREFERENCES|POWERS|LIMITATIONS|RESTRICTIONS|PURSUANT"
    r"|SECTIONS?|LAW|STATEMENT|EXHIBIT|VOTING|QUALIFICATIONS|DOCUMENT|FILING)\b"
)
_CAPTION_NAME = re.compile(rf"^(?P<name>[A-Z0-9][A-Z0-9&.,'\- ]*?,?\s+{_SUFFIX})$", re.IGNORECASE)
_STATE_WORDS = frozenset(
    {"state", "of", "the", "delaware", "law", "general", "corporation", "nevada", "new", "york"}
)


@dataclass(frozen=True)
class NameFound:
    """A name and the line that states it."""

    name: str
    line: int


class IssuerConflictError(Exception):
    """The caption and the preamble name different corporations."""

    def __init__(self, caption: NameFound, preamble: NameFound) -> None:
        super().__init__(caption.name, preamble.name)
        self.caption = caption
        self.preamble = preamble


def issuer_of(roled: list[RoledParagraph]) -> NameFound | None:
    """The issuer, from the preamble and the caption cross-checked; None if neither names it."""
    preamble = _from_preamble(roled)
    caption = _from_caption(roled)
    if preamble is None:
        return caption
    if caption is None:
        return preamble
    words_p, words_c = _words(preamble.name), _words(caption.name)
    if words_p == words_c:
        return preamble
    if words_p[-len(words_c) :] == words_c and set(words_p[: -len(words_c)]) <= _STATE_WORDS:
        # "Law of the State of Delaware" / "X Networks, Inc." read as one: the caption decides.
        tail = preamble.name.split()[-len(caption.name.split()) :]
        return NameFound(" ".join(tail), preamble.line)
    if words_p[-len(words_c) :] == words_c:
        return preamble  # the heading wrapped the name ("... OF QUORRA" / "BIOLOGICS CORP.")
    if words_c[-len(words_p) :] == words_p and len(words_p) < len(words_c):
        return NameFound(_mixed(caption.name, preamble.name), caption.line)
    raise IssuerConflictError(caption, preamble)


def name_key(name: str) -> str:
    """A name's identity: its words, case-folded, the entity suffix abbreviated."""
    return " ".join(_words(name))


def _words(name: str) -> list[str]:
    out = []
    for raw in re.findall(r"[A-Za-z0-9&]+", name.casefold()):
        word = {"incorporated": "inc", "corporation": "corp", "company": "co"}.get(raw, raw)
        out.append(word)
    return out


def _mixed(caps: str, mixed_tail: str) -> str:
    """A capitals caption name, in title case except the words the preamble spelled."""
    head = caps.split()[: len(caps.split()) - len(mixed_tail.split())]
    return " ".join([*(w.title() for w in head), mixed_tail])


def _from_preamble(roled: list[RoledParagraph]) -> NameFound | None:
    for r in roled:
        if r.role != "preamble":
            continue
        folded = FoldedText.of(list(r.paragraph.lines))
        text = folded.text
        found: list[tuple[int, str]] = []
        for anchor in _ANCHORS:
            for match in anchor.finditer(text):
                name = _name_before(text[: match.start()])
                if name is not None:
                    found.append((match.start() - len(name), name))
                    break
        if (named := _NAME_IS.search(text)) is not None:
            tail = text[named.end() :]
            stated = re.match(rf"(?P<name>[A-Z0-9][^.;:()]*?{_SUFFIX})(?:[.;:,)]|\s|$)", tail)
            if stated is not None:
                found.append((named.end(), stated.group("name")))
        if found:
            start, name = min(found)
            return NameFound(normalise_spaces(name), folded.line_at(start))
    return None


def _name_before(text: str) -> str | None:
    """The run of capitalised words ending `text`, if it ends with an entity suffix."""
    tokens = text.split()
    taken: list[str] = []
    for token in reversed(tokens):
        bare = token.strip("\"'\u201c\u201d")
        if bare != token or bare.endswith((":", "(", ")")) or re.fullmatch(r"\d+,", bare):
            break  # a quotation, a parenthesis, or the year of a date ("On May 1, 2000, X")
        if bare[:1].isupper() or bare[:1].isdigit() or bare in _CONNECTORS:
            taken.append(bare)
            continue
        break
    while taken and taken[-1] in _CONNECTORS:
        taken.pop()
    name = _OFFICE_OF.sub("", " ".join(reversed(taken)).rstrip(","))
    previous = None
    while previous != name:
        previous, name = name, _LEADING_NOISE.sub("", name)
    if not name or not _SUFFIX_END.search(name):
        return None
    return name


def _from_caption(roled: list[RoledParagraph]) -> NameFound | None:
    lines = [line for r in roled if r.role == "caption" for line in r.paragraph.lines]
    previous = ""
    for line in lines:
        text = normalise_spaces(line.text)
        match = _CAPTION_NAME.match(text)
        if match is not None and match.group("name").isupper():
            parts = match.group("name").strip().split(" OF ")
            # "STOCK OF KMC TELECOM HOLDINGS, INC." names the issuer after the heading's "OF";
            # "BANK OF AMERICA CORPORATION" keeps its own.
            cut = max(
                (i + 1 for i, part in enumerate(parts) if _HEADING_WORDS.search(part)), default=0
            )
            if cut >= len(parts):
                previous = text
                continue
            # A caption's own line "OF OSTRANDER BAY THERAPEUTICS, INC.": the "OF" is the heading's.
            name = re.sub(r"^OF\s+", "", " OF ".join(parts[cut:]))
            if (
                previous
                and previous.isupper()
                and not _HEADING_WORDS.search(previous)
                and len(previous.split()) <= 3  # noqa: PLR2004 (a wrapped name's first line)
                and not previous.endswith((" OF", ":"))
                and previous != "OF"
            ):
                name = f"{previous} {name}"
            return NameFound(name, line.number)
        previous = text
    return None
