"""A dataset cut to an edition's period for it: what a chapter sees of a series in time.

Every dated dataset (its reader's ``dated`` rule, ``assess.read.dating``) is cut to the period the
edition names for it; nothing dated after the as-of date passes, and a dataset that does not cover
its period is reported as ``PeriodNotCovered`` (one line: dataset, period asked, period found).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .dating import Cut, PeriodNotCovered, cut
from .registry import READERS, read_dataset

if TYPE_CHECKING:
    from ..edition import Edition


def cut_dataset(edition: Edition, name: str, data=None) -> Cut | None:
    """Dataset ``name`` (read when ``data`` is None) cut to the edition's period for it; None
    for a dataset that is not dated (a lookup, weights, a register)."""
    reader = READERS[name]
    if reader.dated is None or name not in edition.periods:
        return None
    return cut(read_dataset(edition, name) if data is None else data, reader.dated, edition.periods[name])


def read_period(edition: Edition, name: str, data=None):
    """Dataset ``name`` as a chapter sees it: the rows of the edition's period for it, nothing
    dated after the edition's as-of date (``data``: the dataset as its reader returned it, read
    here when None). Raises PeriodNotCovered when the rows do not cover the period (one line:
    dataset, period asked, period found)."""
    data = read_dataset(edition, name) if data is None else data
    kept = cut_dataset(edition, name, data)
    if kept is None:
        return data
    if not kept.covered:
        raise PeriodNotCovered(name, edition.periods[name], kept.holds, kept.missing)
    return kept.rows.reset_index(drop=True)


def uncovered(edition: Edition, names: list[str]) -> list[PeriodNotCovered]:
    """For each of the dated datasets ``names`` that does not cover its period, why not."""
    problems = []
    for name in names:
        kept = cut_dataset(edition, name)
        if kept is not None and not kept.covered:
            problems.append(PeriodNotCovered(name, edition.periods[name], kept.holds, kept.missing))
    return problems
