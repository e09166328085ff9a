"""`make fidelity`: print, per corpus document, the facts right / wrong / missed / refused.

python -m tests.fidelity              # the table and the totals
python -m tests.fidelity --details    # also every fact that is not right
python -m tests.fidelity --json       # everything as one JSON object
python -m tests.fidelity --baseline > tests/corpus/fidelity-baseline.json
                                      # rewrite the ratchet's baseline (it may only shrink)
"""

from __future__ import annotations

import argparse
import json
import sys

from tests.fidelity import (
    VERDICTS,
    as_json,
    baseline_document,
    by_fact,
    catalogue,
    measure,
    stale_operations,
    totals,
    wrong_facts,
)


def main() -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.fidelity", description=__doc__)
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    parser.add_argument("--details", action="store_true", help="list every fact not right")
    parser.add_argument("--baseline", action="store_true", help="print the ratchet baseline")
    parser.add_argument(
        "--catalogue", action="store_true", help="print the trap corpus table for the README"
    )
    options = parser.parse_args()
    if options.catalogue:
        print(catalogue())
        return 0
    results = measure()
    if options.json:
        print(json.dumps(as_json(results), indent=2, default=str))
        return 0
    if options.baseline:
        print(json.dumps(baseline_document(wrong_facts(results)), indent=2, ensure_ascii=False))
        return 0
    width = max(len(r.document) for r in results)
    print(f"{'document':<{width}}  outcome   " + "  ".join(f"{v:>7}" for v in VERDICTS))
    for result in results:
        counts = "  ".join(f"{result.count(v):>7}" for v in VERDICTS)
        print(f"{result.document:<{width}}  {result.outcome:<8}  {counts}")
        if options.details:
            if result.error:
                print(f"    error: {result.error}")
            for fact in result.facts:
                if fact.verdict != "right":
                    print(
                        f"    {fact.verdict:<7} {fact.fact}: expected {fact.expected!r}, "
                        f"recorded {fact.recorded!r}"
                    )
    print()
    print(f"{'by fact':<{width}}            " + "  ".join(f"{v:>7}" for v in VERDICTS))
    for kind, counts in by_fact(results).items():
        print(f"{kind:<{width}}            " + "  ".join(f"{counts[v]:>7}" for v in VERDICTS))
    print()
    total = totals(results)
    print(
        f"{'TOTAL (' + str(total['documents']) + ' documents)':<{width}}            "
        + "  ".join(f"{total[v]:>7}" for v in VERDICTS)
    )
    _print_stale(stale_operations(results), details=options.details)
    return 0


def _print_stale(stale: list[str], *, details: bool) -> None:
    print(
        f"\nof the missed: {len(stale)} amending operation(s) skipped in documents the ledger "
        "recorded (it answers the earlier text as still in force)"
    )
    if details:
        for entry in stale:
            print(f"    {entry}")


if __name__ == "__main__":
    sys.exit(main())
