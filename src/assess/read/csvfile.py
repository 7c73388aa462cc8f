"""Read a CSV file against a declared schema, failing with one clear line on the first problem.

A schema is a list of columns; each column knows how to check and convert its text. Rows are
reported as an editor numbers them, by line: the header is row 1, and blank lines and cells that
hold line breaks count as the lines they take.

A file is read within a memory budget: refused by its size before it is read
(``budget.within_budget``), then streamed: its bytes are hashed and checked as UTF-8 a chunk at a
time, and its records are read from the file, never from a copy of it held whole in memory.
"""

from __future__ import annotations

import codecs
import csv
import difflib
import hashlib
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from ..errors import InputError
from ..periods import MONTH, is_date, months_between
from .budget import within_budget

MAX_LISTED = 12
"""A column allowing more values than this names a few of them in its message, and the nearest one."""
MAX_DIGITS = 18
"""Whole numbers have at most this many digits, so that they fit a 64-bit integer."""
TOTAL_NAMES = r"(grand |sub[- ]?)?totals?|all|all (areas|forces|crimes?|offences)"
"""Names of rows that sum other rows (matched on the case-folded cell)."""
_DECIMAL = r"[+-]?([0-9]+\.?[0-9]*|\.[0-9]+)([eE][+-]?[0-9]+)?"


@dataclass(frozen=True)
class Column:
    """A column of text. ``allowed`` restricts the values; ``required`` forbids empty cells."""

    name: str
    required: bool = True
    allowed: tuple[str, ...] | None = None

    @property
    def expected(self) -> str:
        if self.allowed and len(self.allowed) > MAX_LISTED:
            return f"one of {len(self.allowed)} names, such as " + ", ".join(repr(a) for a in self.allowed[:3])
        if self.allowed:
            return "one of " + ", ".join(repr(a) for a in self.allowed)
        return "a non-empty value"

    def expected_for(self, found: str) -> str:
        """What was expected instead of ``found``, with the allowed value nearest to it."""
        close = difflib.get_close_matches(found.strip(), self.allowed, n=1) if self.allowed else []
        return self.expected + (f" (did you mean {close[0]!r}?)" if close else "")

    def check(self, text: pd.Series) -> pd.Series:
        """Return a boolean Series: True where the (stripped, non-empty) cell is valid."""
        return text.isin(self.allowed) if self.allowed else pd.Series(True, index=text.index)

    def convert(self, text: pd.Series) -> pd.Series:
        return text


@dataclass(frozen=True)
class Count(Column):
    """A whole number of things (crimes, hours, people): 0 or more, no separators."""

    @property
    def expected(self) -> str:
        return f"a whole number of 0 or more, at most {MAX_DIGITS} digits"

    def check(self, text):
        return text.str.fullmatch(rf"0*[0-9]{{1,{MAX_DIGITS}}}")

    def convert(self, text):
        return pd.to_numeric(text.where(text != ""), errors="raise").astype("Int64")


@dataclass(frozen=True)
class Integer(Count):
    """A whole number that may be negative: a published adjustment (a crime cancelled after the
    quarter it was recorded in), written "-12"; "-00" is how some tables print zero."""

    @property
    def expected(self) -> str:
        return f"a whole number, at most {MAX_DIGITS} digits"

    def check(self, text):
        return text.str.fullmatch(rf"-?0*[0-9]{{1,{MAX_DIGITS}}}")


@dataclass(frozen=True)
class Number(Column):
    """A finite decimal number (not inf or nan); ``minimum`` bounds it from below."""

    minimum: float | None = None

    @property
    def expected(self) -> str:
        bound = f" of {self.minimum:g} or more" if self.minimum is not None else ""
        return f"a finite number{bound}"

    def check(self, text):
        values = pd.to_numeric(text.where(text.str.fullmatch(_DECIMAL).fillna(False).astype(bool)), errors="coerce")
        ok = values.notna() & np.isfinite(values.astype(float))
        return ok & (values >= self.minimum) if self.minimum is not None else ok

    def convert(self, text):
        return pd.to_numeric(text.where(text != ""), errors="raise").astype("Float64")


