"""A break in a monthly count series, tested honestly: the months searched are reported, the
p-value allows for the search, and models that the data cannot tell apart are called tied.

Every model is a log-linear Poisson GLM of the monthly counts with log(days in month) as offset
and month-of-year effects with 24 or more months (the designs of ``trend_models``), its variance
widened by a Pearson dispersion floored at 1 (quasi-Poisson).

* ``model_choice``: the candidates whose quasi-AIC is within ``TIE_MARGIN`` (2) of the least are
  tied (Burnham and Anderson's rule of thumb for "substantial support"): the data do not say
  which of them describes the series.
* ``search_break``: the sup-F test of Andrews (1993) for one break at an unknown month. For each
  month c of the window searched, F(c) = (D₀ − D₁(c)) / φ₁(c): the fall in deviance when the break
  at c is added to a straight trend, over the Pearson dispersion of that model. The statistic is
  the largest F(c) over the window, and its p-value comes from a **parametric bootstrap under the
  no-break model**: series are simulated from the straight trend's fitted counts with its
  quasi-Poisson variance (gamma-Poisson, variance φ₀μ) and searched over the same window, so the
  p-value allows for the search. The bootstrap is used rather than Andrews' asymptotic critical
  values because the series are short (three to five years), carry month effects and vary more
  than Poisson; his tables assume none of that. The simulated months are independent: when the
  residuals are autocorrelated the p-value is too small.
* ``event_test``: a known event tested both as a pulse (the rate differs for ``pulse_months``
  months and then returns) and as a level shift (it differs from then on), each added to a trend
  with no break, so the trend cannot absorb the level; the result says which fits better by
  quasi-AIC, or that they tie.

The default window leaves ``default_edge(n)`` months at either end: 15% of the series (Andrews'
trimming), at least ``MIN_EDGE_MONTHS``.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import pandas as pd
from scipy import stats

from . import poisson
from .trend_models import _base_design, _contrast, _infer, _offset, _spline_basis

TIE_MARGIN = 2.0
"""Candidates within this much quasi-AIC of the best are tied."""
TRIM = 0.15
"""Share of the series left unsearched at either end by default (Andrews 1993)."""
MIN_EDGE_MONTHS = 6
"""No break is sought closer than this to either end by default: a slope needs months to be seen."""
REPLICATES = 999
KINDS = ("slope", "level")
BOOTSTRAP = "parametric bootstrap under the no-break model (quasi-Poisson, gamma-Poisson draws)"


@dataclass(frozen=True)
class ModelChoice:
    """Which candidate models the data prefer. ``criteria``: model → quasi-AIC (lower is better);
    ``best``: the least; ``tied``: every model within ``margin`` of it, best first (the best alone
    when no other is that close); ``decisive``: True when nothing ties with the best; ``gap``:
    quasi-AIC of the runner-up less that of the best (NaN with one model)."""

    criteria: dict
    best: str
    tied: tuple[str, ...]
    decisive: bool
    gap: float
    margin: float


@dataclass(frozen=True)
class SearchWindow:
    """The months a break was searched for: ``first`` to ``last`` (YYYY-MM), ``months`` of them,
    ``edge_months`` left at either end of a series running ``series_first`` to ``series_last``;
    ``best`` is the month with the largest F and ``at_edge`` True when it is the first or last
    month searched (a better month may lie outside the window)."""

    first: str
    last: str
    months: int
    edge_months: int
    series_first: str
    series_last: str
    best: str
    at_edge: bool


@dataclass(frozen=True)
class BreakSearch:
    """One break at an unknown month, against a straight trend.

    ``kind``: "slope" (the trend changes slope from ``month``, continuous) or "level" (the level
    steps from ``month``). ``statistic``: sup-F, the largest F over the window; ``p_value``: its
    bootstrap p-value, which allows for the search ((1 + replicates at least as large) /
    (``replicates`` + 1)); ``pointwise_p``: the F-test p-value at ``month`` as if that month had
    been chosen in advance (too small: it ignores the search; shown for comparison only).
    ``profile``: F by month searched (YYYY-MM index). ``dispersion``: φ₀ of the no-break model the
    series were simulated from. ``method`` names the p-value's method.
    """

    kind: str
    month: str
    statistic: float
    p_value: float
    pointwise_p: float
    replicates: int
    dispersion: float
    window: SearchWindow
    profile: pd.Series
    method: str


@dataclass(frozen=True)
class Effect:
    """An event's effect as a rate ratio: the daily rate in the months affected over what the trend
    and season predict, with its 95% t interval and two-sided p; ``months``: months affected;
    ``errors``: the standard errors used (quasi-Poisson, or HAC when the model's residuals are
    autocorrelated, as in ``trend_models``)."""

    rate_ratio: float
    ci_low: float
    ci_high: float
    p_value: float
    months: int
    errors: str


@dataclass(frozen=True)
class EventTest:
    """A known event from month ``at`` (YYYY-MM), as a pulse and as a level shift.

    ``pulse``: the effect on the ``pulse_months`` months from ``at`` (then the rate returns to the
    trend); ``level``: the effect on every month from ``at`` on. Both are added to ``trend`` (a
    straight trend with season, "linear", or a smooth curve, "spline"). ``choice`` compares by
    quasi-AIC "no effect", "pulse" and "level shift" (one dispersion, from the model with both);
    ``fits`` is the best of them when it is decisive, else "tied" (``choice.tied`` says which).
    """

    at: str
    pulse_months: int
    trend: str
    pulse: Effect
    level: Effect
    choice: ModelChoice
    fits: str


def model_choice(criteria: dict, margin: float = TIE_MARGIN) -> ModelChoice:
    """``ModelChoice`` of candidates scored by quasi-AIC (``criteria``: model → QAIC), e.g.
    ``TrendFit.criteria``. Raises ValueError when there is no candidate."""
    if not criteria:
        raise ValueError("no candidate models to choose from")
    ranked = sorted(criteria, key=criteria.get)
    best = ranked[0]
    tied = tuple(m for m in ranked if criteria[m] - criteria[best] <= margin)
    gap = criteria[ranked[1]] - criteria[best] if len(ranked) > 1 else math.nan
    return ModelChoice(dict(criteria), best, tied, len(tied) == 1, float(gap), margin)


def default_edge(n: int) -> int:
    """Months left unsearched at either end of an ``n``-month series: ⌈``TRIM`` × n⌉, at least
    ``MIN_EDGE_MONTHS`` (6 for 36 months, 9 for 54)."""
    return max(MIN_EDGE_MONTHS, math.ceil(TRIM * n))


def _columns(n: int, kind: str, positions: np.ndarray) -> np.ndarray:
    """The break column at each position (K, n): max(0, years − years[c]) or 1{t ≥ c}."""
    t = np.arange(n)
    if kind == "slope":
        return np.maximum(0.0, (t[None, :] - positions[:, None]) / 12.0)
    return (t[None, :] >= positions[:, None]).astype(float)


CHUNK = 20
"""Simulated series fitted at once (memory: CHUNK × positions designs)."""


def _f_profiles(y: np.ndarray, null: np.ndarray, breaks: np.ndarray, offset: np.ndarray) -> np.ndarray:
    """F at every position (B, K) for each of B series ``y`` (B, n): the no-break model ``null``
    (n, p) against it plus each break column of ``breaks`` (K, n), fitted in one batch."""
    b, n = y.shape
    k = len(breaks)
    _, mu0 = poisson.irls(y, np.broadcast_to(null, (b, *null.shape)), offset)
    stacked = np.concatenate([np.broadcast_to(null, (b * k, *null.shape)), np.tile(breaks, (b, 1))[:, :, None]], axis=2)
    repeated = np.repeat(y, k, axis=0)
    _, mu1 = poisson.irls(repeated, stacked, offset)
    d0 = np.repeat(poisson.deviance(y, mu0), k)
    d1 = poisson.deviance(repeated, mu1)
    phi = np.maximum(1.0, ((repeated - mu1) ** 2 / mu1).sum(axis=1) / (n - stacked.shape[2]))
    return (np.maximum(0.0, d0 - d1) / phi).reshape(b, k)


def search_break(
    series: pd.Series,
    kind: str = "slope",
    edge_months: int | None = None,
    replicates: int = REPLICATES,
    seed: int = 0,
) -> BreakSearch:
    """Search ``series`` (monthly counts, YYYY-MM or Periods, no gaps) for one break of ``kind``
    ("slope" or "level") at least ``edge_months`` (default ``default_edge``) from either end, and
    test it with the bootstrapped sup-F (see the module docstring and ``BreakSearch``).
    ``replicates`` simulated series, drawn with ``seed``: the p-value's own Monte Carlo error is
    about √(p(1 − p) / replicates)."""
    if kind not in KINDS:
        raise ValueError(f"kind must be one of {KINDS}; got {kind!r}")
    counts = poisson.monthly(series)
    n = len(counts)
    edge = default_edge(n) if edge_months is None else edge_months
    positions = np.arange(max(1, edge), n - edge)
    if len(positions) == 0:
        raise ValueError(f"{n} months leave no month to search {edge} months from either end")
    months = counts.index
    offset = _offset(months)
    null = np.hstack([_base_design(months).to_numpy(), (np.arange(n) / 12.0)[:, None]])
    breaks = _columns(n, kind, positions)
    y = counts.to_numpy()
    f = _f_profiles(y[None], null, breaks, offset)[0]
    best = int(np.argmax(f))
    fitted0 = poisson.fit(y, null, offset)
    dispersion = max(1.0, fitted0.dispersion)
    draws = poisson.quasi_poisson_draws(np.tile(fitted0.mu, (replicates, 1)), dispersion, np.random.default_rng(seed))
    simulated = np.concatenate(
        [_f_profiles(draws[i : i + CHUNK], null, breaks, offset).max(axis=1) for i in range(0, replicates, CHUNK)]
    )
    statistic = float(f[best])
    p_value = (1 + int((simulated >= statistic).sum())) / (replicates + 1)
    pointwise = float(stats.f.sf(statistic, 1, n - null.shape[1] - 1))
    labels = months.astype(str)
    window = SearchWindow(
        str(labels[positions[0]]),
        str(labels[positions[-1]]),
        len(positions),
        edge,
        str(labels[0]),
        str(labels[-1]),
        str(labels[positions[best]]),
        best in (0, len(positions) - 1),
    )
    return BreakSearch(
        kind,
        str(labels[positions[best]]),
        statistic,
        p_value,
        pointwise,
        replicates,
        dispersion,
        window,
        pd.Series(f, index=labels[positions], name="F"),
        BOOTSTRAP,
    )


def _effect(y: np.ndarray, design: np.ndarray, offset: np.ndarray, errors: str) -> Effect:
    """The last column's coefficient of ``design`` as a rate ratio (see ``Effect``)."""
    inference = _infer(y, design, offset, errors, extra_df=0)
    vector = np.zeros(design.shape[1])
    vector[-1] = 1.0
    estimate, low, high, p = _contrast(inference, vector)
    months = int(design[:, -1].sum())
    return Effect(float(np.exp(estimate)), float(np.exp(low)), float(np.exp(high)), p, months, inference.errors)


