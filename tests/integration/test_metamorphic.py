"""Metamorphic tests: a distractor inserted into a corpus document must not change what the ledger
records from it (issuer, series, kind, board action, consents, execution, this certificate's
filing and effective dates, the operations and their texts), or the document must be refused.

Each family inserts one kind of text real filings are full of: a recital about another
corporation and date, a "dated as of" inside a definition, a filing date of another document, a
section restated outside the definitions, the same text re-wrapped without blank lines.
Hypothesis picks the document (every corpus document the ledger records today, in its folder's
context), the dates, their spelling and the other corporation's name.

A family the reader of today fails is listed in FAMILIES_PENDING_READER (the test is written and
skipped); enabling it is deleting one line.
"""

from __future__ import annotations

import re
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from ledger import Ledger, LedgerError
from ledger.terms import normalise_spaces
from tests.fidelity import documents_of, folders, read_report
from tests.paths import EXAMPLES

# Families the reader of today fails; each is written below and skipped while listed here.
FAMILIES_PENDING_READER: dict[str, str] = {}

MAX_EXAMPLES = 12

# --- the documents and what the ledger records from them today --------------------------------


@dataclass(frozen=True)
class Case:
    """A corpus document the ledger records today, with the documents it must follow."""

    document: Path
    context: tuple[Path, ...]

    @property
    def name(self) -> str:
        return f"{self.document.parent.name}/{self.document.name}"


@cache
def cases() -> tuple[Case, ...]:
    found = []
    for folder in [*folders(), EXAMPLES]:
        recorded: list[Path] = []
        with tempfile.TemporaryDirectory() as scratch, Ledger.open(f"{scratch}/l.db") as ledger:
            for document in documents_of(folder) if folder != EXAMPLES else _examples():
                try:
                    ledger.ingest_files([document])
                except LedgerError:
                    continue
                found.append(Case(document, tuple(recorded)))
                recorded.append(document)
    return tuple(found)


def _examples() -> list[Path]:
    return sorted(EXAMPLES.glob("*.txt"), key=lambda p: ("designation" not in p.name, p.name))


def facts_after(case: Case, data: bytes, *, drop: str = "") -> dict[str, Any] | None:
    """What the ledger records from `data` after the case's context; None if refused.

    `drop` is words a distractor inserted into a definition: removed from recorded texts.
    """
    with tempfile.TemporaryDirectory() as scratch, Ledger.open(f"{scratch}/l.db") as ledger:
        if case.context:
            ledger.ingest_files(list(case.context))
        try:
            report = ledger.ingest_bytes(data, name=case.document.name)
        except LedgerError:
            return None
        recorded = read_report(ledger, report)
    operations = []
    for operation in recorded.operations:
        text = normalise_spaces(operation.get("text") or "")
        if drop:
            text = text.replace(normalise_spaces(drop), "")
        operations.append({**operation, "text": normalise_spaces(text)})
    return {
        "kind": recorded.kind,
        "instrument": recorded.instrument,
        "instrument_date": recorded.instrument_date,
        "corrects": recorded.corrects,
        "board": recorded.board,
        "consents": [{k: v for k, v in c.items() if k != "wording"} for c in recorded.consents],
        "execution": recorded.execution,
        "filed_on": recorded.filed_on,
        "effective_on": recorded.effective_on,
        "operations": operations,
    }


@cache
def baseline(case: Case) -> dict[str, Any]:
    facts = facts_after(case, case.document.read_bytes())
    assert facts is not None, f"{case.name} is no longer recordable"
    return facts


# --- text surgery -------------------------------------------------------------------------------


def decoded(case: Case) -> tuple[str, str]:
    data = case.document.read_bytes()
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        return data.decode("cp1252"), "cp1252"


def is_html(text: str) -> bool:
    return bool(re.search(r"<(?:html|p|div|body)\b", text, re.IGNORECASE))


_TESTIMONIUM = re.compile(r"^[ \t>]*(?:<[^>]*>)*\s*IN WITNESS WHEREOF", re.MULTILINE)
_RESOLUTION = re.compile(
    r"^[ \t]*(?:<[^>]*>)*\s*(?:NOW, THEREFORE|RESOLVED|IT IS RESOLVED|FIRST:)", re.MULTILINE
)


