"""Capacity: the Special Constabulary's headcount, duty hours and hours per Special, the book's
projection of its headcount at the rates an earlier assessment printed, and the workforce as
the forces stated it.

Headcounts are the Home Office's (``workforce_tables``, held for every force of England and
Wales); hours, the recruitment and resignation rates and the establishment are the tables the
assessment printed (``specials_*``), and the workforce as stated the forces' documents
(``key_facts``): all optional, held only for the forces that assessment covered. An edition without
them gives the Home Office headcounts alone; a force of an edition with them but not in them has
no hours, and its sentences say so. The projection, its interval and its test out of sample are
``assess.analysis.stock_flow`` run at the edition's ``specials.projection`` rates.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from ..analysis import profile, specials, stock_flow
from ..periods import months_between, shift_month
from ..read.catalogue import read_catalogue
from . import Chapter

DATASETS = ("workforce_tables", "glossary")
PRINTED = {
    "specials_duty_hours": ("force", "period", "year", "duty_hours", "pct_change_printed"),
    "specials_flows": ("force", "recruited_since_oct_2015", "resignations_per_month"),
    "specials_establishment": ("force", "as_at", "specials_headcount"),
}
"""The Specials' tables the assessment printed, each with the columns its reader returns (those of
an empty table when the edition does not hold it)."""
STATED = ("key_facts", "source_documents")
"""The workforce as the forces' documents stated it, and those documents."""
OPTIONAL = (*PRINTED, *STATED)
PARAMETERS = ("specials",)
PERIODS = ("Jan-Sep", "Jan-Dec")
"""The duty-hours periods the assessment printed, in the order the chapter gives them."""
CHANGE_COLUMNS = ("previous_hours", "change_hours", "pct_change", "pct_printed", "printed_decimals")
"""The columns ``specials.year_on_year`` adds to the printed hours."""
RATE_COLUMNS = ("headcount_from", "headcount_as_at", "headcounts_averaged", "headcount", "hours_per_special")
"""The columns ``specials.hours_per_special`` adds to them on the average headcount."""
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
    (``specials.printed_mismatches``) and ``per_special`` (``specials.hours_per_special`` on the
    average of the Home Office counts dated within each period: headcount, people;
    headcounts_averaged; headcount_from and headcount_as_at, the first and last day averaged;
    hours_per_special in hours per person; the rows with a count)."""

    changes: pd.DataFrame
    mismatches: pd.DataFrame
    per_special: pd.DataFrame

    def latest(self, force: str, period: str) -> pd.Series | None:
        """The latest year with hours of ``force`` and ``period``, or None when none was printed."""
        rows = self.changes[(self.changes["force"] == force) & (self.changes["period"] == period)]
        rows = rows.dropna(subset=["duty_hours"]).sort_values("year")
        return rows.iloc[-1] if len(rows) else None

    @property
    def checked(self) -> int:
        """How many printed % changes can be checked against the hours (both figures present)."""
        return int(self.changes.dropna(subset=["pct_change", "pct_printed"]).shape[0])


@dataclass(frozen=True)
class Projection:
    """The book's stock-and-flow projection of headcount at the printed rates, with its interval,
    tested out of sample (``assess.analysis.stock_flow``).

    ``forces``: the forces whose recruitment and resignations the assessment printed and whose
    rates the edition's ``specials.projection`` gives (the only forces projected); ``measured``:
    the months (YYYY-MM) the rates were counted over; ``start``: the month (YYYY-MM) whose Home
    Office count the projection starts from, the last month measured; ``run``: force, month,
    as_at (its last day), projected (the central path), low and high (its ``level`` interval),
    people, not rounded, over the edition's projection period, for each force counted in
    ``start``; ``dispersion``: force → how many times more the flows vary than Poisson counts,
    estimated from the Home Office counts up to ``start`` (``stock_flow.net_change_dispersion``);
    ``tests``: the ``stock_flow.Backtest`` of each force with a Home Office count later in the
    period, set against the latest such count."""

    forces: tuple[str, ...]
    measured: list[str]
    start: str
    run: pd.DataFrame
    dispersion: dict[str, float]
    tests: dict[str, stock_flow.Backtest]
    level: float

    def run_of(self, force: str) -> pd.DataFrame:
        """The projection of ``force`` month by month (empty when it has none)."""
        return self.run[self.run["force"] == force]


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
    printed tables (where they were printed); ``glossary`` spells out the labels of the facts;
    ``projection`` is None when the edition makes none (``specials.projection`` left out).
    ``printed_held``: whether the edition holds the printed tables (all of ``PRINTED``; without
    them ``hours``, ``flows`` and ``establishment`` are empty); ``stated_held``: whether it holds
    the stated workforce (``STATED``; without it ``workforce.people`` is empty)."""

    forces: tuple[str, ...]
    full_names: dict[str, str]
    headcounts: Headcounts
    hours: DutyHours
    projection: Projection | None
    flows: pd.DataFrame
    establishment: pd.DataFrame
    workforce: Workforce
    printed: dict
    glossary: pd.DataFrame
    printed_held: bool
    stated_held: bool


