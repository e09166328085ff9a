"""Side-by-side benchmarks of termledger: ratios measured in one run, not absolute targets.

Run with `make bench` (under two minutes on two cores) or add `--quick` for a ~15 s smoke
run. Every number is the median of 3 runs. Absolute figures depend on the machine and on
whatever else it is doing; read the ratio column, whose two sides were measured moments
apart on the same machine and the same data. Nothing here asserts on time.

1. parse   MB/s of filing text through `parse_document`, for synthetic EDGAR-style
           certificates of amendment (hard-wrapped at 78 columns, justified with runs of
           spaces, `<PAGE>` markers, also inside definitions, board consent, two-thirds
           holder vote, "Section I is amended as follows:", execution clause, Name:/Title:
           block) with 2 and with 500 definitions. Before timing, every filing must parse
           into the intended terms, dates, consent and signer (else the run stops); each
           definition's text is compared with the text written and any difference is
           reported in a note. Ratio: large / small (above 1: big filings parse faster per
           byte, i.e. a fixed per-document cost dominates small ones).
2. write   events/s through `Ledger.ingest_documents` on SQLite, in batches of documents:
           the whole command path (parse, plan against the log, one transaction per batch,
           and the projection catch-up that every save runs). Rows: every document a new
           issuer (a new instrument), then N successive amendments of ONE instrument
           (ratio below 1 and falling with N: the cost per event grows with the history).
           Then the mapper: eventsourcing's default `Mapper` + `JSONTranscoder` is tried;
           when it cannot store these events the row says "not comparable", notes say why,
           and the raw encode+decode of 20,000 logged events is compared instead:
           `MsgspecMapper.to_stored_event` + `to_domain_event` (typed Structs back) vs
           `json.dumps`/`json.loads` of `msgspec.structs.asdict` with dates as strings
           (plain dicts back, so the JSON side does less work). Ratio: msgspec / json.
3. as-of   µs per query for "which version of term T of instrument I was in force on day
           D", on a ledger of 1,500 instruments x 3 amendments x 10 terms (4 versions per
           term: text not recorded, then 3 texts): the indexed lookup
           `ledger.view.record_as_of` vs reading the instrument's stream from the log and
           folding it (`fold` + `build_timeline` + `version_as_of`), for the same random
           queries, whose answers are cross-checked; and the public
           `Ledger.show(term, as_of, instrument=...)`. Ratio: times slower than the index.
4. rebuild events/s replayed by `Ledger.rebuild_projections()` over that ledger. Ratio: vs
           the new-instrument ingest rate of section 2 (how much cheaper a replay is than
           writing the same number of events).
"""

from __future__ import annotations

import argparse
import base64
import gc
import json
import random
import statistics
import sys
import tempfile
import textwrap
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any
from uuid import UUID

import msgspec
from eventsourcing.persistence import (
    DatetimeAsISO,
    DecimalAsStr,
    JSONTranscoder,
    StoredEvent,
    UUIDAsHex,
)

from ledger import Ledger
from ledger.domain.amendment import instrument_id_for, instrument_stream, plan_certificate
from ledger.domain.state import fold
from ledger.domain.timeline import build_timeline, version_as_of
from ledger.events import LedgerEvent
from ledger.parsing import parse_document
from ledger.parsing.dates import MONTHS
from ledger.serialization import MsgspecMapper
from ledger.storage import Location, resolve_location
from ledger.terms import term_key

RUNS = 3
WIDTH = 78
PAGE_EVERY = 56  # lines per printed page, as in EDGAR filings

# --- synthetic filings -----------------------------------------------------------------------

