"""Performance by group: the latest months against the same months a year earlier, the long-run
trend of each group, and where each policing area's latest month stands on its XmR chart of
daily rates."""

from __future__ import annotations

import numpy as np
import pandas as pd
from statsmodels.stats.multitest import multipletests

from . import period_compare, spc, trend_models

ALPHA = 0.05
AREA_STATUS = ("above its upper limit", "below its lower limit", "within its limits")
"""Where an area's latest daily rate stands on its XmR chart, as ``area_status`` words it."""


def compare_like_months(counts: pd.DataFrame, by: list[str], recent_months: int) -> pd.DataFrame:
    """For each group of ``by``: the last ``recent_months`` months against the same months a year
    earlier (``period_compare.compare_groups``: quasi-Poisson, days as exposure, BH q-values and
    false-coverage-adjusted intervals that match the verdict), plus ``pct_change`` (of the daily
    rate, %) and ``share`` (the group's share of all counts of its first ``by`` column over the
    two windows, %). ``counts`` has the ``by`` columns, ``month`` and ``count``.
    """
    table = period_compare.compare_groups(counts, by, recent_months)
    table["pct_change"] = (table["rate_ratio"] - 1) * 100
    windows = table["recent_count"].fillna(0) + table["earlier_count"].fillna(0)
    table["share"] = 100 * windows / windows.groupby(table[by[0]]).transform("sum")
    return table


def long_run_trends(counts: pd.DataFrame, by: list[str]) -> pd.DataFrame:
    """For each group of ``by``: the trend model ``trend_models.fit_trend`` chooses and its latest
    annual change (``annual_pct, ci_low, ci_high``: % a year of the daily rate, 95% t interval, over
    the last segment), and the (seasonal) Mann-Kendall test with Sen's slope in both units
    (``sen_month``: change a year in one month's count; ``sen_year``: in the 12-month total).
    ``q_value`` is the Mann-Kendall p-value adjusted by Benjamini-Hochberg across the groups and
    ``direction`` "rising", "falling" or "no monotonic trend" (q < 5%).
    """
    rows = []
    for _, group in counts.groupby(by):
        series = group.set_index("month")["count"]
        fit = trend_models.fit_trend(series)
        last = fit.slopes.iloc[-1]
        sen = trend_models.sen_slope_per_year(series)
        rows.append(
            {
                **group[by].iloc[0].to_dict(),
                "model": fit.model,
                "change_month": fit.change_month,
                "segment_start": last["start"],
                "segment_end": last["end"],
                "annual_pct": last["annual_pct"],
                "ci_low": last["ci_low"],
                "ci_high": last["ci_high"],
                "errors": fit.errors,
                "sen_month": sen.monthly_count_per_year,
                "sen_year": sen.annual_total_per_year,
                "test": sen.test,
                "p_value": sen.p_value,
            }
        )
    table = pd.DataFrame(rows)
    flagged, q, _, _ = multipletests(table["p_value"], alpha=ALPHA, method="fdr_bh")
    table["q_value"] = q
    slope = table["sen_month"].to_numpy()
    table["direction"] = np.where(
        flagged & (slope != 0), np.where(slope > 0, "rising", "falling"), "no monotonic trend"
    )
    return table


def area_status(counts: pd.DataFrame) -> pd.DataFrame:
    """XmR status of the latest month's daily rate for each ``force`` and ``policing_area`` of
    monthly ``counts`` (``month, count``), on the chart of the area's own daily rates.

    Returns ``force, policing_area, latest`` (count), ``latest_rate``, ``centre``, ``lower`` and
    ``upper`` (recorded crimes a day) and ``status`` (one of ``AREA_STATUS``), sorted by force and area.
    """
    rows = []
    for (force, area), group in counts.groupby(["force", "policing_area"]):
        chart = spc.xmr_daily_rate(group.set_index("month")["count"])
        last = chart.iloc[-1]
        status = AREA_STATUS[0] if last["beyond_upper"] else AREA_STATUS[1] if last["beyond_lower"] else AREA_STATUS[2]
        rows.append(
            {
                "force": force,
                "policing_area": area,
                "latest": int(last["count"]),
                "latest_rate": float(last["value"]),
                "centre": float(last["centre"]),
                "lower": float(last["lower"]),
                "upper": float(last["upper"]),
                "status": status,
            }
        )
    return pd.DataFrame(rows)
