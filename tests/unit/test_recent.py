"""Performance: like-month comparisons, long-run trends, area status and printed-total checks."""

import numpy as np
import pandas as pd
import pytest
from statsmodels.stats.multitest import multipletests

from assess import periods
from assess.analysis import recent as performance
from assess.analysis import spc
from assess.analysis import trend_models as tm
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


def test_like_months_percent_change_and_shares_within_each_force():
    counts = pd.concat(
        [
            _long(3, {"X": (200, 0.0), "Y": (50, 0.2)}),
            _long(4, {"X": (100, 0.0)}).assign(force="B"),
            _long(5, {"Z": (0, 0.0)}).assign(force="B"),  # nothing recorded: no comparison, no share
        ]
    )
    out = performance.compare_like_months(counts, ["force", "crime_type"], 3)
    assert out[["force", "crime_type"]].to_numpy().tolist() == [["A", "X"], ["A", "Y"], ["B", "X"], ["B", "Z"]]
    assert out["pct_change"].iloc[:3].tolist() == pytest.approx((100 * (out["rate_ratio"].iloc[:3] - 1)).tolist())
    assert np.isnan(out["pct_change"].iloc[3]) and out["share"].iloc[3] == 0
    assert out.groupby("force")["share"].sum().tolist() == pytest.approx([100.0, 100.0])
    windows = out["recent_count"] + out["earlier_count"]
    assert out["share"].iloc[0] == pytest.approx(100 * windows.iloc[0] / windows.iloc[:2].sum())


def test_long_run_trends_report_each_groups_model_and_slope():
    rng = np.random.default_rng(6)
    months = pd.period_range("2016-01", periods=36, freq="M").astype(str)
    season = np.tile(np.arange(100, 112), 3)
    steady = season + np.repeat([0, 1, 2], 12)  # one more crime a year in every month: Sen's slope is exactly 1
    frames = {
        ("B", "steady"): steady,
        ("A", "falling"): rng.poisson(400 * 0.7 ** (np.arange(36) / 12)),
        ("A", "flat"): rng.poisson(np.full(36, 300)),
    }
    counts = pd.concat(
        pd.DataFrame({"force": f, "crime_type": c, "month": months, "count": values})
        for (f, c), values in frames.items()
    )
    out = performance.long_run_trends(counts, ["force", "crime_type"])
    assert out[["force", "crime_type"]].to_numpy().tolist() == [["A", "falling"], ["A", "flat"], ["B", "steady"]]
    for row in out.itertuples():
        series = pd.Series(frames[(row.force, row.crime_type)], index=months)
        fit, sen = tm.fit_trend(series), tm.sen_slope_per_year(series)
        last = fit.slopes.iloc[-1]
        assert (row.model, row.change_month, row.errors, row.test) == (
            fit.model,
            fit.change_month,
            fit.errors,
            sen.test,
        )
        assert (row.segment_start, row.segment_end) == (last["start"], last["end"])
        assert [row.annual_pct, row.ci_low, row.ci_high] == pytest.approx(
            last[["annual_pct", "ci_low", "ci_high"]].tolist()
        )
        assert [row.sen_month, row.sen_year, row.p_value] == pytest.approx(
            [sen.monthly_count_per_year, sen.annual_total_per_year, sen.p_value]
        )
    assert out["sen_month"].iloc[2] == 1.0
    assert out["q_value"].tolist() == pytest.approx(multipletests(out["p_value"], method="fdr_bh")[1].tolist())
    assert out["direction"].tolist() == ["falling", "no monotonic trend", "rising"]


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
