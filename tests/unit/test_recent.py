"""Performance: like-month comparisons, long-run trends, area status and printed-total checks."""

import numpy as np
import pandas as pd
import pytest

from assess import periods
from assess.analysis import recent as performance
from assess.analysis.printed import check_printed_totals


def test_financial_year_and_span():
    assert periods.financial_year("2016-03") == "2015-16"
    assert periods.financial_year("2016-04") == "2016-17"
    assert periods.financial_year("1999-12") == "1999-00"
    assert periods.month_span(["2019-01", "2019-02"]) == "Jan 2019 to Feb 2019"


def _long(seed: int, groups: dict, months: int = 36) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    index = pd.period_range("2016-01", periods=months, freq="M")
    frames = []
    for name, (level, growth) in groups.items():
        mu = level * (1 + growth) ** (np.arange(months) / 12) * index.days_in_month.to_numpy() / 30
        frames.append(
            pd.DataFrame({"force": "A", "crime_type": name, "month": index.astype(str), "count": rng.poisson(mu)})
        )
    return pd.concat(frames, ignore_index=True)


def test_like_months_and_shares():
    counts = _long(1, {"X": (200, 0.0), "Y": (50, 0.0)})
    out = performance.compare_like_months(counts, ["force", "crime_type"], 2).set_index("crime_type")
    assert (out["earlier"] == "2017-11..2017-12").all() and (out["comparison"] == "same months a year earlier").all()
    x = counts[counts["crime_type"] == "X"].set_index("month")["count"]
    assert out.loc["X", "recent_count"] == x.iloc[-2:].sum()
    windows = out["recent_count"] + out["earlier_count"]
    assert out.loc["X", "share"] == pytest.approx(100 * windows["X"] / windows.sum())


def test_long_run_trends_find_a_strong_rise_and_not_a_flat_series():
    out = performance.long_run_trends(_long(2, {"X": (300, 0.3), "Y": (300, 0.0)}), ["force", "crime_type"])
    out = out.set_index("crime_type")
    assert out.loc["X", "direction"] == "rising" and out.loc["X", "sen_year"] == pytest.approx(
        12 * out.loc["X", "sen_month"]
    )
    assert out.loc["Y", "direction"] == "no monotonic trend"
    assert out.loc["X", "ci_low"] < 30 < out.loc["X", "ci_high"]


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
