"""The words that report a statistical result. Each sentence names its test, its period and its
unit, and says "recorded", because recorded crime follows recording practice as well as offending.
None of them states a cause."""

from __future__ import annotations

import pandas as pd

from ..analysis.spc import RUN_LENGTH
from ..analysis.trend_models import ALPHA, SenSlope, StepTest, TrendFit
from ..periods import month_label
from .wording import counted, join_words

MODEL_WORDS = {
    "linear": "one straight trend",
    "hinge": "a trend that changes slope once",
    "spline": "a smooth curve",
}
"""How each trend model of ``trend_models`` reads in the text."""


def p_text(p: float) -> str:
    """A p-value as the prose prints it: "p = 0.003", "p < 0.001"."""
    if p < 0.001:
        return "p < 0.001"
    return f"p = {p:.3f}" if p < 0.1 else f"p = {p:.2f}"


def signed_pct(ratio: float) -> str:
    """A rate ratio as a signed % change, e.g. 1.123 → "+12.3%"."""
    return f"{(ratio - 1) * 100:+.1f}%"


def _month(month: str) -> str:
    return month_label(month, "long")


def model_sentence(fit: TrendFit) -> str:
    """Which trend model was chosen, against which candidates, by what criterion."""
    others = join_words(
        f"{MODEL_WORDS[m]} {q:,.1f}" for m, q in sorted(fit.criteria.items(), key=lambda kv: kv[1]) if m != fit.model
    )
    change = f", the change coming in {_month(fit.change_month)}" if fit.change_month else ""
    return (
        f"Of the {counted(len(fit.criteria), 'trend model')} fitted to the {fit.months} months, "
        f"{MODEL_WORDS[fit.model]}{change} fits best: its quasi-AIC is {fit.criteria[fit.model]:,.1f}, "
        f"against {others} (lower is better; "
        f"quasi-Poisson GLM of the monthly counts with month-of-year effects and days in the month as exposure)."
    )


def slope_sentence(fit: TrendFit) -> str:
    """The chosen model's annual % changes, each with its period and 95% t interval."""
    parts = []
    for row in fit.slopes.itertuples():
        verb = "rose" if row.annual_pct > 0 else "fell"
        span = f"from {_month(row.start)} to {_month(row.end)}"
        if fit.model == "spline":
            span = f"over its {row.segment} ({_month(row.start)} to {_month(row.end)})"
        parts.append(
            f"{span} the recorded daily rate {verb} by {abs(row.annual_pct):.1f}% a year "
            f"(95% interval {row.ci_low:+.1f}% to {row.ci_high:+.1f}%, {p_text(row.p_value)})"
        )
    return (
        f"Net of season, {join_words(parts, 'and')}; t intervals with {fit.df_resid} degrees of freedom, "
        f"{fit.errors} errors."
    )


def residual_sentence(fit: TrendFit) -> str:
    """Whether the chosen model's residuals are autocorrelated, and which errors that leads to."""
    lb = f"Ljung-Box test of the residuals up to {fit.ljung_box_lags} months apart, {p_text(fit.ljung_box_p)}"
    if fit.ljung_box_p < ALPHA:
        return (
            f"Neighbouring months are more alike than the model explains ({lb}), so the intervals use "
            f"autocorrelation-robust (HAC) errors; the counts vary {fit.dispersion:.2f} times as much as Poisson "
            "allows."
        )
    return (
        f"The model leaves no autocorrelation beyond chance ({lb}), so the intervals use quasi-Poisson errors, "
        f"which allow for counts varying {fit.dispersion:.2f} times as much as Poisson allows."
    )


def step_sentence(step: StepTest) -> str:
    """A level step tested inside the chosen trend model, worded as "after <month>" with its months."""
    before = _month(str(pd.Period(step.at, "M") - 1))
    ratio, months = step.rate_ratio, counted(step.months_after, "month")
    shift = f"{abs(ratio - 1) * 100:.0f}% {'higher' if ratio > 1 else 'lower'}"
    interval = f"95% interval {signed_pct(step.ci_low)} to {signed_pct(step.ci_high)}"
    test = f"step added to {MODEL_WORDS[step.model]}, {step.errors} errors, t with {step.df_resid} df"
    if step.p_value < ALPHA:
        return (
            f"In the {months} after {before} the recorded daily rate was {shift} than the chosen trend and season "
            f"predict ({interval}; {test}; {p_text(step.p_value)}): more than month-to-month variation would produce."
        )
    return (
        f"In the {months} after {before} the recorded daily rate was {shift} than the chosen trend and season "
        f"predict ({interval}; {test}; {p_text(step.p_value)}): within month-to-month variation, so no step is shown."
    )


def sen_sentence(sen: SenSlope, span: str) -> str:
    """Sen's slope in its two units, with its Mann-Kendall test and period."""
    verb = "rose" if sen.monthly_count_per_year > 0 else "fell"
    finding = "a monotonic trend" if sen.p_value < ALPHA else "no monotonic trend beyond chance"
    return (
        f"Cross-check without a model ({sen.test} test, {span}): {finding} ({p_text(sen.p_value)}). By Sen's slope "
        f"one month's recorded count {verb} by about {abs(sen.monthly_count_per_year):,.1f} a year, which is "
        f"about {abs(sen.annual_total_per_year):,.0f} a year in the 12-month total."
    )


def xmr_sentence(found: dict, what: str) -> str:
    """What an XmR chart of ``what`` shows: months beyond each limit and runs on each side
    (``found`` is ``spc.signals`` output, months as YYYY-MM)."""

    def months(key: str) -> str:
        items = found[key]
        if not items:
            return "no month lies"
        verb = "lies" if len(items) == 1 else "lie"
        return f"{counted(len(items), 'month')} ({join_words(_month(m) for m in items)}) {verb}"

    runs = []
    for side, key in (("above", "run_above"), ("below", "run_below")):
        if found[key]:
            runs.append(f"{len(found[key])} months in runs of {RUN_LENGTH} or more {side} the centre line")
    run_text = join_words(runs) if runs else f"no run of {RUN_LENGTH} or more months on either side of the centre line"
    return (
        f"On the XmR chart of {what}, {months('beyond_upper')} above the upper limit and "
        f"{months('beyond_lower')} below the lower limit; there {'is' if not runs else 'are'} {run_text}."
    )
