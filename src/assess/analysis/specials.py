"""Special Constabulary: duty hours and their year-on-year change, printed changes checked,
hours per Special, and each force's change in headcount (the projection of headcount is
``stock_flow``'s)."""

from __future__ import annotations

import math
import re
from pathlib import Path

import numpy as np
import pandas as pd

from ..errors import InputError

_PRINTED_PCT = re.compile(r"([+-]?)\s*(\d+(?:\.(\d+))?)\s*%")


def parse_printed_pct(text: str | None) -> tuple[float, int]:
    """A % change as printed ("- 36.2%", "+ 1.2%", "-8%") → (value in percent, decimals printed).

    "N/A" and empty cells give (nan, 0). Raises ValueError for anything else.
    """
    if text is None or (isinstance(text, float) and math.isnan(text)):
        return math.nan, 0
    text = str(text).strip()
    if text in ("", "N/A"):
        return math.nan, 0
    match = _PRINTED_PCT.fullmatch(text)
    if not match:
        raise ValueError(f"not a printed percentage: {text!r}")
    value = float(match[2]) * (-1 if match[1] == "-" else 1)
    return value, len(match[3] or "")


def year_on_year(hours: pd.DataFrame, path: str | Path = "duty hours") -> pd.DataFrame:
    """Add year-on-year change to duty hours, within each force and period.

    Takes ``force, period, year, duty_hours, pct_change_printed``; adds ``previous_hours``,
    ``change_hours`` and ``pct_change`` (percent, computed), ``pct_printed`` (percent, parsed
    from the printed text) and ``printed_decimals``. A year missing between two others of the
    same force and period raises InputError (a silent gap would compare non-adjacent years).
    Change is missing where either year's hours are missing.
    """
    out = []
    for (force, period), group in hours.groupby(["force", "period"], sort=False):
        group = group.sort_values("year")
        years = group["year"].astype(int).tolist()
        gaps = [y for y in range(years[0], years[-1] + 1) if y not in years]
        if gaps:
            raise InputError(
                path,
                f"a row for every year from {years[0]} to {years[-1]}",
                column="year",
                found=f"no row for {force} {period} {gaps[0]}",
            )
        group = group.copy()
        current = group["duty_hours"].astype("float64")
        group["previous_hours"] = current.shift(1)
        group["change_hours"] = current - group["previous_hours"]
        group["pct_change"] = (current / group["previous_hours"] - 1) * 100
        parsed = group["pct_change_printed"].map(parse_printed_pct)
        group["pct_printed"] = [p[0] for p in parsed]
        group["printed_decimals"] = [p[1] for p in parsed]
        out.append(group)
    return pd.concat(out, ignore_index=True)


def printed_mismatches(changes: pd.DataFrame, tolerance_pp: float = 0.1) -> pd.DataFrame:
    """Rows of ``year_on_year`` output whose printed % change disagrees with the computed one.

    A printed figure disagrees when it differs from the computed change by more than
    ``tolerance_pp`` percentage points, or by more than its own rounding allows (half a unit
    of its last printed digit: "-8%" stands for anything from -8.5% to -7.5%), whichever is
    larger. Rows where either figure is missing are never mismatches. Adds ``difference_pp``.
    """
    both = changes.dropna(subset=["pct_change", "pct_printed"]).copy()
    both["difference_pp"] = both["pct_printed"] - both["pct_change"]
    allowed = np.maximum(tolerance_pp, 0.5 * 10.0 ** (-both["printed_decimals"].astype(float)))
    return both[both["difference_pp"].abs() > allowed + 1e-9].reset_index(drop=True)


def period_months(period: str) -> tuple[int, int]:
    """First and last calendar month of a duty-hours period written "Jan-Sep" → (1, 9)."""
    first, last = (pd.Timestamp(f"1 {name.strip()} 2000").month for name in period.split("-"))
    return first, last


def hours_per_special(
    changes: pd.DataFrame, headcount: pd.DataFrame, as_at_month: int = 9, basis: str = "end"
) -> pd.DataFrame:
    """Duty hours divided by the Specials' headcount: hours per person.

    ``headcount`` has ``as_at, force, specials_headcount``. With ``basis="end"`` (as before) the
    divisor is the count on the last day of ``as_at_month`` of the same year, and ``headcount_as_at``
    its date. With ``basis="average"`` it is the mean of the counts dated within the hours'
    ``period`` of that year (``period_months``: Jan-Sep holds 31 March and 30 September), so a
    headcount that falls or rises through the year does not inflate or deflate the rate;
    ``headcount_from`` and ``headcount_as_at`` are the first and last dates averaged and
    ``headcounts_averaged`` how many. Adds ``headcount`` (people) and ``hours_per_special``; both
    missing where no count exists.
    """
    if basis not in ("end", "average"):
        raise ValueError(f"basis must be 'end' or 'average'; got {basis!r}")
    counts = headcount.assign(year=headcount["as_at"].dt.year).dropna(subset=["specials_headcount"])
    if basis == "end":
        counts = counts[counts["as_at"].dt.month == as_at_month][["force", "year", "as_at", "specials_headcount"]]
        merged = changes.merge(
            counts.rename(columns={"as_at": "headcount_as_at", "specials_headcount": "headcount"}),
            on=["force", "year"],
            how="left",
        )
    else:
        rows = []
        for key in changes[["force", "period", "year"]].drop_duplicates().itertuples(index=False):
            first, last = period_months(key[1])
            held = counts[
                (counts["force"] == key[0])
                & (counts["year"] == int(key[2]))
                & counts["as_at"].dt.month.between(first, last)
            ]
            rows.append(
                {
                    "force": key[0],
                    "period": key[1],
                    "year": key[2],
                    "headcount_from": held["as_at"].min(),
                    "headcount_as_at": held["as_at"].max(),
                    "headcounts_averaged": len(held),
                    "headcount": held["specials_headcount"].mean(),
                }
            )
        merged = changes.merge(pd.DataFrame(rows), on=["force", "period", "year"], how="left")
    merged["hours_per_special"] = merged["duty_hours"].astype("float64") / merged["headcount"]
    return merged


def headcount_change(headcount: pd.DataFrame, forces: tuple[str, ...]) -> pd.DataFrame:
    """Each force's first and last count of Special Constables in ``headcount`` (``force, as_at,
    specials_headcount``), in the order of ``forces``.

    Returns ``force, first_as_at, first, last_as_at, last`` (people), ``change`` (last − first,
    people) and ``pct`` (the change in % of the first count; missing when that count is 0). A
    force with a single count has the same first and last; a force with none is left out.
    """
    rows = []
    for force in forces:
        counts = headcount[headcount["force"] == force].dropna(subset=["specials_headcount"]).sort_values("as_at")
        if counts.empty:
            continue
        first, last = counts.iloc[0], counts.iloc[-1]
        rows.append(
            {
                "force": force,
                "first_as_at": first["as_at"],
                "first": first["specials_headcount"],
                "last_as_at": last["as_at"],
                "last": last["specials_headcount"],
            }
        )
    out = pd.DataFrame(rows, columns=["force", "first_as_at", "first", "last_as_at", "last"])
    out["change"] = out["last"] - out["first"]
    out["pct"] = 100 * out["change"] / out["first"].where(out["first"] != 0)
    return out
