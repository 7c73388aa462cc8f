"""The National chapter as readers see it: its figures glued for the prose (one value per force
where it differs by force), a dot plot per measure and its tables."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from ...analysis import national as analysis
from ...chapters.national import MEASURES, YEARLY, National
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
LICENCE = "(Open Government Licence v3.0)"


def when_label(found: National, measure: str, first: bool = False) -> str:
    """The time a measure is taken at, as printed: "2017/18" or "31 March 2019"."""
    when = found.tables.when(measure, first)
    return year_label(when) if measure in YEARLY else day_label(when)


def span_label(found: National, measure: str) -> str:
    """The times a measure's change runs between, as printed: "2014/15 to 2017/18"."""
    return f"{when_label(found, measure, first=True)} to {when_label(found, measure)}"


def sources(found: National) -> tuple[str, str]:
    """The source lines of the recorded crime tables and of the workforce tables."""
    years, days = found.tables.years_compared, found.tables.days
    crime = (
        f"{CRIME_SOURCE}, financial years {year_label(years[0])} to {year_label(years[-1])}, fraud left out; "
        f"police workforce statistics, officers (FTE) at 31 March {LICENCE}"
    )
    workforce = (
        f"{WORKFORCE_SOURCE}, {day_label(days[0])} to {day_label(days[-1])}: Special Constables (headcount), "
        f"officers (FTE) {LICENCE}"
    )
    return crime, workforce


def rank_words(found: National, measure: str, force: str) -> str:
    """A force's rank on a measure as its sentence gives it: "rank 9 of 43", and for a force
    flagged as an outlier on the measure, that its rank says little."""
    words = f"rank {int(found.standings[measure].table.at[force, 'rank'])} of {found.n_forces}"
    if force in found.standings[measure].flagged:
        words += ", but it lies outside the outlier rule on this measure, so its rank says little"
    return words


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


def glue_findings(found: National, forces: tuple[str, ...]) -> None:
    """Glue every figure the chapter's prose names (one value per force where it differs by force)."""
    years, days = found.tables.years_compared, found.tables.days
    glue("edition_forces", join_words(forces), description="the edition's forces")
    glue_each("force", {f: f for f in forces}, description="the force")
    glue("n_forces", found.n_forces, unit="territorial forces", description="forces compared")
    glue("first_year", year_label(years[0]), description="first financial year compared")
    glue("last_year", year_label(years[-1]), description="latest financial year compared")
    glue("n_years", len(years), unit="financial years", description="financial years with crime and officers")
    glue(
        "officers_date",
        day_label(analysis.year_end(years[-1])),
        description="date of the officer count crime is divided by",
    )
    glue("first_date", day_label(days[0]), description="first workforce count compared")
    glue("last_date", day_label(days[-1]), description="latest workforce count")
    glue("tukey_k", analysis.TUKEY_K, unit="interquartile ranges", description="outlier rule")
    glue(
        "unweighted_crimes",
        found.unweighted,
        unit="recorded crimes",
        description="recorded crimes of the latest year in offence groups without a harm weight",
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
        description=f"its rank on {words.words}, in words",
    )
    glue(
        key(measure, "flagged_forces"),
        join_words(standing.flagged) or "none",
        description=f"outliers on {words.words}",
    )


def _glue_changes(found: National, forces: tuple[str, ...]) -> None:
    changes = found.changes
    for measure in MEASURES:
        mine = changes[changes["measure"] == measure].set_index("force")
        words, span = WORDS[measure].words, span_label(found, measure)
        glue_each(
            key("moved", measure),
            mine["moved"].astype(bool).to_dict(),
            description=f"{words}, {span}: rank moved beyond noise",
        )
        glue_each(
            key("rank_then", measure),
            mine["rank_before"].astype(int).to_dict(),
            unit=f"rank of {found.n_forces} (1 = highest)",
            description=f"{words}, at the start of {span}",
        )
    glue_each("rank_moves", {f: rank_moves(found, f) for f in forces}, description="ranks moved beyond noise")
    glue("any_moved", bool(changes["moved"].any()), description="whether any of the edition's ranks moved beyond noise")
    within = ~changes["moved"] & (changes["rank_before"] != changes["rank_after"])
    glue("any_within", bool(within.any()), description="whether any of the edition's ranks moved within noise")


