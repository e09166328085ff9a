"""Text a document supplies, made safe to print: the one function every renderer uses.

A filing is hostile input. An escape sequence inside a definition would clear a terminal,
retitle its window or recolour what follows; a C1 control (U+009B is a one-byte CSI) does the
same on many terminals; a right-to-left override shows a term reversed and a zero-width
space makes two different terms look identical. The ledger stores such text exactly as the
document has it; only what is printed is changed, so that every such character is shown,
visibly, as an escape (`\\x1b`, `\\u202e`) and none reaches a terminal raw.
"""

from __future__ import annotations

import msgspec

# Every format character (Unicode category Cf: soft hyphen, zero-width characters, bidi
# marks, embeddings, overrides and isolates, BOM, tags) and the line / paragraph separators
# (Zl, Zp), as of Unicode 14. Listed, not looked up, so that escaping is one `translate`.
_BIDI_AND_INVISIBLE = (
    0x00AD,
    *range(0x0600, 0x0606),
    0x061C,
    0x06DD,
    0x070F,
    0x0890,
    0x0891,
    0x08E2,
    0x180E,
    *range(0x200B, 0x2010),
    *range(0x2028, 0x202F),
    *range(0x2060, 0x2065),
    *range(0x2066, 0x2070),
    0xFEFF,
    *range(0xFFF9, 0xFFFC),
    0x110BD,
    0x110CD,
    *range(0x13430, 0x13439),
    *range(0x1BCA0, 0x1BCA4),
    *range(0x1D173, 0x1D17B),
    0xE0001,
    *range(0xE0020, 0xE0080),
)
_CONTROLS = (*range(0x20), 0x7F, *range(0x80, 0xA0))
_NAMED = {0x09: "\\t", 0x0A: "\\n", 0x0D: "\\r"}
_LATIN1_END = 0xFF
_BMP_END = 0xFFFF


def _escape(code: int) -> str:
    if code in _NAMED:
        return _NAMED[code]
    if code <= _LATIN1_END:
        return f"\\x{code:02x}"
    return f"\\u{code:04x}" if code <= _BMP_END else f"\\U{code:08x}"


def _json_escape(code: int) -> str:
    if code <= _BMP_END:
        return f"\\u{code:04x}"
    high, low = divmod(code - 0x10000, 0x400)  # a UTF-16 surrogate pair, as JSON spells it
    return f"\\u{0xD800 + high:04x}\\u{0xDC00 + low:04x}"


_ONE_LINE = {code: _escape(code) for code in (*_CONTROLS, *_BIDI_AND_INVISIBLE)}
_MULTILINE = {code: text for code, text in _ONE_LINE.items() if code not in {0x09, 0x0A}}
# In JSON, C0 controls are already escaped by the encoder; the rest are legal raw, so escape
# them the JSON way (they decode back to the very characters the document holds).
_JSON = {code: _json_escape(code) for code in (0x7F, *range(0x80, 0xA0), *_BIDI_AND_INVISIBLE)}


def visible(text: str, *, multiline: bool = True) -> str:
    """`text` with every control, bidi and invisible character shown as an escape.

    Tab and newline are kept unless `multiline` is false (an error message, a file name or a
    table cell must stay on one line). Applying it twice changes nothing more.
    """
    return text.translate(_MULTILINE if multiline else _ONE_LINE)


def json_text(value: object, *, indent: int | None = 2) -> str:
    """`value` as JSON (msgspec; `indent=None`: compact, one line), no control or bidi raw."""
    encoded = msgspec.json.encode(value)
    if indent is not None:
        encoded = msgspec.json.format(encoded, indent=indent)
    return encoded.decode().translate(_JSON)


def excerpt(text: str, limit: int = 60) -> str:
    """At most `limit` characters of `text`, visibly escaped, for quoting in one-line messages."""
    shown = visible(text, multiline=False)
    if len(shown) <= limit:
        return shown
    return f"{shown[: limit - 3]}... ({len(text):,} characters)"
