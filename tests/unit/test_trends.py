"""Statistics with known answers: simulated series with a known trend or step, a flat series,
a hand-computed XmR chart, and the rate-ratio test against an independent scipy computation."""

import math

import numpy as np
import pandas as pd
import pytest
from scipy import stats

from assess.analysis import trends
from assess.present import verdicts

MONTHS = pd.period_range("2012-04", periods=60, freq="M")
SEASON = 1 + 0.15 * np.sin(2 * np.pi * MONTHS.month.to_numpy() / 12)
DAYS = MONTHS.days_in_month.to_numpy() / 30.0


def _series(rng, annual_change=0.0, step=None, step_ratio=1.0, level=80.0):
    t = np.arange(len(MONTHS)) / 12.0
    mu = level * (1 + annual_change) ** t * SEASON * DAYS
    if step is not None:
        mu = mu * np.where(pd.Period(step, freq="M") <= MONTHS, step_ratio, 1.0)
    return pd.Series(rng.poisson(mu), index=MONTHS.astype(str))


def test_trend_interval_covers_the_true_change_in_most_of_200_series():
    rng = np.random.default_rng(20161)
    covered = 0
    for _ in range(200):
        result = trends.seasonal_trend(_series(rng, annual_change=0.06))
        covered += result.ci_low <= 6.0 <= result.ci_high
    # A 95% interval should cover the truth about 190 times in 200; 180 allows for chance.
    assert covered >= 180


def test_trend_is_found_when_it_is_there():
    result = trends.seasonal_trend(_series(np.random.default_rng(7), annual_change=0.10, level=200))
    assert result.p_value < 0.001 and 7 < result.estimate < 13
    assert "rising" in verdicts.trend_verdict(result) and "Poisson GLM" in verdicts.trend_verdict(result)


def test_flat_series_is_flagged_no_more_often_than_the_false_positive_rate():
    rng = np.random.default_rng(99)
    flags = sum(trends.seasonal_trend(_series(rng)).p_value < 0.05 for _ in range(200))
    # Expected 10 in 200 at the 5% level; 20 is far beyond chance (binomial upper tail < 0.5%).
    assert flags <= 20


def test_overdispersed_series_uses_quasi_poisson_and_says_why():
    rng = np.random.default_rng(3)
    mu = 100 * SEASON * DAYS * rng.gamma(shape=5, scale=1 / 5, size=len(MONTHS))  # extra-Poisson noise
    result = trends.seasonal_trend(pd.Series(rng.poisson(mu), index=MONTHS.astype(str)))
    assert result.details["model"] == "quasi-Poisson GLM" and result.details["dispersion"] > 1.5
    assert "quasi-Poisson because" in verdicts.trend_verdict(result)


def test_known_step_is_estimated_within_its_interval():
    rng = np.random.default_rng(2016)
    covered = 0
    for _ in range(100):
        result = trends.step_change(_series(rng, step="2015-07", step_ratio=1.3, level=120), at="2015-07")
        covered += result.ci_low <= 1.3 <= result.ci_high
    assert covered >= 88
    one = trends.step_change(_series(np.random.default_rng(1), step="2015-07", step_ratio=1.3, level=120), at="2015-07")
    assert one.p_value < 0.001 and "higher" in verdicts.step_verdict(one)


def test_no_step_gives_no_flag_beyond_chance():
    rng = np.random.default_rng(5)
    flags = sum(trends.step_change(_series(rng), at="2015-07").p_value < 0.05 for _ in range(200))
    assert flags <= 20


def test_mann_kendall_matches_kendalls_tau_from_scipy():
    # With no ties, Mann-Kendall's S is Kendall's tau between the values and time.
    values = pd.Series(
        [5, 9, 7, 12, 15, 11, 18, 21, 19, 25, 24, 30],
        index=pd.period_range("2015-01", periods=12, freq="M").astype(str),
    )
    result = trends.mann_kendall(values, seasonal=False)
    tau, _ = stats.kendalltau(np.arange(12), values.to_numpy())
    assert result.details["tau"] == pytest.approx(tau)
    slopes = [(values.iloc[j] - values.iloc[i]) / (j - i) for i in range(12) for j in range(i + 1, 12)]
    assert result.estimate == pytest.approx(np.median(slopes) * 12)


