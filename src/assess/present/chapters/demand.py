"""The Demand chapter as readers see it: its figures glued for the prose (one value per force where
it differs by force), the chart of shares of volume and harm, and its tables."""

from __future__ import annotations

import matplotlib.pyplot as plt
import pandas as pd
import seaborn as sns

from ...chapters import Chapter
from ...chapters.demand import NAMED_GROUPS, TOP_SUBGROUPS, Demand
from ...periods import month_span
from .. import colours, plots
from ..glue import glue, glue_each, key
from ..street_areas import forces_possessive, gap_note
from ..tables import table
from ..wording import counted, join_words

SCHEME_WORDS = {"chi": "Crime Harm Index (CHI)", "css": "Crime Severity Score (CSS)"}
"""Each index as a sentence names it."""
POPULATION_WORDS = {
    "force_population": "the estimate for the force area as a whole",
    "district_population": "summed over the force's districts",
}
"""How a force's residents were counted, by the dataset read (``residents.POPULATIONS``)."""


def scheme_described(found: Demand, name: str) -> str:
    """An index as the opening describes it: what its weights are, and for the CHI its edition."""
    if name == "chi":
        return (
            "Cambridge Crime Harm Index (the median days of imprisonment a first offender would receive for each "
            f"Home Office offence subgroup, {found.scheme.chi_edition})"
        )
    return "ONS Crime Severity Score (a weight per Home Office offence code)"


def recorded_source(found: Demand) -> str:
    """The source line of every table and chart drawn from the Home Office table."""
    return (
        f"Home Office, police recorded crime by force and offence code, financial year {found.recorded.year}, "
        "quarterly (Open Government Licence v3.0)"
    )


def glue_findings(found: Demand, chapter: Chapter) -> None:
    """Glue every figure the chapter's prose names. ``chapter``: the edition as the chapter sees it
    (its forces and their registry)."""
    forces, scheme, recorded = chapter.forces, found.scheme, found.recorded
    year, name, other = recorded.year, scheme.name, scheme.other
    glue("chi_edition", scheme.chi_edition, description="edition of the Crime Harm Index weights")
    glue("scheme_words", SCHEME_WORDS[name], description="the index the chapter weights harm with")
    glue("other_words", SCHEME_WORDS[other], description="the index shown beside it")
    glue("scheme_described", scheme_described(found, name), description="the chapter's index, described")
    glue("other_described", scheme_described(found, other), description="the other index, described")
    glue(
        "out_of_scope_crimes",
        recorded.out_of_scope,
        unit="recorded crimes",
        description=f"recorded by national bodies in England and Wales, {year}, left out",
    )
    glue(
        "n_unweighted_codes", len(recorded.unweighted), unit="offence codes", description="offence codes with no weight"
    )
    glue(
        "n_unweighted_crimes",
        int(recorded.unweighted["count"].sum()),
        unit="recorded crimes",
        description="recorded crimes with no weight",
    )
    glue(
        "unweighted_list",
        join_words(f"{r.offence_code} ({r.count:,} crimes)" for r in recorded.unweighted.itertuples()) or "none",
        description="offence codes with no weight, with their crimes",
    )
    glue(
        "n_adjustments",
        recorded.adjustments,
        unit="rows",
        description="quarterly counts published as negative adjustments",
    )
    glue("prc_year", year, description="financial year of the Home Office recorded crime table")
    glue(
        "population_year",
        found.population_year,
        unit="year",
        description="mid-year of the ONS population estimate harm is divided by",
    )
    glue(
        "population_words",
        POPULATION_WORDS[found.residents_from],
        description="how the residents harm is divided by were counted, in words",
    )
    glue("forces_full", join_words(chapter.registry.full_name(f) for f in forces), description="the edition's forces")
    rows = found.forces.set_index("force")
    glue_each("force", {f: f for f in forces}, description="the force")
    glue_each("crimes", rows["crimes"].to_dict(), unit="recorded crimes", description=year)
    glue_each("harm", rows["harm"].round().astype(int).to_dict(), unit=f"harm ({name})", description=year)
    glue_each(
        "harm_per_1000",
        rows["harm_per_1000"].to_dict(),
        unit=f"harm ({name}) per 1,000 residents",
        description=f"{year}, ONS mid-{found.population_year} population",
    )
    glue_each(
        "residents",
        rows["residents"].to_dict(),
        unit="residents",
        description=f"ONS mid-{found.population_year} estimate",
    )
    _glue_groups(found)
    _glue_areas(found, chapter)
    glue(
        "incidents_stated",
        not found.incidents.empty,
        description="whether the forces state the incidents they deal with",
    )


