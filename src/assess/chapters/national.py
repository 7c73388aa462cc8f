"""National: the edition's forces among all the territorial forces of England and Wales.

The main comparison is per resident: recorded crimes and harm (a financial year's Home Office
recorded crime, weighted by the Crime Harm Index) per 1,000 residents of the force area at the
mid-year inside the financial year (ONS). Per officer comes second (the officers in post at the
year's end), then harm per recorded crime (the mix of crime) and Special Constables per 100
officers (a workforce count). The chapter is computed in steps, each a function of its own, so
that one can be replaced without touching the others:

1. ``tables``: every force's yearly figures and workforce counts, in the financial years that
   hold every force (``Tables``);
2. ``simulate``: every force's counts drawn together in each of those years, allowing
   overdispersion (``analysis.rank_intervals``; ``Noise`` says how much);
3. ``ranks``: each measure's values, ranks with their intervals, outliers, spread and England and
   Wales as a whole, at the latest time (``Standing``);
4. ``rank_changes``: each of the edition's forces' move in rank since the first time, from both
   years simulated together, beyond the noise of the counts or not;
5. ``peers``: the book's peer group of each of the edition's forces, chosen on context only
   (``peer_features``: residents, residents per square kilometre, officers per 1,000 residents),
   never on a measure the chapter compares, and the force set beside its peers.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from ..analysis import national, rank_intervals
from ..read.districts import force_areas
from . import Chapter

DATASETS = (
    "national_recorded_crime",
    "workforce_specials",
    "harm_weights_chi",
    "force_population",
    "district_lookup",
    "district_area",
)
PARAMETERS = ()
EVERY_FORCE = ("national_recorded_crime", "workforce_specials")
"""The datasets read for every territorial force, whatever the edition's forces (``assess new-year``
asks for them so)."""

MEASURES = (
    "crimes_per_1000",
    "harm_per_1000",
    "crimes_per_officer",
    "harm_per_officer",
    "harm_per_crime",
    "specials_per_100",
)
"""The measures compared, names of ``analysis.national.MEASURE_PARTS``, in the chapter's order:
per resident first, per officer second."""
PER_RESIDENT = ("crimes_per_1000", "harm_per_1000")
"""The main comparison: recorded crime and harm per 1,000 residents."""
YEARLY = ("crimes_per_1000", "harm_per_1000", "crimes_per_officer", "harm_per_officer", "harm_per_crime")
"""The measures of a financial year's recorded crime; the others are of a workforce count's day."""
CENSUS = ("specials_per_100",)
"""Measures that are counts of everyone (the Special Constables' and officers' headcounts), with
no sampling noise: their ranks have no interval."""
CONTEXT = ("log_population", "log_density", "officers_per_1000")
"""What the peer groups are chosen on (``peer_features``)."""
K_PEERS = 5
"""How many forces make up a force's peer group."""


@dataclass(frozen=True)
class Tables:
    """Every force's figures: ``years`` (by financial year and force, in the years that hold
    every force: recorded crimes, harm in CHI days, harm per crime, violent share %, unweighted
    crimes, officers FTE at the year's end, residents at mid-year, and the rates of
    ``analysis.national.MEASURE_PARTS`` with ``officers_per_1000``), ``groups`` (the recorded
    crimes of those years by force and offence group), ``weights`` (CHI days per crime of each
    group), ``staff`` (by workforce day and force: officers FTE, Special Constables headcount),
    ``area`` (each force area's land in square kilometres), the financial years
    (``years_compared``, "2017-18") and workforce days (``days``, YYYY-MM-DD) they hold, in order."""

    years: pd.DataFrame
    groups: pd.DataFrame
    weights: pd.Series
    staff: pd.DataFrame
    area: pd.Series
    years_compared: list[str]
    days: list[str]

    def at(self, measure: str, first: bool = False) -> pd.DataFrame:
        """The table a ``measure`` is computed from, indexed by force: its latest (or ``first``)
        financial year for a yearly measure, its latest (or first) workforce count otherwise."""
        if measure in YEARLY:
            return self.years[self.years["financial_year"] == self.when(measure, first)].set_index("force")
        return self.staff[self.staff["as_at"] == self.when(measure, first)].set_index("force")

    def when(self, measure: str, first: bool = False) -> str:
        """The financial year ("2017-18") or day (YYYY-MM-DD) a measure is taken at."""
        times = self.years_compared if measure in YEARLY else self.days
        return times[0 if first else -1]


