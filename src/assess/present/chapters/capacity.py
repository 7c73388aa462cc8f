"""The Capacity chapter as readers see it: its figures glued for the prose (a sentence for each
force where the wording depends on its data), the duty hours chart and tables, hours per
Special, the projection chart and the workforce as stated."""

from __future__ import annotations

import matplotlib.pyplot as plt
import pandas as pd
import seaborn as sns
from IPython.display import Markdown

from ...analysis import stock_flow
from ...chapters.capacity import PERIODS, Capacity
from ...periods import day_label, month_label, month_span
from .. import plots
from ..glossary import Acronyms, spelt_out
from ..glue import glue, glue_each, key
from ..labels import HOURS_PERIOD_LABELS, HOURS_PERIOD_WORDS, printed_in
from ..sentences import mismatch_sentences, stated_against_counted
from ..tables import table
from ..wording import join_words, percent_change_words, plural

HOME_OFFICE = "Home Office, Police workforce, England and Wales"


def _day(stamp) -> str:
    """A day (a Timestamp) as readers see it: "30 September 2019"."""
    return day_label(f"{pd.Timestamp(stamp):%Y-%m-%d}")


def headcount_sentence(found: Capacity, force: str) -> str:
    """The force's latest Home Office count of Special Constables and its change from the first,
    in one sentence; "There is no Home Office count ... for <force> ..." when there is none."""
    row = found.headcounts.of(force)
    if row is None:
        return f"There is no Home Office count of Special Constables for {force} that this assessment can use."
    last, first, since = int(row["last"]), int(row["first"]), _day(row["first_as_at"])
    said = f"By the Home Office's count, {force} had {last:,} {plural('Special Constable', last)}"
    said += f" on {_day(row['last_as_at'])}"
    if row["first_as_at"] == row["last_as_at"]:
        return f"{said}, the only count of them this assessment uses."
    change = last - first
    if change == 0:
        return f"{said}, as many as on {since}."
    if first == 0:
        return f"{said}, where it had none on {since}."
    way = "more" if change > 0 else "fewer"
    return f"{said}, {abs(change):,} {way} than the {first:,} of {since} ({abs(row['pct']):.1f}% {way})."


def hours_sentence(found: Capacity, force: str) -> str:
    """The force's Specials' duty hours in the latest year printed, January to September and the
    full year, each with its change on the year before; "The assessment printed no count of duty
    hours for <force>." when it printed none."""
    parts, unprinted = [], []
    for period in PERIODS:
        row = found.hours.latest(force, period)
        if row is None:
            unprinted.append(HOURS_PERIOD_WORDS[period].removeprefix("the "))
            continue
        words = percent_change_words(row["pct_change"])
        if words == "no comparison":
            words = "no comparison (no figure for the year before)"
        elif words == "about the same":
            words = "about the same as the year before"
        else:
            words += " than the year before"
        parts.append(f"{int(row['duty_hours']):,} hours in {HOURS_PERIOD_WORDS[period]} {int(row['year'])}, {words}")
    if not parts:
        return f"The assessment printed no count of duty hours for {force}."
    sentence = f"{force}'s Specials logged {join_words(parts)}"
    if unprinted:
        sentence += f"; the assessment printed no count of {join_words(unprinted)} duty hours for {force}"
    return sentence + "."


def not_held_sentence(force: str) -> str:
    """That the edition holds no duty hours, establishment or projection of Specials for ``force``
    (an edition without the printed tables), in one sentence."""
    return (
        f"This edition holds no duty hours, establishment or projection of Special Constables for {force}: "
        "its figures here are the Home Office's headcounts alone."
    )


def _people(value: float) -> str:
    return f"{round(value):,}"


