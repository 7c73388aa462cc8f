"""Suppression as a property of the value: a small count is "<N" in glue, tables, CSV downloads
and the figures register, and cannot be recovered from a published total by subtraction."""

from __future__ import annotations

import json
from urllib.parse import unquote

import pandas as pd
import pytest

from assess.build.declarations import read_declaration
from assess.present import pages
from assess.present.glue import glue_output
from assess.present.suppression import (
    Suppressed,
    hide_in_group,
    protect,
    shown_count,
    suppress,
    suppress_with_total,
    suppressed_columns,
)
from assess.present.tables import csv_text, table
from assess.read.catalogue import read_catalogue
from conftest import ROOT


def test_a_small_glued_count_is_published_as_below_the_threshold():
    data, meta = glue_output("hate_latest", 3, "recorded crimes", "hate crime, 2017-03", suppress_below=5)
    assert meta["assess"]["value"] == "<5" and "3" not in json.dumps(data)
    figure = {"section": "Hate crime", "name": "hate_latest", **meta["assess"]}
    register = json.loads(pages.figures_json([figure], "e", "t"))
    assert register["figures"][0]["value"] == "<5"
    assert "\\<5" in pages.figures_markdown([figure]) and "| 3 |" not in pages.figures_markdown([figure])


def test_zero_and_counts_at_the_threshold_are_published():
    assert glue_output("n", 0, suppress_below=5)[1]["assess"]["value"] == 0
    assert glue_output("n", 5, suppress_below=5)[1]["assess"]["value"] == 5
    assert glue_output("n", 4, suppress_below=5)[1]["assess"]["value"] == "<5"
    assert glue_output("n", 4)[1]["assess"]["value"] == 4  # not a count of people or crimes: no threshold


def test_a_suppressed_cell_is_hidden_in_the_table_and_its_csv():
    shown, hidden = suppress(pd.DataFrame({"month": ["2017-01", "2017-02"], "crimes": [2, 40]}), ["crimes"], 5)
    assert hidden == 1 and isinstance(shown.loc[0, "crimes"], Suppressed)
    page = table(shown, "Hate crime", "Source").data
    csv = unquote(page.split("charset=utf-8,")[1].split('"')[0])
    assert "&lt;5" in page and "<td>2</td>" not in page
    assert csv.splitlines()[1] == "2017-01,<5" and csv.splitlines()[2] == "2017-02,40"


def test_a_lone_hidden_part_of_a_published_total_takes_another_with_it():
    assert hide_in_group([3, 40, 12], below=5) == ([True, False, True], False)  # 3 = total - 40 - 12 otherwise
    assert hide_in_group([3, 2, 12], below=5) == ([True, True, False], False)  # two hidden: neither recoverable
    assert hide_in_group([3], below=5) == ([True], True)  # the total is the part itself
    assert hide_in_group([3, 40], below=5, total_published=False) == ([True, False], False)


def test_suppress_with_total_hides_a_second_cell_in_each_row():
    frame = pd.DataFrame({"area": ["A", "B"], "x": [3, 20], "y": [30, 21], "z": [7, 22], "total": [40, 63]})
    shown, hidden = suppress_with_total(frame, ["x", "y", "z"], "total", 5)
    assert hidden == 2
    assert [str(v) for v in shown.loc[0, ["x", "y", "z", "total"]]] == ["<5", "30", "<5", "40"]
    assert shown.loc[1, ["x", "y", "z", "total"]].tolist() == [20, 21, 22, 63]


def test_protect_leaves_other_values_alone():
    assert protect(None, 5) is None and protect("n/a", 5) == "n/a" and protect(True, 5) is True
    assert str(protect(1, 5)) == "<5" and protect(5.0, 5) == 5.0


def test_derived_columns_follow_their_counts():
    frame = pd.DataFrame({"month": ["2016-09", "2016-10", "2016-11"], "crimes": [3, 60, 40], "days": [30, 31, 30]})
    frame = frame.assign(rate=frame["crimes"] / frame["days"], other=[189, 4, 50])
    frame["gap"] = frame["crimes"] - frame["other"]
    shown, hidden = suppress(frame, ["crimes", "other"], 5, derived={"rate": "crimes", "gap": ["crimes", "other"]})
    assert hidden == 2
    assert [str(v) for v in shown["rate"]] == ["<5", str(60 / 31), str(40 / 30)]
    assert [str(v) for v in shown["gap"]] == ["<5", "<5", "-10"]
    assert shown["days"].tolist() == [30, 31, 30]
    csv = csv_text(shown)
    assert "2016-09,<5,30,<5,189,<5" in csv and ",3," not in csv and "0.1" not in csv


def test_a_derived_column_must_name_a_suppressed_count():
    with pytest.raises(KeyError, match="not suppressed"):
        suppress(pd.DataFrame({"crimes": [3], "rate": [0.1]}), [], 5, derived={"rate": "crimes"})


def test_a_tables_download_follows_what_the_page_hides():
    """A table shown with a count hidden and downloaded from other numbers: the download hides it too."""
    numbers = pd.DataFrame({"Month": ["2016-09", "2016-10"], "Crimes": [3, 60], "Change": [-0.5, 0.2]})
    shown, _ = suppress(numbers.assign(Change=["-50%", "+20%"]), ["Crimes"], 5)
    page = table(shown, "Hate crime", "Source", download=numbers).data
    csv = unquote(page.split("charset=utf-8,")[1].split('"')[0])
    assert csv.splitlines()[1] == "2016-09,<5,-0.5" and ",3," not in csv


def test_a_count_in_a_sentence_is_hidden_below_the_threshold():
    assert shown_count(3, 5) == "<5" and shown_count(1234, 5) == "1,234" and shown_count(0, 5) == "0"


def test_every_chapter_reading_a_suppressed_dataset_declares_the_threshold():
    """The catalogue says which datasets carry counts that are suppressed; a chapter reading one
    must be given the edition's threshold (its declaration names ``thresholds``)."""
    sensitive = suppressed_columns(read_catalogue(ROOT))
    assert sensitive  # the hate crime series, at least
    for notebook in sorted((ROOT / "notebooks").glob("*.ipynb")):
        declaration = read_declaration(notebook)
        if declaration.datasets == "all":
            continue  # the Data and methods appendix counts rows; it publishes no count of crimes
        if set(declaration.dataset_names(sensitive)) & set(sensitive):
            assert "thresholds" in declaration.parameters, notebook.stem