@dataclass(frozen=True)
class Noise:
    """How the counts were simulated: ``dispersion`` (each offence group's negative binomial
    dispersion α, estimated from the years compared: a large count varies from year to year by
    about √α of itself; NaN when a single year is compared, and the counts are then drawn as
    Poisson counts), ``years`` (how many financial years it is estimated from), ``draws`` and
    ``level`` (of every interval, 1 − the edition's significance)."""

    dispersion: pd.Series
    years: int
    draws: int
    level: float

    @property
    def estimated(self) -> bool:
        """Whether the dispersion could be estimated (two years or more)."""
        return bool(self.dispersion.notna().all()) and len(self.dispersion) > 0


@dataclass(frozen=True)
class Standing:
    """One measure across all forces at one time: ``measure``, ``when`` (a financial year or a
    day), ``table`` (indexed by force: ``value`` in the measure's unit, ``rank`` of all forces, 1
    the highest, ties sharing the best, ``flagged``, an outlier by Tukey's rule, ``low`` and
    ``high``, the interval of the value, and ``rank_low`` and ``rank_high``, the interval of the
    rank; for a census measure the value and rank themselves), ``spread`` (``median``, ``q1``,
    ``q3``, ``iqr``) and ``whole`` (England and Wales as a whole), in the measure's unit."""

    measure: str
    when: str
    table: pd.DataFrame
    spread: dict[str, float]
    whole: float

    @property
    def flagged(self) -> list[str]:
        """The forces flagged as outliers on this measure, by name."""
        return sorted(self.table.index[self.table["flagged"]])

    def against_whole(self, force: str) -> str:
        """Where ``force`` stands against England and Wales as a whole: "above" or "below" when
        its whole interval is on that side, else "close to"."""
        row = self.table.loc[force]
        if row["low"] > self.whole:
            return "above"
        if row["high"] < self.whole:
            return "below"
        return "close to"


@dataclass(frozen=True)
class Peers:
    """The book's peer group of each of the edition's forces: ``k`` (forces in a group),
    ``features`` (``peer_features``: what the groups are chosen on, indexed by force),
    ``context`` (the same in plain units: ``population``, ``density`` in residents per square
    kilometre, ``officers_per_1000``), ``groups`` (``force``, ``peer``, ``distance`` in interquartile
    ranges, nearest first) and ``comparison`` (``force``, ``measure``, ``value``,
    ``peer_median``, ``national_median`` in the measure's unit, and ``rank_among``, the force's
    rank among itself and its peers, 1 the highest) and ``outlying`` (for each of the edition's
    forces, the features of ``CONTEXT`` on which it lies outside Tukey's fences of all forces:
    its peers are then the least unlike it, not like it)."""

    k: int
    features: pd.DataFrame
    context: pd.DataFrame
    groups: pd.DataFrame
    comparison: pd.DataFrame
    outlying: dict[str, list[str]]

    def of(self, force: str) -> list[str]:
        """The peers of ``force``, nearest first."""
        return self.groups.loc[self.groups["force"] == force, "peer"].tolist()


@dataclass(frozen=True)
class National:
    """The chapter's findings: ``forces`` (the edition's), ``tables``, ``noise``, ``standings``
    (a ``Standing`` per measure, latest time), ``changes`` (``rank_changes``), ``peers`` and
    ``unweighted`` (recorded crimes of the latest year in offence groups with no harm weight)."""

    forces: tuple[str, ...]
    tables: Tables
    noise: Noise
    standings: dict[str, Standing]
    changes: pd.DataFrame
    peers: Peers
    unweighted: int

    @property
    def n_forces(self) -> int:
        """How many forces are compared (every force of the registry, in every year compared)."""
        return len(self.standings[MEASURES[0]].table)


