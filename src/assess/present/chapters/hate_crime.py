"""The hate crime chapter as readers see it: its figures glued for the prose (a sentence for
each force's own returns, and the findings of the series worded from the data), the trend and
control charts, the two sources side by side, and the yearly totals, every small count hidden."""

from __future__ import annotations

import matplotlib.pyplot as plt
import pandas as pd
from IPython.display import HTML

from ...analysis import change_points, spc, trend_models, yearly_direction
from ...chapters.hate_crime import PRINTED, PULSE_MONTHS, HateCrime, Trend
from ...periods import month_label, month_span, year_label
from .. import colours, plots, verdicts
from ..glue import glue, glue_each, key
from ..labels import printed_in, printed_section
from ..suppression import is_small, shown_count, suppress
from ..tables import p_cell, table
from ..wording import join_words, split_words

LEVEL = f"{100 * (1 - trend_models.ALPHA):g}%"
"""The coverage of the trend models' intervals, as the text names it ("95%")."""
SPLINE_PARTS = {"first 12 months": "the curve's first 12 months", "last 12 months": "the curve's last 12 months"}
"""How the smooth curve's segments are named after their months."""


def series_words(found: HateCrime) -> str:
    """What the series analysed counts, for "This chapter analyses ...": the printed series of
    the forces together, or the forces' own returns (added together when several)."""
    series = found.series
    if series.source == PRINTED:
        return (
            f"recorded hate crime in {join_words(series.forces)} together, as the {printed_in(series.entry)} printed it"
        )
    words = (
        f"the monthly counts of recorded hate crime that {join_words(series.forces)} released under the Freedom of "
        "Information (FOI) Act"
    )
    return words + (", added together" if len(series.forces) > 1 else "")


def returns_sentence(found: HateCrime, force: str) -> str:
    """One force's own returns in its latest two complete financial years (or over the months it
    has), small counts hidden; "No monthly count of recorded hate crime is held for <force> ..."
    when it released none."""
    years = found.returns_of(force)
    if years.empty:
        left_out = "" if force in found.series.forces else ", so the series this chapter analyses does not count it"
        return f"No monthly count of recorded hate crime is held for {force}{left_out}."
    below = found.suppress_below
    whole = years[years["months"] == 12].tail(2).iloc[::-1]
    if whole.empty:
        months = found.returns[found.returns["force"] == force]["month"].tolist()
        total = shown_count(int(years["recorded_crimes"].sum()), below)
        return f"{force}'s own returns count {total} recorded hate crimes in {month_span(months, 'long')}."
    counts = [(shown_count(int(r.recorded_crimes), below), year_label(r.financial_year)) for r in whole.itertuples()]
    parts = [f"{counts[0][0]} recorded hate crimes in {counts[0][1]}"] + [f"{n} in {year}" for n, year in counts[1:]]
    return f"{force}'s own returns count {' and '.join(parts)}."  # no join_words: its counts hold commas


def _model_words(fit: trend_models.TrendFit, model: str) -> str:
    where = f" (in {month_label(fit.change_month, 'long')})" if model == "hinge" and fit.change_month else ""
    return verdicts.MODEL_WORDS[model] + where


def model_sentence(trend: Trend) -> str:
    """Which trend model describes the series, or that the data do not choose between the models
    within the tie margin of quasi-AIC (``change_points.model_choice``), naming the one whose
    figures follow."""
    fit, choice = trend.fit, trend.choice
    if choice.decisive:
        gap = f": its quasi-AIC is {choice.gap:.1f} lower than the next model's" if len(choice.criteria) > 1 else ""
        return f"The series is best described by {_model_words(fit, fit.model)}{gap}."
    tied = join_words(_model_words(fit, m) if m == fit.model else verdicts.MODEL_WORDS[m] for m in choice.tied)
    return (
        f"The data do not choose between {tied}: their quasi-AIC lie within {choice.margin:g} of each other. "
        f"The figures that follow are those of {verdicts.MODEL_WORDS[fit.model]}, whose quasi-AIC is the lowest."
    )


