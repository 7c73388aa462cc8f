"""Known-answer tests of assess.analysis.change_points and the search window of trend_models, on
SIMULATED series (fixed seeds) and hand-worked criteria."""

import numpy as np
import pandas as pd
import pytest
import statsmodels.api as sm
from scipy import stats

from assess.analysis import change_points as cp
from assess.analysis import poisson
from assess.analysis import trend_models as tm


def simulate(log_rate: np.ndarray, seed: int, start: str = "2015-04", size: float = 0.0) -> pd.Series:
    """Counts around exp(log_rate + season) a day × days: Poisson, or negative binomial of shape
    ``size`` (variance μ + μ²/size) when ``size`` is given."""
    rng = np.random.default_rng(seed)
    months = pd.period_range(start, periods=len(log_rate), freq="M")
    season = 0.15 * np.sin(2 * np.pi * months.month.to_numpy() / 12)
    mu = np.exp(log_rate + season) * months.days_in_month.to_numpy()
    counts = rng.poisson(rng.gamma(size, mu / size)) if size else rng.poisson(mu)
    return pd.Series(counts, index=months.astype(str))


def hinge(n: int, at: int, before: float = 0.3, after: float = -0.4, level: float = np.log(5)) -> np.ndarray:
    """Log daily rate changing by ``before`` a year, then by ``after`` a year from position ``at``."""
    years = np.arange(n) / 12
    return level + before * years + (after - before) * np.maximum(0, years - years[at])


# Ties between models ------------------------------------------------------------------------------


def test_models_within_two_are_tied_hand_worked():
    close = cp.model_choice({"spline": 51.8, "linear": 88.1, "hinge": 51.0})
    assert close.best == "hinge" and close.tied == ("hinge", "spline") and not close.decisive
    assert close.gap == pytest.approx(0.8)
    clear = cp.model_choice({"a": 10.0, "b": 12.5, "c": 30.0})
    assert clear.tied == ("a",) and clear.decisive and clear.gap == pytest.approx(2.5)
    boundary = cp.model_choice({"a": 10.0, "b": 12.0})
    assert boundary.tied == ("a", "b"), "a gap of exactly 2 is a tie"
    single = cp.model_choice({"a": 1.0})
    assert single.decisive and np.isnan(single.gap)
    with pytest.raises(ValueError, match="no candidate"):
        cp.model_choice({})


def test_default_edge_is_fifteen_percent_at_least_six():
    assert [cp.default_edge(n) for n in (20, 36, 40, 54, 60)] == [6, 6, 6, 9, 9]


# The window searched --------------------------------------------------------------------------------


def test_fit_trend_reports_window_and_a_best_month_at_its_edge():
    """A slope change 8 months before the end of 36: the default window (12 months from either
    end) stops before it, and the result says so; a 6-month edge finds it."""
    series = simulate(hinge(36, 28, 0.4, -0.8), seed=3)
    cut = tm.fit_trend(series, models=("hinge",))
    assert (cut.search_first, cut.search_last, cut.edge_months) == ("2016-04", "2017-03", 12)
    assert cut.change_month == "2017-03" and cut.change_at_edge
    wide = tm.fit_trend(series, models=("hinge",), edge_months=6)
    assert (wide.search_first, wide.search_last) == ("2015-10", "2017-09")
    assert abs((pd.Period(wide.change_month, "M") - pd.Period("2017-08", "M")).n) <= 1
    assert not wide.change_at_edge
    # a step test reuses the chosen model's own window
    assert tm.step_test(series, "2016-07", chosen=wide).change_month == wide.change_month
    with pytest.raises(ValueError, match="at least 1 month"):
        tm.fit_trend(series, edge_months=0)


def test_fit_trend_too_short_for_a_hinge_has_no_window():
    series = simulate(np.full(20, np.log(5)), seed=1)
    fit = tm.fit_trend(series, models=("linear",))
    assert fit.search_first is None and fit.search_last is None and not fit.change_at_edge


