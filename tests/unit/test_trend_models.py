"""Known-answer tests of assess.analysis.trend_models on SIMULATED series (fixed seeds)."""

import numpy as np
import pandas as pd
import pytest
import statsmodels.api as sm
from scipy import stats

from assess.analysis import poisson
from assess.analysis import trend_models as tm

SEEDS = 200
BINOMIAL_SD = np.sqrt(0.05 * 0.95 / SEEDS)


def simulate(
    log_trend: np.ndarray, seed: int, start: str = "2012-04", size: float = 60.0, rho: float = 0.0, sd: float = 0.0
) -> pd.Series:
    """Negative binomial counts (shape ``size``) around exp(log_trend + season) a day × days,
    with optional AR(1) noise of marginal sd ``sd`` on the log scale."""
    rng = np.random.default_rng(seed)
    months = pd.period_range(start, periods=len(log_trend), freq="M")
    noise = np.zeros(len(months))
    noise[0] = rng.normal(0, sd)
    for i in range(1, len(months)):
        noise[i] = rho * noise[i - 1] + rng.normal(0, sd * np.sqrt(1 - rho**2))
    season = 0.15 * np.sin(2 * np.pi * months.month.to_numpy() / 12)
    mu = np.exp(log_trend + season + noise) * months.days_in_month.to_numpy()
    counts = rng.poisson(rng.gamma(size, mu / size)) if size else rng.poisson(mu)
    return pd.Series(counts, index=months.astype(str))


def v_shape(n: int = 54, turn: int = 22) -> np.ndarray:
    """Log daily rate falling 20% a year, then rising 45% a year from month ``turn``: no step."""
    years = np.arange(n) / 12
    return np.log(2.5) + np.log(0.8) * years + (np.log(1.45) - np.log(0.8)) * np.maximum(0, years - years[turn])


def test_irls_matches_statsmodels():
    series = simulate(v_shape(), seed=1)
    counts = tm.monthly_counts(series)
    design = tm._base_design(counts.index).join(tm._trend_design(counts.index, "hinge", 20))
    offset = tm._offset(counts.index)
    fit = sm.GLM(counts.to_numpy(), design, family=sm.families.Poisson(), offset=offset).fit()
    beta, mu = tm.poisson_irls(counts.to_numpy(), design.to_numpy()[None], offset)
    assert np.allclose(beta[0], fit.params.to_numpy(), atol=1e-8)
    assert tm.poisson_deviance(counts.to_numpy(), mu)[0] == pytest.approx(fit.deviance, rel=1e-9)


def test_quasi_interval_is_t_with_residual_df():
    series = simulate(np.log(3) + 0.05 * np.arange(48) / 12, seed=2)
    result = tm.fit_trend(series, models=("linear",), errors="quasi")
    counts = tm.monthly_counts(series)
    design = tm._base_design(counts.index).join(tm._trend_design(counts.index, "linear"))
    fit = sm.GLM(counts.to_numpy(), design, family=sm.families.Poisson(), offset=tm._offset(counts.index)).fit(
        scale="X2"
    )
    se, df = fit.bse["years"], int(fit.df_resid)
    low = fit.params["years"] - stats.t.ppf(0.975, df) * se
    row = result.slopes.iloc[0]
    assert result.df_resid == df and row.annual_pct == pytest.approx(100 * np.expm1(fit.params["years"]))
    assert row.ci_low == pytest.approx(100 * np.expm1(low))
    assert result.dispersion == pytest.approx(fit.scale)


def test_ewc_matches_direct_sum():
    rng = np.random.default_rng(4)
    design = np.column_stack([np.ones(30), np.arange(30) / 12])
    mu = np.full(30, 50.0)
    y = rng.poisson(mu).astype(float)
    cov, nu = tm.ewc_cov(design, y, mu)
    omega = np.zeros((2, 2))
    for j in range(1, nu + 1):
        lam = sum(np.sqrt(2 / 30) * np.cos(np.pi * j * (t + 0.5) / 30) * design[t] * (y[t] - mu[t]) for t in range(30))
        omega += np.outer(lam, lam) / nu
    bread = np.linalg.inv(design.T @ np.diag(mu) @ design)
    assert nu == 3 and np.allclose(cov, bread @ (30 * omega) @ bread)


def test_gaps_raise():
    series = simulate(np.full(30, np.log(3)), seed=3).drop("2013-01")
    with pytest.raises(ValueError, match="gaps"):
        tm.fit_trend(series)