def search_sentence(trend: Trend) -> str:
    """Whether the series changes slope at all, allowing for the search over its months
    (``change_points.search_break``); "" when it is too short to search."""
    search = trend.search
    if search is None:
        return ""
    window = search.window
    p = search.p_value
    if round(p * (search.replicates + 1)) == 1:  # no simulated series reached the statistic
        chance = f"p at most {p:.3f}: none of {search.replicates:,} series simulated without a change had one as large"
    else:
        chance = f"{verdicts.p_text(p)}, from {search.replicates:,} series simulated without a change"
    edge = (
        "; that month is at the edge of the months searched, so the change may lie outside them"
        if window.at_edge
        else ""
    )
    return (
        f"Searched for over every month from {month_label(window.first, 'long')} to "
        f"{month_label(window.last, 'long')}, the strongest change of slope is in {month_label(search.month, 'long')}"
        f"{edge}. Allowing for that search, a change as strong {'would' if p < trend_models.ALPHA else 'could'} "
        f"{'rarely ' if p < trend_models.ALPHA else ''}arise by chance ({chance})."
    )


def years_sentence(found: HateCrime) -> str:
    """The last two complete financial years set beside the model's latest slope
    (``yearly_direction.direction_check``), saying why they differ when they do; "" with fewer
    than two complete years. Small counts are hidden."""
    years, below = found.trend.years, found.suppress_below
    if years is None:
        return ""
    totals = (
        f"{shown_count(years.later_total, below)} recorded hate crimes in {year_label(years.later_year)} against "
        f"{shown_count(years.earlier_total, below)} in {year_label(years.earlier_year)}"
    )
    if years.agree:
        return f"The yearly totals agree with the latest slope: {totals} ({years.totals_pct:+.1f}%)."
    slope = {"rising": "rises", "falling": "falls"}.get(years.slope_direction)
    slope_words = f"the model's latest slope {slope}" if slope else "the model's latest slope is within chance"
    why = "" if years.reason == "slope within chance" else f": {yearly_direction.REASONS[years.reason]}"
    return f"The yearly totals read differently, {totals} ({years.totals_pct:+.1f}%), while {slope_words}{why}."


def slope_sentence(row) -> str:
    """One segment's yearly change of the daily rate (a row of ``TrendFit.slopes``): rose or fell
    when beyond chance, else the change and that it is within what chance would give."""
    months = f"From {month_label(row.start, 'long')} to {month_label(row.end, 'long')}"
    if row.segment in SPLINE_PARTS:
        months += f" ({SPLINE_PARTS[row.segment]})"
    interval = f"{LEVEL} interval {row.ci_low:+.1f}% to {row.ci_high:+.1f}%, {verdicts.p_text(row.p_value)}"
    if row.p_value < trend_models.ALPHA:
        verb = "rose" if row.annual_pct > 0 else "fell"
        size = f"{abs(row.annual_pct):.1f}% a year"
        return f"{months}, net of season, the recorded daily rate {verb} by {size} ({interval})."
    return (
        f"{months}, net of season, the recorded daily rate changed by {row.annual_pct:+.1f}% a year, which is within "
        f"what chance would give ({interval})."
    )


EFFECT_WORDS = {
    "no effect": "no effect",
    "pulse": f"a {PULSE_MONTHS}-month pulse",
    "level shift": "a lasting level shift",
}
"""How each way a known event is tested reads (``change_points.EventTest.choice``)."""


def _effect(effect) -> str:
    """An effect (a rate ratio on the trend) in words, with its interval and p-value."""
    interval = (
        f"{LEVEL} interval {(effect.ci_low - 1) * 100:+.1f}% to {(effect.ci_high - 1) * 100:+.1f}%, "
        f"{verdicts.p_text(effect.p_value)}"
    )
    size = f"{abs(effect.rate_ratio - 1) * 100:.1f}% {'above' if effect.rate_ratio > 1 else 'below'} the trend"
    if effect.p_value < trend_models.ALPHA:
        return f"{size} ({interval})"
    return f"{size}, within what chance would give ({interval})"


