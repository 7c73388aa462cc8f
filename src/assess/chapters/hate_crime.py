"""Hate crime: the monthly series of recorded hate crime, its trend, a step at a known event,
its months against a control chart, its yearly totals, and the two sources of the same counts
set side by side wherever both hold the same forces' months.

The series analysed is the alliance's as an earlier assessment printed it (``hate_crime_monthly``)
when the edition's forces are that alliance and the printed series runs as late as the forces'
own returns; otherwise it is the sum of the monthly counts each force released under the Freedom
of Information Act (``hate_crime_by_force``), over the months every force with returns covers. A
force of the edition with no returns is counted in no series, and its own findings say so.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from ..analysis import change_points, reconcile, spc, trend_models, yearly_direction
from ..analysis.printed import check_printed_totals
from ..errors import InputError
from ..periods import financial_year
from ..read.catalogue import read_catalogue
from . import Chapter

DATASETS = ("hate_crime_by_force",)
OPTIONAL = ("hate_crime_monthly", "hate_crime_totals_printed")
PARAMETERS = ("hate_crime", "thresholds")
PULSE_MONTHS = 1
"""How many months a known event's short-lived effect (a pulse) is tested over."""
PRINTED, RETURNS = "printed", "returns"
"""The two sources of the series: as an assessment printed it, and the forces' own returns."""


@dataclass(frozen=True)
class Series:
    """The monthly series the chapter analyses: ``counts`` (recorded crimes a month, indexed by
    month, YYYY-MM), ``source`` (PRINTED or RETURNS), ``forces`` (the forces it counts, in the
    edition's order) and ``entry`` (the catalogue entry of its dataset)."""

    counts: pd.Series
    source: str
    forces: tuple[str, ...]
    entry: dict

    @property
    def months(self) -> list[str]:
        return self.counts.index.tolist()


@dataclass(frozen=True)
class Trend:
    """The series' trend and its months against it.

    ``fit`` (``trend_models.fit_trend``: the model chosen by quasi-AIC, its slopes in % a year, the
    change month searched for ``change_points.default_edge`` months from either end); ``choice``
    (``change_points.model_choice``: the models within 2 quasi-AIC of the chosen one, which the data
    cannot tell apart); ``search`` (``change_points.search_break``: one change of slope searched for
    over the same months, its p-value allowing for the search; None when the series is too short
    to search); ``years`` (``yearly_direction.direction_check``: the last two complete financial
    years against the model's latest slope; None with fewer than two); ``sen`` (Sen's slope and the
    Mann-Kendall test, a check without a model); ``residual`` (``spc.residual_xmr``: each month's
    count over what the model expects, with XmR limits and signals) and ``rate``
    (``spc.xmr_daily_rate``: the same chart on recorded crimes a day)."""

    fit: trend_models.TrendFit
    choice: change_points.ModelChoice
    search: change_points.BreakSearch | None
    years: yearly_direction.DirectionCheck | None
    sen: trend_models.SenSlope
    residual: pd.DataFrame
    rate: pd.DataFrame

    @property
    def signals(self) -> int:
        """Months that signal on the residual chart (beyond a limit or in a run)."""
        return int((self.residual["signal_high"] | self.residual["signal_low"]).sum())

    @property
    def rate_beyond(self) -> int:
        """Months whose daily rate lies beyond the limits of the daily-rate chart."""
        found = spc.signals(self.rate)
        return len(found["beyond_upper"]) + len(found["beyond_lower"])


@dataclass(frozen=True)
class Event:
    """A known event tested from the edition's ``at`` (YYYY-MM, the first month after ``event``):
    ``test`` (``change_points.event_test``: a one-month pulse and a lasting level shift, each added
    to a trend with no change of slope, and which fits better), or None when ``at`` leaves no
    month before it or after the pulse."""

    at: str
    event: str
    test: change_points.EventTest | None


