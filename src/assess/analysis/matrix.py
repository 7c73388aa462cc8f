"""The assessment-summary matrix: each issue's direction of travel and its quarter of the matrix."""

from __future__ import annotations

import numpy as np
import pandas as pd


def movements(issues: pd.DataFrame, scale: dict) -> pd.DataFrame:
    """Direction of travel of each issue: adds ``d_probability``, ``d_demand``, ``moved`` and
    ``quadrant`` (this year's, "high demand, high probability" and so on, split at the scale's
    midpoint; a score on the midpoint counts as low)."""
    mid = (scale["min"] + scale["max"]) / 2
    out = issues.assign(
        d_probability=issues["probability"] - issues["last_probability"],
        d_demand=issues["demand"] - issues["last_demand"],
    )
    out["moved"] = (out["d_probability"] != 0) | (out["d_demand"] != 0)
    demand = out["demand"].gt(mid).map({True: "high", False: "low"})
    probability = out["probability"].gt(mid).map({True: "high", False: "low"})
    out["quadrant"] = demand + " demand, " + probability + " probability"
    return out


def positions(moves: pd.DataFrame, gap: float) -> pd.DataFrame:
    """Where the matrix draws each marker, so that no issue hides another.

    One row per marker: this year's position of every issue and last year's of each issue that
    ``moved`` (``movements``), with ``id``, ``year`` ("last" or "this"), the scores
    ``probability`` and ``demand``, and ``x`` and ``y``, where it is drawn. A marker alone at
    its scores is drawn there; markers sharing scores are spread evenly round a circle centred
    on them, neighbours ``gap`` apart (in score units), last year's first and then by ``id``,
    starting straight above the centre and going clockwise, so the same register gives the
    same picture.
    """
    last = moves[moves["moved"]].assign(
        year="last", probability=lambda d: d["last_probability"], demand=lambda d: d["last_demand"]
    )
    this = moves.assign(year="this")
    marks = pd.concat([last, this])[["id", "year", "probability", "demand"]].reset_index(drop=True)
    marks["x"], marks["y"] = marks["probability"].astype(float), marks["demand"].astype(float)
    for _, group in marks.sort_values(["year", "id"]).groupby(["probability", "demand"], sort=False):
        n = len(group)
        if n == 1:
            continue
        radius = gap / (2 * np.sin(np.pi / n))
        angles = np.pi / 2 - 2 * np.pi * np.arange(n) / n
        marks.loc[group.index, "x"] += radius * np.cos(angles)
        marks.loc[group.index, "y"] += radius * np.sin(angles)
    return marks
