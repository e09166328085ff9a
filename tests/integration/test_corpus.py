"""The corpus: every document of every fictional issuer, ingested in order, checked event by
event against its expected-events file, then against a table of as-of answers.

See tests/corpus/README.md for the file formats.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import msgspec
import pytest

from ledger import Ledger, LedgerError
from ledger.events import LedgerEvent
from ledger.projections.projection import decode
from ledger.terms import normalise_spaces
from tests.paths import CORPUS

# The folders written with expected EVENTS (and an as_of.json); the trap corpus folders hold
# expected FACTS instead and are measured by tests/fidelity (test_fidelity.py).
FOLDERS = sorted(
    folder for folder in CORPUS.iterdir() if folder.is_dir() and (folder / "as_of.json").exists()
)


def documents_of(folder: Path) -> list[Path]:
    return sorted(
        path for path in folder.iterdir() if path.name[:2].isdigit() and path.suffix != ".json"
    )


def expected_for(document: Path) -> dict[str, Any]:
    stem = document.name.rsplit(".", 1)[0]
    return json.loads((document.parent / f"{stem}.expected.json").read_text(encoding="utf-8"))


def stored_event(ledger: Ledger, position: int) -> LedgerEvent:
    [notification] = ledger.app.recorder.select_notifications(start=position, limit=1)
    return decode(ledger.app, notification)


def value_of(event: LedgerEvent, key: str) -> Any:  # noqa: PLR0911 (one return per key)
    """The event's value for an expected-events key (see tests/corpus/README.md)."""
    fields = msgspec.structs.asdict(event)
    match key:
        case "instrument":
            return fields["instrument_id"]
        case "threshold":
            return fields["threshold"].fraction
        case "at_least":
            return fields["threshold"].at_least
        case "lines":
            provenance = event.provenance
            return [provenance.first_line, provenance.last_line] if provenance else None
    value = fields.get(key, f"<no field {key}>")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, msgspec.Struct):
        return msgspec.structs.asdict(value)
    return value


def mismatches(event: LedgerEvent, expected: dict[str, Any]) -> list[str]:
    problems = []
    actual_type = type(event).__name__
    if actual_type != expected["type"]:
        return [f"expected {expected['type']}, recorded {actual_type}"]
    text = normalise_spaces(
        getattr(event, "text", None) or getattr(event, "text_after", None) or ""
    )
    for key, want in expected.items():
        if key == "type" or key.startswith("_"):
            continue
        if key == "text_startswith":
            ok = text.startswith(normalise_spaces(want))
        elif key == "text_endswith":
            ok = text.endswith(normalise_spaces(want))
        elif key == "text_contains":
            ok = normalise_spaces(want) in text
        else:
            got = value_of(event, key)
            if key in {"text", "text_after"}:
                ok = normalise_spaces(got) == normalise_spaces(want)
            else:
                ok = got == want
            if not ok:
                problems.append(f"{key}: expected {want!r}, recorded {got!r}")
            continue
        if not ok:
            problems.append(f"{key}: expected {want!r} in {text[:200]!r}")
    return [f"{actual_type}: {p}" for p in problems]


def ingest_and_check(ledger: Ledger, document: Path) -> list[str]:
    expected = expected_for(document)
    outcome = expected["outcome"]
    where = document.name
    if outcome in {"refused", "partial"}:
        before = len(ledger.log())
        with pytest.raises(LedgerError) as refused:
            ledger.ingest_files([document])
        assert len(ledger.log()) == before, f"{where}: a refused ingest wrote events"
        fragment = expected.get("error_contains")
        if fragment and fragment not in str(refused.value):
            return [f"{where}: error {str(refused.value)!r} lacks {fragment!r}"]
        if outcome == "refused":
            return []
    reports = ledger.ingest_files([document], accept_partial=outcome == "partial")
    wanted = expected["documents"]
    if len(reports) != len(wanted):
        return [f"{where}: {len(reports)} documents recorded, {len(wanted)} expected"]
    problems = []
    for number, (report, want) in enumerate(zip(reports, wanted, strict=True), start=1):
        if want.get("skipped"):
            if report.outcome != "skipped":
                problems.append(f"{where} #{number}: expected skipped, was {report.outcome}")
            continue
        events = [stored_event(ledger, e.position) for e in report.events[1:]]
        expected_events = want["events"]
        types = [type(e).__name__ for e in events]
        if len(events) != len(expected_events):
            problems.append(
                f"{where} #{number}: recorded {types}, expected "
                f"{[e['type'] for e in expected_events]}"
            )
            continue
        for event, want_event in zip(events, expected_events, strict=True):
            problems.extend(f"{where} #{number}: {p}" for p in mismatches(event, want_event))
    return problems


def check_answers(ledger: Ledger, folder: Path) -> list[str]:
    problems = []
    for row in json.loads((folder / "as_of.json").read_text(encoding="utf-8")):
        as_of = date.fromisoformat(row["as_of"])
        try:
            answer = ledger.show(row["term"], as_of, instrument=row.get("instrument"))
        except LedgerError as error:
            if row["status"] == "not_defined":
                continue
            problems.append(f"{row['term']} @ {as_of}: {error}")
            continue
        got = msgspec.structs.asdict(answer)
        for key, want in row.items():
            if key in {"term", "as_of", "instrument"} or key.startswith("_"):
                continue
            if key == "text_contains":
                ok = normalise_spaces(want) in normalise_spaces(answer.text or "")
                value: Any = (answer.text or "")[:120]
            else:
                value = got[key]
                value = value.isoformat() if isinstance(value, date) else value
                ok = value == want
            if not ok:
                problems.append(f"{row['term']} @ {as_of}: {key} expected {want!r}, got {value!r}")
    return problems


@pytest.mark.parametrize("folder", FOLDERS, ids=[folder.name for folder in FOLDERS])
def test_every_corpus_document_records_exactly_its_expected_events(folder, tmp_path):
    with Ledger.open(str(tmp_path / "corpus.sqlite")) as ledger:
        problems = [
            p for document in documents_of(folder) for p in ingest_and_check(ledger, document)
        ]
        problems += check_answers(ledger, folder)
    assert problems == [], "\n".join(problems)


def test_the_corpus_has_fifteen_documents_across_three_issuers():
    assert len(FOLDERS) >= 3
    assert sum(len(documents_of(folder)) for folder in FOLDERS) >= 15
