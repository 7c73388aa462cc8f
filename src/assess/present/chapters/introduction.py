"""The Introduction as readers see it: the edition's identity and the age of its data glued for
the prose, each force's area, the key facts as stated and the alliance's timeline."""

from __future__ import annotations

import pandas as pd

from ...chapters import Chapter
from ...chapters.introduction import Alliance, Introduction
from ...periods import day_label, month_label, span_label, year_label
from ...read.forces import ForceRegistry
from ..glossary import Acronyms, spelt_out
from ..glue import glue, glue_each
from ..tables import table
from ..wording import counted, join_words


def glue_findings(found: Introduction, chapter: Chapter) -> None:
    """Glue every figure the chapter's prose names. ``chapter``: the edition as the chapter sees it
    (its title, organisation, year, as-of date, forces and registry)."""
    forces = chapter.forces
    glue("edition_title", chapter.title, description="title of this edition")
    glue("edition_organisation", chapter.organisation, description="publisher of this edition")
    glue("assessment_year", year_label(chapter.assessment_year), description="financial year assessed")
    glue("as_of_date", day_label(chapter.as_of), description="the day this edition is written as of")
    glue("assessment_span", span_label(found.assessed, "long"), description="the assessment period")
    glue(
        "assessment_period_words",
        period_words(found),
        description="the assessment period, and whether it is the financial year",
    )
    data = found.data
    glue("n_data_dated", data.dated, unit="datasets", description="dated datasets this edition reads")
    glue(
        "n_data_before",
        len(data.before),
        unit="datasets",
        description="dated datasets that end before the assessment period",
    )
    glue("data_before_words", before_words(len(data.before)), description="dated datasets ending early, in words")
    glue("assessment_start", month_label(found.assessed.start, "long"), description="first month assessed")
    glue(
        "data_latest_month",
        month_label(data.latest, "long") if data.latest else "no month",
        description="newest month of any dated dataset",
    )
    glue("n_forces", len(forces), unit="forces", description="forces this edition covers")
    glue("forces_named", join_words(forces), description="forces this edition covers")
    summary = found.summary.set_index("force")
    registry = chapter.registry
    glue_each("force_full_name", {f: registry.full_name(f) for f in forces}, description="full name")
    glue_each(
        "force_area_words",
        {f: area_words(summary.loc[f], registry.full_name(f)) for f in forces},
        description="the area policed, in words",
    )
    glue_each(
        "policing_areas",
        {f: int(summary.at[f, "policing_areas"]) for f in forces},
        unit="policing areas",
        description="policing areas entered",
    )
    glue_each(
        "local_authorities",
        {f: int(summary.at[f, "local_authorities"]) for f in forces},
        unit="local authority districts",
        description="local authority districts policed",
    )
    year = found.population_year
    if year is not None:
        glue("population_year", year, unit="year", description="mid-year of the ONS estimate of residents")
        glue_each(
            "force_residents",
            {f: int(summary.at[f, "residents"]) for f in forces if pd.notna(summary.at[f, "residents"])},
            unit="residents",
            description=f"ONS mid-{year} estimate",
        )
    glue_each(
        "force_residents_words",
        {f: residents_words(summary.at[f, "residents"], year) for f in forces},
        description="the residents of the area policed, in words",
    )
    glue(
        "n_policing_areas",
        int(found.summary["policing_areas"].sum()),
        unit="policing areas",
        description="policing areas entered",
    )
    glue(
        "n_local_authorities",
        len(found.districts),
        unit="local authority districts",
        description="local authority districts policed",
    )
    glue("n_key_facts", len(found.facts), unit="statements", description="key facts quoted for this edition")
    glue(
        "key_facts_words",
        key_facts_words(found.facts, chapter.forces, registry),
        description="the key facts, in words",
    )
    _glue_alliance(found.alliance, chapter.registry, chapter.as_of)


MANY_PLACES = 8
"""More places than this are not named in the sentence on a force's area (the table of districts lists them)."""


def area_words(row: pd.Series, full_name: str) -> str:
    """The area a force polices, in one or two sentences, from its row of the area summary
    (``places``, ``policing_areas``, ``local_authorities``): "Warwickshire Police polices
    Warwickshire, divided into 2 policing areas made up of 5 local authority districts.", or, with
    no policing area entered, "Staffordshire Police polices Staffordshire and Stoke-on-Trent (9 local
    authority districts). No policing areas were entered for it, so this book gives its figures for
    the force as a whole." (more than ``MANY_PLACES`` places are counted, not named)."""
    districts = counted(int(row["local_authorities"]), "local authority district")
    places = list(row["places"])
    if row["policing_areas"]:
        areas = counted(int(row["policing_areas"]), "policing area")
        return f"{full_name} polices {join_words(places)}, divided into {areas} made up of {districts}."
    where = f"{districts}, listed in the table of districts" if len(places) > MANY_PLACES else None
    where = where or f"{join_words(places)} ({districts})"
    return (
        f"{full_name} polices {where}. No policing areas were entered for it, so this book gives its figures for "
        "the force as a whole."
    )


def residents_words(residents, year: int | None) -> str:
    """The residents of a force's area in a sentence: "Its area was home to 1,131,052 people at
    mid-2018 (ONS mid-year estimate)."; or that the edition holds no estimate for it."""
    if year is None or pd.isna(residents):
        return "This edition holds no population estimate of its area."
    return f"Its area was home to {int(residents):,} people at mid-{year} (ONS mid-year estimate)."