def event_sentence(found: HateCrime) -> str:
    """The known event tested as a pulse and as a level shift, and which fits better; that it was
    not tested when its month leaves no month before it or after the pulse."""
    event = found.event
    if event is None:
        return "This edition names no known event to test the series against."
    if event.test is None:
        return (
            f"The month chosen for testing {event.event}, {month_label(event.at, 'long')}, leaves no month of this "
            "series before it or after it, so it was not tested."
        )
    test = event.test
    trend = "a straight trend" if test.trend == "linear" else "a smooth curve, a trend with no sudden change"
    after = month_label(found.series.months[-1], "long")
    said = (
        f"Set against {trend}, the recorded daily rate in {month_label(test.at, 'long')}, the "
        f"first month after {event.event}, was {_effect(test.pulse)}; from then to {after}, it sat "
        f"{_effect(test.level)}."
    )
    if test.fits == "tied":
        return f"{said} The data do not choose between {join_words(EFFECT_WORDS[m] for m in test.choice.tied)}."
    others = join_words((EFFECT_WORDS[m] for m in EFFECT_WORDS if m != test.fits), "or")
    return f"{said} {EFFECT_WORDS[test.fits].capitalize()} fits the months better than {others}."


def autocorrelation_sentence(fit: trend_models.TrendFit) -> str:
    """Whether the chosen model's residuals are autocorrelated (Ljung-Box), and so which errors
    the intervals use, with the dispersion."""
    test = (
        f"Ljung-Box test of the residuals up to {fit.ljung_box_lags} months apart, {verdicts.p_text(fit.ljung_box_p)}"
    )
    if fit.ljung_box_p < trend_models.ALPHA:
        return (
            f"Neighbouring months are more alike than the chosen model explains ({test}), so the intervals use "
            f"errors robust to that autocorrelation; the counts vary {fit.dispersion:.2f} times as much as a "
            "Poisson count would."
        )
    return (
        f"The chosen model leaves no autocorrelation beyond chance ({test}), so the intervals use quasi-Poisson "
        f"errors, which allow for counts varying {fit.dispersion:.2f} times as much as a Poisson count would."
    )


def signals_words(found: HateCrime) -> str:
    """How many months signal on the chart of counts against the model, for "..., <words>."."""
    run = f"{spc.RUN_LENGTH} or more months on one side of the centre line"
    signals = found.trend.signals
    if not signals:
        return f"no month signals: none lies beyond the limits, and there is no run of {run}"
    months = len(found.series.months)
    return (
        f"{signals} of the {months} months signal: they lie beyond a limit or in a run of {run} (the chart below "
        "marks them)"
    )


def sen_words(found: HateCrime, span: str) -> str:
    """What the Mann-Kendall test and Sen's slope find, for "A check without a model, ..., <words>."."""
    sen = found.trend.sen
    test = f"the {sen.test} test over {span}"
    if sen.p_value < trend_models.ALPHA:
        verb = "rose" if sen.monthly_count_per_year > 0 else "fell"
        return (
            f"{test}, finds a monotonic trend ({verdicts.p_text(sen.p_value)}). By Sen's slope one month's recorded "
            f"count {verb} by about {abs(sen.monthly_count_per_year):,.1f} a year, which is about "
            f"{abs(sen.annual_total_per_year):,.0f} a year in the 12-month total"
        )
    return (
        f"{test}, finds no monotonic trend beyond chance ({verdicts.p_text(sen.p_value)}). By Sen's slope one "
        f"month's recorded count changed by about {sen.monthly_count_per_year:+,.1f} a year, about "
        f"{sen.annual_total_per_year:+,.0f} a year in the 12-month total, which is within what chance would give"
    )


def suppression_note(below: int, hidden: int) -> str:
    """What the yearly table hides to protect victims, in one sentence."""
    if below <= 1:
        return "Every count is shown: this edition sets no threshold below which counts are withheld."
    if hidden:
        return f"To protect victims, counts from 1 to {below - 1} are shown as <{below} ({hidden} in this table)."
    return f"Counts from 1 to {below - 1} would be shown as <{below} to protect victims; none were that small."