def compute(chapter: Chapter) -> National:
    """The National chapter's findings for the chapter's edition."""
    found = tables(chapter)
    noise, drawn = simulate(found, 1 - chapter.significance)
    standings = {m: ranks(found, m, drawn.get(found.when(m), {}).get(m), noise.level) for m in MEASURES}
    return National(
        forces=tuple(chapter.forces),
        tables=found,
        noise=noise,
        standings=standings,
        changes=rank_changes(found, drawn, chapter.forces, noise.level),
        peers=peers(found, standings, chapter.forces),
        unweighted=int(found.at(YEARLY[0])["unweighted"].sum()),
    )


def tables(chapter: Chapter) -> Tables:
    """Every force's recorded crime, harm, officers and residents by financial year, its workforce
    counts and its area. The financial years kept are those that hold every force of the
    registry with its crime, its officers at the year's end and its residents at mid-year, within
    the edition's periods (nothing after its as-of date): the newest of them is the latest year
    compared."""
    crime = chapter.read("national_recorded_crime")
    weights = national.group_weights(chapter.read("harm_weights_chi"), sorted(crime["offence_group"].unique()))
    staff = national.workforce_by_force(chapter.read("workforce_specials"), chapter.registry.by_home_office_name())
    years = national.per_officer(national.force_years(crime, weights), staff)
    years = national.per_resident(years, chapter.read("force_population"))
    forces = list(chapter.registry.names)
    compared = national.complete_years(years, forces)
    area = force_areas(chapter.read("district_lookup"), chapter.read("district_area"), chapter.path("district_area"))
    return Tables(
        years=years[years["financial_year"].isin(compared) & years["force"].isin(forces)].reset_index(drop=True),
        groups=crime[crime["financial_year"].isin(compared) & crime["force"].isin(forces)].reset_index(drop=True),
        weights=weights,
        staff=staff[staff["force"].isin(forces)].reset_index(drop=True),
        area=area,
        years_compared=compared,
        days=sorted(staff["as_at"].unique()),
    )


def simulate(found: Tables, level: float) -> tuple[Noise, dict[str, dict[str, pd.DataFrame]]]:
    """Step 2: each offence group's dispersion over the years compared
    (``rank_intervals.dispersion``), and every yearly measure of every force drawn
    ``rank_intervals.DRAWS`` times in each year, all forces at once (the same seed every build).
    Returns the ``Noise`` and, by financial year and measure, the draws (draws × forces)."""
    alpha = rank_intervals.dispersion(found.groups)
    rng = np.random.default_rng(rank_intervals.SEED)
    drawn = {}
    for year in found.years_compared:
        counts = found.groups[found.groups["financial_year"] == year]
        sums = rank_intervals.simulate_year(counts, found.weights, alpha.fillna(0.0), rank_intervals.DRAWS, rng)
        frame = found.years[found.years["financial_year"] == year].set_index("force")
        drawn[year] = {m: national.measure_draws(sums, frame, m) for m in YEARLY}
    return Noise(alpha, len(found.years_compared), rank_intervals.DRAWS, level), drawn


def ranks(found: Tables, measure: str, draws: pd.DataFrame | None, level: float) -> Standing:
    """Step 3: ``measure`` for every force at its latest time, its rank of all forces and the
    interval of both from the ``draws`` (draws × forces; None for a census measure, whose value
    and rank are their own interval), the outliers, the spread and England and Wales as a whole."""
    frame = found.at(measure)
    values = national.measure(frame, measure)
    table = national.standings(values)
    if draws is None:
        table = table.assign(low=table["value"], high=table["value"], rank_low=table["rank"], rank_high=table["rank"])
    else:
        table = table.join(rank_intervals.rank_intervals(draws, level))
    return Standing(
        measure, found.when(measure), table, national.spread(values), national.england_and_wales(frame, measure)
    )


