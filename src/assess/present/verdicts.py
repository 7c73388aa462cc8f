"""The words that report a statistical test: each names its test and says "recorded", because
recorded crime follows recording practice as well as offending."""

from __future__ import annotations

import pandas as pd

from ..analysis.trends import ALPHA, TestResult


def p_text(p: float) -> str:
    """A p-value as the prose prints it: "p = 0.003", "p < 0.001"."""
    if p < 0.001:
        return "p < 0.001"
    return f"p = {p:.3f}" if p < 0.1 else f"p = {p:.2f}"


def signed_pct(ratio: float) -> str:
    """A rate ratio as a signed % change, e.g. 1.123 → "+12.3%"."""
    return f"{(ratio - 1) * 100:+.1f}%"


def compare_verdict(result: TestResult, label_now: str, label_before: str) -> str:
    """One sentence on a rate-ratio comparison of two periods."""
    ratio, p = result.estimate, result.p_value
    direction = "higher" if ratio > 1 else "lower"
    chance = "more than" if p < ALPHA else "within what"
    return (
        f"The recorded rate in {label_now} was {abs(ratio - 1) * 100:.1f}% {direction} than in {label_before}, "
        f"{chance} chance variation in counts would produce ({result.test}, {p_text(p)})."
    )


def trend_verdict(result: TestResult) -> str:
    """One sentence on a seasonal trend: its annual % change, interval, test and p-value."""
    pct, p, dispersion = result.estimate, result.p_value, result.details["dispersion"]
    why = (
        f"; quasi-Poisson because the counts vary {dispersion:.1f} times more than a Poisson model allows"
        if result.details["model"].startswith("quasi")
        else ""
    )
    interval = f"{result.ci_low:+.1f}% to {result.ci_high:+.1f}%"
    if p < ALPHA:
        return (
            f"Recorded counts were {'rising' if pct > 0 else 'falling'} by {abs(pct):.1f}% a year (95% interval "
            f"{interval}), more than month-to-month variation would produce ({result.test}, {p_text(p)}{why})."
        )
    return (
        f"No trend beyond month-to-month variation: the estimate is {pct:+.1f}% a year (95% interval "
        f"{interval}; {result.test}, {p_text(p)}{why})."
    )


def mann_kendall_verdict(result: TestResult) -> str:
    """One sentence on a (seasonal) Mann-Kendall test with Sen's slope."""
    slope, p = result.estimate, result.p_value
    if p < ALPHA:
        return (
            f"A monotonic {'rise' if slope > 0 else 'fall'} of about {abs(slope):.1f} recorded crimes a year "
            f"(Sen's slope; {result.test}, {p_text(p)})."
        )
    return f"No monotonic trend detected (Sen's slope {slope:+.1f} a year; {result.test}, {p_text(p)})."


def step_verdict(result: TestResult) -> str:
    """One sentence on a level shift: its size after trend and season, interval, test, months after it."""
    ratio, p = result.estimate, result.p_value
    month = f"{pd.Period(result.details['step_at'], 'M'):%B %Y}"
    shift = f"{abs(ratio - 1) * 100:.0f}% {'higher' if ratio > 1 else 'lower'}"
    interval = f"95% interval {signed_pct(result.ci_low)} to {signed_pct(result.ci_high)}"
    after = f"{result.details['months_after']} months after the step"
    if p < ALPHA:
        return (
            f"From {month} recorded counts were {shift} than trend and season predict ({interval}), more than "
            f"month-to-month variation would produce ({result.test}, {p_text(p)}; {after})."
        )
    return (
        f"No level shift from {month} beyond month-to-month variation: the estimate is {shift} "
        f"({interval}; {result.test}, {p_text(p)}; {after})."
    )
