"""The Performance chapter as readers see it: its figures glued for the prose, the chart of each
crime type's change, one table a force, the policing areas' table and the printed area table."""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd

from ...analysis import direction
from ...chapters.performance import Performance
from ...findings import ALL_CRIME
from ...periods import month_label, month_span
from .. import colours, plots
from ..crime_findings import SOURCE, VERDICT_WORDS, direction_table, force_summary, level_text, windows
from ..glue import glue, glue_each, key
from ..labels import printed_in, printed_section
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


def glue_findings(found: Performance, forces: tuple[str, ...]) -> None:
    """Glue every figure the chapter's prose names (one value per force where it differs by force)."""
    crimes, areas = found.crimes, found.areas
    table = crimes.table
    recent, earlier = windows(crimes)
    glue("recent_span", recent, description="latest 12 months compared")
    glue("earlier_span", earlier, description="the 12 months before them")
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
        glue_each(
            key("change", crime_type),
            {f: float(mine.at[f, "pct_change"]) for f in forces if f in mine.index},
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
    beyond = areas.beyond
    glue("street_period", month_span(areas.months, "long"), description="months of street-level records by area")
    glue("n_months", len(areas.months), unit="months", description="months of street-level records")
    glue("latest_month", month_label(areas.months[-1], "long"), description="latest month of street-level records")
    glue("areas_beyond", len(beyond) > 0, description="whether an area's latest month lies beyond a limit")
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
    glue("forces_recording", join_words(forces), description="the forces whose crimes are counted")
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
    """Each policing area's latest month against its XmR chart."""
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
    wide.columns = [month_label(m) for m in wide.columns]
    span = month_span(sorted(printed.table["month"].unique()), "long")
    return table(
        pd.DataFrame(wide).reset_index().rename(columns={"policing_area": "Policing area"}),
        caption=f"{printed.force} recorded crime by policing area, {span}",
        source=f"{printed_section(printed.entry)}, Performance (as printed); recorded crimes",
    )
