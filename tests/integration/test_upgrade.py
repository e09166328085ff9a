"""A ledger written by an earlier termledger opens, upgrades its view, and answers as it did.

tests/fixtures/upgrade-d1a658a.sqlite was written by main at d1a658a (before the log kept its
documents' text, and before the view kept record time), with the answers it gave beside it;
tests/fixtures/make_upgrade_fixture.py says how. Old events decode with the defaults of the
fields added since; the view, whose layout changed, is rebuilt from the log on open.
"""

from __future__ import annotations

import json
import shutil
from datetime import date
from pathlib import Path
from typing import Any

import msgspec
import pytest

from ledger import Ledger, LedgerError
from tests.paths import ROOT

FIXTURES = ROOT / "tests" / "fixtures"
ANSWERS = json.loads((FIXTURES / "upgrade-d1a658a.answers.json").read_text("utf-8"))["answers"]
HARBOR, MARROW = "harbor-lantern-networks-series-b", "marrow-creek-energy-series-c"

# Issue 8 item 6: the old answers said these terms, defined inside a definition that a later
# certificate replaced, were "not defined" (until a date in the past). They ended instead.
ENDED_INLINE = {
    f"show|{HARBOR}|HL Leasing|2001-02-15": ("Subsidiary", date(2001, 2, 15)),
    f"show|{HARBOR}|HL Leasing|2001-03-01": ("Subsidiary", date(2001, 2, 15)),
    f"show|{MARROW}|Exchange Act|2001-03-01": ("Change of Control", date(2001, 3, 1)),
    f"show|{MARROW}|MC Midstream|2001-03-01": ("Subsidiary", date(2001, 3, 1)),
}
HISTORY_GAINS_AN_END = {
    f"history|{HARBOR}|HL Leasing",
    f"history|{MARROW}|Exchange Act",
    f"history|{MARROW}|MC Midstream",
}


def differences(old: Any, new: Any, path: str = "") -> list[str]:
    """Where `new` differs from `old` on the fields `old` has (answers only gain fields)."""
    if isinstance(old, dict):
        if not isinstance(new, dict):
            return [f"{path}: {old!r} became {new!r}"]
        return [
            d for k, v in old.items() for d in differences(v, new.get(k, "<gone>"), f"{path}.{k}")
        ]
    if isinstance(old, list):
        if not isinstance(new, list) or len(old) != len(new):
            return [f"{path}: {old!r} became {new!r}"]
        return [
            d
            for i, (a, b) in enumerate(zip(old, new, strict=True))
            for d in differences(a, b, f"{path}[{i}]")
        ]
    return [] if old == new else [f"{path}: {old!r} became {new!r}"]


def ask(ledger: Ledger, key: str) -> Any:
    kind, *args = key.split("|")
    try:
        match kind:
            case "instruments":
                answer: Any = ledger.instruments()
            case "history":
                answer = ledger.history(args[1], instrument=args[0])
            case "terms":
                answer = ledger.terms(date.fromisoformat(args[1]), instrument=args[0])
            case _:
                answer = ledger.show(args[1], date.fromisoformat(args[2]), instrument=args[0])
    except LedgerError as error:
        return {"error": str(error), "error_type": type(error).__name__}
    return msgspec.to_builtins(answer)


@pytest.fixture
def upgraded(tmp_path: Path) -> Path:
    path = tmp_path / "old.sqlite"
    shutil.copy(FIXTURES / "upgrade-d1a658a.sqlite", path)
    return path


def test_a_ledger_from_d1a658a_gives_every_answer_it_gave_after_the_upgrade(upgraded):
    with Ledger.open(str(upgraded)) as ledger:
        problems = {
            key: differences(old, ask(ledger, key))
            for key, old in ANSWERS.items()
            if key not in ENDED_INLINE and key not in HISTORY_GAINS_AN_END
        }
    assert {key: found for key, found in problems.items() if found} == {}
    assert len(problems) == len(ANSWERS) - 7 == 567


