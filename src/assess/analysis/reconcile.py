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


@dataclass(frozen=True)
class SourceComparison:
    """Two sources of one monthly series over the months both cover, whatever an edition loads.

    ``overlap``: the months both cover (YYYY-MM, sorted; empty when they share none);
    ``differing``: those whose counts differ; ``first_total`` and ``second_total``: each source's
    sum over ``overlap`` (counts); ``difference`` = first − second total (counts); ``pct``: that
    difference in % of the second total (NaN when it is 0 or nothing overlaps).
    """

    overlap: tuple[str, ...]
    differing: tuple[str, ...]
    first_total: int
    second_total: int
    difference: int
    pct: float

    @property
    def shared(self) -> bool:
        """Whether the two sources cover any month in common."""
        return bool(self.overlap)


def _by_month(series: pd.Series) -> pd.Series:
    """``series`` indexed by YYYY-MM text (from text or monthly Periods); ValueError on a repeated month."""
    out = pd.Series(series.to_numpy(), index=pd.PeriodIndex(series.index, freq="M").astype(str))
    if out.index.has_duplicates:
        raise ValueError("a source repeats a month")
    return out


def compare_sources(first: pd.Series, second: pd.Series) -> SourceComparison:
    """Compare two monthly count series of the same thing (each indexed by month, YYYY-MM or
    Periods), e.g. a printed series and the sum of the forces' own returns, over the months both
    cover. Never raises for series that share no month: ``SourceComparison.shared`` is then False.
    """
    both = pd.concat({"first": _by_month(first), "second": _by_month(second)}, axis=1, join="inner").sort_index()
    both = both.dropna().astype(int)
    first_total, second_total = int(both["first"].sum()), int(both["second"].sum())
    difference = first_total - second_total
    return SourceComparison(
        tuple(both.index),
        tuple(both.index[both["first"] != both["second"]]),
        first_total,
        second_total,
        difference,
        100.0 * difference / second_total if second_total else float("nan"),
    )
