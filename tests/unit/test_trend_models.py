"""Known-answer tests of assess.analysis.trend_models on SIMULATED series (fixed seeds)."""

import numpy as np
import pandas as pd
import patsy
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


def reference_design(months: pd.PeriodIndex, model: str, change: int | None = None) -> pd.DataFrame:
    """The design the module documents, built here independently: intercept, month-of-year
    indicators with 24+ months, and ``years`` (linear), ``years`` and ``hinge`` (slope change at
    position ``change``) or a natural cubic spline of years with 4 df (centred)."""
    design = pd.DataFrame({"const": 1.0}, index=months)
    if len(months) >= 24:
        design = design.join(pd.get_dummies(months.month, prefix="m", drop_first=True, dtype=float).set_axis(months))
    years = np.arange(len(months)) / 12.0
    if model == "linear":
        return design.assign(years=years)
    if model == "hinge":
        return design.assign(years=years, hinge=np.maximum(0.0, years - years[change]))
    spline = np.asarray(patsy.dmatrix("cr(x, df=4, constraints='center') - 1", {"x": years}))
    return design.join(pd.DataFrame(spline, index=months, columns=[f"s{i}" for i in range(4)]))


def offset(months: pd.PeriodIndex) -> np.ndarray:
    return np.log(months.days_in_month.to_numpy(dtype=float))


def test_irls_matches_statsmodels():
    series = simulate(v_shape(), seed=1)
    counts = poisson.monthly(series)
    design = reference_design(counts.index, "hinge", 20)
    fit = sm.GLM(counts.to_numpy(), design, family=sm.families.Poisson(), offset=offset(counts.index)).fit()
    beta, mu = poisson.irls(counts.to_numpy(), design.to_numpy()[None], offset(counts.index))
    assert np.allclose(beta[0], fit.params.to_numpy(), atol=1e-8)
    assert poisson.deviance(counts.to_numpy(), mu)[0] == pytest.approx(fit.deviance, rel=1e-9)


def test_quasi_interval_is_t_with_residual_df():
    series = simulate(np.log(3) + 0.05 * np.arange(48) / 12, seed=2)
    result = tm.fit_trend(series, models=("linear",), errors="quasi")
    counts = poisson.monthly(series)
    design = reference_design(counts.index, "linear")
    fit = sm.GLM(counts.to_numpy(), design, family=sm.families.Poisson(), offset=offset(counts.index)).fit(scale="X2")
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
    counts = poisson.monthly(series)
    design = reference_design(counts.index, "linear")
    design["step"] = (counts.index >= pd.Period(at, "M")).astype(float)
    model = sm.GLM(counts.to_numpy(), design, family=sm.families.Poisson(), offset=offset(counts.index))
    fit = model.fit()
    if fit.pearson_chi2 / fit.df_resid > 1.5:
        fit = model.fit(scale="X2")
    return float(fit.pvalues["step"])


@pytest.mark.slow
def test_step_false_positive_rate_near_nominal_when_trend_changes():
    """No step, a change in trend: the step 3 months before the end is tested inside the chosen model."""
    new = old = 0
    for seed in range(SEEDS):
        series = simulate(v_shape(), seed=100 + seed)
        new += tm.step_test(series, "2016-07").p_value < 0.05
        old += single_trend_step_p(series, "2016-07") < 0.05
    assert new / SEEDS <= 0.05 + 3 * BINOMIAL_SD
    assert old / SEEDS > 0.2 and old > new + 0.15 * SEEDS, "the single-trend step test is miscalibrated here"


@pytest.mark.slow
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


# Known answers from statsmodels for each candidate model and each field of the result -------------


def glm(series: pd.Series, model: str, change: int | None = None, step: str | None = None):
    """The model fitted by statsmodels (Pearson chi-square / df as the scale), with its design."""
    counts = poisson.monthly(series)
    design = reference_design(counts.index, model, change)
    if step:
        design["step"] = (counts.index >= pd.Period(step, "M")).astype(float)
    fit = sm.GLM(counts.to_numpy(), design, family=sm.families.Poisson(), offset=offset(counts.index)).fit(scale="X2")
    return fit, design


def contrast(fit, vector: np.ndarray, df: int) -> tuple[float, float, float, float]:
    """Annual % change, its 95% t interval (``df``) and two-sided p of the contrast ``vector``."""
    estimate = float(vector @ fit.params.to_numpy())
    se = float(np.sqrt(vector @ fit.cov_params().to_numpy() @ vector))
    t = stats.t.ppf(0.975, df)
    pct = [100 * np.expm1(x) for x in (estimate, estimate - t * se, estimate + t * se)]
    return (*pct, 2 * stats.t.sf(abs(estimate / se), df))


