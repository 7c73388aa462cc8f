"""The National chapter as readers see it: its figures glued for the prose (one value per force
where it differs by force), a dot plot per measure and its tables."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from ...analysis import national as analysis
from ...chapters.national import CENSUS, MEASURES, PER_RESIDENT, YEARLY, National, Standing
from ...periods import day_label, year_label
from ...read.forces import ForceRegistry
from .. import colours, plots
from ..dotplot import dot_plot
from ..glue import glue, glue_each, key
from ..tables import table
from ..wording import counted, join_words


@dataclass(frozen=True)
class Words:
    """How a measure reads: ``label`` (a chart axis, a table row), ``unit`` (of a glued value),
    ``fmt`` (how its values print) and ``words`` (in a sentence)."""

    label: str
    unit: str
    fmt: str
    words: str


WORDS = {
    "crimes_per_1000": Words(
        "Recorded crimes per 1,000 residents",
        "recorded crimes per 1,000 residents",
        "{:,.1f}",
        "recorded crimes per 1,000 residents",
    ),
    "harm_per_1000": Words(
        "Harm per 1,000 residents, CHI days", "CHI days per 1,000 residents", "{:,.0f}", "harm per 1,000 residents"
    ),
    "crimes_per_officer": Words(
        "Recorded crimes per officer (FTE)", "recorded crimes per officer FTE", "{:,.1f}", "recorded crimes per officer"
    ),
    "harm_per_officer": Words(
        "Harm per officer (FTE), CHI days", "CHI days per officer FTE", "{:,.0f}", "harm per officer"
    ),
    "harm_per_crime": Words(
        "Harm per recorded crime, CHI days", "CHI days per recorded crime", "{:,.1f}", "harm per recorded crime"
    ),
    "specials_per_100": Words(
        "Special Constables per 100 officers (FTE)",
        "Special Constables per 100 officers FTE",
        "{:,.1f}",
        "Special Constables per 100 officers",
    ),
}
CRIME_SOURCE = "Home Office, police recorded crime by police force area and offence group"
WORKFORCE_SOURCE = "Home Office police workforce statistics"
POPULATION_SOURCE = "ONS mid-year population estimates of each force area's districts"
LICENCE = "(Open Government Licence v3.0)"


def when_label(found: National, measure: str, first: bool = False) -> str:
    """The time a measure is taken at, as printed: "2017/18" or "31 March 2019"."""
    when = found.tables.when(measure, first)
    return year_label(when) if measure in YEARLY else day_label(when)


def span_label(found: National, measure: str) -> str:
    """The times a measure's change runs between, as printed: "2014/15 to 2017/18"."""
    return f"{when_label(found, measure, first=True)} to {when_label(found, measure)}"


def level_label(found: National) -> str:
    """The level of every interval, as printed: "95%"."""
    return f"{100 * found.noise.level:g}%"


def sources(found: National) -> tuple[str, str]:
    """The source lines of the recorded crime tables (with residents and officers) and of the
    workforce tables."""
    years, days = found.tables.years_compared, found.tables.days
    crime = (
        f"{CRIME_SOURCE}, financial years {year_label(years[0])} to {year_label(years[-1])}, fraud left out; "
        f"{POPULATION_SOURCE}, mid-{analysis.mid_year(years[0])} to mid-{analysis.mid_year(years[-1])}; "
        f"police workforce statistics, officers (FTE) at 31 March {LICENCE}"
    )
    workforce = (
        f"{WORKFORCE_SOURCE}, {day_label(days[0])} to {day_label(days[-1])}: Special Constables (headcount), "
        f"officers (FTE) {LICENCE}"
    )
    return crime, workforce


def interval_words(found: National, measure: str, force: str) -> str:
    """The interval of a force's rank on a measure, in words: "95% interval 25 to 32", or, for a
    count of everyone, that it has none."""
    row = found.standings[measure].table.loc[force]
    if measure in CENSUS:
        return "a count of everyone, so no interval"
    return f"{level_label(found)} interval {int(row['rank_low'])} to {int(row['rank_high'])}"


def rank_words(found: National, measure: str, force: str) -> str:
    """A force's rank on a measure as its sentence gives it: "rank 9 of 43 (95% interval 6 to
    12)", and for a force flagged as an outlier on the measure, that its rank says little."""
    words = f"rank {int(found.standings[measure].table.at[force, 'rank'])} of {found.n_forces}"
    words += f" ({interval_words(found, measure, force)})"
    if force in found.standings[measure].flagged:
        words += ", but it lies outside the outlier rule on this measure, so its rank says little"
    return words