def _glue_peers(found: National, forces: tuple[str, ...]) -> None:
    peers = found.peers
    glue("k_peers", peers.k, unit="forces", description="size of the book's peer group")
    glue_each("peers", {f: join_words(peers.of(f)) for f in forces}, description="peers in the book's peer group")
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
    forces ``registry``."""
    palette = colours.force_palette(registry, found.forces)
    standing, words = found.standings[measure], WORDS[measure]
    if measure in YEARLY:
        year = found.tables.years_compared[-1]
        source = (
            f"{CRIME_SOURCE}, financial year {year_label(year)}, fraud left out; police workforce statistics, "
            f"officers (FTE) at {day_label(analysis.year_end(year))} {LICENCE}"
        )
    else:
        source = (
            f"{WORKFORCE_SOURCE}, {day_label(found.tables.days[-1])}: Special Constables (headcount), officers (FTE) "
            f"{LICENCE}"
        )
    title = f"{words.label}, every force, {when_label(found, measure)}"
    data = standing.table[["value", "rank", "flagged"]].rename_axis("Force").reset_index()
    plots.show(
        dot_plot(standing.table["value"], palette, standing.table["flagged"], standing.spread, words.label, title),
        data.rename(columns={"value": words.label, "rank": "Rank (1 = highest)", "flagged": "Flagged as an outlier"}),
        title,
        source,
    )


def changes_table(found: National):
    """Each force's values and ranks then and now, and whether its rank moved beyond noise."""
    rows, numbers = [], []
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
                "Interval of now (95%): from": round(r.low, 4),
                "Interval of now (95%): to": round(r.high, 4),
                "Rank then": r.rank_before,
                "Rank now": r.rank_after,
                "Rank moved beyond noise": bool(r.moved),
            }
        )
        moved = (
            "beyond noise"
            if r.moved
            else ("none" if r.rank_before == r.rank_after else "within noise: not called a change")
        )
        rows.append(
            {
                "Force": r.force,
                "Measure": words.label,
                "Period": span,
                "Then": words.fmt.format(r.before),
                "Now": words.fmt.format(r.after),
                "Interval of now (95%)": f"{words.fmt.format(r.low)} to {words.fmt.format(r.high)}",
                "Rank then": r.rank_before,
                "Rank now": r.rank_after,
                "Change in rank": moved,
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
    """Each force and its peers, with the characteristics the group is chosen on."""
    latest = found.tables.at(YEARLY[0])
    rows = []
    for force in found.forces:
        group = found.peers.groups[found.peers.groups["force"] == force]
        members = [(f"{force} (itself)", force, None)] + [(r.peer, r.peer, r.distance) for r in group.itertuples()]
        for shown, name, distance in members:
            rows.append(
                {
                    "Force": force,
                    "Peer": shown,
                    "Distance (standard deviations)": None if distance is None else round(distance, 2),
                    "Officers (FTE)": round(latest.loc[name, "officers"]),
                    "Harm per crime (CHI days)": round(latest.loc[name, "harm_per_crime"], 1),
                    "Violent and sexual share": round(latest.loc[name, "violent_share"], 1),
                }
            )
    crime, _ = sources(found)
    return table(
        pd.DataFrame(rows),
        caption="The book's peer group of each force, with the characteristics it is chosen on",
        formats={
            "Distance (standard deviations)": "{:.2f}",
            "Officers (FTE)": "{:,.0f}",
            "Harm per crime (CHI days)": "{:.1f}",
            "Violent and sexual share": "{:.1f}%",
        },
        source=crime + f"; latest year {year_label(found.tables.years_compared[-1])}; the book's own grouping",
    )


def comparison_table(found: National):
    """Each force's measures beside its peers' median and the national median."""
    rows, numbers = [], []
    size = found.peers.k + 1
    for r in found.peers.comparison.itertuples():
        words, when = WORDS[r.measure], when_label(found, r.measure)
        numbers.append(
            {
                "Force": r.force,
                "Measure": words.label,
                "When": when,
                "Force's value": round(r.value, 4),
                "Peers' median": round(r.peer_median, 4),
                "National median": round(r.national_median, 4),
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
    """Each force's rank of all forces on each measure, with the national median and spread."""
    summary, numbers = [], []
    for measure in MEASURES:
        standing, words = found.standings[measure], WORDS[measure]
        spread, when, fmt = standing.spread, when_label(found, measure), words.fmt
        for force in found.forces:
            row = standing.table.loc[force]
            summary.append(
                {
                    "Force": force,
                    "Measure": words.label,
                    "When": when,
                    "Value": fmt.format(row["value"]),
                    "Rank": f"{int(row['rank'])} of {found.n_forces}" + (" (flagged)" if row["flagged"] else ""),
                    "National median": fmt.format(spread["median"]),
                    "Interquartile range": f"{fmt.format(spread['q1'])} to {fmt.format(spread['q3'])}",
                }
            )
            numbers.append(
                {
                    "Force": force,
                    "Measure": words.label,
                    "When": when,
                    "Value": round(row["value"], 4),
                    "Rank": int(row["rank"]),
                    "Of forces": found.n_forces,
                    "Flagged as an outlier": bool(row["flagged"]),
                    "National median": round(spread["median"], 4),
                    "Lower quartile": round(spread["q1"], 4),
                    "Upper quartile": round(spread["q3"], 4),
                }
            )
    crime, workforce = sources(found)
    return table(
        pd.DataFrame(summary),
        caption="Rank of each force on each measure, with the national median and interquartile range",
        source=crime + "; " + workforce,
        download=pd.DataFrame(numbers),
    )
