"""Known-answer tests of assess.analysis.threat_indicators on hand-made tables."""

import numpy as np
import pandas as pd
import pytest

from assess.analysis import threat_indicators as ti

NOW = ["2019-01", "2019-02", "2019-03"]  # 90 days, as are the same months of 2018
BEFORE = ["2018-01", "2018-02", "2018-03"]


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
