"""Whether a certificate had the approvals the law and the instrument require (no I/O).

DGCL §242(b)(1): an amendment of the certificate of incorporation (a certificate of
designation is part of it) is first adopted by a board resolution, then approved by the
stockholders. §242(b)(2): the holders of a class or series whose powers, preferences or
special rights the amendment alters adversely vote as a separate class, at the threshold the
certificate sets (a majority of the outstanding shares when it sets none). The check compares
what the ledger recorded about a certificate (its board action, the class consents it recites,
and the shares consenting and outstanding where the document gives them) with what amending
the instrument requires, using exact fractions.

The requirement is taken, in this order, from the instrument's original certificate (its own
statement of the vote needed to amend it), from a user (`ledger record-requirement`), or from
the amendment's own recital of the votes it obtained. A user's statement ranks above the
recital because the recital only says what was obtained, not what was required: a check
resting on it says so in its basis. A missing fact makes the result "unknown", never "met";
only a recorded fact that falls short (a lower threshold, too few shares) makes it "unmet".
"""

from __future__ import annotations

import re
from fractions import Fraction
from typing import Literal

import msgspec

from ledger.domain.state import AmendmentRequirement, Certificate, HolderConsent
from ledger.events import RequiredConsent, Threshold

AuthorityStatus = Literal["met", "unmet", "unknown"]
RequirementBasis = Literal[
    "original_certificate", "user", "amendment_recital", "not_recorded", "statute"
]


class ConsentCheck(msgspec.Struct, frozen=True, kw_only=True):
    """One required class vote, and what the ledger recorded of it."""

    class_name: str
    required_threshold: str
    required_at_least: bool
    separate_class: bool
    status: AuthorityStatus
    recorded_threshold: str | None
    recorded_at_least: bool | None
    shares_consenting: int | None
    shares_outstanding: int | None
    reason: str


class AuthorityCheck(msgspec.Struct, frozen=True, kw_only=True):
    """Whether a certificate's approvals meet the requirement; `reasons` say why not."""

    certificate_id: str
    status: AuthorityStatus
    requirement_basis: RequirementBasis
    requirement: str
    board_required: bool
    board_status: AuthorityStatus
    board_reason: str
    consents: list[ConsentCheck]
    reasons: list[str]

    @property
    def warning(self) -> str | None:
        """The warning an answer resting on this certificate carries, or None when met."""
        if self.status == "met":
            return None
        return f"approvals {self.status} for {self.certificate_id}: " + "; ".join(self.reasons)


def class_key(name: str) -> str:
    """Class names compared without case, spacing or a trailing "Stock"/"Shares"."""
    words = name.casefold().split()
    while words and words[-1] in {"stock", "shares"}:
        words.pop()
    return " ".join(words)


_SERIES = re.compile(
    r"\bSeries (?P<token>[A-Z]{1,3}(?:-\d{1,2})?|\d{1,2})\b|(?P<dollar>\$\d+(?:\.\d+)?) Series"
)


def same_series(a: str, b: str) -> bool:
    """Whether two class names name one series by its token ("Series E", "$6.875 Series").

    The original's short name ("Series E Preferred Stock") and an amendment's full name
    ("Series E Senior Redeemable ... Preferred Stock") are one class for the check.
    """
    first, second = _SERIES.search(a), _SERIES.search(b)
    return (
        first is not None
        and second is not None
        and (first.group("token") or first.group("dollar")).casefold()
        == (second.group("token") or second.group("dollar")).casefold()
    )


_MANNERS = {
    "meeting": "at a meeting",
    "unanimous_written_consent": "by unanimous written consent",
    "unstated": "in a manner the document does not state",
}


def manner_words(manner: str) -> str:
    """How the board acted, in words ("by unanimous written consent")."""
    return _MANNERS.get(manner, manner.replace("_", " "))


_BASES = {
    "original_certificate": "the original certificate",
    "user": "a user's statement",
    "amendment_recital": "the amendment's own recital",
    "not_recorded": "nowhere (no requirement is recorded)",
    "statute": "the statute",
}


def basis_words(basis: str) -> str:
    """Where a requirement comes from, in words ("the amendment's own recital")."""
    return _BASES.get(basis, basis.replace("_", " "))


def threshold_words(threshold: Threshold) -> str:
    """The threshold in words, such as "at least 2/3" or "more than 1/2"."""
    if not threshold.stated:
        return "the requisite number (no fraction stated)"
    return f"{'at least' if threshold.at_least else 'more than'} {threshold.fraction}"


def check_authority(cert: Certificate, requirements: list[AmendmentRequirement]) -> AuthorityCheck:
    """The authority check of `cert` against the instrument's stated `requirements`."""
    if cert.kind == "correction":
        # §103(f): a certificate of correction corrects an inaccurate record of an act that
        # was approved; it needs no new board or stockholder approval.
        return _no_vote_needed(cert, "a certificate of correction needs no new approval (§103(f))")
    if cert.kind == "original":
        # §151(g): the board alone fixes the terms of a series before any share of it is issued.
        return _board_only(cert)
    return _amendment(cert, requirements)


def _no_vote_needed(cert: Certificate, why: str) -> AuthorityCheck:
    return AuthorityCheck(
        certificate_id=cert.certificate_id,
        status="met",
        requirement_basis="statute",
        requirement=why,
        board_required=False,
        board_status="met",
        board_reason=why,
        consents=[],
        reasons=[],
    )


def _board_check(cert: Certificate) -> tuple[AuthorityStatus, str]:
    if cert.board is None:
        return "unknown", "no board action is recorded for this certificate"
    return "met", f"board resolution of {cert.board.acted_on} {manner_words(cert.board.manner)}"


