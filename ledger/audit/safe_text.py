"""Document text made harmless for a terminal, a Markdown page and an HTML page.

A filing is untrusted input: it may hold ANSI escape sequences, other control characters or
Unicode bidirectional overrides (which make text read differently from what it says). None
of them reaches a terminal or a page raw: `ledger.display.visible` (the one function every
renderer uses) shows each as a visible escape, and markup characters are then escaped for
the format at hand.
"""

from __future__ import annotations

import html
import re

from ledger.display import json_text
from ledger.display import visible as _display_visible

__all__ = ["html_text", "json_text", "markdown_text", "visible"]

_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]~|])")
"""Inline Markdown punctuation; line-start markers cannot occur (newlines become spaces)."""
_SENTINELS = {code: f"\\u{code:04x}" for code in range(0xE000, 0xE003)}
"""The private-use characters the text renderer marks redlines with (see ledger.audit.text)."""


def visible(text: str) -> str:
    """`text` with every control, bidi and invisible character shown as an escape."""
    return _display_visible(text).translate(_SENTINELS)


def html_text(text: str) -> str:
    """`text` for an HTML page: controls made visible, then every markup character escaped."""
    return html.escape(visible(text), quote=True)


def markdown_text(text: str) -> str:
    """`text` for Markdown: controls visible, HTML escaped, Markdown punctuation escaped."""
    escaped = html.escape(visible(text).replace("\n", " "), quote=False)
    return _MARKDOWN_SPECIAL.sub(r"\\\1", escaped)
