"""Text of a filing -> the facts it states, with the lines each fact came from."""

from ledger.parsing.document import parse_document, parse_file
from ledger.statements import ParsedCertificate, ParsedDocument, ParsedFile

__all__ = ["ParsedCertificate", "ParsedDocument", "ParsedFile", "parse_document", "parse_file"]
