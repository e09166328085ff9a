"""Fidelity: the facts the ledger records from each corpus document, against what the text says.

Every document of every corpus folder is ingested, in file-name order, into a fresh ledger per
folder (so amendments join the instruments their folder's earlier documents created). The events
each document records are read back as facts (kind, issuer, series, board action, consents,
execution, this certificate's filing and effective time, facts about other documents,
operations on definitions) and compared with the document's expected facts:

- ``NN-name.facts.json`` (written by reading the document; format in tests/corpus/README.md), or
- for the older folders, facts derived from ``NN-name.expected.json`` (their expected events).

Each expected fact is judged ``right``, ``wrong`` (the ledger recorded a different value, a value
the document does not state, or an operation it does not make, or recorded a document that must
be refused), ``missed`` (not recorded), or ``refused`` (the whole document was refused). A
document the text says must be refused scores one fact, ``refusal``.

Run ``make fidelity`` (``python -m tests.fidelity [--json] [--details]``).
"""

from __future__ import annotations

import json
import tempfile
from collections import Counter
from dataclasses import asdict, dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, Literal

from ledger import Ledger, LedgerError
from ledger.answers import IngestReport
from ledger.events import (
    BoardActionRecorded,
    CertificateRecorded,
    DefinitionAdded,
    DefinitionDeleted,
    DefinitionRenamed,
    DefinitionReplaced,
    DefinitionsRestated,
    DefinitionWordsSubstituted,
    EffectiveTimeStated,
    ExecutionRecorded,
    FilingRecorded,
    HolderConsentRecorded,
    InstrumentAdopted,
    LedgerEvent,
)
from ledger.projections.projection import decode
from ledger.terms import normalise_spaces
from tests.paths import CORPUS

Verdict = Literal["right", "wrong", "missed", "refused"]
VERDICTS: tuple[Verdict, ...] = ("right", "wrong", "missed", "refused")
_QUOTES = str.maketrans({"\u201c": '"', "\u201d": '"', "\u2018": "'", "\u2019": "'"})


@dataclass
class Fact:
    """One expected fact of one document and how the ledger did on it."""

    fact: str
    verdict: Verdict
    expected: Any = None
    recorded: Any = None


@dataclass
class DocumentFidelity:
    """The facts of one document (one part of a submission when it holds several)."""

    document: str
    outcome: str
    error: str | None = None
    facts: list[Fact] = field(default_factory=list)

    def count(self, verdict: Verdict) -> int:
        """How many of this document's facts got `verdict`."""
        return sum(1 for f in self.facts if f.verdict == verdict)


def folders(corpus: Path = CORPUS) -> list[Path]:
    """The corpus folders: one per fictional issuer."""
    return sorted(folder for folder in corpus.iterdir() if folder.is_dir())


def documents_of(folder: Path) -> list[Path]:
    """A folder's documents in ingest order (file names start with their number)."""
    return sorted(
        path for path in folder.iterdir() if path.name[:2].isdigit() and path.suffix != ".json"
    )


def expected_parts(document: Path) -> list[dict[str, Any]] | None:
    """The expected facts of each certificate the document holds, or None if it has no file."""
    stem = document.name.rsplit(".", 1)[0]
    facts = document.parent / f"{stem}.facts.json"
    if facts.exists():
        loaded = json.loads(facts.read_text(encoding="utf-8"))
        return list(loaded["documents"]) if "documents" in loaded else [loaded]
    events = document.parent / f"{stem}.expected.json"
    if events.exists():
        return facts_from_expected_events(json.loads(events.read_text(encoding="utf-8")))
    return None


# --- the older corpus: expected events -> expected facts -------------------------------------


def facts_from_expected_events(expected: dict[str, Any]) -> list[dict[str, Any]]:
    """Expected facts from an expected-events file (tests/corpus/README.md, first format)."""
    if expected["outcome"] == "refused":
        keywords = [expected["error_contains"]] if expected.get("error_contains") else []
        return [{"expect": "refused", "refusal_keywords": keywords}]
    parts = []
    for part in expected["documents"]:
        if part.get("skipped"):
            parts.append({"expect": "skipped"})
            continue
        parts.append(_facts_of_events(part["events"], partial=expected["outcome"] == "partial"))
    return parts


