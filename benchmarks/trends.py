"""Benchmark: the trend tests the book runs, on many SYNTHETIC monthly series. The series are
generated here (negative binomial counts with a random level, trend and season) and are not real data.

Timed per series: the trend model chosen by QAIC (``trend_models.fit_trend``), a step tested inside
it (``trend_models.step_test``, reusing the chosen model), the like-months comparison
(``period_compare.compare_window``), the daily-rate XmR chart (``spc.xmr_daily_rate``) and the
seasonal Mann-Kendall test with Sen's slope (``trend_models.sen_slope_per_year``).

Usage: python benchmarks/trends.py [--series 5000] [--months 60]
"""

from __future__ import annotations

import argparse
import time

import numpy as np
import pandas as pd

from assess.analysis import period_compare, spc, trend_models


def synthetic_series(rng: np.random.Generator, n_series: int, months: int) -> list[pd.Series]:
    """``n_series`` SYNTHETIC monthly count series, for timing only."""
    index = pd.period_range("2014-01", periods=months, freq="M")
    t = np.arange(months) / 12.0
    season = np.sin(2 * np.pi * index.month.to_numpy() / 12)
    out = []
    for _ in range(n_series):
        mu = rng.uniform(5, 500) * np.exp(rng.normal(0, 0.05) * t) * (1 + 0.2 * rng.uniform() * season)
        out.append(pd.Series(rng.poisson(rng.gamma(20.0, mu / 20.0)), index=index.astype(str)))
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--series", type=int, default=5000)
    parser.add_argument("--months", type=int, default=60)
    args = parser.parse_args()
    series = synthetic_series(np.random.default_rng(0), args.series, args.months)
    timings = dict.fromkeys(["fit_trend", "step_test", "compare_window", "xmr_daily_rate", "sen_slope_per_year"], 0.0)
    for s in series:
        start = time.perf_counter()
        chosen = trend_models.fit_trend(s)
        timings["fit_trend"] += time.perf_counter() - start
        start = time.perf_counter()
        trend_models.step_test(s, s.index[-12], chosen=chosen)
        timings["step_test"] += time.perf_counter() - start
        for name, run in [
            ("compare_window", lambda s: period_compare.compare_window(s, 2)),
            ("xmr_daily_rate", spc.xmr_daily_rate),
            ("sen_slope_per_year", trend_models.sen_slope_per_year),
        ]:
            start = time.perf_counter()
            run(s)
            timings[name] += time.perf_counter() - start
    print(f"{args.series} synthetic series of {args.months} months")
    for name, seconds in timings.items():
        print(f"  {name:20s} {seconds:8.1f} s  ({1000 * seconds / args.series:.2f} ms a series)")
    print(f"  {'all five':20s} {sum(timings.values()):8.1f} s")


if __name__ == "__main__":
    main()