def _board_only(cert: Certificate) -> AuthorityCheck:
    status, reason = _board_check(cert)
    return AuthorityCheck(
        certificate_id=cert.certificate_id,
        status=status,
        requirement_basis="statute",
        requirement="a board resolution fixing the terms of the series (DGCL §151(g))",
        board_required=True,
        board_status=status,
        board_reason=reason,
        consents=[],
        reasons=[] if status == "met" else [reason],
    )


def _amendment(cert: Certificate, requirements: list[AmendmentRequirement]) -> AuthorityCheck:
    """§242(b)(1) board resolution, then each class vote the requirement names (§242(b)(2))."""
    basis, required = _requirement(cert, requirements)
    board_status, board_reason = _board_check(cert)
    consents = [_consent_check(need, cert.consents) for need in required]
    reasons = [] if board_status == "met" else [board_reason]
    reasons += [c.reason for c in consents if c.status != "met"]
    if basis == "not_recorded":
        reasons.append(
            "the certificate recites no class vote and no requirement is recorded "
            "(record one with `ledger record-requirement`)"
        )
    statuses = {board_status, *(c.status for c in consents)}
    status: AuthorityStatus = (
        "unmet"
        if "unmet" in statuses
        else "unknown"
        if "unknown" in statuses or basis == "not_recorded"
        else "met"
    )
    return AuthorityCheck(
        certificate_id=cert.certificate_id,
        status=status,
        requirement_basis=basis,
        requirement=_requirement_words(required),
        board_required=True,
        board_status=board_status,
        board_reason=board_reason,
        consents=consents,
        reasons=reasons,
    )


def _requirement(
    cert: Certificate, requirements: list[AmendmentRequirement]
) -> tuple[RequirementBasis, list[RequiredConsent]]:
    """The governing requirement: the original's statement, a user's, or the recital."""
    for source in ("original_certificate", "user"):
        stated = [r for r in requirements if r.source == source]
        if stated:
            return source, stated[-1].consents  # the latest statement governs
    if cert.consents:
        return "amendment_recital", [
            RequiredConsent(
                class_name=c.class_name, threshold=c.threshold, separate_class=c.separate_class
            )
            for c in cert.consents
        ]
    return "not_recorded", []


def _requirement_words(required: list[RequiredConsent]) -> str:
    votes = [
        f"holders of {threshold_words(c.threshold)} of the {c.class_name}"
        + (" as a separate class" if c.separate_class else "")
        for c in required
    ]
    return "; ".join(["a board resolution (DGCL §242(b)(1))", *votes])


def _consent_check(need: RequiredConsent, recorded: list[HolderConsent]) -> ConsentCheck:
    """One class vote: by the shares where the document gives them, else by the recital."""
    match = next(
        (c for c in recorded if class_key(c.class_name) == class_key(need.class_name)), None
    ) or next((c for c in recorded if same_series(c.class_name, need.class_name)), None)
    if match is None:
        return ConsentCheck(
            class_name=need.class_name,
            required_threshold=need.threshold.fraction,
            required_at_least=need.threshold.at_least,
            separate_class=need.separate_class,
            status="unknown",
            recorded_threshold=None,
            recorded_at_least=None,
            shares_consenting=None,
            shares_outstanding=None,
            reason=f"no consent of the {need.class_name} is recorded "
            f"(required: {threshold_words(need.threshold)})",
        )
    status, reason = _compare(need, match)
    return ConsentCheck(
        class_name=need.class_name,
        required_threshold=need.threshold.fraction,
        required_at_least=need.threshold.at_least,
        separate_class=need.separate_class,
        status=status,
        recorded_threshold=match.threshold.fraction,
        recorded_at_least=match.threshold.at_least,
        shares_consenting=match.shares_consenting,
        shares_outstanding=match.shares_outstanding,
        reason=reason,
    )


def _fraction(threshold: Threshold) -> Fraction:
    return Fraction(threshold.numerator, threshold.denominator)


def _compare(need: RequiredConsent, consent: HolderConsent) -> tuple[AuthorityStatus, str]:
    wanted = threshold_words(need.threshold)
    if not need.threshold.stated or (
        not consent.threshold.stated and consent.shares_consenting is None
    ):
        # "The requisite number" names no fraction: it neither meets nor misses one.
        return "unknown", (
            f"holders of {threshold_words(consent.threshold)} of the {consent.class_name} "
            f"approved; required {wanted}: no fraction to compare"
        )
    required = _fraction(need.threshold)
    if consent.shares_consenting is not None and consent.shares_outstanding:
        share = Fraction(consent.shares_consenting, consent.shares_outstanding)
        tally = f"{consent.shares_consenting} of {consent.shares_outstanding} shares consented"
        ok = share >= required if need.threshold.at_least else share > required
        return (
            ("met", f"{tally}; required {wanted}")
            if ok
            else (
                "unmet",
                f"{tally} ({share}), below the required {wanted} of the {need.class_name}",
            )
        )
    recited = _fraction(consent.threshold)
    got = threshold_words(consent.threshold)
    # "At least r" proves a share >= r; "more than r" proves a share > r.
    proven = recited > required or (
        recited == required and (need.threshold.at_least or not consent.threshold.at_least)
    )
    if proven:
        return "met", f"holders of {got} of the {consent.class_name} approved; required {wanted}"
    if recited == required:
        return "unknown", (
            f"holders of {got} of the {consent.class_name} approved, which does not show the "
            f"required {wanted}"
        )
    return "unmet", (
        f"the certificate recites approval by holders of {got} of the {consent.class_name}, "
        f"below the required {wanted}"
    )
