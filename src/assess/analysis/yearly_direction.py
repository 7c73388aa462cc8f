"""The direction of a series' yearly totals set beside the direction of its trend model, so that
the prose can say both agree, or why they do not."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from ..periods import financial_year
from . import poisson

ALPHA = 0.05
REASONS = {
    "agree": "the yearly totals move the way the model's latest slope does",
    "slope within chance": "the model's latest slope is within what chance would give",
    "slope began within the years compared": "the latest slope began after the start of the earlier year, "
    "so the two years' totals mix it with the slope before it",
    "totals differ from the model": "the model's own totals for the two years move with its slope; "
    "the recorded totals do not",
}
"""Why the yearly totals and the model's latest slope agree or not (``DirectionCheck.reason``)."""


@dataclass(frozen=True)
class DirectionCheck:
    """The last two complete financial years of a monthly series against its model's latest slope.

    ``earlier_year`` and ``later_year`` (YYYY-YY); ``earlier_total`` and ``later_total`` (counts);
    ``totals_pct``: the later total's change on the earlier, %; ``totals_direction``: "higher",
    "lower" or "the same". ``fitted_earlier`` and ``fitted_later``: the model's fitted totals of
    the same years (counts) and ``fitted_pct`` their change, %. ``slope_start`` (YYYY-MM),
    ``slope_pct`` (% a year), ``slope_p``: the model's latest segment; ``slope_direction``:
    "rising", "falling" or "no clear change" (p ≥ ``alpha``). ``agree``: "higher" with "rising" or
    "lower" with "falling"; ``reason``: a key of ``REASONS``.
    """

    earlier_year: str
    later_year: str
    earlier_total: int
    later_total: int
    totals_pct: float
    totals_direction: str
    fitted_earlier: float
    fitted_later: float
    fitted_pct: float
    slope_start: str
    slope_pct: float
    slope_p: float
    slope_direction: str
    agree: bool
    reason: str


def complete_years(series: pd.Series) -> pd.DataFrame:
    """Financial-year totals of a monthly count series (YYYY-MM or Periods, no gaps): ``financial_year``,
    ``months`` (of that year in the series), ``total`` (counts) and ``complete`` (all 12 months)."""
    counts = poisson.monthly(series)
    years = [financial_year(str(m)) for m in counts.index]
    grouped = pd.DataFrame({"financial_year": years, "count": counts.to_numpy()}).groupby(
        "financial_year", as_index=False
    )
    out = grouped.agg(months=("count", "size"), total=("count", "sum"))
    return out.assign(complete=out["months"] == 12)


def _direction(change: float, rising: str, falling: str, same: str) -> str:
    return rising if change > 0 else falling if change < 0 else same


def direction_check(series: pd.Series, fitted: pd.Series, slopes: pd.DataFrame, alpha: float = ALPHA) -> DirectionCheck:
    """Compare the last two complete financial years of ``series`` with its model's latest slope.

    ``fitted``: the model's fitted counts by month (``TrendFit.fitted``); ``slopes``: its segments
    (``TrendFit.slopes``: ``start, annual_pct, p_value``), the last being the latest. Raises
    ValueError when the series holds fewer than two complete financial years.
    """
    years = complete_years(series)
    complete = years[years["complete"]]
    if len(complete) < 2:
        raise ValueError(f"two complete financial years are needed; the series has {len(complete)}")
    earlier, later = complete.iloc[-2], complete.iloc[-1]
    model = complete_years(fitted).set_index("financial_year")["total"]
    fit_earlier, fit_later = float(model[earlier["financial_year"]]), float(model[later["financial_year"]])
    totals_pct = 100.0 * (later["total"] / earlier["total"] - 1)
    fitted_pct = 100.0 * (fit_later / fit_earlier - 1)
    last = slopes.iloc[-1]
    significant = last["p_value"] < alpha
    slope = _direction(last["annual_pct"], "rising", "falling", "no clear change") if significant else "no clear change"
    totals = _direction(later["total"] - earlier["total"], "higher", "lower", "the same")
    agree = (slope, totals) in (("rising", "higher"), ("falling", "lower"))
    first_month = f"{earlier['financial_year'][:4]}-04"
    if agree:
        reason = "agree"
    elif not significant:
        reason = "slope within chance"
    elif str(last["start"]) > first_month:
        reason = "slope began within the years compared"
    else:
        reason = "totals differ from the model"
    return DirectionCheck(
        earlier["financial_year"],
        later["financial_year"],
        int(earlier["total"]),
        int(later["total"]),
        float(totals_pct),
        totals,
        fit_earlier,
        fit_later,
        float(fitted_pct),
        str(last["start"]),
        float(last["annual_pct"]),
        float(last["p_value"]),
        slope,
        agree,
        reason,
    )