def _glue_groups(found: Demand) -> None:
    year, name, other = found.recorded.year, found.scheme.name, found.scheme.other
    groups = found.groups.table
    glue("n_groups", len(groups), unit="offence groups", description="offence groups weighted under both indices")
    glue(
        "group_rank_correlation",
        found.groups.correlation,
        unit="Spearman's rho",
        description="agreement of the two indices' rankings of offence groups",
    )
    for label, shares in found.named_shares.items():
        named = join_words(NAMED_GROUPS[label]).lower()
        glue(key(label, "volume_share"), shares["volume"], unit="% of recorded crimes", description=f"{named}, {year}")
        for index in (name, other):
            glue(key(label, index, "share"), shares[index], unit=f"% of harm ({index})", description=f"{named}, {year}")
    top = groups.iloc[0]
    glue("top_group", top["offence_group"], description=f"offence group carrying most harm ({name})")
    glue(
        "top_scheme_share",
        round(float(top[f"{name}_share"]), 1),
        unit=f"% of harm ({name})",
        description="its share of harm",
    )
    glue(
        "top_volume_share",
        round(float(top["volume_share"]), 1),
        unit="% of recorded crimes",
        description="its share of recorded crimes",
    )
    glue(
        "top_other_rank",
        int(top[f"{other}_rank"]),
        unit="rank",
        description=f"its rank under the other index ({other})",
    )
    glue(
        "top_other_share",
        round(float(top[f"{other}_share"]), 1),
        unit=f"% of harm ({other})",
        description="its share under the other index",
    )
    glue(
        "rank_correlation",
        found.subgroups.correlation,
        unit="Spearman's rho",
        description="agreement of the two indices' rankings of subgroup harm",
    )
    glue("n_ranked", len(found.subgroups.table), unit="offence subgroups", description="subgroups ranked")


def _glue_areas(found: Demand, chapter: Chapter) -> None:
    forces, areas, name = chapter.forces, found.areas, found.scheme.name
    whose, its = forces_possessive(len(forces))
    needs = (
        f"Harm by policing area needs {whose} street-level records (data.police.uk), {its} policing areas and the "
        "population of their districts"
    )
    note = gap_note(found.supply, needs, chapter.registry)
    glue("areas_shown", areas is not None, description="whether harm is given by policing area")
    glue("areas_partial", areas is not None and bool(note), description="whether some forces' areas are left out")
    if note:
        glue("areas_note", note, description="what the section on policing areas lacks, in words")
    if areas is None:
        return
    span = month_span(areas.months)
    glue("street_span", span, description="months of street-level data")
    glue("n_street_months", len(areas.months), unit="months", description="months of street-level data")
    glue(
        "area_population_year",
        areas.population_year,
        unit="year",
        description="mid-year of the ONS estimate policing-area harm is divided by",
    )
    worst = areas.most_harm
    if worst is not None:
        glue(
            "most_harm_rate",
            worst["harm_per_1000"],
            unit=f"harm ({name}, days) per 1,000 residents a year",
            description="policing area with most harm per resident",
        )
        glue("most_harm_area", worst["policing_area"], description="policing area with most harm per resident")
        glue("most_harm_force", worst["force"], description="force of the policing area with most harm")
        glue("most_harm_days", round(worst["harm"]), unit=f"harm ({name}, days)", description="its harm")
        glue("most_harm_crimes", int(worst["count"]), unit="recorded crimes", description="its recorded crimes")
    glue(
        "most_harm_place",
        "no policing area with residents"
        if worst is None
        else f"{worst['policing_area']} ({worst['force']})"
        if len(forces) > 1
        else worst["policing_area"],
        description="policing area with most harm per resident, with its force where the edition has several",
    )
    glue(
        "unplaced_crimes",
        int(areas.table.loc[areas.unplaced, "count"].sum()),
        unit="recorded crimes",
        description="crimes placed outside the force area or with no location",
    )
    for row in areas.table.itertuples():
        glue(
            key("street_harm", row.force, row.policing_area),
            round(row.harm),
            unit=f"harm ({name}, days)",
            description=f"{row.force}, {row.policing_area}, {span}",
        )
        if pd.notna(row.harm_per_1000):
            glue(
                key("street_harm_per_1000", row.force, row.policing_area),
                row.harm_per_1000,
                unit=f"harm ({name}, days) per 1,000 residents a year",
                description=f"{row.force}, {row.policing_area}, {span}, scaled to a year",
            )


