"""National: the edition's forces among all the territorial forces of England and Wales.

Four measures, each set out for every force: recorded crimes per officer, harm per officer and
harm per recorded crime (a financial year's Home Office recorded crime, weighted by the Crime Harm
Index, over the officers in post at its end) and Special Constables per 100 officers (a workforce
count). The chapter is computed in steps, each a function of its own, so that one can be
replaced without touching the others:

1. ``tables``: the yearly and workforce tables of every force (``Tables``);
2. ``ranks``: each measure's values, ranks, outliers and spread at the latest time (``Standing``);
3. ``rank_changes``: each of the edition's forces' move in rank since the first time, beyond the
   noise of the counts or not;
4. ``peers``: the book's peer group of each of the edition's forces (``peer_features`` says what
   it is chosen on) and the force set beside its peers.

Issue 28 reworks steps 2 and 4: rates per 1,000 residents first, rank intervals simulated over all
43 forces with overdispersion (the Specials headcount a census), and peers chosen on context
(population, density, officers per 1,000 residents), never on the outcomes compared.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from ..analysis import national
from . import Chapter

DATASETS = ("national_recorded_crime", "workforce_specials", "harm_weights_chi")
PARAMETERS = ()

MEASURES = ("crimes_per_officer", "harm_per_officer", "harm_per_crime", "specials_per_100")
"""The measures compared, names of ``analysis.national.MEASURE_PARTS``, in the chapter's order."""
YEARLY = ("crimes_per_officer", "harm_per_officer", "harm_per_crime")
"""The measures of a financial year's recorded crime; the others are of a workforce count's day."""
K_PEERS = 5
"""How many forces make up a force's peer group."""


@dataclass(frozen=True)
class Tables:
    """Every force's figures: ``years`` (``analysis.national.per_officer``: by financial year and
    force, recorded crimes, harm in CHI days, harm per crime, violent share %, unweighted crimes,
    officers FTE at the year's end, crimes and harm per officer), ``staff`` (by workforce day and
    force: officers FTE, Special Constables headcount), the financial years (``years_compared``,
    "2017-18") and workforce days (``days``, YYYY-MM-DD) they hold, in order."""

    years: pd.DataFrame
    staff: pd.DataFrame
    years_compared: list[str]
    days: list[str]

    def at(self, measure: str, first: bool = False) -> pd.DataFrame:
        """The table a ``measure`` is computed from, indexed by force: its latest (or ``first``)
        financial year for a yearly measure, its latest (or first) workforce count otherwise."""
        if measure in YEARLY:
            year = self.years_compared[0 if first else -1]
            return self.years[self.years["financial_year"] == year].set_index("force")
        day = self.days[0 if first else -1]
        return self.staff[self.staff["as_at"] == day].set_index("force")

    def when(self, measure: str, first: bool = False) -> str:
        """The financial year ("2017-18") or day (YYYY-MM-DD) a measure is taken at."""
        if measure in YEARLY:
            return self.years_compared[0 if first else -1]
        return self.days[0 if first else -1]


@dataclass(frozen=True)
class Standing:
    """One measure across all forces at one time: ``measure``, ``when`` (a financial year or a
    day), ``table`` (indexed by force: ``value`` in the measure's unit, ``rank`` of all forces, 1
    the highest, ties sharing the best, and ``flagged``, an outlier by Tukey's rule) and ``spread``
    (``median``, ``q1``, ``q3``, ``iqr``, in the measure's unit)."""

    measure: str
    when: str
    table: pd.DataFrame
    spread: dict[str, float]

    @property
    def flagged(self) -> list[str]:
        """The forces flagged as outliers on this measure, by name."""
        return sorted(self.table.index[self.table["flagged"]])


@dataclass(frozen=True)
class Peers:
    """The book's peer group of each of the edition's forces: ``k`` (forces in a group),
    ``features`` (``peer_features``: what the groups are chosen on, indexed by force),
    ``groups`` (``force``, ``peer``, ``distance`` in standard deviations, nearest first) and
    ``comparison`` (``force``, ``measure``, ``value``, ``peer_median``, ``national_median`` in
    the measure's unit, and ``rank_among``, the force's rank among itself and its peers, 1 the
    highest)."""

    k: int
    features: pd.DataFrame
    groups: pd.DataFrame
    comparison: pd.DataFrame

    def of(self, force: str) -> list[str]:
        """The peers of ``force``, nearest first."""
        return self.groups.loc[self.groups["force"] == force, "peer"].tolist()


@dataclass(frozen=True)
class National:
    """The chapter's findings: ``forces`` (the edition's), ``tables``, ``standings`` (a
    ``Standing`` per measure, latest time), ``changes`` (``rank_changes``), ``peers`` and
    ``unweighted`` (recorded crimes of the latest year in offence groups with no harm weight)."""

    forces: tuple[str, ...]
    tables: Tables
    standings: dict[str, Standing]
    changes: pd.DataFrame
    peers: Peers
    unweighted: int

    @property
    def n_forces(self) -> int:
        """How many forces are compared (those with crime and officers in the latest year)."""
        return len(self.standings[MEASURES[0]].table)


