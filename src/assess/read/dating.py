"""The months each row of a dataset covers, and a dataset cut to an edition's period.

A row is dated by the first and last month (YYYY-MM) it counts: a month's count covers that
month, a financial year's total April to March, a rolling 12-month total the 12 months to its
end, a count "as at" a day the month of that day. ``cut`` keeps the rows wholly inside a period
and says whether they cover it; a dataset that does not raises one line naming the dataset, the
period asked and the period found.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pandas as pd

from ..errors import AssessError
from ..periods import Period, month_span, months_apart, months_between, shift_month

Dating = Callable[[pd.DataFrame], tuple[pd.Series, pd.Series]]
"""A function from a dataset's rows to the first and last month (YYYY-MM) of each."""


class PeriodNotCovered(AssessError):
    """A dataset does not cover the period the edition asks of it."""

    def __init__(self, dataset: str, asked: Period, found: Period | None, missing: tuple[str, ...] = ()):
        self.dataset, self.asked, self.found, self.missing = dataset, asked, found, tuple(missing)
        held = month_span([found.start, found.end], "long") if found else "no dated rows"
        super().__init__(
            f"dataset '{dataset}': the edition asks for {month_span([asked.start, asked.end], 'long')} "
            f"({asked}), the data holds {held}"
            + (f" ({found})" if found else "")
            + (f"; no rows for {month_runs(self.missing)}" if self.missing else "")
        )


def missing_months(months, period: Period) -> list[str]:
    """The months (YYYY-MM) of ``period`` that are not among ``months``, in order."""
    have = set(months)
    return [m for m in months_between(period.start, period.end) if m not in have]


def month_runs(months) -> str:
    """Months (YYYY-MM) written as runs of consecutive months: "2018-10 to 2019-09, 2019-12"."""
    runs: list[list[str]] = []
    for month in sorted(set(months)):
        if runs and months_apart(runs[-1][-1], month) == 1:
            runs[-1].append(month)
        else:
            runs.append([month])
    return ", ".join(run[0] if len(run) == 1 else f"{run[0]} to {run[-1]}" for run in runs)


def _month(values: pd.Series) -> pd.Series:
    return _each_value(values, lambda v: str(pd.Timestamp(v).to_period("M")) if str(v).strip() else None)


def _each_value(values: pd.Series, function: Callable) -> pd.Series:
    """``values.map(function)``, with ``function`` called once per distinct value: a dataset
    repeats the same few hundred months on tens of thousands of rows."""
    seen: dict = {}

    def once(value):
        try:
            return seen[value]
        except KeyError:
            seen[value] = function(value)
            return seen[value]
        except TypeError:  # a value that cannot be a key
            return function(value)

    return values.map(once)


def by_month(column: str) -> Dating:
    """Rows dated by one month or day (YYYY-MM, YYYY-MM-DD or a timestamp) in ``column``."""

    def dating(frame: pd.DataFrame):
        month = _month(frame[column])
        return month, month

    return dating


def by_financial_year(column: str) -> Dating:
    """Rows that each total a financial year written ``2016-17`` or ``2016/17`` in ``column``."""

    def dating(frame: pd.DataFrame):
        start = frame[column].astype(str).str[:4]
        return start + "-04", (start.astype(int) + 1).astype(str) + "-03"

    return dating


def by_financial_quarter(year: str, quarter: str) -> Dating:
    """Rows that each total a quarter (``quarter``: 1 to 4, April to June first) of a financial
    year written ``2016-17`` or ``2016/17`` (``year``): a table that stops part-way through a
    year does not cover that year."""

    def dating(frame: pd.DataFrame):
        start = frame[year].astype(str).str[:4].astype(int)
        first = start * 12 + 3 + 3 * (frame[quarter].astype(int) - 1)  # months since year 0, from January
        return _month_of(first), _month_of(first + 2)

    return dating


def _month_of(months: pd.Series) -> pd.Series:
    """YYYY-MM of a count of months since January of year 0."""
    return (months // 12).astype(str) + "-" + (months % 12 + 1).map("{:02d}".format)


def by_rolling_year(column: str) -> Dating:
    """Rows that each total the 12 months ending at the day or month in ``column``."""

    def dating(frame: pd.DataFrame):
        end = _month(frame[column])
        return _each_value(end, lambda m: shift_month(m, -11)), end

    return dating


def by_calendar_year(column: str, until: str | None = None, last_months: dict[str, int] | None = None) -> Dating:
    """Rows that each total a calendar year (``column``), January to December, or to the month
    that ``last_months`` gives for the row's value of ``until`` (e.g. "Jan-Sep" → 9)."""

    def dating(frame: pd.DataFrame):
        year = frame[column].astype(str)
        last = frame[until].map(last_months) if until else pd.Series(12, index=frame.index)
        return year + "-01", year + "-" + last.map(lambda n: f"{int(n):02d}")

    return dating


def by_mid_year(column: str) -> Dating:
    """Rows that each estimate a calendar year (``column``) at its middle, 30 June."""

    def dating(frame: pd.DataFrame):
        month = frame[column].astype(str) + "-06"
        return month, month

    return dating


@dataclass(frozen=True)
class Cut:
    """A dataset cut to a period: the rows kept, the period they cover (None: no rows), the
    period the whole dataset holds (None: no dated rows), whether the kept rows cover the period
    asked, and for monthly data the months of the period that have no row at all."""

    rows: pd.DataFrame
    covers: Period | None
    holds: Period | None
    covered: bool
    missing: tuple[str, ...] = ()


def cut(frame: pd.DataFrame, dating: Dating, asked: Period) -> Cut:
    """The rows of ``frame`` wholly inside ``asked``, and whether they cover it.

    They cover it when the first kept row starts and the last ends less than one step of the
    data's own spacing (all its rows) (a month for monthly data, six months for half-yearly counts) of the
    period's start and end, and, for monthly data, every month of the period has a row (a gap
    left by a month never supplied is not covered: ``missing`` lists such months).
    """
    first, last = dating(frame)
    dated = first.notna() & last.notna()
    holds = Period(first[dated].min(), last[dated].max()) if dated.any() else None
    inside = dated & (first >= asked.start) & (last <= asked.end)
    rows = frame[inside]
    step = _step(sorted(set(last[dated])))
    monthly = step == 1 and bool((first[dated] == last[dated]).all())
    missing = tuple(missing_months(first[inside], asked)) if monthly else ()
    if rows.empty:
        return Cut(rows, None, holds, False, missing)
    covers = Period(first[inside].min(), last[inside].max())
    covered = months_apart(asked.start, covers.start) < step and months_apart(covers.end, asked.end) < step
    return Cut(rows, covers, holds, covered and not missing, missing)


def _step(ends: list[str]) -> int:
    """The data's spacing in months: the smallest gap between its distinct row ends (1 when one)."""
    gaps = [months_apart(a, b) for a, b in zip(ends, ends[1:], strict=False)]
    return min(gaps) if gaps else 1