def quarters_table(found: Demand):
    """Recorded crime and harm by force and quarter."""
    name, by_quarter = found.scheme.name, found.by_quarter
    shown = by_quarter.assign(
        quarter="Q" + by_quarter["quarter"].astype(str),
        harm=by_quarter["harm"].round().astype(int),
        harm_per_crime=(by_quarter["harm"] / by_quarter["count"]).map("{:.1f}".format),
    )
    return table(
        shown.rename(
            columns={
                "force": "Force",
                "quarter": "Quarter",
                "count": "Recorded crimes",
                "harm": f"Harm ({name.upper()}, days)",
                "harm_per_crime": "Harm per crime (days)",
            }
        ),
        caption=f"Recorded crime and harm by force and quarter, {found.recorded.year}",
        source=recorded_source(found) + f"; harm: {found.scheme.titles[name]}",
    )


def _share_labels(found: Demand) -> dict[str, str]:
    name, other = found.scheme.name, found.scheme.other
    return {
        "volume_share": "Share of recorded crimes",
        f"{name}_share": f"Share of harm ({name.upper()})",
        f"{other}_share": f"Share of harm ({other.upper()})",
    }


def shares_chart(found: Demand, forces: tuple[str, ...]) -> None:
    """Each offence group's share of recorded crimes beside its share of harm under each index."""
    groups, labels = found.groups.table, _share_labels(found)
    long = groups.melt(id_vars="offence_group", value_vars=list(labels), var_name="measure", value_name="share")
    long["measure"] = long["measure"].map(labels)
    fig, ax = plt.subplots(figsize=(8, 6))
    sns.barplot(
        data=long,
        y="offence_group",
        x="share",
        hue="measure",
        palette=[colours.NO_CLEAR_CHANGE, colours.INCREASE, colours.DECREASE],
        ax=ax,
    )
    ax.set_xlabel("Percent")
    ax.set_ylabel("")
    ax.legend(title="")
    title = f"Share of volume and of harm under both indices, {join_words(forces)}"
    ax.set_title(title)
    data = groups[["offence_group", *labels]].round(2)
    plots.show(
        fig,
        data.rename(columns={"offence_group": "Offence group", **{c: f"{label} (%)" for c, label in labels.items()}}),
        title,
        recorded_source(found)
        + f"; {found.scheme.titles[found.scheme.name]}; {found.scheme.titles[found.scheme.other]}",
    )


def groups_table(found: Demand, forces: tuple[str, ...]):
    """Offence groups' shares of volume and of harm, and their ranks, under both indices."""
    name, other = found.scheme.name, found.scheme.other
    shares = list(_share_labels(found))
    columns = {
        "offence_group": "Offence group",
        "count": "Recorded crimes",
        "volume_share": "Share of crimes",
        f"{name}_share": f"Share of harm ({name.upper()})",
        f"{name}_rank": f"Rank ({name.upper()})",
        f"{other}_share": f"Share of harm ({other.upper()})",
        f"{other}_rank": f"Rank ({other.upper()})",
    }
    shown = found.groups.table.round(dict.fromkeys(shares, 1))[list(columns)].rename(columns=columns)
    return table(
        shown,
        formats={columns[c]: "{:.1f}%" for c in shares},
        caption=f"Share of recorded crime and of harm by offence group under both indices, {found.recorded.year}, "
        f"{join_words(forces)}",
        source=recorded_source(found) + f"; {found.scheme.titles[name]}; {found.scheme.titles[other]}; "
        "offences weighted under both indices only",
    )