# sup-F with a bootstrap p-value ----------------------------------------------------------------------


def test_statistic_is_the_largest_quasi_f_computed_by_statsmodels():
    series = simulate(hinge(36, 26), seed=5, size=40)
    found = cp.search_break(series, "slope", edge_months=8, replicates=19)
    counts = poisson.monthly(series)
    months = counts.index
    base = pd.get_dummies(months.month, drop_first=True, dtype=float).set_axis(months)
    base.insert(0, "const", 1.0)
    base["years"] = np.arange(36) / 12
    exposure = np.log(months.days_in_month.to_numpy(dtype=float))
    null = sm.GLM(counts.to_numpy(), base, family=sm.families.Poisson(), offset=exposure).fit()
    expected = {}
    for c in range(8, 28):
        design = base.assign(hinge=np.maximum(0, base["years"] - base["years"].iloc[c]))
        alt = sm.GLM(counts.to_numpy(), design, family=sm.families.Poisson(), offset=exposure).fit()
        expected[str(months[c])] = (null.deviance - alt.deviance) / max(1.0, alt.pearson_chi2 / alt.df_resid)
    assert found.profile.to_dict() == pytest.approx(expected, rel=1e-7)
    assert found.statistic == pytest.approx(max(expected.values()))
    assert found.month == max(expected, key=expected.get) == found.window.best
    assert (found.window.first, found.window.last, found.window.months) == ("2015-12", "2017-07", 20)
    assert found.dispersion == pytest.approx(max(1.0, null.pearson_chi2 / null.df_resid))
    assert found.replicates == 19 and found.p_value in {k / 20 for k in range(1, 21)}


@pytest.mark.slow
def test_break_near_the_end_is_found_and_beyond_chance():
    """Overdispersed counts (negative binomial, shape 30) rising 30% a year, then falling 40% a
    year from 10 months before the end of 48."""
    truth = pd.Period("2015-04", "M") + 38
    near = small = 0
    for seed in range(10):
        found = cp.search_break(simulate(hinge(48, 38), seed=seed, size=30), "slope", replicates=99, seed=seed)
        near += abs((pd.Period(found.month, "M") - truth).n) <= 3
        small += found.p_value < 0.05
    assert near >= 8 and small >= 9


def test_level_step_is_found():
    log_rate = np.full(40, np.log(5)) + 0.05 * np.arange(40) / 12
    log_rate[30:] += np.log(1.4)
    found = cp.search_break(simulate(log_rate, seed=2, size=50), "level", replicates=99)
    assert found.kind == "level" and found.month == "2017-10" and found.p_value <= 0.02


@pytest.mark.slow
def test_search_allowed_for_size_near_nominal_without_a_break():
    """Straight trend, overdispersed, no break: the bootstrap p-value rejects about 5% of series;
    the pointwise p-value at the month found, which ignores the search, rejects far more."""
    boot = pointwise = 0
    for seed in range(40):
        series = simulate(np.log(4) + 0.1 * np.arange(36) / 12, seed=1000 + seed, size=20)
        found = cp.search_break(series, "slope", replicates=49, seed=seed)
        boot += found.p_value < 0.05
        pointwise += found.pointwise_p < 0.05
    assert boot <= 6  # binomial(40, 0.05): P(7 or more) = 0.003
    assert pointwise >= boot + 5  # 10 against 1 with these seeds


def test_bootstrap_draws_have_the_quasi_poisson_variance():
    rng = np.random.default_rng(0)
    mu = np.tile([5.0, 50.0, 200.0, 0.0], (40_000, 1))
    draws = poisson.quasi_poisson_draws(mu, 3.0, rng)
    assert draws.mean(axis=0) == pytest.approx(mu[0], rel=0.02, abs=1e-9)
    assert draws.var(axis=0) == pytest.approx(3.0 * mu[0], rel=0.05, abs=1e-9)
    plain = poisson.quasi_poisson_draws(mu, 1.0, rng)
    assert plain.var(axis=0) == pytest.approx(mu[0], rel=0.05, abs=1e-9)