@dataclass(frozen=True)
class Label(Column):
    """The name of an area, force or category: a row of its own, never a total ("Total", "All",
    "Grand total", "Sub-total", any case), which the book computes itself."""

    @property
    def expected(self) -> str:
        return super().expected + ", and not a total (the book sums the rows itself)"

    def check(self, text):
        return super().check(text) & ~text.str.casefold().str.fullmatch(TOTAL_NAMES)


@dataclass(frozen=True)
class Printed(Column):
    """Text as a document printed it, in one form: ``pattern``, a regular expression the whole
    (stripped) cell must match, and ``form``, the form in words for the error message."""

    pattern: str = ".*"
    form: str = "text"

    @property
    def expected(self) -> str:
        return self.form

    def check(self, text):
        return text.str.fullmatch(self.pattern).fillna(False).astype(bool)


@dataclass(frozen=True)
class Month(Column):
    """A calendar month written YYYY-MM; kept as that text (it sorts in time order)."""

    @property
    def expected(self) -> str:
        return "a month written YYYY-MM"

    def check(self, text):
        return text.str.fullmatch(MONTH)


@dataclass(frozen=True)
class Day(Column):
    """A real day written YYYY-MM-DD; kept as that text (it sorts in time order)."""

    @property
    def expected(self) -> str:
        return "a day written YYYY-MM-DD"

    def check(self, text):
        return text.map(is_date)


def read_csv(
    path: str | Path, columns: list[Column], key: list[str] | None = None, unique_rows: bool = False
) -> pd.DataFrame:
    """Read ``path`` and return a DataFrame holding exactly ``columns``, converted.

    Checks, in order: the file is UTF-8 text with a header and at least one row; no column name
    is given twice; every row has as many fields as the header; every column is present; every
    cell is valid for its column (empty cells only where not required); no two rows share the
    same ``key``; with ``unique_rows``, no row repeats another in every column (a row pasted
    twice). Blank lines are skipped; extra columns are ignored. Raises InputError naming the
    file, the row and the column at the first problem found. Rows are the file's line numbers
    (a cell holding line breaks counts all its lines), also in ``frame.attrs["lines"]``.
    """
    path = Path(path)
    memo = (str(path), _checked_digest(path), tuple(columns), tuple(key or ()), unique_rows)
    if memo not in _READ:
        _READ[memo] = _checked_table(path, columns, key, unique_rows)
        while len(_READ) > MEMO_TABLES:
            del _READ[next(iter(_READ))]
    return _READ[memo].copy(deep=True)


MEMO_TABLES = 4
"""How many tables ``read_csv`` keeps, by file content and schema: two datasets of an edition may
be read from one file (the Home Office table of recorded crime by force area)."""
_READ: dict[tuple, pd.DataFrame] = {}


def _checked_table(path: Path, columns: list[Column], key: list[str] | None, unique_rows: bool) -> pd.DataFrame:
    """``read_csv`` on the file at ``path`` (already checked by :func:`_checked_digest`)."""
    header, values, lines = _read_text_columns(path, {c.name for c in columns})
    missing = [c.name for c in columns if c.name not in header]
    if missing:
        raise InputError(path, f"a column named '{missing[0]}' in the header", row=1, found=header)
    out = {}
    for column in columns:
        raw = values[column.name]
        text = pd.Series([cell.strip() for cell in raw], dtype=str)
        empty = text == ""
        if column.required and empty.any():
            raise InputError(path, column.expected, row=_line(lines, empty), column=column.name, found="")
        valid = column.check(text).fillna(False).astype(bool) | empty
        if not valid.all():
            first = int((~valid).to_numpy().argmax())
            expected = column.expected_for(raw[first])
            raise InputError(path, expected, row=lines[first], column=column.name, found=raw[first])
        out[column.name] = column.convert(text)
    table = pd.DataFrame(out)
    if key:
        dup = table.duplicated(subset=key, keep="first")
        if dup.any():
            raise InputError(
                path,
                "one row for each " + " and ".join(key),
                row=_line(lines, dup),
                column=key[0],
                found="a repeated row",
            )
    if unique_rows:
        dup = table.duplicated(keep="first")
        if dup.any():
            raise InputError(path, "each row once", row=_line(lines, dup), found="a row repeated in every column")
    table.attrs["lines"] = LineNumbers(lines)
    return table


