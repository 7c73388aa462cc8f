"""Control Strategy: the threats the MoRiLE register puts first, and how last year's
recommendations stand.

The Control Strategy is the edition's MoRiLE register scored and placed by its own rule
(``assess.analysis.morile.scored_control_strategy``, the one function every page that states it
calls). Every register is optional: an edition whose forces have no MoRiLE entry, or no
recommendations tracker, gets None for it and its page says that none was entered.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from ..analysis import morile
from ..analysis.registers_summary import Review, review, status_counts
from ..read.catalogue import read_catalogue
from ..read.dating import PeriodNotCovered
from . import Chapter
from . import threats as threats_chapter

DATASETS = ()
OPTIONAL = ("morile", "recommendations", "glossary", *threats_chapter.DATASETS, *threats_chapter.OPTIONAL)
PARAMETERS = threats_chapter.PARAMETERS

RULE = ("priority_threshold", "priority_min_confidence", "intelligence_threshold")
"""The keys of a MoRiLE template's Control Strategy rule."""


@dataclass(frozen=True)
class Strategy:
    """The Control Strategy of the edition's MoRiLE register.

    ``table``: one row a threat, highest risk first (``morile.scored_control_strategy``): ``id``,
    ``name``, ``harm`` (the sum of its harm scores), a column for each of the template's
    ``modifiers`` (the threat's level: ``geographic_scope``, ``victim_vulnerability`` ...),
    ``likelihood`` (a score), ``risk`` (the MoRiLE risk score: harm × each modifier's factor ×
    likelihood), ``rank`` (1 = highest risk), ``confidence``, ``organisational`` (capacity +
    capability scores), ``category`` (priority, intelligence requirement or monitor),
    ``last_year`` (its category in last year's strategy, or "none") and ``change`` ("same", "new"
    or "was <category>"). ``rule``: the register's ``priority_threshold`` and
    ``intelligence_threshold`` (risk scores) and ``priority_min_confidence`` (a confidence level).
    ``modifiers``: the names of the template's modifiers, in its order. ``example``: True when
    the scores are illustrative, not scores the force gave. ``last_year_label`` names last year's
    strategy; ``entry`` is the register's catalogue entry (where it was printed).
    """

    table: pd.DataFrame
    rule: dict
    modifiers: tuple[str, ...]
    example: bool
    last_year_label: str
    entry: dict

    def named(self, category: str) -> list[str]:
        """The names of the threats in ``category``, highest risk first."""
        return self.table.loc[self.table["category"] == category, "name"].tolist()

    @property
    def moved(self) -> pd.DataFrame:
        """The threats whose place differs from last year's (``change`` other than "same")."""
        return self.table[self.table["change"] != "same"]


@dataclass(frozen=True)
class Progress:
    """Last year's recommendations as the tracker records them: ``table`` (``number``, which may
    be empty, ``theme``, ``recommendation``, ``update``, ``status``), ``by_status``
    (``registers_summary.status_counts``: ``status``, ``recommendations``, a count for every
    status in the book's order) and ``entry``, the tracker's catalogue entry."""

    table: pd.DataFrame
    by_status: pd.DataFrame
    entry: dict


@dataclass(frozen=True)
class AgainstData:
    """The Control Strategy held against the data (``chapters.threats.evidence``): ``table`` (one
    row per threat and force: its place, harm share and rank, recorded crimes, its crime types'
    direction and the verdict on its place with its reason), ``titles`` (threat id → title),
    ``recorded_year`` (YYYY-YY) and ``crimes`` (the crime findings)."""

    table: pd.DataFrame
    titles: dict[str, str]
    recorded_year: str
    crimes: object


@dataclass(frozen=True)
class ControlStrategy:
    """The chapter's findings: the ``strategy`` and last year's recommendations' ``progress``,
    each None when no entry of it was entered for the edition's forces; ``glossary`` (term,
    expansion, ...: to spell out abbreviations) or None; ``review``: how many of the entries shown
    (the MoRiLE threats and last year's recommendations) are carried forward from an earlier
    assessment, each by its own ``reviewed`` month (None when no register is shown);
    ``against_data``: the Control Strategy held against the data, or None when the edition
    measures no threat."""

    strategy: Strategy | None
    progress: Progress | None
    glossary: pd.DataFrame | None
    review: Review | None
    against_data: AgainstData | None = None


def compute(chapter: Chapter) -> ControlStrategy:
    """The Control Strategy chapter's findings for the chapter's edition."""
    shown_strategy, shown_progress = strategy(chapter), progress(chapter)
    shown = [part.table["reviewed"] for part in (shown_strategy, shown_progress) if part is not None]
    return ControlStrategy(
        shown_strategy,
        shown_progress,
        chapter.read("glossary") if chapter.has("glossary") else None,
        review(pd.concat(shown), chapter.as_of) if shown else None,
        against_data(chapter),
    )


def against_data(chapter: Chapter) -> AgainstData | None:
    """Each threat's place held against the data; None when the edition names no threat register
    and the data that measures it, or that data does not cover its period."""
    if not all(chapter.has(name) for name in (*threats_chapter.DATASETS, *threats_chapter.OPTIONAL)):
        return None
    try:
        found = threats_chapter.compute(chapter)
    except PeriodNotCovered:
        return None
    return AgainstData(
        threats_chapter.evidence(found, chapter.forces),
        {t["id"]: t["title"] for t in found.threats},
        found.recorded_year,
        found.crimes,
    )


def strategy(chapter: Chapter) -> Strategy | None:
    """The Control Strategy of the edition's MoRiLE register; None when the edition names no
    register or the register holds no threat of its forces."""
    if not chapter.has("morile"):
        return None
    register = chapter.read("morile")
    template, threats = register
    if threats.empty:
        return None
    rule = {k: template["control_strategy"][k] for k in RULE}
    return Strategy(
        morile.scored_control_strategy(register),
        rule,
        tuple(template["modifiers"]),
        bool(template["example_scores"]),
        template["last_year_label"],
        read_catalogue(chapter.root)["morile"],
    )


def progress(chapter: Chapter) -> Progress | None:
    """Last year's recommendations and their count by status; None when the edition names no
    tracker or it holds no recommendation of the edition's forces."""
    if not chapter.has("recommendations"):
        return None
    table = chapter.read("recommendations")
    if table.empty:
        return None
    return Progress(table, status_counts(table), read_catalogue(chapter.root)["recommendations"])
