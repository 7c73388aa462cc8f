"""Performance: like-month comparisons, long-run trends, area status and printed-total checks."""

import pandas as pd
import pytest

from assess import periods
from assess.analysis import recent as performance
from assess.analysis import spc
from assess.analysis.printed import check_printed_totals


def test_financial_year_and_span():
    assert periods.financial_year("2016-03") == "2015-16"
    assert periods.financial_year("2016-04") == "2016-17"
    assert periods.financial_year("1999-12") == "1999-00"
    assert periods.month_span(["2019-01", "2019-02"]) == "Jan 2019 to Feb 2019"


def test_area_status_on_daily_rates_does_not_flag_a_short_february():
    months = [str(m) for m in pd.period_range("2018-09", "2019-02", freq="M")]
    days = [periods.days_in_month(m) for m in months]
    counts = pd.DataFrame(
        {
            "force": "A",
            "policing_area": ["N"] * 6 + ["S"] * 6,
            "month": months * 2,
            "count": [20 * d for d in days] + [20 * d for d in days[:-1]] + [60 * 28],
        }
    )
    status = performance.area_status(counts).set_index("policing_area")
    assert status.loc["N", "status"] == "within its limits" and status.loc["N", "latest_rate"] == pytest.approx(20)
    assert status.loc["S", "status"] == "above its upper limit"


def test_check_printed_totals():
    rows = pd.DataFrame({"month": ["m1", "m1", "m2"], "n": [1, 2, 5]})
    printed = pd.DataFrame({"month": ["m1", "m2"], "total": [3, 6]})
    out = check_printed_totals(rows, printed, "month", "n", "total")
    assert out["agrees"].tolist() == [True, False] and out["difference"].tolist() == [0, -1]


def test_area_status_gives_every_figure_sorted_by_force_and_area():
    months = [str(m) for m in pd.period_range("2018-09", "2019-02", freq="M")]
    days = [periods.days_in_month(m) for m in months]
    counts = pd.DataFrame(
        {
            "force": ["B"] * 6 + ["A"] * 12,
            "policing_area": ["Z"] * 6 + ["Y"] * 6 + ["X"] * 6,
            "month": months * 3,
            "count": [30 * d for d in days[:-1]] + [2 * 28] + [20 * d for d in days] + [10 * d for d in days],
        }
    )
    status = performance.area_status(counts)
    assert status[["force", "policing_area"]].to_numpy().tolist() == [["A", "X"], ["A", "Y"], ["B", "Z"]]
    assert status["status"].tolist() == ["within its limits", "within its limits", "below its lower limit"]
    chart = spc.xmr_daily_rate(pd.Series(counts["count"].iloc[:6].to_numpy(), index=months))
    last = status.iloc[2]
    assert last["latest"] == 56 and last["latest_rate"] == pytest.approx(2.0)
    assert [last["centre"], last["lower"], last["upper"]] == pytest.approx(
        [chart["centre"].iloc[-1], chart["lower"].iloc[-1], chart["upper"].iloc[-1]]
    )
    assert status.columns.tolist() == [
        "force",
        "policing_area",
        "latest",
        "latest_rate",
        "centre",
        "lower",
        "upper",
        "status",
    ]
