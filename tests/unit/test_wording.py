"""Counted nouns, lists and changes in words: one helper for each, checked by hand."""

import math

import pytest

from assess.present.wording import counted, join_words, percent_change_words, plural


@pytest.mark.parametrize(
    "word, n, expected",
    [
        ("force", 1, "force"),
        ("force", 0, "forces"),
        ("force", 2, "forces"),
        ("county", 3, "counties"),
        ("day", 2, "days"),
        ("priority", 2, "priorities"),
        ("crime type", 2, "crime types"),
        ("intelligence requirement", 2, "intelligence requirements"),
        ("local authority district", 14, "local authority districts"),
        ("box", 2, "boxes"),
        ("match", 2, "matches"),
        ("is", 2, "are"),
        ("is", 1, "is"),
    ],
)
def test_plural(word, n, expected):
    assert plural(word, n) == expected


def test_counted_uses_separators_and_the_right_number():
    assert counted(1, "force") == "1 force"
    assert counted(4, "county") == "4 counties"
    assert counted(1200, "crime") == "1,200 crimes"
    assert counted(0, "month") == "0 months"


@pytest.mark.parametrize(
    "items, expected",
    [
        ([], ""),
        (["a"], "a"),
        (["a", "b"], "a and b"),
        (["a", "b", "c"], "a, b and c"),
        ((x for x in "xy"), "x and y"),
    ],
)
def test_join_words(items, expected):
    assert join_words(items) == expected


def test_join_words_with_or():
    assert join_words(["a", "b", "c"], "or") == "a, b or c"


@pytest.mark.parametrize(
    "pct, expected",
    [
        (3.14, "3.1% more"),
        (-8.0, "8.0% fewer"),
        (0.04, "about the same"),
        (-0.04, "about the same"),
        (0.06, "0.1% more"),
        (math.nan, "no comparison"),
        (None, "no comparison"),
    ],
)
def test_percent_change_words_round_to_the_decimals_shown(pct, expected):
    assert percent_change_words(pct) == expected


def test_percent_change_words_other_nouns_and_decimals():
    assert percent_change_words(12.345, decimals=2, more="higher", fewer="lower") == "12.35% higher"
    assert percent_change_words(-0.4, decimals=0) == "about the same"
