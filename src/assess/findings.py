"""Findings stated on more than one page, each computed once per build by one method.

``crime_directions``: for every force of the edition and every data.police.uk crime type, which
way its recorded crime went over the latest 12 months against the same months a year before
(``assess.analysis.direction``). Performance, the threat pages, the executive summary and the
key judgements all read this one record; none runs a test of its own.

A build computes the findings once, from the datasets it has read to check them, and hands them
to the chapter kernels with those datasets (``assess.read.preloaded``); a chapter run on its own
(in Jupyter Lab, or by nbval) computes the same record from the same files.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from .analysis import direction
from .analysis.street_counts import ASB
from .chapters import Chapter, Declaration
from .read import preloaded

DATASETS = ("street_crime_monthly_counts_archive",)
"""The datasets the crime findings are computed from: a chapter that states them declares these."""
ALL_CRIME = "All crime"
"""The crime type of each force's total recorded crime (every data.police.uk crime type but
anti-social behaviour), a series of the crime findings like any other."""
CRIME_DIRECTIONS = "(finding) crime directions"
"""The name under which a build hands the crime findings to its kernels."""


@dataclass(frozen=True)
class CrimeDirections:
    """The direction of recorded crime of each crime type in each force of an edition.

    ``table``: one row per ``force`` (the project's name) and ``crime_type`` (data.police.uk's),
    with the columns of ``assess.analysis.direction.directions``: ``recent_count`` and
    ``earlier_count`` (crimes in the latest months and the same months a year before), ``pct_change`` with
    ``ci_low`` and ``ci_high`` (% change of the daily rate and its adjusted interval),
    ``q_value``, ``trend`` and ``verdict``. ``significance``: the false discovery rate the
    verdicts were decided at (a fraction). ``level``: the coverage of the intervals (a fraction).
    ``first_month``, ``last_month``: the months (YYYY-MM) of the whole series.
    """

    table: pd.DataFrame
    significance: float
    level: float
    first_month: str
    last_month: str

    def of(self, force: str, crime_type: str) -> pd.Series | None:
        """The finding for one crime type in one force, or None when the edition has none."""
        rows = self.table[(self.table["force"] == force) & (self.table["crime_type"] == crime_type)]
        return rows.iloc[0] if len(rows) else None

    def for_force(self, force: str) -> pd.DataFrame:
        """The findings of one force, largest crime type (by its latest months) first."""
        mine = self.table[self.table["force"] == force]
        return mine.sort_values(["recent_count", "crime_type"], ascending=[False, True])


def crime_directions(chapter: Chapter) -> CrimeDirections:
    """The crime findings of the chapter's edition: the build's when it handed them over, else
    computed (``compute_crime_directions``). ``chapter`` must declare ``DATASETS``."""
    held = preloaded.stored(chapter, CRIME_DIRECTIONS)
    return held if held is not None else compute_crime_directions(chapter)


def compute_crime_directions(chapter: Chapter) -> CrimeDirections:
    """Every crime type of every force of the edition, and each force's total (``ALL_CRIME``), from
    the monthly counts of its period (anti-social behaviour left out: it is not crime), decided
    together at the edition's significance level."""
    counts = monthly_crimes(chapter)
    total = counts.groupby(["force", "month"], as_index=False)["count"].sum().assign(crime_type=ALL_CRIME)
    counts = pd.concat([counts, total], ignore_index=True)
    table = direction.directions(counts, ["force", "crime_type"], chapter.significance)
    months = sorted(counts["month"].unique())
    level = float(table["level"].iloc[0]) if len(table) else float("nan")
    return CrimeDirections(table.reset_index(drop=True), chapter.significance, level, months[0], months[-1])


def monthly_crimes(chapter: Chapter) -> pd.DataFrame:
    """The monthly counts the findings are computed from: ``month``, ``force`` (the project's name,
    the edition's forces only), ``crime_type`` and ``count`` (crimes), anti-social behaviour left
    out. ``chapter`` must declare ``DATASETS``."""
    counts = chapter.read(DATASETS[0])
    counts = counts.assign(force=counts["force"].map(chapter.registry.by_police_uk_name()))
    return counts[counts["force"].isin(chapter.forces) & (counts["crime_type"] != ASB)]


def findings_chapter(edition, reads=None) -> Chapter:
    """The edition as the findings see it: their datasets and the periods section, read through
    ``reads`` (a build's ``Reads``) when given."""
    return Chapter(edition, Declaration(DATASETS, ("periods",)), reads)
