"""Issue 11, items 1 and 3 (the reader's): nothing silently dropped, plausible dates.

Driven here too, so that tests/hardening holds every case of the issue: each refusal is one
line naming the file and line, exit 2, and no ledger file left behind.
"""

from __future__ import annotations

import pytest

from tests.hardening.support import assert_refused, listing, run
from tests.paths import SEED

PARTIAL = "(use --accept-partial to record the rest and mark it for review)"


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        (
            '"Newcourt Finance" means',
            '"Newcourt Finance means',
            (
                "Error: filing.txt:64: a paragraph that looks like a definition cannot be read: "
                "unbalanced quotation marks around the defined term "
                f"('\"Newcourt Finance means CIT Lending Services Corpo') {PARTIAL}"
            ),
        ),
        (
            '"Newcourt Finance" means',
            '"Newcourt' + " Finance" * 20 + '" means',
            (
                "Error: filing.txt:64: a paragraph that looks like a definition cannot be read: "
                "a defined term of 168 characters ('Newcourt Finance Finance Finance Finance'...): "
                f"a closing quote may be missing {PARTIAL}"
            ),
        ),
        (
            "this 30th day\nof June, 2000.",
            "this 1st day\nof January, 0001.",
            (
                "Error: filing.txt:72: implausible execution date 0001-01-01 "
                "(before 1900 or more than 5 years after today); correct the document"
            ),
        ),
    ],
    ids=["missing-closing-quote", "term-over-120-characters", "executed-in-year-1"],
)
def test_a_filing_the_reader_cannot_trust_is_refused_with_its_line(tmp_path, old, new, expected):
    text = SEED.read_text(encoding="utf-8")
    assert old in text
    (tmp_path / "filing.txt").write_text(text.replace(old, new), encoding="utf-8")

    done = run("ingest", "filing.txt", "--db", "new.sqlite", cwd=tmp_path)

    assert_refused(done, 2, expected)
    assert listing(tmp_path) == ["filing.txt"]
