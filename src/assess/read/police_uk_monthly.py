"""data.police.uk records counted by month, force and crime type."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from .csvfile import Column, Count, Month, read_csv


def read_monthly_counts(path: str | Path) -> pd.DataFrame:
    """``month, force`` (as data.police.uk names it), ``crime_type, count``: one row each."""
    return read_csv(
        path,
        [Month("month"), Column("force"), Column("crime_type"), Count("count")],
        key=["month", "force", "crime_type"],
    )
