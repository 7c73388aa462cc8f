"""Crime harm: weight counts of recorded crime by how serious each offence is.

Two schemes: ``chi``, the Cambridge Crime Harm Index (CCHI 2026 median days of imprisonment per
Home Office offence subgroup), and ``css``, the ONS Crime Severity Score weight per offence code.
Counts reach a weight only through the crosswalk in ``data/reference/offence_crosswalk.csv``;
a count whose code has no weight is kept and marked unweighted, never dropped.
"""

from __future__ import annotations

import pandas as pd


def offence_weights(crosswalk: pd.DataFrame, chi: pd.DataFrame, css: pd.DataFrame) -> pd.DataFrame:
    """Both weights for every offence code of the crosswalk.

    Returns ``offence_code``, ``chi_subgroup``, ``police_uk_category``, ``chi`` (days) and ``css``
    (severity weight); a weight is missing where the crosswalk names a subgroup or code that the
    weight file lacks.
    """
    out = crosswalk[["offence_code", "offence_description", "chi_subgroup", "css_code", "police_uk_category"]]
    out = out.merge(chi[["chi_subgroup", "cchi_days"]], on="chi_subgroup", how="left")
    out = out.merge(css[["css_code", "css_weight"]], on="css_code", how="left")
    return out.rename(columns={"cchi_days": "chi", "css_weight": "css"}).drop(columns="css_code")


def weigh(counts: pd.DataFrame, weights: pd.Series, key: str, count: str = "count") -> pd.DataFrame:
    """Add ``weight`` and ``harm`` (= count × weight) to a frame of counts.

    ``weights`` is a Series indexed by the values of ``counts[key]`` (offence code, subgroup or
    police.uk category). Rows whose key has no weight get ``weight`` and ``harm`` missing and
    ``weighted`` False; every row of ``counts`` is returned, in order.
    """
    weight = counts[key].map(weights)
    return counts.assign(weight=weight, harm=counts[count] * weight, weighted=weight.notna())


def unweighted(weighed: pd.DataFrame, key: str, count: str = "count") -> pd.DataFrame:
    """The keys that got no weight, with their total count, largest first."""
    missing = weighed[~weighed["weighted"]]
    return missing.groupby(key, as_index=False)[count].sum().sort_values(count, ascending=False).reset_index(drop=True)


def category_weights(weights: pd.DataFrame, category: str, weight: str, volume: str) -> pd.Series:
    """A weight per ``category``: the mean of the member weights, weighted by their ``volume``.

    For police.uk categories from subgroup weights: a category's weight is the harm of an average
    crime of that category, so category counts × category weight equal the subgroup harm when the
    subgroup mix matches the volumes used.
    """
    valid = weights.dropna(subset=[weight])
    totals = valid.assign(product=valid[weight] * valid[volume]).groupby(category)[["product", volume]].sum()
    return (totals["product"] / totals[volume]).rename(weight)


def shares(weighed: pd.DataFrame, by: str, count: str = "count") -> pd.DataFrame:
    """Each group's share of volume (count) and of harm, in percent of the weighted rows' totals.

    Returns ``by``, ``count``, ``harm``, ``volume_share`` and ``harm_share``, by harm share.
    """
    rows = weighed[weighed["weighted"]]
    grouped = rows.groupby(by, as_index=False)[[count, "harm"]].sum()
    grouped["volume_share"] = 100 * grouped[count] / grouped[count].sum()
    grouped["harm_share"] = 100 * grouped["harm"] / grouped["harm"].sum()
    return grouped.sort_values("harm_share", ascending=False).reset_index(drop=True)


def per_thousand(value: float, population: float) -> float:
    """``value`` per 1,000 residents."""
    return 1000.0 * value / population


def css_category_weights(weights: pd.DataFrame, recorded: pd.DataFrame) -> pd.Series:
    """CSS weight per police.uk category: the code weights averaged by recorded volume.

    ``weights`` is ``offence_weights`` output (``offence_code``, ``police_uk_category``, ``css``);
    ``recorded`` the counts whose volumes to use (``offence_code``, ``count``; negative
    adjustments count as zero).
    """
    volumes = recorded.groupby("offence_code", as_index=False)["count"].sum()
    codes = weights.merge(volumes, on="offence_code").assign(count=lambda d: d["count"].clip(lower=0))
    return category_weights(codes, "police_uk_category", "css", "count")
