"""Summaries of the transcribed registers: recommendations by status, and the priorities the
Community Safety Partnerships share."""

from __future__ import annotations

import pandas as pd

from ..errors import InputError

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
