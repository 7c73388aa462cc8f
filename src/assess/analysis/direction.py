"""Which way a monthly crime series went: the one method behind every "higher" or "lower" the
book prints about a crime type.

For each series (a force's monthly counts of one crime type):

1. **Change.** The daily rate of the latest 12 months against that of the same months a year
   before, as the Office for National Statistics and the Home Office compare recorded crime:
   R = (N₁/D₁) / (N₀/D₀), counts N over days D. A series of fewer than 24 months (but at least
   ``MIN_MONTHS``) compares its months after the first year with the same months a year before
   (a year to date against the year before's). Both windows hold the same months of the year,
   so the time of year is the same on both sides.
2. **Uncertainty.** Monthly counts vary more than Poisson allows. The dispersion φ is the Pearson
   chi-square over its degrees of freedom of a Poisson regression of the *whole* series with
   month-of-year effects and a smooth trend (a natural cubic regression spline of time, one
   degree of freedom a year, at least two), days in the month as exposure, floored at 1
   (quasi-Poisson). A within-year trend is in that model, so it does not inflate φ. Under it
   var(log R) = φ (1/N₁ + 1/N₀); the test and interval use Student's t with the model's residual
   degrees of freedom.
3. **Many series at once.** Across every series of the edition, p-values are adjusted by
   Benjamini and Hochberg; a series is called higher or lower only when its q-value is below the
   edition's significance level, and its interval is the false-coverage-rate adjusted one
   (Benjamini and Yekutieli), so an interval excludes no change exactly when the verdict is
   higher or lower. Anything else is "not distinguishable from chance", never "no change".
4. **A second check.** The seasonal Mann-Kendall test over the whole series (Sen's slope),
   Benjamini-Hochberg adjusted the same way. Where it finds a trend beyond chance in the
   opposite direction to a higher or lower verdict, the direction is "not settled".
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import patsy
from scipy import stats
from statsmodels.stats.multitest import multipletests

from . import poisson, trend_models

WINDOW_MONTHS = 12
"""Months in each of the two windows compared: a year against the year before."""
MIN_WINDOW_MONTHS = 6
"""The fewest months a window may hold: a shorter series than two years compares its months after
the first year (at least these many) with the same months a year before."""
MIN_MONTHS = WINDOW_MONTHS + MIN_WINDOW_MONTHS
"""Months a series needs for a comparison."""
SEASON_MONTHS = 2 * WINDOW_MONTHS
"""Months from which the dispersion's model has month-of-year effects (two full years)."""

HIGHER, LOWER = "higher", "lower"
CHANCE = "not distinguishable from chance"
UNSETTLED = "not settled"
UNCOMPARED = "not compared"
VERDICTS = (HIGHER, LOWER, CHANCE, UNSETTLED, UNCOMPARED)
"""Every verdict a series can get: beyond chance up or down; within what chance gives; the year
comparison and the long-run check point opposite ways; too few months to compare."""

RISING, FALLING, NO_TREND = "rising", "falling", "no trend beyond chance"
"""What the second check (seasonal Mann-Kendall, adjusted across series) finds."""


def spline_df(months: int) -> int:
    """Degrees of freedom of the smooth trend for a series of ``months`` months: one a year, at least two."""
    return max(2, round(months / 12))


def dispersion(series: pd.Series) -> tuple[float, int]:
    """The quasi-Poisson dispersion of a monthly count series (floored at 1) and its residual
    degrees of freedom, under month-of-year effects (with ``SEASON_MONTHS`` or more) and a smooth trend,
    days in the month as exposure. ``series``: counts indexed by month, no gaps."""
    counts = poisson.monthly(series)
    months = counts.index
    years = np.arange(len(months)) / 12.0
    columns = [np.ones((len(months), 1))]
    if len(months) >= SEASON_MONTHS:
        moy = months.month.to_numpy()
        columns.append((moy[:, None] == np.unique(moy)[None, 1:]).astype(float))
    columns.append(
        np.asarray(patsy.dmatrix(f"cr(x, df={spline_df(len(months))}, constraints='center') - 1", {"x": years}))
    )
    design = np.hstack(columns)
    df = len(months) - int(np.linalg.matrix_rank(design))
    if df < 1:
        raise ValueError(f"{len(months)} months leave no degrees of freedom to estimate the dispersion")
    found = poisson.fit(counts.to_numpy(), design, np.log(months.days_in_month.to_numpy(dtype=float)))
    y, mu = counts.to_numpy(), found.mu
    return max(1.0, float(((y - mu) ** 2 / mu).sum() / df)), df


