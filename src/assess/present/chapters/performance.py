"""The Performance chapter as readers see it: its figures glued for the prose, the chart of each
crime type's change, one table a force, the policing areas' table and the printed area table."""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd

from ...analysis import direction
from ...chapters import Chapter
from ...chapters.performance import Performance
from ...findings import ALL_CRIME
from ...periods import month_label, month_span, months_between
from .. import colours, plots
from ..crime_findings import EARLIER, SOURCE, VERDICT_WORDS, direction_table, force_summary, level_text, windows
from ..glue import glue, glue_each, key
from ..labels import printed_in, printed_section
from ..street_areas import forces_possessive, gap_note
from ..tables import table
from ..wording import counted, join_words

VERDICT_COLOURS = {
    direction.HIGHER: colours.INCREASE,
    direction.LOWER: colours.DECREASE,
    direction.CHANCE: colours.NO_CLEAR_CHANGE,
    direction.UNSETTLED: colours.NO_CLEAR_CHANGE,
    direction.UNCOMPARED: colours.NO_CLEAR_CHANGE,
}
STREET_SOURCE = (
    "data.police.uk street-level crime (Open Government Licence v3.0); recorded crimes, anti-social behaviour excluded"
)


def glue_findings(found: Performance, chapter: Chapter) -> None:
    """Glue every figure the chapter's prose names (one value per force where it differs by force).
    ``chapter``: the edition as the chapter sees it (its forces and their registry)."""
    forces, crimes = chapter.forces, found.crimes
    table = crimes.table
    recent, earlier = windows(crimes)
    glue("recent_span", recent, description="latest months compared")
    glue("earlier_span", earlier, description=f"{EARLIER}, compared with them")
    glue("window_words", window_words(crimes), description="the months compared, in words")
    glue("long_span", month_span([crimes.first_month, crimes.last_month], "long"), description="months of the series")
    glue("n_series", len(table), unit="series", description="crime types by force compared")
    glue(
        "n_changed",
        int(table["verdict"].isin([direction.HIGHER, direction.LOWER]).sum()),
        unit="series",
        description="crime types by force higher or lower beyond chance",
    )
    glue("significance", 100 * crimes.significance, unit="%", description="false discovery rate of the verdicts")
    glue("interval_level", level_text(crimes), description="coverage of the adjusted intervals")
    glue(
        "dispersion_min",
        float(table["dispersion"].min()),
        unit="times Poisson variance",
        description="least dispersion",
    )
    glue(
        "dispersion_max", float(table["dispersion"].max()), unit="times Poisson variance", description="most dispersion"
    )
    glue_each("force", {f: f for f in forces}, description="the force")
    glue_each(
        "crime_summary",
        {f: force_summary(crimes, f) for f in forces},
        description="crime types higher and lower than the year before",
    )
    for crime_type in sorted(table["crime_type"].unique()):
        mine = table[table["crime_type"] == crime_type].set_index("force")
        compared = mine["pct_change"].dropna()
        glue_each(
            key("change", crime_type),
            {f: float(compared.at[f]) for f in forces if f in compared.index},
            unit="% change",
            description=f"{crime_type}: change in crimes a day, {recent} against {earlier}",
        )
        glue_each(
            key("verdict", crime_type),
            {f: str(mine.at[f, "verdict"]) for f in forces if f in mine.index},
            description=f"{crime_type}: verdict, {recent} against {earlier}",
        )
    types = {f: crimes.for_force(f)[lambda d: d["crime_type"] != ALL_CRIME] for f in forces}
    for verdict in (direction.HIGHER, direction.LOWER):
        glue_each(
            f"n_{verdict}",
            {f: int((types[f]["verdict"] == verdict).sum()) for f in forces},
            unit="crime types",
            description=f"crime types {verdict} than the year before",
        )
    _glue_areas(found, chapter)
    printed = found.printed
    glue("area_table_shown", printed is not None, description="whether the printed area table is shown")
    if printed is not None:
        glue("area_table_assessment", printed_in(printed.entry), description="the assessment that printed the table")
        glue("area_table_force", printed.force, description="force of the printed area table")
        glue(
            "area_table_span",
            month_span(sorted(printed.table["month"].unique()), "long"),
            description="months of the printed area table",
        )
        glue(
            "n_printed_agree",
            int(printed.check["agrees"].sum()),
            unit="months",
            description="printed totals equal to the sum of the areas",
        )
        glue("n_printed_months", len(printed.check), unit="months", description="printed totals checked")
        glue("printed_own_words", printed_own_words(printed), description="the printed totals against the own counts")