class LineNumbers(tuple):
    """The file line number of each row of a read table, kept in ``frame.attrs``. Immutable, so
    pandas' deep copy of ``attrs`` on every operation returns it as it is: a deep-copied list of a
    large file's line numbers made every step of a chapter slow."""

    def __deepcopy__(self, memo: dict) -> LineNumbers:
        return self


def line_of(table: pd.DataFrame, mask: pd.Series) -> int:
    """The file line number of the first True in ``mask``, for a frame ``read_csv`` returned
    (or one with its row order and ``attrs``)."""
    return table.attrs["lines"][int(mask.to_numpy().argmax())]


CHUNK_BYTES = 2**20
"""How much of a file is hashed and checked as UTF-8 at a time."""


def _checked_digest(path: Path) -> bytes:
    """The SHA-256 of the file at ``path``, read a chunk at a time after its size is checked
    (``within_budget``); InputError naming the byte when it is not UTF-8 text."""
    within_budget(path)
    digest, decoder, offset = hashlib.sha256(), codecs.getincrementaldecoder("utf-8")(), 0
    with path.open("rb") as handle:
        while chunk := handle.read(CHUNK_BYTES):
            digest.update(chunk)
            pending = len(decoder.getstate()[0])  # bytes of a character the last chunk cut in two
            try:
                decoder.decode(chunk)
            except UnicodeDecodeError as err:
                position = offset - pending + err.start
                raise InputError(path, "UTF-8 text", found=f"a byte that is not UTF-8 at position {position}") from None
            offset += len(chunk)
    try:
        decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        raise InputError(path, "UTF-8 text", found=f"a byte that is not UTF-8 at position {offset - 1}") from None
    return digest.digest()


def _read_text_columns(path: Path, wanted: set[str]) -> tuple[list[str], dict[str, list[str]], list[int]]:
    """The header of the CSV file at ``path``, the cells of each ``wanted`` column it has as text
    (one list a column, one cell a data row; other columns are checked for their width only and
    not kept) and each data row's line number in the file."""
    with path.open(encoding="utf-8-sig", newline="") as handle:
        reader = csv.reader(handle)
        records = _records(path, reader)
        first = next(records, None)
        if first is None:
            raise InputError(path, "a header row and data rows", found="an empty file")
        record, line = first
        header = [name.strip() or f"(column {i + 1})" for i, name in enumerate(record)]
        repeated = [name for i, name in enumerate(header) if name in header[:i]]
        if repeated:
            raise InputError(path, "each column name once in the header", row=line, column=repeated[0])
        width, kept = len(header), [(i, name) for i, name in enumerate(header) if name in wanted]
        values: dict[str, list[str]] = {name: [] for _, name in kept}
        lines = []
        for record, line in records:
            if len(record) != width:
                raise InputError(
                    path,
                    f"{width} fields, as in the header (a comma inside a value needs quotes)",
                    row=line,
                    found=f"{len(record)} fields",
                )
            for i, name in kept:
                values[name].append(record[i])
            lines.append(line)
    if not lines:
        raise InputError(path, "at least one data row below the header", row=2, found="no rows")
    return header, values, lines


def _records(path: Path, reader):
    """Each non-blank record ``reader`` reads and the file line it starts on; InputError at the
    line of a record the csv module cannot read (a NUL byte, a quote left open)."""
    start = 1
    try:
        for record in reader:
            if record:  # not a blank line
                yield record, start
            start = reader.line_num + 1
    except csv.Error as err:
        raise InputError(path, "CSV text a spreadsheet can read", row=start, found=str(err)) from None


def require_every_month(months: pd.Series, path: str | Path, column: str, whose: str = "") -> None:
    """Raise InputError unless ``months`` (YYYY-MM) hold every month from their first to their
    last: trend tests need every month. ``whose`` names the group in the message ("Warwickshire")."""
    expected = months_between(months.min(), months.max())
    missing = sorted(set(expected) - set(months))
    if missing:
        found = f"no row for {missing[0]}" + (f" ({whose})" if whose else "")
        raise InputError(
            path, f"a row for every month from {expected[0]} to {expected[-1]}", column=column, found=found
        )


def _line(lines: list[int], mask: pd.Series) -> int:
    """Line number in the file of the first True in ``mask``."""
    return lines[int(mask.to_numpy().argmax())]
