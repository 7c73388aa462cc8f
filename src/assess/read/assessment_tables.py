"""Tables of a printed Strategic Assessment, transcribed: hate crime by month and its printed
yearly totals, recorded crime by policing area and its printed totals, and the Special
Constabulary's establishment, duty hours and flows.

Figures the document printed are kept in their own ``*_printed`` columns, as printed, so the
book can check them against its own computation.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from .csvfile import Column, Count, Label, Month, Printed, read_csv, require_every_month


def read_hate_crime_monthly(path: str | Path) -> pd.DataFrame:
    """Recorded hate crime, the document's forces together: ``month`` (YYYY-MM), ``recorded_crimes``
    (count), in month order. A month missing from the run raises InputError: trend tests need every month."""
    table = read_csv(path, [Month("month"), Count("recorded_crimes")], key=["month"])
    require_every_month(table["month"], path, "month")
    return table.sort_values("month").reset_index(drop=True)


def read_hate_crime_totals_printed(path: str | Path) -> pd.DataFrame:
    """Yearly hate crime totals as the document printed them: ``financial_year`` (YYYY-YY), ``total_printed``."""
    return read_csv(path, [Column("financial_year"), Count("total_printed")], key=["financial_year"])


def read_area_crime(path: str | Path) -> pd.DataFrame:
    """Recorded crime by policing area: ``policing_area, month`` (YYYY-MM), ``recorded_crimes``."""
    return read_csv(
        path, [Label("policing_area"), Month("month"), Count("recorded_crimes")], key=["policing_area", "month"]
    )


def read_area_total_printed(path: str | Path) -> pd.DataFrame:
    """A force's monthly recorded crime total as printed: ``month`` (YYYY-MM), ``total_printed``."""
    return read_csv(path, [Month("month"), Count("total_printed")], key=["month"])


def read_specials_duty_hours(path: str | Path, forces: list[str]) -> pd.DataFrame:
    """Special Constabulary duty hours: ``force, period, year, duty_hours, pct_change_printed``.

    ``period`` is ``Jan-Sep`` (year to date) or ``Jan-Dec`` (full year); ``duty_hours`` is
    hours logged (empty where the document printed N/A); ``pct_change_printed`` is the
    document's text exactly as printed. ``force`` must be one of ``forces``.
    """
    return read_csv(
        path,
        [
            Column("force", allowed=tuple(forces)),
            Column("period", allowed=("Jan-Sep", "Jan-Dec")),
            Count("year"),
            Count("duty_hours", required=False),
            Printed(
                "pct_change_printed",
                required=False,
                pattern=r"N/A|[+-]?\s*\d+(\.\d+)?\s*%",
                form='a % change as printed ("- 36.2%", "+1.2%") or N/A',
            ),
        ],
        key=["force", "period", "year"],
    )


def read_specials_establishment(path: str | Path, forces: list[str]) -> pd.DataFrame:
    """Specials headcount including those in training: ``force, as_at`` (YYYY-MM), ``specials_headcount``."""
    return read_csv(
        path,
        [Column("force", allowed=tuple(forces)), Month("as_at"), Count("specials_headcount")],
        key=["force", "as_at"],
    )


def read_specials_flows(path: str | Path, forces: list[str]) -> pd.DataFrame:
    """Specials recruited and resigning, as printed: ``force, recruited_since_oct_2015, resignations_per_month``."""
    return read_csv(
        path,
        [Column("force", allowed=tuple(forces)), Count("recruited_since_oct_2015"), Count("resignations_per_month")],
        key=["force"],
    )