_ADJECTIVES = (
    "Senior",
    "Accreted",
    "Permitted",
    "Qualified",
    "Restricted",
    "Subordinated",
    "Junior",
    "Liquidation",
    "Redemption",
    "Exchange",
    "Dividend",
    "Voting",
    "Conversion",
    "Change",
    "Credit",
    "Equity",
    "Vendor",
    "Mandatory",
    "Optional",
    "Public",
    "Strategic",
    "Unrestricted",
    "Lucent",
    "Newcourt",
    "Consolidated",
)
_NOUNS = (
    "Facility",
    "Finance",
    "Preference",
    "Value",
    "Date",
    "Price",
    "Amount",
    "Event",
    "Holder",
    "Indebtedness",
    "Investment",
    "Lien",
    "Payment",
    "Period",
    "Rate",
    "Securities",
    "Subsidiary",
    "Transaction",
    "Agreement",
    "Debt",
    "Notes",
    "Obligations",
    "Offering",
    "Ratio",
    "Right",
)
TERM_NAMES = [f"{a} {n}" for a in _ADJECTIVES for n in _NOUNS if a != n]
_PHRASES = (
    "the vendor financing facility",
    "among the Corporation and its Subsidiaries",
    "the additional borrowers from time to time parties thereto",
    "the financial institutions signatory thereto",
    "as collateral agent for the lenders",
    "as amended, supplemented or otherwise modified",
    "in accordance with the terms thereof",
    "including any refinancing or replacement thereof",
    "whether with the same or different lenders",
    "in an aggregate principal amount not to exceed ${n},000,000",
    "excluding accrued and unpaid dividends",
    "on the Series E Preferred Stock",
    "as of the most recent Dividend Payment Date",
    "computed on a consolidated basis",
    "in accordance with generally accepted accounting principles",
    "as in effect on {date}",
    "consistently applied",
    "and its successors and permitted assigns",
    "formerly known as {name} Commercial Finance Corporation",
    "for any period of {n} consecutive Trading Days",
    "at a rate of {pct}% per annum",
    "pursuant to Section {sec} hereof",
    "other than Permitted Liens",
    "together with all accrued interest thereon",
    "in respect of Indebtedness of the Corporation",
    "held by {name} Capital Partners",
    "determined in good faith by the Board of Directors",
    "less any amounts previously paid",
)
_NAMES = ("Newcourt", "Lucent", "Harbor", "Lantern", "Meridian", "Granite", "Cobalt", "Juniper")
_MONTHS = [month.title() for month in MONTHS]


def _long_date(day: date) -> str:
    return f"{_MONTHS[day.month - 1]} {day.day}, {day.year}"


def _ordinal_date(day: date) -> str:
    n = day.day
    suffix = "th" if 11 <= n % 100 <= 13 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix} day of {_MONTHS[day.month - 1]}, {day.year}"


def _justify(line: str, width: int) -> str:
    """Pad the gaps of `line` with spaces until it is `width` wide (EDGAR justification)."""
    words = line.split()
    gaps = len(words) - 1
    extra = width - len(" ".join(words))
    if gaps <= 0 or extra <= 0:
        return line
    share, rest = divmod(extra, gaps)
    out = words[0]
    for i, word in enumerate(words[1:]):
        out += " " * (1 + share + (1 if i < rest else 0)) + word
    return out


def _paragraph(text: str, indent: int) -> list[str]:
    """Hard-wrap `text` at WIDTH columns, first line indented, all but the last justified."""
    lines = textwrap.wrap(
        text,
        width=WIDTH,
        initial_indent=" " * indent,
        break_on_hyphens=False,
        break_long_words=False,
    )
    out = [
        (" " * indent if i == 0 else "") + _justify(ln.strip(), WIDTH - (indent if i == 0 else 0))
        for i, ln in enumerate(lines[:-1])
    ]
    return [*out, lines[-1]]


def _paginate(paragraphs: list[list[str]]) -> str:
    """Join paragraphs with blank lines and a `<PAGE>` marker about every PAGE_EVERY lines.

    A page break falls between paragraphs, or inside one where the next line goes on in
    lower case (the parser rejoins such a paragraph), as in real filings.
    """
    out: list[str] = []
    since_page = 0
    for paragraph in paragraphs:
        for i, line in enumerate(paragraph):
            continues = i > 0 and line[:1].islower() and not out[-1].endswith((".", ";", ":"))
            if since_page >= PAGE_EVERY and (i == 0 or continues):
                out.extend(["", "", "<PAGE>", "", ""])
                since_page = 0
            out.append(line)
            since_page += 1
        out.append("")
        since_page += 1
    return "\n".join(out) + "\n"


