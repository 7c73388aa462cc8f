"""A threat measured from the shipped data, through the lookup of its crime types and offence codes.

Two measures, each one small table per threat with a row per force:

- :func:`street_indicator`: data.police.uk crimes of the threat's crime types in the edition's
  months against the same months a year before (counts; a Poisson rate-ratio test of the daily
  rates decides whether the change is more than chance);
- :func:`recorded_indicator`: Home Office recorded crimes of the threat's offence codes in one
  financial year, with their harm (weight × count) and their share of the force's harm.
"""

from __future__ import annotations

import pandas as pd

from ..periods import days_in_month, shift_month
from .period_compare import compare_totals

ALPHA = 0.05

VERDICTS = ("higher", "lower", "no clear change", "no comparison")
"""The words of a comparison: the rate rose or fell beyond chance, did not, or could not be compared."""


def year_before(months: list[str]) -> list[str]:
    """The same months one year earlier."""
    return [shift_month(m, -12) for m in months]


def street_indicator(
    counts: pd.DataFrame, forces: dict[str, str], categories: list[str], months: list[str]
) -> pd.DataFrame:
    """Crimes of ``categories`` per force in ``months`` and in the same months a year before.

    ``counts`` has ``month``, ``force`` (data.police.uk's name), ``crime_type`` and ``count``;
    ``forces`` maps data.police.uk's force name → the project's, in the order rows are wanted.
    Returns ``force``, ``now`` and ``before`` (crimes), ``pct_change`` (of the daily rate, %;
    missing when there is nothing to compare), ``p_value`` (two-sided, Poisson score test of the
    daily rates: ``period_compare.compare_totals``) and ``verdict`` (one of :data:`VERDICTS`). ``before`` is missing
    when the data does not reach back a year.
    """
    earlier = year_before(months)
    have = set(counts["month"])
    chosen = counts[counts["crime_type"].isin(categories)]
    rows = []
    for source, force in forces.items():
        mine = chosen[chosen["force"] == source]
        now = int(mine.loc[mine["month"].isin(months), "count"].sum())
        row = {"force": force, "now": now, "before": pd.NA, "pct_change": float("nan"), "p_value": float("nan")}
        row["verdict"] = "no comparison"
        if set(earlier) <= have:
            before = int(mine.loc[mine["month"].isin(earlier), "count"].sum())
            row["before"] = before
            if before > 0:
                days_now, days_before = sum(map(days_in_month, months)), sum(map(days_in_month, earlier))
                ratio, p = compare_totals(now, days_now, before, days_before)
                row.update(pct_change=(ratio - 1) * 100, p_value=p)
                row["verdict"] = "no clear change" if p >= ALPHA else ("higher" if ratio > 1 else "lower")
        rows.append(row)
    out = pd.DataFrame(rows)
    out["before"] = out["before"].astype("Int64")
    return out


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