def window_words(crimes) -> str:
    """The latest months compared, in words: "its latest 12 months", or, for a series of fewer
    than two years, "its 10 months after the first year (the series holds 22 months, fewer than
    two years)"."""
    row = crimes.table.dropna(subset=["recent_start"]).iloc[0]
    n = len(months_between(row["recent_start"], row["recent_end"]))
    if n == direction.WINDOW_MONTHS:
        return f"its latest {n} months"
    held = len(months_between(crimes.first_month, crimes.last_month))
    return f"its {n} months after the first year (the series holds {held} months, fewer than two years)"


def _glue_areas(found: Performance, chapter: Chapter) -> None:
    """Glue what the section on policing areas names, and whether it is shown."""
    areas, supply = found.areas, found.supply
    whose, its = forces_possessive(len(chapter.forces))
    needs = (
        f"Setting each policing area against its own months needs {whose} street-level records "
        f"(data.police.uk) and {its} policing areas"
    )
    note = gap_note(supply, needs, chapter.registry)
    glue("areas_shown", areas is not None, description="whether the policing areas are set against their own months")
    glue("areas_note_shown", bool(note), description="whether the section on policing areas says what it lacks")
    if note:
        glue("areas_note", note, description="what the section on policing areas lacks, in words")
    beyond = areas.beyond if areas is not None else ()
    glue("areas_beyond", len(beyond) > 0, description="whether an area's latest month lies beyond a limit")
    if areas is None:
        return
    glue("street_period", month_span(areas.months, "long"), description="months of street-level records by area")
    glue("n_months", len(areas.months), unit="months", description="months of street-level records")
    glue("latest_month", month_label(areas.months[-1], "long"), description="latest month of street-level records")
    glue("n_areas_beyond", len(beyond), unit="policing areas", description="areas beyond their XmR limits")
    glue(
        "n_areas_beyond_words", counted(len(beyond), "policing area"), description="areas beyond their limits, in words"
    )
    glue(
        "areas_beyond_names",
        join_words(f"{r.policing_area} ({r.force})" for r in beyond.itertuples()),
        description="policing areas beyond their XmR limits in the latest month",
    )
    glue("n_outside", areas.outside, unit="recorded crimes", description="crimes located in another force's area")
    glue("n_no_location", areas.no_location, unit="recorded crimes", description="crimes with no location")
    glue("forces_recording", join_words(supply.forces), description="the forces whose crimes are placed in areas")


def printed_own_words(printed) -> str:
    """The printed force totals against the force's own monthly counts, in words: how far apart they
    are, or that the counts hold none of the table's months."""
    if printed.own.empty:
        return "The monthly counts this edition holds do not reach the months of the table."
    printed_totals = printed.check.set_index("month")["printed"].reindex(printed.own.index)
    gaps = 100 * (printed.own - printed_totals) / printed_totals
    low, high = sorted((round(float(gaps.min()), 1), round(float(gaps.max()), 1)), key=abs)
    if low * high < 0:
        spread = f"from {gaps.min():+.1f}% to {gaps.max():+.1f}% of the printed totals"
    else:
        size = f"{abs(low):.1f}%" if low == high else f"{abs(low):.1f}% to {abs(high):.1f}%"
        spread = "the same as the printed totals" if high == 0 else f"{size} {'lower' if high < 0 else 'higher'}"
        spread = spread if high == 0 else f"{spread} than the printed totals"
    return (
        f"The last row gives {printed.force}'s crimes of the same months in data.police.uk's monthly counts, "
        f"which this chapter's findings read (anti-social behaviour left out): {spread}."
    )


