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

Z_95 = 1.959963984540054
"""The standard normal quantile of a two-sided 95% interval."""


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
    ``unweighted`` (crimes whose group has no weight, counted in volume only) and ``harm_se``
    (days: the standard error of the harm when each group's count is taken as Poisson,
    √Σ weight² × count).
    """
    rows = crime.assign(weight=crime["offence_group"].map(weights).fillna(0), known=crime["offence_group"].map(weights))
    rows = rows.assign(
        harm=rows["count"] * rows["weight"],
        harm_var=rows["count"].clip(lower=0) * rows["weight"] ** 2,
        violent=rows["count"].where(rows["offence_group"].isin(VIOLENT_AND_SEXUAL), 0),
        unweighted=rows["count"].where(rows["known"].isna(), 0),
    )
    columns = ["count", "harm", "harm_var", "violent", "unweighted"]
    out = rows.groupby(["financial_year", "force"], as_index=False)[columns].sum()
    out = out.rename(columns={"count": "crimes"})
    out["harm_per_crime"] = out["harm"] / out["crimes"]
    out["violent_share"] = 100 * out["violent"] / out["crimes"]
    out["harm_se"] = np.sqrt(out["harm_var"])
    return out.drop(columns=["violent", "harm_var"])


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


def rate_interval(count: float, denominator: float, scale: float = 1.0, se: float | None = None) -> tuple[float, float]:
    """Approximate 95% interval of ``scale × count / denominator``: ``count`` ± 1.96 standard
    errors, the standard error ``se`` or, when None, √count (a Poisson count); never below 0.
    The denominator is taken as exact. Returns (low, high) in the rate's unit."""
    half = Z_95 * (np.sqrt(max(count, 0.0)) if se is None else se)
    return (scale * max(count - half, 0.0) / denominator, scale * (count + half) / denominator)


def rank_moved(before: int, values: pd.Series, force: str, low: float, high: float) -> bool:
    """Whether a force's rank moved from ``before`` beyond noise: True only when its rank with its
    value at the low end and at the high end of its interval, the others as they are, are both
    on the same side of ``before`` (both better or both worse). ``values``: all forces' values now."""
    others = values.drop(force)
    rank_low = int((others > low).sum()) + 1
    rank_high = int((others > high).sum()) + 1
    return (rank_low < before and rank_high < before) or (rank_low > before and rank_high > before)


def standardise(features: pd.DataFrame) -> pd.DataFrame:
    """Each column as z-scores: (value - mean) / standard deviation (population, ddof=0), unitless."""
    return (features - features.mean()) / features.std(ddof=0)


def peers(features: pd.DataFrame, force: str, k: int) -> pd.DataFrame:
    """The ``k`` forces nearest ``force`` on the standardised ``features`` (rows: forces).

    Distance: Euclidean over the columns' z-scores (:func:`standardise`), so each characteristic
    counts alike. Returns ``force`` and ``distance`` (in standard deviations), nearest first; ties
    are broken by force name; ``force`` itself is left out.
    """
    z = standardise(features)
    distance = np.sqrt(((z - z.loc[force]) ** 2).sum(axis=1)).drop(force)
    ordered = distance.rename("distance").reset_index().rename(columns={"index": "force"})
    ordered.columns = ["force", "distance"]
    return ordered.sort_values(["distance", "force"]).head(k).reset_index(drop=True)


MEASURE_PARTS = {
    "crimes_per_officer": ("crimes", "officers", 1.0, None),
    "harm_per_officer": ("harm", "officers", 1.0, "harm_se"),
    "harm_per_crime": ("harm", "crimes", 1.0, "harm_se"),
    "specials_per_100": ("specials", "officers", 100.0, None),
}
"""Each measure as (numerator column, denominator column, scale, standard-error column of the
numerator or None for a Poisson count): measure = scale × numerator / denominator."""


def measure(frame: pd.DataFrame, name: str) -> pd.Series:
    """Measure ``name`` of :data:`MEASURE_PARTS` for every row of ``frame`` (indexed by force)."""
    numerator, denominator, scale, _ = MEASURE_PARTS[name]
    return (scale * frame[numerator] / frame[denominator]).rename(name)


def interval(frame: pd.DataFrame, name: str, force: str) -> tuple[float, float]:
    """The approximate 95% interval (:func:`rate_interval`) of measure ``name`` for ``force``."""
    numerator, denominator, scale, se = MEASURE_PARTS[name]
    row = frame.loc[force]
    return rate_interval(row[numerator], row[denominator], scale, None if se is None else row[se])


def standings(values: pd.Series) -> pd.DataFrame:
    """Every force's ``value``, ``rank`` (1 = highest) and ``flagged`` (an outlier, :func:`outliers`)."""
    return pd.DataFrame({"value": values, "rank": rank(values), "flagged": outliers(values)})


def change(before: pd.DataFrame, after: pd.DataFrame, name: str, force: str) -> dict:
    """How ``force`` moved on measure ``name`` from ``before`` to ``after`` (frames indexed by force).

    Returns ``before`` and ``after`` (the values), ``rank_before``, ``rank_after``, ``low`` and
    ``high`` (the 95% interval of the later value) and ``moved`` (:func:`rank_moved`: the move in
    rank is larger than the noise of the later value).
    """
    then, now = measure(before, name), measure(after, name)
    low, high = interval(after, name, force)
    rank_before = int(rank(then)[force])
    return {
        "before": float(then[force]),
        "after": float(now[force]),
        "rank_before": rank_before,
        "rank_after": int(rank(now)[force]),
        "low": low,
        "high": high,
        "moved": rank_moved(rank_before, now, force, low, high),
    }