def _facts_of_events(events: list[dict[str, Any]], *, partial: bool) -> dict[str, Any]:  # noqa: C901 (one branch per event type)
    facts: dict[str, Any] = {
        "expect": "partial" if partial else "recorded",
        "consents": [],
        "filed_on": None,
        "effective_on": None,
        "operations": [],
    }
    for event in events:
        match event["type"]:
            case "InstrumentAdopted":
                facts["issuer"], facts["series"] = event.get("issuer"), event.get("series")
            case "CertificateRecorded":
                facts["kind"] = event["kind"]
                if event["kind"] == "correction":
                    facts["corrects"] = event.get("corrects")
            case "BoardActionRecorded":
                facts["board"] = {"acted_on": event["acted_on"], "manner": event["manner"]}
            case "HolderConsentRecorded":
                facts["consents"].append(
                    {
                        "class": event["class_name"],
                        "threshold": event["threshold"],
                        "at_least": event["at_least"],
                        "separate_class": event["separate_class"],
                    }
                )
            case "ExecutionRecorded":
                facts["execution"] = {
                    k: event[k] for k in ("executed_on", "officer", "officer_title") if k in event
                }
            case "FilingRecorded":
                facts["filed_on"] = event["filed_on"]
            case "EffectiveTimeStated":
                facts["effective_on"] = event["effective_on"]
            case "ReviewRequired":
                pass
            case other:
                facts["operations"].append(_operation_of_event(other, event))
    facts.setdefault("board", None)
    return {k: v for k, v in facts.items() if v is not None or k in {"filed_on", "effective_on"}}


_ACTIONS = {
    "DefinitionAdded": "add",
    "DefinitionReplaced": "replace",
    "DefinitionDeleted": "delete",
    "DefinitionWordsSubstituted": "edit",
    "DefinitionRenamed": "rename",
    "DefinitionsRestated": "restate",
}


def _operation_of_event(event_type: str, event: dict[str, Any]) -> dict[str, Any]:
    operation: dict[str, Any] = {"action": _ACTIONS[event_type]}
    for key in ("term", "edit", "old_words", "new_words", "new_term", "scope", "section"):
        if key in event:
            operation[key] = event[key]
    return operation


# --- recorded events -> recorded facts --------------------------------------------------------


@dataclass
class Recorded:
    """The facts one document's events state, split by the certificate they are about."""

    certificate_id: str | None = None
    kind: str | None = None
    corrects: str | None = None
    instrument: tuple[str, str] | None = None
    instrument_date: str | None = None
    board: dict[str, Any] | None = None
    consents: list[dict[str, Any]] = field(default_factory=list)
    execution: dict[str, Any] | None = None
    filed_on: str | None = None
    effective_on: str | None = None
    other_documents: list[dict[str, Any]] = field(default_factory=list)
    operations: list[dict[str, Any]] = field(default_factory=list)


def _iso(value: date | None) -> str | None:
    return value.isoformat() if value else None


def recorded_facts(  # noqa: C901, PLR0912 (one branch per event type)
    events: list[LedgerEvent], instruments: dict[str, tuple[str, str]]
) -> Recorded:
    """What the events of one certificate state; `instruments` maps ids to (issuer, series)."""
    facts = Recorded()
    adopted: InstrumentAdopted | None = None
    for event in events:
        if isinstance(event, CertificateRecorded):
            facts.certificate_id, facts.kind = event.certificate_id, event.kind
            facts.corrects = event.corrects
        elif isinstance(event, InstrumentAdopted):
            adopted = event
            instruments[event.instrument_id] = (event.issuer, event.series)
    mine = facts.certificate_id
    if mine is not None:
        facts.instrument = instruments.get(mine.split("@", 1)[0])
    if (adopted is not None and facts.kind != "original" and adopted.recital == "none") or (
        adopted is not None and adopted.recital in {"dated", "filed"}
    ):
        facts.instrument_date = adopted.adopted_on.isoformat()
    # "unstated" / "restated": only a latest possible date, not a date the text states.
    for event in events:
        about = getattr(event, "certificate_id", mine)
        if about != mine:
            facts.other_documents.extend(
                fact | {"certificate": about} for fact in _other_document_facts(event)
            )
            continue
        if isinstance(event, BoardActionRecorded):
            # "unstated" (BoardManner) is the ledger's word for a manner the text does not give.
            manner = None if event.manner == "unstated" else event.manner
            facts.board = {"acted_on": _iso(event.acted_on), "manner": manner}
        elif isinstance(event, HolderConsentRecorded):
            threshold = event.threshold
            facts.consents.append(
                {
                    "class": event.class_name,
                    "threshold": f"{threshold.numerator}/{threshold.denominator}",
                    "at_least": threshold.at_least,
                    "separate_class": event.separate_class,
                    "wording": threshold.wording,
                }
            )
        elif isinstance(event, ExecutionRecorded):
            facts.execution = {
                "executed_on": _iso(event.executed_on),
                "officer": event.officer,
                "officer_title": event.officer_title,
            }
        elif isinstance(event, FilingRecorded):
            facts.filed_on = _iso(event.filed_on)
        elif isinstance(event, EffectiveTimeStated):
            facts.effective_on = _iso(event.effective_on)
        elif (operation := _operation(event)) is not None:
            facts.operations.append(operation)
    return facts


