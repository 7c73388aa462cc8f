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

from ..analysis import reconcile, spc, trend_models
from ..analysis.printed import check_printed_totals
from ..errors import InputError
from ..periods import financial_year
from ..read.catalogue import read_catalogue
from . import Chapter

DATASETS = ("hate_crime_by_force",)
OPTIONAL = ("hate_crime_monthly", "hate_crime_totals_printed")
PARAMETERS = ("hate_crime", "thresholds")
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
    """The series' trend and its months against it: ``fit`` (``trend_models.fit_trend``: the model
    chosen by quasi-AIC, its slopes in % a year), ``sen`` (Sen's slope and the Mann-Kendall test,
    a check without a model), ``residual`` (``spc.residual_xmr``: each month's count over what the
    model expects, with XmR limits and signals) and ``rate`` (``spc.xmr_daily_rate``: the same
    chart on recorded crimes a day).

    Issue 29's change-point findings (``assess.analysis.change_points``: tied models, the window
    searched, a search-adjusted p-value) belong here, beside ``fit``."""

    fit: trend_models.TrendFit
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
class Step:
    """A step tested at the edition's ``at`` (YYYY-MM, the first month after ``event``) inside the
    chosen trend model: ``test`` (``trend_models.step_test``, the rate ratio from ``at`` on over
    the trend, with its interval), or None when ``at`` does not fall inside the series.

    Issue 29 tests the event as a pulse as well as a level shift (``change_points.event_test``)."""

    at: str
    event: str
    test: trend_models.StepTest | None


@dataclass(frozen=True)
class SourceCheck:
    """The printed series against the sum of the same forces' returns, over the months both
    cover: ``compared`` (``reconcile.side_by_side``: month, first (printed), second (returns),
    difference, recorded crimes), ``differences`` (``reconcile.Differences``), ``gaps`` (the
    months where they differ most) and ``entry`` (the catalogue entry of the printed series).

    Issue 29's ``reconcile.compare_sources`` gives the same overlap and difference without
    refusing series that share no month."""

    compared: pd.DataFrame
    differences: reconcile.Differences
    gaps: pd.DataFrame
    entry: dict

    @property
    def differ(self) -> bool:
        """Whether the two sources differ in any month both cover."""
        return self.differences.differing > 0

    @property
    def yearly(self) -> pd.DataFrame:
        """``compared`` summed by financial year (financial_year, first, second, difference)."""
        years = self.compared.assign(financial_year=self.compared["month"].map(financial_year))
        return years.groupby("financial_year", as_index=False)[["first", "second", "difference"]].sum()


@dataclass(frozen=True)
class HateCrime:
    """The chapter's findings for the edition's ``forces``.

    ``series``, ``trend`` and ``step`` are those of the series analysed; ``returns`` holds each
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
    step: Step
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
    fit = trend_models.fit_trend(series.counts)
    trend = Trend(
        fit,
        trend_models.sen_slope_per_year(series.counts),
        spc.residual_xmr(series.counts, fit.fitted),
        spc.xmr_daily_rate(series.counts),
    )
    years = by_financial_year(pd.DataFrame({"month": series.months, "recorded_crimes": series.counts.to_numpy()}))
    return HateCrime(
        forces=forces,
        series=series,
        trend=trend,
        step=step(chapter, series.counts, fit),
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
    if not len(printed.index.intersection(summed.index)):
        return None
    compared = reconcile.side_by_side(printed, summed)
    return SourceCheck(compared, reconcile.differences(compared), reconcile.largest_gaps(compared), entry)


def step(chapter: Chapter, counts: pd.Series, fit: trend_models.TrendFit) -> Step:
    """The edition's step month tested inside the chosen model, when it falls after the series'
    first month and no later than its last."""
    at, event = chapter.hate_crime.step_at, chapter.hate_crime.step_event
    inside = counts.index[0] < at <= counts.index[-1]
    return Step(at, event, trend_models.step_test(counts, at, chosen=fit) if inside else None)


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