def test_search_refuses_bad_arguments():
    series = simulate(np.full(14, np.log(5)), seed=1)
    with pytest.raises(ValueError, match="no month to search"):
        cp.search_break(series, edge_months=7)
    with pytest.raises(ValueError, match="kind"):
        cp.search_break(series, kind="pulse")


# A known event: pulse or level shift ---------------------------------------------------------------------


def test_one_month_pulse_is_told_from_a_level_shift():
    log_rate = np.log(5) + 0.1 * np.arange(48) / 12
    log_rate[15] += np.log(1.6)
    wins = covered = 0
    for seed in range(10):
        found = cp.event_test(simulate(log_rate, seed=seed, size=200), "2016-07", pulse_months=1)
        wins += found.fits == "pulse"
        covered += found.pulse.ci_low < 1.6 < found.pulse.ci_high
        assert found.pulse.months == 1
    assert wins >= 8 and covered >= 8


def test_level_shift_is_told_from_a_pulse():
    log_rate = np.log(5) + 0.1 * np.arange(48) / 12
    log_rate[15:] += np.log(1.3)
    wins = covered = 0
    for seed in range(10):
        found = cp.event_test(simulate(log_rate, seed=seed, size=200), "2016-07", pulse_months=2)
        wins += found.fits == "level shift"
        covered += found.level.ci_low < 1.3 < found.level.ci_high
        assert found.level.months == 33 and found.pulse.months == 2
    assert wins >= 8 and covered >= 8


def test_event_effect_matches_statsmodels_and_criteria_share_one_dispersion():
    series = simulate(np.log(5) + 0.1 * np.arange(36) / 12, seed=4, size=30)
    found = cp.event_test(series, "2016-07", pulse_months=3, errors="quasi")
    counts = poisson.monthly(series)
    months = counts.index
    design = pd.get_dummies(months.month, drop_first=True, dtype=float).set_axis(months)
    design.insert(0, "const", 1.0)
    design["years"] = np.arange(36) / 12
    exposure = np.log(months.days_in_month.to_numpy(dtype=float))
    pulse = design.assign(pulse=((np.arange(36) >= 15) & (np.arange(36) < 18)).astype(float))
    fit = sm.GLM(counts.to_numpy(), pulse, family=sm.families.Poisson(), offset=exposure).fit(scale="X2")
    se = fit.bse["pulse"]  # quasi-Poisson: the Pearson scale, not floored
    assert found.pulse.rate_ratio == pytest.approx(np.exp(fit.params["pulse"]))
    t = stats.t.ppf(0.975, fit.df_resid)
    assert found.pulse.ci_high == pytest.approx(np.exp(fit.params["pulse"] + t * se))
    assert found.pulse.errors == "quasi-Poisson" and found.trend == "linear"
    level = (np.arange(36) >= 15).astype(float)
    both = pulse.assign(level=level)
    full = sm.GLM(counts.to_numpy(), both, family=sm.families.Poisson(), offset=exposure).fit()
    phi = max(1.0, full.pearson_chi2 / full.df_resid)
    none = sm.GLM(counts.to_numpy(), design, family=sm.families.Poisson(), offset=exposure).fit()
    assert found.choice.criteria["no effect"] == pytest.approx(none.deviance / phi + 2 * 13)


def test_event_inside_a_smooth_trend_and_bad_events():
    series = simulate(np.log(5) + 0.1 * np.arange(36) / 12, seed=4, size=30)
    assert cp.event_test(series, "2016-07", trend="spline").trend == "spline"
    with pytest.raises(ValueError, match="trend"):
        cp.event_test(series.iloc[:20], "2016-01", trend="spline")
    with pytest.raises(ValueError, match="end before its last"):
        cp.event_test(series, "2018-01", pulse_months=3)  # the pulse would run to the end
    with pytest.raises(ValueError, match="after the series' first month"):
        cp.event_test(series, "2015-04")