def _other_document_facts(event: LedgerEvent) -> list[dict[str, Any]]:
    if isinstance(event, FilingRecorded):
        return [{"fact": "filed_on", "on": _iso(event.filed_on)}]
    if isinstance(event, ExecutionRecorded):
        return [{"fact": "executed_on", "on": _iso(event.executed_on)}]
    if isinstance(event, BoardActionRecorded):
        return [{"fact": "board_acted_on", "on": _iso(event.acted_on)}]
    if isinstance(event, EffectiveTimeStated):
        return [{"fact": "effective_on", "on": _iso(event.effective_on)}]
    return []


def _operation(event: LedgerEvent) -> dict[str, Any] | None:
    if isinstance(event, DefinitionAdded | DefinitionReplaced):
        action = "add" if isinstance(event, DefinitionAdded) else "replace"
        return {"action": action, "term": event.term, "text": event.text}
    if isinstance(event, DefinitionDeleted):
        return {"action": "delete", "term": event.term}
    if isinstance(event, DefinitionWordsSubstituted):
        return {
            "action": "edit",
            "term": event.term,
            "edit": event.edit,
            "old_words": event.old_words,
            "new_words": event.new_words,
            "text": event.text_after,
        }
    if isinstance(event, DefinitionRenamed):
        return {"action": "rename", "term": event.term, "new_term": event.new_term}
    if isinstance(event, DefinitionsRestated):
        return {"action": "restate", "term": None, "scope": event.scope, "section": event.section}
    return None


# --- comparison -------------------------------------------------------------------------------


def _folded(value: Any) -> Any:
    if isinstance(value, str):
        return normalise_spaces(value.translate(_QUOTES)).casefold()
    return value


def _same_issuer(expected: str, recorded: str) -> bool:
    def key(name: str) -> str:
        return _folded(name).replace(",", "").replace(" .", ".")

    return key(expected) == key(recorded)


def _judge(name: str, expected: Any, recorded: Any, *, same: bool | None = None) -> Fact:
    if recorded is None:
        verdict: Verdict = "right" if expected is None else "missed"
    elif expected is None:
        verdict = "wrong"
    else:
        agree = same if same is not None else _folded(expected) == _folded(recorded)
        verdict = "right" if agree else "wrong"
    return Fact(name, verdict, expected, recorded)


