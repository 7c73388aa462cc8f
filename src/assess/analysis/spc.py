"""XmR (individuals) charts for monthly counts: on daily rates, and on a trend-free ratio.

Centre = mean; limits = centre ± 2.66 × mean moving range (2.66 = 3 / 1.128, d2 for ranges of
two points), the lower limit not below 0. Signals: a point beyond either limit, or a run of 7
or more points in a row on one side of the centre.

``month_against_limits`` tests one month against limits computed from the other months only
(the month tested moves neither the centre nor the moving ranges), and says how many months and
moving ranges the limits rest on.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from . import poisson

XMR_CONSTANT = 2.66
RUN_LENGTH = 7
STATUS = ("above its upper limit", "below its lower limit", "within its limits")
"""Where a month tested stands against limits computed without it (``MonthTested.status``)."""


@dataclass(frozen=True)
class MonthTested:
    """One month against XmR limits computed from the other months.

    ``month`` (the index label tested) and its ``value``; ``centre``, ``lower`` and ``upper`` in
    the unit of the values (the lower limit not below 0); ``status``: one of ``STATUS``;
    ``baseline_months``: how many months the centre rests on; ``moving_ranges``: how many moving
    ranges the limits rest on (consecutive pairs of those months: no range spans the month tested).
    """

    month: object
    value: float
    centre: float
    lower: float
    upper: float
    status: str
    baseline_months: int
    moving_ranges: int


def _run_lengths(flags: np.ndarray) -> np.ndarray:
    """For each True, the length of the run of consecutive Trues it belongs to; 0 for False."""
    padded = np.concatenate([[False], flags, [False]])
    edges = np.flatnonzero(padded[1:] != padded[:-1])
    lengths = np.zeros(len(flags), dtype=int)
    for start, stop in edges.reshape(-1, 2):
        lengths[start:stop] = stop - start
    return lengths


def xmr(values: pd.Series) -> pd.DataFrame:
    """XmR chart of ``values`` (same index): ``value, centre, lower, upper, beyond_upper,
    beyond_lower, run_above, run_below, signal_high, signal_low``."""
    x = values.to_numpy(dtype=float)
    centre, mr_bar = x.mean(), np.abs(np.diff(x)).mean()
    upper, lower = centre + XMR_CONSTANT * mr_bar, max(0.0, centre - XMR_CONSTANT * mr_bar)
    above, below = _run_lengths(x > centre), _run_lengths(x < centre)
    return pd.DataFrame(
        {
            "value": x,
            "centre": centre,
            "lower": lower,
            "upper": upper,
            "beyond_upper": x > upper,
            "beyond_lower": x < lower,
            "run_above": above,
            "run_below": below,
            "signal_high": (x > upper) | (above >= RUN_LENGTH),
            "signal_low": (x < lower) | (below >= RUN_LENGTH),
        },
        index=values.index,
    )


def signals(chart: pd.DataFrame) -> dict:
    """What an ``xmr`` chart shows, for the prose: the months (index labels) beyond the upper
    limit, beyond the lower limit, and in runs of ``RUN_LENGTH`` or more above and below the centre."""
    return {
        "beyond_upper": chart.index[chart["beyond_upper"]].tolist(),
        "beyond_lower": chart.index[chart["beyond_lower"]].tolist(),
        "run_above": chart.index[chart["run_above"] >= RUN_LENGTH].tolist(),
        "run_below": chart.index[chart["run_below"] >= RUN_LENGTH].tolist(),
    }


def xmr_daily_rate(series: pd.Series) -> pd.DataFrame:
    """XmR chart of a monthly count series as recorded counts per day (count ÷ days in month),
    so a short February is not low for being short. Indexed by month (YYYY-MM); adds ``count``
    and ``days`` to the ``xmr`` columns, whose values are counts a day."""
    counts = poisson.monthly(series)
    days = counts.index.days_in_month.to_numpy(dtype=float)
    chart = xmr(pd.Series(counts.to_numpy() / days, index=counts.index.astype(str)))
    return chart.assign(count=counts.to_numpy(), days=days)


def residual_xmr(series: pd.Series, fitted: pd.Series) -> pd.DataFrame:
    """XmR chart of observed ÷ fitted counts for a trending series, so the limits apply to a
    trend-free series (1 = as the model expects). ``fitted`` is indexed by the same months
    (e.g. ``TrendFit.fitted``). Indexed by month; adds ``count`` and ``fitted``."""
    counts = poisson.monthly(series)
    expected = poisson.monthly(fitted).reindex(counts.index)
    if expected.isna().any() or (expected <= 0).any():
        raise ValueError("fitted values must be positive and cover every month of the series")
    chart = xmr(pd.Series(counts.to_numpy() / expected.to_numpy(), index=counts.index.astype(str)))
    return chart.assign(count=counts.to_numpy(), fitted=expected.to_numpy())


def month_against_limits(values: pd.Series, month=None) -> MonthTested:
    """Test ``month`` (an index label of ``values``; default the last) against XmR limits from
    every other month: centre = their mean, limits = centre ± 2.66 × the mean of their moving
    ranges, dropping the two ranges that touch the month tested. Raises ValueError when fewer
    than one moving range remains (see ``MonthTested``)."""
    x = values.to_numpy(dtype=float)
    position = len(x) - 1 if month is None else values.index.get_loc(month)
    kept = np.ones(len(x), dtype=bool)
    kept[position] = False
    ranges = np.abs(np.diff(x))[kept[1:] & kept[:-1]]
    if len(ranges) == 0:
        raise ValueError(f"limits without the month tested need two consecutive other months; got {len(x) - 1} months")
    centre, mr_bar = x[kept].mean(), ranges.mean()
    upper, lower = centre + XMR_CONSTANT * mr_bar, max(0.0, centre - XMR_CONSTANT * mr_bar)
    value = x[position]
    status = STATUS[0] if value > upper else STATUS[1] if value < lower else STATUS[2]
    return MonthTested(
        values.index[position],
        float(value),
        float(centre),
        float(lower),
        float(upper),
        status,
        int(kept.sum()),
        len(ranges),
    )


def daily_rate_against_limits(series: pd.Series, month: str | None = None) -> MonthTested:
    """``month_against_limits`` on a monthly count series as counts per day (count ÷ days in the
    month), indexed by month (YYYY-MM); ``month`` (YYYY-MM) defaults to the last."""
    counts = poisson.monthly(series)
    rates = pd.Series(
        counts.to_numpy() / counts.index.days_in_month.to_numpy(dtype=float), index=counts.index.astype(str)
    )
    return month_against_limits(rates, month)
