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