def glue_findings(found: HateCrime) -> None:
    """Glue every figure the chapter's prose names, each force's own sentence, and the figures
    of the register."""
    series, below = found.series, found.suppress_below
    span = month_span(series.months, "long")
    glue("hate_span", span, description="months of the hate crime series analysed")
    glue("hate_forces", join_words(series.forces), description="forces the hate crime series counts")
    glue("series_words", series_words(found), description="what the hate crime series analysed counts")
    glue_each(
        "returns_sentence",
        {f: returns_sentence(found, f) for f in found.forces},
        description="the force's own monthly hate crime returns",
    )
    for force in found.forces:
        for row in found.returns_of(force).itertuples():
            glue(
                key("hate_returns", force, row.financial_year),
                int(row.recorded_crimes),
                unit="recorded crimes",
                description=f"{force}'s own returns, financial year {row.financial_year} ({row.months} months)",
                suppress_below=below,
            )
    glue(
        "edge_months",
        found.trend.fit.edge_months,
        unit="months",
        description="no change of slope is sought this close to either end",
    )
    glue(
        "run_length",
        spc.RUN_LENGTH,
        unit="months",
        description="a run of this many months on one side of the centre line signals",
    )
    glue("interval_level", LEVEL, description="coverage of the trend models' intervals")
    _glue_trend(found, span)
    _glue_event(found)
    _glue_sources(found)
    _glue_years(found)


def _glue_trend(found: HateCrime, span: str) -> None:
    trend, fit = found.trend, found.trend.fit
    glue("model_sentence", model_sentence(trend), description="the trend model chosen for hate crime")
    glue("search_sentence", search_sentence(trend), description="one change of slope, tested allowing for the search")
    glue("years_sentence", years_sentence(found), description="the last two yearly totals against the latest slope")
    glue("tie_margin", trend.choice.margin, unit="quasi-AIC", description="models this close to the lowest are tied")
    glue("hate_models_tied", not trend.choice.decisive, description="whether the data do not choose between models")
    glue(
        "criterion_dispersion",
        round(fit.criterion_dispersion, 2),
        unit="Pearson chi-square / df",
        description="hate crime, the smooth curve's dispersion, used to compare the models",
    )
    glue(
        "break_replicates",
        change_points.REPLICATES,
        unit="simulated series",
        description="series simulated without a change to test the search",
    )
    if trend.search is not None:
        search = trend.search
        glue(
            "hate_break_month", month_label(search.month, "long"), description="strongest change of slope searched for"
        )
        glue(
            "hate_break_p",
            search.p_value,
            unit="p-value",
            description="change of slope, allowing for the search (bootstrapped sup-F)",
        )
        glue(
            "hate_break_at_edge",
            search.window.at_edge,
            description="whether the strongest change is at the edge of the months searched",
        )
    glue(
        "slope_sentences",
        " ".join(slope_sentence(r) for r in fit.slopes.itertuples()),
        description="hate crime's yearly change under the chosen model",
    )
    glue(
        "autocorrelation_sentence",
        autocorrelation_sentence(fit),
        description="autocorrelation of the chosen model's residuals, and the errors used",
    )
    glue(
        "signals_words",
        signals_words(found),
        description="months that signal on the XmR chart against the chosen model",
    )
    glue("sen_words", sen_words(found, span), description="the trend test without a model")
    glue("hate_model", fit.model, description="trend model chosen for hate crime")
    glue(
        "hate_dispersion",
        round(fit.dispersion, 2),
        unit="Pearson chi-square / df",
        description="hate crime, chosen model",
    )
    glue(
        "hate_ljung_box_p",
        fit.ljung_box_p,
        unit="p-value",
        description="Ljung-Box test of the chosen model's residuals",
    )
    if fit.change_month:
        glue(
            "hate_change_month",
            month_label(fit.change_month, "long"),
            description="month the hate crime trend changes slope",
        )
    for model, criterion in fit.criteria.items():
        glue(key("hate_qaic", model), round(criterion, 1), unit="quasi-AIC", description=f"hate crime, {model} model")
    for row in fit.slopes.itertuples():
        for name, value in (("pct", row.annual_pct), ("low", row.ci_low), ("high", row.ci_high)):
            glue(
                key("hate_slope", row.segment, name),
                round(value, 1),
                unit="% a year",
                description=f"hate crime, {row.segment} ({row.start} to {row.end}), annual change of the daily rate",
            )
        glue(key("hate_slope", row.segment, "p"), row.p_value, unit="p-value", description=f"hate crime, {row.segment}")
    glue("hate_n_signals", trend.signals, unit="months", description="months that signal on the residual XmR chart")
    glue("hate_n_months", len(found.series.months), unit="months", description="months of the hate crime series")
    glue("hate_rate_signals", trend.rate_beyond > 0, description="whether daily rates lie beyond their XmR limits")
    glue(
        "hate_rate_beyond",
        trend.rate_beyond,
        unit="months",
        description="months whose daily rate lies beyond its XmR limits",
    )
    glue("hate_sen_test", trend.sen.test, description="the trend test without a model")
    glue(
        "hate_sen_month",
        round(trend.sen.monthly_count_per_year, 1),
        unit="recorded crimes in one month, change a year",
        description="Sen's slope of hate crime",
    )
    glue(
        "hate_sen_year",
        round(trend.sen.annual_total_per_year),
        unit="recorded crimes in 12 months, change a year",
        description="Sen's slope of hate crime, as a 12-month total",
    )