def subgroups_table(found: Demand, forces: tuple[str, ...]):
    """The offence subgroups that carry most harm, with their rank under the other index."""
    name, other, year = found.scheme.name, found.scheme.other, found.recorded.year
    ranked = found.subgroups.table
    top = ranked.head(TOP_SUBGROUPS)
    shown = top.assign(harm=top["harm"].round().astype(int), share=(100 * top["harm"] / ranked["harm"].sum()).round(1))
    return table(
        shown[["rank", "offence_subgroup", "count", "harm", "share", "other_rank"]].rename(
            columns={
                "rank": f"Rank ({name.upper()})",
                "offence_subgroup": f"Offence subgroup ({year})",
                "count": "Recorded crimes",
                "harm": f"Harm ({name.upper()}, days)",
                "share": "Share of harm",
                "other_rank": f"Rank ({other.upper()})",
            }
        ),
        formats={"Share of harm": "{:.1f}%"},
        caption=f"The ten offence subgroups that carry most harm, {year}, {join_words(forces)}",
        source=recorded_source(found) + f"; {found.scheme.titles[name]}; {found.scheme.titles[other]}",
    )


def areas_table(found: Demand):
    """Recorded crime and harm by policing area, with the crimes placed in none on rows of their own;
    None when no area is shown."""
    if found.areas is None:
        return None
    areas, name = found.areas, found.scheme.name
    by_area, span = areas.table, month_span(areas.months)
    residents = f"Residents (ONS, mid-{areas.population_year})"
    shown = by_area.assign(
        harm=by_area["harm"].round().astype(int),
        harm_per_crime=by_area["harm_per_crime"].round(1),
        harm_per_1000=by_area["harm_per_1000"].round(),
    )
    return table(
        shown.rename(
            columns={
                "force": "Force",
                "policing_area": "Policing area",
                "count": "Recorded crimes",
                "harm": f"Harm ({name.upper()}, days)",
                "harm_per_crime": "Harm per crime (days)",
                "population": residents,
                "harm_per_1000": "Harm per 1,000 residents a year (days)",
            }
        ),
        formats={
            "Harm per crime (days)": "{:.1f}",
            residents: "{:,.0f}",
            "Harm per 1,000 residents a year (days)": "{:,.0f}",
        },
        caption=f"Recorded crime and harm by policing area, {span}",
        source=f"data.police.uk street-level crime, {span} (Open Government Licence v3.0), anti-social behaviour "
        f"excluded; harm: {found.scheme.titles[name]}, averaged per police.uk category by the national mix of "
        f"{found.recorded.year}; a year's harm per 1,000 residents: the {counted(len(areas.months), 'month')}' harm "
        "scaled to twelve months",
    )


def categories_table(found: Demand):
    """The weight of an average crime of each data.police.uk crime type, under both indices; None
    when no area is shown."""
    if found.areas is None:
        return None
    weights, scheme = found.areas.category_weights, found.scheme
    shown = weights.assign(chi=weights["chi"].map("{:.1f}".format), css=weights["css"].map("{:.1f}".format))
    return table(
        shown.rename(
            columns={
                "police_uk_category": "Crime type (data.police.uk)",
                "chi": "CCHI days per crime",
                "css": "CSS weight per crime",
            }
        ),
        caption="Weight of an average crime of each data.police.uk crime type, under both indices",
        source=f"the Crime Harm Index ({scheme.chi_edition}) and the ONS Crime Severity Score, each offence code's "
        f"weight averaged by the code's volume in Home Office recorded crime {found.recorded.year}, territorial forces",
    )


def incidents_table(found: Demand):
    """The incidents the forces state they deal with, as stated; None when they state none."""
    if found.incidents.empty:
        return None
    return table(
        found.incidents.rename(
            columns={
                "fact": "Fact",
                "force": "Force",
                "qualifier": "As stated",
                "value": "Value",
                "unit": "Unit",
                "document": "Stated in",
            }
        ),
        caption="Demand as the forces state it: incidents dealt with",
        source="the document named in the table (as transcribed by the project); rounded by the source",
    )
