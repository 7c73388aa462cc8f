"""A stock-and-flow projection of a headcount with a simulated interval, back-tested out of sample,
and the one rule that words a back-test.

Each month the headcount gains recruits and loses leavers (never below 0). The interval allows
for two things:

* **the flows themselves**: a month's recruits and leavers are quasi-Poisson counts around their
  rates (variance ``dispersion`` × mean; Poisson when the dispersion is 1);
* **the rates**: a rate measured as c people over m months is known only to within its own
  quasi-Poisson error, so each simulated path first draws its rates from a gamma distribution
  with mean c / m and variance ``dispersion`` × c / m² (omitted when ``measured_months`` is None).

The interval is the central ``level`` share of the simulated headcounts each month. Joiners and
leavers by month are not published for Special Constables, so the dispersion of the flows cannot
be measured from them; ``net_change_dispersion`` estimates it from the Home Office counts before
the projection starts (how far their changes stray from what the rates imply), and a dispersion
of 1 gives the narrowest honest interval.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from . import poisson

LEVEL = 0.95
DRAWS = 10_000
WITHIN = "within the interval"
OUTSIDE = "outside the interval: not a fair guide"
VERDICTS = (WITHIN, OUTSIDE)
"""The only two ways a back-test is worded: a count outside the interval is never a fair guide."""


@dataclass(frozen=True)
class Backtest:
    """A projection tested on months after those its rates were measured in.

    ``force``; ``measured_from``/``measured_to``: the months the rates come from (YYYY-MM);
    ``start_month``/``end_month``: the projection's run (YYYY-MM), starting from the count
    ``start`` at the end of ``start_month``; ``projected``: the central projection at the end of
    ``end_month`` and ``low``/``high`` its ``level`` interval (people, not rounded); ``actual``: the
    count then (people); ``miss_pct``: (projected − actual) in % of actual; ``verdict``: one of
    ``VERDICTS``; ``dispersion``: the flows' dispersion used.
    """

    force: str
    measured_from: str
    measured_to: str
    start_month: str
    end_month: str
    start: float
    projected: float
    low: float
    high: float
    actual: float
    miss_pct: float
    verdict: str
    level: float
    dispersion: float


def verdict(actual: float, low: float, high: float) -> str:
    """How a back-test is worded: ``WITHIN`` when the count ``actual`` lies from ``low`` to
    ``high`` inclusive, else ``OUTSIDE`` ("not a fair guide"), however close the miss in %."""
    return WITHIN if low <= actual <= high else OUTSIDE


def simulate_paths(
    start: float,
    recruits_per_month: float,
    leavers_per_month: float,
    steps: int,
    measured_months: float | None = 12,
    dispersion: float = 1.0,
    draws: int = DRAWS,
    seed: int = 0,
) -> np.ndarray:
    """Simulated headcounts (``draws``, ``steps`` + 1), the first column ``start``, each later one
    a month on (people). See the module docstring for the flows and the rates' uncertainty."""
    rng = np.random.default_rng(seed)
    rates = []
    for rate in (recruits_per_month, leavers_per_month):
        if measured_months is None or rate == 0:
            rates.append(np.full(draws, float(rate)))
        else:
            counted = rate * measured_months
            rates.append(rng.gamma(counted / dispersion, dispersion / measured_months, size=draws))
    paths = np.empty((draws, steps + 1))
    paths[:, 0] = start
    for month in range(1, steps + 1):
        recruits = poisson.quasi_poisson_draws(rates[0], dispersion, rng)
        leavers = poisson.quasi_poisson_draws(rates[1], dispersion, rng)
        paths[:, month] = np.maximum(0.0, paths[:, month - 1] + recruits - leavers)
    return paths


