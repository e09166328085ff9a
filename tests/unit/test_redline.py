"""Word-level redlines (difflib) and the escaping of hostile document text."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from ledger.audit.model import Run
from ledger.audit.redline import apply_runs, redline
from ledger.audit.safe_text import html_text, json_text, markdown_text, visible
from ledger.audit.text import redline_text

OLD = '"Conversion Price" means $4.25 per share of Common Stock, as adjusted'
NEW = '"Conversion Price" means $3.10 per share of the Common Stock, as adjusted'


def test_a_changed_word_is_one_deletion_then_one_insertion():
    assert redline(OLD, NEW) == [
        Run(op="equal", text='"Conversion Price" means '),
        Run(op="delete", text="$4.25"),
        Run(op="insert", text="$3.10"),
        Run(op="equal", text=" per share of "),
        Run(op="insert", text="the "),
        Run(op="equal", text="Common Stock, as adjusted"),
    ]


def test_a_one_word_island_between_changes_joins_them():
    assert redline("a b c d", "x b y d") == [
        Run(op="delete", text="a b c"),
        Run(op="insert", text="x b y"),
        Run(op="equal", text=" d"),
    ]


def test_a_new_text_is_all_inserted_and_a_deleted_one_all_deleted():
    assert redline(None, "new text") == [Run(op="insert", text="new text")]
    assert redline("old text", None) == [Run(op="delete", text="old text")]


@given(st.text(alphabet="ab \n", max_size=40), st.text(alphabet="abc ", max_size=40))
def test_a_redline_always_stands_for_exactly_its_two_texts(old, new):
    assert apply_runs(redline(old, new)) == (old, new)


def test_piped_redlines_use_word_diff_markers_and_terminals_colours():
    runs = redline(OLD, NEW)

    assert redline_text(runs, colour=False, indent="") == (
        '"Conversion Price" means [-$4.25-]{+$3.10+} per share of {+the +}Common Stock, as adjusted'
    )
    assert "\x1b[9;31m$4.25\x1b[0m" in redline_text(runs, colour=True, indent="")


HOSTILE = 'x <script>alert("1")</script> \x1b[31mred\x1b[0m \u202eevil'


def test_hostile_text_never_reaches_a_terminal_raw():
    assert visible(HOSTILE) == 'x <script>alert("1")</script> \\x1b[31mred\\x1b[0m \\u202eevil'


def test_hostile_text_is_inert_in_html_markdown_and_json():
    assert html_text(HOSTILE) == (
        "x &lt;script&gt;alert(&quot;1&quot;)&lt;/script&gt; \\x1b[31mred\\x1b[0m \\u202eevil"
    )
    assert markdown_text(HOSTILE) == (
        'x &lt;script&gt;alert("1")&lt;/script&gt; \\\\x1b\\[31mred\\\\x1b\\[0m \\\\u202eevil'
    )
    assert json_text("\u202e") == '"\\u202e"'