@dataclass(frozen=True)
class SourceCheck:
    """The printed series against the sum of the same forces' returns, over the months both
    cover: ``comparison`` (``reconcile.compare_sources``: the months both cover, those that differ,
    each source's total and the difference in counts and %), ``compared`` (``reconcile.side_by_side``:
    month, first (printed), second (returns), difference, recorded crimes), ``gaps`` (the months
    where they differ most) and ``entry`` (the catalogue entry of the printed series)."""

    comparison: reconcile.SourceComparison
    compared: pd.DataFrame
    gaps: pd.DataFrame
    entry: dict

    @property
    def differ(self) -> bool:
        """Whether the two sources differ in any month both cover."""
        return bool(self.comparison.differing)

    @property
    def printed_lower(self) -> int:
        """Months where the printed series is lower than the returns."""
        return int((self.compared["difference"] < 0).sum())

    @property
    def printed_higher(self) -> int:
        """Months where the printed series is higher than the returns."""
        return int((self.compared["difference"] > 0).sum())

    @property
    def yearly(self) -> pd.DataFrame:
        """``compared`` summed by financial year (financial_year, first, second, difference)."""
        years = self.compared.assign(financial_year=self.compared["month"].map(financial_year))
        return years.groupby("financial_year", as_index=False)[["first", "second", "difference"]].sum()


@dataclass(frozen=True)
class HateCrime:
    """The chapter's findings for the edition's ``forces``.

    ``series``, ``trend`` and ``event`` are those of the series analysed (``event`` None when the
    edition names no known event); ``returns`` holds each
    force's own returns (force, month, recorded_crimes) for the forces that released any;
    ``years`` the analysed series by financial year (financial_year, months, recorded_crimes);
    ``totals_check`` the printed yearly totals against the sum of the printed months
    (``check_printed_totals``), when the printed series is analysed and its totals are named;
    ``sources`` the two sources side by side wherever both cover the same forces' months (else
    None); ``returns_entry`` the catalogue entry of the returns; ``suppress_below`` the edition's
    threshold for publishing a count."""

    forces: tuple[str, ...]
    series: Series
    trend: Trend
    event: Event | None
    returns: pd.DataFrame
    years: pd.DataFrame
    totals_check: pd.DataFrame | None
    sources: SourceCheck | None
    returns_entry: dict
    suppress_below: int

    def returns_of(self, force: str) -> pd.DataFrame:
        """One force's own returns by financial year: financial_year, months, recorded_crimes
        (empty when it released none)."""
        return by_financial_year(self.returns[self.returns["force"] == force])


def compute(chapter: Chapter) -> HateCrime:
    """The hate crime chapter's findings for the chapter's edition. Raises InputError when no
    force of the edition has a monthly series."""
    forces = tuple(chapter.forces)
    catalogue = read_catalogue(chapter.root)
    returns = chapter.read("hate_crime_by_force")
    returns = returns[returns["force"].isin(forces)].reset_index(drop=True)
    summed = summed_returns(returns, forces)
    printed = printed_series(chapter)
    counted = tuple(f for f in forces if f in set(returns["force"]))
    if printed is not None and (summed.empty or printed.index[-1] >= summed.index[-1]):
        series = Series(printed, PRINTED, forces, catalogue["hate_crime_monthly"])
    elif summed.empty:
        raise InputError(
            chapter.path("hate_crime_by_force").relative_to(chapter.root),
            f"a monthly hate crime series for {' or '.join(forces)}",
            found="none for the edition's forces",
        )
    else:
        series = Series(summed, RETURNS, counted, catalogue["hate_crime_by_force"])
    trend = trend_of(series.counts)
    years = by_financial_year(pd.DataFrame({"month": series.months, "recorded_crimes": series.counts.to_numpy()}))
    return HateCrime(
        forces=forces,
        series=series,
        trend=trend,
        event=event(chapter, series.counts, trend.fit),
        returns=returns,
        years=years,
        totals_check=totals_check(chapter, series),
        sources=source_check(printed, summed, catalogue["hate_crime_monthly"])
        if printed is not None and counted == forces
        else None,
        returns_entry=catalogue["hate_crime_by_force"],
        suppress_below=chapter.thresholds.suppress_below,
    )