def compute(chapter: Chapter) -> National:
    """The National chapter's findings for the chapter's edition."""
    found = tables(chapter)
    standings = {m: ranks(found.at(m), m, found.when(m)) for m in MEASURES}
    latest = found.at(YEARLY[0])
    return National(
        forces=tuple(chapter.forces),
        tables=found,
        standings=standings,
        changes=rank_changes(found, chapter.forces),
        peers=peers(peer_features(latest), standings, chapter.forces),
        unweighted=int(latest["unweighted"].sum()),
    )


def tables(chapter: Chapter) -> Tables:
    """Every force's recorded crime, harm and officers by financial year, and its workforce counts.

    The financial years are those with both recorded crime and an officer count at their end."""
    crime = chapter.read("national_recorded_crime")
    weights = national.group_weights(chapter.read("harm_weights_chi"), sorted(crime["offence_group"].unique()))
    staff = national.workforce_by_force(chapter.read("workforce_specials"), chapter.registry.by_home_office_name())
    years = national.per_officer(national.force_years(crime, weights), staff)
    return Tables(years, staff, sorted(years["financial_year"].unique()), sorted(staff["as_at"].unique()))


def ranks(frame: pd.DataFrame, measure: str, when: str) -> Standing:
    """Step 2: ``measure`` for every force of ``frame`` (indexed by force), its rank of all forces,
    the outliers and the spread.

    Issue 28 puts an interval on each rank here (simulated over all forces together, allowing
    overdispersion) and adds the rates per 1,000 residents."""
    values = national.measure(frame, measure)
    return Standing(measure, when, national.standings(values), national.spread(values))


def rank_changes(found: Tables, forces: tuple[str, ...]) -> pd.DataFrame:
    """Step 3: how each of ``forces`` moved on each measure from the first time the data holds to
    the latest (``analysis.national.change``: the later value's 95% interval, the others held as
    they are, decides whether the move is beyond noise).

    Returns ``force``, ``measure``, ``since`` and ``until`` (the times compared), ``before`` and
    ``after`` (values in the measure's unit), ``low`` and ``high`` (the later value's interval),
    ``rank_before``, ``rank_after`` and ``moved`` (True when beyond noise), force by force in the
    edition's order, measures in ``MEASURES`` order.

    A comparison of financial years can cross a change of offence classification (the April 2017
    burglary change crosses 2014/15 to 2017/18); ``analysis.reclassifications.crossing`` names it
    from ``since`` and ``until`` once ``data/reference/reclassifications.csv`` is a dataset an
    edition reads (it has no catalogue entry yet)."""
    rows = []
    for force in forces:
        for measure in MEASURES:
            change = national.change(found.at(measure, first=True), found.at(measure), measure, force)
            rows.append(
                {
                    "force": force,
                    "measure": measure,
                    "since": found.when(measure, first=True),
                    "until": found.when(measure),
                    **change,
                }
            )
    return pd.DataFrame(rows)


def peer_features(latest: pd.DataFrame) -> pd.DataFrame:
    """What the book's peer groups are chosen on, for every force of ``latest`` (the latest year's
    table, indexed by force): ``log_officers`` (log10 of officers FTE), ``harm_per_crime`` (CHI
    days) and ``violent_share`` (% of recorded crime that is violence or sexual offences).

    Issue 28 replaces these with context (population, density, officers per 1,000 residents),
    since harm per crime is also an outcome the chapter compares."""
    return pd.DataFrame(
        {
            "log_officers": np.log10(latest["officers"]),
            "harm_per_crime": latest["harm_per_crime"],
            "violent_share": latest["violent_share"],
        }
    )


def peers(features: pd.DataFrame, standings: dict[str, Standing], forces: tuple[str, ...], k: int = K_PEERS) -> Peers:
    """Step 4: the ``k`` forces nearest each of ``forces`` on ``features`` (standardised, Euclidean:
    ``analysis.national.peers``), and each measure of the force beside its peers' median and the
    national median."""
    groups, comparison = [], []
    for force in forces:
        near = national.peers(features, force, k)
        groups += [{"force": force, "peer": r.force, "distance": float(r.distance)} for r in near.itertuples()]
        for measure, standing in standings.items():
            values = standing.table["value"]
            group = [force, *near["force"]]
            comparison.append(
                {
                    "force": force,
                    "measure": measure,
                    "value": float(values[force]),
                    "peer_median": float(values[near["force"]].median()),
                    "national_median": standing.spread["median"],
                    "rank_among": int(values[group].rank(ascending=False, method="min")[force]),
                }
            )
    return Peers(k, features, pd.DataFrame(groups), pd.DataFrame(comparison))
