"""The Introduction: what the edition is, the period and data it reports, the area its forces
police, what they state of themselves and, for an edition that covers a force of an alliance, the
alliance's history to the as-of date.

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

DATASETS = ("policing_areas", "key_facts", "source_documents", "glossary")
OPTIONAL = ("alliance_timeline",)
PARAMETERS = ("periods",)
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
    is other than the financial year), ``data`` (the age of the data), ``areas`` (the edition's
    rows of the policing areas lookup: force, policing_area, local_authority, county),
    ``summary`` (``profile.area_summary``: counties, policing areas and districts by force),
    ``facts`` (the key facts of the edition's forces: fact, force, qualifier, value, unit,
    document), ``glossary`` (to spell out acronyms) and ``alliance`` (None when the edition's
    forces belong to no alliance, or its timeline is not read)."""

    assessed: Period
    year_differs: bool
    data: DataAge
    areas: pd.DataFrame
    summary: pd.DataFrame
    facts: pd.DataFrame
    glossary: pd.DataFrame
    alliance: Alliance | None


def compute(chapter: Chapter) -> Introduction:
    """The Introduction's findings for the chapter's edition."""
    assessed = chapter.assessment_period
    year = financial_year_months(chapter.assessment_year)
    lookup = chapter.read("policing_areas")
    documents = chapter.read("source_documents")
    facts = profile.facts_for_edition(
        chapter.read("key_facts"), chapter.forces, chapter.registry.alliances_covered(chapter.forces)
    )
    return Introduction(
        assessed=assessed,
        year_differs=(assessed.start, assessed.end) != (year[0], year[-1]),
        data=data_age(chapter),
        areas=profile.edition_areas(lookup, chapter.forces),
        summary=profile.area_summary(lookup, chapter.forces),
        facts=profile.cite(facts, documents),
        glossary=chapter.read("glossary"),
        alliance=alliance(chapter, documents),
    )


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
