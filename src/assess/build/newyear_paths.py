"""Where next year's file or folder of a dataset is expected (``assess new-year``): a new folder
for the year, and a file name whose dates say what the file must hold."""

from __future__ import annotations

import re

from ..periods import Period, financial_year, shift_month

_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_FINANCIAL_YEAR = re.compile(r"(?<!\d)((?:19|20)\d{2})-(\d{2})(?![\d-])")
"""A financial year written YYYY-YY (its second year following the first, and not a month)."""
_MONTH = re.compile(r"(?<!\d)(?:19|20)\d{2}-(?:0[1-9]|1[0-2])(?![\d-])")
_YEAR = re.compile(r"(?<!\d)" + "".join(f"(?<!{m})" for m in _MONTHS) + r"((?:19|20)\d{2})(\d{2})?(?!\d)", re.I)
"""A year (or a year written ``201718``) in a file name, not one after a month (``mar2013-onwards``
names where a publisher's series starts, which stays)."""
RAW = "data/raw/"
"""Where the data as received lies, from the project root: never written, so new files go in new folders."""
_KEEP = "\0"
"""Stands in for the new year while a file name's own months and years move (so they are not moved twice)."""


def _consecutive(first: str, second: str) -> bool:
    return (int(first) + 1) % 100 == int(second)


def _is_financial_year(match: re.Match) -> bool:
    """A ``YYYY-YY`` of two consecutive years that cannot be a month (``2011-12`` is December 2011)."""
    return _consecutive(match[1], match[2]) and int(match[2]) > 12


def next_year_path(path: str, old_year: str, new_year: str, period: Period | None = None) -> str:
    """Where a yearly dataset's file or folder lives in the new year, from the project root.

    A folder that names a financial year (``sa2016-17``) becomes the new year's; a file of
    ``data/raw/`` in any other folder goes into a new folder for the new year inside it
    (``data/raw/police_uk_street/2017-18/``), since files of ``data/raw/`` are never written and
    each new folder gets its own SOURCES.md. A file name naming the old year gets the new one.
    With ``period`` (the months the file must hold), a name whose dates are two months, two
    financial years or two years (``..._2018-10_2019-02.csv``, ``..._2014_2019.csv``) gets the
    period's first and last in the same form; any other month, financial year or year in the
    name (one written ``201718`` included) moves on by the years between. A path that changed
    neither way goes into a folder for the new year: beside the file (``src/2017-18/x.csv``) or
    inside the folder (``src/2017-18``).
    """
    years = int(new_year[:4]) - int(old_year[:4])
    folder, _, name = path.rpartition("/")
    if "." not in name:
        folder, name = path, ""

    def year_folder(m: re.Match) -> str:
        return new_year if _consecutive(m[1], m[2]) else m[0]

    moved_folder = _FINANCIAL_YEAR.sub(year_folder, folder)
    if name and moved_folder == folder and folder.startswith(RAW):
        moved_folder = f"{folder}/{new_year}"  # raw folders are never written: a new file goes in a new folder
    folder = moved_folder
    if name:
        name = _dated_name(name.replace(old_year, _KEEP), years, period).replace(_KEEP, new_year)
    moved = f"{folder}/{name}" if name else folder
    if moved != path:
        return moved
    return f"{path}/{new_year}" if not name else f"{folder}/{new_year}/{name}"


def name_months(path: str) -> Period | None:
    """The first and last month a file's name gives when it gives exactly two
    (``..._2018-10_2019-02.csv``, ``..._ye2018-03_to_ye2019-12.csv``), else None."""
    months = _MONTH.findall(path.rpartition("/")[2])
    return Period(months[0], months[1]) if len(months) == 2 else None


def _dated_name(name: str, years: int, period: Period | None) -> str:
    """``name`` with its dates for the new year: the period's first and last where it holds two of
    one form (months, financial years, years), else each moved on by ``years``."""
    financial = [m for m in _FINANCIAL_YEAR.finditer(name) if _is_financial_year(m)]
    if financial:
        if period is not None and len(financial) == 2:
            spans = iter((financial_year(period.start), financial_year(period.end)))
            return _FINANCIAL_YEAR.sub(lambda m: next(spans) if _is_financial_year(m) else m[0], name)
        return _FINANCIAL_YEAR.sub(
            lambda m: f"{int(m[1]) + years}-{(int(m[2]) + years) % 100:02d}" if _is_financial_year(m) else m[0], name
        )
    months = _MONTH.findall(name)
    if months:
        if period is not None and len(months) == 2:
            spans = iter((period.start, period.end))
            return _MONTH.sub(lambda m: next(spans), name)
        return _MONTH.sub(lambda m: shift_month(m[0], 12 * years), name)
    found = [m for m in _YEAR.finditer(name) if m[2] is None]
    if period is not None and len(found) == 2 and len(_YEAR.findall(name)) == 2:
        spans = iter((period.start[:4], period.end[:4]))
        return _YEAR.sub(lambda m: next(spans), name)

    def moved_years(m: re.Match) -> str:
        if m[2] is None:
            return str(int(m[1]) + years)
        return f"{int(m[1]) + years}{(int(m[2]) + years) % 100:02d}" if _consecutive(m[1], m[2]) else m[0]

    return _YEAR.sub(moved_years, name)
