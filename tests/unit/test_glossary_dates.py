"""The glossary is true to each edition's date: an edition shows a term only in the meaning it had
at the edition's as-of date (``from``/``until`` of ``data/reference/glossary.csv``), and none of
the definitions it shows names a year after that date."""

from __future__ import annotations

import re

import pytest

from assess.edition import load_edition
from assess.errors import InputError
from assess.periods import months_between
from assess.read.judgements import glossary_at, read_glossary
from assess.read.registry import read_dataset
from conftest import ROOT, checked_editions, shipped_editions

GLOSSARY = ROOT / "data" / "reference" / "glossary.csv"
RENAMED = "2017-07"
"""HMIC became HMICFRS in July 2017; UK Finance took in Financial Fraud Action UK the same month."""


@pytest.mark.parametrize("params", checked_editions(), ids=lambda p: p.stem)
def test_an_edition_shows_no_term_or_year_after_its_as_of_date(params):
    edition = load_edition(params, ROOT)
    shown = read_dataset(edition, "glossary")
    assert set(shown.columns) == {"term", "expansion", "definition"}
    assert not shown["term"].duplicated().any(), "one meaning of each term at a time"
    raw = read_glossary(GLOSSARY)
    rows = raw.merge(shown, on=["term", "expansion", "definition"])
    assert len(rows) == len(shown)
    month = edition.as_of[:7]
    assert ((rows["from"] == "") | (rows["from"] <= month)).all() and (
        (rows["until"] == "") | (rows["until"] > month)
    ).all()
    later = [
        f"{t}: {d}"
        for t, d in zip(shown["term"], shown["definition"], strict=True)
        if any(int(y) > int(edition.as_of[:4]) for y in re.findall(r"\b(?:19|20)\d\d\b", d))
    ]
    assert not later, f"{params.stem} (as of {edition.as_of}) defines terms by later events:\n" + "\n".join(later)
    terms = set(shown["term"])
    new_names = {"HMICFRS", "UK Finance", "GLAA"}
    if month >= RENAMED:
        assert new_names <= terms and "GLA" not in terms, params.stem
        assert "HMICFRS" in shown.set_index("term").loc["HMIC", "definition"]
    else:
        assert not new_names & terms and "GLA" in terms, params.stem
        assert "HMICFRS" not in shown.set_index("term").loc["HMIC", "definition"]


def test_the_shipped_editions_fall_on_both_sides_of_the_renaming():
    months = {load_edition(p, ROOT).as_of[:7] >= RENAMED for p in shipped_editions()}
    assert months == {True, False}


def test_every_month_shows_each_term_once_at_most_and_renamed_terms_switch_over():
    raw = read_glossary(GLOSSARY)
    dated = sorted({m for m in [*raw["from"], *raw["until"]] if m})
    for month in months_between(dated[0], dated[-1]):
        shown = glossary_at(raw, month)
        assert not shown["term"].duplicated().any(), month
    before, after = glossary_at(raw, "2017-06-30"), glossary_at(raw, "2017-07-01")
    assert "HMICFRS" not in set(before["term"]) and "HMICFRS" in set(after["term"])
    assert "HMIC" in set(before["term"]) and "HMIC" in set(after["term"])
    assert len(after) == len(before) + 2  # HMICFRS and UK Finance


def _glossary(tmp_path, rows: list[str]):
    path = tmp_path / "glossary.csv"
    path.write_text("term,expansion,definition,force,from,until\n" + "\n".join(rows) + "\n", encoding="utf-8")
    return path


@pytest.mark.parametrize(
    "rows, line, column",
    [
        (["ABC,Alpha Beta,Old.,all,,2017-07", "ABC,Alpha Beta,New.,all,2017-06,"], 3, "from"),
        (["ABC,Alpha Beta,Old.,all,,", "ABC,Alpha Beta,New.,all,2017-06,"], 3, "from"),
        (["ABC,Alpha Beta,Old.,all,2017-07,2017-07"], 2, "until"),
        (["ABC,Alpha Beta,Old.,all,July 2017,"], 2, "from"),
        (["ABC,Alpha Beta,Old.,all,,", "ABC,Alpha Beta,Again.,all,,"], 3, "term"),
    ],
)
def test_overlapping_or_malformed_dates_stop_with_one_line(tmp_path, rows, line, column):
    with pytest.raises(InputError) as caught:
        read_glossary(_glossary(tmp_path, rows))
    message = str(caught.value)
    assert "\n" not in message and f"glossary.csv, row {line}, column '{column}'" in message, message


def test_rows_that_follow_each_other_are_read_and_dated(tmp_path):
    rows = ["ABC,Alpha Beta,Old.,all,,2017-07", "ABC,Alpha Beta,New.,all,2017-07,", "XYZ,Ex Why,Late.,all,2018-01,"]
    raw = read_glossary(_glossary(tmp_path, rows))
    assert list(glossary_at(raw, "2017-06-30")["definition"]) == ["Old."]
    assert list(glossary_at(raw, "2017-07-01")["definition"]) == ["New."]
    assert list(glossary_at(raw, "2018-01-31")["definition"]) == ["New.", "Late."]