def compare_years(series: pd.Series) -> dict:
    """The latest 12 months of a monthly count series against the same months a year before, or,
    for a series shorter than 24 months, its months after the first year against the same months
    a year before (see the module docstring). ``series``: counts indexed by month (YYYY-MM), no
    gaps, at least ``MIN_MONTHS``.

    Returns ``recent_start``, ``recent_end``, ``earlier_start``, ``earlier_end`` (YYYY-MM),
    ``recent_count``, ``earlier_count`` (crimes), ``rate_ratio`` (daily rate, recent over
    earlier), ``log_se``, ``df``, ``dispersion`` (times the Poisson variance) and ``p_value``
    (two-sided t). Raises ValueError for a shorter series or a window with no crimes.
    """
    counts = poisson.monthly(series)
    if len(counts) < MIN_MONTHS:
        raise ValueError(f"{len(counts)} months: a comparison with the same months a year before needs {MIN_MONTHS}")
    window = min(WINDOW_MONTHS, len(counts) - WINDOW_MONTHS)
    recent, earlier = counts.iloc[-window:], counts.iloc[-window - WINDOW_MONTHS : -WINDOW_MONTHS]
    now, then = float(recent.sum()), float(earlier.sum())
    if now == 0 or then == 0:
        raise ValueError("a window with no crimes has no finite rate ratio")
    days_now, days_then = (int(window.index.days_in_month.to_numpy().sum()) for window in (recent, earlier))
    phi, df = dispersion(counts)
    ratio = (now / days_now) / (then / days_then)
    log_se = float(np.sqrt(phi * (1 / now + 1 / then)))
    return {
        "recent_start": str(recent.index[0]),
        "recent_end": str(recent.index[-1]),
        "earlier_start": str(earlier.index[0]),
        "earlier_end": str(earlier.index[-1]),
        "recent_count": int(now),
        "earlier_count": int(then),
        "rate_ratio": float(ratio),
        "log_se": log_se,
        "df": df,
        "dispersion": phi,
        "p_value": float(2 * stats.t.sf(abs(np.log(ratio)) / log_se, df)),
    }


def directions(counts: pd.DataFrame, by: list[str], significance: float) -> pd.DataFrame:
    """The direction of every series of ``counts`` (a long frame of the ``by`` columns, ``month``
    YYYY-MM and ``count``), decided together (see the module docstring).

    Each series runs from its own first month to its last; a month missing in between is a month
    with no count (never taken for zero crimes), and such a series is not compared. Returns one
    row per series: the ``by`` columns, every field of ``compare_years`` (missing where the series
    could not be compared: too short, a gap, or a window with no crimes), ``q_value``
    (Benjamini-Hochberg), ``level`` (coverage of the adjusted intervals, a fraction),
    ``pct_change``, ``ci_low``, ``ci_high`` (% change of the daily rate and its adjusted
    interval), ``sen_per_year`` (Sen's slope: change a year in one month's count), ``trend_q``
    (the Mann-Kendall p-value, adjusted), ``trend`` (one of RISING, FALLING, NO_TREND) and
    ``verdict`` (one of VERDICTS).
    """
    rows = []
    for _, group in counts.groupby(by, sort=True):
        series = group.groupby("month")["count"].sum()
        row = group[by].iloc[0].to_dict()
        try:
            row.update(compare_years(series))
            sen = trend_models.sen_slope_per_year(series)
            row.update(sen_per_year=sen.monthly_count_per_year, trend_p=sen.p_value)
        except ValueError:
            row.update(p_value=np.nan, sen_per_year=np.nan, trend_p=np.nan)
        rows.append(row)
    table = pd.DataFrame(rows)
    return _decide(table, significance)


def _adjusted(p: pd.Series, significance: float) -> tuple[pd.Series, pd.Series]:
    """Benjamini-Hochberg q-values of the p-values present, and which are below ``significance``."""
    present = p.notna()
    q = pd.Series(np.nan, index=p.index)
    flagged = pd.Series(False, index=p.index)
    if present.any():
        hit, adjusted, _, _ = multipletests(p[present], alpha=significance, method="fdr_bh")
        q[present], flagged[present] = adjusted, hit
    return q, flagged


def _decide(table: pd.DataFrame, significance: float) -> pd.DataFrame:
    """Add the adjusted q-values, intervals, the second check and the verdict to ``table``."""
    for column in ("rate_ratio", "log_se", "df", "recent_count", "earlier_count"):
        if column not in table:
            table[column] = np.nan
    table["q_value"], flagged = _adjusted(table["p_value"], significance)
    compared = int(table["p_value"].notna().sum())
    level = 1 - max(int(flagged.sum()), 1) * significance / compared if compared else np.nan
    half = stats.t.ppf(1 - (1 - level) / 2, table["df"]) * table["log_se"] if compared else np.nan
    table["level"] = level
    table["pct_change"] = 100 * (table["rate_ratio"] - 1)
    table["ci_low"] = 100 * (table["rate_ratio"] * np.exp(-half) - 1)
    table["ci_high"] = 100 * (table["rate_ratio"] * np.exp(half) - 1)
    table["trend_q"], trending = _adjusted(table["trend_p"], significance)
    slope = table["sen_per_year"]
    table["trend"] = np.where(trending & (slope > 0), RISING, np.where(trending & (slope < 0), FALLING, NO_TREND))
    up = flagged & (table["rate_ratio"] > 1)
    down = flagged & (table["rate_ratio"] < 1)
    against = (up & (table["trend"] == FALLING)) | (down & (table["trend"] == RISING))
    table["verdict"] = np.select(
        [table["p_value"].isna(), against, up, down], [UNCOMPARED, UNSETTLED, HIGHER, LOWER], default=CHANCE
    )
    return table.drop(columns=["trend_p"])
