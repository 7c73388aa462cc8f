"""The words and tables of a crime finding (``assess.findings.CrimeDirections``): every page that
states which way a crime type went takes its words from here, so the same finding reads the same
on Performance, the threat pages, the executive summary and the key judgements."""

from __future__ import annotations

import pandas as pd

from ..analysis import direction
from ..findings import ALL_CRIME, CrimeDirections
from ..periods import month_span, months_between
from .tables import p_cell, table
from .wording import counted, join_words

VERDICT_WORDS = {
    direction.HIGHER: "Higher",
    direction.LOWER: "Lower",
    direction.CHANCE: "Not distinguishable from chance",
    direction.UNSETTLED: "Not settled: the long-run trend points the other way",
    direction.UNCOMPARED: f"Not compared: fewer than {direction.MIN_MONTHS} months in a row",
}
"""How each verdict of ``assess.analysis.direction`` reads, wherever it is printed."""
TREND_WORDS = {
    direction.RISING: "Rising",
    direction.FALLING: "Falling",
    direction.NO_TREND: "No trend beyond chance",
}
EARLIER = "the same months a year before"
"""The window a finding's latest months are compared with, in words (``assess.analysis.direction``)."""
SOURCE = "data.police.uk street-level crime counted by month, force and crime type (Open Government Licence v3.0)"


def windows(crimes: CrimeDirections) -> tuple[str, str]:
    """The two windows compared, as printed: ("Mar 2018 to Feb 2019", "Mar 2017 to Feb 2018")."""
    row = crimes.table.dropna(subset=["recent_start"]).iloc[0]
    recent = month_span(months_between(row["recent_start"], row["recent_end"]))
    earlier = month_span(months_between(row["earlier_start"], row["earlier_end"]))
    return recent, earlier


def level_text(crimes: CrimeDirections) -> str:
    """The coverage of the adjusted intervals as printed: "98.6%"."""
    return f"{100 * crimes.level:.1f}%"


def change_text(row: pd.Series) -> str:
    """A finding's change as printed: "+18.0% (+13.8% to +22.3%)", or "" when not compared."""
    if pd.isna(row["pct_change"]):
        return ""
    return f"{row['pct_change']:+.1f}% ({row['ci_low']:+.1f}% to {row['ci_high']:+.1f}%)"


def finding_sentence(row: pd.Series, crimes: CrimeDirections) -> str:
    """One finding in one sentence, the same wherever it is stated: "Violence and sexual offences,
    West Mercia: 31,204 recorded crimes in Mar 2018 to Feb 2019, +18.0% a day (+13.8% to +22.3%)
    on the same months a year before: higher." (plain text; escape for where it lands)."""
    if row["verdict"] == direction.UNCOMPARED:
        return f"{row['crime_type']}, {row['force']}: {VERDICT_WORDS[row['verdict']].lower()}."
    recent, _ = windows(crimes)
    return (
        f"{row['crime_type']}, {row['force']}: {int(row['recent_count']):,} recorded crimes in {recent}, "
        f"{row['pct_change']:+.1f}% a day ({row['ci_low']:+.1f}% to {row['ci_high']:+.1f}%) on {EARLIER}: "
        f"{VERDICT_WORDS[row['verdict']].lower()}."
    )


def force_summary(crimes: CrimeDirections, force: str) -> str:
    """All recorded crime of one force, then which crime types were higher and lower: "All recorded
    crime: +2.0% (-1.9% to +6.2%) a day, not distinguishable from chance. Recorded crime was higher
    for 3 crime types (a, b and c) and lower for 1 (d); for the other 9 the change was not
    distinguishable from chance." Crime types are named in lower case, largest first."""
    everything = crimes.of(force, ALL_CRIME)
    opening = ""
    if everything is not None and everything["verdict"] != direction.UNCOMPARED:
        opening = (
            f"All recorded crime: {change_text(everything)} a day, {VERDICT_WORDS[everything['verdict']].lower()}. "
        )
    mine = crimes.for_force(force)
    mine = mine[mine["crime_type"] != ALL_CRIME]
    named = {v: [c.lower() for c in mine.loc[mine["verdict"] == v, "crime_type"]] for v in direction.VERDICTS}
    parts = []
    for verdict in (direction.HIGHER, direction.LOWER):
        if named[verdict]:
            word = counted(len(named[verdict]), "crime type") if not parts else str(len(named[verdict]))
            parts.append(f"{verdict} for {word} ({join_words(named[verdict])})")
    other = len(named[direction.CHANCE])
    unsettled = named[direction.UNSETTLED]
    if not parts:
        sentence = "No crime type was higher or lower beyond chance"
    else:
        sentence = "Recorded crime was " + " and ".join(parts)
        if other:
            sentence += f"; for the other {other} the change was not distinguishable from chance"
    if unsettled:
        sentence += (
            f"; the direction of {join_words(unsettled)} is not settled, its long-run trend pointing the other way"
        )
    return opening + sentence + "."


def direction_table(crimes: CrimeDirections, force: str, crime_types: list[str] | None = None, caption: str = ""):
    """The findings of one force (of ``crime_types`` only, when given) as a table for readers:
    crimes in each window, the change a day with its adjusted interval, the adjusted p-value, the
    verdict and the long-run check; the CSV gives every number a column of its own."""
    mine = crimes.for_force(force)
    if crime_types is not None:
        mine = mine[mine["crime_type"].isin(crime_types)]
    recent, earlier = windows(crimes)
    level = level_text(crimes)
    change = f"Change in crimes a day ({level} interval)"
    shown = pd.DataFrame(
        {
            "Crime type": mine["crime_type"],
            f"Crimes, {earlier}": mine["earlier_count"].astype("Int64"),
            f"Crimes, {recent}": mine["recent_count"].astype("Int64"),
            change: mine.apply(change_text, axis=1),
            "p-value, adjusted for the number of comparisons": mine["q_value"],
            "Verdict": mine["verdict"].map(VERDICT_WORDS),
            "Long-run check (seasonal Mann-Kendall)": mine["trend"].map(TREND_WORDS),
        }
    )
    download = pd.DataFrame(
        {
            "Force": mine["force"],
            "Crime type": mine["crime_type"],
            f"Crimes, {earlier}": mine["earlier_count"],
            f"Crimes, {recent}": mine["recent_count"],
            "Change in crimes a day (%)": mine["pct_change"].round(2),
            f"{level} interval: from (%)": mine["ci_low"].round(2),
            f"{level} interval: to (%)": mine["ci_high"].round(2),
            "Dispersion (times the Poisson variance)": mine["dispersion"].round(2),
            "p-value, adjusted for the number of comparisons": mine["q_value"].round(4),
            "Verdict": mine["verdict"],
            "Sen's slope: one month's count, change a year": mine["sen_per_year"].round(2),
            "Long-run check, p-value adjusted": mine["trend_q"].round(4),
            "Long-run check": mine["trend"],
        }
    )
    return table(
        shown,
        caption=caption or f"Recorded crime by type in {force}: {recent} against {earlier}",
        source=f"{SOURCE}; quasi-Poisson comparison of the daily rates, Benjamini-Hochberg adjusted across "
        f"{counted(len(crimes.table), 'series')}; anti-social behaviour excluded",
        formats={"p-value, adjusted for the number of comparisons": p_cell},
        download=download,
    )
