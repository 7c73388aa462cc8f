"""Recent months against the months before them, by group; and where each policing area's latest
month stands on its XmR chart."""

from __future__ import annotations

import pandas as pd

from ..periods import days_in_month
from . import trends


def split_periods(months: list[str], recent_months: int) -> tuple[list[str], list[str]]:
    """The last ``recent_months`` months and the months before them."""
    if not 0 < recent_months < len(months):
        raise ValueError(f"recent_months must be between 1 and {len(months) - 1}; got {recent_months}")
    return months[-recent_months:], months[:-recent_months]


def compare_recent(counts: pd.DataFrame, by: list[str], months: list[str], recent_months: int) -> pd.DataFrame:
    """For each group of ``by``: recorded crimes per day in the recent months against the months before.

    ``counts`` has the ``by`` columns, ``month`` and ``count``. Returns the ``by`` columns,
    ``recent`` and ``before`` (counts), ``pct_change`` (of the daily rate), the rate ratio with
    its 95% interval and p-value (Poisson rate-ratio score test, days as exposure), ``q_value``
    and ``flagged`` (Benjamini-Hochberg across all rows at 5%), and ``share`` (the group's share
    of all records of its first ``by`` column, over every month, in percent).
    """
    recent, before = split_periods(months, recent_months)
    days = {m: days_in_month(m) for m in months}
    rows = []
    for key, group in counts.groupby(by, sort=True):
        key = key if isinstance(key, tuple) else (key,)
        now = int(group.loc[group["month"].isin(recent), "count"].sum())
        then = int(group.loc[group["month"].isin(before), "count"].sum())
        row = dict(zip(by, key, strict=True), recent=now, before=then)
        if now + then > 0 and then > 0:
            result = trends.compare_periods(now, then, sum(days[m] for m in recent), sum(days[m] for m in before))
            row.update(rate_ratio=result.estimate, ci_low=result.ci_low, ci_high=result.ci_high, p_value=result.p_value)
        else:
            row.update(rate_ratio=float("nan"), ci_low=float("nan"), ci_high=float("nan"), p_value=float("nan"))
        rows.append(row)
    table = pd.DataFrame(rows)
    table["pct_change"] = (table["rate_ratio"] - 1) * 100
    table = table.join(trends.false_discovery(table["p_value"])[["q_value", "flagged"]])
    totals = counts.groupby(by[0])["count"].sum()
    table["share"] = table.apply(
        lambda r: 0.0 if totals[r[by[0]]] == 0 else 100 * (r["recent"] + r["before"]) / totals[r[by[0]]], axis=1
    )
    return table


def direction(row) -> str:
    """ "increasing" / "decreasing" when the BH-adjusted test flags the change, else "no clear change"."""
    if not row["flagged"]:
        return "no clear change"
    return "increasing" if row["rate_ratio"] > 1 else "decreasing"


def area_status(counts: pd.DataFrame) -> pd.DataFrame:
    """XmR status of the latest month for each ``force`` and ``policing_area`` of monthly ``counts``.

    Returns ``force, policing_area, latest`` (count), ``centre``, ``upper`` and ``status``
    ("significantly above average", "above average", ...), sorted by force and area.
    """
    rows = []
    for (force, area), group in counts.groupby(["force", "policing_area"], sort=True):
        chart = trends.xmr(group.sort_values("month")["count"].reset_index(drop=True))
        rows.append(
            {
                "force": force,
                "policing_area": area,
                "latest": int(chart["value"].iloc[-1]),
                "centre": float(chart["centre"].iloc[-1]),
                "upper": float(chart["upper"].iloc[-1]),
                "status": trends.xmr_status(chart),
            }
        )
    return pd.DataFrame(rows)
