"""Special Constabulary: duty hours and their year-on-year change, hours per Special, and headcount.

Duty hours come from the Strategic Assessment's own tables; headcounts from the Home Office
police workforce tables (``.ods``), read here straight from the published spreadsheets.
"""

from __future__ import annotations

import math
import re
from pathlib import Path

import numpy as np
import pandas as pd

from .errors import InputError
from .ods import read_ods, sheet_frame

SPECIALS_TABLE = re.compile(r"Special constables by police force area", re.IGNORECASE)
_PRINTED_PCT = re.compile(r"([+-]?)\s*(\d+(?:\.(\d+))?)\s*%")


def read_specials_table(path: str | Path, forces: pd.DataFrame) -> pd.DataFrame:
    """The "Special constables by police force area" table of one Home Office workforce spreadsheet.

    ``forces`` is the forces lookup (``force``, ``home_office_name``). Returns ``as_at``
    (Timestamp), ``area`` (as the table names it), ``force`` (the project's name for a force
    row; missing for regions and totals), ``specials_headcount`` (people), ``source_file`` and
    ``source_table``; one row per table row and date. A region that shares its name with a
    force (West Midlands) heads its forces, so the last row of that name is the force.
    """
    path = Path(path)
    sheets = {name: sheet_frame(rows) for name, rows in read_ods(path).items()}
    for name, sheet in sheets.items():
        title = sheet.iat[0, 0] if sheet.shape[0] and sheet.shape[1] else None
        if isinstance(title, str) and SPECIALS_TABLE.search(title):
            table = _tidy_specials(sheet, path, name)
            by_name = dict(zip(forces["home_office_name"].map(_normalise), forces["force"]))
            last = ~table.duplicated(subset=["area", "as_at"], keep="last")
            table.insert(2, "force", table["area"].map(_normalise).map(by_name).where(last))
            return table
    raise InputError(path, "a sheet titled 'Special constables by police force area'", found=list(sheets))


def _tidy_specials(sheet: pd.DataFrame, path: Path, table: str) -> pd.DataFrame:
    dates_row = next((i for i in range(len(sheet))
                      if sheet.shape[1] > 3 and all(isinstance(sheet.iat[i, c], pd.Timestamp) for c in (1, 2, 3))), None)
    if dates_row is None:
        raise InputError(path, "a row of three 'As at' dates in columns 2 to 4", column=table)
    dates = [pd.Timestamp(sheet.iat[dates_row, c]) for c in (1, 2, 3)]
    rows = []
    for i in range(dates_row + 1, len(sheet)):
        area = sheet.iat[i, 0]
        values = [sheet.iat[i, c] for c in (1, 2, 3)]
        if not isinstance(area, str) or not all(isinstance(v, float) and not pd.isna(v) for v in values):
            continue
        for date, value in zip(dates, values):
            rows.append({"as_at": date, "area": area.strip(), "specials_headcount": float(value),
                         "source_file": path.name, "source_table": table})
    return pd.DataFrame(rows)


def specials_headcount(paths: list[str | Path], forces: pd.DataFrame) -> pd.DataFrame:
    """Headcount of Special Constables by force and date from several editions of the tables.

    Where two editions give the same date, the later edition (the one with the latest date)
    is kept, as the Home Office revises earlier figures. Regions and totals are dropped.
    Returns the columns of ``read_specials_table``, sorted by force and date.
    """
    tables = sorted((read_specials_table(p, forces) for p in paths), key=lambda t: t["as_at"].max())
    combined = pd.concat(tables, ignore_index=True).dropna(subset=["force"])
    latest = combined.drop_duplicates(subset=["force", "as_at"], keep="last")
    return latest.sort_values(["force", "as_at"]).reset_index(drop=True)


def _normalise(name: str) -> str:
    return re.sub(r"\s+", " ", name.replace("&", "and")).strip().lower()


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
            raise InputError(path, f"a row for every year from {years[0]} to {years[-1]}",
                             column="year", found=f"no row for {force} {period} {gaps[0]}")
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