def _glue_event(found: HateCrime) -> None:
    event = found.event
    tested = event is not None and event.test is not None
    glue("step_tested", tested, description="whether a known event's month falls inside the hate crime series")
    glue("event_sentence", event_sentence(found), description="the event tested as a pulse and as a level shift")
    if not tested:
        return
    glue("step_month", month_label(event.at, "long"), description="first month after the event tested")
    glue("step_event", event.event, description="what happened just before the month tested")
    glue("pulse_months", PULSE_MONTHS, unit="months", description="months a pulse lasts")
    test = event.test
    for name, effect in (("pulse", test.pulse), ("level", test.level)):
        where = f"hate crime from {test.at}, {EFFECT_WORDS['pulse' if name == 'pulse' else 'level shift']}"
        glue(
            key("hate_event", name, "ratio"),
            round(effect.rate_ratio, 3),
            unit="rate ratio",
            description=f"{where}, over the trend",
        )
        glue(
            key("hate_event", name, "low"),
            round(effect.ci_low, 3),
            unit="rate ratio",
            description=f"{where}, {LEVEL} interval, lower",
        )
        glue(
            key("hate_event", name, "high"),
            round(effect.ci_high, 3),
            unit="rate ratio",
            description=f"{where}, {LEVEL} interval, upper",
        )
        glue(key("hate_event", name, "p"), effect.p_value, unit="p-value", description=where)
    glue("hate_event_fits", test.fits, description="which of no effect, pulse and level shift fits best, or tied")


def _glue_sources(found: HateCrime) -> None:
    sources, below = found.sources, found.suppress_below
    glue(
        "sources_compared", sources is not None, description="whether two sources of the hate crime series are compared"
    )
    glue(
        "sources_differ",
        sources is not None and sources.differ,
        description="whether the two hate crime sources differ in any month",
    )
    if sources is None:
        return
    found_ = sources.comparison
    glue("assessment", printed_in(sources.entry), description="the assessment whose printed series is compared")
    small = is_small(found_.first_total, below) or is_small(found_.second_total, below)
    glue("n_compared", len(found_.overlap), unit="months", description="months both hate crime sources cover")
    glue(
        "compared_span", month_span(sources.compared["month"].tolist(), "long"), description="months both sources cover"
    )
    glue("n_differing", len(found_.differing), unit="months", description="months the two hate crime sources differ")
    glue(
        "printed_direction",
        split_words(
            {"lower": sources.printed_lower, "higher": sources.printed_higher},
            len(found_.differing),
            "the same in every month",
        ),
        description="in which of the months that differ the printed series is lower and in which higher",
    )
    glue(
        "printed_total",
        found_.first_total,
        unit="recorded crimes",
        description="printed series over the months compared",
        suppress_below=below,
    )
    glue(
        "foi_total",
        found_.second_total,
        unit="recorded crimes",
        description="sum of the forces' own returns over the same months",
        suppress_below=below,
    )
    if not small:
        glue(
            "total_gap",
            found_.difference,
            unit="recorded crimes",
            description="printed minus the forces' returns, months compared",
        )
        glue(
            "total_gap_pct",
            round(found_.pct, 1),
            unit="%",
            description="printed minus the forces' returns, in % of the returns",
        )
    gap = _gap_words(found_.difference, found_.pct) if not small else "a difference not shown, to protect victims"
    glue(
        "totals_words",
        f"{shown_count(found_.first_total, below)} recorded crimes against "
        f"{shown_count(found_.second_total, below)} in the forces' own returns, {gap}",
        description="the printed total against the forces' returns over the months compared",
    )
    glue(
        "largest_gaps",
        join_words(
            f"{month_label(r.month, 'long')} ({shown_count(r.first, below)} printed against "
            f"{shown_count(r.second, below)})"
            for r in sources.gaps.itertuples()
        ),
        description="months where the two hate crime sources differ most",
    )
    series = found.series
    if series.source == PRINTED:
        analysed = (
            "This chapter analyses the printed series, the one the assessment used, which counts the forces together."
        )
    else:
        analysed = (
            f"This chapter analyses the forces' own returns, which run to {month_label(series.months[-1], 'long')}; "
            f"the printed series ends in {month_label(sources.compared['month'].iloc[-1], 'long')}."
        )
    glue("analysed_source", analysed, description="which of the two sources the chapter analyses")


