"""Compare the latest months of a monthly count series with earlier months, allowing for season and
for counts that vary more than Poisson.

The comparison is a Poisson GLM of the monthly counts of the two windows with log(days in month)
as offset and a window indicator; its Poisson variance is multiplied by a dispersion and the
interval and p-value use t with that dispersion's degrees of freedom (quasi-Poisson).

* When the series holds the same calendar months one year before the recent window, those are
  the earlier window ("same months a year earlier"), month-of-year effects are fitted, and a
  direction verdict is allowed. The dispersion is the Pearson chi-square / df of the whole
  series under month-of-year effects plus one level for each 12-month block counted back from
  the last month, floored at 1.
* Otherwise the earlier window is the months just before the recent one ("adjacent months,
  season not controlled"): a change of season can look like a change of crime, so no direction
  verdict is allowed. The dispersion comes from one level per block of the recent window's length.

``compare_totals`` is the plain test of two totals over their days when there is no monthly series
to model (Poisson counts, score test, no season and no overdispersion allowed for).

``compare_groups`` runs this for many groups and adds Benjamini-Hochberg q-values and
false-coverage-rate adjusted intervals (Benjamini and Yekutieli 2005): with R of m comparisons
flagged at q < 0.05, every interval is a 1 − max(R, 1)·0.05/m interval, so an interval excludes
1 exactly when its comparison is flagged.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from functools import lru_cache

import numpy as np
import pandas as pd
from scipy import stats
from statsmodels.stats.multitest import multipletests
from statsmodels.stats.rates import test_poisson_2indep

from . import poisson

ALPHA = 0.05
LIKE = "same months a year earlier"
ADJACENT = "adjacent months, season not controlled"


@dataclass(frozen=True)
class PeriodComparison:
    """Recent window against an earlier one.

    ``rate_ratio`` is the daily rate in the recent window over the earlier one, with its 95% t
    interval, two-sided p, ``log_se`` (standard error of log rate ratio) and ``df``. Windows are
    given as "YYYY-MM..YYYY-MM"; counts are window totals. ``comparison`` is ``LIKE`` or
    ``ADJACENT``; ``direction_allowed`` is True only for ``LIKE``.
    """

    recent: str
    earlier: str
    comparison: str
    recent_count: int
    earlier_count: int
    rate_ratio: float
    ci_low: float
    ci_high: float
    p_value: float
    log_se: float
    df: int
    dispersion: float
    direction_allowed: bool


def _windows(months: pd.PeriodIndex, recent_months: int, earlier_months: int | None) -> tuple:
    """(recent months, earlier months, comparison name)."""
    recent = months[-recent_months:]
    year_before = recent - 12
    if year_before.isin(months).all():
        return recent, year_before, LIKE
    earlier = months[:-recent_months][-(earlier_months or recent_months) :]
    if len(earlier) == 0:
        raise ValueError("no earlier months to compare with")
    return recent, earlier, ADJACENT


def _dummies(values: np.ndarray) -> np.ndarray:
    """Indicator columns of ``values``, the first level (sorted) left out."""
    levels = np.unique(values)
    return (values[:, None] == levels[None, 1:]).astype(float)


@lru_cache(maxsize=32)
def _dispersion_design(first: pd.Period, n: int, block: int, seasonal: bool) -> tuple[np.ndarray, int]:
    """Intercept, a level per ``block`` months counted back from the end, and month-of-year
    effects when ``seasonal``; with the design's residual df (n − rank)."""
    months = pd.period_range(first, periods=n, freq="M")
    columns = [np.ones((n, 1)), _dummies((n - 1 - np.arange(n)) // block)]
    if seasonal:
        columns.append(_dummies(months.month.to_numpy()))
    design = np.hstack(columns)
    return design, n - int(np.linalg.matrix_rank(design))


def _dispersion(counts: pd.Series, block: int, seasonal: bool) -> tuple[float, int]:
    """Pearson dispersion (floored at 1) and its df under a level per ``block`` months counted back
    from the end, plus month-of-year effects when ``seasonal``."""
    design, df = _dispersion_design(counts.index[0], len(counts), block, seasonal)
    if df < 1:
        raise ValueError(f"{len(counts)} months leave no degrees of freedom to estimate the dispersion")
    y = counts.to_numpy()
    _, mu = poisson.irls(y, design[None], _offset(counts.index))
    return max(1.0, float(((y - mu[0]) ** 2 / mu[0]).sum() / df)), df


def _offset(months: pd.PeriodIndex) -> np.ndarray:
    return np.log(months.days_in_month.to_numpy(dtype=float))


def compare_window(series: pd.Series, recent_months: int, earlier_months: int | None = None) -> PeriodComparison:
    """Compare the last ``recent_months`` months of a monthly count series with earlier months.

    ``series``: counts indexed by month (``YYYY-MM`` or Periods), no gaps. The earlier window is
    the same months a year before when the series has them, else the ``earlier_months``
    (default: as many as recent) months just before. See the module docstring for the model.
    """
    counts = poisson.monthly(series)
    recent, earlier, comparison = _windows(counts.index, recent_months, earlier_months)
    window = counts.loc[earlier.append(recent)]
    months = window.index
    now, then = int(counts.loc[recent].sum()), int(counts.loc[earlier].sum())
    if now == 0 or then == 0:
        raise ValueError("a window with no counts has no finite rate ratio")
    columns = [np.ones((len(months), 1)), months.isin(recent).astype(float)[:, None]]
    if comparison == LIKE:
        columns.append(_dummies(months.month.to_numpy()))
    found = poisson.fit(window.to_numpy(), np.hstack(columns), _offset(months))
    dispersion, df = _dispersion(counts, 12 if comparison == LIKE else recent_months, comparison == LIKE)
    beta, se = float(found.beta[1]), float(np.sqrt(found.bread[1, 1] * dispersion))
    half = poisson.t_quantile(df, ALPHA) * se
    return PeriodComparison(
        f"{recent[0]}..{recent[-1]}",
        f"{earlier[0]}..{earlier[-1]}",
        comparison,
        now,
        then,
        float(np.exp(beta)),
        float(np.exp(beta - half)),
        float(np.exp(beta + half)),
        float(2 * stats.t.sf(abs(beta / se), df)),
        se,
        df,
        dispersion,
        comparison == LIKE,
    )


def compare_totals(recent_count: int, recent_days: int, earlier_count: int, earlier_days: int) -> tuple[float, float]:
    """Daily rate of ``recent_count`` crimes in ``recent_days`` over that of ``earlier_count`` in
    ``earlier_days`` (``earlier_count`` > 0), and the two-sided p-value of the Poisson score test
    that the two rates are equal: z = (r₁ − r₀) / √(r̂ (1/d₁ + 1/d₀)), r̂ the pooled daily rate.
    Returns (rate ratio, p)."""
    ratio = (recent_count / recent_days) / (earlier_count / earlier_days)
    test = test_poisson_2indep(recent_count, recent_days, earlier_count, earlier_days, method="score")
    return ratio, float(test.pvalue)


def fcr_adjust(table: pd.DataFrame, rate: float = ALPHA) -> pd.DataFrame:
    """Add ``q_value`` (Benjamini-Hochberg), ``flagged`` (q < ``rate``), ``fcr_level`` and the
    false-coverage-rate adjusted interval ``fcr_low``/``fcr_high`` to a table with ``rate_ratio``,
    ``log_se``, ``df`` and ``p_value``. Rows without a p-value are left unflagged with NaN (all of
    them when no row has one)."""
    out = table.copy()
    present = out["p_value"].notna()
    if not present.any():  # nothing was comparable: no test, no interval
        return out.assign(q_value=np.nan, flagged=False, fcr_level=np.nan, fcr_low=np.nan, fcr_high=np.nan)
    flagged, q, _, _ = multipletests(out.loc[present, "p_value"], alpha=rate, method="fdr_bh")
    out["q_value"] = pd.Series(q, index=out.index[present])
    out["flagged"] = pd.Series(flagged, index=out.index[present]).reindex(out.index, fill_value=False).astype(bool)
    level = 1 - max(int(flagged.sum()), 1) * rate / int(present.sum())
    half = stats.t.ppf(1 - (1 - level) / 2, out["df"]) * out["log_se"]
    out["fcr_level"] = level
    out["fcr_low"] = out["rate_ratio"] * np.exp(-half)
    out["fcr_high"] = out["rate_ratio"] * np.exp(half)
    return out


def _direction(row) -> str:
    if not row["direction_allowed"]:
        return "not assessed"
    if not row["flagged"]:
        return "no clear change"
    return "higher" if row["rate_ratio"] > 1 else "lower"


def compare_groups(
    counts: pd.DataFrame, by: list[str], recent_months: int, earlier_months: int | None = None
) -> pd.DataFrame:
    """``compare_window`` for each group of ``by`` in a long frame of ``by`` columns, ``month`` and ``count``.

    Months missing for a group within the frame's overall month range count as 0. Returns one
    row per group: the ``by`` columns, every ``PeriodComparison`` field (NaN where a window has no
    counts), the ``fcr_adjust`` columns and ``direction`` ("higher", "lower", "no clear change",
    or "not assessed" for adjacent-month comparisons).
    """
    months = pd.period_range(counts["month"].min(), counts["month"].max(), freq="M").astype(str)
    rows = []
    for _, group in counts.groupby(by):
        series = group.groupby("month")["count"].sum().reindex(months, fill_value=0)
        try:
            record = asdict(compare_window(series, recent_months, earlier_months))
        except ValueError:
            record = {"p_value": np.nan, "direction_allowed": False}
        rows.append({**group[by].iloc[0].to_dict(), **record})
    table = fcr_adjust(pd.DataFrame(rows))
    table["direction"] = table.apply(_direction, axis=1)
    return table