def definition_text(term: str, seed: int) -> str:
    """A definition, "Term" means ..., of 4-8 phrases (~250-600 characters), varied by `seed`.

    The phrases are shuffled and filled with numbers and names, so that wrapped lines
    seldom repeat, as in a real filing.
    """
    rng = random.Random(seed)
    day = date(1998, 1, 1) + timedelta(days=rng.randrange(1500))
    phrases = [
        p.format(
            n=rng.randint(2, 900),
            date=_long_date(day),
            name=rng.choice(_NAMES),
            pct=f"{rng.randint(5, 14)}.{rng.randint(0, 9)}",
            sec=f"{rng.randint(1, 12)}.{rng.randint(1, 9)}",
        )
        for p in rng.sample(_PHRASES, rng.randint(4, 8))
    ]
    return f'"{term}" means {", ".join(phrases)}.'


def expected_definitions(issuer_no: int, terms: list[str], version: int = 1) -> list[str]:
    """The definition texts `filing` writes for these arguments, in order."""
    seed = issuer_no * 1_000_003 + version * 1009
    return [definition_text(term, seed + k) for k, term in enumerate(terms)]


def filing(issuer_no: int, executed_on: date, terms: list[str], version: int = 1) -> bytes:
    """A certificate of amendment of Benchmark Widgets `issuer_no`'s Series E Preferred."""
    issuer = f"Benchmark Widgets {issuer_no}, Inc."
    caps = issuer.upper()
    board_on = executed_on - timedelta(days=2)
    heading = [
        caps,
        "",
        "                         CERTIFICATE OF AMENDMENT TO THE",
        "                   CERTIFICATE OF VOTING POWERS, DESIGNATIONS,",
        "                     PREFERENCES AND RELATIVE PARTICIPATING,",
        "                      OPTIONAL OR OTHER SPECIAL RIGHTS AND",
        "                         QUALIFICATIONS, LIMITATIONS AND",
        "                      RESTRICTIONS THEREOF OF THE SERIES E",
        "                       CONVERTIBLE PARTICIPATING PREFERRED",
        f"                       STOCK OF {caps}",
        "",
        "                     PURSUANT TO SECTIONS 141 AND 242 OF THE",
        "                GENERAL CORPORATION LAW OF THE STATE OF DELAWARE",
    ]
    body = [
        (
            "As contemplated by Sections 141 and 242 of the General Corporation Law of the "
            'State of Delaware (the "DGCL"), the following resolution was duly adopted by the '
            f"Board of Directors of {issuer}, a Delaware corporation (the "
            f'"CORPORATION"), by unanimous written consent, dated {_long_date(board_on)}:'
        ),
        (
            "WHEREAS, the Board of Directors of the Corporation is authorized, within the "
            "limitations and restrictions stated in the Certificate of Incorporation of the "
            "Corporation, to propose by resolution or resolutions for the amendment of "
            "outstanding series of preferred stock, par value $.01 per share, of the "
            "Corporation, to contain such voting powers, full or limited, or without voting "
            "powers, and such designations, preferences and relative, participating, optional "
            "or other special rights, and qualifications, limitations or restrictions as shall "
            "be stated and expressed in the resolution or resolutions providing for the "
            "amendment thereof adopted by the Board of Directors under the DGCL."
        ),
        (
            "WHEREAS, the Board of Directors of the Corporation, pursuant to its authority "
            "under Section 242 of the DGCL, deems it advisable to further amend the terms of "
            "the Certificate of Voting Powers, Designations, Preferences and Relative "
            "Participating, Optional or Other Special Rights and Qualifications, Limitations "
            "and Restrictions Thereof of the Series E Convertible Participating Preferred Stock "
            f"of {issuer}, dated as of February 4, 1999, as previously amended (the "
            '"CERTIFICATE OF DESIGNATION").'
        ),
        (
            "WHEREAS, the holders of at least two-thirds of the shares of the Series E "
            "Preferred Stock outstanding, voting or consenting as a separate class, have "
            "approved the amendment of the terms of the Certificate of Designation as set "
            "forth herein. Except as otherwise defined herein, capitalized terms shall have "
            "the meaning given to them in the Certificate of Designation."
        ),
        "NOW, THEREFORE, BE IT RESOLVED:",
    ]
    paragraphs = [heading] + [_paragraph(text, 12) for text in body]
    paragraphs.append(["1.    DEFINITIONS.  Section I is amended as follows:"])
    paragraphs.extend(
        _paragraph(text, 6) for text in expected_definitions(issuer_no, terms, version)
    )
    paragraphs.append(
        _paragraph(
            f"IN WITNESS WHEREOF, {caps} has caused this certificate to be duly executed by "
            f"its Chief Financial Officer this {_ordinal_date(executed_on)}.",
            12,
        )
    )
    paragraphs.append(
        [
            f"{' ' * 35}{caps}",
            "",
            f"{' ' * 35}By:  /s/Jordan Q. Sample",
            f"{' ' * 40}------------------------------------",
            f"{' ' * 40}Name:  Jordan Q. Sample",
            f"{' ' * 40}Title: Chief Financial Officer",
        ]
    )
    return _paginate(paragraphs).encode()