def _gap_words(difference: int, pct: float) -> str:
    if difference == 0:
        return "the same number"
    return f"{abs(difference):,} ({abs(pct):.1f}%) {'fewer' if difference < 0 else 'more'}"


def _glue_years(found: HateCrime) -> None:
    below = found.suppress_below
    glue(
        "hate_last_month",
        month_label(found.series.months[-1], "long"),
        description="last month of the hate crime series",
    )
    for row in found.years.itertuples():
        glue(
            key("hate_total", row.financial_year),
            int(row.recorded_crimes),
            unit="recorded crimes",
            description=f"hate crime, financial year {row.financial_year} (sum of months)",
            suppress_below=below,
        )
    check = found.totals_check
    glue(
        "totals_checked",
        check is not None,
        description="whether the printed yearly totals are checked against the months",
    )
    if check is not None:
        glue(
            "n_totals_agree",
            int(check["agrees"].sum()),
            unit="years",
            description="printed yearly totals equal to the sum of the months",
        )
        glue("n_totals", len(check), unit="years", description="yearly totals checked")
    _, hidden = _years_shown(found)
    glue(
        "suppression_note",
        suppression_note(below, hidden),
        description="what the yearly table hides to protect victims",
    )
    glue("suppress_below", below, unit="recorded crimes", description="counts below this are not published")


def _source(found: HateCrime) -> str:
    """The source line of the series analysed."""
    series = found.series
    span = month_span(series.months)
    if series.source == PRINTED:
        return (
            f"{printed_section(series.entry)}, alliance-level hate crime (offences or crimed incidents with at least "
            f"one hate crime marker), {span}; recorded crimes a month"
        )
    return f"{join_words(series.forces)}: {_returns_source(found)}, {span}; recorded crimes a month"


def _returns_source(found: HateCrime) -> str:
    cited = found.returns_entry["publisher"].split(", via ", 1)[-1]
    return f"monthly hate crime counts each force released under the Freedom of Information Act, via {cited}"


def _index(found: HateCrime) -> pd.DatetimeIndex:
    return pd.PeriodIndex(found.series.months, freq="M").to_timestamp()


def trend_chart(found: HateCrime) -> None:
    """Each month's recorded hate crimes a day with the chosen model's trend and season, and the
    month its slope changes where it has one; the data download hides small months."""
    series, fit = found.series, found.trend.fit
    days = pd.PeriodIndex(series.months, freq="M").days_in_month.to_numpy()
    index = _index(found)
    fig, ax = plt.subplots()
    ax.plot(
        index,
        series.counts.to_numpy() / days,
        marker="o",
        markersize=3,
        linewidth=0.8,
        color=colours.SERIES,
        label="Recorded hate crimes a day",
    )
    ax.plot(index, fit.fitted.to_numpy() / days, color=colours.INCREASE, label="Chosen model: trend and season")
    if fit.change_month:
        ax.axvline(
            pd.Period(fit.change_month, "M").to_timestamp(),
            color=colours.REFERENCE_LINE,
            linestyle="--",
            linewidth=0.8,
            label=f"Slope changes, {month_label(fit.change_month)}",
        )
    title = f"Recorded hate crime a day, {join_words(series.forces)}, with the chosen trend"
    ax.set_ylabel("Recorded hate crimes a day")
    ax.set_ylim(bottom=0)
    ax.set_title(title)
    ax.legend(fontsize=8, loc="upper left")
    data = pd.DataFrame(
        {
            "Month": series.months,
            "Recorded hate crimes": series.counts.to_numpy(),
            "Days": days,
            "Recorded hate crimes a day": (series.counts.to_numpy() / days).round(3),
            "Chosen model, a day": (fit.fitted.to_numpy() / days).round(3),
        }
    )
    derived = {"Recorded hate crimes a day": "Recorded hate crimes"}
    shown, _ = suppress(data, ["Recorded hate crimes"], found.suppress_below, derived=derived)
    plots.show(fig, shown, title, _source(found) + f". Model: {verdicts.MODEL_WORDS[fit.model]}, chosen by quasi-AIC")