def compute(chapter: Chapter) -> Capacity:
    """The Capacity chapter's findings for the chapter's edition."""
    forces = tuple(chapter.forces)
    counts = _own(chapter.read("workforce_tables"), forces)
    headcounts = Headcounts(counts, specials.headcount_change(counts, forces))
    flows = _printed(chapter, "specials_flows")
    rates = chapter.specials.recruits_per_month
    rated = tuple(f for f in forces if f in set(flows["force"]) and f in rates)
    return Capacity(
        forces=forces,
        full_names={force: chapter.registry.full_name(force) for force in forces},
        headcounts=headcounts,
        hours=duty_hours(chapter, counts),
        projection=projection(chapter, counts, rated) if chapter.specials.projection is not None else None,
        flows=flows,
        establishment=_printed(chapter, "specials_establishment"),
        workforce=workforce(chapter),
        printed=read_catalogue(chapter.root)["specials_flows"],
        glossary=chapter.read("glossary"),
        printed_held=all(chapter.holds(name) for name in PRINTED),
        stated_held=all(chapter.holds(name) for name in STATED),
    )


def _printed(chapter: Chapter, name: str) -> pd.DataFrame:
    """The edition's forces' rows of the printed table ``name``; an empty table of its columns
    when the edition does not hold it."""
    if not chapter.holds(name):
        return pd.DataFrame(columns=list(PRINTED[name]))
    return _own(chapter.read(name), tuple(chapter.forces))


def _own(frame: pd.DataFrame, forces: tuple[str, ...]) -> pd.DataFrame:
    return frame[frame["force"].isin(forces)].reset_index(drop=True)


def duty_hours(chapter: Chapter, counts: pd.DataFrame) -> DutyHours:
    """The printed duty hours of the edition's forces, their year-on-year change, the printed
    changes that disagree with the hours, and hours per Special."""
    hours = _printed(chapter, "specials_duty_hours")
    if hours.empty:  # none of the edition's forces is in the printed tables
        changes = hours.reindex(columns=[*hours.columns, *CHANGE_COLUMNS]).astype(dict.fromkeys(CHANGE_COLUMNS, float))
        rate = changes.reindex(columns=[*changes.columns, *RATE_COLUMNS])
    else:
        changes = specials.year_on_year(hours, chapter.path("specials_duty_hours"))
        rate = specials.hours_per_special(changes, counts, basis="average").dropna(subset=["hours_per_special"])
    return DutyHours(changes, specials.printed_mismatches(changes), rate.reset_index(drop=True))


def projection(chapter: Chapter, counts: pd.DataFrame, forces: tuple[str, ...]) -> Projection:
    """For ``forces`` (those whose rates the assessment printed and the edition gives), the
    projection over the edition's projection period from the Home Office count of its first month,
    with its interval, and each one tested against the latest later count in the period (out of
    sample: after the months the rates were counted over, the 12 months to the first)."""
    params = chapter.specials
    period = params.projection
    measured = months_between(shift_month(period.start, -11), period.start)
    runs, dispersion, tests = [], {}, {}
    for force in forces:
        rates = params.recruits_per_month[force], params.leavers_per_month[force]
        held = counts[counts["force"] == force].dropna(subset=["specials_headcount"])
        held = held.set_index(held["as_at"].dt.strftime("%Y-%m"))["specials_headcount"]
        if period.start not in held.index:
            continue
        dispersion[force], _ = stock_flow.net_change_dispersion(counts, force, *rates, period.start)
        run = stock_flow.projection_interval(
            held[period.start], *rates, period.months(), len(measured), dispersion[force]
        )
        runs.append(run.assign(force=force))
        later = [m for m in period.months()[1:] if m in held.index]
        if later:
            months = months_between(period.start, later[-1])
            tests[force] = stock_flow.backtest(counts, force, *rates, measured, months, dispersion[force])
    columns = ["force", "month", "projected", "low", "high"]
    run = pd.concat(runs, ignore_index=True)[columns] if runs else pd.DataFrame(columns=columns)
    run["as_at"] = pd.to_datetime(run["month"]) + pd.offsets.MonthEnd(0)
    return Projection(forces, measured, period.start, run, dispersion, tests, stock_flow.LEVEL)


def workforce(chapter: Chapter) -> Workforce:
    """The facts counting the workforce of the edition's forces (of an alliance only when the
    edition covers all its forces), with the documents that stated them; none when the edition
    does not hold the stated facts."""
    forces = tuple(chapter.forces)
    if not all(chapter.holds(name) for name in STATED):
        columns = ["force", "fact", "qualifier", "value", "unit", "document"]
        return Workforce(pd.DataFrame(columns=columns), None, None)
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
