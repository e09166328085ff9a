"""Facts a state's printed form puts in a numbered box rather than in a sentence.

Nevada's certificate forms (NRS 78.1955, 78.0295) print "5. Effective date of filing
(optional): <date>" where a Delaware certificate writes "This Certificate shall become
effective at ... on <date>": the same fact, the certificate's own later effective time.
"""

from __future__ import annotations

import re

from ledger.parsing.dates import DATE_PATTERN
from ledger.parsing.facts import FactReader
from ledger.statements import ParsedDate

_EFFECTIVE_BOX = re.compile(
    r"Effective date (?:and time )?of filing(?: \(optional\))?\s*:\s*"
    rf"(?P<date>{DATE_PATTERN})",
    re.IGNORECASE,
)


def form_effective_time(facts: FactReader) -> ParsedDate | None:
    """The effective date a state form's box states, if it is filled in."""
    whole = facts.source.folded()
    match = _EFFECTIVE_BOX.search(whole.text)
    return facts.date_of(whole, match) if match else None