def event_test(
    series: pd.Series, at: str, pulse_months: int = 1, trend: str = "linear", errors: str = "auto"
) -> EventTest:
    """Test a known event from month ``at`` (YYYY-MM) as a pulse of ``pulse_months`` months and as
    a level shift, each inside ``trend`` ("linear" or "spline", which needs 24+ months); see
    ``EventTest``. ``errors``: "auto" (HAC when the residuals are autocorrelated), "hac" or
    "quasi". Raises ValueError unless ``at`` is after the first month and at least one month
    follows the pulse (else a pulse and a level shift are the same)."""
    counts = poisson.monthly(series)
    months = counts.index
    n = len(counts)
    start = pd.Period(at, freq="M")
    if pulse_months < 1 or not months[0] < start or start + pulse_months > months[-1]:
        raise ValueError(
            f"a {pulse_months}-month pulse from {at} must start after the series' first month and end before its last"
        )
    years = np.arange(n) / 12.0
    if trend == "linear":
        trend_columns = years[:, None]
    elif trend == "spline" and n >= 24:
        trend_columns = _spline_basis(n)
    else:
        raise ValueError(f"trend must be 'linear', or 'spline' with 24+ months; got {trend!r} with {n} months")
    base = np.hstack([_base_design(months).to_numpy(), trend_columns])
    position = months.get_loc(start)
    pulse = ((np.arange(n) >= position) & (np.arange(n) < position + pulse_months)).astype(float)
    level = (np.arange(n) >= position).astype(float)
    designs = {
        "no effect": base,
        "pulse": np.column_stack([base, pulse]),
        "level shift": np.column_stack([base, level]),
    }
    both = np.column_stack([base, level, pulse])
    offset = _offset(months)
    y = counts.to_numpy()
    fitted_both = poisson.fit(y, both, offset)
    dispersion = max(1.0, fitted_both.dispersion)
    criteria = {}
    for name, design in designs.items():
        _, mu = poisson.irls(y, design[None], offset)
        criteria[name] = float(poisson.deviance(y, mu[0]) / dispersion + 2 * design.shape[1])
    choice = model_choice(criteria)
    return EventTest(
        str(start),
        pulse_months,
        trend,
        _effect(y, designs["pulse"], offset, errors),
        _effect(y, designs["level shift"], offset, errors),
        choice,
        choice.best if choice.decisive else "tied",
    )
