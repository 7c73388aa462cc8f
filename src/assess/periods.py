"""Months, runs of months and financial years: the one place the book's calendar rules live.

A month is written ``YYYY-MM``; a financial year runs April to March and is written ``YYYY-YY``
(``2016-17``), or ``YYYY/YY`` where a reader sees it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import pandas as pd

MONTH = re.compile(r"\d{4}-(0[1-9]|1[0-2])")
"""A calendar month written YYYY-MM."""
FINANCIAL_YEAR = re.compile(r"(\d{4})-(\d{2})")
"""A financial year written YYYY-YY (its two years must follow each other: see ``is_financial_year``)."""


@dataclass(frozen=True)
class Period:
    """A run of whole calendar months, ``start`` and ``end`` included, each written YYYY-MM."""

    start: str
    end: str

    def months(self) -> list[str]:
        """The months of the period, in order, each as YYYY-MM."""
        return months_between(self.start, self.end)

    def contains(self, month: str) -> bool:
        """True when the YYYY-MM ``month`` lies within the period."""
        return self.start <= month <= self.end

    def __str__(self) -> str:
        return f"{self.start} to {self.end}"


def is_month(text: object) -> bool:
    """True when ``text`` is a month written YYYY-MM."""
    return isinstance(text, str) and MONTH.fullmatch(text) is not None


def is_financial_year(text: object) -> bool:
    """True when ``text`` is a financial year written YYYY-YY whose second year follows the first."""
    match = FINANCIAL_YEAR.fullmatch(text) if isinstance(text, str) else None
    return bool(match) and (int(match[1]) + 1) % 100 == int(match[2])


def months_between(start: str, end: str) -> list[str]:
    """Every month from ``start`` to ``end`` (both YYYY-MM, both included), in order."""
    return [str(p) for p in pd.period_range(start, end, freq="M")]


def shift_month(month: str, months: int) -> str:
    """A YYYY-MM month moved on by ``months`` (negative: back)."""
    return str(pd.Period(month, freq="M") + months)


def days_in_month(month: str) -> int:
    """Number of days in a YYYY-MM month."""
    return pd.Period(month, freq="M").days_in_month


def financial_year(month: str) -> str:
    """The April-to-March financial year of a YYYY-MM month, written YYYY-YY ("2016-03" → "2015-16")."""
    year, number = int(month[:4]), int(month[5:7])
    start = year if number >= 4 else year - 1
    return f"{start}-{(start + 1) % 100:02d}"


def financial_year_months(year: str) -> list[str]:
    """The twelve months (YYYY-MM) of a financial year written YYYY-YY, April first."""
    start = int(year[:4])
    return months_between(f"{start}-04", f"{start + 1}-03")


def year_label(year: str) -> str:
    """A financial year as readers see it: "2016-17" → "2016/17"."""
    return year.replace("-", "/")


def month_label(month: str, style: str = "short") -> str:
    """A YYYY-MM month as readers see it: "Oct 2018" (``short``) or "October 2018" (``long``)."""
    return f"{pd.Period(month, 'M'):{'%b %Y' if style == 'short' else '%B %Y'}}"


def day_label(day: str) -> str:
    """A YYYY-MM-DD day as readers see it: "2019-09-30" → "30 September 2019"."""
    stamp = pd.Timestamp(day)
    return f"{stamp.day} {stamp:%B %Y}"


def month_span(months: list[str], style: str = "short") -> str:
    """A run of YYYY-MM months as readers see it: "Oct 2018 to Feb 2019", or one month alone."""
    first, last = month_label(months[0], style), month_label(months[-1], style)
    return first if first == last else f"{first} to {last}"


DATE = re.compile(r"\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])")
"""A day written YYYY-MM-DD."""


def is_date(text: object) -> bool:
    """True when ``text`` is a real day written YYYY-MM-DD."""
    if not isinstance(text, str) or DATE.fullmatch(text) is None:
        return False
    try:
        pd.Timestamp(text)
    except ValueError:
        return False
    return True


def last_complete_month(as_of: str) -> str:
    """The latest YYYY-MM month wholly on or before the day ``as_of`` (YYYY-MM-DD):
    "2016-11-30" → "2016-11", "2016-11-29" → "2016-10"."""
    day = pd.Timestamp(as_of)
    month = str(day.to_period("M"))
    return month if day.is_month_end else shift_month(month, -1)


def months_apart(start: str, end: str) -> int:
    """Whole months from YYYY-MM ``start`` to ``end`` (0 when equal, negative when ``end`` is earlier)."""
    return (pd.Period(end, freq="M") - pd.Period(start, freq="M")).n


def resolve_period(spec: dict, as_of: str) -> Period:
    """The period a rule gives for an edition written as of ``as_of`` (YYYY-MM-DD).

    Rules: ``{start: YYYY-MM, end: YYYY-MM}`` as written; ``{months: N, lag: L}`` the N months
    ending L months (default 0) before the last complete month at ``as_of``;
    ``{financial_years: N, lag: L}`` the N latest financial years that end at least L months
    before that month. The caller validates the rule's keys and values.
    """
    if "start" in spec:
        return Period(spec["start"], spec["end"])
    last = shift_month(last_complete_month(as_of), -int(spec.get("lag", 0)))
    if "months" in spec:
        return Period(shift_month(last, 1 - int(spec["months"])), last)
    year_end = last if last[5:] == "03" else f"{financial_year(last)[:4]}-03"
    return Period(shift_month(year_end, 1 - 12 * int(spec["financial_years"])), year_end)


def span_label(period: Period, style: str = "short") -> str:
    """A period as readers see it: "Apr 2016 to Mar 2017", or a financial year "2016/17" when it is exactly one."""
    if period.start[5:] == "04" and months_apart(period.start, period.end) == 11:
        return year_label(financial_year(period.start))
    return month_span([period.start, period.end], style)
