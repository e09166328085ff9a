"""Edits inside a definition's text: substitution, insertion, deletion of words, renaming.

An edit names words that must occur exactly once in the text in force: if they occur
twice, which one the certificate meant is a question for a lawyer, not a guess.
"""

from __future__ import annotations

import re

from ledger.events import WordEdit
from ledger.terms import normalise_spaces


def occurrences(text: str, words: str) -> int:
    """How many times `words` occur in `text` (white space folded in both)."""
    return normalise_spaces(text).count(normalise_spaces(words)) if words.strip() else 0


def apply_edit(text: str, edit: WordEdit, old_words: str, new_words: str) -> str | None:
    """`text` with the edit applied, or None unless `old_words` occur exactly once."""
    text, old, new = (
        normalise_spaces(text),
        normalise_spaces(old_words),
        normalise_spaces(new_words),
    )
    if edit == "append":
        # "amended by adding at the end thereof the following: ...": no anchor words.
        return f"{text} {new}" if new else None
    if occurrences(text, old) != 1:
        return None
    match edit:
        case "substitute":
            replacement = new
        case "insert_after":
            replacement = f"{old} {new}"
        case "insert_before":
            replacement = f"{new} {old}"
        case "delete_words" | "append":
            replacement = ""
    edited = normalise_spaces(text.replace(old, replacement, 1))
    # Deleting words leaves "the Corporation , and": close the gap before punctuation.
    return re.sub(r"\s+([,.;:)])", r"\1", edited)


def rename_in(text: str, old_term: str, new_term: str) -> str:
    """`text` with every whole-word reference to `old_term` made a reference to `new_term`."""
    pattern = (
        r"(?<![\w])" + re.escape(normalise_spaces(old_term)).replace(r"\ ", r"\s+") + r"(?![\w])"
    )
    return re.sub(pattern, new_term, text)


def refers_to(text: str, term: str) -> bool:
    """Whether `text` refers to `term` as a whole word or phrase."""
    return rename_in(text, term, "\x00") != text
