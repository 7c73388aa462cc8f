"""Known-answer tests of assess.analysis.spc on hand-made and SIMULATED series."""

import numpy as np
import pandas as pd
import pytest

from assess.analysis import spc


def test_xmr_by_hand():
    chart = spc.xmr(pd.Series([10.0, 12.0, 11.0, 15.0]))
    assert chart["centre"].iloc[0] == 12.0
    assert chart["upper"].iloc[0] == pytest.approx(12 + 2.66 * 7 / 3)
    assert chart["lower"].iloc[0] == pytest.approx(max(0.0, 12 - 2.66 * 7 / 3))


def test_lower_limit_not_below_zero_and_runs_on_both_sides():
    chart = spc.xmr(pd.Series([0.0, 9, 0, 9] + [1.0] * 7 + [8.0] * 7))
    assert (chart["lower"] == 0).all()
    assert chart["run_below"].max() == 7 and chart["signal_low"].iloc[4] and not chart["signal_low"].iloc[0]
    assert chart["run_above"].iloc[-1] == 7 and chart["signal_high"].iloc[-1]


def test_february_at_january_daily_rate_is_not_flagged():
    """Steady 20 a day (+/-1%): raw counts make February the lowest month; its daily rate is unremarkable."""
    rng = np.random.default_rng(0)
    months = pd.period_range("2016-03", "2019-02", freq="M")
    counts = np.round(20 * months.days_in_month.to_numpy() * (1 + rng.normal(0, 0.01, len(months))))
    series = pd.Series(counts, index=months.astype(str))
    rate = spc.xmr_daily_rate(series)
    assert not rate.loc["2019-02", "signal_low"]
    assert rate.loc["2019-02", "value"] == pytest.approx(series["2019-02"] / 28)
    assert abs(rate.loc["2019-02", "value"] - rate["centre"].iloc[0]) < 0.5
    raw = spc.xmr(series)
    assert raw["value"].idxmin() in {"2017-02", "2018-02", "2019-02"}
    assert raw.loc["2019-02", "value"] < raw["centre"].iloc[0] - 40  # 28 days × 20 against a mean of about 608


def test_residual_xmr_removes_the_trend():
    rng = np.random.default_rng(3)
    months = pd.period_range("2015-01", periods=48, freq="M").astype(str)
    fitted = pd.Series(100 * 1.02 ** np.arange(48), index=months)
    series = pd.Series(rng.poisson(fitted.to_numpy()), index=months)
    raw, residual = spc.xmr(series), spc.residual_xmr(series, fitted)
    assert raw["signal_high"].iloc[-12:].all() and raw["signal_low"].iloc[:12].all()
    assert residual["value"].to_numpy() == pytest.approx(series.to_numpy() / fitted.to_numpy())
    assert not residual["signal_high"].any() and not residual["signal_low"].any()


# Edge cases of the chart (carried over from the tests of the earlier XmR code) ------------------


def test_xmr_points_on_the_centre_line_are_on_neither_side():
    chart = spc.xmr(pd.Series([1, 3, 2]))  # centre 2
    assert chart["run_above"].tolist() == [0, 1, 0] and chart["run_below"].tolist() == [1, 0, 0]
    assert chart["value"].dtype == "float64"


def test_xmr_limits_are_not_crossed_by_a_point_on_them():
    # Centre 5, mean moving range 10: the lower limit is clipped to 0; a zero is not beyond it.
    chart = spc.xmr(pd.Series([0, 10, 0, 10]))
    assert chart["lower"].iloc[0] == 0 and not chart["beyond_lower"].any()
    # A flat series: both limits sit on the centre line, and no point is beyond them.
    flat = spc.xmr(pd.Series([5, 5, 5, 5]))
    assert flat["upper"].iloc[0] == flat["lower"].iloc[0] == 5
    assert not flat["signal_high"].any() and not flat["signal_low"].any()


def test_xmr_signals_low_by_a_run_of_seven_and_by_a_point_below_the_limit():
    run = spc.xmr(pd.Series([9, 8, 9, 8, 9, 8, 5, 4, 6, 5, 4, 5, 5]))
    assert run["run_below"].iloc[-1] == 7 and not run["beyond_lower"].any()
    assert run["signal_low"].iloc[-1] and not run["signal_high"].any()
    six = spc.xmr(pd.Series([9, 8, 9, 8, 9, 8, 9, 5, 4, 6, 5, 4, 5]))
    assert six["run_below"].iloc[-1] == 6 and not six["signal_low"].any()
    drop = spc.xmr(pd.Series([100, 101, 100, 99, 100, 101, 100, 60]))
    assert drop["beyond_lower"].iloc[-1] and drop["signal_low"].iloc[-1]
    assert drop["signal_low"].tolist()[:-1] == [False] * 7
    # The seven points before the drop all lie above the centre line that the drop pulls down.
    assert spc.signals(drop) == {"beyond_upper": [], "beyond_lower": [7], "run_above": list(range(7)), "run_below": []}