def amendment_date(issuer_no: int, version: int) -> date:
    """Execution date of amendment `version` (1-based) of an issuer; later versions later."""
    return date(2000, 6, 30) + timedelta(days=issuer_no % 60 + 90 * (version - 1))


def check_parses(
    data: bytes, name: str, issuer_no: int, terms: list[str], version: int = 1
) -> None:
    """Refuse to time a generated filing unless it parses into the intended facts.

    Terms, dates, consent and signer must all be read, or the run stops. A definition whose
    text comes back different from the text written is counted and reported in a note
    (the parse is still timed: a dropped line costs the parser next to nothing).
    """
    parsed = parse_document(data, name)
    [cert] = parsed.certificates
    got = [op.term for op in cert.operations]
    if (
        got != terms
        or cert.execution is None
        or cert.execution.officer is None
        or cert.board is None
        or not cert.consents
        or parsed.sha256 is None
    ):
        msg = f"{name}: generated filing did not parse as intended ({len(got)} operations)"
        raise SystemExit(msg)
    expected = expected_definitions(issuer_no, terms, version)
    wrong = [(want, op.text or "") for want, op in zip(expected, cert.operations, strict=True)]
    wrong = [(want, text) for want, text in wrong if text != want]
    TEXT_CHECK["definitions"] += len(terms)
    TEXT_CHECK["wrong"] += len(wrong)
    if wrong and not TEXT_EXAMPLES:
        want, text = wrong[0]
        at = next(
            (i for i, (x, y) in enumerate(zip(want, text, strict=False)) if x != y), len(text)
        )
        TEXT_EXAMPLES.append(
            f"{name}: wrote ...{want[max(at - 30, 0) : at + 60]!r}... "
            f"parsed ...{text[max(at - 30, 0) : at + 60]!r}..."
        )


TEXT_CHECK = {"definitions": 0, "wrong": 0}
TEXT_EXAMPLES: list[str] = []


# --- measuring -------------------------------------------------------------------------------


def median_of(measure: Callable[[], float], runs: int = RUNS) -> float:
    """The median of `runs` calls of `measure` (each returns its own figure)."""
    values = []
    for _ in range(runs):
        gc.collect()
        values.append(measure())
    return statistics.median(values)


@contextmanager
def fresh_ledger(location: Callable[[str], Location] = resolve_location) -> Iterator[Ledger]:
    """A ledger in its own temporary directory, deleted afterwards."""
    with tempfile.TemporaryDirectory(prefix="termledger-bench-") as tmp:
        path = str(Path(tmp) / "bench.sqlite")
        ledger = Ledger(location(path))
        try:
            yield ledger
        finally:
            ledger.close()


@dataclass(frozen=True)
class DefaultMapperLocation(Location):
    """A SQLite location whose application uses eventsourcing's default Mapper."""

    def environment(self) -> dict[str, str]:
        """The usual environment with MAPPER_TOPIC emptied (the library's default Mapper)."""
        return super().environment() | {"MAPPER_TOPIC": ""}


def default_mapper_location(path: str) -> Location:
    """`path` as a location whose application uses the library's default Mapper."""
    return DefaultMapperLocation(backend="sqlite", path=Path(path))