def projection_sentence(found: Capacity, force: str) -> str:
    """One force's projection at the printed rates, with its interval, and how it fared against
    the latest later Home Office count (``stock_flow.verdict``: within the interval, or outside
    it and so not a fair guide); that none is made when the edition makes none, or for a force
    without printed rates, rates in the edition or a starting count."""
    projection = found.projection
    if projection is None:
        return "This edition makes no projection of its Special Constables."
    start = month_label(projection.start, "long")
    if force not in set(found.flows["force"]):
        return (
            f"The assessment printed no recruitment or resignation rates for {force}, so no projection is made for it."
        )
    if force not in projection.forces:
        return f"This edition gives no recruitment or resignation rates for {force}, so no projection is made for it."
    run = projection.run_of(force)
    if run.empty:
        return f"There is no Home Office count for {force} in {start} to start a projection from."
    level = f"{100 * projection.level:g}%"
    test = projection.tests.get(force)
    if test is None:
        end = run.iloc[-1]
        return (
            f"Run forward from the Home Office count of {start} ({_people(run.iloc[0]['projected'])}), the projection "
            f"gives about {_people(end['projected'])} Specials by {month_label(end['month'], 'long')} ({level} "
            f"interval {_people(end['low'])} to {_people(end['high'])}). This edition's data holds no later Home "
            "Office count to test it against: read it as illustrative only."
        )
    said = (
        f"Run forward from the Home Office count of {start} ({_people(test.start)}), the projection gives about "
        f"{_people(test.projected)} Specials by {month_label(test.end_month, 'long')} ({level} interval "
        f"{_people(test.low)} to {_people(test.high)}); the Home Office counted {_people(test.actual)}, and the "
        f"projection was {abs(round(test.miss_pct))}% {'above' if test.miss_pct > 0 else 'below'} that count"
    )
    if test.verdict == stock_flow.WITHIN:
        return f"{said}: within the interval."
    return f"{said}: outside the interval, so the projection is not a fair guide to how many Specials there will be."


def glue_findings(found: Capacity) -> None:
    """Glue every figure the chapter's prose names, a sentence for each force where the wording
    depends on its data, and each force's figures for the register."""
    forces = found.forces
    assessment = printed_in(found.printed)
    glue(
        "forces_full", join_words(found.full_names[f] for f in forces), description="the edition's forces, by full name"
    )
    glue("assessment", assessment, description="the assessment that printed the Specials' tables")
    printed = [f for f in forces if f in set(found.hours.changes["force"])]
    glue(
        "hours_forces",
        join_words(found.full_names[f] for f in printed) or "none of this edition's forces",
        description="the edition's forces whose Specials' duty hours the assessment printed, by full name",
    )
    glue(
        "rated_forces",
        join_words(found.full_names[f] for f in (found.projection.forces if found.projection else ()))
        or "none of this edition's forces",
        description="the edition's forces projected at the printed rates, by full name",
    )
    glue("printed_tables_held", found.printed_held, description="whether the edition holds the printed tables")
    glue("workforce_stated_held", found.stated_held, description="whether the edition holds the workforce as stated")
    glue_each("force", {f: f for f in forces}, description="the force")
    glue_each(
        "headcount_sentence",
        {f: headcount_sentence(found, f) for f in forces},
        description="Home Office headcount of Special Constables, latest against first",
    )
    glue_each(
        "hours_sentence",
        {f: hours_sentence(found, f) for f in forces},
        description="Specials' duty hours in the latest year printed",
    )
    glue_each(
        "projection_sentence",
        {f: projection_sentence(found, f) for f in forces},
        description="the projection at the printed rates, with its interval, set against a later Home Office count",
    )
    glue_each(
        "not_held_sentence",
        {f: not_held_sentence(f) for f in forces},
        description="that the edition holds no duty hours, establishment or projection of Specials for the force",
    )
    _glue_headcounts(found)
    _glue_hours(found)
    _glue_projection(found)
    _glue_workforce(found)


