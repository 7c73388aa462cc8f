"""Suppression of small counts, as a property of the value: a count from 1 to the threshold
minus 1 becomes a :class:`Suppressed` value, which every place that publishes it (glue, and so
the prose, the figures appendix and ``figures.json``; tables and their CSV downloads) shows as
"<threshold". A count that would let a reader recover a hidden one by subtraction (the only
other part of a published total, or the total itself) is hidden too.
"""

from __future__ import annotations

import numbers
from dataclasses import dataclass

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


def suppress(frame: pd.DataFrame, columns: list[str], below: int) -> tuple[pd.DataFrame, int]:
    """Hide counts from 1 to ``below`` − 1 in ``columns`` (shown as "<below"), for sensitive tables.

    Zero is shown: it discloses nothing. Returns the new frame and how many cells were hidden.
    """
    out, hidden = frame.copy(), 0
    for column in columns:
        small = frame[column].map(lambda v: is_small(v, below)).astype(bool)
        hidden += int(small.sum())
        out[column] = frame[column].astype(object).where(~small, Suppressed(below))
    return out, hidden


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
