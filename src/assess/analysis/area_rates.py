"""Harm and crime rates of areas that can be compared with a force's yearly rates: weighted with
the national volume mix of their own period, and annualised.

A data.police.uk category (e.g. "Violence and sexual offences") holds many Home Office offence
codes of very different harm, and street-level records carry only the category. A category's
weight is therefore the harm of an average crime of that category, the code weights averaged by
how often each code was recorded nationally; that average depends on the year of the mix, so it
is taken from the national recorded crime of the period the area counts come from (or the
nearest published), never from a later year's. The mix is an input, so a chapter passes the
right year's.

An area's count over a few months is not a yearly rate: ``per_thousand_a_year`` scales it to a
year (× 12 / months covered) so it can sit beside a force's 12-month rate, and says nothing about
season (five winter months scaled to a year are still five winter months).
"""

from __future__ import annotations

import pandas as pd


def national_mix(recorded: pd.DataFrame, key: str = "offence_code", count: str = "count") -> pd.Series:
    """Recorded crimes per ``key`` over every row of ``recorded`` (e.g. the Home Office table of one
    financial year, all territorial forces): the volume mix of that period, in crimes. Negative
    adjustments are netted within each key, and a net below 0 counts as 0."""
    return recorded.groupby(key)[count].sum().clip(lower=0).rename("volume")


def mix_weights(weights: pd.Series, categories: pd.Series, mix: pd.Series) -> pd.Series:
    """A weight per category: Σ wₖvₖ / Σ vₖ over the keys k of that category (e.g. offence codes),
    with wₖ from ``weights``, the category from ``categories`` and the volume vₖ from ``mix``
    (all indexed by key). Keys without a weight, a category or a volume are left out; a category
    whose keys have no volume is left out. Returns the weights in the unit of ``weights``."""
    table = pd.DataFrame({"weight": weights, "category": categories}).join(mix.rename("volume"), how="inner")
    table = table.dropna()
    table = table[table["volume"] > 0]
    grouped = table.assign(product=table["weight"] * table["volume"]).groupby("category")[["product", "volume"]].sum()
    return (grouped["product"] / grouped["volume"]).rename("weight")


def coverage(weights: pd.Series, mix: pd.Series) -> float:
    """Share of the ``mix``'s volume (%) whose key has a weight: the part of the mix that
    ``mix_weights`` can use."""
    total = mix.clip(lower=0).sum()
    weighted = mix[mix.index.isin(weights.dropna().index)].clip(lower=0).sum()
    return 100.0 * weighted / total if total else float("nan")


def per_thousand_a_year(value: float, population: float, months: int) -> float:
    """``value`` counted over ``months`` months, per 1,000 residents per year: value × 1,000 /
    population × 12 / months (a 12-month value is unchanged)."""
    if months < 1:
        raise ValueError(f"a rate needs at least one month; got {months}")
    return 1000.0 * value / population * 12.0 / months


def annualised(frame: pd.DataFrame, columns: list[str], population: str, months: int) -> pd.DataFrame:
    """Add ``<column>_per_1000_a_year`` for each of ``columns`` (``per_thousand_a_year`` with the
    residents in ``population``) and ``months_covered`` (``months``) to ``frame``; rows without a
    population get NaN."""
    out = frame.assign(months_covered=months)
    for column in columns:
        out[f"{column}_per_1000_a_year"] = 1000.0 * frame[column] / frame[population] * 12.0 / months
    return out