def insert_paragraph(text: str, paragraph: str, where: re.Pattern[str]) -> str | None:
    """`text` with `paragraph` as a paragraph of its own before the first match of `where`."""
    found = where.search(text)
    if found is None:
        return None
    newline = "\r\n" if "\r\n" in text else "\n"
    block = f"<p>{paragraph}</p>" if is_html(text) else "     " + paragraph
    return text[: found.start()] + block + newline + newline + text[found.start() :]


DATE_STYLES = (
    lambda d: f"{d:%B} {d.day}, {d.year}",
    lambda d: f"the {_ordinal(d.day)} day of {d:%B}, {d.year}",
    lambda d: f"{d:%m/%d/%Y}",
    lambda d: f"{d:%B} {_ordinal(d.day)}, {d.year}",
)


def _ordinal(n: int) -> str:
    suffix = "th" if 11 <= n % 100 <= 13 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


dates = st.builds(
    lambda d, style: style(d),
    st.dates(min_value=date(1985, 1, 1), max_value=date(2021, 12, 31)),
    st.sampled_from(DATE_STYLES),
)
sections = st.sampled_from(["9", "11", "12"])
corporations = st.sampled_from(
    [
        "Zephyr Holdings, Inc.",
        "ALDERMERE CAPITAL CORP.",
        "Quintal Energy Partners, L.P.",
        "Brisbane & Vail Company",
        "Northmoor Series B Funding Corporation",
    ]
)


def recital_other_corporation(text: str, draw: Callable[..., Any]) -> tuple[str | None, str]:
    corporation, on, later = draw(corporations), draw(dates), draw(dates)
    paragraph = (
        f"WHEREAS, on {on}, {corporation}, a Delaware corporation, entered into an agreement "
        f"with the Corporation, which the board of directors of {corporation} approved by "
        f"unanimous written consent dated {later};"
    )
    return insert_paragraph(text, paragraph, _RESOLUTION) or insert_paragraph(
        text, paragraph, _TESTIMONIUM
    ), ""


def filed_about_other_document(text: str, draw: Callable[..., Any]) -> tuple[str | None, str]:
    corporation, on = draw(corporations), draw(dates)
    paragraph = (
        f"WHEREAS, a Certificate of Merger of {corporation}, a Delaware corporation, with and "
        f"into a subsidiary of the Corporation was filed with the Secretary of State of the "
        f"State of Delaware on {on}, and became effective upon filing;"
    )
    return insert_paragraph(text, paragraph, _RESOLUTION) or insert_paragraph(
        text, paragraph, _TESTIMONIUM
    ), ""


def section_restatement_outside_definitions(
    text: str, draw: Callable[..., Any]
) -> tuple[str | None, str]:
    on, section = draw(dates), draw(sections)
    newline = "\r\n" if "\r\n" in text else "\n"
    quote = "&#8220;" if is_html(text) else '"'
    close = "&#8221;" if is_html(text) else '"'
    restated = insert_paragraph(
        text,
        f"{quote}({section}) Notices. Notices to the holders shall be given by first class "
        f"mail, postage prepaid, and shall be deemed given on the third day after mailing, "
        f"beginning {on}.{close}",
        _TESTIMONIUM,
    )
    if restated is None:
        return None, ""
    return insert_paragraph(
        restated,
        f"Section {section} of the Certificate of Designation is hereby amended and restated in "
        f"its entirety to read as follows:{newline}",
        re.compile(re.escape(quote) + rf"\({section}\) Notices"),
    ), ""


_MEANS = re.compile(r'(["\u201c][A-Z][^"\u201c\u201d\n]{1,60}["\u201d]\s+(?:shall\s+)?means?)\s')


def dated_as_of_in_definition(text: str, draw: Callable[..., Any]) -> tuple[str | None, str]:
    corporation, on = draw(corporations), draw(dates)
    found = _MEANS.search(text)
    if found is None:
        return None, ""
    words = (
        f"for purposes of the Side Letter dated as of {on} between {corporation}, a Delaware "
        f"corporation, and the Corporation,"
    )
    return text[: found.end(1)] + " " + words + text[found.end(1) :], words