def compare(expected: dict[str, Any], recorded: Recorded) -> list[Fact]:  # noqa: C901 (one block per fact)
    """Judge every expected fact of one certificate against what was recorded."""
    facts: list[Fact] = []
    if "kind" in expected:
        facts.append(_judge("kind", expected["kind"], recorded.kind))
    issuer, series = recorded.instrument or (None, None)
    # An instrument with no series at all: the ledger names it by its security
    # ("Exchangeable Preferred Stock"), which holds no series token.
    series = series if series and "Series" in series else None
    if "issuer" in expected:
        same = issuer is not None and _same_issuer(expected["issuer"], issuer)
        facts.append(_judge("issuer", expected["issuer"], issuer, same=same))
    if "series" in expected:
        # No series at all: the ledger may name the instrument by its security instead.
        no_series_named = expected["series"] is None and _folded(series) == _folded(
            expected.get("security")
        )
        facts.append(_judge("series", expected["series"], None if no_series_named else series))
    if expected.get("instrument_date") and recorded.instrument_date is not None:
        facts.append(
            _judge("instrument_date", expected["instrument_date"], recorded.instrument_date)
        )
    if "corrects" in expected:
        # Judged by the corrected certificate's date: the instrument part is the issuer's.
        want, got = expected["corrects"], recorded.corrects
        same = bool(want and got and want.rsplit("@", 1)[-1] == got.rsplit("@", 1)[-1])
        facts.append(_judge("corrects", want, got, same=same))
    for group, keys in (
        ("board", ("acted_on", "manner")),
        ("execution", ("executed_on", "officer", "officer_title")),
    ):
        if group not in expected:
            continue
        want = expected[group] or {}
        got = getattr(recorded, group) or {}
        facts.extend(
            _judge(f"{group}.{key}", want.get(key), got.get(key))
            for key in keys
            if key in want or not want
        )
    facts.extend(
        _judge(key, expected[key], getattr(recorded, key))
        for key in ("filed_on", "effective_on")
        if key in expected
    )
    if "consents" in expected:
        facts.extend(_compare_consents(expected["consents"], recorded.consents))
    if "other_documents" in expected or recorded.other_documents:
        facts.extend(_compare_other(expected.get("other_documents", []), recorded.other_documents))
    if "operations" in expected:
        facts.extend(_compare_operations(expected["operations"], recorded.operations))
    return facts


def _compare_consents(wanted: list[dict[str, Any]], got: list[dict[str, Any]]) -> list[Fact]:
    facts, unused = [], list(got)
    for want in wanted:
        name = f"consent:{want['class']}"
        match = next((g for g in unused if _folded(want["class"]) in _folded(g["class"])), None)
        if match is None:
            facts.append(Fact(name, "missed", want, None))
            continue
        unused.remove(match)
        agree = all(
            match[key] == want[key]
            for key in ("threshold", "at_least", "separate_class")
            if key in want and want[key] is not None
        )
        if want.get("threshold", "") is None:
            # The text names no fraction ("the requisite number of shares"): none may be invented.
            # ("the necessary number of shares as required by statute" says the same.)
            wording = _folded(match.get("wording") or "")
            agree = agree and ("requisite" in wording or "necessary number" in wording)
        facts.append(Fact(name, "right" if agree else "wrong", want, match))
    facts.extend(Fact(f"consent(extra):{g['class']}", "wrong", None, g) for g in unused)
    return facts


def _compare_other(wanted: list[dict[str, Any]], got: list[dict[str, Any]]) -> list[Fact]:
    facts, unused = [], list(got)
    for want in wanted:
        name = f"other:{want['fact']}:{want['on']}"
        match = next(
            (
                g
                for g in unused
                if (g["fact"], g["on"]) == (want["fact"], want["on"])
                and _on_certificate(want.get("certificate"), g.get("certificate"))
            ),
            None,
        )
        if match is not None:
            unused.remove(match)
        facts.append(Fact(name, "right" if match else "missed", want, match))
    facts.extend(Fact(f"other(extra):{g['fact']}", "wrong", None, g) for g in unused)
    return facts


def _on_certificate(wanted: str | None, recorded: str | None) -> bool:
    """Whether a fact about another document sits on the certificate the text names.

    `wanted` is that certificate's date (as in `corrects`: the instrument part is the
    issuer's); absent, any certificate will do.
    """
    if wanted is None:
        return True
    return recorded is not None and recorded.rsplit("@", 1)[-1].split(".", 1)[0] == wanted


def _operation_key(operation: dict[str, Any]) -> str:
    term = operation.get("term")
    return f"{operation['action']}:{normalise_spaces(term) if term else operation.get('scope')}"


