"""`ledger migrate`: a SQLite ledger copied to PostgreSQL and back keeps every event at its
position, its hash chain link for link, and gives identical answers."""

from __future__ import annotations

import contextlib
from datetime import date

import pytest

from ledger import Ledger, LedgerError
from ledger.migration import migrate
from tests.paths import CORPUS, EXAMPLES
from tests.postgres_server import create_database

DOCUMENTS = sorted(EXAMPLES.glob("*.txt")) + sorted(
    path
    for issuer in ("marrow-creek", "pellucid-harbor", "quillfeather")
    for path in sorted((CORPUS / issuer).glob("*.txt"))
)


def answers(ledger: Ledger) -> list[object]:
    days = (date(1999, 1, 1), date(2000, 7, 1), date(2001, 3, 1), date(2026, 1, 1))
    return [ledger.view.dump(), ledger.log(), *(ledger.terms(day) for day in days)]


@pytest.fixture
def corpus_ledger(tmp_path):
    url = str(tmp_path / "original.sqlite")
    with Ledger.open(url) as ledger:
        for path in DOCUMENTS:
            with contextlib.suppress(LedgerError):  # the corpus holds documents to refuse
                ledger.ingest(path, accept_partial=True)
        assert ledger.verify().events > 100
    return url


def test_migrate_round_trips_the_corpus_through_postgres(
    corpus_ledger, postgres_base_url, tmp_path
):
    postgres = create_database(postgres_base_url)
    back = str(tmp_path / "back.sqlite")
    with Ledger.open(corpus_ledger) as original:
        expected, head = answers(original), original.verify().head
        there = migrate(original, postgres)
    assert (there.events, there.head) == (head.position, head)
    with Ledger.open(postgres) as copy:
        assert answers(copy) == expected
        returned = migrate(copy, back)
    assert returned.head == head
    with Ledger.open(back) as copy:
        assert answers(copy) == expected
        assert copy.verify(head).extends == head


def test_migrate_refuses_a_target_that_holds_events(corpus_ledger, tmp_path):
    other = str(tmp_path / "other.sqlite")
    with Ledger.open(other) as ledger:
        ledger.ingest(EXAMPLES / "kmc-series-e-amendment-2000-06-30.txt")
        before = ledger.verify().head
    with (
        Ledger.open(corpus_ledger) as original,
        pytest.raises(LedgerError, match="already holds a ledger with 8 events"),
    ):
        migrate(original, other)
    with Ledger.open(other) as ledger:
        assert ledger.verify().head == before


def test_a_copy_continues_its_chain_and_its_positions(corpus_ledger, postgres_base_url):
    postgres = create_database(postgres_base_url)
    with Ledger.open(corpus_ledger) as original:
        head = migrate(original, postgres).head
    with Ledger.open(postgres) as copy:
        report = copy.ingest(CORPUS / "marrow-creek" / "01-designation-1998-03-10.txt")
        if report.outcome == "recorded":
            assert report.events[0].position == head.position + 1
        assert copy.verify(head).extends == head
