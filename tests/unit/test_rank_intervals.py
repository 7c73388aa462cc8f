"""assess.analysis.rank_intervals on simulated forces with known answers: the dispersion of
negative binomial counts recovered, the fitted counts and the Pearson statistic checked with
statsmodels, the draws checked with scipy, and rank intervals that overlap for forces of equal
rates, are narrow for a force far from the rest, and widen with overdispersion."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
import statsmodels.api as sm
from scipy import stats

from assess.analysis import rank_intervals

FORCES = [f"F{i:02d}" for i in range(43)]
GROUPS = ["Burglary", "Theft", "Violence"]


def _counts(alpha: float, seed: int = 1) -> pd.DataFrame:
    """43 forces × 3 offence groups × 2 years of negative binomial counts with dispersion
    ``alpha`` (variance mean + α × mean²), each group with its own national change."""
    rng = np.random.default_rng(seed)
    level = rng.uniform(500, 20_000, size=(len(FORCES), len(GROUPS)))
    change = {"2017-18": np.ones(len(GROUPS)), "2018-19": np.array([0.9, 1.05, 1.2])}
    rows = []
    for year, factor in change.items():
        mean = level * factor
        drawn = rank_intervals.draw_counts(mean, alpha, 1, rng)[0]
        for i, force in enumerate(FORCES):
            for j, group in enumerate(GROUPS):
                rows.append({"financial_year": year, "force": force, "offence_group": group, "count": drawn[i, j]})
    return pd.DataFrame(rows)


@pytest.mark.slow
def test_the_dispersion_of_simulated_counts_is_recovered():
    for alpha in (0.002, 0.01, 0.05):
        estimates = pd.concat([rank_intervals.dispersion(_counts(alpha, seed)) for seed in range(8)])
        assert estimates.mean() == pytest.approx(alpha, rel=0.25), alpha
    poisson = pd.concat([rank_intervals.dispersion(_counts(0.0, seed)) for seed in range(8)])
    assert poisson.max() < 0.0005  # a Poisson count gives no extra spread worth the name


def test_one_year_gives_no_estimate():
    counts = _counts(0.01)
    one = rank_intervals.dispersion(counts[counts["financial_year"] == "2018-19"])
    assert one.isna().all() and list(one.index) == GROUPS


def test_fitted_counts_and_the_pearson_statistic_agree_with_statsmodels():
    """The closed form of the fit is the Poisson GLM's (force and year terms within a group),
    and at the estimated α the negative binomial GLM's Pearson statistic equals its degrees of
    freedom (the GLM's means differ a little from the Poisson fit's, hence the tolerance)."""
    counts = _counts(0.02, seed=3)
    fitted = rank_intervals.fitted_counts(counts)
    alpha = rank_intervals.dispersion(counts)
    for group in GROUPS:
        rows = counts[counts["offence_group"] == group]
        design = sm.add_constant(
            pd.get_dummies(rows[["force", "financial_year"]], drop_first=True).astype(float), has_constant="add"
        )
        poisson = sm.GLM(rows["count"], design, family=sm.families.Poisson()).fit()
        assert poisson.fittedvalues.to_numpy() == pytest.approx(fitted[rows.index].to_numpy(), rel=1e-6)
        negative = sm.GLM(rows["count"], design, family=sm.families.NegativeBinomial(alpha=alpha[group])).fit()
        assert negative.pearson_chi2 / negative.df_resid == pytest.approx(1.0, abs=0.1)


def test_draws_have_the_negative_binomials_mean_variance_and_quantiles():
    rng = np.random.default_rng(7)
    mean, alpha = 400.0, 0.05
    drawn = rank_intervals.draw_counts(np.array([mean]), alpha, 200_000, rng)[:, 0]
    size = 1 / alpha
    reference = stats.nbinom(size, size / (size + mean))  # scipy's parameters: n, p
    assert reference.mean() == pytest.approx(mean) and reference.var() == pytest.approx(mean + alpha * mean**2)
    assert drawn.mean() == pytest.approx(mean, rel=0.005)
    assert drawn.var() == pytest.approx(reference.var(), rel=0.02)
    for q in (0.025, 0.5, 0.975):
        assert np.quantile(drawn, q) == pytest.approx(reference.ppf(q), abs=2)
    poisson = rank_intervals.draw_counts(np.array([mean, 0.0]), 0.0, 100_000, rng)
    assert poisson[:, 0].var() == pytest.approx(mean, rel=0.03) and not poisson[:, 1].any()


def test_ranks_of_every_draw_are_scipys():
    draws = np.array([[3.0, 1.0, 3.0, 2.0], [0.5, 4.0, 2.0, 2.0]])
    expected = np.vstack([stats.rankdata(-row, method="min") for row in draws])
    assert (rank_intervals.ranks_of(draws) == expected).all()


def _forces_with_rates(
    rates: dict[str, float], residents: int, alpha: float, draws: int = 4000, seed: int = 11
) -> pd.DataFrame:
    """Each force's crimes per 1,000 residents in every draw: ``residents`` each, counts drawn
    around the true rate with dispersion ``alpha``, all forces at once."""
    counts = pd.DataFrame(
        {"force": list(rates), "offence_group": "All", "count": [r * residents / 1000 for r in rates.values()]}
    )
    drawn = rank_intervals.simulate_year(
        counts, pd.Series({"All": 1.0}), pd.Series({"All": alpha}), draws, np.random.default_rng(seed)
    )
    return 1000 * drawn["crimes"] / residents


def test_equal_true_rates_overlap_and_a_force_far_from_the_rest_is_sure_of_its_rank():
    rates = {f"F{i:02d}": 50 + 0.5 * i for i in range(20)} | {"Twin A": 55.0, "Twin B": 55.0, "Far": 150.0}
    intervals = rank_intervals.rank_intervals(_forces_with_rates(rates, 200_000, 0.002), 0.95)
    a, b, far = intervals.loc["Twin A"], intervals.loc["Twin B"], intervals.loc["Far"]
    assert a["rank_low"] <= b["rank_high"] and b["rank_low"] <= a["rank_high"]  # they overlap
    assert a["rank_high"] - a["rank_low"] >= 2  # crowded among forces of near rates
    assert (far["rank_low"], far["rank_high"]) == (1, 1)
    assert a["low"] < 55 < a["high"] and far["low"] < 150 < far["high"]


def test_rank_intervals_widen_with_overdispersion():
    rates = {f"F{i:02d}": 50 + i for i in range(15)}
    narrow = rank_intervals.rank_intervals(_forces_with_rates(rates, 500_000, 0.0), 0.95)
    wide = rank_intervals.rank_intervals(_forces_with_rates(rates, 500_000, 0.01), 0.95)
    width = lambda t: (t["rank_high"] - t["rank_low"]).mean()  # noqa: E731
    assert width(wide) > width(narrow) + 2
    assert (narrow["rank_high"] - narrow["rank_low"]).max() <= 2  # Poisson counts of 25,000: near-exact ranks


def test_a_rank_move_is_called_only_beyond_the_noise_of_both_years():
    rates = {f"F{i:02d}": 50 + 2 * i for i in range(15)}
    before = _forces_with_rates(rates, 100_000, 0.005)
    same = rank_intervals.rank_moves(before, _forces_with_rates(rates, 100_000, 0.005, seed=12), 0.95)
    assert not same["moved"].any()  # nothing changed: both years drawn alike, independently
    assert (same["move_low"] <= 0).all() and (same["move_high"] >= 0).all()
    assert (same["move_high"] - same["move_low"]).max() >= 2  # the noise of both years is there
    risen = rank_intervals.rank_moves(before, _forces_with_rates(rates | {"F00": 200.0}, 100_000, 0.005, seed=12), 0.95)
    assert risen.at["F00", "moved"] and risen.at["F00", "move_high"] < 0  # from last place to rank 1
    assert risen.at["F00", "move_low"] == -14
    nudged = rank_intervals.rank_moves(before, _forces_with_rates(rates | {"F07": 65.0}, 100_000, 0.005, seed=12), 0.95)
    assert not nudged.at["F07", "moved"]  # 64 to 65 among forces 2 apart: within noise