def ingest_rate(
    docs: list[tuple[bytes, str]],
    batch: int,
    location: Callable[[str], Location] = resolve_location,
) -> float:
    """Events/s of ingesting `docs` in batches into a fresh ledger (open/close not timed)."""
    with fresh_ledger(location) as ledger:
        events = 0
        start = time.perf_counter()
        for i in range(0, len(docs), batch):
            reports = ledger.ingest_documents(docs[i : i + batch])
            events += sum(len(r.events) for r in reports)
        return events / (time.perf_counter() - start)


def _plain(value: object) -> object:
    if isinstance(value, msgspec.Struct):
        return msgspec.structs.asdict(value)
    if isinstance(value, date | datetime):
        return value.isoformat()
    if isinstance(value, UUID):
        return str(value)
    if isinstance(value, bytes):  # a document's evidence: base64, as msgspec writes it
        return base64.b64encode(value).decode()
    msg = f"cannot encode {type(value)!r}"
    raise TypeError(msg)


def json_round_trip(events: list[LedgerEvent]) -> float:
    """Seconds to encode and decode `events` with the standard json module."""
    start = time.perf_counter()
    rows = []
    for event in events:
        state = msgspec.structs.asdict(event)
        del state["originator_id"], state["originator_version"]
        rows.append(
            StoredEvent(
                originator_id=event.originator_id,
                originator_version=event.originator_version,
                topic=type(event).TOPIC,
                state=json.dumps(state, default=_plain, separators=(",", ":")).encode(),
            )
        )
    for row in rows:
        decoded = json.loads(row.state)
        decoded["originator_id"] = row.originator_id
        decoded["originator_version"] = row.originator_version
    return time.perf_counter() - start


def msgspec_round_trip(mapper: MsgspecMapper, events: list[LedgerEvent]) -> float:
    """Seconds to encode and decode `events` with the ledger's mapper."""
    start = time.perf_counter()
    rows = [mapper.to_stored_event(event) for event in events]
    for row in rows:
        mapper.to_domain_event(row)
    return time.perf_counter() - start


# --- report ----------------------------------------------------------------------------------


@dataclass
class Row:
    """One line of the table."""

    section: str
    label: str
    value: float | None
    unit: str
    ratio: str = ""


def fmt(value: float | None) -> str:
    """Three significant figures, thousands separated; None is "n/a"."""
    if value is None:
        return "n/a"
    if value >= 1000:
        return f"{value:,.0f}"
    return f"{value:.3g}"


def print_table(rows: list[Row]) -> None:
    """The compact results table."""
    label_w = max(len(r.label) for r in rows)
    value_w = max(len(fmt(r.value)) for r in rows)
    print(f"{'':8}{'measure':<{label_w}}  {'median':>{value_w}}  {'unit':<9}ratio")
    last = ""
    for r in rows:
        section = r.section if r.section != last else ""
        last = r.section
        print(f"{section:<8}{r.label:<{label_w}}  {fmt(r.value):>{value_w}}  {r.unit:<9}{r.ratio}")


# --- sections --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Scale:
    """The benchmark's sizes (full or --quick)."""

    small_docs: int
    large_docs: int
    write_docs: int
    amendments: tuple[int, ...]
    write_batch: int
    write_terms: int
    mapper_events: int
    instruments: int
    versions: int
    terms: int
    queries: int
    show_queries: int


FULL = Scale(
    small_docs=300,
    large_docs=4,
    write_docs=400,
    amendments=(50, 100),
    write_batch=50,
    write_terms=10,
    mapper_events=20_000,
    instruments=1500,
    versions=3,
    terms=10,
    queries=1000,
    show_queries=3,
)
QUICK = Scale(
    small_docs=60,
    large_docs=1,
    write_docs=60,
    amendments=(30, 60),
    write_batch=20,
    write_terms=10,
    mapper_events=5000,
    instruments=150,
    versions=3,
    terms=10,
    queries=300,
    show_queries=20,
)


