"""Where the test documents are."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
CORPUS = ROOT / "tests" / "corpus"
SEED = EXAMPLES / "kmc-series-e-amendment-2000-06-30.txt"
HARBOR_ORIGINAL = EXAMPLES / "harbor-lantern-series-b-designation-1999-03-10.txt"
HARBOR_FIRST = EXAMPLES / "harbor-lantern-series-b-amendment-1-2000-09-15.txt"
HARBOR_SECOND = EXAMPLES / "harbor-lantern-series-b-amendment-2-2001-02-09.txt"