def models_table(found: HateCrime) -> HTML:
    """Every trend model's quasi-AIC, the chosen one marked."""
    fit = found.trend.fit
    models = pd.DataFrame({"model": list(fit.criteria), "qaic": list(fit.criteria.values())}).sort_values("qaic")
    shown = models.assign(
        model=models["model"].map(verdicts.MODEL_WORDS),
        qaic=models["qaic"].round(1),
        chosen=(models["model"] == fit.model).map({True: "chosen", False: ""}),
    )
    return table(
        shown.rename(columns={"model": "Trend model", "qaic": "Quasi-AIC (lower is better)", "chosen": ""}),
        formats={"Quasi-AIC (lower is better)": "{:,.1f}"},
        caption="Recorded hate crime: the trend models compared",
        source=_source(found) + f"; Poisson regressions with month effects and days as exposure, dispersion "
        f"{fit.criterion_dispersion:.2f} (from the smooth curve)",
    )


def slopes_table(found: HateCrime) -> HTML:
    """The chosen model's yearly change of the daily rate in each part of the series."""
    fit = found.trend.fit
    slopes = fit.slopes
    low, high = f"{LEVEL} interval: from", f"{LEVEL} interval: to"
    shown = slopes.assign(
        period=slopes["start"].map(month_label) + " to " + slopes["end"].map(month_label),
        annual_pct=slopes["annual_pct"].round(1),
        ci_low=slopes["ci_low"].round(1),
        ci_high=slopes["ci_high"].round(1),
    )[["segment", "period", "annual_pct", "ci_low", "ci_high", "p_value"]]
    return table(
        shown.rename(
            columns={
                "segment": "Part of the series",
                "period": "Months",
                "annual_pct": "Change a year",
                "ci_low": low,
                "ci_high": high,
                "p_value": "p-value",
            }
        ),
        formats={"Change a year": "{:+.1f}%", low: "{:+.1f}%", high: "{:+.1f}%", "p-value": p_cell},
        caption="Recorded hate crime: yearly change of the daily rate under the chosen model "
        f"({verdicts.MODEL_WORDS[fit.model]})",
        source=_source(found) + f"; {fit.errors} errors, t with {fit.df_resid} degrees of freedom",
    )


def xmr_chart(found: HateCrime) -> None:
    """Each month's count over what the chosen model expects, on an XmR chart with its signals;
    the data download hides the ratio of a month with a small count."""
    residual = found.trend.residual
    chart = residual.set_axis(_index(found))
    fig, ax = plt.subplots()
    ax.plot(
        chart.index,
        chart["value"],
        marker="o",
        markersize=3,
        linewidth=0.8,
        color=colours.SERIES,
        label="Recorded ÷ expected by the chosen model",
    )
    ax.axhline(chart["centre"].iloc[0], color=colours.CENTRE, label="Centre line")
    ax.axhline(chart["upper"].iloc[0], color=colours.LIMIT, linestyle="--", label="Upper and lower limits")
    ax.axhline(chart["lower"].iloc[0], color=colours.LIMIT, linestyle="--")
    signals = chart[chart["signal_high"] | chart["signal_low"]]
    ax.scatter(
        signals.index,
        signals["value"],
        color=colours.LIMIT,
        zorder=3,
        label=f"Signal (beyond a limit or a run of {spc.RUN_LENGTH})",
    )
    title = "Recorded hate crime against the chosen model: XmR chart"
    ax.set_ylabel("Recorded ÷ expected")
    ax.set_title(title)
    ax.legend(fontsize=8, loc="upper left")
    data = residual.round(4).assign(month=found.series.months)
    data = data[["month", "count", "value", "centre", "lower", "upper", "signal_high", "signal_low"]]
    shown, _ = suppress(data, ["count"], found.suppress_below, derived={"value": "count"})  # ratio × expected
    plots.show(
        fig,
        shown.drop(columns="count").rename(
            columns={
                "month": "Month",
                "value": "Recorded ÷ expected",
                "centre": "Centre line",
                "lower": "Lower limit",
                "upper": "Upper limit",
                "signal_high": "Signal, high",
                "signal_low": "Signal, low",
            }
        ),
        title,
        _source(found) + ". XmR chart of observed ÷ expected counts: centre ± 2.66 × mean moving range",
    )


