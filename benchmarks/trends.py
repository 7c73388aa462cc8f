"""Benchmark: every trend test (rate ratio, XmR, seasonal GLM trend, seasonal Mann-Kendall) on
many SYNTHETIC monthly series. The series are generated here (Poisson counts with a random level,
trend and season) and are not real data.

Usage: python benchmarks/trends.py [--series 5000] [--months 60]
"""

from __future__ import annotations

import argparse
import time

import numpy as np
import pandas as pd

from assess.analysis import trends


def synthetic_series(rng: np.random.Generator, n_series: int, months: int) -> list[pd.Series]:
    """``n_series`` synthetic monthly count series (SYNTHETIC, for timing only)."""
    index = pd.period_range("2014-01", periods=months, freq="M")
    t = np.arange(months) / 12.0
    season = np.sin(2 * np.pi * index.month.to_numpy() / 12)
    out = []
    for _ in range(n_series):
        mu = rng.uniform(5, 500) * (1 + rng.normal(0, 0.05)) ** t * (1 + 0.2 * rng.uniform() * season)
        out.append(pd.Series(rng.poisson(mu), index=index.astype(str)))
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--series", type=int, default=5000)
    parser.add_argument("--months", type=int, default=60)
    args = parser.parse_args()
    series = synthetic_series(np.random.default_rng(0), args.series, args.months)
    timings = {}
    for name, run in {
        "rate ratio (last 12 months vs the 12 before)": lambda s: trends.compare_periods(
            int(s.iloc[-12:].sum()), int(s.iloc[-24:-12].sum())
        ),
        "XmR chart and status": lambda s: trends.xmr_status(trends.xmr(s.reset_index(drop=True))),
        "seasonal trend (Poisson / quasi-Poisson GLM)": trends.seasonal_trend,
        "seasonal Mann-Kendall with Sen's slope": trends.mann_kendall,
    }.items():
        start = time.perf_counter()
        for s in series:
            run(s)
        timings[name] = time.perf_counter() - start
    total = sum(timings.values())
    print(f"{args.series} synthetic series of {args.months} months")
    for name, seconds in timings.items():
        print(f"  {name:48s} {seconds:8.1f} s  ({1000 * seconds / args.series:.2f} ms a series)")
    print(f"  {'all four':48s} {total:8.1f} s")


if __name__ == "__main__":
    main()
