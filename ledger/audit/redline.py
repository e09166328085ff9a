"""Word-level redlines with the standard library's `difflib` (no hand-written diff).

Texts are split into words and the white space between them; white space is junk to the
matcher, so a change of several words is one deletion and one insertion, not a patchwork.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Sequence

from ledger.audit.model import Run, RunOp

_TOKENS = re.compile(r"\s+|\S+")


def redline(old: str | None, new: str | None) -> list[Run]:
    """The runs that turn `old` into `new` (a missing text is empty)."""
    a = _TOKENS.findall(old or "")
    b = _TOKENS.findall(new or "")
    matcher = difflib.SequenceMatcher(str.isspace, a, b, autojunk=False)
    runs: list[Run] = []
    for tag, i1, i2, j1, j2 in _without_islands(matcher.get_opcodes(), a):
        if tag == "equal":
            _push(runs, "equal", "".join(a[i1:i2]))
            continue
        if tag in {"delete", "replace"}:
            _push(runs, "delete", "".join(a[i1:i2]))
        if tag in {"insert", "replace"}:
            _push(runs, "insert", "".join(b[j1:j2]))
    return runs


_ISLAND_WORDS = 1
"""Equal stretches of at most this many words between two changes are folded into them."""


Opcode = tuple[str, int, int, int, int]


def _without_islands(opcodes: Sequence[Opcode], a: list[str]) -> list[Opcode]:
    """Fold tiny equal islands ("the", "shall") between changes into one replacement.

    A rewritten clause shares a few common words with the old one by chance; showing them as
    kept cuts the change into fragments no reader can follow (the semantic clean-up of diff
    tools such as diff-match-patch does the same).
    """
    out = list(opcodes)
    changed = True
    while changed:
        changed = False
        for n in range(1, len(out) - 1):
            tag, i1, i2, _, _ = out[n]
            words = sum(1 for token in a[i1:i2] if not token.isspace())
            if (
                tag == "equal"
                and words <= _ISLAND_WORDS
                and out[n - 1][0] != "equal"
                and (out[n + 1][0] != "equal")
            ):
                first, last = out[n - 1], out[n + 1]
                out[n - 1 : n + 2] = [("replace", first[1], last[2], first[3], last[4])]
                changed = True
                break
    return out


def _push(runs: list[Run], op: RunOp, text: str) -> None:
    if not text:
        return
    if runs and runs[-1].op == op:
        runs[-1] = Run(op=op, text=runs[-1].text + text)
    else:
        runs.append(Run(op=op, text=text))


def apply_runs(runs: list[Run]) -> tuple[str, str]:
    """The old and the new text a redline stands for (its inverse, for tests)."""
    old = "".join(r.text for r in runs if r.op != "insert")
    new = "".join(r.text for r in runs if r.op != "delete")
    return old, new