def bench_parse(scale: Scale, rows: list[Row]) -> None:
    """Section 1: parsing throughput, small vs large filings."""
    sizes = {"small": (2, scale.small_docs), "large": (500, scale.large_docs)}
    rates = {}
    for size, (n_terms, count) in sizes.items():
        terms = TERM_NAMES[:n_terms]
        base = 900_000 if size == "small" else 950_000
        docs = [
            (filing(base + i, amendment_date(i, 1), terms), f"parse-{size}-{i}.txt")
            for i in range(count)
        ]
        for i, (data, name) in enumerate(docs):
            check_parses(data, name, base + i, terms)
        total = sum(len(data) for data, _ in docs)

        def run(docs: list[tuple[bytes, str]] = docs, total: int = total) -> float:
            start = time.perf_counter()
            for data, name in docs:
                parse_document(data, name)
            return total / 1e6 / (time.perf_counter() - start)

        rates[size] = median_of(run)
        kb = total / count / 1024
        ratio = "1.00 (base)" if size == "small" else f"{rates[size] / rates['small']:.2f}x small"
        rows.append(
            Row("parse", f"{size} filing ({n_terms} defs, {kb:.0f} KB)", rates[size], "MB/s", ratio)
        )


def bench_write(scale: Scale, rows: list[Row]) -> float:
    """Section 2: ingest events/s, new instruments vs one instrument's amendments."""
    terms = TERM_NAMES[: scale.write_terms]
    batch = scale.write_batch
    distinct = [
        (filing(100_000 + i, amendment_date(i, 1), terms), f"new-{i}.txt")
        for i in range(scale.write_docs)
    ]
    check_parses(*distinct[0], 100_000, terms)
    new_rate = median_of(lambda: ingest_rate(distinct, batch))
    rows.append(
        Row(
            "write",
            f"ingest {len(distinct)} new instruments ({batch} docs/batch)",
            new_rate,
            "events/s",
            "1.00 (base)",
        )
    )
    for count in scale.amendments:
        one = [
            (filing(200_000, amendment_date(0, v), terms, version=v), f"amend-{v}.txt")
            for v in range(1, count + 1)
        ]
        check_parses(*one[-1], 200_000, terms, count)
        rate = median_of(lambda one=one: ingest_rate(one, batch))
        rows.append(
            Row(
                "write",
                f"ingest {count} successive amendments of ONE instrument",
                rate,
                "events/s",
                f"{rate / new_rate:.2f}x new instruments",
            )
        )

    # The library's default Mapper + JSONTranscoder, if it can store these events at all.
    try:
        with fresh_ledger(default_mapper_location) as ledger:
            ledger.ingest_documents(distinct[:1])
    except Exception as error:  # noqa: BLE001 (any failure means: not comparable)
        NOTES.append(
            f"default eventsourcing Mapper (MAPPER_TOPIC unset) fails on the first ingest: "
            f"{type(error).__name__}: {error}"
        )
        NOTES.extend(transcoder_problems())
        rows.append(
            Row("write", "ingest with default Mapper+JSONTranscoder", None, "-", "not comparable")
        )
    else:
        rate = median_of(lambda: ingest_rate(distinct, batch, default_mapper_location))
        rows.append(
            Row(
                "write",
                "ingest new instruments, default Mapper+JSONTranscoder",
                rate,
                "events/s",
                f"{rate / new_rate:.2f}x msgspec",
            )
        )
    return new_rate


def transcoder_problems() -> list[str]:
    """Why the JSONTranscoder, set up as `Application` sets it up, cannot encode our events."""
    transcoder = JSONTranscoder()
    for transcoding in (UUIDAsHex(), DecimalAsStr(), DatetimeAsISO()):
        transcoder.register(transcoding)
    data = filing(400_000, amendment_date(0, 1), TERM_NAMES[:1])
    parsed = parse_document(data, "transcoder.txt")
    _, events = plan_certificate(
        parsed.certificates[0], None, document_sha256=parsed.sha256, document_name=parsed.name
    )
    problems = []
    for label, value in (
        ("InstrumentAdopted.adopted_on", {"adopted_on": events[0].adopted_on}),
        ("LedgerEvent.provenance", {"provenance": events[0].provenance}),
    ):
        try:
            transcoder.encode(value)
        except Exception as error:  # noqa: BLE001 (reported, not handled)
            problems.append(f"JSONTranscoder cannot encode {label}: {error}")
    return problems


