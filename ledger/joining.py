"""Which instrument a document joins: its issuer and series, checked against the ledger's.

An instrument's id is the issuer's words and the series; an amendment joins the instrument of
the same id whatever the order documents are ingested in. A reading that puts a heading word
or a phrase before the issuer's name ("Delaware X Networks, Inc.", "Incorporation of X
Corp.") would make a phantom instrument that only looks like a new one: an id that is another
instrument's id with words in front (or the reverse) is refused, naming the option that
settles it, rather than recorded as a second instrument.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from ledger.domain.identity import instrument_id_for

# A corporation's name never starts with these: a reading that does took a heading's words
# into the name, as when "... DESIGNATIONS OF" or "CERTIFICATE OF INCORPORATION OF" ends one
# heading line and the name begins the next.
_CONNECTING_WORD = re.compile(
    r"(?i)^(of|and|by|for|to|in|on|pursuant|under|as|incorporation|designations?|certificate"
    r"|amendment|articles|preferences|restated|corrected|correction)\b"
)


# Nor holds these: a reading that does took a stamp or a form's box into it ("Amt. Paid:$100.00").
_FORM_CHARACTERS = re.compile(r"[$:;@#|_]")


def implausible_issuer(issuer: str) -> str | None:
    """Why `issuer` cannot be a corporation's name as read, or None when it can."""
    if (stray := _FORM_CHARACTERS.search(issuer)) is not None:
        return (
            f"the issuer reads {issuer!r}, which holds {stray.group(0)!r} (a stamp or a form's "
            "box read into the name); give the issuer's name with --issuer, or the instrument "
            "with --instrument"
        )
    found = _CONNECTING_WORD.match(issuer.strip())
    if found is None:
        return None
    return (
        f"the issuer reads {issuer!r}, which begins with the heading word {found.group(0)!r}; "
        "give the issuer's name with --issuer, or the instrument with --instrument"
    )


def lookalike(instrument_id: str, known: Iterable[str]) -> str | None:
    """A known instrument whose id is `instrument_id` with issuer words added or removed."""
    for other in sorted(known):
        if other == instrument_id:
            return None
    for other in sorted(known):
        if other.endswith(f"-{instrument_id}") or instrument_id.endswith(f"-{other}"):
            return other
    return None


def lookalike_message(instrument_id: str, issuer: str, other: str) -> str:
    """The refusal: which two instruments, and the options that decide between them."""
    return (
        f"the issuer reads {issuer!r} (instrument {instrument_id}), which differs from the "
        f"instrument {other} the ledger holds for the same security only by words before its "
        f"name; if this amends {other}, give --instrument {other}; if it is another issuer, "
        "give its name with --issuer"
    )


def issuer_key(issuer: str) -> str:
    """The issuer's part of an instrument id (its words, without "Inc." and the like)."""
    return instrument_id_for(issuer, "").rstrip("-")


def undated_sibling_message(issuer: str, siblings: list[str]) -> str:
    """The refusal of an undated amendment of a new instrument of an issuer the ledger knows."""
    return (
        f"the amendment names no instrument the ledger holds and does not say when its "
        f"instrument was adopted, while {issuer!r} has {', '.join(sorted(siblings))} in the "
        "ledger: if it amends one of them give --instrument ID; if it amends another "
        "instrument, give its adoption date with --adopted-on DATE"
    )


def undated_unheaded_message(series: str) -> str:
    """The refusal of an undated amendment of a new instrument named only in its body."""
    return (
        f"the amendment names no instrument the ledger holds, does not say when its instrument "
        f"was adopted, and its heading names no series ({series!r} is read from the body, where "
        "a recital about another series can name it): give --instrument ID, or --adopted-on "
        "DATE if it amends an instrument the ledger does not hold yet"
    )
