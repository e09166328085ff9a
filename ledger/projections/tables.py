"""The one place the view's table names come from.

A view store is built against a prefix: the live view uses `tl_`, a rebuild into fresh tables
(`ledger replay`) another one, swapped in when complete. Tables and their secondary indexes are
created separately, so that a swap can rename tables first and index them after.
"""

from __future__ import annotations

from dataclasses import dataclass

LIVE_PREFIX = "tl_"
PROJECTION_NAME = "term_versions"

# Tables in the order they are dropped and created; `{t}` is the prefix, `{blob}` the type.
_TABLES = (
    (
        "instruments",
        (
            "CREATE TABLE IF NOT EXISTS {t}instruments (instrument_id TEXT PRIMARY KEY,"
            " stream_id TEXT NOT NULL UNIQUE, title TEXT NOT NULL, issuer TEXT NOT NULL,"
            " state {blob} NOT NULL)"
        ),
    ),
    (
        "instrument_versions",
        (
            "CREATE TABLE IF NOT EXISTS {t}instrument_versions (instrument_id TEXT NOT NULL,"
            " known_from BIGINT NOT NULL, known_to BIGINT, digest TEXT NOT NULL,"
            " summary {blob} NOT NULL, PRIMARY KEY (instrument_id, known_from))"
        ),
    ),
    (
        "term_versions",
        (
            "CREATE TABLE IF NOT EXISTS {t}term_versions (instrument_id TEXT NOT NULL,"
            " ordinal INTEGER NOT NULL, term_key TEXT NOT NULL, term TEXT NOT NULL,"
            " valid_from TEXT NOT NULL, valid_to TEXT, status TEXT NOT NULL, defined_within TEXT,"
            " known_from BIGINT NOT NULL, known_to BIGINT, known_from_at TEXT NOT NULL,"
            " known_to_at TEXT, closed_by TEXT, digest TEXT NOT NULL, record {blob} NOT NULL,"
            " PRIMARY KEY (instrument_id, ordinal))"
        ),
    ),
    (
        "documents",
        (
            "CREATE TABLE IF NOT EXISTS {t}documents (sha256 TEXT PRIMARY KEY,"
            " file_name TEXT NOT NULL, certificate_ids TEXT NOT NULL, position BIGINT NOT NULL,"
            " has_text INTEGER NOT NULL)"
        ),
    ),
    (
        "certificates",
        (
            "CREATE TABLE IF NOT EXISTS {t}certificates (certificate_id TEXT PRIMARY KEY,"
            " instrument_id TEXT NOT NULL, known_from BIGINT NOT NULL)"
        ),
    ),
    (
        "term_names",
        (
            "CREATE TABLE IF NOT EXISTS {t}term_names (term_key TEXT PRIMARY KEY,"
            " term TEXT NOT NULL, head TEXT NOT NULL, tail TEXT NOT NULL)"
        ),
    ),
    (
        "record_times",
        (
            "CREATE TABLE IF NOT EXISTS {t}record_times (position BIGINT PRIMARY KEY,"
            " recorded_at TEXT NOT NULL)"
        ),
    ),
    ("meta", "CREATE TABLE IF NOT EXISTS {t}meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)"),
)
_INDEXES = (
    # What the ledger says now: one partial index, so superseded rows never slow an as-of
    # answer however many layers of corrections lie under it.
    (
        "CREATE INDEX IF NOT EXISTS {t}term_versions_as_of ON {t}term_versions"
        " (term_key, instrument_id, valid_from) WHERE known_to IS NULL"
    ),
    (
        "CREATE INDEX IF NOT EXISTS {t}term_versions_current ON {t}term_versions"
        " (instrument_id, valid_from) WHERE known_to IS NULL"
    ),
    # What the ledger said at an earlier position.
    (
        "CREATE INDEX IF NOT EXISTS {t}term_versions_known ON {t}term_versions"
        " (term_key, instrument_id, known_from)"
    ),
    (
        "CREATE INDEX IF NOT EXISTS {t}term_versions_instrument_known ON {t}term_versions"
        " (instrument_id, known_from)"
    ),
    "CREATE INDEX IF NOT EXISTS {t}certificates_instrument ON {t}certificates (instrument_id)",
    "CREATE INDEX IF NOT EXISTS {t}term_names_head ON {t}term_names (head)",
    "CREATE INDEX IF NOT EXISTS {t}term_names_tail ON {t}term_names (tail)",
    "CREATE INDEX IF NOT EXISTS {t}record_times_at ON {t}record_times (recorded_at)",
)


@dataclass(frozen=True)
class ViewTables:
    """The names of one view store's tables, all derived from `prefix`."""

    prefix: str = LIVE_PREFIX

    def __post_init__(self) -> None:
        if not self.prefix.replace("_", "").isalnum() or not self.prefix[0].isalpha():
            msg = f"view table prefix {self.prefix!r} must be letters, digits and underscores"
            raise ValueError(msg)

    def __getattr__(self, table: str) -> str:
        """`tables.term_versions` -> "tl_term_versions"."""
        if table in _NAMES:
            return self.prefix + table
        raise AttributeError(table)

    def names(self) -> list[str]:
        """Every table this store owns, in the order they are created."""
        return [self.prefix + name for name, _ in _TABLES]

    def create_statements(self, blob_type: str) -> list[str]:
        """CREATE TABLE statements (no secondary indexes), for a backend's blob type."""
        return [sql.format(t=self.prefix, blob=blob_type) for _, sql in _TABLES]

    def index_statements(self) -> list[str]:
        """CREATE INDEX statements; index names derive from the prefix."""
        return [sql.format(t=self.prefix) for sql in _INDEXES]

    @property
    def tracking_name(self) -> str:
        """The tracking row's application name for this store."""
        if self.prefix == LIVE_PREFIX:
            return PROJECTION_NAME
        return f"{PROJECTION_NAME}@{self.prefix}"


_NAMES = frozenset(name for name, _ in _TABLES)
