"""Issue 11, item 7: check, refs and every scan over a definition are linear in its length.

A 1 MB definition of capitalised words (the worst case for the old patterns, which took 13 s
for 16k characters and did not finish in 300 s for 1 MB) is ingested, checked and referenced
through the console script. The bound is generous on purpose: it catches quadratic time (hours
here), not a slow machine.
"""

from __future__ import annotations

import textwrap
import time

from tests.hardening.support import run
from tests.paths import SEED

MEGABYTE = 1_000_000


def test_a_one_megabyte_definition_is_ingested_checked_and_referenced_in_seconds(tmp_path):
    run_of_capitals = textwrap.wrap(" ".join(["ABC Def GHI"] * (MEGABYTE // 12)), 70)
    text = SEED.read_text(encoding="utf-8").replace(
        '"Lucent  Facility" means the vendor',
        '"Lucent  Facility" means ' + "\n".join(run_of_capitals) + "\nthe vendor",
    )
    (tmp_path / "long.txt").write_text(text, encoding="utf-8")
    started = time.monotonic()

    ingested = run("ingest", "long.txt", "--db", "l.sqlite", cwd=tmp_path)
    checked = run("check", "--as-of", "2000-07-01", "--db", "l.sqlite", cwd=tmp_path)
    refs = run("refs", "Lucent Facility", "--as-of", "2000-07-01", "--db", "l.sqlite", cwd=tmp_path)

    assert time.monotonic() - started < 60
    assert [ingested.returncode, checked.returncode, refs.returncode] == [0, 0, 0]
    assert checked.stdout.decode().startswith(
        "Findings on 2000-07-01:\nkmc-telecom-holdings-series-e\n  used but not defined:\n"
        "    ABC Def GHI ABC Def GHI"
    )
    assert refs.stdout.decode().endswith(
        "  defines:    KMC IV, Leasing IV, IV Services, Borrowers, Lenders\n"
    )
