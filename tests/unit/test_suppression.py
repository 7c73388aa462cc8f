"""Suppression as a property of the value: a small count is "<N" in glue, tables, CSV downloads
and the figures register, and cannot be recovered from a published total by subtraction."""

from __future__ import annotations

import json
from urllib.parse import unquote

import pandas as pd

from assess.present import pages
from assess.present.glue import glue_output
from assess.present.suppression import Suppressed, hide_in_group, protect, suppress, suppress_with_total
from assess.present.tables import table


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
