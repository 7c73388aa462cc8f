"""How sure a rank of all forces is: every force's counts simulated together, allowing
overdispersion, every force re-ranked in each draw.

A year's recorded crime varies from one year to the next by more than chance alone (a Poisson
count) would give: one incident can be several crimes, and recording practice moves. How much
more is estimated from the data, offence group by offence group (:func:`dispersion`): over the
years compared, each force's count in the group is set against what the force's usual level in
that group and the group's national change from year to year would give, and the negative
binomial's dispersion α (the variance of a count is mean + α × mean²: a count of a few varies
as chance gives, a large count by about √α of itself) is the one for which the Pearson
statistic equals its degrees of freedom. Each force's count in each group is then drawn with the
count seen as its mean (:func:`draw_counts`), for all forces at once, and crimes and harm are
summed from the drawn groups, so that a force's crimes, harm and harm per crime move together.
Denominators (residents, officers) are taken as exact. Ranks: 1 is the highest value; ties share
the best rank.

Every function returns numbers; none writes prose.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from scipy import optimize

DRAWS = 4000
"""Draws of every force's counts (enough for the 2.5% and 97.5% points of a rank to be stable to
one place)."""
SEED = 20190930
"""The simulation's seed: the same data give the same intervals in every build."""


def fitted_counts(counts: pd.DataFrame) -> pd.Series:
    """The counts a model with a level for each force in each group and a national change for
    each group from year to year expects (the maximum-likelihood fit of the log-linear model
    ``force × group + group × year``: ``n(force, group) × n(group, year) / n(group)``).

    ``counts``: ``financial_year``, ``force``, ``offence_group``, ``count``. Returns the fitted
    count of each row, in the order of ``counts``."""
    by_force = counts.groupby(["force", "offence_group"])["count"].transform("sum")
    by_year = counts.groupby(["financial_year", "offence_group"])["count"].transform("sum")
    by_group = counts.groupby("offence_group")["count"].transform("sum")
    return (by_force * by_year / by_group.where(by_group > 0)).fillna(0.0)


def dispersion(counts: pd.DataFrame) -> pd.Series:
    """The negative binomial dispersion α of each offence group of ``counts`` (``financial_year``,
    ``force``, ``offence_group``, ``count``, one row per force, group and year; every force and
    group in every year): the α ≥ 0 at which Pearson's statistic Σ (count − fitted)² / (fitted +
    α × fitted²) about :func:`fitted_counts` equals its degrees of freedom, (forces − 1) × (years
    − 1). α = 0 (a Poisson count) when the counts vary no more than chance gives. Returns a
    Series indexed by offence group (NaN for every group when there is a single year: no degree
    of freedom)."""
    fitted = fitted_counts(counts)
    df = (counts["force"].nunique() - 1) * (counts["financial_year"].nunique() - 1)
    out = {}
    for group, rows in counts.assign(fitted=fitted).groupby("offence_group"):
        seen = rows[rows["fitted"] > 0]
        mean, square = (
            seen["fitted"].to_numpy(dtype=float),
            ((seen["count"] - seen["fitted"]) ** 2).to_numpy(dtype=float),
        )

        def excess(alpha: float, mean=mean, square=square) -> float:
            return float((square / (mean + alpha * mean**2)).sum()) - df

        if df == 0:
            out[group] = float("nan")
        elif len(seen) == 0 or excess(0.0) <= 0:
            out[group] = 0.0
        else:
            high = 1.0
            while excess(high) > 0:
                high *= 10
            out[group] = float(optimize.brentq(excess, 0.0, high, xtol=1e-12))
    return pd.Series(out, name="alpha", dtype=float)


