"""How term names compare: the same words, whatever the spacing, quotes or case.

Filings justify text with runs of spaces (`"Lucent  Facility"` in the seed), so a term's
identity is its words, case-folded; its display form is the spelling last recorded.
"""

from __future__ import annotations

import re


def normalise_spaces(text: str) -> str:
    """Collapse every run of white space to one space and trim the ends.

    `str.split()` splits at exactly the characters `\\s` matches (`str.isspace`), several
    times faster than a regex substitution; the reader calls this for every line it reads.
    """
    return " ".join(text.split())


def term_key(term: str) -> str:
    """The key under which a term is stored and looked up."""
    return normalise_spaces(term).casefold()


_QUOTED_TERM = re.compile('["\u201c](?P<term>[A-Z0-9][^"\u201c\u201d]{0,80})["\u201d]')


def inline_terms(definition: str, term: str) -> list[str]:
    """Terms a definition defines inside itself: quoted capitalised phrases after its own term.

    `KMC Telecom IV, Inc. ("KMC IV")` and `(the "Lenders")` are how filings define a term in
    passing; a quoted phrase quoted for another reason is rare enough inside a definition.
    """
    own = term_key(term)
    found = [
        normalise_spaces(m.group("term"))
        for m in _QUOTED_TERM.finditer(definition)
        if term_key(m.group("term")) != own
    ]
    return list(dict.fromkeys(found))


def slugify(text: str) -> str:
    """A lower-case, hyphen-separated id made of the words of `text`."""
    words = re.findall(r"[a-z0-9]+", text.casefold())
    return "-".join(words)