def officer_words(found: National, force: str) -> str:
    """Per officer beside per resident, for one force, in a sentence: its rank for recorded crimes
    per officer, and, when that figure and its crimes per resident lie on opposite sides of England
    and Wales as a whole, that they do and why (its officers per 1,000 residents against England
    and Wales')."""
    per_resident, per_officer = found.standings["crimes_per_1000"], found.standings["crimes_per_officer"]
    latest = found.tables.at("crimes_per_officer")
    mine = float(latest.at[force, "officers_per_1000"])
    whole = analysis.england_and_wales(latest, "officers_per_1000")
    rank = int(per_officer.table.at[force, "rank"])
    resident_side, officer_side = per_resident.against_whole(force), per_officer.against_whole(force)
    officers = f"{mine:,.2f} officers per 1,000 residents, against {whole:,.2f} for England and Wales"
    ranked = (
        f"{force} ranked {rank} of {found.n_forces} for recorded crimes per officer "
        f"({interval_words(found, 'crimes_per_officer', force)})"
    )
    if {resident_side, officer_side} == {"above", "below"}:
        carries = "more" if officer_side == "above" else "less"
        return (
            f"Per officer the order turns round: {ranked}, while its crimes per resident are {resident_side} "
            f"the England and Wales rate. It had {officers}, so each of its officers carries {carries} "
            "recorded crime than the average officer of England and Wales."
        )
    return f"Per officer, {ranked}, {officer_side} England and Wales as a whole; it had {officers}."


def flagged_summary(found: National) -> str:
    """Which forces are flagged as outliers on any measure, in a sentence."""
    flagged = {force: [] for m in MEASURES for force in found.standings[m].flagged}
    if not flagged:
        return "No force lies outside the outlier rule on any measure."
    for measure in MEASURES:
        for force in found.standings[measure].flagged:
            flagged[force].append(WORDS[measure].words)
    named = join_words(f"{force} ({join_words(measures)})" for force, measures in sorted(flagged.items()))
    verb = "is" if len(flagged) == 1 else "are"
    return f"{counted(len(flagged), 'force')} {verb} flagged on at least one measure: {named}."


def rank_moves(found: National, force: str) -> str:
    """The ranks of ``force`` that moved beyond the noise of the counts, in words ("harm per
    officer, from 20 to 15"), or "none"."""
    moved = found.changes[(found.changes["force"] == force) & found.changes["moved"]]
    return (
        join_words(f"{WORDS[r.measure].words}, from {r.rank_before} to {r.rank_after}" for r in moved.itertuples())
        or "none"
    )


def dispersion_words(found: National) -> str:
    """How much more than chance the counts vary from year to year, in words: the offence groups
    that vary least and most, each with √α as a percentage of a large count."""
    alpha = found.noise.dispersion.dropna()
    if alpha.empty:
        return "a single year is compared, so the counts are drawn as chance alone would give them (Poisson counts)"
    ordered = alpha.sort_values(kind="stable")
    least, most = ordered.index[0], ordered.index[-1]
    return (
        f"from about {100 * np.sqrt(ordered.iloc[0]):.0f}% ({least.lower()}) to about "
        f"{100 * np.sqrt(ordered.iloc[-1]):.0f}% ({most.lower()}) of a large count"
    )


CONTEXT_WORDS = {
    "log_population": "residents",
    "log_density": "residents per square kilometre",
    "officers_per_1000": "officers per 1,000 residents",
}
"""The context the peer groups are chosen on (``chapters.national.CONTEXT``), in words."""


def peer_distance_words(found: National, force: str) -> str:
    """How near a force's peers are, in a sentence: its nearest and farthest peer with their
    distances, and, for a force outside the outlier rule on some context, that its peers are
    only the least unlike it."""
    group = found.peers.groups[found.peers.groups["force"] == force]
    near, far = group.iloc[0], group.iloc[-1]
    outlying = found.peers.outlying.get(force, [])
    if outlying:
        words = join_words(CONTEXT_WORDS[name] for name in outlying)
        return (
            f"It lies far from every other force on {words} (beyond the outlier rule), so even its nearest "
            f"peer, {near['peer']}, is {near['distance']:.1f} interquartile ranges away: its peers are the "
            "forces least unlike it, not forces like it."
        )
    return (
        f"The nearest, {near['peer']}, is {near['distance']:.1f} interquartile ranges away on the three measures "
        f"of context, the farthest, {far['peer']}, {far['distance']:.1f}."
    )