def test_change_month_recovered_within_three_months():
    """About 300 a month, NB shape 60 (dispersion about 6)."""
    truth = pd.Period("2012-04", "M") + 26
    for seed in range(10):
        result = tm.fit_trend(simulate(v_shape(60, turn=26) + np.log(4), seed=seed), models=("hinge",))
        assert abs((pd.Period(result.change_month, "M") - truth).n) <= 3
        before, after = result.slopes["annual_pct"]
        assert before < 0 < after


def single_trend_step_p(series: pd.Series, at: str) -> float:
    """The book's earlier step test: one straight trend, month effects and a step, quasi-Poisson
    (when the dispersion exceeds 1.5) with z intervals."""
    counts = tm.monthly_counts(series)
    design = tm._base_design(counts.index).join(tm._trend_design(counts.index, "linear"))
    design["step"] = (counts.index >= pd.Period(at, "M")).astype(float)
    model = sm.GLM(counts.to_numpy(), design, family=sm.families.Poisson(), offset=tm._offset(counts.index))
    fit = model.fit()
    if fit.pearson_chi2 / fit.df_resid > 1.5:
        fit = model.fit(scale="X2")
    return float(fit.pvalues["step"])


def test_step_false_positive_rate_near_nominal_when_trend_changes():
    """No step, a change in trend: the step 3 months before the end is tested inside the chosen model."""
    new = old = 0
    for seed in range(SEEDS):
        series = simulate(v_shape(), seed=100 + seed)
        new += tm.step_test(series, "2016-07").p_value < 0.05
        old += single_trend_step_p(series, "2016-07") < 0.05
    assert new / SEEDS <= 0.05 + 3 * BINOMIAL_SD
    assert old / SEEDS > 0.2 and old > new + 0.15 * SEEDS, "the single-trend step test is miscalibrated here"


def test_robust_intervals_cover_slope_under_ar1_noise():
    slope = 0.05
    covered = {"hac": 0, "quasi": 0}
    for seed in range(SEEDS):
        series = simulate(np.log(3) + slope * np.arange(60) / 12, seed=500 + seed, size=0, rho=0.5, sd=0.1)
        for errors in covered:
            row = tm.fit_trend(series, models=("linear",), errors=errors).slopes.iloc[0]
            covered[errors] += row.ci_low <= 100 * np.expm1(slope) <= row.ci_high
    assert covered["hac"] / SEEDS >= 0.86  # 176 / 200 with these seeds

    assert covered["quasi"] / SEEDS <= covered["hac"] / SEEDS - 0.04


def test_step_is_found_inside_the_chosen_model():
    log_rate = v_shape()
    log_rate[-6:] += np.log(1.5)
    result = tm.step_test(simulate(log_rate, seed=7, size=0), "2016-04")
    assert result.model in ("hinge", "spline") and result.months_after == 6
    assert result.p_value < 0.05 and result.ci_low < 1.5 < result.ci_high


def test_sen_slope_units_match_hand_computed_seasonal_slope():
    series = simulate(np.log(3) + 0.1 * np.arange(36) / 12, seed=9)
    x = series.to_numpy(dtype=float)
    pairs = [(x[j] - x[i]) / ((j - i) // 12) for i in range(36) for j in range(i + 12, 36, 12)]
    result = tm.sen_slope_per_year(series)
    assert result.monthly_count_per_year == pytest.approx(np.median(pairs))
    assert result.annual_total_per_year == pytest.approx(12 * np.median(pairs))


def test_ljung_box_matches_statsmodels():
    from statsmodels.stats.diagnostic import acorr_ljungbox

    residuals = np.random.default_rng(11).normal(size=54).cumsum() * 0.1 + np.random.default_rng(12).normal(size=54)
    expected = acorr_ljungbox(residuals, lags=[10])["lb_pvalue"].iloc[0]
    assert poisson.ljung_box(residuals, 10) == pytest.approx(expected, rel=1e-9)


@pytest.mark.parametrize("months", [20, 50, 60])
def test_sen_slope_and_p_match_pymannkendall(months):
    import pymannkendall

    series = simulate(np.log(3) + 0.1 * np.arange(months) / 12, seed=months, size=20)
    x = series.to_numpy(dtype=float)
    result = tm.sen_slope_per_year(series)
    if months >= 24:
        reference, per_year = pymannkendall.seasonal_test(x, period=12), pymannkendall.seasonal_test(x).slope
    else:
        reference = pymannkendall.original_test(x)
        per_year = reference.slope * 12
    assert result.monthly_count_per_year == pytest.approx(per_year)
    assert result.p_value == pytest.approx(reference.p, rel=1e-9)