def _printed_source(found: HateCrime) -> str:
    """The source line of the printed series, over the months compared with the returns."""
    sources = found.sources
    return (
        f"{printed_section(sources.entry)}, alliance-level hate crime (offences or crimed incidents with at least one "
        f"hate crime marker), {month_span(sources.compared['month'].tolist())}; recorded crimes a month"
    )


def sources_table(found: HateCrime) -> HTML | None:
    """The two sources by financial year over the months both cover, small counts (and the
    differences that would give them back) hidden; None when nothing is compared."""
    sources = found.sources
    if sources is None:
        return None
    assessment = printed_in(sources.entry)
    derived = {"difference": ["first", "second"]}
    shown, _ = suppress(sources.yearly, ["first", "second"], found.suppress_below, derived=derived)
    shown["financial_year"] = shown["financial_year"].map(year_label)
    return table(
        shown.rename(
            columns={
                "financial_year": "Financial year",
                "first": f"As printed in the {assessment}",
                "second": "Sum of the forces' FOI returns",
                "difference": "Printed minus FOI",
            }
        ),
        caption="Recorded hate crime from two sources, by financial year (months both cover)",
        source=f"{_printed_source(found)}; {_returns_source(found)}",
    )


def sources_chart(found: HateCrime) -> None:
    """The two sources month by month over the months both cover (nothing when none is compared);
    the data download hides small counts."""
    sources = found.sources
    if sources is None:
        return
    compared, assessment = sources.compared, printed_in(sources.entry)
    both = compared.assign(month=pd.PeriodIndex(compared["month"], freq="M").to_timestamp())
    fig, ax = plt.subplots()
    ax.plot(both["month"], both["first"], color=colours.SERIES, label=f"As printed in the {assessment}")
    ax.plot(
        both["month"], both["second"], color=colours.INCREASE, linestyle="--", label="Sum of the forces' FOI returns"
    )
    title = "Recorded hate crime: the printed series and the forces' own returns"
    ax.set_ylabel("Recorded hate crimes a month")
    ax.set_ylim(bottom=0)
    ax.set_title(title)
    ax.legend(fontsize=8, loc="upper left")
    shown, _ = suppress(compared[["month", "first", "second"]], ["first", "second"], found.suppress_below)
    plots.show(
        fig,
        shown.rename(
            columns={
                "month": "Month",
                "first": f"As printed in the {assessment}",
                "second": "Sum of the forces' FOI returns",
            }
        ),
        title,
        f"{_printed_source(found)}; {_returns_source(found)}",
    )


def _years_shown(found: HateCrime) -> tuple[pd.DataFrame, int]:
    """The yearly table's rows, small counts hidden, and how many were hidden."""
    check = found.totals_check
    if check is not None:
        years = check.assign(agrees=check["agrees"].map({True: "yes", False: "no"}))
        years = years[["financial_year", "computed", "printed", "difference", "agrees"]]
        derived = {"difference": ["computed", "printed"]}
        return suppress(years, ["computed", "printed"], found.suppress_below, derived=derived)
    return suppress(found.years, ["recorded_crimes"], found.suppress_below)


def years_table(found: HateCrime) -> HTML:
    """The series by financial year: the sum of the months against the printed totals where they
    are checked, else each year's months and recorded crimes; small counts hidden."""
    shown, _ = _years_shown(found)
    shown["financial_year"] = shown["financial_year"].map(year_label)
    if found.totals_check is not None:
        columns = {
            "financial_year": "Financial year",
            "computed": "Sum of months",
            "printed": "Total as printed",
            "difference": "Difference",
            "agrees": "Agree",
        }
        caption = "Recorded hate crime by financial year: sum of the months against the printed total"
    else:
        columns = {"financial_year": "Financial year", "months": "Months", "recorded_crimes": "Recorded hate crimes"}
        caption = "Recorded hate crime by financial year"
    return table(shown.rename(columns=columns), caption=caption, source=_source(found))