def glue_findings(found: National, forces: tuple[str, ...]) -> None:
    """Glue every figure the chapter's prose names (one value per force where it differs by force)."""
    years, days = found.tables.years_compared, found.tables.days
    glue("edition_forces", join_words(forces), description="the edition's forces")
    glue_each("force", {f: f for f in forces}, description="the force")
    glue("n_forces", found.n_forces, unit="territorial forces", description="forces compared")
    glue("first_year", year_label(years[0]), description="first financial year compared")
    glue("last_year", year_label(years[-1]), description="latest financial year compared")
    glue(
        "n_years", len(years), unit="financial years", description="financial years with crime, officers and residents"
    )
    glue("last_mid_year", f"mid-{analysis.mid_year(years[-1])}", description="residents counted at this mid-year")
    glue(
        "officers_date",
        day_label(analysis.year_end(years[-1])),
        description="date of the officer count crime is divided by",
    )
    glue("first_date", day_label(days[0]), description="first workforce count compared")
    glue("last_date", day_label(days[-1]), description="latest workforce count")
    glue("tukey_k", analysis.TUKEY_K, unit="interquartile ranges", description="outlier rule")
    glue("interval_level", level_label(found), description="level of every interval")
    glue("draws", found.noise.draws, unit="draws", description="draws of every force's counts")
    glue("dispersion_words", dispersion_words(found), description="year-to-year variation beyond chance")
    glue(
        "unweighted_crimes",
        found.unweighted,
        unit="recorded crimes",
        description="recorded crimes of the latest year in offence groups without a harm weight",
    )
    latest = found.tables.at(YEARLY[0])
    glue(
        "officers_per_1000_whole",
        analysis.england_and_wales(latest, "officers_per_1000"),
        unit="officers FTE per 1,000 residents",
        description=f"England and Wales, {when_label(found, YEARLY[0])}",
    )
    glue_each(
        "officer_words", {f: officer_words(found, f) for f in forces}, description="per officer beside per resident"
    )
    for measure in MEASURES:
        _glue_measure(found, measure, forces)
    glue(
        "any_flagged",
        any(found.standings[m].flagged for m in MEASURES),
        description="whether any force is an outlier on a measure",
    )
    glue("flagged_summary", flagged_summary(found), description="forces flagged as outliers, in a sentence")
    _glue_changes(found, forces)
    _glue_peers(found, forces)


def _glue_measure(found: National, measure: str, forces: tuple[str, ...]) -> None:
    standing, words = found.standings[measure], WORDS[measure]
    when = when_label(found, measure)
    for stat, value in standing.spread.items():
        glue(key(measure, stat), float(value), unit=words.unit, description=f"all forces, {when}")
    glue(key(measure, "whole"), standing.whole, unit=words.unit, description=f"England and Wales as a whole, {when}")
    rows = standing.table.loc[list(forces)]
    glue_each(measure, rows["value"].astype(float).to_dict(), unit=words.unit, description=when)
    glue_each(
        key("rank", measure),
        rows["rank"].astype(int).to_dict(),
        unit=f"rank of {found.n_forces} (1 = highest)",
        description=f"{words.words}, {when}",
    )
    glue_each(
        key(measure, "rank_words"),
        {f: rank_words(found, measure, f) for f in forces},
        description=f"its rank on {words.words}, with its interval, in words",
    )
    glue_each(
        key(measure, "against"),
        {f: standing.against_whole(f) for f in forces},
        description=f"{words.words} against England and Wales as a whole",
    )
    glue(
        key(measure, "flagged_forces"),
        join_words(standing.flagged) or "none",
        description=f"outliers on {words.words}",
    )


def _glue_changes(found: National, forces: tuple[str, ...]) -> None:
    changes = found.changes
    glue_each("rank_moves", {f: rank_moves(found, f) for f in forces}, description="ranks moved beyond noise")
    glue("any_moved", bool(changes["moved"].any()), description="whether any of the edition's ranks moved beyond noise")
    within = ~changes["moved"] & (changes["rank_before"] != changes["rank_after"])
    glue("any_within", bool(within.any()), description="whether any of the edition's ranks moved within noise")


def _glue_peers(found: National, forces: tuple[str, ...]) -> None:
    peers = found.peers
    glue("k_peers", peers.k, unit="forces", description="size of the book's peer group")
    glue_each("peers", {f: join_words(peers.of(f)) for f in forces}, description="peers in the book's peer group")
    glue_each(
        "peer_distances",
        {f: peer_distance_words(found, f) for f in forces},
        description="how near its peers are, in a sentence",
    )
    for measure in MEASURES:
        mine = peers.comparison[peers.comparison["measure"] == measure].set_index("force")
        glue_each(
            key("peer_median", measure),
            mine["peer_median"].astype(float).to_dict(),
            unit=WORDS[measure].unit,
            description=f"median of its peers, {when_label(found, measure)}",
        )