def key_facts_words(facts: pd.DataFrame, forces, registry: ForceRegistry) -> str:
    """What the key facts table holds, in words: its statements counted, and the forces for which
    none was entered (all of them when it holds none)."""
    stated = set(facts["force"])
    alliances = {a for a in stated if a not in forces}
    shared = {f for f in forces if registry.alliance(f) in alliances}
    silent = [registry.full_name(f) for f in forces if f not in stated and f not in shared]
    if facts.empty:
        return f"No key facts were entered for {join_words(silent)}."
    said = (
        f"The table gives {counted(len(facts), 'statement')} in round figures from the documents it names, each with "
        'the hedge it was made with ("around", "over"). They are statements, not statistics: the chapters that '
        "follow compute their figures from data."
    )
    return said + (f" No key facts were entered for {join_words(silent)}." if silent else "")


def _glue_alliance(alliance: Alliance | None, registry: ForceRegistry, as_of: str) -> None:
    known = alliance is not None and alliance.start is not None
    glue("alliance_known", known, description="whether the edition's forces were in an alliance by its as-of date")
    if not known:
        return
    glue("alliance_members", join_words(registry.full_name(f) for f in alliance.members), description="its forces")
    glue("alliance_start", f"{alliance.start:%B %Y}", description="month the alliance agreements were made")
    glue("alliance_since", since_words(alliance, as_of), description="what became of the alliance, in words")
    if alliance.years is not None:
        glue("alliance_years", alliance.years, unit="years", description="length of the alliance")


def period_words(found: Introduction) -> str:
    """The assessment period as the opening names it: "2019/20, the financial year assessed", or
    "March 2015 to February 2016, as the assessment set it" when it is other than the year."""
    span = span_label(found.assessed, "long")
    return f"{span}, as the assessment set it" if found.year_differs else f"{span}, the financial year assessed"


def before_words(n: int) -> str:
    """How many dated datasets end before the year assessed, with the verb: "none ends", "1 ends",
    "11 end"."""
    if n == 0:
        return "none ends"
    return f"{n:,} {'ends' if n == 1 else 'end'}"


def since_words(alliance: Alliance, as_of: str) -> str:
    """What became of the alliance after it was formed, by the day ``as_of`` (YYYY-MM-DD), in
    sentences: the notice to leave and the end, each once reached, or that it was still in place."""
    said = []
    if alliance.notice is not None:
        leavers = join_words(alliance.leavers) or "a force"
        said.append(
            f"On {day_label(f'{alliance.notice:%Y-%m-%d}')} {leavers} gave a year's notice to leave the alliance."
        )
    if alliance.end is not None:
        said.append(
            f"The alliance ended on {day_label(f'{alliance.end:%Y-%m-%d}')}, after about {alliance.years:.1f} years; "
            "since then each force plans on its own."
        )
    return " ".join(said) or f"It was still in place on {day_label(as_of)}."


def acronyms(found: Introduction) -> Acronyms:
    """The page's acronyms, each spelt out at its first use (pass the same object to every table)."""
    return Acronyms(found.glossary)


def areas_table(found: Introduction):
    """Each force's places, districts, policing areas (or that none was entered) and residents."""
    summary = found.summary
    residents = f"Residents (ONS, mid-{found.population_year})" if found.population_year else "Residents"
    shown = pd.DataFrame(
        {
            "Force": summary["force"],
            "Counties and districts": [
                join_words(p) if len(p) <= MANY_PLACES else counted(len(p), "district") for p in summary["places"]
            ],
            "Local authority districts": summary["local_authorities"],
            "Policing areas": [str(n) if n else "none entered" for n in summary["policing_areas"]],
            residents: summary["residents"],
        }
    )
    return table(
        shown,
        formats={residents: "{:,.0f}"},
        caption="Forces, their districts and policing areas, covered by this edition",
        source="ONS local authority districts by police force area (2021 geography); ONS mid-year population "
        "estimates; the project's lookup of policing areas",
    )


def districts_table(found: Introduction):
    """Every district of the edition's forces, with its ONS code and, where entered, its policing area."""
    districts = found.districts
    shown = {"Force": districts["force"], "District": districts["lad_name"], "ONS code": districts["lad_code"]}
    if (districts["policing_area"] != "").any():
        shown["Policing area"] = districts["policing_area"].replace("", "not entered")
    return table(
        pd.DataFrame(shown),
        caption="Local authority districts of each force",
        source="ONS local authority districts by police force area (2021 geography); the project's lookup of "
        "policing areas",
    )


def facts_table(found: Introduction, forces: tuple[str, ...], spelled: Acronyms):
    """The key facts of the edition's forces, as stated, each with the document it was stated in;
    None when none was entered."""
    if found.facts.empty:
        return None
    return table(
        spelt_out(found.facts, ["fact", "unit", "document"], spelled).rename(
            columns={
                "fact": "Fact",
                "force": "Force",
                "qualifier": "As stated",
                "value": "Value",
                "unit": "Unit",
                "document": "Stated in",
            }
        ),
        caption=f"Key facts on {join_words(forces)}, as stated",
        source="the documents named in the table, as transcribed by the project",
    )


def timeline_table(found: Introduction, spelled: Acronyms):
    """The alliance's timeline to the as-of date, or None when the page has no alliance section."""
    alliance = found.alliance
    if alliance is None or alliance.start is None or alliance.events.empty:
        return None
    return table(
        spelt_out(alliance.events, ["event", "document"], spelled).rename(
            columns={"date": "Date", "event": "Event", "document": "Stated in"}
        ),
        caption="Timeline of the strategic alliance to the date of this edition, as its documents record it",
        source="the documents named in the table, as transcribed by the project",
    )
