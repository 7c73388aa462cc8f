"""Capacity: the Special Constabulary's headcount, duty hours and hours per Special, the book's
projection of its headcount at the rates an earlier assessment printed, and the workforce as
the forces stated it.

Headcounts are the Home Office's (``workforce_tables``); hours, the recruitment and resignation
rates and the establishment are the tables the assessment printed (``specials_*``), which hold
only the forces it covered: a force of the edition without them has no hours, and its sentences
say so. The projection and its back-test are ``assess.analysis.specials``' stock-and-flow run at
the edition's ``specials.projection`` rates.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass

import pandas as pd

from ..analysis import profile, specials
from ..periods import months_between, shift_month
from ..read.catalogue import read_catalogue
from . import Chapter

DATASETS = (
    "specials_duty_hours",
    "workforce_tables",
    "specials_flows",
    "specials_establishment",
    "key_facts",
    "source_documents",
    "glossary",
)
PARAMETERS = ("specials",)
PERIODS = ("Jan-Sep", "Jan-Dec")
"""The duty-hours periods the assessment printed, in the order the chapter gives them."""
CHANGE_COLUMNS = ("previous_hours", "change_hours", "pct_change", "pct_printed", "printed_decimals")
"""The columns ``specials.year_on_year`` adds to the printed hours."""
PEOPLE_UNITS = ("people", "officers", "PCSOs", "Special Constables", "staff", "volunteers")
"""Units of the key facts that count the workforce."""


@dataclass(frozen=True)
class Headcounts:
    """The Home Office counts of Special Constables: ``counts`` (force, as_at (the day counted),
    specials_headcount, people) of the edition's forces in its period, and ``change``
    (``specials.headcount_change``: force, first_as_at, first, last_as_at, last, change, pct), a
    row for each force with a count."""

    counts: pd.DataFrame
    change: pd.DataFrame

    def of(self, force: str) -> pd.Series | None:
        """The ``change`` row of ``force``, or None when the Home Office counted none for it."""
        rows = self.change[self.change["force"] == force]
        return rows.iloc[0] if len(rows) else None


@dataclass(frozen=True)
class DutyHours:
    """The duty hours the assessment printed, per force, period ("Jan-Sep" or "Jan-Dec") and
    calendar year: ``changes`` (``specials.year_on_year``: duty_hours in hours, pct_change and
    pct_printed in %; hours missing where it printed none), ``mismatches``
    (``specials.printed_mismatches``), ``per_special`` (``specials.hours_per_special``: the rows
    with a headcount, hours_per_special in hours per person) and ``headcount_month`` (1 to 12, the
    month of the headcount divided by)."""

    changes: pd.DataFrame
    mismatches: pd.DataFrame
    per_special: pd.DataFrame
    headcount_month: int

    def latest(self, force: str, period: str) -> pd.Series | None:
        """The latest year with hours of ``force`` and ``period``, or None when none was printed."""
        rows = self.changes[(self.changes["force"] == force) & (self.changes["period"] == period)]
        rows = rows.dropna(subset=["duty_hours"]).sort_values("year")
        return rows.iloc[-1] if len(rows) else None

    @property
    def checked(self) -> int:
        """How many printed % changes can be checked against the hours (both figures present)."""
        return int(self.changes.dropna(subset=["pct_change", "pct_printed"]).shape[0])

    @property
    def month_name(self) -> str:
        """The name of the headcount's month ("September")."""
        return calendar.month_name[self.headcount_month]


@dataclass(frozen=True)
class Projection:
    """The book's stock-and-flow projection of headcount at the printed rates.

    ``forces``: the forces whose recruitment and resignations the assessment printed (the rates
    of ``specials.projection`` are read for them only); ``measured``: the months (YYYY-MM) of the
    year the rates were measured in, from one Home Office
    count to the next; ``backtest`` (``specials.backtest``: force, start, projected, actual in
    people, pct: projected above (+) or below (−) the count, in %), a row for each force counted
    at both ends of that year; ``run`` (``specials.project_forces``: force, month,
    projected_headcount in people, as_at), from ``start`` (YYYY-MM) to the last month of the
    edition's projection period; ``compared``: force, projected_headcount and specials_headcount
    (the Home Office count, people; missing where there is none) at ``end`` (the run's last
    day); ``limit_pct``: how far a run may miss a count, in %, to be read as a guide.

    Issue 29's out-of-sample back-test with an interval (``assess.analysis.stock_flow``) is to
    replace ``backtest`` and add an interval to ``run``."""

    forces: tuple[str, ...]
    measured: list[str]
    backtest: pd.DataFrame
    run: pd.DataFrame
    start: str
    end: pd.Timestamp | None
    compared: pd.DataFrame
    limit_pct: float

    def backtest_of(self, force: str) -> pd.Series | None:
        """The back-test row of ``force``, or None when it has no count at both ends of the year."""
        rows = self.backtest[self.backtest["force"] == force]
        return rows.iloc[0] if len(rows) else None

    def compared_of(self, force: str) -> pd.Series | None:
        """The ``compared`` row of ``force`` (its count may be missing), or None when it has no run."""
        rows = self.compared[self.compared["force"] == force]
        return rows.iloc[0] if len(rows) else None