def projection_interval(
    start: float,
    recruits_per_month: float,
    leavers_per_month: float,
    months: list[str],
    measured_months: float | None = 12,
    dispersion: float = 1.0,
    level: float = LEVEL,
    draws: int = DRAWS,
    seed: int = 0,
) -> pd.DataFrame:
    """The projection over ``months`` (YYYY-MM, from the starting month, whose headcount is
    ``start``) with its interval: ``month``, ``projected`` (the central path: each month the
    headcount plus the recruits less the leavers, never below 0), ``low`` and ``high`` (the
    ``level`` interval of the simulated headcounts), people, not rounded. ``measured_months``: the
    months the rates were measured over (None: rates taken as exact); ``dispersion``: of the
    monthly flows (1 = Poisson)."""
    paths = simulate_paths(
        start, recruits_per_month, leavers_per_month, len(months) - 1, measured_months, dispersion, draws, seed
    )
    central = [float(start)]
    for _ in months[1:]:
        central.append(max(0.0, central[-1] + recruits_per_month - leavers_per_month))
    tail = (1 - level) / 2
    return pd.DataFrame(
        {
            "month": months,
            "projected": central,
            "low": np.quantile(paths, tail, axis=0),
            "high": np.quantile(paths, 1 - tail, axis=0),
        }
    )


def _count(headcount: pd.DataFrame, force: str, month: str) -> float | None:
    """The count of ``force`` at the end of ``month`` (YYYY-MM), or None."""
    day = pd.Timestamp(month) + pd.offsets.MonthEnd(0)
    rows = headcount[(headcount["force"] == force) & (headcount["as_at"] == day)]["specials_headcount"].dropna()
    return float(rows.iloc[0]) if len(rows) else None


def backtest(
    headcount: pd.DataFrame,
    force: str,
    recruits_per_month: float,
    leavers_per_month: float,
    measured: list[str],
    run: list[str],
    dispersion: float = 1.0,
    level: float = LEVEL,
    draws: int = DRAWS,
    seed: int = 0,
) -> Backtest | None:
    """Project ``force``'s headcount over ``run`` (YYYY-MM months, the first holding the starting
    count) at rates measured over ``measured`` (the months they were counted in), and set the end
    against the count then. Out of sample: the run must start no earlier than the last month
    measured, else ValueError. ``headcount`` has ``force, as_at, specials_headcount``. Returns
    None when either count is missing. The rates' uncertainty uses ``len(measured)`` months."""
    if run[0] < measured[-1]:
        raise ValueError(f"the test run starts in {run[0]}, inside the months its rates come from (to {measured[-1]})")
    start, actual = _count(headcount, force, run[0]), _count(headcount, force, run[-1])
    if start is None or actual is None:
        return None
    interval = projection_interval(
        start, recruits_per_month, leavers_per_month, run, len(measured), dispersion, level, draws, seed
    ).iloc[-1]
    return Backtest(
        force,
        measured[0],
        measured[-1],
        run[0],
        run[-1],
        start,
        float(interval["projected"]),
        float(interval["low"]),
        float(interval["high"]),
        actual,
        100.0 * (interval["projected"] - actual) / actual if actual else float("nan"),
        verdict(actual, interval["low"], interval["high"]),
        level,
        dispersion,
    )


def net_change_dispersion(
    headcount: pd.DataFrame, force: str, recruits_per_month: float, leavers_per_month: float, until: str
) -> tuple[float, int]:
    """How much more the headcount of ``force`` moved between its counts up to the end of ``until``
    (YYYY-MM) than Poisson flows at the given rates allow: Σ (Δ − m(r − l))² / Σ m(r + l) over each
    interval of m months between consecutive counts (Δ: the change in headcount, r and l the rates),
    floored at 1. Returns (dispersion, intervals used); (1.0, 0) with fewer than two counts or no
    flow."""
    end = pd.Timestamp(until) + pd.offsets.MonthEnd(0)
    counts = headcount[(headcount["force"] == force) & (headcount["as_at"] <= end)].dropna(
        subset=["specials_headcount"]
    )
    counts = counts.sort_values("as_at")
    dates, values = counts["as_at"], counts["specials_headcount"].to_numpy(dtype=float)
    months = np.array([(b.year - a.year) * 12 + b.month - a.month for a, b in zip(dates[:-1], dates[1:], strict=True)])
    expected_variance = (months * (recruits_per_month + leavers_per_month)).sum()
    if len(months) == 0 or expected_variance == 0:
        return 1.0, 0
    squares = ((np.diff(values) - months * (recruits_per_month - leavers_per_month)) ** 2).sum()
    return max(1.0, float(squares / expected_variance)), len(months)