def _glue_headcounts(found: Capacity) -> None:
    counts = found.headcounts
    for row in counts.change.itertuples():
        where = f"{row.force}, Home Office headcount of Special Constables"
        glue(
            key("headcount_first", row.force),
            int(row.first),
            unit="Special Constables",
            description=f"{where}, {row.first_as_at:%d %B %Y}",
        )
        glue(
            key("headcount_last", row.force),
            int(row.last),
            unit="Special Constables",
            description=f"{where}, {row.last_as_at:%d %B %Y}",
        )
        glue(
            key("headcount_change", row.force),
            int(row.change),
            unit="Special Constables",
            description=f"{where}, {row.last_as_at:%B %Y} less {row.first_as_at:%B %Y}",
        )
        if pd.notna(row.pct):
            glue(
                key("headcount_change_pct", row.force),
                round(row.pct, 1),
                unit="% change on the first count",
                description=f"{where}, {row.last_as_at:%B %Y} against {row.first_as_at:%B %Y}",
            )
    for force in found.forces:
        series = counts.counts[counts.counts["force"] == force].dropna(subset=["specials_headcount"])
        if len(series):
            peak = series.loc[series["specials_headcount"].idxmax()]
            glue(
                key("peak_specials", force),
                int(peak["specials_headcount"]),
                unit="Special Constables",
                description=f"{force}, highest Home Office headcount, {peak['as_at']:%B %Y}",
            )
    first = counts.counts["as_at"].min()
    glue(
        "first_headcount",
        f"{first:%B %Y}" if pd.notna(first) else "no month",
        description="first Home Office headcount used",
    )


def _glue_hours(found: Capacity) -> None:
    hours = found.hours
    for row in hours.changes.dropna(subset=["duty_hours"]).itertuples():
        where = f"{row.force}, {HOURS_PERIOD_WORDS[row.period]} {row.year}"
        glue(
            key("hours", row.force, row.period, row.year),
            row.duty_hours,
            unit="hours",
            description=f"{row.force} Specials' duty hours, {HOURS_PERIOD_WORDS[row.period]} {row.year}",
        )
        if pd.notna(row.pct_change):
            glue(
                key("hours_change", row.force, row.period, row.year),
                round(row.pct_change, 2),
                unit="% change on the year before",
                description=f"{where}, computed",
            )
    glue(
        "n_mismatches",
        len(hours.mismatches),
        unit="printed changes",
        description="printed % changes that disagree with the hours",
    )
    glue(
        "n_printed_changes",
        hours.checked,
        unit="printed changes",
        description="printed % changes that can be checked against the hours",
    )
    for row in hours.mismatches.itertuples():
        glue(
            key("printed_change", row.force, row.period, row.year),
            row.pct_printed,
            unit="% change, as printed",
            description=f"{row.force} {row.period} {row.year}, as printed",
        )
    for row in hours.per_special.itertuples():
        glue(
            key("hours_per_special", row.force, row.period, row.year),
            round(row.hours_per_special, 1),
            unit="hours per Special",
            description=f"{row.force}, {HOURS_PERIOD_WORDS[row.period]} {row.year}",
        )


def _glue_projection(found: Capacity) -> None:
    projection = found.projection
    glue("projection_made", projection is not None, description="whether the edition makes a projection of Specials")
    months = sorted(found.establishment["as_at"].astype(str).str[:7].unique())
    glue(
        "establishment_months",
        join_words(month_label(m, "long") for m in months) or "no month",
        description="months of the establishment the assessment printed",
    )
    if projection is None:
        return
    glue("projection_start", month_label(projection.start, "long"), description="month the projection starts from")
    glue("projection_level", 100 * projection.level, unit="%", description="coverage of the projection's interval")
    glue(
        "measured_months",
        len(projection.measured),
        unit="months",
        description="months the printed rates were counted over",
    )
    for force, test in projection.tests.items():
        where = f"{force}, the projection at the printed rates, {month_label(test.end_month)}"
        glue(key("projected_specials", force), round(test.projected), unit="Special Constables", description=where)
        glue(
            key("projected_specials_low", force),
            round(test.low),
            unit="Special Constables",
            description=f"{where}, interval from",
        )
        glue(
            key("projected_specials_high", force),
            round(test.high),
            unit="Special Constables",
            description=f"{where}, interval to",
        )
        glue(
            key("actual_specials", force),
            int(test.actual),
            unit="Special Constables",
            description=f"{force}, Home Office headcount, {month_label(test.end_month)}",
        )
        glue(
            key("projection_miss", force),
            round(test.miss_pct),
            unit="% projected above (+) or below (-) the count",
            description=where,
        )
        glue(
            key("projection_within", force),
            test.verdict == stock_flow.WITHIN,
            description=f"{where}: whether the count lies within the interval",
        )
    for force, dispersion in projection.dispersion.items():
        glue(
            key("flows_dispersion", force),
            round(dispersion, 2),
            unit="times Poisson variance",
            description=f"{force}, the monthly flows, from the Home Office counts to {month_label(projection.start)}",
        )


