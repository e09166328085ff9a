"""Document text made harmless for a terminal, a Markdown page and an HTML page.

A filing is untrusted input: it may hold ANSI escape sequences, other control characters or
Unicode bidirectional overrides (which make text read differently from what it says). None
of them reaches a terminal or a page raw: each is shown as a visible `\\uXXXX` escape, and
markup characters are escaped for the format at hand.
"""

from __future__ import annotations

import html
import re
import unicodedata

_BIDI = frozenset("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]~|])")
"""Inline Markdown punctuation; line-start markers cannot occur (newlines become spaces)."""


def _visible(char: str) -> str:
    if char in "\n\t":
        return char
    if char in _BIDI or unicodedata.category(char) in {"Cc", "Cf", "Co", "Zl", "Zp"}:
        return f"\\u{ord(char):04x}"
    return char


def visible(text: str) -> str:
    """`text` with every control, format and bidi character written as a visible escape."""
    if text.isprintable():
        return text
    return "".join(_visible(char) for char in text)


def html_text(text: str) -> str:
    """`text` for an HTML page: controls made visible, then every markup character escaped."""
    return html.escape(visible(text), quote=True)


def markdown_text(text: str) -> str:
    """`text` for Markdown: controls visible, HTML escaped, Markdown punctuation escaped."""
    escaped = html.escape(visible(text).replace("\n", " "), quote=False)
    return _MARKDOWN_SPECIAL.sub(r"\\\1", escaped)


def json_text(encoded: str) -> str:
    """JSON text with every format or bidi character written as a `\\uXXXX` escape.

    msgspec already escapes control characters; the rest (a right-to-left override in a
    string) is valid JSON raw but would reorder what a terminal shows.
    """
    return "".join(
        f"\\u{ord(c):04x}"
        if c in _BIDI or unicodedata.category(c) in {"Cf", "Co", "Zl", "Zp"}
        else c
        for c in encoded
    )