def chart(found: National, measure: str, registry: ForceRegistry) -> None:
    """The dot plot of one measure for every force, the edition's forces in their colours from the
    forces ``registry``; its data (downloaded as CSV) hold each force's rank and rank interval."""
    palette = colours.force_palette(registry, found.forces)
    standing, words = found.standings[measure], WORDS[measure]
    if measure in YEARLY:
        year = found.tables.years_compared[-1]
        denominator = (
            f"{POPULATION_SOURCE}, mid-{analysis.mid_year(year)}"
            if measure in PER_RESIDENT
            else f"police workforce statistics, officers (FTE) at {day_label(analysis.year_end(year))}"
        )
        source = f"{CRIME_SOURCE}, financial year {year_label(year)}, fraud left out; {denominator} {LICENCE}"
    else:
        source = (
            f"{WORKFORCE_SOURCE}, {day_label(found.tables.days[-1])}: Special Constables (headcount), officers (FTE) "
            f"{LICENCE}"
        )
    title = f"{words.label}, every force, {when_label(found, measure)}"
    data = _with_intervals(found, standing).rename_axis("Force").reset_index()
    plots.show(
        dot_plot(standing.table["value"], palette, standing.table["flagged"], standing.spread, words.label, title),
        data.rename(columns={"value": words.label}),
        title,
        source,
    )


def _with_intervals(found: National, standing: Standing) -> pd.DataFrame:
    """A measure's values and ranks with their intervals, as numbers, for a chart's download."""
    level = level_label(found)
    out = pd.DataFrame({"value": standing.table["value"], "Rank (1 = highest)": standing.table["rank"]})
    if standing.measure not in CENSUS:
        out[f"Rank, {level} interval: from"] = standing.table["rank_low"]
        out[f"Rank, {level} interval: to"] = standing.table["rank_high"]
        out[f"Value, {level} interval: from"] = standing.table["low"].round(4)
        out[f"Value, {level} interval: to"] = standing.table["high"].round(4)
    out["Flagged as an outlier"] = standing.table["flagged"]
    return out


def _move_words(row) -> str:
    """A force's move in rank on one measure as its table gives it."""
    if row.census:
        return "a count of everyone: " + ("moved" if row.moved else "no move")
    if row.moved:
        return "beyond noise"
    return "none" if row.rank_before == row.rank_after else "within noise: not called a change"


def _signed(places: int) -> str:
    """A move in rank with its sign: "+3", "-2", "0"."""
    return f"{places:+d}" if places else "0"


def changes_table(found: National):
    """Each force's values and ranks then and now, the interval of its move in rank, and whether
    the move is beyond noise."""
    rows, numbers = [], []
    level = level_label(found)
    for r in found.changes.itertuples():
        words = WORDS[r.measure]
        span = span_label(found, r.measure)
        numbers.append(
            {
                "Force": r.force,
                "Measure": words.label,
                "Period": span,
                "Then": round(r.before, 4),
                "Now": round(r.after, 4),
                "Rank then": r.rank_before,
                "Rank now": r.rank_after,
                f"Move in rank, {level} interval: from": None if r.census else r.move_low,
                f"Move in rank, {level} interval: to": None if r.census else r.move_high,
                "Rank moved beyond noise": bool(r.moved),
            }
        )
        rows.append(
            {
                "Force": r.force,
                "Measure": words.label,
                "Period": span,
                "Then": words.fmt.format(r.before),
                "Now": words.fmt.format(r.after),
                "Rank then": r.rank_before,
                "Rank now": r.rank_after,
                f"Move in rank ({level} interval; minus is nearer rank 1)": (
                    "no interval" if r.census else f"{_signed(r.move_low)} to {_signed(r.move_high)}"
                ),
                "Change in rank": _move_words(r),
            }
        )
    crime, workforce = sources(found)
    return table(
        pd.DataFrame(rows),
        caption="Change over the years the data covers: values and ranks then and now",
        source=crime + "; " + workforce,
        download=pd.DataFrame(numbers),
    )


