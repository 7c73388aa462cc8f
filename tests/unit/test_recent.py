"""Performance: period comparisons, area status and printed-total checks on hand-made tables."""

import pandas as pd
import pytest

from assess import periods
from assess.analysis import recent as performance
from assess.analysis.printed import check_printed_totals


def test_financial_year():
    assert periods.financial_year("2016-03") == "2015-16"
    assert periods.financial_year("2016-04") == "2016-17"
    assert periods.financial_year("1999-12") == "1999-00"


def test_split_and_span():
    months = ["2018-10", "2018-11", "2018-12", "2019-01", "2019-02"]
    assert performance.split_periods(months, 2) == (["2019-01", "2019-02"], ["2018-10", "2018-11", "2018-12"])
    assert periods.month_span(["2019-01", "2019-02"]) == "Jan 2019 to Feb 2019"
    with pytest.raises(ValueError):
        performance.split_periods(months, 5)


def test_compare_recent_by_hand():
    months = ["2019-01", "2019-02", "2019-03"]
    counts = pd.DataFrame(
        {
            "force": ["A"] * 6,
            "crime_type": ["X"] * 3 + ["Y"] * 3,
            "month": months * 2,
            "count": [31, 28, 62, 10, 10, 10],
        }
    )
    out = performance.compare_recent(counts, ["force", "crime_type"], months, 1).set_index("crime_type")
    # X: 62 in 31 days against 59 in 59 days: 2 a day against 1 a day.
    assert out.loc["X", "recent"] == 62 and out.loc["X", "before"] == 59
    assert out.loc["X", "rate_ratio"] == pytest.approx(2.0) and out.loc["X", "pct_change"] == pytest.approx(100)
    assert out.loc["X", "flagged"] and performance.direction(out.loc["X"]) == "increasing"
    assert out.loc["X", "share"] == pytest.approx(100 * 121 / 151)
    assert performance.direction(out.loc["Y"]) == "no clear change"


def test_area_status():
    counts = pd.DataFrame(
        {
            "force": ["A"] * 10,
            "policing_area": ["N"] * 5 + ["S"] * 5,
            "month": [f"2018-{m:02d}" for m in range(1, 6)] * 2,
            "count": [10, 12, 11, 15, 14, 10, 11, 10, 11, 30],
        }
    )
    status = performance.area_status(counts).set_index("policing_area")["status"]
    assert status["N"] == "above average" and status["S"] == "significantly above average"


def test_check_printed_totals():
    rows = pd.DataFrame({"month": ["m1", "m1", "m2"], "n": [1, 2, 5]})
    printed = pd.DataFrame({"month": ["m1", "m2"], "total": [3, 6]})
    out = check_printed_totals(rows, printed, "month", "n", "total")
    assert out["agrees"].tolist() == [True, False] and out["difference"].tolist() == [0, -1]