def _glue_workforce(found: Capacity) -> None:
    people = found.workforce
    glue(
        "alliance_workforce_stated",
        people.planned_pct is not None,
        description="whether the alliance's planned workforce change is stated",
    )
    if people.planned_pct is not None:
        glue("workforce_before", people.before, unit="people", description="officers and staff before the alliance")
        glue(
            "workforce_after", people.after, unit="people", description="officers and staff planned after the alliance"
        )
        glue(
            "planned_workforce_change",
            round(people.planned_pct, 1),
            unit="% change",
            description="planned change of officers and staff under the alliance",
        )
        glue(
            "planned_workforce_size",
            abs(people.planned_pct),
            unit="%",
            description="size of the planned change in officers and staff",
        )
        glue(
            "planned_workforce_word",
            "fewer" if people.planned_pct < 0 else "more",
            description="direction of the planned change",
        )
    for row in people.stated_specials.itertuples():
        glue(
            key("stated_specials", row.force),
            int(row.value),
            unit="Special Constables",
            description=f"{row.force}, Special Constables as stated ({row.qualifier}), {row.document}",
        )


def _printed_hours(found: Capacity) -> pd.DataFrame:
    """The printed hours of the years the assessment printed, labelled for readers."""
    return found.hours.changes.dropna(subset=["duty_hours"]).assign(
        period=lambda d: d["period"].map(HOURS_PERIOD_LABELS)
    )


def _years(found: Capacity) -> str:
    changes = found.hours.changes
    if changes.empty:
        return "no year printed"
    return f"calendar years {int(changes['year'].min())} to {int(changes['year'].max())}"


def hours_chart(found: Capacity, palette: dict[str, str]) -> None:
    """Duty hours by calendar year, a panel for January to September and one for the full year,
    a line a force (nothing when no force of the edition has printed hours)."""
    shown = _printed_hours(found)
    if shown.empty:
        return
    assessment = printed_in(found.printed)
    grid = sns.relplot(
        data=shown,
        x="year",
        y="duty_hours",
        hue="force",
        col="period",
        kind="line",
        marker="o",
        palette={f: c for f, c in palette.items() if f in set(shown["force"])},
        height=3.8,
        aspect=1.1,
        facet_kws={"sharey": True},
    )
    grid.set_axis_labels("Calendar year", "Duty hours logged")
    grid.set_titles("{col_name}")
    for ax in grid.axes.flat:
        ax.xaxis.set_major_locator(plt.MaxNLocator(integer=True))
        ax.yaxis.set_major_formatter(plt.FuncFormatter(lambda v, _: f"{v:,.0f}"))
        ax.set_ylim(bottom=0)  # the chart compares sizes
    grid.legend.set_title("Force")
    grid.figure.suptitle("Special Constables' duty hours by year", y=1.03)
    plots.show(
        grid.figure,
        shown[["force", "period", "year", "duty_hours"]].rename(
            columns={"force": "Force", "period": "Period", "year": "Year", "duty_hours": "Duty hours"}
        ),
        "Special Constables' duty hours by year",
        f"{assessment}, Section 5 (ESIBS hours logged). {_years(found).capitalize()}; hours per calendar year or "
        "January to September",
    )


