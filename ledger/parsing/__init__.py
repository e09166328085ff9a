"""Text of a filing -> the facts it states, with the lines each fact came from."""

from ledger.parsing.document import parse_document
from ledger.parsing.model import ParsedCertificate, ParsedDocument

__all__ = ["ParsedCertificate", "ParsedDocument", "parse_document"]
