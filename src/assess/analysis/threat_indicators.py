"""A threat measured from the shipped data, through the lookup of its crime types and offence codes:
:func:`recorded_indicator` gives the Home Office recorded crimes of the threat's offence codes in
one financial year, with their harm (weight × count) and their share of the force's harm. (A
threat's direction is the crime findings' own: ``assess.findings``.)
"""

from __future__ import annotations

import pandas as pd


def recorded_indicator(recorded: pd.DataFrame, forces: list[str], codes: list[str], weights: pd.Series) -> pd.DataFrame:
    """Recorded crimes of offence ``codes`` per force, with their harm.

    ``recorded`` has ``force`` (the project's name), ``offence_code`` and ``count`` (one financial
    year, quarters as rows); ``weights`` is the harm weight per offence code. Returns ``force``,
    ``crimes``, ``harm`` (crimes × weight, summed over the codes with a weight) and
    ``harm_share`` (% of the harm of all the force's recorded crime), one row per force of ``forces``.
    """
    mine = recorded[recorded["force"].isin(forces)].assign(harm=lambda d: d["count"] * d["offence_code"].map(weights))
    total = mine.groupby("force")["harm"].sum()
    chosen = mine[mine["offence_code"].isin(codes)].groupby("force")[["count", "harm"]].sum()
    chosen = chosen.reindex(forces, fill_value=0)
    return pd.DataFrame(
        {
            "force": forces,
            "crimes": chosen["count"].astype(int).to_numpy(),
            "harm": chosen["harm"].to_numpy(dtype=float),
            "harm_share": (100 * chosen["harm"] / total.reindex(forces)).to_numpy(dtype=float),
        }
    )


def unknown_categories(lookup: pd.DataFrame, crime_types: set[str], offence_codes: set[str]) -> pd.DataFrame:
    """Rows of the threat lookup whose crime type or offence code the data does not know."""
    known = lookup["source"].map({"police_uk": crime_types, "home_office_code": offence_codes})
    return lookup[[c not in k for c, k in zip(lookup["category"], known, strict=True)]]