def summed_returns(returns: pd.DataFrame, forces: tuple[str, ...]) -> pd.Series:
    """The forces' own monthly returns added together (recorded crimes a month, by month), over
    the months every force with returns covers; empty when none has any."""
    wide = returns.pivot(index="month", columns="force", values="recorded_crimes").dropna()
    return wide.sum(axis=1).astype(int).rename("recorded_crimes")


def printed_series(chapter: Chapter) -> pd.Series | None:
    """The alliance series an assessment printed (recorded crimes a month, by month), when the
    edition names it and its forces are exactly the alliance's, whose crimes the series counts;
    else None."""
    registry, forces = chapter.registry, set(chapter.forces)
    alliance = [a for a in registry.alliances_covered(chapter.forces) if set(registry.alliance_members(a)) == forces]
    if not chapter.has("hate_crime_monthly") or not alliance:
        return None
    monthly = chapter.read("hate_crime_monthly")
    return monthly.set_index("month")["recorded_crimes"].astype(int)


def source_check(printed: pd.Series, summed: pd.Series, entry: dict) -> SourceCheck | None:
    """The printed series against the sum of the forces' returns over the months both cover, or
    None when they share no month."""
    comparison = reconcile.compare_sources(printed, summed)
    if not comparison.shared:
        return None
    compared = reconcile.side_by_side(printed, summed)
    return SourceCheck(comparison, compared, reconcile.largest_gaps(compared), entry)


def trend_of(counts: pd.Series) -> Trend:
    """The trend of a monthly series: the model chosen (the change month searched for as far from
    either end as ``change_points.search_break`` searches), the models tied with it, the search for
    one change of slope, the yearly totals against the latest slope, and the control charts."""
    edge = change_points.default_edge(len(counts))
    fit = trend_models.fit_trend(counts, edge_months=edge)
    try:
        search = change_points.search_break(counts, "slope", edge_months=edge)
    except ValueError:  # too short to search: no month lies that far from both ends
        search = None
    try:
        years = yearly_direction.direction_check(counts, fit.fitted, fit.slopes)
    except ValueError:  # fewer than two complete financial years
        years = None
    return Trend(
        fit,
        change_points.model_choice(fit.criteria),
        search,
        years,
        trend_models.sen_slope_per_year(counts),
        spc.residual_xmr(counts, fit.fitted),
        spc.xmr_daily_rate(counts),
    )


def event(chapter: Chapter, counts: pd.Series, fit: trend_models.TrendFit) -> Event | None:
    """The edition's event month tested as a one-month pulse and as a lasting level shift, beside a
    straight trend when the chosen model is one and otherwise the smooth curve (both without a
    change of slope, which would take up a level shift), when a month precedes it and one follows
    the pulse; None when the edition names no event (``hate_crime`` left out)."""
    if chapter.hate_crime is None:
        return None
    at, words = chapter.hate_crime.step_at, chapter.hate_crime.step_event
    months = counts.index
    if not months[0] < at < months[-1]:
        return Event(at, words, None)
    trend = "linear" if fit.model == "linear" or len(counts) < trend_models.SEASON_MIN_MONTHS else "spline"
    return Event(at, words, change_points.event_test(counts, at, PULSE_MONTHS, trend))


def totals_check(chapter: Chapter, series: Series) -> pd.DataFrame | None:
    """The printed yearly totals against the sum of the printed months (``check_printed_totals``),
    when the printed series is analysed and the edition names its totals; else None."""
    if series.source != PRINTED or not chapter.has("hate_crime_totals_printed"):
        return None
    months = pd.DataFrame({"month": series.months, "recorded_crimes": series.counts.to_numpy()})
    months["financial_year"] = months["month"].map(financial_year)
    return check_printed_totals(
        months, chapter.read("hate_crime_totals_printed"), "financial_year", "recorded_crimes", "total_printed"
    )


def by_financial_year(monthly: pd.DataFrame) -> pd.DataFrame:
    """Monthly counts (month, recorded_crimes) summed by financial year: financial_year, months
    (how many months the year holds), recorded_crimes."""
    years = monthly.assign(financial_year=monthly["month"].map(financial_year))
    return years.groupby("financial_year", as_index=False).agg(
        months=("month", "size"), recorded_crimes=("recorded_crimes", "sum")
    )