def test_terms_defined_inside_a_replaced_definition_now_end_instead_of_not_being_defined(upgraded):
    with Ledger.open(str(upgraded)) as ledger:
        for key, (parent, ended_on) in ENDED_INLINE.items():
            assert ANSWERS[key]["status"] == "not_defined"  # the old, wrong answer
            answer = ask(ledger, key)
            assert (answer["status"], answer["defined_within"], answer["in_force_from"]) == (
                "deleted",
                parent,
                ended_on.isoformat(),
            ), key
        for key in HISTORY_GAINS_AN_END:
            old, new = ANSWERS[key]["versions"], ask(ledger, key)["versions"]
            assert differences(old, new[:1]) == []
            assert new[1]["status"] == "deleted"


def test_old_events_decode_with_the_defaults_of_the_fields_added_since(upgraded):
    with Ledger.open(str(upgraded)) as ledger:
        events = [
            ledger.app.mapper.to_domain_event(n)
            for n in ledger.app.recorder.select_notifications(1, 1000)
        ]
    assert len(events) == 153
    assert {e.provenance.reader_version for e in events if e.provenance} == {""}
    assert {e.correction for e in events} == {None}
    documents = [e for e in events if type(e).__name__ == "DocumentIngested"]
    assert {(d.content_zlib, d.reader_version) for d in documents} == {(None, "")}


def test_the_old_ledger_keeps_its_texts_once_ingested_again_and_rereads_to_the_same_answers(
    upgraded,
):
    from tests.fixtures.make_upgrade_fixture import documents  # noqa: PLC0415

    with Ledger.open(str(upgraded)) as ledger:
        skipped = ledger.reread(every=True)
        assert {d.outcome for d in skipped.documents} == {"skipped"}
        assert {d.note for d in skipped.documents} == {
            "its text is not in the log: ingest the same file again to keep it"
        }
        notes = [
            report.note
            for path, partial in documents()
            for report in ledger.ingest_files([path], accept_partial=partial)
            if report.outcome != "skipped"
        ]
        assert set(notes) == {"its text is now kept in the log as evidence"}
        before = len(ledger.log())
        report = ledger.reread(every=True)
        # Reader 2 reads the whole signature block of the two HTML amendments (their Title
        # cells lie more than 15 lines below the testimonium, which reader 1 did not reach):
        # the same execution facts, a wider line span, so they are re-recorded.
        wider = {"02-amendment-2000-09-29.htm", "03-amendment-2001-01-22.htm"}
        # Reader 3 reads the parenthetical definition (the "Series A Preferred Stock") of the
        # Pellucid Harbor original and its restatement: one more definition each.
        parenthetical = {"01-designation-1997-11-03.txt", "03-restated-2000-10-02.txt"}
        assert [(d.outcome, d.recorded_with) for d in report.documents] == [
            ("recorded" if d.document in wider | parenthetical else "unchanged", [""])
            for d in report.documents
        ]
        # one superseding event each
        assert len(ledger.log()) == before + len(wider) + len(parenthetical)
        problems = {
            key: differences(old, without_the_parenthetical(key, ask(ledger, key)))
            for key, old in ANSWERS.items()
            if key not in ENDED_INLINE and key not in HISTORY_GAINS_AN_END
        }
    assert {key: found for key, found in problems.items() if found} == {}


PELLUCID = "pellucid-harbor-systems-series-a"
PARENTHETICAL = "Series A Preferred Stock"


def without_the_parenthetical(key: str, answer: Any) -> Any:
    """A re-read answer less the one term reader 3 adds, which nothing else moves.

    Pellucid Harbor's original defines (the "Series A Preferred Stock") in passing, from
    1997-11-05; the old reader did not read parenthetical definitions.
    """
    if key.startswith(f"terms|{PELLUCID}|") and key.rsplit("|", 1)[1] >= "1997-11-05":
        assert [t["term"] for t in answer].count(PARENTHETICAL) == 1, key
        return [t for t in answer if t["term"] != PARENTHETICAL]
    if key == "instruments":
        return [{**i, "terms": i["terms"] - 1} if i["id"] == PELLUCID else i for i in answer]
    return answer
