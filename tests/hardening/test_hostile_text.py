"""Issue 11, item 6: a document's escape sequences, C1 controls, bidi overrides and zero-width
characters are shown as visible escapes by every command; the log keeps them as they are."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.hardening.support import RAW_HOSTILE, invoke, run, stderr_line
from tests.paths import SEED

CLEAR_AND_RETITLE = "\x1b[2J\x1b]0;owned\x1b\\"
REVERSED = "\u202eredro\u202c"
CSI_C1 = "\x9b31m"
HOSTILE_TEXT = f"{CLEAR_AND_RETITLE} the {REVERSED} {CSI_C1} vendor\u200b"
SHOWN_TEXT = "\\x1b[2J\\x1b]0;owned\\x1b\\ the \\u202eredro\\u202c \\x9b31m vendor\\u200b"
HOSTILE_TERM = "Borr\x1b[8mowers"  # ESC[8m: concealed text from here on
SHOWN_TERM = "Borr\\x1b[8mowers"
HOSTILE_NAME = "New\u200bcourt\x1b[0m Finance"  # a zero-width space: looks like the real one
SHOWN_NAME = "New\\u200bcourt\\x1b[0m Finance"
AS_OF = ("--as-of", "2000-07-01")


@pytest.fixture(scope="module")
def hostile_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The seed, with hostile characters in the text of a definition and in a term."""
    folder = tmp_path_factory.mktemp("hostile")
    text = SEED.read_text(encoding="utf-8")
    text = text.replace(
        '"Lucent  Facility" means the vendor', f'"Lucent  Facility" means {HOSTILE_TEXT}'
    )
    text = text.replace('"Borrowers"', f'"{HOSTILE_TERM}"')
    text = text.replace('"Newcourt Finance"', f'"{HOSTILE_NAME}"')
    (folder / "hostile.txt").write_text(text, encoding="utf-8")
    done = run("ingest", "hostile.txt", "--db", "hostile.sqlite", cwd=folder)
    assert done.returncode == 0, done.stderr
    return folder / "hostile.sqlite"


def _output(hostile_db: Path, *args: str) -> str:
    done = run(*args, "--db", hostile_db, cwd=hostile_db.parent)
    assert done.returncode == 0, done.stderr
    assert done.stderr == b""
    text = done.stdout.decode("utf-8")
    assert not RAW_HOSTILE.search(text), [m.group(0) for m in RAW_HOSTILE.finditer(text)]
    return text


def test_show_prints_the_text_with_every_hostile_character_escaped(hostile_db):
    out = _output(hostile_db, "show", "Lucent Facility", *AS_OF)

    assert f'  "Lucent Facility" means {SHOWN_TEXT}\n' in out


def test_history_prints_the_text_escaped(hostile_db):
    out = _output(hostile_db, "history", "Lucent Facility")

    assert f'"Lucent Facility" means {SHOWN_TEXT}' in out.replace("\n     ", " ")


def test_terms_escapes_terms_and_texts_even_when_piped(hostile_db):
    out = _output(hostile_db, "terms", *AS_OF)

    assert f"│ {SHOWN_TERM} " in out
    assert f"│ {SHOWN_NAME} " in out
    assert "\\x1b[2J" in out


def test_refs_escapes_the_terms_it_lists(hostile_db):
    out = _output(hostile_db, "refs", "Lucent Facility", *AS_OF)

    assert f"  defines:    KMC IV, Leasing IV, IV Services, {SHOWN_TERM}" in out


def test_check_escapes_the_terms_it_reports(hostile_db):
    out = _output(hostile_db, "check", *AS_OF)

    assert out.endswith(
        f"  defined but not used by any other definition:\n    Lucent Facility\n    {SHOWN_NAME}\n"
    )


def test_ingest_explain_escapes_the_source_lines_it_prints(hostile_db):
    document = hostile_db.parent / "hostile.txt"
    done = run(
        "ingest", "--dry-run", "--explain", document, "--db", "new.sqlite", cwd=hostile_db.parent
    )

    assert done.returncode == 0, done.stderr
    out = done.stdout.decode()
    assert not RAW_HOSTILE.search(out)
    assert f'"Lucent  Facility" means {SHOWN_TEXT}' in out


def test_json_escapes_c1_and_bidi_characters_and_decodes_to_the_documents_own_text(hostile_db):
    out = _output(hostile_db, "show", "Lucent Facility", *AS_OF, "--json")

    assert "\\u009b31m" in out
    assert "\\u202eredro\\u202c" in out
    assert json.loads(out)["text"].startswith(f'"Lucent Facility" means {HOSTILE_TEXT}')


def test_an_error_naming_a_hostile_term_shows_it_escaped_on_one_line(hostile_db):
    done = run("show", "Borrowers", *AS_OF, "--db", hostile_db, cwd=hostile_db.parent)

    assert done.returncode == 1
    assert stderr_line(done) == (
        f"Error: no instrument in the ledger defines 'Borrowers'; did you mean '{SHOWN_TERM}'?"
    )


@pytest.mark.parametrize(
    "args",
    [
        ("certificates",),
        ("audit", "--instrument", "kmc"),
        ("diff", "Lucent Facility", "--from", "1999-03-01", "--to", "2000-07-01"),
        ("history", "Lucent Facility", "--diff"),
        ("replay", "--step"),
        ("replay", "--step", "--json"),
        ("log",),
        ("log", "--json"),
        ("terms", "--as-of", "2000-07-01", "--json"),
    ],
    ids=" ".join,
)
def test_no_other_command_prints_a_hostile_character_raw(hostile_db, args):
    done = invoke(*args, "--db", hostile_db, cwd=hostile_db.parent)

    assert done.returncode == 0, done.stderr
    text = done.stdout.decode("utf-8")
    assert text
    assert not RAW_HOSTILE.search(text), [m.group(0) for m in RAW_HOSTILE.finditer(text)]
