"""Issue 11, item 3 (the reader's: plausible dates), driven here as one of the issue's cases."""

from __future__ import annotations

from tests.hardening.support import assert_refused, listing, run
from tests.paths import SEED


def test_a_certificate_executed_on_1_january_0001_is_refused_with_its_line(tmp_path):
    text = SEED.read_text(encoding="utf-8").replace(
        "this 30th day\nof June, 2000.", "this 1st day\nof January, 0001."
    )
    (tmp_path / "year-one.txt").write_text(text, encoding="utf-8")

    done = run("ingest", "year-one.txt", "--db", "new.sqlite", cwd=tmp_path)

    assert_refused(
        done,
        2,
        "Error: year-one.txt:72: implausible execution date 0001-01-01 "
        "(before 1900 or more than 5 years after today); correct the document",
    )
    assert listing(tmp_path) == ["year-one.txt"]