def _compare_operations(wanted: list[dict[str, Any]], got: list[dict[str, Any]]) -> list[Fact]:
    facts, unused = [], list(got)

    def same_target(a: dict[str, Any], b: dict[str, Any]) -> bool:
        return _folded(a.get("term")) == _folded(b.get("term"))

    for want in wanted:
        name = f"operation:{_operation_key(want)}"
        actions = want["action"].split("|")  # "replace|add": either reading is right
        match = next((g for g in unused if g["action"] in actions and same_target(g, want)), None)
        if match is None:
            other = next((g for g in unused if want.get("term") and same_target(g, want)), None)
            if other is not None:
                unused.remove(other)
            facts.append(Fact(name, "wrong" if other else "missed", want, other))
            continue
        unused.remove(match)
        facts.append(Fact(name, "right" if _details_agree(want, match) else "wrong", want, match))
    facts.extend(Fact(f"operation(extra):{_operation_key(g)}", "wrong", None, g) for g in unused)
    return facts


def _details_agree(want: dict[str, Any], got: dict[str, Any]) -> bool:
    for key in ("edit", "old_words", "new_words", "new_term", "scope", "section"):
        if key in want and _folded(want[key]) != _folded(got.get(key)):
            return False
    text = _folded(got.get("text") or "").rstrip("\"'")
    if "text_endswith" in want and not text.endswith(_folded(want["text_endswith"])):
        return False
    return "text_contains" not in want or _folded(want["text_contains"]) in text


# --- measuring the corpus ---------------------------------------------------------------------


def measure(corpus: Path = CORPUS) -> list[DocumentFidelity]:
    """Ingest every corpus folder into a fresh ledger and judge every document's facts."""
    results: list[DocumentFidelity] = []
    with tempfile.TemporaryDirectory(prefix="fidelity-") as scratch:
        for folder in folders(corpus):
            with Ledger.open(str(Path(scratch) / f"{folder.name}.sqlite")) as ledger:
                instruments: dict[str, tuple[str, str]] = {}
                for document in documents_of(folder):
                    parts = expected_parts(document)
                    if parts is not None:
                        name = f"{folder.name}/{document.name}"
                        results.extend(
                            _measure_document(ledger, document, name, parts, instruments)
                        )
    return results


def _measure_document(
    ledger: Ledger,
    document: Path,
    name: str,
    parts: list[dict[str, Any]],
    instruments: dict[str, tuple[str, str]],
) -> list[DocumentFidelity]:
    must_refuse = parts[0].get("expect") == "refused"
    partial = any(part.get("expect") == "partial" for part in parts)
    try:
        reports = ledger.ingest_files([document], accept_partial=partial)
    except LedgerError as error:
        message = str(error)
        if must_refuse:
            keywords = parts[0].get("refusal_keywords", [])
            # The file's own name is no evidence of the cause ("04-elimination-...txt").
            cause = message.replace(str(document), "", 1)
            fact = Fact("refusal", "right" if _names(cause, keywords) else "wrong", keywords)
            return [DocumentFidelity(name, "refused", message, [fact])]
        return [
            DocumentFidelity(
                _part_name(name, number, len(parts)),
                "refused",
                message,
                [Fact(f.fact, "refused", f.expected) for f in compare(part, Recorded())],
            )
            for number, part in enumerate(parts, start=1)
            if part.get("expect") != "skipped"
        ]
    if must_refuse:
        fact = Fact("refusal", "wrong", parts[0].get("refusal_keywords"), "recorded")
        return [DocumentFidelity(name, "recorded", None, [fact])]
    results = []
    for number, (report, part) in enumerate(zip(reports, parts, strict=False), start=1):
        if part.get("expect") == "skipped":
            continue
        recorded = read_report(ledger, report, instruments)
        results.append(
            DocumentFidelity(
                _part_name(name, number, len(parts)), report.outcome, None, compare(part, recorded)
            )
        )
    return results


def read_report(
    ledger: Ledger, report: IngestReport, instruments: dict[str, tuple[str, str]] | None = None
) -> Recorded:
    """The facts one ingest report's events state (instruments known to the ledger by default)."""
    if instruments is None:
        instruments = {i.id: (i.issuer, i.series) for i in ledger.instruments()}
    events = [_stored_event(ledger, entry.position) for entry in report.events[1:]]
    return recorded_facts(events, instruments)


def _part_name(name: str, number: int, parts: int) -> str:
    return name if parts == 1 else f"{name} #{number}"