def _paragraphs(text: str) -> list[list[str]]:
    blocks: list[list[str]] = [[]]
    for line in text.splitlines():
        if line.strip():
            blocks[-1].append(line)
        elif blocks[-1]:
            blocks.append([])
    return [b for b in blocks if b]


def rewrap_one_paragraph_per_line(text: str, _draw: Callable[..., Any]) -> tuple[str | None, str]:
    if is_html(text) or "<DOCUMENT>" in text:  # joining SGML tags would unmake the submission
        return None, ""
    joined = [" ".join(line.strip() for line in block) for block in _paragraphs(text)]
    return "\n".join(joined) + "\n", ""


def drop_blank_lines(text: str, _draw: Callable[..., Any]) -> tuple[str | None, str]:
    if is_html(text):
        return None, ""
    return "\n".join(line for line in text.splitlines() if line.strip()) + "\n", ""


Family = Callable[[str, Callable[..., Any]], tuple[str | None, str]]
FAMILIES: dict[str, Family] = {
    "recital_other_corporation": recital_other_corporation,
    "filed_about_other_document": filed_about_other_document,
    "section_restatement_outside_definitions": section_restatement_outside_definitions,
    "dated_as_of_in_definition": dated_as_of_in_definition,
    "rewrap_one_paragraph_per_line": rewrap_one_paragraph_per_line,
    "drop_blank_lines": drop_blank_lines,
}


def check_family(name: str, case: Case, draw: Callable[..., Any]) -> None:
    text, encoding = decoded(case)
    changed, inserted = FAMILIES[name](text, draw)
    assume(changed is not None and changed != text)
    assert changed is not None
    if name == "section_restatement_outside_definitions":
        assume(baseline(case)["kind"] != "original")
    after = facts_after(case, changed.encode(encoding), drop=inserted)
    if after is None:
        return  # refused: allowed
    before = baseline(case)
    assert after == before, f"{case.name}: {name} changed what was recorded"


@pytest.mark.parametrize("family", list(FAMILIES))
def test_a_distractor_changes_nothing_the_ledger_records(family):
    if family in FAMILIES_PENDING_READER:
        pytest.skip(f"FAMILIES_PENDING_READER: {FAMILIES_PENDING_READER[family]}")

    @settings(
        max_examples=MAX_EXAMPLES,
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
    )
    @given(case=st.sampled_from(cases()), data=st.data())
    def distractor_changes_nothing(case: Case, data: st.DataObject) -> None:
        check_family(family, case, data.draw)

    distractor_changes_nothing()


def fixed_draw(strategy: st.SearchStrategy[Any]) -> Any:
    """One fixed value per strategy, for the tests that look at the surgery itself."""
    return {id(dates): "March 3, 1998", id(corporations): "Zephyr Holdings, Inc."}.get(
        id(strategy), "9"
    )


@pytest.mark.parametrize("family", list(FAMILIES))
def test_every_family_really_changes_some_document(family):
    """Guards against a vacuous family: each one alters at least three recordable documents."""
    altered = 0
    for case in cases():
        text, _ = decoded(case)
        changed, _ = FAMILIES[family](text, fixed_draw)
        altered += changed is not None and changed != text
    assert altered >= 3


def test_the_dated_as_of_distractor_lands_inside_a_definition():
    case = next(c for c in cases() if c.document.name == "01-designation-1998-03-10.txt")
    text, _ = decoded(case)
    changed, words = dated_as_of_in_definition(text, fixed_draw)
    assert changed is not None
    assert re.search(r'" means for purposes of the Side Letter dated as of ', changed)
    assert words in changed


def test_without_a_distractor_the_harness_sees_no_change():
    """The control: decoding, re-encoding and re-ingesting in context changes nothing."""
    assert len(cases()) >= 10
    for case in cases():
        text, encoding = decoded(case)
        assert facts_after(case, text.encode(encoding)) == baseline(case), case.name
