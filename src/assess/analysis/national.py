"""A force among the territorial forces of England and Wales: rates, ranks, spread, outliers and
the book's own peer group.

Every function takes plain frames or Series indexed by force and returns numbers; none writes prose.
Rank 1 is the highest value (the most crimes per officer, the most Specials per 100 officers).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

SUBGROUPS_OF_GROUP = {
    "Sexual offences": ("Rape offences", "Other sexual offences"),
    "Robbery": ("Robbery of business property", "Robbery of personal property"),
    "Criminal damage and arson": ("Criminal damage", "Arson"),
    "Drug offences": ("Possession of drugs", "Trafficking of drugs"),
    "Domestic burglary": ("Residential burglary",),
    "Non-domestic burglary": ("Non-residential burglary",),
    "Death or serious injury caused by illegal driving": ("Death or serious injury - unlawful driving",),
    "All other theft offences": ("Other theft offences",),
}
"""Offence groups of the Home Office table by force area whose Crime Harm Index subgroups have
other names (or are several); every other group is a subgroup of the same name. Burglary before
the April 2017 reclassification takes the weight of its successor (domestic → residential)."""

VIOLENT_AND_SEXUAL = (
    "Homicide",
    "Violence with injury",
    "Violence without injury",
    "Stalking and harassment",
    "Death or serious injury caused by illegal driving",
    "Sexual offences",
)
"""Offence groups counted as violence against the person and sexual offences."""

TUKEY_K = 1.5
"""An outlier lies more than this many interquartile ranges beyond the lower or upper quartile."""


def group_weights(chi: pd.DataFrame, groups: list[str]) -> pd.Series:
    """The Crime Harm Index weight of each offence group, days of imprisonment per crime.

    ``chi``: the CHI weights (``chi_subgroup``, ``cchi_days``, ``national_count_2024_25``). A group
    of several subgroups (:data:`SUBGROUPS_OF_GROUP`) weighs the mean of theirs, weighted by their
    national counts, i.e. an average crime of the group. Returns a Series indexed by ``groups``;
    a group whose subgroups the weights lack is missing (NaN).
    """
    table = chi.set_index("chi_subgroup")
    out = {}
    for group in groups:
        members = [m for m in SUBGROUPS_OF_GROUP.get(group, (group,)) if m in table.index]
        if not members:
            out[group] = np.nan
            continue
        rows = table.loc[members]
        out[group] = float(
            (rows["cchi_days"] * rows["national_count_2024_25"]).sum() / rows["national_count_2024_25"].sum()
        )
    return pd.Series(out, name="cchi_days", dtype=float)


def force_years(crime: pd.DataFrame, weights: pd.Series) -> pd.DataFrame:
    """Recorded crime, harm and crime mix by force and financial year.

    ``crime``: ``financial_year``, ``force``, ``offence_group``, ``count``; ``weights``: days per
    crime by offence group (:func:`group_weights`). Returns ``financial_year``, ``force``, ``crimes``
    (recorded crimes), ``harm`` (CHI days), ``harm_per_crime`` (days per recorded crime),
    ``violent_share`` (percent of recorded crimes that are violence or sexual offences),
    and ``unweighted`` (crimes whose group has no weight, counted in volume only).
    """
    rows = crime.assign(weight=crime["offence_group"].map(weights).fillna(0), known=crime["offence_group"].map(weights))
    rows = rows.assign(
        harm=rows["count"] * rows["weight"],
        violent=rows["count"].where(rows["offence_group"].isin(VIOLENT_AND_SEXUAL), 0),
        unweighted=rows["count"].where(rows["known"].isna(), 0),
    )
    columns = ["count", "harm", "violent", "unweighted"]
    out = rows.groupby(["financial_year", "force"], as_index=False)[columns].sum()
    out = out.rename(columns={"count": "crimes"})
    out["harm_per_crime"] = out["harm"] / out["crimes"]
    out["violent_share"] = 100 * out["violent"] / out["crimes"]
    return out.drop(columns=["violent"])


def workforce_by_force(workforce: pd.DataFrame, home_office_names: dict[str, str]) -> pd.DataFrame:
    """The Home Office workforce table's force rows, one row per force and date.

    ``workforce``: the tidy table (``as_at``, ``area``, ``level``, ``measure``, ``value``);
    ``home_office_names``: Home Office name → the project's force name ("&" and "and" are the same).
    Returns ``as_at`` (YYYY-MM-DD), ``force``, ``officers`` (police officers, full-time
    equivalent) and ``specials`` (Special Constables, headcount); a force row whose name the
    registry lacks is dropped.
    """
    names = {_plain(k): v for k, v in home_office_names.items()}
    rows = workforce[workforce["level"] == "force"].assign(force=lambda t: t["area"].map(_plain).map(names))
    wide = rows.dropna(subset=["force"]).pivot_table(index=["as_at", "force"], columns="measure", values="value")
    wide = wide.rename(columns={"police_officers_fte": "officers", "special_constables_headcount": "specials"})
    return wide.reset_index()[["as_at", "force", "officers", "specials"]]


def _plain(name: str) -> str:
    return " ".join(name.replace("&", "and").split()).lower()


def year_end(financial_year: str) -> str:
    """The last day (YYYY-MM-DD) of a financial year written "2017-18": "2018-03-31"."""
    return f"{int(financial_year[:4]) + 1}-03-31"


def per_officer(years: pd.DataFrame, staff: pd.DataFrame) -> pd.DataFrame:
    """``years`` (:func:`force_years`) with each force's officers at the end of the financial year.

    Adds ``as_at`` (the workforce count's date, 31 March), ``officers`` (FTE), ``crimes_per_officer``
    and ``harm_per_officer`` (CHI days per officer FTE). Years without a count at their end are
    dropped.
    """
    dated = years.assign(as_at=years["financial_year"].map(year_end))
    out = dated.merge(staff[["as_at", "force", "officers"]], on=["as_at", "force"], how="inner")
    out["crimes_per_officer"] = out["crimes"] / out["officers"]
    out["harm_per_officer"] = out["harm"] / out["officers"]
    return out


def mid_year(financial_year: str) -> int:
    """The mid-year (30 June) inside a financial year written "2017-18": 2017."""
    return int(financial_year[:4])


def per_resident(years: pd.DataFrame, population: pd.DataFrame) -> pd.DataFrame:
    """``years`` with each force area's residents at the mid-year inside the financial year
    (``population``: ``force``, ``year``, ``population``, the ONS mid-year estimates).

    Adds ``mid_year``, ``population`` (persons), ``crimes_per_1000`` and ``harm_per_1000`` (CHI
    days per 1,000 residents), ``officers_per_1000`` where ``officers`` is a column. Years
    without an estimate are dropped."""
    dated = years.assign(mid_year=years["financial_year"].map(mid_year))
    people = population.rename(columns={"year": "mid_year"})[["force", "mid_year", "population"]]
    out = dated.merge(people, on=["force", "mid_year"], how="inner")
    out["crimes_per_1000"] = 1000 * out["crimes"] / out["population"]
    out["harm_per_1000"] = 1000 * out["harm"] / out["population"]
    if "officers" in out:
        out["officers_per_1000"] = 1000 * out["officers"] / out["population"]
    return out


def complete_years(years: pd.DataFrame, forces: list[str]) -> list[str]:
    """The financial years of ``years`` (a row per year and force) that hold every one of
    ``forces`` with no figure missing, oldest first: the years all forces can be compared in."""
    full = years.dropna().groupby("financial_year")["force"].apply(set)
    return sorted(year for year, held in full.items() if set(forces) <= held)


def rank(values: pd.Series) -> pd.Series:
    """Rank of each value among all, 1 for the highest; ties share the best rank ("min")."""
    return values.rank(ascending=False, method="min").astype(int)


def spread(values: pd.Series) -> dict[str, float]:
    """``median``, ``q1`` and ``q3`` (lower and upper quartile, linear interpolation between
    ordered values, numpy's default) and ``iqr`` = q3 - q1, in the values' unit."""
    q1, median, q3 = np.percentile(values.to_numpy(dtype=float), [25, 50, 75])
    return {"median": float(median), "q1": float(q1), "q3": float(q3), "iqr": float(q3 - q1)}


def outliers(values: pd.Series, k: float = TUKEY_K) -> pd.Series:
    """True where a value lies more than ``k`` interquartile ranges below the lower quartile or
    above the upper quartile (Tukey's fences): a force whose recording may differ markedly."""
    s = spread(values)
    return (values < s["q1"] - k * s["iqr"]) | (values > s["q3"] + k * s["iqr"])


def standardise(features: pd.DataFrame) -> pd.DataFrame:
    """Each column on a common scale: (value − median) / interquartile range (quartiles as
    :func:`spread` takes them), unitless. The median and quartiles are those of the middle half
    of forces, so one force far from the rest (the City of London's residents) does not squeeze
    every other force together."""
    q1, median, q3 = (features.quantile(q) for q in (0.25, 0.5, 0.75))
    return (features - median) / (q3 - q1)


def peers(features: pd.DataFrame, force: str, k: int) -> pd.DataFrame:
    """The ``k`` forces nearest ``force`` on the standardised ``features`` (rows: forces).

    Distance: Euclidean over the columns' standardised values (:func:`standardise`), so each
    characteristic counts alike. Returns ``force`` and ``distance`` (in interquartile ranges),
    nearest first; ties are broken by force name; ``force`` itself is left out.
    """
    z = standardise(features)
    distance = np.sqrt(((z - z.loc[force]) ** 2).sum(axis=1)).drop(force)
    ordered = distance.rename("distance").reset_index().rename(columns={"index": "force"})
    ordered.columns = ["force", "distance"]
    return ordered.sort_values(["distance", "force"]).head(k).reset_index(drop=True)


MEASURE_PARTS = {
    "crimes_per_1000": ("crimes", "population", 1000.0),
    "harm_per_1000": ("harm", "population", 1000.0),
    "crimes_per_officer": ("crimes", "officers", 1.0),
    "harm_per_officer": ("harm", "officers", 1.0),
    "harm_per_crime": ("harm", "crimes", 1.0),
    "specials_per_100": ("specials", "officers", 100.0),
    "officers_per_1000": ("officers", "population", 1000.0),
}
"""Each measure as (numerator column, denominator column, scale): measure = scale × numerator /
denominator. Residents are the force area's at mid-year, officers FTE. Officers per 1,000
residents is context (the peer groups are chosen on it), not a measure compared."""


def measure(frame: pd.DataFrame, name: str) -> pd.Series:
    """Measure ``name`` of :data:`MEASURE_PARTS` for every row of ``frame`` (indexed by force)."""
    numerator, denominator, scale = MEASURE_PARTS[name]
    return (scale * frame[numerator] / frame[denominator]).rename(name)


def measure_draws(drawn: dict[str, pd.DataFrame], frame: pd.DataFrame, name: str) -> pd.DataFrame:
    """Measure ``name`` in every draw: ``drawn`` holds draws × forces of the simulated numerators
    (``crimes``, ``harm``: ``analysis.rank_intervals.simulate_year``), ``frame`` (indexed by
    force) the exact ones (residents, officers). Returns draws × forces, in the measure's unit."""
    numerator, denominator, scale = MEASURE_PARTS[name]
    top = drawn[numerator]
    bottom = drawn[denominator] if denominator in drawn else frame.loc[top.columns, denominator].to_numpy(dtype=float)
    return scale * top / bottom


def england_and_wales(frame: pd.DataFrame, name: str) -> float:
    """Measure ``name`` of England and Wales as a whole: every force's numerator over every
    force's denominator (not a median of forces), in the measure's unit."""
    numerator, denominator, scale = MEASURE_PARTS[name]
    return float(scale * frame[numerator].sum() / frame[denominator].sum())


def standings(values: pd.Series) -> pd.DataFrame:
    """Every force's ``value``, ``rank`` (1 = highest) and ``flagged`` (an outlier, :func:`outliers`)."""
    return pd.DataFrame({"value": values, "rank": rank(values), "flagged": outliers(values)})