def draw_counts(mean: np.ndarray, alpha: np.ndarray | float, draws: int, rng: np.random.Generator) -> np.ndarray:
    """``draws`` draws of counts with the given ``mean`` (any shape) and variance mean + α ×
    mean² (``alpha`` broadcast against ``mean``: one per column, say): a negative binomial drawn
    as a Poisson count whose mean is gamma-distributed (shape 1 / α, scale α × mean), a Poisson
    count where α is 0. A mean of 0 (or below) gives 0. Returns an array of shape (draws,
    *mean.shape)."""
    mean = np.clip(np.asarray(mean, dtype=float), 0.0, None)
    alpha = np.broadcast_to(np.asarray(alpha, dtype=float), mean.shape)
    shape = (draws, *mean.shape)
    mixed = alpha > 0
    rates = np.broadcast_to(mean, shape).copy()
    if mixed.any():
        gamma = rng.gamma(
            np.where(mixed, 1 / np.where(mixed, alpha, 1.0), 1.0), np.where(mixed, alpha * mean, 0.0), shape
        )
        rates = np.where(mixed, gamma, rates)
    return rng.poisson(rates).astype(float)


def ranks_of(draws: np.ndarray) -> np.ndarray:
    """The rank of each column in each row of ``draws`` (draws × forces): 1 + how many forces
    have a higher value in that draw (ties share the best rank)."""
    return 1 + (draws[:, None, :] > draws[:, :, None]).sum(axis=2)


def interval(values: np.ndarray, level: float) -> tuple[np.ndarray, np.ndarray]:
    """The central ``level`` interval (0.95: from the 2.5% to the 97.5% point) of each column of
    ``values`` (draws × forces), its ends values that occur among the draws ("lower" and
    "higher" points), so an interval of ranks is of whole ranks."""
    tail = (1 - level) / 2
    return (
        np.quantile(values, tail, axis=0, method="lower"),
        np.quantile(values, 1 - tail, axis=0, method="higher"),
    )


def simulate_year(
    counts: pd.DataFrame, weights: pd.Series, alpha: pd.Series, draws: int, rng: np.random.Generator
) -> dict[str, pd.DataFrame]:
    """One year's recorded crimes and harm of every force, drawn together: ``counts``
    (``force``, ``offence_group``, ``count``), ``weights`` (days of harm per crime of each group;
    a group without one adds crimes and no harm) and ``alpha`` (each group's dispersion,
    :func:`dispersion`; a group without one is drawn as a Poisson count). Returns ``crimes`` and
    ``harm`` (frames of draws × forces, columns the forces in name order)."""
    table = counts.pivot_table(index="force", columns="offence_group", values="count", aggfunc="sum", fill_value=0)
    spread = alpha.reindex(table.columns).fillna(0.0).to_numpy(dtype=float)
    drawn = draw_counts(table.to_numpy(dtype=float), spread, draws, rng)
    weight = weights.reindex(table.columns).fillna(0.0).to_numpy(dtype=float)
    return {
        "crimes": pd.DataFrame(drawn.sum(axis=2), columns=table.index),
        "harm": pd.DataFrame(drawn @ weight, columns=table.index),
    }


def rank_intervals(draws: pd.DataFrame, level: float) -> pd.DataFrame:
    """Every force's ``low`` and ``high`` (the ``level`` interval of its value among ``draws``,
    a frame of draws × forces) and ``rank_low`` and ``rank_high`` (the interval of its rank of
    all forces, re-ranked in every draw; 1 the highest), indexed by force."""
    values = draws.to_numpy(dtype=float)
    low, high = interval(values, level)
    rank_low, rank_high = interval(ranks_of(values), level)
    return pd.DataFrame(
        {"low": low, "high": high, "rank_low": rank_low.astype(int), "rank_high": rank_high.astype(int)},
        index=draws.columns,
    )


def rank_moves(before: pd.DataFrame, after: pd.DataFrame, level: float) -> pd.DataFrame:
    """How each force's rank moved between two years simulated together (``before`` and
    ``after``: draws × forces of one measure, the same forces): ``move_low`` and ``move_high``,
    the ``level`` interval of (rank after − rank before) over the draws (negative: a higher
    place, nearer rank 1), and ``moved``, True when the interval leaves out 0 (the rank moved by
    more than the noise of both years' counts), indexed by force."""
    moves = ranks_of(after[before.columns].to_numpy(dtype=float)) - ranks_of(before.to_numpy(dtype=float))
    low, high = interval(moves, level)
    return pd.DataFrame(
        {"move_low": low.astype(int), "move_high": high.astype(int), "moved": (low > 0) | (high < 0)},
        index=before.columns,
    )
