"""Statistics against answers known without the code under test: series built exactly from a
known trend, season and step (the fit must give them back), a Poisson likelihood maximised
independently with scipy, the score interval as a Wilson interval, Mann-Kendall's S counted by
hand, and the XmR rules at their boundaries."""

import math

import numpy as np
import pandas as pd
import pytest
from scipy import optimize, stats

from assess.analysis import trends

SEASON = np.array([1.10, 0.95, 1.00, 1.05, 1.20, 0.90, 0.85, 1.00, 1.15, 0.98, 1.02, 0.80])


def _exact(
    months: int,
    annual_change: float = 0.10,
    step_at: str | None = None,
    step_ratio: float = 1.0,
    start: str = "2014-04",
) -> pd.Series:
    """Expected counts, no noise: 3 a day × (1 + change)^years × season × step."""
    index = pd.period_range(start, periods=months, freq="M")
    years = np.arange(months) / 12.0
    mu = 3.0 * index.days_in_month.to_numpy() * (1 + annual_change) ** years * SEASON[index.month.to_numpy() - 1]
    if step_at is not None:
        mu = mu * np.where(index >= pd.Period(step_at, freq="M"), step_ratio, 1.0)
    return pd.Series(mu, index=index.astype(str))


def _poisson_fit_by_scipy(counts: pd.Series, step_at: str | None = None):
    """Maximum likelihood of the same model written out by hand: log mu = log days + a + b·years
    (+ step) + month effect (January the reference... any reference gives the same slope)."""
    index = pd.PeriodIndex(counts.index, freq="M")
    y = counts.to_numpy(dtype=float)
    columns = [np.ones(len(y)), np.arange(len(y)) / 12.0]
    if step_at is not None:
        columns.append((index >= pd.Period(step_at, freq="M")).astype(float))
    months_present = sorted(set(index.month))
    columns += [(index.month == m).astype(float) for m in months_present[1:]]
    X = np.column_stack(columns)
    offset = np.log(index.days_in_month.to_numpy(dtype=float))

    def negative_log_likelihood(beta):
        eta = offset + X @ beta
        return np.sum(np.exp(eta) - y * eta)

    def gradient(beta):
        return X.T @ (np.exp(offset + X @ beta) - y)

    start = np.zeros(X.shape[1])
    start[0] = math.log(y.mean() / 30)
    beta = optimize.minimize(
        negative_log_likelihood, start, jac=gradient, method="BFGS", options={"gtol": 1e-10, "maxiter": 10_000}
    ).x
    mu = np.exp(offset + X @ beta)
    dispersion = np.sum((y - mu) ** 2 / mu) / (len(y) - X.shape[1])
    return beta, dispersion


# Seasonal trend ---------------------------------------------------------------------------------


def test_seasonal_trend_gives_back_an_exact_trend_through_a_strong_season():
    result = trends.seasonal_trend(_exact(48, annual_change=0.10))
    assert result.estimate == pytest.approx(10.0, abs=1e-6)
    assert result.measure == "annual % change"
    assert result.test == "Poisson GLM with month effects"
    assert result.details == {"model": "Poisson GLM", "dispersion": pytest.approx(0.0, abs=1e-9), "months": 48}
    assert result.p_value < 1e-6


def test_seasonal_trend_of_a_falling_series():
    result = trends.seasonal_trend(_exact(36, annual_change=-0.2))
    assert result.estimate == pytest.approx(-20.0, abs=1e-6)


def test_seasonal_trend_agrees_with_an_independent_likelihood_fit():
    rng = np.random.default_rng(42)
    counts = pd.Series(rng.poisson(_exact(60, annual_change=0.05).to_numpy()), index=_exact(60).index)
    beta, dispersion = _poisson_fit_by_scipy(counts)
    result = trends.seasonal_trend(counts)
    assert result.estimate == pytest.approx((math.exp(beta[1]) - 1) * 100, rel=1e-4)
    assert result.details["dispersion"] == pytest.approx(dispersion, rel=1e-4)
    assert result.details["model"] == "Poisson GLM" and 0.5 < dispersion < 1.5
    # A Wald interval is symmetric on the log scale around the estimate.
    log_low, log_est, log_high = (math.log1p(v / 100) for v in (result.ci_low, result.estimate, result.ci_high))
    assert log_est - log_low == pytest.approx(log_high - log_est, rel=1e-9)
    assert result.ci_low < result.estimate < result.ci_high