def hours_table(found: Capacity):
    """Every year's duty hours with its change computed and as printed ("not printed" where the
    assessment printed none)."""
    changes, assessment = found.hours.changes, printed_in(found.printed)
    printed = f"Change as printed in the {assessment}"
    shown = changes.assign(
        period=changes["period"].map(HOURS_PERIOD_LABELS),
        year=changes["year"].astype(int).astype(str),
        pct_change=changes["pct_change"].round(1),
        pct_change_printed=changes["pct_printed"],
    )[["force", "period", "year", "duty_hours", "pct_change", "pct_change_printed"]]
    return table(
        shown.rename(
            columns={
                "force": "Force",
                "period": "Period",
                "year": "Year",
                "duty_hours": "Duty hours",
                "pct_change": "Change on year before (computed)",
                "pct_change_printed": printed,
            }
        ),
        formats={"Duty hours": "{:,.0f}", "Change on year before (computed)": "{:+.1f}%", printed: "{:+g}%"},
        missing={
            "Duty hours": "not printed",
            printed: "not printed",
            "Change on year before (computed)": "no comparison",
        },
        caption="Special Constables' duty hours, with year-on-year change computed and as printed",
        source=f"{assessment}, Section 5, tables 'Duty hours logged ytd Sept' and 'Duty hours logged full year'; "
        f"{_years(found)}; hours",
    )


def mismatch_list(found: Capacity) -> Markdown:
    """The printed changes that disagree with the hours, a bullet each."""
    sentences = mismatch_sentences(found.hours.mismatches)
    return Markdown(
        "\n".join(f"- {s}" for s in sentences) if sentences else "- None: every printed change agrees with the hours."
    )


def per_special_table(found: Capacity):
    """Duty hours per Special Constable, on the average of the Home Office counts dated within the
    hours' period, for each year with such a count."""
    rate = found.hours.per_special
    shown = rate.assign(
        period=rate["period"].map(HOURS_PERIOD_LABELS),
        year=rate["year"].astype(int).astype(str),
        duty_hours=rate["duty_hours"].astype(int),
        counted=[
            _day(last)
            if n == 1
            else f"{_day(first)} and {_day(last)}"
            if n == 2
            else f"{n} counts, {_day(first)} to {_day(last)}"
            for first, last, n in zip(
                rate["headcount_from"], rate["headcount_as_at"], rate["headcounts_averaged"], strict=True
            )
        ],
        hours_per_special=rate["hours_per_special"].round(1),
        headcount=rate["headcount"].round(1),
    )[["force", "period", "year", "duty_hours", "headcount", "counted", "hours_per_special"]]
    return table(
        shown.rename(
            columns={
                "force": "Force",
                "period": "Period",
                "year": "Year",
                "duty_hours": "Duty hours",
                "headcount": "Specials (average headcount)",
                "counted": "Home Office counts averaged",
                "hours_per_special": "Hours per Special",
            }
        ),
        formats={"Hours per Special": "{:.1f}", "Specials (average headcount)": "{:,.1f}"},
        caption="Duty hours per Special Constable",
        source=f"hours: {printed_in(found.printed)}, Section 5; headcount: {HOME_OFFICE}, Special Constables by "
        "police force area (Open Government Licence v3.0)",
    )


def flows_table(found: Capacity):
    """The recruits and resignations the assessment printed."""
    flows, measured = found.flows, found.projection.measured if found.projection else []
    recruited = next(c for c in flows.columns if c.startswith("recruited"))
    year = month_span(measured) if measured else "over a year"
    return table(
        flows.rename(
            columns={
                "force": "Force",
                recruited: f"Recruited into training, {year}",
                "resignations_per_month": "Resignations a month (average)",
            }
        ),
        caption="Special Constables recruited and resigning, as printed",
        source=f"{printed_in(found.printed)}, Section 5 (as printed); people",
    )


