"""Fuzzing the parser with mutated corpus documents: it answers or refuses, never crashes.

Every mutation either parses or raises a LedgerError (a one-line message naming the file);
any other exception is a bug. The ingest-level twin in tests/integration checks that a
refused document writes nothing.
"""

from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ledger import LedgerError
from ledger.parsing import parse_file
from tests.paths import CORPUS, EXAMPLES

SOURCES = sorted(
    [p for p in CORPUS.rglob("*") if p.suffix in {".txt", ".htm"}] + list(EXAMPLES.glob("*.txt"))
)


@st.composite
def mutated_documents(draw: st.DrawFn) -> tuple[str, bytes]:
    """A corpus document with a few random edits: lines dropped, repeated, bytes changed."""
    path: Path = draw(st.sampled_from(SOURCES))
    lines = path.read_bytes().split(b"\n")
    for _ in range(draw(st.integers(1, 4))):
        if not lines:
            break
        at = draw(st.integers(0, len(lines) - 1))
        match draw(st.sampled_from(["drop", "repeat", "insert", "flip", "truncate", "splice"])):
            case "drop":
                del lines[at : at + draw(st.integers(1, 8))]
            case "repeat":
                lines[at:at] = lines[at : at + draw(st.integers(1, 5))]
            case "insert":
                lines.insert(at, draw(st.binary(max_size=60)))
            case "flip":
                line = bytearray(lines[at] or b" ")
                line[draw(st.integers(0, len(line) - 1))] = draw(st.integers(0, 255))
                lines[at] = bytes(line)
            case "truncate":
                lines = lines[:at]
            case "splice":
                other = draw(st.sampled_from(SOURCES)).read_bytes().split(b"\n")
                start = draw(st.integers(0, len(other) - 1))
                lines[at:at] = other[start : start + draw(st.integers(1, 20))]
    return path.name, b"\n".join(lines)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(document=mutated_documents())
def test_a_mutated_filing_is_parsed_or_refused_with_a_ledger_error(document):
    name, data = document
    try:
        parsed = parse_file(data, name)
    except LedgerError as error:
        message = str(error)
    else:
        assert parsed.documents
        return
    assert "\n" not in message
    assert message.startswith(name)


@settings(max_examples=200, deadline=None)
@given(data=st.binary(max_size=2000))
def test_arbitrary_bytes_are_parsed_or_refused_with_a_ledger_error(data):
    try:
        parse_file(data, "noise.bin")
    except LedgerError as error:
        message = str(error)
    else:
        return
    assert message.startswith("noise.bin")