def test_run_lengths_are_whole_numbers_and_a_run_of_exactly_seven_below_is_a_signal():
    chart = spc.xmr(pd.Series([9.0, 9, 9, 9, 9, 9, 9, 1, 1, 1, 1, 1, 1, 1, 9]))  # centre 5.27
    assert chart["run_above"].dtype.kind == chart["run_below"].dtype.kind == "i"
    assert chart["run_below"].tolist() == [0] * 7 + [7] * 7 + [0]
    assert spc.signals(chart)["run_below"] == list(range(7, 14))
    assert spc.signals(chart)["run_above"] == list(range(7))


def test_daily_rate_chart_carries_the_counts_and_the_days_of_each_month():
    series = pd.Series([310.0, 280, 310, 300], index=["2019-01", "2019-02", "2019-03", "2019-04"])
    chart = spc.xmr_daily_rate(series)
    assert chart.index.tolist() == series.index.tolist()
    assert chart["days"].tolist() == [31.0, 28.0, 31.0, 30.0] and chart["days"].dtype == "float64"
    assert chart["count"].tolist() == series.tolist()
    assert chart["value"].tolist() == pytest.approx([10.0, 10.0, 10.0, 10.0])


def test_residual_chart_uses_the_fitted_value_of_each_month_and_refuses_bad_fits():
    months = ["2019-01", "2019-02", "2019-03"]
    series = pd.Series([10.0, 30, 20], index=months)
    # Fitted values given for more months, in another order: each month takes its own.
    fitted = pd.Series([0.5, 40.0, 15.0, 20.0], index=["2019-04", "2019-03", "2019-02", "2019-01"])
    chart = spc.residual_xmr(series, fitted)
    assert chart.index.tolist() == months
    assert chart["value"].tolist() == pytest.approx([0.5, 2.0, 0.5])
    assert chart["count"].tolist() == [10.0, 30.0, 20.0] and chart["fitted"].tolist() == [20.0, 15.0, 40.0]
    small = spc.residual_xmr(series, pd.Series([0.5, 0.5, 0.5], index=months))  # positive but below 1 is fine
    assert small["value"].tolist() == pytest.approx([20.0, 60.0, 40.0])
    for bad in (pd.Series([1.0, 2.0], index=months[:2]), pd.Series([1.0, 0.0, 2.0], index=months)):
        with pytest.raises(ValueError, match="^fitted values must be positive and cover every month of the series$"):
            spc.residual_xmr(series, bad)


def test_month_tested_against_limits_without_it_hand_worked():
    """The last of 10, 12, 11, 15, 30: centre 12 from the first four, moving ranges 2, 1, 4 (mean
    7/3), upper limit 12 + 2.66 × 7/3 = 18.21; on the chart of all five, 30 would sit inside
    limits it widened itself (centre 15.6, upper 15.6 + 2.66 × 5.5 = 30.2)."""
    values = pd.Series([10.0, 12, 11, 15, 30], index=["a", "b", "c", "d", "e"])
    found = spc.month_against_limits(values)
    assert (found.month, found.value, found.centre) == ("e", 30.0, 12.0)
    assert found.upper == pytest.approx(12 + 2.66 * 7 / 3) and found.lower == pytest.approx(12 - 2.66 * 7 / 3)
    assert found.status == spc.STATUS[0] and (found.baseline_months, found.moving_ranges) == (4, 3)
    assert not spc.xmr(values)["beyond_upper"].iloc[-1]


def test_a_middle_month_drops_both_ranges_that_touch_it():
    """Testing 40 in 10, 12, 40, 11, 15: no range spans it, so the ranges are 2 and 4 (mean 3)."""
    values = pd.Series([10.0, 12, 40, 11, 15])
    found = spc.month_against_limits(values, 2)
    assert found.centre == 12.0 and found.upper == pytest.approx(12 + 2.66 * 3)
    assert found.moving_ranges == 2 and found.baseline_months == 4 and found.status == spc.STATUS[0]
    low = spc.month_against_limits(pd.Series([10.0, 12, 1, 11, 15]), 2)
    assert low.status == spc.STATUS[1] and low.lower == pytest.approx(12 - 2.66 * 3)
    assert spc.month_against_limits(pd.Series([10.0, 12, 11, 13]), 1).status == spc.STATUS[2]
    floor = spc.month_against_limits(pd.Series([0.0, 9, 0, 9, 0]))
    assert floor.lower == 0.0


def test_too_few_months_for_limits_without_the_month_tested():
    with pytest.raises(ValueError, match="two consecutive other months"):
        spc.month_against_limits(pd.Series([1.0, 2.0]))
    with pytest.raises(ValueError, match="two consecutive other months"):
        spc.month_against_limits(pd.Series([1.0, 5.0, 2.0]), 1)


def test_daily_rate_against_limits_divides_by_days():
    series = pd.Series([310, 280, 310, 300, 620], index=["2019-01", "2019-02", "2019-03", "2019-04", "2019-05"])
    found = spc.daily_rate_against_limits(series)
    assert found.month == "2019-05" and found.value == 20.0 and found.centre == 10.0
    assert found.moving_ranges == 3 and found.status == spc.STATUS[0]
    assert spc.daily_rate_against_limits(series, "2019-02").value == 10.0
