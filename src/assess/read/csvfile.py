"""Read a CSV file against a declared schema, failing with one clear line on the first problem.

A schema is a list of columns; each column knows how to check and convert its text. Rows are
reported as an editor numbers them: the header is row 1, the first data row is row 2.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from ..errors import InputError
from ..periods import MONTH, months_between


@dataclass(frozen=True)
class Column:
    """A column of text. ``allowed`` restricts the values; ``required`` forbids empty cells."""

    name: str
    required: bool = True
    allowed: tuple[str, ...] | None = None

    @property
    def expected(self) -> str:
        if self.allowed:
            return "one of " + ", ".join(repr(a) for a in self.allowed)
        return "a non-empty value"

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
        return "a whole number of 0 or more"

    def check(self, text):
        return text.str.fullmatch(r"\d+")

    def convert(self, text):
        return pd.to_numeric(text.where(text != ""), errors="raise").astype("Int64")


@dataclass(frozen=True)
class Integer(Count):
    """A whole number that may be negative: a published adjustment (a crime cancelled after the
    quarter it was recorded in), written "-12"; "-00" is how some tables print zero."""

    @property
    def expected(self) -> str:
        return "a whole number"

    def check(self, text):
        return text.str.fullmatch(r"-?\d+")


@dataclass(frozen=True)
class Number(Column):
    """A decimal number; ``minimum`` bounds it from below."""

    minimum: float | None = None

    @property
    def expected(self) -> str:
        bound = f" of {self.minimum:g} or more" if self.minimum is not None else ""
        return f"a number{bound}"

    def check(self, text):
        values = pd.to_numeric(text, errors="coerce")
        ok = values.notna()
        return ok & (values >= self.minimum) if self.minimum is not None else ok

    def convert(self, text):
        return pd.to_numeric(text.where(text != ""), errors="raise").astype("Float64")


@dataclass(frozen=True)
class Month(Column):
    """A calendar month written YYYY-MM; kept as that text (it sorts in time order)."""

    @property
    def expected(self) -> str:
        return "a month written YYYY-MM"

    def check(self, text):
        return text.str.fullmatch(MONTH)


def read_csv(path: str | Path, columns: list[Column], key: list[str] | None = None) -> pd.DataFrame:
    """Read ``path`` and return a DataFrame holding exactly ``columns``, converted.

    Checks, in order: the file is UTF-8 text with a header and at least one row; every column
    is present; every cell is valid for its column (empty cells only where not required);
    no two rows share the same ``key``. Extra columns in the file are ignored. Raises
    InputError naming the file, the row and the column at the first problem found.
    """
    path = Path(path)
    frame = _read_text_frame(path)
    missing = [c.name for c in columns if c.name not in frame.columns]
    if missing:
        raise InputError(path, f"a column named '{missing[0]}' in the header", row=1, found=list(frame.columns))
    out = {}
    for column in columns:
        text = frame[column.name].str.strip()
        empty = text == ""
        if column.required and empty.any():
            raise InputError(path, column.expected, row=_row(empty), column=column.name, found="")
        valid = column.check(text).fillna(False).astype(bool) | empty
        if not valid.all():
            bad = _row(~valid)
            raise InputError(path, column.expected, row=bad, column=column.name, found=frame[column.name].iloc[bad - 2])
        out[column.name] = column.convert(text)
    table = pd.DataFrame(out)
    if key:
        dup = table.duplicated(subset=key, keep="first")
        if dup.any():
            raise InputError(
                path, "one row for each " + " and ".join(key), row=_row(dup), column=key[0], found="a repeated row"
            )
    return table


def _read_text_frame(path: Path) -> pd.DataFrame:
    if not path.is_file():
        raise InputError(path, "a file at this path", found="nothing")
    try:
        frame = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    except UnicodeDecodeError as err:
        raise InputError(path, "UTF-8 text", found=f"a byte that is not UTF-8 at position {err.start}") from None
    except pd.errors.EmptyDataError:
        raise InputError(path, "a header row and data rows", found="an empty file") from None
    except pd.errors.ParserError as err:
        counts = re.search(r"Expected (\d+) fields in line (\d+), saw (\d+)", str(err))
        if counts:
            raise InputError(
                path,
                f"{counts[1]} fields, as in the header (a comma inside a value needs quotes)",
                row=int(counts[2]),
                found=f"{counts[3]} fields",
            ) from None
        raise InputError(path, "rows with as many fields as the header", found=str(err).strip()) from None
    if frame.empty:
        raise InputError(path, "at least one data row below the header", row=2, found="no rows")
    frame.columns = [str(c).strip() for c in frame.columns]
    return frame


def _row(mask: pd.Series) -> int:
    """Row number (header = 1) of the first True in ``mask``."""
    return int(mask.to_numpy().argmax()) + 2


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