@dataclass(frozen=True)
class Workforce:
    """The workforce as the forces stated it (``key_facts``): ``people`` (force, fact, qualifier,
    value, unit, document: the facts counting people, each with the document that stated it),
    ``before`` and ``after`` (officers and staff before the alliance and planned after it, people;
    None where the edition's forces stated none)."""

    people: pd.DataFrame
    before: int | None
    after: int | None

    @property
    def planned_pct(self) -> float | None:
        """The planned change of officers and staff, in % of ``before``; None when not stated."""
        if self.before is None or self.after is None:
            return None
        return (self.after / self.before - 1) * 100

    @property
    def stated_specials(self) -> pd.DataFrame:
        """The rows of ``people`` counting Special Constables."""
        return self.people[self.people["unit"] == "Special Constables"]


@dataclass(frozen=True)
class Capacity:
    """The chapter's findings for the edition's ``forces`` (``full_names``: force → its full name).
    ``flows`` (force, recruited over a year and resignations a month, people, as printed) and
    ``establishment`` (force, as_at (YYYY-MM), specials_headcount, people, as printed) are the
    assessment's tables for the edition's forces; ``printed`` is the catalogue entry of the
    printed tables (where they were printed); ``glossary`` spells out the labels of the facts."""

    forces: tuple[str, ...]
    full_names: dict[str, str]
    headcounts: Headcounts
    hours: DutyHours
    projection: Projection
    flows: pd.DataFrame
    establishment: pd.DataFrame
    workforce: Workforce
    printed: dict
    glossary: pd.DataFrame


def compute(chapter: Chapter) -> Capacity:
    """The Capacity chapter's findings for the chapter's edition."""
    forces = tuple(chapter.forces)
    counts = _own(chapter.read("workforce_tables"), forces)
    headcounts = Headcounts(counts, specials.headcount_change(counts, forces))
    flows = _own(chapter.read("specials_flows"), forces)
    rated = tuple(f for f in forces if f in set(flows["force"]))
    return Capacity(
        forces=forces,
        full_names={force: chapter.registry.full_name(force) for force in forces},
        headcounts=headcounts,
        hours=duty_hours(chapter, counts),
        projection=projection(chapter, counts, rated),
        flows=flows,
        establishment=_own(chapter.read("specials_establishment"), forces),
        workforce=workforce(chapter),
        printed=read_catalogue(chapter.root)["specials_flows"],
        glossary=chapter.read("glossary"),
    )


def _own(frame: pd.DataFrame, forces: tuple[str, ...]) -> pd.DataFrame:
    return frame[frame["force"].isin(forces)].reset_index(drop=True)


def duty_hours(chapter: Chapter, counts: pd.DataFrame) -> DutyHours:
    """The printed duty hours of the edition's forces, their year-on-year change, the printed
    changes that disagree with the hours, and hours per Special."""
    hours = _own(chapter.read("specials_duty_hours"), tuple(chapter.forces))
    month = chapter.specials.headcount_month
    if hours.empty:  # none of the edition's forces is in the printed tables
        changes = hours.reindex(columns=[*hours.columns, *CHANGE_COLUMNS]).astype(dict.fromkeys(CHANGE_COLUMNS, float))
    else:
        changes = specials.year_on_year(hours, chapter.path("specials_duty_hours"))
    rate = specials.hours_per_special(changes, counts, month).dropna(subset=["hours_per_special"])
    return DutyHours(changes, specials.printed_mismatches(changes), rate.reset_index(drop=True), month)


def projection(chapter: Chapter, counts: pd.DataFrame, forces: tuple[str, ...]) -> Projection:
    """For ``forces`` (those whose rates the assessment printed), the back-test of the rates over
    the year they were measured in, the run forward over the edition's projection period, and the
    run set against the Home Office count at its end."""
    params = chapter.specials
    period = params.projection
    measured = months_between(shift_month(period.start, -12), period.start)
    rates = params.recruits_per_month, params.leavers_per_month
    tested = specials.backtest(counts, forces, measured, *rates)
    run = specials.project_forces(counts, forces, period.months(), *rates)
    end = run["as_at"].max() if len(run) else None
    at_end = counts[counts["as_at"] == end][["force", "specials_headcount"]]
    compared = run[run["as_at"] == end][["force", "projected_headcount"]].merge(at_end, on="force", how="left")
    compared["miss_pct"] = (
        100 * (compared["projected_headcount"] - compared["specials_headcount"]) / compared["specials_headcount"]
    )
    return Projection(
        forces, measured, tested, run, period.start, end, compared.reset_index(drop=True), specials.BACKTEST_LIMIT_PCT
    )


def workforce(chapter: Chapter) -> Workforce:
    """The facts counting the workforce of the edition's forces (of an alliance only when the
    edition covers all its forces), with the documents that stated them."""
    forces = tuple(chapter.forces)
    facts = profile.facts_for_edition(chapter.read("key_facts"), forces, chapter.registry.alliances_covered(forces))
    people = profile.cite(facts[facts["unit"].isin(PEOPLE_UNITS)], chapter.read("source_documents"))
    before = people[people["fact"] == "Officers and staff before the alliance"]["value"]
    after = people[people["fact"] == "Officers and staff planned after the alliance"]["value"]
    stated = bool(len(before) and len(after))
    return Workforce(
        people.reset_index(drop=True),
        int(before.iloc[0]) if stated else None,
        int(after.iloc[0]) if stated else None,
    )
