"""data.police.uk street-level records counted by month, force and crime type.

Two files hold such counts: ``salah_replication/monthly_counts_by_force_crime_type_2015-01_2018-09.csv``
(derived from a replication archive's R data file) and
``police_uk_street/monthly_counts_by_force_crime_type_2018-10_2019-02.csv`` (counted from the street
files). Together they make 50 consecutive months, January 2015 to February 2019.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from ..errors import InputError
from .csvfile import Count, Label, Month, read_csv
from .dating import month_runs

KEY = ["month", "force", "crime_type"]


def read_monthly_counts(path: str | Path) -> pd.DataFrame:
    """Street-level records counted: one row per ``month, force, crime_type``.

    Columns: ``month`` (YYYY-MM, text), ``force`` (as data.police.uk names it, e.g.
    "Warwickshire Police"), ``crime_type`` (police.uk category, "Anti-social behaviour"
    included), ``count`` (records in that month; a whole number of 0 or more). Sorted by force,
    crime type and month. The file's path is kept in ``frame.attrs["source"]`` so that
    :func:`combine_monthly_counts` can name it. Raises InputError naming file, row and column.
    """
    table = read_csv(path, [Month("month"), Label("force"), Label("crime_type"), Count("count")], key=KEY)
    table = table.sort_values(["force", "crime_type", "month"]).reset_index(drop=True)
    table.attrs["source"] = str(path)
    return table


def combine_monthly_counts(frames: list[pd.DataFrame]) -> pd.DataFrame:
    """Join several files' counts into one series, in the columns of :func:`read_monthly_counts`.

    A (month, force, crime_type) found in more than one file must have the same count there, and
    is then kept once; different counts raise InputError naming both files. Every force and crime
    type must have a row for every month from the first month of all the files to the last: a gap
    between the files raises InputError naming every month missing (as runs, "2018-10 to
    2019-09"), a crime type one file lacks the first missing row.
    """
    if not frames:
        raise ValueError("combine_monthly_counts needs at least one frame")
    sources = [f.attrs.get("source", f"frame {i + 1}") for i, f in enumerate(frames)]
    where = " + ".join(sources)
    tagged = pd.concat(
        [f[KEY + ["count"]].assign(_source=s) for f, s in zip(frames, sources, strict=True)], ignore_index=True
    )

    counts = tagged.groupby(KEY)["count"].nunique()
    if (counts > 1).any():
        month, force, crime_type = counts[counts > 1].index.sort_values()[0]
        rows = tagged[(tagged["month"] == month) & (tagged["force"] == force) & (tagged["crime_type"] == crime_type)]
        found = "; ".join(f"{int(n)} in {Path(s).name}" for n, s in zip(rows["count"], rows["_source"], strict=True))
        raise InputError(where, f"one count for {month}, {force}, {crime_type}", column="count", found=found)

    table = (
        tagged.drop(columns="_source")
        .drop_duplicates(KEY)
        .sort_values(["force", "crime_type", "month"])
        .reset_index(drop=True)
    )
    months = [str(p) for p in pd.period_range(table["month"].min(), table["month"].max(), freq="M")]
    full = pd.MultiIndex.from_product(
        [sorted(table["force"].unique()), sorted(table["crime_type"].unique()), months],
        names=["force", "crime_type", "month"],
    )
    have = pd.MultiIndex.from_frame(table[["force", "crime_type", "month"]])
    missing = full.difference(have)
    if len(missing):
        gone = {m for _, _, m in missing}
        empty = sorted(m for m in gone if m not in set(table["month"]))
        if empty:  # months no file holds at all: a gap between the files
            found = f"no rows for {month_runs(empty)}"
        else:
            first = min(missing, key=lambda t: (t[2], t[0], t[1]))
            found = f"no row for {first[2]} ({first[0]}, {first[1]}; {len(missing)} missing in all)"
        raise InputError(where, f"a row for every month from {months[0]} to {months[-1]}", column="month", found=found)
    return table[KEY + ["count"]]
