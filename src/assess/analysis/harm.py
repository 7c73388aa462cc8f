"""Crime harm: weight counts of recorded crime by how serious each offence is.

Two schemes: ``chi``, the Cambridge Crime Harm Index (CCHI 2026 median days of imprisonment per
Home Office offence subgroup), and ``css``, the ONS Crime Severity Score weight per offence code.
Counts reach a weight only through the crosswalk in ``data/reference/offence_crosswalk.csv``;
a count whose code has no weight is kept and marked unweighted, never dropped.
"""

from __future__ import annotations

import re

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


MAX_FIGURES = 3
"""A rate per 1,000 residents is shown to at most this many significant figures: a mid-year
population estimate is not exact to the person."""


def significant_figures(population: int) -> int:
    """How many significant figures a population as published carries (trailing zeros do not
    count): 500000 → 1, 1200000 → 2, 562143 → 6."""
    digits = str(int(population)).rstrip("0")
    return max(1, len(digits))


def round_to_population(rate: float, population: int) -> float:
    """``rate`` rounded to the precision of the ``population`` behind it: as many significant
    figures as the population has, and no more than ``MAX_FIGURES``."""
    figures = min(significant_figures(population), MAX_FIGURES)
    return float(f"{rate:.{figures}g}")


def index_shares(weighed: pd.DataFrame, by: str, indices: dict[str, str], count: str = "count") -> pd.DataFrame:
    """Each group's share of volume and of harm under several indices, side by side.

    ``weighed`` holds ``count`` and one harm column per index (``indices``: index name → column;
    rows with any harm missing are left out, so every share has the same crimes behind it).
    Returns ``by``, ``count``, ``volume_share`` and ``<index>_share`` for each index, in percent,
    and ``<index>_rank`` (1 = most harm), sorted by the first index's share.
    """
    rows = weighed.dropna(subset=list(indices.values()))
    grouped = rows.groupby(by, as_index=False)[[count, *indices.values()]].sum()
    out = grouped[[by, count]].assign(volume_share=100 * grouped[count] / grouped[count].sum())
    for name, column in indices.items():
        out[f"{name}_share"] = 100 * grouped[column] / grouped[column].sum()
        out[f"{name}_rank"] = out[f"{name}_share"].rank(ascending=False, method="min").astype(int)
    first = next(iter(indices))
    return out.sort_values(f"{first}_share", ascending=False).reset_index(drop=True)


ONS_INVERTED = re.compile(r"^(?P<name>.+), (?P<kind>County|City) of$")
"""ONS writes some district names inverted: "Herefordshire, County of"."""


def district_name(ons_name: str) -> str:
    """A district's name as the policing areas lookup writes it: ONS's inverted "Herefordshire,
    County of" becomes "Herefordshire"; other names are unchanged."""
    match = ONS_INVERTED.match(ons_name)
    return match["name"] if match else ons_name


def population_year(months: list[str], available) -> int:
    """The mid-year population estimate to divide by for a run of months (YYYY-MM): the year of
    its middle month (for April 2017 to March 2018, 2017) or, when the edition does not hold that
    estimate, the ``available`` year nearest to it (the earlier of two as near)."""
    wanted = int(sorted(months)[(len(months) - 1) // 2][:4])
    return min(sorted(int(y) for y in available), key=lambda y: abs(y - wanted))


def area_population(population: pd.DataFrame, areas: pd.DataFrame, year: int) -> pd.DataFrame:
    """Residents of each policing area at mid-``year``: the sum of its districts.

    ``population`` is the ``district_population`` dataset (``lad_name, year, population``);
    ``areas`` the policing areas lookup (``force, policing_area, local_authority``), joined on the
    district's name (``district_name``). Returns ``force, policing_area, population, districts``.
    Raises ValueError naming any district of the lookup that has no population that year.
    """
    rows = population[population["year"] == int(year)]
    people = dict(zip(rows["lad_name"].map(district_name), rows["population"], strict=True))
    missing = sorted(set(areas["local_authority"]) - set(people))
    if missing:
        raise ValueError(f"no mid-{year} population for the districts {', '.join(missing)}")
    joined = areas.assign(population=areas["local_authority"].map(people))
    return joined.groupby(["force", "policing_area"], as_index=False).agg(
        population=("population", "sum"), districts=("local_authority", "size")
    )