def _names(message: str, keywords: list[str]) -> bool:
    """Whether the refusal names every keyword (alternatives separated by '|')."""
    text = message.casefold()
    return all(any(k.casefold() in text for k in group.split("|")) for group in keywords)


def _stored_event(ledger: Ledger, position: int) -> LedgerEvent:
    [notification] = ledger.app.recorder.select_notifications(start=position, limit=1)
    return decode(ledger.app, notification)


def totals(results: list[DocumentFidelity]) -> dict[str, int]:
    """The verdict counts over every document."""
    counts = Counter(f.verdict for r in results for f in r.facts)
    return {verdict: counts.get(verdict, 0) for verdict in VERDICTS} | {"documents": len(results)}


_AMENDING_ACTIONS = ("replace", "delete", "edit", "rename", "restate")


def stale_operations(results: list[DocumentFidelity]) -> list[str]:
    """Amending operations a RECORDED document states but the ledger skipped, as `doc :: fact`.

    They are "missed", not "wrong", in the verdicts; but the ledger then answers the earlier
    text as still in force, with no word of doubt, so they are listed on their own.
    """
    return sorted(
        f"{r.document} :: {f.fact}"
        for r in results
        if r.outcome == "recorded"
        for f in r.facts
        if f.verdict == "missed"
        and f.fact.startswith("operation:")
        and any(a in _AMENDING_ACTIONS for a in f.fact.split(":")[1].split("|"))
    )


def wrong_facts(results: list[DocumentFidelity]) -> list[str]:
    """Every wrong fact as `document :: fact`, sorted: the ratchet's baseline entries."""
    return sorted(
        f"{r.document} :: {f.fact}" for r in results for f in r.facts if f.verdict == "wrong"
    )


def as_json(results: list[DocumentFidelity]) -> dict[str, Any]:
    """The whole measure as one JSON-ready object."""
    return {
        "totals": totals(results),
        "by_fact": by_fact(results),
        "documents": [
            asdict(r) | {verdict: r.count(verdict) for verdict in VERDICTS} for r in results
        ],
    }


BASELINE = CORPUS / "fidelity-baseline.json"
_BASELINE_NOTE = (
    "The wrong facts the reader records today, as 'document :: fact'. "
    "tests/integration/test_fidelity.py fails when a wrong fact appears that is not listed here, "
    "and when a listed fact is no longer wrong: the list can only shrink. Regenerate with "
    "`python -m tests.fidelity --baseline > tests/corpus/fidelity-baseline.json` after a fix."
)


def baseline_document(wrong: list[str]) -> dict[str, Any]:
    """The baseline file's content for a list of wrong facts."""
    return {"_comment": _BASELINE_NOTE, "wrong": wrong}


def load_baseline(path: Path = BASELINE) -> list[str]:
    """The wrong facts the baseline tolerates."""
    return list(json.loads(path.read_text(encoding="utf-8"))["wrong"])


def catalogue() -> str:
    """The trap corpus as a Markdown table: per document, the form it follows and its traps."""
    rows = ["| document | modelled on (form) | patterns exercised |", "|---|---|---|"]
    for folder in folders():
        for document in documents_of(folder):
            facts = document.parent / f"{document.name.rsplit('.', 1)[0]}.facts.json"
            if not facts.exists():
                continue
            loaded = json.loads(facts.read_text(encoding="utf-8"))
            patterns = "; ".join(loaded.get("patterns", [])).replace("|", "\\|")
            form = loaded.get("modelled_on", "").replace("|", "\\|")
            rows.append(f"| `{folder.name}/{document.name}` | {form} | {patterns} |")
    return "\n".join(rows)


def by_fact(results: list[DocumentFidelity]) -> dict[str, dict[str, int]]:
    """The verdict counts per kind of fact (issuer, board.acted_on, operation, consent, ...)."""
    table: dict[str, Counter[str]] = {}
    for result in results:
        for fact in result.facts:
            kind = fact.fact.split(":", 1)[0]
            table.setdefault(kind, Counter())[fact.verdict] += 1
    return {
        kind: {verdict: counts.get(verdict, 0) for verdict in VERDICTS}
        for kind, counts in sorted(table.items())
    }