def hours_per_special(changes: pd.DataFrame, headcount: pd.DataFrame, as_at_month: int = 9) -> pd.DataFrame:
    """Duty hours divided by the Specials' headcount on the last day of ``as_at_month`` of the same year.

    ``headcount`` has ``as_at, force, specials_headcount``. Adds
    ``headcount_as_at`` and ``headcount`` and ``hours_per_special`` (hours per person); both
    missing where no headcount exists for that year.
    """
    counts = headcount.assign(year=headcount["as_at"].dt.year)
    counts = counts[counts["as_at"].dt.month == as_at_month][["force", "year", "as_at", "specials_headcount"]]
    merged = changes.merge(counts.rename(columns={"as_at": "headcount_as_at",
                                                  "specials_headcount": "headcount"}),
                           on=["force", "year"], how="left")
    merged["hours_per_special"] = merged["duty_hours"].astype("float64") / merged["headcount"]
    return merged


def project_headcount(start: float, recruits_per_month: float, leavers_per_month: float,
                      months: list[str]) -> pd.DataFrame:
    """A stock-and-flow projection: each month, headcount + recruits − leavers, never below 0.

    ``months`` is the run of months (YYYY-MM) from the starting month, whose headcount is
    ``start``. Returns ``month`` and ``projected_headcount`` (people, not rounded).
    """
    values = [float(start)]
    for _ in months[1:]:
        values.append(max(0.0, values[-1] + recruits_per_month - leavers_per_month))
    return pd.DataFrame({"month": months, "projected_headcount": values})


PERIOD_WORDS = {"Jan-Sep": "January to September", "Jan-Dec": "the full year"}
"""How each duty-hours period reads inside a sentence."""
PERIOD_LABELS = {"Jan-Sep": "January to September", "Jan-Dec": "Full year"}
"""How each duty-hours period reads as a table or chart label."""


def change_phrase(pct: float, decimals: int = 1) -> str:
    """"3.1% fewer" / "1.2% more" / "the same" for a % change of hours."""
    if pd.isna(pct):
        return "no comparison (no figure for the year before)"
    if round(pct, decimals) == 0:
        return "about the same as the year before"
    return f"{abs(pct):.{decimals}f}% {'more' if pct > 0 else 'fewer'} than the year before"


def hours_sentence(changes: pd.DataFrame, forces: tuple[str, ...], period: str) -> str:
    """One sentence on the latest year of ``period`` for each force: hours and change."""
    parts = []
    for force in forces:
        rows = changes[(changes["force"] == force) & (changes["period"] == period)].dropna(subset=["duty_hours"])
        if rows.empty:
            parts.append(f"{force}: no hours recorded")
            continue
        last = rows.sort_values("year").iloc[-1]
        parts.append(f"{force}'s Specials logged {int(last['duty_hours']):,} hours in "
                     f"{PERIOD_WORDS[period]} {int(last['year'])}, {change_phrase(last['pct_change'])}")
    return "; ".join(parts) + "."


def mismatch_sentences(mismatches: pd.DataFrame) -> list[str]:
    """A sentence for each printed % change that disagrees with the hours it was printed beside."""
    return [
        f"{row.force}, {PERIOD_WORDS[row.period]} {int(row.year)}: the assessment printed "
        f"{row.pct_change_printed.replace(' ', '')} but its own hours ({int(row.previous_hours):,} in "
        f"{int(row.year) - 1}, {int(row.duty_hours):,} in {int(row.year)}) give {row.pct_change:+.1f}%, "
        f"a difference of {abs(row.difference_pp):.1f} percentage points."
        for row in mismatches.itertuples()
    ]


def project_forces(headcount: pd.DataFrame, forces: tuple[str, ...], months: list[str],
                   recruits_per_month: dict[str, float], leavers_per_month: dict[str, float]) -> pd.DataFrame:
    """``project_headcount`` for each force, starting from its headcount at the end of the first month.

    ``headcount`` has ``force, as_at, specials_headcount``. Returns ``force, month,
    projected_headcount`` and ``as_at`` (the month's last day); a force with no headcount at the
    start is left out.
    """
    start = pd.Timestamp(months[0]) + pd.offsets.MonthEnd(0)
    runs = []
    for force in forces:
        at_start = headcount[(headcount["force"] == force) & (headcount["as_at"] == start)]["specials_headcount"]
        if len(at_start):
            run = project_headcount(at_start.iloc[0], recruits_per_month[force], leavers_per_month[force], months)
            runs.append(run.assign(force=force))
    if not runs:
        return pd.DataFrame(columns=["force", "month", "projected_headcount", "as_at"])
    projection = pd.concat(runs, ignore_index=True)[["force", "month", "projected_headcount"]]
    return projection.assign(as_at=pd.to_datetime(projection["month"]) + pd.offsets.MonthEnd(0))
