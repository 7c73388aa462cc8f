"""Demand: the harm as well as the volume of the crime each force recorded.

Recorded crime by offence code (Home Office, one financial year) is weighted with the edition's
harm index (``harm.scheme``: the Cambridge Crime Harm Index or the ONS Crime Severity Score) and,
beside it, the other index; each force's harm is divided by its residents (ONS mid-year
estimate of the force area, or the sum of its districts' where the edition names no force-area
estimate). Both are national files: any force's Demand chapter needs nothing more.
Street-level records (data.police.uk, crime type only) give the harm of each policing area
through a weight per crime type, for the forces whose street-level records, policing areas and
district populations the edition holds (``street_areas``). Only the edition's own forces,
policing areas and districts are read: another force's rows in the shared lookups change
nothing here.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
from scipy import stats

from ..analysis import area_rates, harm, profile
from ..analysis.street_counts import ASB, NO_LOCATION, OUTSIDE, assign_policing_area
from ..periods import financial_year_months
from ..read.catalogue import read_catalogue
from ..read.population import force_population
from . import Chapter, street_areas
from . import residents as residents_source
from .street_areas import AreaSupply

DATASETS = ("offence_crosswalk", "harm_weights_chi", "harm_weights_css", "recorded_crime_force")
OPTIONAL = ("force_population", *street_areas.DATASETS, "key_facts", "source_documents")
PARAMETERS = ("harm",)

SCHEMES = ("chi", "css")
"""The two harm indices: ``chi`` (days of imprisonment) and ``css`` (severity weight)."""
NAMED_GROUPS = {
    "theft": ("Theft offences",),
    "violence_sexual": ("Violence against the person", "Sexual offences"),
}
"""Offence groups whose shares of volume and harm the prose names, by the name it glues them under."""
TOP_SUBGROUPS = 10
"""How many of the most harmful offence subgroups the chapter lists."""


@dataclass(frozen=True)
class Scheme:
    """The index the chapter weights with, ``name`` (``chi`` or ``css``), and the ``other`` shown
    beside it; ``titles`` (index → catalogue title of its weights) and ``chi_edition`` (the edition
    of the CHI weights, e.g. "CCHI 2026 update")."""

    name: str
    other: str
    titles: dict[str, str]
    chi_edition: str


@dataclass(frozen=True)
class Recorded:
    """Home Office recorded crime of the edition's forces in one financial ``year`` (YYYY/YY).

    ``rows``: one row per force, quarter and offence code as published (``force``, ``quarter``,
    ``offence_group``, ``offence_subgroup``, ``offence_code``, ``count`` in recorded crimes,
    ``weight`` and ``harm`` under the chapter's index, ``other_weight`` and ``other_harm`` under
    the other, ``chi_harm`` and ``css_harm``; harm in days of the index). ``unweighted``: the
    offence codes with no weight under the chapter's index (``offence_code``, ``count``).
    ``adjustments``: how many quarterly counts are published as negative adjustments.
    ``out_of_scope``: crimes recorded by national bodies (Action Fraud, British Transport Police
    ...) in the whole table, left out."""

    year: str
    rows: pd.DataFrame
    unweighted: pd.DataFrame
    adjustments: int
    out_of_scope: int


@dataclass(frozen=True)
class Ranking:
    """Offence groups or subgroups set out under both indices: ``table`` and ``correlation`` (the
    Spearman rank correlation of the two indices' harm across its rows; 1 is the same order)."""

    table: pd.DataFrame
    correlation: float


@dataclass(frozen=True)
class Areas:
    """Harm by policing area from the street-level records of ``months`` (YYYY-MM).

    ``table``: ``force``, ``policing_area`` (with rows "Outside the force area" and "No location"
    for the crimes placed in none), ``count`` (recorded crimes), ``harm`` (days of the chapter's
    index), ``harm_per_crime``, ``population`` (residents at mid-``population_year``, missing on
    the unplaced rows) and ``harm_per_1000`` (days per 1,000 residents a year: the months' harm
    scaled to twelve months, rounded to the population's precision). ``category_weights``: the
    weight of an average crime of each data.police.uk crime type (``police_uk_category``, ``chi``,
    ``css``)."""

    months: list[str]
    population_year: int
    table: pd.DataFrame
    category_weights: pd.DataFrame

    @property
    def unplaced(self) -> pd.Series:
        """True on the rows of crimes placed outside the force area or with no location."""
        return self.table["policing_area"].isin([OUTSIDE, NO_LOCATION])

    @property
    def most_harm(self) -> pd.Series | None:
        """The policing area with the most harm per 1,000 residents (a row of ``table``), or None
        when no area has residents."""
        placed = self.table[~self.unplaced].dropna(subset=["harm_per_1000"])
        return None if placed.empty else placed.sort_values("harm_per_1000", ascending=False).iloc[0]


@dataclass(frozen=True)
class Demand:
    """The chapter's findings: the ``scheme``, the ``recorded`` crime weighted, ``forces`` (one
    row per force of the edition: ``force``, ``crimes``, ``harm`` in days, ``residents`` at
    mid-``population_year``, counted from the dataset ``residents_from``, one of
    ``residents.POPULATIONS`` and ``harm_per_1000``, days per 1,000 residents rounded to the
    population's precision), ``by_quarter`` (``force``, ``quarter``, ``count``, ``harm``),
    ``groups`` (offence groups' shares of volume and of harm under both indices, percent,
    ``harm.index_shares``), ``named_shares`` (for each of ``NAMED_GROUPS``: ``volume``, ``chi`` and
    ``css`` shares, percent, rounded to 0.1), ``subgroups`` (offence subgroups ranked by harm),
    ``areas`` (None when no force of the edition has the data for it), ``supply`` (what the edition
    holds for the section by policing area) and ``incidents`` (the incidents the forces state they
    deal with: fact, force, qualifier, value, unit, document; empty when none is entered)."""

    scheme: Scheme
    recorded: Recorded
    population_year: int
    residents_from: str
    forces: pd.DataFrame
    by_quarter: pd.DataFrame
    groups: Ranking
    named_shares: dict[str, dict[str, float]]
    subgroups: Ranking
    areas: Areas | None
    supply: AreaSupply
    incidents: pd.DataFrame


def compute(chapter: Chapter) -> Demand:
    """The Demand chapter's findings for the chapter's edition."""
    scheme = read_scheme(chapter)
    weights = harm.offence_weights(
        chapter.read("offence_crosswalk"), chapter.read("harm_weights_chi"), chapter.read("harm_weights_css")
    ).set_index("offence_code")
    table = chapter.read("recorded_crime_force")
    recorded = weigh_recorded(table, chapter.forces, weights, scheme.name)
    population = read_population(chapter)
    year = harm.population_year(financial_year_months(recorded.year.replace("/", "-")), population["year"].unique())
    categories = category_weights(weights, table[table["force"].notna()])
    supply = street_areas.supply(chapter, population=True)
    return Demand(
        scheme=scheme,
        recorded=recorded,
        population_year=year,
        residents_from=residents_source.held_population(chapter),
        forces=force_harm(recorded.rows, residents(population, year, chapter.forces), chapter.forces),
        by_quarter=recorded.rows.groupby(["force", "quarter"], as_index=False)[["count", "harm"]].sum(),
        groups=group_ranking(recorded.rows, scheme.name),
        named_shares=named_shares(recorded.rows, scheme.name),
        subgroups=subgroup_ranking(recorded.rows),
        areas=area_harm(
            chapter.read("street_crime"),
            supply.lookup,
            chapter.read("district_population"),
            categories,
            scheme.name,
            chapter.period("street_crime").months(),
        )
        if supply.shown
        else None,
        supply=supply,
        incidents=incidents(chapter),
    )


def read_population(chapter: Chapter) -> pd.DataFrame:
    """The population the forces' residents are counted from (``residents.read_population``).
    Raises ValueError when the edition holds none for its period."""
    population = residents_source.read_population(chapter)
    if population is None:
        names = " or ".join(residents_source.POPULATIONS)
        raise ValueError(f"no population for the forces' residents: name {names} under data:, covering its period")
    return population


def incidents(chapter: Chapter) -> pd.DataFrame:
    """The incidents the edition's forces state they deal with, each with its document (fact, force,
    qualifier, value, unit, document); empty when the edition names no key facts."""
    if not (chapter.holds("key_facts") and chapter.holds("source_documents")):
        return pd.DataFrame(columns=["fact", "force", "qualifier", "value", "unit", "document"])
    facts = profile.facts_for_edition(
        chapter.read("key_facts"), chapter.forces, chapter.registry.alliances_covered(chapter.forces)
    )
    stated = facts[facts["fact"].str.startswith("Incidents")]
    return profile.cite(stated, chapter.read("source_documents")).reset_index(drop=True)


def read_scheme(chapter: Chapter) -> Scheme:
    """The edition's index, the other one, and where their weights come from (the catalogue)."""
    catalogue = read_catalogue(chapter.root)
    name = chapter.harm.scheme
    return Scheme(
        name=name,
        other=next(s for s in SCHEMES if s != name),
        titles={s: catalogue[f"harm_weights_{s}"]["title"] for s in SCHEMES},
        chi_edition=catalogue["harm_weights_chi"]["period"],
    )


def weigh_recorded(table: pd.DataFrame, forces: tuple[str, ...], weights: pd.DataFrame, scheme: str) -> Recorded:
    """The edition's forces' recorded crime weighted under both indices.

    ``table``: the Home Office table with ``force`` (the project's name, missing for national
    bodies); ``weights``: ``harm.offence_weights`` indexed by offence code."""
    other = next(s for s in SCHEMES if s != scheme)
    mine = table[table["force"].isin(forces)]
    rows = harm.weigh(mine, weights[scheme], "offence_code").assign(
        other_weight=lambda d: d["offence_code"].map(weights[other]),
        chi_harm=lambda d: d["count"] * d["offence_code"].map(weights["chi"]),
        css_harm=lambda d: d["count"] * d["offence_code"].map(weights["css"]),
    )
    rows["other_harm"] = rows["count"] * rows["other_weight"]
    return Recorded(
        year=str(table["financial_year"].iloc[0]),
        rows=rows.reset_index(drop=True),
        unweighted=harm.unweighted(rows, "offence_code"),
        adjustments=int((mine["count"] < 0).sum()),
        out_of_scope=int(table.loc[table["force"].isna(), "count"].sum()),
    )


def residents(population: pd.DataFrame, year: int, forces: tuple[str, ...]) -> pd.Series:
    """Residents of each of ``forces`` at mid-``year`` (the force area's estimate, or the sum of its
    districts'), indexed by force. Raises ValueError naming a force of the edition with no
    population that year."""
    people = force_population(population, year).set_index("force")["population"]
    missing = [force for force in forces if force not in people.index]
    if missing:
        raise ValueError(f"no mid-{year} population for {', '.join(missing)}")
    return people.loc[list(forces)]


def force_harm(rows: pd.DataFrame, people: pd.Series, forces: tuple[str, ...]) -> pd.DataFrame:
    """Each force's recorded crimes, harm and harm per 1,000 residents, in the edition's order:
    ``force``, ``crimes``, ``harm`` (days), ``residents``, ``harm_per_1000`` (days, rounded to the
    precision of the population, ``harm.round_to_population``)."""
    totals = rows.groupby("force")[["count", "harm"]].sum().reindex(list(forces), fill_value=0)
    out = pd.DataFrame(
        {
            "force": list(forces),
            "crimes": totals["count"].astype(int).to_numpy(),
            "harm": totals["harm"].astype(float).to_numpy(),
            "residents": [int(people[f]) for f in forces],
        }
    )
    out["harm_per_1000"] = [
        harm.round_to_population(harm.per_thousand(h, p), p) for h, p in zip(out["harm"], out["residents"], strict=True)
    ]
    return out


def group_ranking(rows: pd.DataFrame, scheme: str) -> Ranking:
    """Offence groups' shares of volume and of harm under both indices (``harm.index_shares``,
    the chapter's index first), and how alike the two indices rank them."""
    other = next(s for s in SCHEMES if s != scheme)
    groups = harm.index_shares(rows, "offence_group", {scheme: f"{scheme}_harm", other: f"{other}_harm"})
    rho = stats.spearmanr(groups[f"{scheme}_share"], groups[f"{other}_share"]).statistic
    return Ranking(groups, float(rho))


def named_shares(rows: pd.DataFrame, scheme: str) -> dict[str, dict[str, float]]:
    """For each of ``NAMED_GROUPS``: its share of recorded crimes (``volume``) and of harm under
    each index (``chi``, ``css``), percent of the crimes weighted under both, to 0.1."""
    groups = group_ranking(rows, scheme).table  # every index's share, whichever comes first
    out = {}
    for label, names in NAMED_GROUPS.items():
        chosen = groups[groups["offence_group"].isin(names)]
        out[label] = {
            "volume": round(float(chosen["volume_share"].sum()), 1),
            **{s: round(float(chosen[f"{s}_share"].sum()), 1) for s in SCHEMES},
        }
    return out


def subgroup_ranking(rows: pd.DataFrame) -> Ranking:
    """Offence subgroups by harm under the chapter's index: ``offence_subgroup``, ``count``,
    ``harm``, ``other_harm`` (days), ``rank`` and ``other_rank`` (1 = most harm, ties share the
    best rank), most harmful first; and the two indices' rank correlation."""
    subgroups = rows.groupby("offence_subgroup", as_index=False)[["count", "harm", "other_harm"]].sum()
    subgroups["rank"] = subgroups["harm"].rank(ascending=False, method="min").astype(int)
    subgroups["other_rank"] = subgroups["other_harm"].rank(ascending=False, method="min").astype(int)
    rho = stats.spearmanr(subgroups["harm"], subgroups["other_harm"]).statistic
    return Ranking(subgroups.sort_values("rank", kind="stable").reset_index(drop=True), float(rho))


def category_weights(weights: pd.DataFrame, territorial: pd.DataFrame) -> pd.DataFrame:
    """The weight of an average crime of each data.police.uk crime type under both indices:
    ``police_uk_category``, ``chi`` and ``css``, each the offence codes' weights (``weights``,
    ``harm.offence_weights`` indexed by offence code) averaged by the codes' national mix in the
    Home Office table the chapter reads (``territorial``: every territorial force's rows, negative
    adjustments netted within a code, ``area_rates.national_mix``). The mix is that table's year,
    the one nearest the street-level months the edition holds, never a later year's."""
    mix = area_rates.national_mix(territorial)
    both = pd.DataFrame({s: area_rates.mix_weights(weights[s], weights["police_uk_category"], mix) for s in SCHEMES})
    return both.rename_axis("police_uk_category").reset_index()


def area_harm(
    street: pd.DataFrame,
    areas: pd.DataFrame,
    population: pd.DataFrame,
    categories: pd.DataFrame,
    scheme: str,
    months: list[str],
) -> Areas:
    """Harm by policing area of the street-level records of ``months`` (anti-social behaviour left
    out), each crime weighted by its crime type's weight under ``scheme`` (``categories``:
    ``category_weights``), divided by the residents of the area's districts at the mid-year
    nearest the months' middle.

    ``areas``: the rows of the policing areas lookup of the forces shown; only their districts need a
    population, and only those forces' records are placed. Raises ValueError naming any of them
    without one. The rates are scaled to a year
    (``area_rates.per_thousand_a_year``), so that they sit beside the force's yearly rate; the
    months keep their season."""
    weights = categories.set_index("police_uk_category")[scheme]
    records = assign_policing_area(street[street["force"].isin(areas["force"])], areas)
    crimes = records[records["crime_type"] != ASB]
    counts = crimes.groupby(["force", "policing_area", "crime_type"], as_index=False).size()
    counts = harm.weigh(counts.rename(columns={"size": "count"}), weights, "crime_type")
    by_area = counts.groupby(["force", "policing_area"], as_index=False)[["count", "harm"]].sum()
    by_area["harm_per_crime"] = by_area["harm"] / by_area["count"]
    year = harm.population_year(months, population["year"].unique())
    people = harm.area_population(population, areas, year)
    by_area = by_area.merge(people[["force", "policing_area", "population"]], on=["force", "policing_area"], how="left")
    by_area["harm_per_1000"] = [
        harm.round_to_population(area_rates.per_thousand_a_year(h, p, len(months)), int(p))
        if pd.notna(p)
        else float("nan")
        for h, p in zip(by_area["harm"], by_area["population"], strict=True)
    ]
    return Areas(months, year, by_area, categories)