def direction_chart(found: Performance, forces: tuple[str, ...]) -> None:
    """A panel a force: each crime type's change in crimes a day with its adjusted interval,
    coloured by verdict, largest crime type at the top."""
    crimes = found.crimes
    order = crimes.table.groupby("crime_type")["recent_count"].sum().sort_values().index.tolist()
    fig, axes = plt.subplots(
        1,
        len(forces),
        figsize=(4.2 * len(forces) + 2.2, 0.42 * len(order) + 1.6),
        sharey=True,
        squeeze=False,
        layout="constrained",
    )
    for ax, force in zip(axes[0], forces, strict=True):
        mine = crimes.for_force(force).set_index("crime_type").reindex(order)
        y = np.arange(len(order))
        for verdict, colour in VERDICT_COLOURS.items():
            at = (mine["verdict"] == verdict).to_numpy()
            if not at.any():
                continue
            ax.errorbar(
                mine["pct_change"][at],
                y[at],
                xerr=[(mine["pct_change"] - mine["ci_low"])[at], (mine["ci_high"] - mine["pct_change"])[at]],
                fmt="o",
                color=colour,
                ecolor=colour,
                capsize=2,
                label=VERDICT_WORDS[verdict].split(":")[0],
            )
        ax.axvline(0, color=colours.REFERENCE_LINE, linewidth=0.8)
        ax.set_yticks(y, order)
        ax.set_title(force)
        ax.set_xlabel("Change in crimes a day, %")
    handles, labels = axes[0][0].get_legend_handles_labels()
    for ax in axes[0][1:]:
        more = ax.get_legend_handles_labels()
        for handle, label in zip(*more, strict=True):
            if label not in labels:
                handles.append(handle)
                labels.append(label)
    fig.legend(handles, labels, loc="outside lower center", ncols=len(labels), frameon=False)
    recent, earlier = windows(crimes)
    fig.suptitle(f"Recorded crime by type: {recent} against {earlier}")
    data = crimes.table[["force", "crime_type", "pct_change", "ci_low", "ci_high", "verdict"]].round(2)
    plots.show(
        fig,
        data.rename(
            columns={
                "force": "Force",
                "crime_type": "Crime type",
                "pct_change": "Change in crimes a day (%)",
                "ci_low": f"{level_text(crimes)} interval: from (%)",
                "ci_high": f"{level_text(crimes)} interval: to (%)",
                "verdict": "Verdict",
            }
        ),
        f"Recorded crime by type: {recent} against {earlier}",
        f"{SOURCE}; quasi-Poisson comparison, Benjamini-Hochberg adjusted",
    )


def force_table(found: Performance, force: str):
    """One force's crime findings as a table."""
    return direction_table(found.crimes, force)


def areas_table(found: Performance):
    """Each policing area's latest month against its XmR chart; None when no area is shown."""
    if found.areas is None:
        return None
    status, months = found.areas.status, found.areas.months
    shown = status.assign(
        latest_rate=status["latest_rate"].map("{:,.1f}".format),
        centre=status["centre"].map("{:,.1f}".format),
        limits=status["lower"].map("{:,.1f}".format) + " to " + status["upper"].map("{:,.1f}".format),
    )[["force", "policing_area", "latest", "latest_rate", "centre", "limits", "status"]]
    return table(
        shown.rename(
            columns={
                "force": "Force",
                "policing_area": "Policing area",
                "latest": f"Crimes, {month_label(months[-1])}",
                "latest_rate": "Crimes a day, latest month",
                "centre": "Average a day",
                "limits": "XmR limits a day",
                "status": "Latest month",
            }
        ),
        caption="Policing areas: the latest month's daily rate against the XmR chart of their own months",
        source=f"{STREET_SOURCE}, {month_span(months)}; XmR chart of recorded crimes a day "
        "(centre line ± 2.66 × mean moving range)",
    )


def printed_table(found: Performance):
    """The printed area table, with the sum of its areas and the printed force totals."""
    printed = found.printed
    wide = printed.table.pivot(index="policing_area", columns="month", values="recorded_crimes")
    wide.loc[f"{printed.force} (sum of areas)"] = wide.sum()
    wide.loc[f"{printed.force} (as printed)"] = printed.check.set_index("month")["printed"]
    wide.loc[f"{printed.force} (data.police.uk monthly counts)"] = printed.own.reindex(wide.columns)
    wide.columns = [month_label(m) for m in wide.columns]
    span = month_span(sorted(printed.table["month"].unique()), "long")
    return table(
        pd.DataFrame(wide).astype("Int64").reset_index().rename(columns={"policing_area": "Policing area"}),
        caption=f"{printed.force} recorded crime by policing area, {span}",
        source=f"{printed_section(printed.entry)}, Performance (as printed); recorded crimes; last row: {SOURCE}, "
        "anti-social behaviour excluded",
    )
