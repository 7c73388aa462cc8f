"""Summaries of the registers: recommendations by status, the owners of each threat's
recommendations, the priorities the Community Safety Partnerships share, the risks scored, and
how many of the entries an edition shows are carried forward from an earlier assessment."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import pandas as pd

from ..errors import InputError
from ..read.scope import carried_forward

STATUSES = ("adopted", "ongoing", "business as usual", "closed")
"""Statuses of a recommendation, in the order the book lists them."""


def status_counts(recommendations: pd.DataFrame) -> pd.DataFrame:
    """Recommendations by status, in the order adopted, ongoing, business as usual, closed."""
    counts = recommendations["status"].value_counts().reindex(list(STATUSES), fill_value=0)
    return counts.rename_axis("status").reset_index(name="recommendations")


def shared_priorities(priorities: pd.DataFrame, partnerships: pd.DataFrame, forces: tuple[str, ...]) -> pd.DataFrame:
    """Priorities × forces: the share of each force's partnerships listing each priority.

    Returns one row per priority with, per force, ``<force>`` (count listing) and a ``share``
    (of all the edition's partnerships, percent); most shared first. A count above the number
    of partnerships raises InputError.
    """
    size = partnerships.groupby("force").size()
    mine = priorities[priorities["force"].isin(forces)]
    too_many = mine[mine["partnerships_listing"] > mine["force"].map(size)]
    if len(too_many):
        row = too_many.iloc[0]
        raise InputError(
            "csp priorities",
            f"at most {size[row['force']]} partnerships for {row['force']}",
            column="partnerships_listing",
            found=int(row["partnerships_listing"]),
        )
    wide = mine.pivot_table(
        index="priority", columns="force", values="partnerships_listing", fill_value=0, aggfunc="sum"
    )
    wide = wide.reindex(columns=list(forces), fill_value=0).astype(int)
    wide["share"] = 100 * wide.sum(axis=1) / int(size.reindex(list(forces)).sum())
    return wide.sort_values(["share"], ascending=False).reset_index()


def score_risks(risks: pd.DataFrame) -> pd.DataFrame:
    """Adds ``score`` = likelihood × impact to the strategic risks; highest score first, then id."""
    scored = risks.assign(score=risks["likelihood"] * risks["impact"])
    return scored.sort_values(["score", "id"], ascending=[False, True]).reset_index(drop=True)


def owners(threat_id: str, ahead: pd.DataFrame | None) -> list[str]:
    """The owners (roles, as the register names them) of the recommendations for the year ahead
    that address the threat ``threat_id``, each once, in the order of the recommendations'
    numbers; ``[]`` when none does or ``ahead`` is None. ``ahead``: an edition's recommendations
    for the year ahead (columns ``number``, ``owner``, ``threat``), the one register of owners."""
    if ahead is None:
        return []
    mine = ahead[ahead["threat"] == threat_id].sort_values("number", kind="stable")
    return list(dict.fromkeys(mine["owner"]))


@dataclass(frozen=True)
class Review:
    """How many of the entries a page shows are carried forward: ``carried`` of ``total`` entries
    were last reviewed a year or more before the edition's as-of month (``scope.carried_forward``),
    the earliest in ``oldest`` and the latest in ``newest`` (YYYY-MM; None when none is carried)."""

    carried: int
    total: int
    oldest: str | None
    newest: str | None


def review(reviewed: Iterable[str], as_of: str) -> Review:
    """The :class:`Review` of entries last reviewed in the months ``reviewed`` (YYYY-MM, one per
    entry) for an edition written as of ``as_of`` (YYYY-MM-DD)."""
    months = list(reviewed)
    carried = sorted(m for m in months if carried_forward(m, as_of))
    return Review(len(carried), len(months), carried[0] if carried else None, carried[-1] if carried else None)