def test_seasonal_mann_kendall_sees_a_trend_under_strong_seasonality():
    rng = np.random.default_rng(11)
    result = trends.mann_kendall(_series(rng, annual_change=0.15, level=150))
    assert result.test == "seasonal Mann-Kendall test" and result.p_value < 0.01 and result.estimate > 0


def test_xmr_limits_by_hand():
    chart = trends.xmr(pd.Series([10, 12, 11, 15, 14]))
    # mean = 62/5 = 12.4; moving ranges 2, 1, 4, 1 → mean 2.0; limits 12.4 ± 2.66 × 2.0.
    assert chart["centre"].iloc[0] == pytest.approx(12.4)
    assert chart["upper"].iloc[0] == pytest.approx(12.4 + 5.32)
    assert chart["lower"].iloc[0] == pytest.approx(12.4 - 5.32)
    assert chart["above"].tolist() == [False, False, False, True, True]
    assert trends.xmr_status(chart) == "above average"


def test_xmr_signals_a_point_beyond_the_limit_and_a_run_of_seven():
    spike = trends.xmr(pd.Series([10, 11, 10, 9, 10, 11, 10, 30]))
    assert spike["beyond_upper"].iloc[-1] and trends.xmr_status(spike) == "significantly above average"
    run = trends.xmr(pd.Series([5, 4, 6, 5, 4, 5, 9, 8, 9, 8, 9, 8, 9]))
    assert run["run_above"].iloc[-1] == 7 and not run["beyond_upper"].any()
    assert trends.xmr_status(run) == "significantly above average"
    assert trends.xmr(pd.Series([3, 1, 2]))["lower"].iloc[0] == 0  # counts: limit not below zero


def test_rate_ratio_score_test_against_scipy():
    # Conditional on the total, the count of the first period is binomial; the score test is
    # the binomial z-test with the null variance: z = (X1 - d X2) / sqrt(d (X1 + X2)), d = t1/t2.
    x1, t1, x2, t2 = 195, 31, 136, 30
    d = t1 / t2
    z = (x1 - d * x2) / math.sqrt(d * (x1 + x2))
    result = trends.compare_periods(x1, x2, t1, t2)
    assert result.p_value == pytest.approx(2 * stats.norm.sf(abs(z)), rel=1e-9)
    assert result.estimate == pytest.approx((x1 / t1) / (x2 / t2))
    assert result.ci_low < result.estimate < result.ci_high
    assert result.details["change"] == 59 and "Poisson rate-ratio score test" in verdicts.compare_verdict(
        result, "now", "before"
    )


def test_rate_ratio_interval_covers_the_truth():
    rng = np.random.default_rng(8)
    covered = sum(
        (r := trends.compare_periods(rng.poisson(120), rng.poisson(100))).ci_low <= 1.2 <= r.ci_high for _ in range(200)
    )
    assert covered >= 180


def test_benjamini_hochberg_by_hand():
    p = pd.Series([0.01, 0.04, 0.03, 0.20, None], index=list("abcde"))
    out = trends.false_discovery(p)
    # Sorted 0.01, 0.03, 0.04, 0.20 (m = 4): q = min over later of p·m/rank → 0.04, 0.0533, 0.0533, 0.20.
    assert out.loc["a", "q_value"] == pytest.approx(0.04)
    assert out.loc["c", "q_value"] == pytest.approx(0.04 * 4 / 3)
    assert out["flagged"].tolist() == [True, False, False, False, False]
    assert pd.isna(out.loc["e", "q_value"])


def test_short_series_refuses_the_seasonal_trend_and_explains():
    short = pd.Series([10, 12, 11, 13, 12], index=pd.period_range("2018-10", periods=5, freq="M").astype(str))
    with pytest.raises(ValueError, match="24 or more months"):
        trends.seasonal_trend(short)


def test_series_with_a_gap_is_refused():
    gappy = pd.Series([1, 2, 3], index=["2018-01", "2018-02", "2018-04"])
    with pytest.raises(ValueError, match="gaps"):
        trends.mann_kendall(gappy)
