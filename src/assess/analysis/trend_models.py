"""Trend models for a monthly count series: one straight trend, one change in slope, or a smooth curve.

Every model is a log-linear Poisson GLM of the monthly counts with log(days in month) as offset
(so February is not low for being short) and month-of-year effects when the series has 24 or
more months. Counts vary more than Poisson allows and neighbouring months are alike, so:

* the model is chosen by quasi-AIC, QAIC = deviance / c + 2k, where c is the Pearson dispersion
  (chi-square / residual df) of the largest candidate, the smooth trend, floored at 1; k counts
  the coefficients, plus one for the change-point model because its change month is searched for;
* intervals and p-values use t with the residual degrees of freedom (quasi-likelihood), not z;
* when the Ljung-Box test finds autocorrelation in the Pearson residuals (p < 0.05), standard
  errors are heteroskedasticity-and-autocorrelation-consistent (HAC): the equal-weighted cosine
  estimator with its own t degrees of freedom (``ewc_cov``). In simulations of 60-month series
  it covered a slope better than Newey-West with ⌊n^(1/3)⌋+1 lags (about 89% against 88% at
  AR(1) 0.5). Its standard errors are never taken below the quasi-Poisson ones (with few
  df the estimator is noisy and can come out narrow by chance). The sandwich takes its
  variance from the residuals themselves, so it already includes overdispersion; it is not
  multiplied by the dispersion again.

The change month of the change-point model is treated as known once chosen, so its slopes'
intervals are somewhat too narrow. Slopes are annual % changes of the daily rate, net of season.

The GLMs are fitted by ``assess.analysis.poisson`` (numpy IRLS); the designs of a run of months
are built once and reused.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import numpy as np
import pandas as pd
import patsy
from scipy import stats

from . import poisson

ALPHA = 0.05
SEASON_MIN_MONTHS = 24
"""Month-of-year effects are fitted only with two full years or more."""
EDGE_MONTHS = 12
"""By default the change month is not searched for within this many months of either end
(``fit_trend``'s ``edge_months``; ``TrendFit`` reports the window searched)."""
SPLINE_DF = 4
"""Degrees of freedom of the smooth trend (natural cubic regression spline, patsy ``cr``)."""
MAX_LB_LAGS = 12
MODELS = ("linear", "hinge", "spline")


@dataclass(frozen=True, eq=False)
class TrendFit:
    """The chosen trend model of a monthly count series.

    ``model`` is "linear", "hinge" (one change in slope) or "spline" (smooth); ``change_month``
    (YYYY-MM) is the first month of the new slope for "hinge", else None. The change month was
    searched for from ``search_first`` to ``search_last`` (YYYY-MM; None when the series is too
    short for any), ``edge_months`` from either end; ``change_at_edge`` is True when the best change
    month (whichever model is chosen) is the first or last month searched, so a better one may lie
    outside the window. ``criteria`` maps each
    candidate to its QAIC (lower is better), computed with ``criterion_dispersion``. ``dispersion``
    is the chosen model's Pearson chi-square / residual df. ``ljung_box_p`` tests the chosen
    model's Pearson residuals for autocorrelation up to ``ljung_box_lags``. ``errors`` names the
    standard errors ("quasi-Poisson" or "HAC ..."). ``slopes`` has one row per segment
    (``segment, start, end, annual_pct, ci_low, ci_high, p_value``): the annual % change of the
    daily rate between ``start`` and ``end`` with its 95% t interval (for "spline", over the
    first and the last 12 months). ``fitted`` holds the fitted counts by month.
    """

    model: str
    change_month: str | None
    criteria: dict
    criterion_dispersion: float
    dispersion: float
    ljung_box_p: float
    ljung_box_lags: int
    errors: str
    df_resid: int
    months: int
    slopes: pd.DataFrame
    fitted: pd.Series
    edge_months: int = EDGE_MONTHS
    search_first: str | None = None
    search_last: str | None = None
    change_at_edge: bool = False


@dataclass(frozen=True)
class StepTest:
    """A level step at ``at`` inside the chosen trend model (its trend terms plus a step).

    ``rate_ratio`` is the daily rate from ``at`` on over what the trend and season predict, with
    its 95% t interval and p-value; ``months_after`` counts the months from ``at`` to the end.
    With few months after the step the test has little power, and a step near the end is hard
    to tell from a change in trend.
    """

    at: str
    rate_ratio: float
    ci_low: float
    ci_high: float
    p_value: float
    months_after: int
    model: str
    change_month: str | None
    errors: str
    df_resid: int


@dataclass(frozen=True)
class SenSlope:
    """Sen's slope of a monthly count series, in two named units.

    ``monthly_count_per_year``: change in ONE month's count per year (what Sen's slope on
    monthly data measures); ``annual_total_per_year``: the same × 12, the change in the
    12-month total per year. ``p_value`` is the Mann-Kendall test's (seasonal with 24+ months).
    """

    monthly_count_per_year: float
    annual_total_per_year: float
    p_value: float
    test: str


@dataclass(frozen=True)
class _Inference:
    params: np.ndarray
    covs: tuple
    """Covariance matrices; a contrast's standard error is the largest they give."""
    df: int
    errors: str
    dispersion: float
    ljung_box_p: float
    lags: int
    fitted: np.ndarray


@dataclass(frozen=True)
class _Designs:
    """Every design matrix of one run of months (built once, see ``_designs``)."""

    months: pd.PeriodIndex
    offset: np.ndarray
    base: np.ndarray
    trend: dict
    """model -> trend columns (n, q); "hinge" -> (K, n, 2), one per change position."""
    names: dict
    """model -> names of the trend columns."""
    positions: tuple


def _base_design(months: pd.PeriodIndex) -> pd.DataFrame:
    """Intercept and, with 24+ months, month-of-year dummies (first month of the series as reference)."""
    frame = pd.DataFrame({"const": 1.0}, index=months)
    if len(months) >= SEASON_MIN_MONTHS:
        order = sorted(set(months.month), key=lambda m: (m - months[0].month) % 12)
        moy = pd.Categorical(months.month, categories=order)
        frame = frame.join(pd.get_dummies(moy, prefix="m", drop_first=True, dtype=float).set_axis(months))
    return frame


def _spline_basis(n: int) -> np.ndarray:
    years = np.arange(n) / 12.0
    return np.asarray(patsy.dmatrix(f"cr(x, df={SPLINE_DF}, constraints='center') - 1", {"x": years}))


def _offset(months: pd.PeriodIndex) -> np.ndarray:
    return np.log(months.days_in_month.to_numpy(dtype=float))


@lru_cache(maxsize=32)
def _designs(first: pd.Period, n: int, edge: int = EDGE_MONTHS) -> _Designs:
    """The base, linear, spline and every hinge design of ``n`` months from ``first``, the hinge
    at every position at least ``edge`` months from either end."""
    months = pd.period_range(first, periods=n, freq="M")
    years = np.arange(n) / 12.0
    trend = {"linear": years[:, None]}
    names = {"linear": ["years"], "hinge": ["years", "hinge"]}
    if n >= SEASON_MIN_MONTHS:
        trend["spline"] = _spline_basis(n)
        names["spline"] = [f"s{i}" for i in range(SPLINE_DF)]
    positions = tuple(range(edge, n - edge))
    if positions:
        trend["hinge"] = np.stack([np.column_stack([years, np.maximum(0.0, years - years[c])]) for c in positions])
    for value in trend.values():
        value.setflags(write=False)
    return _Designs(months, _offset(months), _base_design(months).to_numpy(), trend, names, positions)


def _design(designs: _Designs, model: str, change: int | None) -> np.ndarray:
    """The full design (base and trend) of ``model``; ``change`` is the hinge's position."""
    trend = designs.trend[model]
    if model == "hinge":
        trend = trend[designs.positions.index(change)]
    return np.hstack([designs.base, trend])


def _candidates(y: np.ndarray, designs: _Designs) -> dict:
    """QAIC of each candidate model that the series is long enough for, and the best change position.

    Returns {"criteria": {model: QAIC}, "dispersion": c, "change": position or None}.
    """
    base = designs.base
    fits = {}  # model -> (deviance, coefficients counted, fitted, columns)
    change = None
    for model, trend in designs.trend.items():
        if model == "hinge":
            x = np.concatenate([np.broadcast_to(base, (len(trend), *base.shape)), trend], axis=2)
        else:
            x = np.hstack([base, trend])[None]
        _, mu = poisson.irls(y, x, designs.offset)
        dev = poisson.deviance(y, mu)
        best = int(np.argmin(dev))
        fits[model] = (dev[best], x.shape[2] + (model == "hinge"), mu[best], x.shape[2])
        if model == "hinge":
            change = designs.positions[best]
    largest = max(fits, key=lambda m: fits[m][3])
    _, _, mu_l, p_l = fits[largest]
    dispersion = max(1.0, float(((y - mu_l) ** 2 / mu_l).sum() / (len(y) - p_l)))
    criteria = {m: float(dev / dispersion + 2 * k) for m, (dev, k, _, _) in fits.items()}
    return {"criteria": criteria, "dispersion": dispersion, "change": change}


@lru_cache(maxsize=8)
def _cosines(n: int) -> tuple[np.ndarray, int]:
    nu = max(2, int(0.4 * n ** (2 / 3)))
    cosines = np.sqrt(2.0 / n) * np.cos(np.pi * np.arange(1, nu + 1)[:, None] * (np.arange(n) + 0.5)[None, :] / n)
    return cosines, nu


def forget_designs() -> None:
    """Empty the caches of design matrices and cosine transforms (arrays computed from a run of
    months, no data): the next fit computes them again. Tests call it before each test."""
    _designs.cache_clear()
    _cosines.cache_clear()


def ewc_cov(design: np.ndarray, y: np.ndarray, mu: np.ndarray) -> tuple[np.ndarray, int]:
    """Equal-weighted cosine (EWC) HAC covariance of Poisson GLM coefficients, and its t degrees of freedom.

    The long-run variance of the scores x_t (y_t − μ_t) is the average of the outer products of
    their first ν cosine transforms, ν = ⌊0.4 n^(2/3)⌋ (at least 2; 6 for 60 months), and t
    with ν df is exact for it (Lazarus, Lewis, Stock and Watson 2018, "HAR inference:
    recommendations for practice"). Returns (bread · n Ω · bread, ν).
    """
    n = len(y)
    cosines, nu = _cosines(n)
    transforms = cosines @ (design * (y - mu)[:, None])
    bread = np.linalg.inv(design.T @ (design * mu[:, None]))
    return bread @ (n * transforms.T @ transforms / nu) @ bread, nu


def _infer(y: np.ndarray, design: np.ndarray, offset: np.ndarray, errors: str, extra_df: int) -> _Inference:
    """Fit the Poisson GLM and pick the standard errors.

    ``errors``: "auto" (HAC when Ljung-Box p < 0.05, else quasi-Poisson), "hac" or "quasi".
    ``extra_df`` is subtracted from the residual df (one for a searched change month).
    """
    found = poisson.fit(y, design, offset)
    df = found.df_resid - extra_df
    lags = min(MAX_LB_LAGS, max(1, len(y) // 5))
    lb_p = poisson.ljung_box((y - found.mu) / np.sqrt(found.mu), lags)
    quasi = found.bread * found.dispersion
    if not (errors == "hac" or (errors == "auto" and lb_p < ALPHA)):
        return _Inference(found.beta, (quasi,), df, "quasi-Poisson", found.dispersion, lb_p, lags, found.mu)
    hac, nu = ewc_cov(design, y, found.mu)
    return _Inference(
        found.beta,
        (hac, quasi),
        min(df, nu),
        f"HAC (equal-weighted cosine, t with {nu} df), not below quasi-Poisson",
        found.dispersion,
        lb_p,
        lags,
        found.mu,
    )


def _contrast(inference: _Inference, vector: np.ndarray) -> tuple[float, float, float, float]:
    """Estimate, 95% t interval and two-sided p of the linear combination ``vector`` of the coefficients."""
    estimate = float(vector @ inference.params)
    se = max(float(np.sqrt(vector @ cov @ vector)) for cov in inference.covs)
    t = poisson.t_quantile(inference.df, ALPHA)
    p = float(2 * stats.t.sf(abs(estimate / se), inference.df))
    return estimate, estimate - t * se, estimate + t * se, p


def _segments(n: int, model: str, change: int | None) -> list[tuple[str, int, int]]:
    if model == "linear":
        return [("whole series", 0, n - 1)]
    if model == "hinge":
        return [("before change", 0, change), ("after change", change, n - 1)]
    return [("first 12 months", 0, 12), ("last 12 months", n - 13, n - 1)]


def _slopes(
    inference: _Inference, design: np.ndarray, trend_columns: int, months: pd.PeriodIndex, segments: list
) -> pd.DataFrame:
    """Annual % change of the trend between two positions, as a contrast of the trend columns."""
    rows = []
    for name, start, end in segments:
        vector = np.zeros(design.shape[1])
        vector[-trend_columns:] = (design[end, -trend_columns:] - design[start, -trend_columns:]) / (
            (end - start) / 12.0
        )
        estimate, low, high, p = _contrast(inference, vector)
        rows.append(
            {
                "segment": name,
                "start": str(months[start]),
                "end": str(months[end]),
                "annual_pct": 100 * np.expm1(estimate),
                "ci_low": 100 * np.expm1(low),
                "ci_high": 100 * np.expm1(high),
                "p_value": p,
            }
        )
    return pd.DataFrame(rows)


def _prepare(series: pd.Series, edge: int = EDGE_MONTHS) -> tuple[np.ndarray, _Designs]:
    counts = poisson.monthly(series)
    if len(counts) < 12:
        raise ValueError(f"a trend model needs 12 or more months; got {len(counts)}")
    if edge < 1:
        raise ValueError(f"the change month must be searched for at least 1 month from either end; got {edge}")
    return counts.to_numpy(), _designs(counts.index[0], len(counts), edge)


def fit_trend(
    series: pd.Series, models: tuple[str, ...] = MODELS, errors: str = "auto", edge_months: int = EDGE_MONTHS
) -> TrendFit:
    """Fit the candidate trend ``models`` to a monthly count series and keep the one with least QAIC.

    ``series``: counts indexed by month (``YYYY-MM`` text or monthly Periods), no gaps, 12+ months.
    ``errors``: "auto" (HAC when the residuals are autocorrelated), "hac" or "quasi".
    ``edge_months``: the change month of "hinge" is searched for at least this many months from
    either end (``TrendFit`` reports the window and whether the best month is at its edge).
    """
    y, designs = _prepare(series, edge_months)
    found = _candidates(y, designs)
    criteria = {m: q for m, q in found["criteria"].items() if m in models}
    if not criteria:
        raise ValueError(f"the series ({len(y)} months) is too short for the models {models}")
    model = min(criteria, key=criteria.get)
    change = found["change"] if model == "hinge" else None
    design = _design(designs, model, change)
    inference = _infer(y, design, designs.offset, errors, extra_df=int(model == "hinge"))
    months = designs.months
    slopes = _slopes(inference, design, len(designs.names[model]), months, _segments(len(y), model, change))
    window = designs.positions
    return TrendFit(
        model,
        None if change is None else str(months[change]),
        criteria,
        found["dispersion"],
        inference.dispersion,
        inference.ljung_box_p,
        inference.lags,
        inference.errors,
        inference.df,
        len(y),
        slopes,
        pd.Series(inference.fitted, index=months.astype(str), name="fitted"),
        edge_months,
        str(months[window[0]]) if window else None,
        str(months[window[-1]]) if window else None,
        found["change"] in (window[0], window[-1]) if window else False,
    )


def step_test(series: pd.Series, at: str, errors: str = "auto", chosen: TrendFit | None = None) -> StepTest:
    """Test a level step from month ``at`` (YYYY-MM) inside the trend model ``fit_trend`` chooses.

    The trend model (and its change month) is chosen on the series without a step (pass
    ``chosen``, the ``fit_trend`` result of the same series, to reuse it); the step is then added
    to that model's trend and season terms. See ``StepTest`` for what is returned.
    """
    chosen = chosen or fit_trend(series)  # the model chosen does not depend on the errors
    y, designs = _prepare(series, chosen.edge_months)
    months = designs.months
    step_at = pd.Period(at, freq="M")
    if not months[0] < step_at <= months[-1]:
        raise ValueError(f"the step month {at} must fall inside the series, after its first month")
    change = None if chosen.change_month is None else months.get_loc(pd.Period(chosen.change_month, "M"))
    step = months >= step_at
    design = np.column_stack([_design(designs, chosen.model, change), step])
    inference = _infer(y, design, designs.offset, errors, extra_df=int(chosen.model == "hinge"))
    vector = np.zeros(design.shape[1])
    vector[-1] = 1.0
    estimate, low, high, p = _contrast(inference, vector)
    return StepTest(
        at,
        float(np.exp(estimate)),
        float(np.exp(low)),
        float(np.exp(high)),
        p,
        int(step.sum()),
        chosen.model,
        chosen.change_month,
        inference.errors,
        inference.df,
    )


def _mann_kendall(columns: np.ndarray) -> tuple[float, float, list]:
    """S, var(S) (with ties) and the pairwise slopes of each column of ``columns`` (NaN = missing)."""
    s, var, slopes = 0.0, 0.0, []
    for column in columns.T:
        x = column[~np.isnan(column)]
        n = len(x)
        i, j = np.triu_indices(n, 1)
        diff = x[j] - x[i]
        s += np.sign(diff).sum()
        slopes.append(diff / (j - i))
        _, ties = np.unique(x, return_counts=True)
        var += (n * (n - 1) * (2 * n + 5) - (ties * (ties - 1) * (2 * ties + 5)).sum()) / 18
    return s, var, slopes


def sen_slope_per_year(series: pd.Series) -> SenSlope:
    """Sen's slope in both units (see ``SenSlope``) with the Mann-Kendall p-value.

    With 24 or more months: the seasonal test (Hirsch and Slack), comparing each month only with
    the same month of other years, and the median of those same-month slopes (a change a year).
    Otherwise the ordinary test, Sen's slope per month × 12. The p-value uses the normal
    approximation with continuity correction, as ``pymannkendall`` does.
    """
    counts = poisson.monthly(series).to_numpy()
    if len(counts) >= SEASON_MIN_MONTHS:
        padded = np.append(counts, np.full(-len(counts) % 12, np.nan)).reshape(-1, 12)
        s, var, slopes = _mann_kendall(padded)
        per_year, test = float(np.median(np.concatenate(slopes))), "seasonal Mann-Kendall"
    else:
        s, var, slopes = _mann_kendall(counts[:, None])
        per_year, test = 12 * float(np.median(slopes[0])), "Mann-Kendall"
    z = 0.0 if s == 0 else (s - np.sign(s)) / np.sqrt(var)
    return SenSlope(per_year, per_year * 12, float(2 * stats.norm.sf(abs(z))), test)
