"""Escaping helpers against the hostile corpus, checked through the MyST parser the book uses."""

from __future__ import annotations

import html
import re

import numpy as np
import pandas as pd
import pytest
from docutils import nodes
from docutils.core import publish_parts
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from myst_parser.parsers.docutils_ import Parser
from myst_trees import HOSTILE, SETTINGS, doctree, node_kinds

from assess.present.escape import alt_text, code_block, csv_cell, html_text, myst_inline, one_line, title_text
from conftest import examples

PROSE = {"document", "paragraph", "Text"}
TABLE = PROSE | {"table", "tgroup", "colspec", "thead", "tbody", "row", "entry"}


IDS = [label for label, _ in HOSTILE]
TEXTS = [text for _, text in HOSTILE]


def assert_plain_prose(source: str, visible: str) -> None:
    """``source`` parses to paragraphs of text only, whose text is ``visible``."""
    tree = doctree(source)
    assert node_kinds(tree) <= PROSE, node_kinds(tree) - PROSE
    assert tree.astext() == visible


def test_corpus_is_large_and_labelled():
    assert len(HOSTILE) >= 40
    assert len(set(IDS)) == len(IDS)
    assert max(map(len, TEXTS)) >= 10_000


@pytest.mark.parametrize("text", TEXTS, ids=IDS)
def test_myst_inline_alone_is_plain_text(text):
    assert_plain_prose(myst_inline(text), one_line(text))


@pytest.mark.parametrize("text", TEXTS, ids=IDS)
def test_myst_inline_within_a_sentence_is_plain_text(text):
    assert_plain_prose(f"Force: {myst_inline(text)} (recorded).", f"Force: {one_line(text)} (recorded).")


@pytest.mark.parametrize("text", TEXTS, ids=IDS)
def test_myst_inline_in_a_table_cell_fills_one_cell(text):
    tree = doctree(f"| name | note |\n|---|---|\n| {myst_inline(text)} | end |\n")
    assert node_kinds(tree) <= TABLE, node_kinds(tree) - TABLE
    cells = [entry.astext() for entry in tree.findall(nodes.entry)]
    assert cells == ["name", "note", one_line(text), "end"]


@pytest.mark.parametrize("text", TEXTS, ids=IDS)
def test_myst_inline_html_has_no_tags_but_paragraph(text):
    body = publish_parts(myst_inline(text) or "x", parser=Parser(), writer_name="html5", settings_overrides=SETTINGS)[
        "body"
    ]
    assert re.findall(r"<[^>]*>", body) == ["<p>", "</p>"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a\r\nb\rc\nd\te", "a b c d e"),
        ("in\u200bvisible\u202e\ufeff", "invisible"),
        ("  padded\n", "padded"),
        ("nul\0 bell\x07", "nul bell"),
    ],
)
def test_one_line_normalises_as_documented(text, expected):
    assert one_line(text) == expected


@pytest.mark.parametrize("text", TEXTS, ids=IDS)
@pytest.mark.parametrize("lang", ["", "python"])
def test_code_block_holds_the_text_in_exactly_one_block(text, lang):
    tree = doctree("Before.\n\n" + code_block(text, lang) + "\nAfter.\n")
    blocks = list(tree.findall(nodes.literal_block))
    expected = re.sub(r"\r\n?", "\n", text).replace("\0", "\ufffd")
    if expected and not expected.endswith("\n"):
        expected += "\n"
    assert len(blocks) == 1
    assert blocks[0].rawsource == expected  # docutils' Pygments drops a final newline from the shown text
    assert [type(n).__name__ for n in tree.children] == ["paragraph", "literal_block", "paragraph"]
    assert node_kinds(tree) <= PROSE | {"literal_block", "inline"}  # inline: Pygments tokens


@pytest.mark.parametrize(("text", "fence"), [("plain", "```"), ("a ``` b", "````"), ("`" * 10, "`" * 11)])
def test_code_block_fence_outruns_backticks(text, fence):
    assert code_block(text).startswith(fence + "\n")


@pytest.mark.parametrize("lang", ["{raw} html", "python`", "py\nthon", "python {x}", "{eval-rst}"])
def test_code_block_refuses_a_hijacking_language(lang):
    with pytest.raises(ValueError, match="plain lexer name"):
        code_block("x", lang)


@pytest.mark.parametrize("text", ["=1+1", "+1", "-1", "@SUM(A1)", "\t=1", "\r=1", "-12", "=cmd|' /C calc'!A0"])
def test_csv_cell_prefixes_formula_starts(text):
    assert csv_cell(text) == "'" + text


@pytest.mark.parametrize(
    "value", ["hello", "", " =1", "1-2", -12, -1.5, np.int64(-3), None, pd.NA, pd.Timestamp("2017-03-31"), True]
)
def test_csv_cell_leaves_other_values_alone(value):
    assert csv_cell(value) is value


def test_csv_cells_in_a_frame_leave_numbers_as_numbers():
    frame = pd.DataFrame({"text": ["=2+5", "ok"], "count": [-3, 4]}).map(csv_cell)
    assert frame.to_csv(index=False, lineterminator="\n") == "text,count\n'=2+5,-3\nok,4\n"


@pytest.mark.parametrize("text", TEXTS, ids=IDS)
def test_html_text_round_trips_and_cannot_open_a_tag(text):
    escaped = html_text(text)
    assert html.unescape(escaped) == text.translate(dict.fromkeys(HIDDEN))
    assert not set("<>\"'") & set(escaped)


# Zero-width characters, bidirectional controls and the byte-order mark, as html_text's docstring lists them.
HIDDEN = [
    0x061C,
    *range(0x200B, 0x2010),
    *range(0x202A, 0x202F),
    *range(0x2060, 0x2065),
    *range(0x2066, 0x206A),
    0xFEFF,
]


def test_html_text_drops_bidirectional_controls_but_keeps_line_breaks():
    assert html_text("abc\u202edcba\u2066x\u200by\nz") == "abcdcbaxy\nz"


@pytest.mark.parametrize("text", TEXTS, ids=IDS)
def test_alt_text_is_one_short_escaped_line(text):
    alt = alt_text(text)
    shown = html.unescape(alt)
    assert len(shown) <= 150 and "\n" not in alt and not set("<>\"'") & set(alt)
    assert shown == one_line(text) or shown.endswith("…") and one_line(text).startswith(shown[:-1])


@pytest.mark.parametrize("text", TEXTS, ids=IDS)
def test_title_text_is_one_escaped_line(text):
    title = title_text(text)
    assert html.unescape(title) == one_line(text)
    assert not set("<>\"'\n\r") & set(title)


MARKUP_ALPHABET = st.sampled_from(
    list("\\`*_{}[]()#+-.!|<>~:$&=%@'\"/;?^,")
    + ["\n", "\r", "\t", " ", "a", "1", "w", "h", "t", "p", "s", "x", "\u200b", "\u202e", "\u00a0", "\0", "é"]
)
HOSTILE_TEXT = st.one_of(
    st.text(max_size=120),
    st.text(MARKUP_ALPHABET, max_size=120),
    st.lists(st.sampled_from(TEXTS[:-1]), max_size=4).map("".join),
)


@settings(max_examples=examples(1000), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(HOSTILE_TEXT)
def test_myst_inline_property_any_text_stays_text(text):
    assert_plain_prose(myst_inline(text), one_line(text))
    assert_plain_prose(f"x {myst_inline(text)} y", f"x {one_line(text)} y")
