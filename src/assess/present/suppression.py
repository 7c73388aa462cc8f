"""Suppression of small counts, as a property of the value: a count from 1 to the threshold
minus 1 becomes a :class:`Suppressed` value, which every place that publishes it (glue, and so
the prose, the figures appendix and ``figures.json``; tables, chart data and their CSV downloads,
``assess.present.tables``) shows as "<threshold". A table's download follows the table: a cell
hidden on the page is hidden in the CSV. A count that would let a reader recover a hidden one by
subtraction (the only other part of a published total, or the total itself) is hidden too, and so
is a value computed from a hidden count (a daily rate, a ratio to a model, a difference): name
those as ``derived`` (:func:`suppress`).

Which counts are suppressed is said once, in the data catalogue: a dataset's ``suppressed`` lists
its columns of counts that are never published below ``thresholds.suppress_below`` (the hate
crime series); a chapter that reads such a dataset must declare ``thresholds``
(:func:`suppressed_columns`).
"""

from __future__ import annotations

import numbers
from dataclasses import dataclass

import numpy as np
import pandas as pd


@dataclass(frozen=True)
class Suppressed:
    """A count that is not published; shown as ``"<below"`` wherever it lands."""

    below: int

    def __str__(self) -> str:
        return f"<{self.below}"


def is_small(value: object, below: int) -> bool:
    """True when ``value`` is a whole count from 1 to ``below`` − 1 (zero discloses nothing)."""
    return isinstance(value, numbers.Real) and not isinstance(value, bool) and not pd.isna(value) and 1 <= value < below


def protect(value: object, below: int) -> object:
    """``value``, or ``Suppressed(below)`` when it is a small count (see :func:`is_small`)."""
    return Suppressed(below) if is_small(value, below) else value


def shown_count(value: object, below: int) -> str:
    """A count as a sentence shows it: with thousands separators ("1,234"), or "<below" when it
    is a small count (:func:`is_small`)."""
    return str(Suppressed(below)) if is_small(value, below) else f"{int(value):,}"


def hide_in_group(values: list, below: int, total_published: bool = True) -> tuple[list[bool], bool]:
    """Which counts of a group to hide, and whether to hide the group's total.

    Small counts are hidden. When the total is published and exactly one count is hidden, it
    could be recovered by subtracting the others from the total, so the smallest other count
    is hidden too; when there is no other count, the total is hidden instead. Returns one flag
    per value (True: hide) and the flag for the total.
    """
    hide = [is_small(v, below) for v in values]
    if not total_published or sum(hide) != 1:
        return hide, False
    others = [i for i, hidden in enumerate(hide) if not hidden]
    if not others:
        return hide, True
    hide[min(others, key=lambda i: values[i])] = True
    return hide, False


def suppress(
    frame: pd.DataFrame, columns: list[str], below: int, derived: dict[str, str | list[str]] | None = None
) -> tuple[pd.DataFrame, int]:
    """Hide counts from 1 to ``below`` − 1 in ``columns`` (shown as "<below"), for sensitive tables.

    ``derived`` maps a column computed from counts (a rate, a ratio, a difference) to the count
    column or columns it was computed from: in each row where one of them is hidden, it is hidden
    too, since it would give the count back. Zero is shown: it discloses nothing. Returns the new
    frame and how many count cells were hidden.
    """
    out, hidden, masks = frame.copy(), 0, {}
    for column in columns:
        small = frame[column].map(lambda v: is_small(v, below)).astype(bool)
        masks[column] = small.to_numpy()
        hidden += int(small.sum())
        out[column] = frame[column].astype(object).where(~small, Suppressed(below))
    for column, sources in (derived or {}).items():
        sources = [sources] if isinstance(sources, str) else sources
        unknown = [c for c in sources if c not in masks]
        if unknown:
            raise KeyError(f"derived column {column!r} names counts that are not suppressed here: {unknown}")
        mask = np.zeros(len(frame), dtype=bool)
        for source in sources:
            mask = mask | masks[source]
        out[column] = frame[column].astype(object).where(~mask, Suppressed(below))
    return out, hidden


def follow(shown: pd.DataFrame, data: pd.DataFrame) -> pd.DataFrame:
    """``data`` (the numbers behind a table, for its download) with every cell hidden that is
    hidden in the same column and row of ``shown`` (the table as the page shows it). Columns
    ``shown`` lacks, or a ``data`` of another length, are left as they are."""
    if len(shown) != len(data):
        return data
    out = data
    for column in shown.columns.intersection(data.columns):
        hidden = shown[column].map(lambda v: isinstance(v, Suppressed)).to_numpy(dtype=bool)
        if hidden.any():
            out = out.copy() if out is data else out
            marker = next(v for v in shown[column] if isinstance(v, Suppressed))
            out[column] = out[column].astype(object).where(~hidden, marker)
    return out


def suppressed_columns(catalogue: dict[str, dict]) -> dict[str, list[str]]:
    """Each dataset whose counts are suppressed, with those columns (the catalogue's ``suppressed``)."""
    return {name: list(entry["suppressed"]) for name, entry in catalogue.items() if entry.get("suppressed")}


def suppress_with_total(frame: pd.DataFrame, parts: list[str], total: str, below: int) -> tuple[pd.DataFrame, int]:
    """Like :func:`suppress` for a table whose ``parts`` columns add up to its ``total`` column:
    in each row, a lone hidden part is joined by the smallest other part (or, with no other
    part, the total is hidden), so that no hidden count can be recovered by subtraction; a
    small total is hidden as well. Returns the new frame and how many cells were hidden."""
    out, hidden = frame.copy().astype({c: object for c in [*parts, total]}), 0
    for index, row in frame.iterrows():
        hide, hide_total = hide_in_group([row[c] for c in parts], below)
        hide_total = hide_total or is_small(row[total], below)
        for column, flag in zip([*parts, total], [*hide, hide_total], strict=True):
            if flag:
                out.at[index, column] = Suppressed(below)
                hidden += 1
    return out, hidden