def straight() -> pd.Series:
    """36 months rising 10% a year, overdispersed (the smooth model's dispersion is about 1.4)."""
    return simulate(np.log(3) + 0.1 * np.arange(36) / 12, seed=3, size=300)


def test_quasi_aic_of_each_candidate_by_hand():
    series = straight()
    result = tm.fit_trend(series)
    spline, _ = glm(series, "spline")
    c = max(1.0, spline.pearson_chi2 / spline.df_resid)
    hinge = min(glm(series, "hinge", change)[0].deviance for change in range(12, 24))
    linear, _ = glm(series, "linear")
    # k: intercept, 11 months and the trend terms, plus one for the searched change month
    expected = {"linear": linear.deviance / c + 2 * 13, "hinge": hinge / c + 2 * 15, "spline": spline.deviance / c + 32}
    assert 1 < c < 2 and result.criterion_dispersion == pytest.approx(c)
    assert result.criteria == pytest.approx(expected)
    assert result.model == "linear" and result.change_month is None


def test_a_straight_trend_by_hand():
    series = straight()
    result = tm.fit_trend(series)
    fit, _ = glm(series, "linear")
    residuals = (series.to_numpy() - fit.mu) / np.sqrt(fit.mu)
    from statsmodels.stats.diagnostic import acorr_ljungbox

    assert (result.months, result.df_resid, result.ljung_box_lags) == (36, 23, 7)
    assert result.dispersion == pytest.approx(fit.scale)
    assert result.ljung_box_p == pytest.approx(acorr_ljungbox(residuals, lags=[7])["lb_pvalue"].iloc[0])
    assert result.ljung_box_p > 0.05 and result.errors == "quasi-Poisson"
    assert result.fitted.name == "fitted" and result.fitted.index.tolist() == series.index.tolist()
    assert result.fitted.to_numpy() == pytest.approx(fit.mu)
    vector = np.zeros(13)
    vector[-1] = 1.0
    assert result.slopes.to_dict("records") == [
        pytest.approx(
            dict(
                zip(
                    ["segment", "start", "end", "annual_pct", "ci_low", "ci_high", "p_value"],
                    ["whole series", "2012-04", "2015-03", *contrast(fit, vector, 23)],
                    strict=True,
                )
            )
        )
    ]


def test_a_change_in_slope_by_hand():
    """Falling 20% a year, then rising 45% a year from October 2014 (month 30 of 60)."""
    series = simulate(v_shape(60, turn=30) + np.log(4), seed=3, size=300)
    result = tm.fit_trend(series, errors="quasi")
    fit, _ = glm(series, "hinge", 30)
    assert result.model == "hinge" and result.change_month == "2014-10"
    assert result.df_resid == 60 - 14 - 1 and result.ljung_box_lags == 12 and result.errors == "quasi-Poisson"
    before, after = np.zeros(14), np.zeros(14)
    before[-2] = after[-2] = after[-1] = 1.0
    slopes = result.slopes
    assert slopes["segment"].tolist() == ["before change", "after change"]
    assert slopes["start"].tolist() == ["2012-04", "2014-10"] and slopes["end"].tolist() == ["2014-10", "2017-03"]
    columns = ["annual_pct", "ci_low", "ci_high", "p_value"]
    assert slopes.loc[0, columns].tolist() == pytest.approx(contrast(fit, before, 45))
    assert slopes.loc[1, columns].tolist() == pytest.approx(contrast(fit, after, 45))


def test_a_smooth_trend_by_hand():
    t = np.arange(48) / 12
    series = simulate(np.log(3) + 0.4 * np.sin(2 * np.pi * t / 3), seed=3, size=300)
    result = tm.fit_trend(series)
    fit, design = glm(series, "spline")
    assert result.model == "spline" and result.errors == "quasi-Poisson" and result.df_resid == 48 - 16
    slopes = result.slopes
    assert slopes["segment"].tolist() == ["first 12 months", "last 12 months"]
    assert slopes["start"].tolist() == ["2012-04", "2015-03"] and slopes["end"].tolist() == ["2013-04", "2016-03"]
    x = design.to_numpy()
    for row, (start, end) in enumerate([(0, 12), (35, 47)]):
        vector = np.zeros(16)
        vector[-4:] = (x[end, -4:] - x[start, -4:]) / ((end - start) / 12)
        assert slopes.loc[row, ["annual_pct", "ci_low", "ci_high", "p_value"]].tolist() == pytest.approx(
            contrast(fit, vector, 32)
        )