def bench_mappers(events: list[LedgerEvent], rows: list[Row]) -> None:
    """Section 2, continued: raw encode + decode, MsgspecMapper vs the standard json module."""
    mapper = MsgspecMapper(transcoder=JSONTranscoder())
    for event in events[:500]:
        if mapper.to_domain_event(mapper.to_stored_event(event)) != event:
            raise SystemExit(f"MsgspecMapper does not round-trip {type(event).__name__}")
    n = len(events)
    js_rate = median_of(lambda: n / json_round_trip(events))
    ms_rate = median_of(lambda: n / msgspec_round_trip(mapper, events))
    rows.append(
        Row(
            "write", f"encode+decode {n:,} events: json (dicts)", js_rate, "events/s", "1.00 (base)"
        )
    )
    rows.append(
        Row(
            "write",
            f"encode+decode {n:,} events: MsgspecMapper (Structs)",
            ms_rate,
            "events/s",
            f"{ms_rate / js_rate:.2f}x json",
        )
    )


def logged_events(ledger: Ledger, count: int) -> list[LedgerEvent]:
    """The first `count` events of the ledger's log, decoded (a realistic mix of types)."""
    notifications = ledger.app.recorder.select_notifications(start=1, limit=count)
    return [ledger.app.mapper.to_domain_event(n) for n in notifications]


NOTES: list[str] = []


def load_ledger(ledger: Ledger, scale: Scale) -> tuple[list[int], float]:
    """Ingest instruments x versions x terms; returns the issuer numbers and the seconds taken."""
    terms = TERM_NAMES[: scale.terms]
    issuers = list(range(1, scale.instruments + 1))
    start = time.perf_counter()
    for version in range(1, scale.versions + 1):
        docs = [
            (filing(n, amendment_date(n, version), terms, version), f"load-{n}-v{version}.txt")
            for n in issuers
        ]
        for i in range(0, len(docs), 250):
            ledger.ingest_documents(docs[i : i + 250])
    return issuers, time.perf_counter() - start


def bench_as_of(ledger: Ledger, issuers: list[int], scale: Scale, rows: list[Row]) -> None:
    """Section 3: as-of lookups, indexed view vs replaying the stream from the log."""
    rng = random.Random(42)
    terms = TERM_NAMES[: scale.terms]
    first = date(1999, 1, 1)
    span = (amendment_date(60, scale.versions) - first).days + 60
    queries = [
        (
            instrument_id_for(f"Benchmark Widgets {rng.choice(issuers)}, Inc.", "Series E"),
            rng.choice(terms),
            first + timedelta(days=rng.randrange(span)),
        )
        for _ in range(scale.queries)
    ]
    view = ledger.view

    def indexed(queries: list[tuple[str, str, date]] = queries) -> list[Any]:
        return [view.record_as_of(term_key(term), day, iid) for iid, term, day in queries]

    def replayed(queries: list[tuple[str, str, date]] = queries) -> list[Any]:
        out = []
        for iid, term, day in queries:
            state = fold(list(ledger.app.events.get(instrument_stream(iid))))
            out.append(version_as_of(build_timeline(state), term, day) if state else None)
        return out

    # Same answers both ways (text and dates), or the comparison means nothing.
    for a, b in zip(indexed(), replayed(), strict=True):
        same = (a is None and b is None) or (
            a is not None
            and b is not None
            and (a.text, a.valid_from, a.valid_to, a.status)
            == (b.text, b.valid_from, b.valid_to, b.status)
        )
        if not same:
            raise SystemExit(f"indexed and replayed answers differ: {a!r} vs {b!r}")

    n = len(queries)

    def timed(fn: Callable[[], object], count: int) -> Callable[[], float]:
        def run() -> float:
            start = time.perf_counter()
            fn()
            return (time.perf_counter() - start) / count * 1e6

        return run

    idx_us = median_of(timed(indexed, n))
    rep_us = median_of(timed(replayed, n))
    show_qs = queries[: scale.show_queries]
    show_us = median_of(
        timed(lambda: [_show(ledger, iid, term, day) for iid, term, day in show_qs], len(show_qs))
    )
    rows.append(Row("as-of", "view.record_as_of (indexed SQL)", idx_us, "µs/query", "1.00 (base)"))
    rows.append(
        Row(
            "as-of",
            "read stream + fold + build_timeline + version_as_of",
            rep_us,
            "µs/query",
            f"{rep_us / idx_us:.1f}x slower",
        )
    )
    rows.append(
        Row(
            "as-of",
            "Ledger.show(term, as_of, instrument=id)",
            show_us,
            "µs/query",
            f"{show_us / idx_us:.1f}x slower",
        )
    )
    plan = _query_plan(ledger, queries[0])
    NOTES.append(f"record_as_of query plan: {plan}")


