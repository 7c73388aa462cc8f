"""Two sources of the same monthly count set side by side: where and by how much they differ."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd


@dataclass(frozen=True)
class Differences:
    """How ``first`` differs from ``second`` over the months both cover.

    ``months``: months compared; ``differing``: months whose counts differ; ``first_lower`` /
    ``first_higher``: months where the first source is lower / higher; ``first_total`` and
    ``second_total``: the sums over the months compared (counts); ``difference`` = first − second
    total; ``pct``: that difference in % of the second total; ``start``, ``end``: first and last
    month compared (YYYY-MM).
    """

    months: int
    differing: int
    first_lower: int
    first_higher: int
    first_total: int
    second_total: int
    difference: int
    pct: float
    start: str
    end: str


def side_by_side(first: pd.Series, second: pd.Series) -> pd.DataFrame:
    """Monthly counts of two sources (each indexed by month, YYYY-MM) over the months both cover:
    ``month, first, second, difference`` (first − second), sorted by month."""
    both = pd.concat({"first": first, "second": second}, axis=1, join="inner").sort_index()
    if both.empty:
        raise ValueError("the two sources share no month")
    both = both.astype(int)
    both["difference"] = both["first"] - both["second"]
    return both.rename_axis("month").reset_index()


def differences(compared: pd.DataFrame) -> Differences:
    """The summary of a ``side_by_side`` table (see ``Differences``)."""
    first, second = int(compared["first"].sum()), int(compared["second"].sum())
    return Differences(
        months=len(compared),
        differing=int((compared["difference"] != 0).sum()),
        first_lower=int((compared["difference"] < 0).sum()),
        first_higher=int((compared["difference"] > 0).sum()),
        first_total=first,
        second_total=second,
        difference=first - second,
        pct=100.0 * (first - second) / second if second else float("nan"),
        start=str(compared["month"].iloc[0]),
        end=str(compared["month"].iloc[-1]),
    )


def largest_gaps(compared: pd.DataFrame, n: int = 3) -> pd.DataFrame:
    """The ``n`` months where the two sources differ most (by absolute difference, then month)."""
    ranked = compared.assign(size=compared["difference"].abs()).sort_values(["size", "month"], ascending=[False, True])
    return ranked[ranked["size"] > 0].head(n).drop(columns="size").reset_index(drop=True)
