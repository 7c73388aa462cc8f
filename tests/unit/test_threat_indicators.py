"""Known-answer tests of assess.analysis.threat_indicators on hand-made tables."""

import numpy as np
import pandas as pd
import pytest
from scipy import stats

from assess.analysis import threat_indicators as ti

NOW = ["2019-01", "2019-02", "2019-03"]  # 90 days, as are the same months of 2018
BEFORE = ["2018-01", "2018-02", "2018-03"]


def street(rows: list[tuple[str, str, str, int]]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=["month", "force", "crime_type", "count"])


def spread(force: str, months: list[str], total: int, crime_type: str = "Drugs") -> list[tuple]:
    """``total`` crimes over ``months`` (the first month takes the rest of the division)."""
    each = [total // len(months)] * len(months)
    each[0] += total - sum(each)
    return [(m, force, crime_type, n) for m, n in zip(months, each, strict=True)]


def test_street_indicator_by_hand():
    rows = (
        spread("A", NOW, 30)
        + spread("A", BEFORE, 20)  # ratio 1.5, z = 10 / √50 = √2: p = 0.157
        + spread("B", NOW, 60)
        + spread("B", BEFORE, 30)  # ratio 2, z = 30 / √90: p = 0.0016
        + spread("C", NOW, 10)
        + spread("C", BEFORE, 40)  # ratio 0.25
        + spread("D", NOW, 5)  # nothing the year before
        + spread("E", NOW, 1)
        + spread("E", BEFORE, 1)
        + spread("B", NOW, 500, crime_type="Burglary")  # another crime type, not asked for
    )
    out = ti.street_indicator(street(rows), {"B": "Bee", "A": "Ay", "C": "Cee", "D": "Dee", "E": "Ee"}, ["Drugs"], NOW)
    assert out.columns.tolist() == ["force", "now", "before", "pct_change", "p_value", "verdict"]
    assert out["force"].tolist() == ["Bee", "Ay", "Cee", "Dee", "Ee"]
    assert out["now"].tolist() == [60, 30, 10, 5, 1] and out["before"].tolist() == [30, 20, 40, 0, 1]
    assert str(out["before"].dtype) == "Int64"
    assert out["pct_change"].iloc[[0, 1, 2, 4]].tolist() == pytest.approx([100.0, 50.0, -75.0, 0.0])
    expected_p = [
        2 * stats.norm.sf(30 / np.sqrt(90)),
        2 * stats.norm.sf(np.sqrt(2)),
        2 * stats.norm.sf(30 / np.sqrt(50)),
    ]
    assert out["p_value"].iloc[:3].tolist() == pytest.approx(expected_p)
    assert out["p_value"].iloc[4] == pytest.approx(1.0)
    assert np.isnan(out["pct_change"].iloc[3]) and np.isnan(out["p_value"].iloc[3])
    assert out["verdict"].tolist() == ["higher", "no clear change", "lower", "no comparison", "no clear change"]


def test_without_a_year_of_data_there_is_no_comparison():
    out = ti.street_indicator(street(spread("A", NOW, 30)), {"A": "Ay"}, ["Drugs"], NOW)
    assert out["before"].isna().all() and str(out["before"].dtype) == "Int64"
    assert np.isnan(out["pct_change"].iloc[0]) and np.isnan(out["p_value"].iloc[0])
    assert out["verdict"].tolist() == ["no comparison"]


def test_data_of_only_the_year_before_compares_nothing_now_against_it():
    out = ti.street_indicator(street(spread("A", BEFORE, 20)), {"A": "Ay"}, ["Drugs"], NOW)
    assert (out["now"].iloc[0], out["before"].iloc[0]) == (0, 20)
    assert out["pct_change"].iloc[0] == pytest.approx(-100.0) and out["verdict"].iloc[0] == "lower"


def test_a_p_value_of_exactly_alpha_is_no_clear_change(monkeypatch):
    monkeypatch.setattr(ti, "compare_totals", lambda *counts: (1.5, ti.ALPHA))
    rows = spread("A", NOW, 30) + spread("A", BEFORE, 20)
    assert ti.street_indicator(street(rows), {"A": "Ay"}, ["Drugs"], NOW)["verdict"].tolist() == ["no clear change"]


def test_recorded_indicator_by_hand():
    recorded = pd.DataFrame(
        {
            "force": ["Bee", "Bee", "Bee", "Ay", "Ay", "Zed"],
            "offence_code": ["1", "2", "9", "1", "2", "1"],
            "count": [10, 5, 3, 4, 1, 100],
        }
    )
    weights = pd.Series({"1": 2, "2": 10})  # whole-number weights; code 9 has none
    out = ti.recorded_indicator(recorded, ["Bee", "Ay", "Cee"], ["1"], weights)
    assert out["force"].tolist() == ["Bee", "Ay", "Cee"]
    assert out["crimes"].tolist() == [10, 4, 0] and out["crimes"].dtype.kind == "i"
    assert out["harm"].tolist() == [20.0, 8.0, 0.0] and out["harm"].dtype == "float64"
    assert out["harm_share"].iloc[:2].tolist() == pytest.approx([100 * 20 / 70, 100 * 8 / 18])
    assert np.isnan(out["harm_share"].iloc[2])
    weighted = ti.recorded_indicator(recorded[recorded["offence_code"] != "9"], ["Bee"], ["1", "2"], weights)
    assert weighted["harm"].tolist() == [70.0] and weighted["harm"].dtype == "float64"


def test_unknown_categories_are_the_lookup_rows_the_data_does_not_hold():
    lookup = pd.DataFrame(
        {
            "threat": ["t1", "t1", "t2", "t2"],
            "source": ["police_uk", "home_office_code", "police_uk", "home_office_code"],
            "category": ["Drugs", "92A", "Arson", "8N"],
        },
        index=[3, 5, 7, 9],
    )
    unknown = ti.unknown_categories(lookup, {"Drugs", "8N"}, {"92A", "Arson"})
    assert unknown.index.tolist() == [7, 9] and unknown["category"].tolist() == ["Arson", "8N"]
    assert ti.unknown_categories(lookup, {"Drugs", "Arson"}, {"92A", "8N"}).empty


def test_year_before():
    assert ti.year_before(["2019-01", "2020-12"]) == ["2018-01", "2019-12"]