def projection_chart(found: Capacity, palette: dict[str, str]) -> None:
    """Each force's Home Office headcount (solid), the projection at the printed rates (dashed)
    with its interval (shaded), and the establishment the assessment printed (hollow markers)."""
    counts, establishment, projection = found.headcounts.counts, found.establishment, found.projection
    run = (
        projection.run if projection else pd.DataFrame(columns=["force", "month", "projected", "low", "high", "as_at"])
    )
    assessment, level = printed_in(found.printed), f"{100 * projection.level:g}%" if projection else ""
    printed_at = pd.to_datetime(establishment["as_at"]) + pd.offsets.MonthEnd(0)
    fig, ax = plt.subplots()
    for force in found.forces:
        actual = counts[counts["force"] == force]
        ax.plot(
            actual["as_at"], actual["specials_headcount"], marker="o", color=palette[force], label=f"{force}: actual"
        )
        plan = run[run["force"] == force]
        if len(plan):
            ax.fill_between(plan["as_at"], plan["low"], plan["high"], color=palette[force], alpha=0.15, linewidth=0)
            ax.plot(
                plan["as_at"],
                plan["projected"],
                linestyle="--",
                color=palette[force],
                label=f"{force}: projection at the printed rates, with its {level} interval",
            )
        mine = establishment["force"] == force
        if mine.any():
            ax.scatter(
                printed_at[mine],
                establishment.loc[mine, "specials_headcount"],
                facecolors="white",
                edgecolors=palette[force],
                zorder=3,
                label=f"{force}: establishment as printed",
            )
    title = "Special Constables: Home Office headcount" + (
        " against the projection at the printed rates"
        if projection
        else " and the establishment as printed"
        if len(establishment)
        else ""
    )
    ax.set_ylabel("Special Constables (headcount)")
    ax.set_xlabel("")
    ax.set_ylim(bottom=0)
    ax.legend(fontsize=8, ncols=1 if len(found.forces) == 1 else 2, loc="upper left")
    ax.set_title(title)
    drawn = pd.concat(
        [
            counts.assign(series="Home Office headcount"),
            *(
                frame
                for frame in (
                    run.assign(
                        series="Projection at the printed rates",
                        specials_headcount=run["projected"].round(1),
                        low=run["low"].round(1),
                        high=run["high"].round(1),
                    ),
                    establishment.assign(series="Establishment as printed", as_at=printed_at),
                )
                if len(frame)  # an edition without a projection or the printed establishment draws neither
            ),
        ]
    )
    span = f"{counts['as_at'].min():%b %Y} to {counts['as_at'].max():%b %Y}" if len(counts) else "no count"
    sources = [f"{HOME_OFFICE}, {span}, half-yearly (OGL v3.0)"]
    if projection:
        sources.append(
            f"projection: this book's, at the {assessment}'s printed recruits and resignations, {level} interval "
            "simulated"
        )
    if len(establishment):
        sources.append(f"establishment: {assessment}, Section 5")
    plots.show(
        fig,
        drawn.reindex(columns=["force", "series", "as_at", "specials_headcount", "low", "high"]).rename(
            columns={
                "force": "Force",
                "series": "Series",
                "as_at": "As at",
                "specials_headcount": "Special Constables",
                "low": f"Projection, {level} interval: from",
                "high": f"Projection, {level} interval: to",
            }
        ),
        title,
        "; ".join(sources),
    )


def workforce_table(found: Capacity):
    """The workforce figures the forces stated, each acronym spelt out at its first use."""
    people = found.workforce.people
    shown = spelt_out(people, ["fact", "unit", "document"], Acronyms(found.glossary))
    return table(
        shown.rename(
            columns={
                "fact": "Fact",
                "force": "Force",
                "qualifier": "As stated",
                "value": "Value",
                "unit": "Unit",
                "document": "Stated in",
            }
        ),
        caption=f"Workforce of {join_words(found.forces)}, as stated",
        source="the documents named in the table (as transcribed by the project); people, rounded by the source",
    )


def stated_against_counts(found: Capacity) -> Markdown:
    """Each stated round figure of Special Constables set beside the latest Home Office count."""
    counts = found.headcounts.counts.rename(columns={"specials_headcount": "count"})[["force", "as_at", "count"]]
    return Markdown(
        " ".join(
            stated_against_counted(
                found.workforce.stated_specials, counts.dropna(), "Special Constables", "the Home Office"
            )
        )
    )
