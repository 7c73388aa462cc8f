"""The Introduction: what the edition is, the period and data it reports, the area its forces
police, what they state of themselves and, for an edition that covers a force of an alliance, the
alliance's history to the as-of date.

The area comes from national files, so any force has it: its districts from the ONS district
lookup (by ONS code), its residents from the ONS estimates (``residents``), and its policing areas
where the policing areas lookup names them. Key facts, their documents and the alliance's
timeline are optional: the page says when none was entered for a force.

Only the edition's own forces appear: the key facts of an alliance only where the edition covers
all of its forces (``profile.facts_for_edition``), and the alliance's timeline only where it
covers one of them (events that name another force only are left out on reading,
``assess.read.facts.concerning``).
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from ..analysis import profile
from ..edition import ASSESSMENT
from ..periods import Period, financial_year_months
from . import Chapter
from .residents import POPULATIONS, read_population

DATASETS = ("district_lookup", "glossary")
OPTIONAL = ("policing_areas", *POPULATIONS, "key_facts", "source_documents", "alliance_timeline")
PARAMETERS = ("periods",)
FACTS_COLUMNS = ["fact", "force", "qualifier", "value", "unit", "document"]
"""The columns of the key facts as the page shows them (with no row when none was entered)."""
"""The periods section is declared so that the chapter can say which datasets end before the
year assessed (it sees the period of every dataset its edition reads)."""


@dataclass(frozen=True)
class DataAge:
    """The dated datasets the edition reads: ``dated`` (how many), ``before`` (the names of those
    whose period ends before the assessment period starts) and ``latest`` (YYYY-MM, the newest
    month any of them reaches; None when none is dated)."""

    dated: int
    before: tuple[str, ...]
    latest: str | None


@dataclass(frozen=True)
class Alliance:
    """An alliance the edition's forces belong to, as its timeline records it by the as-of date:
    ``name``, ``members`` (forces, registry order), ``start``, ``notice`` and ``end`` (the
    milestones' days, None when not reached by the as-of date; a month alone counts from its first
    day), ``leavers`` (the members the notice names) and ``events`` (``date``, ``event``,
    ``document``: the timeline, each source named)."""

    name: str
    members: tuple[str, ...]
    start: pd.Timestamp | None
    notice: pd.Timestamp | None
    leavers: tuple[str, ...]
    end: pd.Timestamp | None
    events: pd.DataFrame

    @property
    def years(self) -> float | None:
        """How long the alliance lasted, in years of 365.25 days; None until it has ended."""
        if self.start is None or self.end is None:
            return None
        return profile.years_between(self.start, self.end)


@dataclass(frozen=True)
class Introduction:
    """The chapter's findings: ``assessed`` (the assessment period), ``year_differs`` (whether it
    is other than the financial year), ``data`` (the age of the data), ``districts``
    (``profile.edition_districts``: each force's districts with their ONS codes, and their policing
    areas where entered), ``summary`` (``profile.area_summary``: places, policing areas and
    districts by force, with ``residents``, persons at mid-``population_year``; missing when the
    edition holds no population), ``facts`` (the key facts of the edition's forces: fact, force,
    qualifier, value, unit, document; no row when none was entered), ``glossary`` (to spell out
    acronyms) and ``alliance`` (None when the edition's forces belong to no alliance, or its
    timeline is not read)."""

    assessed: Period
    year_differs: bool
    data: DataAge
    districts: pd.DataFrame
    summary: pd.DataFrame
    population_year: int | None
    facts: pd.DataFrame
    glossary: pd.DataFrame
    alliance: Alliance | None

    @property
    def without_areas(self) -> tuple[str, ...]:
        """The edition's forces with no policing area entered, in its order."""
        return tuple(self.summary.loc[self.summary["policing_areas"] == 0, "force"])


def compute(chapter: Chapter) -> Introduction:
    """The Introduction's findings for the chapter's edition."""
    assessed = chapter.assessment_period
    year = financial_year_months(chapter.assessment_year)
    lookup = chapter.read("policing_areas") if chapter.holds("policing_areas") else pd.DataFrame(columns=["lad_code"])
    districts = profile.edition_districts(chapter.read("district_lookup"), lookup, chapter.forces)
    summary = profile.area_summary(districts, chapter.forces)
    population = read_population(chapter)
    population_year = int(population["year"].max()) if population is not None else None
    if population is not None:
        people = population[population["year"] == population_year].groupby("force")["population"].sum()
        summary["residents"] = summary["force"].map(people).astype("Int64")
    else:
        summary["residents"] = pd.Series(pd.NA, index=summary.index, dtype="Int64")
    documents = chapter.read("source_documents") if chapter.holds("source_documents") else None
    return Introduction(
        assessed=assessed,
        year_differs=(assessed.start, assessed.end) != (year[0], year[-1]),
        data=data_age(chapter),
        districts=districts,
        summary=summary,
        population_year=population_year,
        facts=key_facts(chapter, documents),
        glossary=chapter.read("glossary"),
        alliance=alliance(chapter, documents) if documents is not None else None,
    )


def key_facts(chapter: Chapter, documents: pd.DataFrame | None) -> pd.DataFrame:
    """The key facts of the edition's forces (and of an alliance it covers all of), each with the
    document it was stated in; no row when the edition names no key facts or no documents."""
    if documents is None or not chapter.holds("key_facts"):
        return pd.DataFrame(columns=FACTS_COLUMNS)
    facts = profile.facts_for_edition(
        chapter.read("key_facts"), chapter.forces, chapter.registry.alliances_covered(chapter.forces)
    )
    return profile.cite(facts, documents)


def data_age(chapter: Chapter) -> DataAge:
    """How many dated datasets the edition reads, which end before the assessment period, and the
    newest month any reaches."""
    dated = {name: period for name, period in chapter.periods.items() if name != ASSESSMENT}
    start = chapter.assessment_period.start
    return DataAge(
        dated=len(dated),
        before=tuple(sorted(name for name, period in dated.items() if period.end < start)),
        latest=max((period.end for period in dated.values()), default=None),
    )


def alliance(chapter: Chapter, documents: pd.DataFrame) -> Alliance | None:
    """The alliance of the edition's first force that belongs to one, with its timeline; None when
    no force of the edition belongs to an alliance or the edition names no timeline."""
    registry = chapter.registry
    names = [registry.alliance(force) for force in chapter.forces if registry.alliance(force)]
    if not names or not chapter.has("alliance_timeline"):
        return None
    timeline = chapter.read("alliance_timeline")
    members = registry.alliance_members(names[0])
    days = {row.milestone: pd.Timestamp(row.date) for row in timeline.itertuples() if row.milestone}
    notice = timeline.loc[timeline["milestone"] == "notice", "event"]
    leavers = tuple(f for f in members if len(notice) and f in notice.iloc[0])
    return Alliance(
        name=names[0],
        members=members,
        start=days.get("start"),
        notice=days.get("notice"),
        leavers=leavers,
        end=days.get("end"),
        events=profile.cite(timeline.drop(columns="milestone"), documents),
    )