def peers_table(found: National):
    """Each force and its peers, with the context the group is chosen on."""
    plain = found.peers.context
    rows = []
    for force in found.forces:
        group = found.peers.groups[found.peers.groups["force"] == force]
        members = [(f"{force} (itself)", force, None)] + [(r.peer, r.peer, r.distance) for r in group.itertuples()]
        for shown, name, distance in members:
            rows.append(
                {
                    "Force": force,
                    "Peer": shown,
                    "Distance (interquartile ranges)": None if distance is None else round(distance, 2),
                    "Residents": int(plain.loc[name, "population"]),
                    "Residents per sq km": round(plain.loc[name, "density"], 1),
                    "Officers (FTE) per 1,000 residents": round(plain.loc[name, "officers_per_1000"], 2),
                }
            )
    crime, _ = sources(found)
    year = found.tables.years_compared[-1]
    return table(
        pd.DataFrame(rows),
        caption="The book's peer group of each force, with the context it is chosen on",
        formats={
            "Distance (interquartile ranges)": "{:.2f}",
            "Residents": "{:,.0f}",
            "Residents per sq km": "{:,.1f}",
            "Officers (FTE) per 1,000 residents": "{:.2f}",
        },
        source=(
            f"{POPULATION_SOURCE}, mid-{analysis.mid_year(year)}; ONS land area of the districts (2021 geography); "
            f"police workforce statistics, officers (FTE) at {day_label(analysis.year_end(year))} {LICENCE}; "
            "the book's own grouping"
        ),
    )


def comparison_table(found: National):
    """Each force's measures beside its peers' median, the national median and England and Wales
    as a whole."""
    rows, numbers = [], []
    size = found.peers.k + 1
    for r in found.peers.comparison.itertuples():
        words, when = WORDS[r.measure], when_label(found, r.measure)
        whole = found.standings[r.measure].whole
        numbers.append(
            {
                "Force": r.force,
                "Measure": words.label,
                "When": when,
                "Force's value": round(r.value, 4),
                "Peers' median": round(r.peer_median, 4),
                "National median": round(r.national_median, 4),
                "England and Wales": round(whole, 4),
                "Rank among the force and its peers": f"{r.rank_among} of {size}",
            }
        )
        rows.append(
            {
                "Force": r.force,
                "Measure": words.label,
                "When": when,
                "Force's value": words.fmt.format(r.value),
                "Peers' median": words.fmt.format(r.peer_median),
                "National median": words.fmt.format(r.national_median),
                "England and Wales": words.fmt.format(whole),
                "Rank among the force and its peers": f"{r.rank_among} of {size}",
            }
        )
    crime, workforce = sources(found)
    return table(
        pd.DataFrame(rows),
        caption="Each force against its peers and against all forces",
        download=pd.DataFrame(numbers),
        source=crime + "; " + workforce,
    )


def ranks_table(found: National):
    """Each force's rank of all forces on each measure with its interval, beside England and
    Wales as a whole, the national median and spread."""
    summary, numbers = [], []
    level = level_label(found)
    for measure in MEASURES:
        standing, words = found.standings[measure], WORDS[measure]
        spread, when, fmt = standing.spread, when_label(found, measure), words.fmt
        for force in found.forces:
            row = standing.table.loc[force]
            census = measure in CENSUS
            summary.append(
                {
                    "Force": force,
                    "Measure": words.label,
                    "When": when,
                    "Value": fmt.format(row["value"]),
                    f"Rank ({level} interval)": f"{int(row['rank'])} of {found.n_forces}"
                    + (" (flagged)" if row["flagged"] else "")
                    + (
                        ", a count of everyone: no interval"
                        if census
                        else f" ({row['rank_low']:.0f} to {row['rank_high']:.0f})"
                    ),
                    "England and Wales": fmt.format(standing.whole),
                    "National median (interquartile range)": f"{fmt.format(spread['median'])} "
                    f"({fmt.format(spread['q1'])} to {fmt.format(spread['q3'])})",
                }
            )
            numbers.append(
                {
                    "Force": force,
                    "Measure": words.label,
                    "When": when,
                    "Value": round(row["value"], 4),
                    "Rank": int(row["rank"]),
                    f"Rank, {level} interval: from": None if census else int(row["rank_low"]),
                    f"Rank, {level} interval: to": None if census else int(row["rank_high"]),
                    "Of forces": found.n_forces,
                    "Flagged as an outlier": bool(row["flagged"]),
                    "England and Wales": round(standing.whole, 4),
                    "National median": round(spread["median"], 4),
                    "Lower quartile": round(spread["q1"], 4),
                    "Upper quartile": round(spread["q3"], 4),
                }
            )
    crime, workforce = sources(found)
    return table(
        pd.DataFrame(summary),
        caption="Rank of each force on each measure, with its interval, England and Wales and the spread of forces",
        source=crime + "; " + workforce,
        download=pd.DataFrame(numbers),
    )