def test_quasi_poisson_widens_the_interval_by_the_root_of_the_dispersion():
    rng = np.random.default_rng(3)
    mu = _exact(60, annual_change=0.05).to_numpy() * rng.gamma(shape=4, scale=1 / 4, size=60)
    counts = pd.Series(rng.poisson(mu), index=_exact(60).index)
    beta, dispersion = _poisson_fit_by_scipy(counts)
    result = trends.seasonal_trend(counts)
    assert result.details["model"] == "quasi-Poisson GLM" and result.test == "quasi-Poisson GLM with month effects"
    assert result.details["dispersion"] == pytest.approx(dispersion, rel=1e-4) and dispersion > 1.5
    assert result.estimate == pytest.approx((math.exp(beta[1]) - 1) * 100, rel=1e-4)
    # Against the plain Poisson fit of the same data: half-width on the log scale × √dispersion.
    design = trends._design(pd.PeriodIndex(counts.index, freq="M"), seasonal=True)
    import statsmodels.api as sm

    offset = np.log(pd.PeriodIndex(counts.index, freq="M").days_in_month.to_numpy(dtype=float))
    plain = sm.GLM(counts.to_numpy(), design, family=sm.families.Poisson(), offset=offset).fit()
    plain_half = 1.959963984540054 * plain.bse["years"]
    half = (math.log1p(result.ci_high / 100) - math.log1p(result.ci_low / 100)) / 2
    assert half == pytest.approx(plain_half * math.sqrt(dispersion), rel=1e-4)


def test_seasonal_trend_needs_24_months_and_takes_exactly_24():
    assert trends.seasonal_trend(_exact(24)).estimate == pytest.approx(10.0, abs=1e-6)
    with pytest.raises(ValueError, match="24 or more months; got 23"):
        trends.seasonal_trend(_exact(23))


def test_months_out_of_order_are_sorted_and_gaps_named():
    series = _exact(30)
    assert trends.seasonal_trend(series.iloc[::-1]).estimate == pytest.approx(10.0, abs=1e-6)
    with pytest.raises(ValueError, match="29 months between 2014-04 and 2016-09"):
        trends.seasonal_trend(series.drop("2015-01"))


# Step change ----------------------------------------------------------------------------------


def test_step_change_gives_back_an_exact_step():
    result = trends.step_change(_exact(48, step_at="2016-01", step_ratio=1.3), at="2016-01")
    assert result.estimate == pytest.approx(1.3, rel=1e-6)
    assert result.measure == "rate ratio after/before"
    assert result.test == "segmented Poisson GLM with month effects"
    assert result.details["months_after"] == 27 and result.details["step_at"] == "2016-01"
    assert result.details["model"] == "Poisson GLM" and result.details["dispersion"] == pytest.approx(0, abs=1e-9)
    assert result.ci_low <= result.estimate <= result.ci_high


def test_step_change_agrees_with_an_independent_likelihood_fit():
    rng = np.random.default_rng(17)
    counts = pd.Series(rng.poisson(_exact(36, step_at="2015-10", step_ratio=0.8).to_numpy()), index=_exact(36).index)
    beta, _ = _poisson_fit_by_scipy(counts, step_at="2015-10")
    result = trends.step_change(counts, at="2015-10")
    assert result.estimate == pytest.approx(math.exp(beta[2]), rel=1e-4)
    assert math.log(result.estimate / result.ci_low) == pytest.approx(
        math.log(result.ci_high / result.estimate), rel=1e-9
    )


def test_short_step_series_has_no_month_effects():
    series = _exact(18, annual_change=0.0, step_at="2015-01", step_ratio=1.5)
    result = trends.step_change(series, at="2015-01")
    assert result.test in ("segmented Poisson GLM", "segmented quasi-Poisson GLM")
    assert result.details["months_after"] == 9
    assert trends.step_change(_exact(24), at="2015-04").test == "segmented Poisson GLM with month effects"


def test_step_month_must_fall_inside_the_series():
    series = _exact(24)
    trends.step_change(series, at="2014-05")  # the second month: allowed
    last = trends.step_change(series, at="2016-03")  # the last month: allowed
    assert last.details["months_after"] == 1
    for outside in ("2014-04", "2014-03", "2016-04"):
        with pytest.raises(ValueError, match=f"the step month {outside} must fall inside the series"):
            trends.step_change(series, at=outside)


# Mann-Kendall ---------------------------------------------------------------------------------


def _s(values) -> int:
    values = list(values)
    return sum(np.sign(values[j] - values[i]) for i in range(len(values)) for j in range(i + 1, len(values)))


def test_seasonal_mann_kendall_s_is_the_sum_over_calendar_months():
    rng = np.random.default_rng(5)
    counts = pd.Series(rng.poisson(_exact(36, annual_change=0.05).to_numpy()), index=_exact(36).index)
    result = trends.mann_kendall(counts)
    values = counts.to_numpy()
    # Each calendar month is compared only with the same month of other years.
    expected = sum(_s(values[k::12]) for k in range(12))
    assert result.details["s"] == expected
    assert result.test == "seasonal Mann-Kendall test" and result.measure == "Sen's slope, counts a year"
    assert math.isnan(result.ci_low) and math.isnan(result.ci_high)


