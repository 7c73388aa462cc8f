"""The assessment-summary matrix: each issue's direction of travel and its quarter of the matrix."""

from __future__ import annotations

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