def test_autocorrelated_residuals_take_hac_errors_unless_told_otherwise():
    series = simulate(np.log(3) + 0.05 * np.arange(60) / 12, seed=501, size=0, rho=0.8, sd=0.15)
    auto = tm.fit_trend(series, models=("linear",))
    fit, design = glm(series, "linear")
    assert (
        auto.ljung_box_p < 0.05 and auto.errors == "HAC (equal-weighted cosine, t with 6 df), not below quasi-Poisson"
    )
    assert auto.df_resid == 6 and auto.dispersion == pytest.approx(fit.scale) and auto.ljung_box_lags == 12
    assert auto.fitted.to_numpy() == pytest.approx(fit.mu)
    hac, nu = tm.ewc_cov(design.to_numpy(), series.to_numpy(dtype=float), fit.mu)
    se = max(np.sqrt(hac[-1, -1]), fit.bse["years"])
    b, t = fit.params["years"], stats.t.ppf(0.975, 6)
    row = auto.slopes.iloc[0]
    assert nu == 6 and [row.ci_low, row.ci_high] == pytest.approx(
        [100 * np.expm1(b - t * se), 100 * np.expm1(b + t * se)]
    )
    assert row.p_value == pytest.approx(2 * stats.t.sf(abs(b / se), 6))
    quasi = tm.fit_trend(series, models=("linear",), errors="quasi")
    assert quasi.errors == "quasi-Poisson" and quasi.df_resid == 47 and quasi.ljung_box_p == auto.ljung_box_p
    assert tm.step_test(series, "2016-01").errors == auto.errors  # by default, as the residuals ask
    hac_always = tm.fit_trend(straight(), errors="hac")
    assert hac_always.errors.startswith("HAC") and tm.fit_trend(straight(), errors="auto").errors == "quasi-Poisson"


def test_step_by_hand_inside_a_straight_trend():
    series = straight()
    result = tm.step_test(series, "2014-10")
    fit, _ = glm(series, "linear", step="2014-10")
    b, se, t = fit.params["step"], fit.bse["step"], stats.t.ppf(0.975, 22)
    assert (result.at, result.months_after, result.model, result.change_month) == ("2014-10", 6, "linear", None)
    assert (result.errors, result.df_resid) == ("quasi-Poisson", 22)
    assert [result.rate_ratio, result.ci_low, result.ci_high] == pytest.approx(np.exp([b, b - t * se, b + t * se]))
    assert result.p_value == pytest.approx(2 * stats.t.sf(abs(b / se), 22))


def test_step_inside_a_change_of_slope_counts_the_searched_month():
    series = simulate(v_shape(60, turn=30) + np.log(4), seed=3, size=300)
    quasi = tm.step_test(series, "2016-10", errors="quasi")
    fit, _ = glm(series, "hinge", 30, step="2016-10")
    assert (quasi.model, quasi.change_month, quasi.df_resid) == ("hinge", "2014-10", 60 - 15 - 1)
    assert quasi.rate_ratio == pytest.approx(np.exp(fit.params["step"]))
    hac = tm.step_test(series, "2016-10", errors="hac")
    assert hac.errors.startswith("HAC") and hac.df_resid == 6


def test_step_month_must_fall_after_the_first_month_and_not_after_the_last():
    series = straight()
    assert tm.step_test(series, "2012-05").months_after == 35
    assert tm.step_test(series, "2015-03").months_after == 1
    for at in ("2012-04", "2015-04"):
        with pytest.raises(
            ValueError, match=f"^the step month {at} must fall inside the series, after its first month$"
        ):
            tm.step_test(series, at)


def test_the_shortest_series_a_trend_takes():
    series = straight()
    assert tm.fit_trend(series.iloc[:12]).model == "linear"
    # Month-of-year effects from 24 months on: 24 − (intercept, 11 months, slope) residual df.
    assert tm.fit_trend(series.iloc[:24], models=("linear",)).df_resid == 24 - 13
    assert tm.fit_trend(series.iloc[:23], models=("linear",)).df_resid == 23 - 2
    with pytest.raises(ValueError, match="^a trend model needs 12 or more months; got 11$"):
        tm.fit_trend(series.iloc[:11])
    with pytest.raises(ValueError, match=r"^the series \(12 months\) is too short for the models \('spline',\)$"):
        tm.fit_trend(series.iloc[:12], models=("spline",))


def test_mann_kendall_names_its_test_and_finds_nothing_in_a_flat_series():
    series = straight()
    assert tm.sen_slope_per_year(series.iloc[:24]).test == "seasonal Mann-Kendall"
    assert tm.sen_slope_per_year(series.iloc[:23]).test == "Mann-Kendall"
    flat = tm.sen_slope_per_year(pd.Series(50.0, index=series.index))
    assert (flat.monthly_count_per_year, flat.annual_total_per_year, flat.p_value) == (0.0, 0.0, 1.0)