def test_mann_kendall_with_exactly_24_months_is_seasonal_and_can_be_turned_off():
    series = _exact(24)
    assert trends.mann_kendall(series).test == "seasonal Mann-Kendall test"
    assert trends.mann_kendall(series.iloc[:23]).test == "Mann-Kendall test"
    plain = trends.mann_kendall(_exact(36), seasonal=False)
    assert plain.test == "Mann-Kendall test" and plain.details["s"] == _s(_exact(36).to_numpy())


# Rate ratio -----------------------------------------------------------------------------------


def test_rate_ratio_interval_is_the_wilson_interval_of_the_conditional_binomial():
    x1, t1, x2, t2 = 195, 31, 136, 30
    d = t1 / t2
    wilson = stats.binomtest(x1, x1 + x2).proportion_ci(method="wilson")
    result = trends.compare_periods(x1, x2, t1, t2)
    assert result.ci_low == pytest.approx(wilson.low / (1 - wilson.low) / d, rel=1e-6)
    assert result.ci_high == pytest.approx(wilson.high / (1 - wilson.high) / d, rel=1e-6)
    assert result.measure == "rate ratio" and result.test == "Poisson rate-ratio score test"
    assert result.details == {"change": 59, "pct_change": pytest.approx((195 / 136 - 1) * 100)}


def test_rate_ratio_with_nothing_before_is_infinite_not_an_error():
    result = trends.compare_periods(5, 0)
    assert result.estimate == math.inf and math.isnan(result.details["pct_change"])
    assert result.details["change"] == 5


def test_as_dict_flattens_details():
    result = trends.TestResult("t", "m", 1.5, 1.0, 2.0, 0.01, {"model": "x", "months": 3})
    assert result.as_dict() == {
        "test": "t",
        "measure": "m",
        "estimate": 1.5,
        "ci_low": 1.0,
        "ci_high": 2.0,
        "p_value": 0.01,
        "model": "x",
        "months": 3,
    }


# XmR ------------------------------------------------------------------------------------------


def test_xmr_points_on_the_centre_line_are_on_neither_side():
    chart = trends.xmr(pd.Series([1, 3, 2]))  # centre 2
    assert chart["above"].tolist() == [False, True, False]
    assert chart["run_above"].tolist() == [0, 1, 0] and chart["run_below"].tolist() == [1, 0, 0]
    assert trends.xmr_status(chart) == "at average"
    assert chart["value"].dtype == "float64"


def test_xmr_limits_are_not_crossed_by_a_point_on_them():
    # Centre 5, mean moving range 10: the lower limit is clipped to 0; a zero is not beyond it.
    chart = trends.xmr(pd.Series([0, 10, 0, 10]))
    assert chart["lower"].iloc[0] == 0 and not chart["beyond_lower"].any()
    assert trends.xmr_status(chart) == "above average"
    # A flat series: both limits sit on the centre line, and no point is beyond them.
    flat = trends.xmr(pd.Series([5, 5, 5, 5]))
    assert flat["upper"].iloc[0] == flat["lower"].iloc[0] == 5
    assert not flat["beyond_upper"].any() and not flat["beyond_lower"].any()
    assert not flat["signal_high"].any() and not flat["signal_low"].any()
    assert trends.xmr_status(flat) == "at average"


def test_xmr_signals_low_by_a_run_of_seven_and_by_a_point_below_the_limit():
    run = trends.xmr(pd.Series([9, 8, 9, 8, 9, 8, 5, 4, 6, 5, 4, 5, 5]))
    assert run["run_below"].iloc[-1] == 7 and not run["beyond_lower"].any()
    assert run["signal_low"].iloc[-1] and not run["signal_high"].any()
    assert trends.xmr_status(run) == "significantly below average"
    six = trends.xmr(pd.Series([9, 8, 9, 8, 9, 8, 9, 5, 4, 6, 5, 4, 5]))
    assert six["run_below"].iloc[-1] == 6 and not six["signal_low"].any()
    assert trends.xmr_status(six) == "below average"
    drop = trends.xmr(pd.Series([100, 101, 100, 99, 100, 101, 100, 60]))
    assert drop["beyond_lower"].iloc[-1] and drop["signal_low"].iloc[-1]
    assert drop["beyond_lower"].tolist()[:-1] == [False] * 7 and drop["signal_low"].tolist()[:-1] == [False] * 7
    assert trends.xmr_status(drop) == "significantly below average"


# False discovery rate ---------------------------------------------------------------------------


def test_false_discovery_at_another_rate_and_with_nothing_to_test():
    p = pd.Series([0.01, 0.04, 0.03, 0.20], index=list("abcd"))
    assert trends.false_discovery(p, rate=0.10)["flagged"].tolist() == [True, True, True, False]
    out = trends.false_discovery(p)
    assert list(out.columns) == ["p_value", "q_value", "flagged"] and out["p_value"].tolist() == p.tolist()
    assert out["flagged"].dtype == bool
    empty = trends.false_discovery(pd.Series([math.nan, math.nan], index=["x", "y"]))
    assert empty["flagged"].tolist() == [False, False] and empty["q_value"].isna().all()