def rank_changes(
    found: Tables, drawn: dict[str, dict[str, pd.DataFrame]], forces: tuple[str, ...], level: float
) -> pd.DataFrame:
    """Step 4: how each of ``forces`` moved on each measure from the first time the data holds to
    the latest. A yearly measure's move is beyond noise when the interval of (rank then − rank
    now) over the draws of both years, all forces simulated together, leaves out 0
    (``rank_intervals.rank_moves``); a census measure's rank has no noise, so any move is a move.

    Returns ``force``, ``measure``, ``since`` and ``until`` (the times compared), ``before`` and
    ``after`` (values in the measure's unit), ``rank_before``, ``rank_after``, ``move_low`` and
    ``move_high`` (the interval of the move in rank, negative nearer rank 1), ``moved`` (True when
    beyond noise) and ``census``, force by force in the edition's order, measures in ``MEASURES``
    order; none for a measure whose data hold a single time.

    A comparison of financial years can cross a change of offence classification (the April 2017
    burglary change crosses 2014/15 to 2017/18); ``analysis.reclassifications.crossing`` names it
    from ``since`` and ``until`` once ``data/reference/reclassifications.csv`` is a dataset an
    edition reads (it has no catalogue entry yet)."""
    rows = []
    for measure in MEASURES:
        since, until = found.when(measure, first=True), found.when(measure)
        if since == until:
            continue
        then, now = (
            national.measure(found.at(measure, first=True), measure),
            national.measure(found.at(measure), measure),
        )
        rank_then, rank_now = national.rank(then), national.rank(now)
        moves = (
            None
            if measure in CENSUS
            else rank_intervals.rank_moves(drawn[since][measure], drawn[until][measure], level)
        )
        for force in forces:
            step = int(rank_now[force] - rank_then[force])
            rows.append(
                {
                    "force": force,
                    "measure": measure,
                    "since": since,
                    "until": until,
                    "before": float(then[force]),
                    "after": float(now[force]),
                    "rank_before": int(rank_then[force]),
                    "rank_after": int(rank_now[force]),
                    "move_low": step if moves is None else int(moves.at[force, "move_low"]),
                    "move_high": step if moves is None else int(moves.at[force, "move_high"]),
                    "moved": step != 0 if moves is None else bool(moves.at[force, "moved"]),
                    "census": moves is None,
                }
            )
    order = {force: i for i, force in enumerate(forces)}
    columns = ["force", "measure", "since", "until", "before", "after", "rank_before", "rank_after"]
    columns += ["move_low", "move_high", "moved", "census"]
    out = pd.DataFrame(rows, columns=columns)
    return out.sort_values("force", key=lambda s: s.map(order), kind="stable").reset_index(drop=True)


def context(found: Tables) -> pd.DataFrame:
    """Each force's context in the latest year compared, indexed by force: ``population``
    (residents at mid-year), ``area_sq_km``, ``density`` (residents per square kilometre) and
    ``officers_per_1000`` (officers FTE at the year's end per 1,000 residents)."""
    latest = found.at(YEARLY[0])
    return pd.DataFrame(
        {
            "population": latest["population"],
            "area_sq_km": found.area.reindex(latest.index),
            "density": latest["population"] / found.area.reindex(latest.index),
            "officers_per_1000": latest["officers_per_1000"],
        }
    )


def peer_features(plain: pd.DataFrame) -> pd.DataFrame:
    """What the book's peer groups are chosen on, from ``context`` (indexed by force): the size
    of the force area's population and its density (log10 of residents and of residents per
    square kilometre, so that a city twice as dense is as far from one as a county half as
    dense), and officers per 1,000 residents (log10 likewise). None is a measure the chapter
    compares."""
    return pd.DataFrame(
        {
            "log_population": np.log10(plain["population"]),
            "log_density": np.log10(plain["density"]),
            "officers_per_1000": np.log10(plain["officers_per_1000"]),
        }
    )


def peers(found: Tables, standings: dict[str, Standing], forces: tuple[str, ...], k: int = K_PEERS) -> Peers:
    """Step 5: the ``k`` forces nearest each of ``forces`` on ``peer_features`` (standardised,
    Euclidean: ``analysis.national.peers``), and each measure of the force beside its peers'
    median and the national median. The groups depend on the forces' context only: the crime,
    harm and Special Constables compared do not enter them."""
    plain = context(found)
    features = peer_features(plain)
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
    far = {name: national.outliers(features[name]) for name in features.columns}
    outlying = {force: [name for name in features.columns if far[name][force]] for force in forces}
    return Peers(k, features, plain, pd.DataFrame(groups), pd.DataFrame(comparison), outlying)
