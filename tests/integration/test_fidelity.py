"""The fidelity ratchet: the reader may not record a wrong fact the baseline does not list, and
the baseline may only shrink (a fact the reader now gets right must leave it).

Wrong facts are measured by tests/fidelity (`make fidelity`) against the expected facts written
by reading each corpus document; tests/corpus/fidelity-baseline.json lists today's known ones.
"""

from __future__ import annotations

from collections import Counter

import pytest

from tests.fidelity import (
    DocumentFidelity,
    Recorded,
    compare,
    documents_of,
    expected_parts,
    folders,
    load_baseline,
    measure,
    wrong_facts,
)
from tests.paths import CORPUS

REGENERATE = "python -m tests.fidelity --baseline > tests/corpus/fidelity-baseline.json"


@pytest.fixture(scope="module")
def results() -> list[DocumentFidelity]:
    return measure()


def test_no_wrong_fact_appears_that_the_baseline_does_not_list(results):
    new = Counter(wrong_facts(results)) - Counter(load_baseline())
    details = [
        f"{r.document} :: {f.fact}: expected {f.expected!r}, recorded {f.recorded!r}"
        for r in results
        for f in r.facts
        if f.verdict == "wrong" and f"{r.document} :: {f.fact}" in new
    ]
    assert not new, "new wrong facts (a confident wrong answer):\n" + "\n".join(details)


def test_the_baseline_lists_only_facts_that_are_still_wrong(results):
    fixed = Counter(load_baseline()) - Counter(wrong_facts(results))
    assert not fixed, f"no longer wrong, so the baseline must shrink ({REGENERATE}):\n" + "\n".join(
        sorted(fixed.elements())
    )


def test_every_corpus_document_has_expected_facts():
    without = [
        f"{folder.name}/{document.name}"
        for folder in folders()
        for document in documents_of(folder)
        if expected_parts(document) is None
    ]
    assert without == []


def test_the_trap_corpus_has_forty_four_documents_across_nine_issuers():
    trap_folders = [
        folder
        for folder in folders()
        if any(p.name.endswith(".facts.json") for p in folder.iterdir())
    ]
    documents = [d for folder in trap_folders for d in documents_of(folder)]
    assert len(trap_folders) >= 9
    assert len(documents) >= 44


def test_a_value_the_document_does_not_state_and_an_extra_operation_count_as_wrong():
    judged = compare(
        {"kind": "amendment", "filed_on": None, "operations": [{"action": "delete", "term": "A"}]},
        Recorded(
            kind="amendment",
            filed_on="1998-07-16",
            operations=[{"action": "delete", "term": "A"}, {"action": "delete", "term": "B"}],
        ),
    )
    assert [(f.fact, f.verdict) for f in judged] == [
        ("kind", "right"),
        ("filed_on", "wrong"),
        ("operation:delete:A", "right"),
        ("operation(extra):delete:B", "wrong"),
    ]


def test_the_corpus_readme_lists_every_trap_document_with_its_form():
    readme = (CORPUS / "README.md").read_text(encoding="utf-8")
    missing = [
        f"{folder.name}/{document.name}"
        for folder in folders()
        for document in documents_of(folder)
        if (folder / f"{document.name.rsplit('.', 1)[0]}.facts.json").exists()
        and f"`{folder.name}/{document.name}`" not in readme
    ]
    assert missing == [], "run python -m tests.fidelity --catalogue and update the README"