def _show(ledger: Ledger, iid: str, term: str, day: date) -> object:
    return ledger.show(term, day, instrument=iid)


def _query_plan(ledger: Ledger, query: tuple[str, str, date]) -> str:
    iid, term, day = query
    with ledger.view.datastore.transaction(commit=False) as c:
        c.execute(
            "EXPLAIN QUERY PLAN SELECT record FROM tl_term_versions WHERE term_key = ? AND "
            "instrument_id = ? AND known_to IS NULL AND valid_from <= ? "
            "AND (valid_to IS NULL OR valid_to > ?) "
            "ORDER BY defined_within IS NOT NULL, ordinal LIMIT 1",
            (term_key(term), iid, day.isoformat(), day.isoformat()),
        )
        return "; ".join(str(row["detail"]) for row in c.fetchall())


def bench_rebuild(ledger: Ledger, ingest_rate_new: float, rows: list[Row]) -> None:
    """Section 4: projection rebuild throughput."""
    counts: list[int] = []

    def run() -> float:
        start = time.perf_counter()
        counts.append(ledger.rebuild_projections())
        return counts[-1] / (time.perf_counter() - start)

    rate = median_of(run)
    rows.append(
        Row(
            "rebuild",
            f"rebuild_projections ({counts[-1]:,} events)",
            rate,
            "events/s",
            f"{rate / ingest_rate_new:.2f}x ingest rate",
        )
    )


def main() -> None:
    """Run every section and print the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="a ~15 s smoke run")
    args = parser.parse_args()
    scale = QUICK if args.quick else FULL
    began = time.perf_counter()
    rows: list[Row] = []
    spent: dict[str, float] = {}

    @contextmanager
    def section(name: str) -> Iterator[None]:
        print(f"[{time.perf_counter() - began:5.0f} s] {name} ...", file=sys.stderr, flush=True)
        start = time.perf_counter()
        yield
        spent[name] = time.perf_counter() - start

    with section("parse"):
        bench_parse(scale, rows)
    with section("write"):
        ingest_new = bench_write(scale, rows)
    with fresh_ledger() as ledger:
        with section("load"):
            issuers, load_s = load_ledger(ledger, scale)
        loaded = ledger.app.recorder.max_notification_id() or 0
        NOTES.append(
            f"as-of/rebuild ledger: {scale.instruments:,} instruments x {scale.versions} "
            f"amendments x {scale.terms} terms = {loaded:,} events, loaded in {load_s:.1f} s "
            f"({loaded / load_s:,.0f} events/s, 250 docs/batch)"
        )
        with section("encode"):
            bench_mappers(logged_events(ledger, scale.mapper_events), rows)
        with section("as-of"):
            bench_as_of(ledger, issuers, scale, rows)
        with section("rebuild"):
            bench_rebuild(ledger, ingest_new, rows)

    print(f"termledger benchmarks ({'quick' if args.quick else 'full'}; median of {RUNS} runs)")
    order = ["parse", "write", "as-of", "rebuild"]
    print_table(sorted(rows, key=lambda r: order.index(r.section)))
    if TEXT_CHECK["wrong"]:
        NOTES.insert(
            0,
            f"PARSER CHANGED DEFINITION TEXT: {TEXT_CHECK['wrong']} of "
            f"{TEXT_CHECK['definitions']:,} checked definitions differ from the text written; "
            + "; ".join(TEXT_EXAMPLES),
        )
    else:
        NOTES.insert(
            0, f"all {TEXT_CHECK['definitions']:,} checked definitions parsed to the exact text"
        )
    for note in NOTES:
        print(f"note: {note}")
    times = ", ".join(f"{name} {seconds:.0f}" for name, seconds in spent.items())
    print(f"total {time.perf_counter() - began:.0f} s (seconds per section: {times})")


if __name__ == "__main__":
    main()
