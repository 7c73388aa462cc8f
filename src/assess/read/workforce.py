"""Home Office police workforce tables: Special Constables by force, read straight from the
published spreadsheets (``.ods``), and the tidy table of the same figures."""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd

from ..errors import InputError
from .csvfile import Column, Number, line_of, read_csv
from .ods import read_ods, sheet_frame

SPECIALS_TABLE = re.compile(r"Special constables by police force area", re.IGNORECASE)


def read_specials_table(path: str | Path, spellings: dict[str, str]) -> pd.DataFrame:
    """The "Special constables by police force area" table of one Home Office workforce spreadsheet.

    ``spellings`` maps the tables' force names ("Avon & Somerset", "London, City of": the
    registry's ``workforce_name``) to the project's; spaces are collapsed, nothing else is
    loosened. Returns ``as_at``
    (Timestamp), ``area`` (as the table names it), ``force`` (the project's name for a force
    row; missing for regions and totals), ``specials_headcount`` (people), ``source_file`` and
    ``source_table``; one row per table row and date. A region that shares its name with a
    force (West Midlands) heads its forces, so the last row of that name is the force.
    """
    path = Path(path)
    sheets = {name: sheet_frame(rows) for name, rows in read_ods(path).items()}
    for name, sheet in sheets.items():
        title = sheet.iat[0, 0] if sheet.shape[0] and sheet.shape[1] else None
        if isinstance(title, str) and SPECIALS_TABLE.search(title):
            table = _tidy_specials(sheet, path, name)
            by_name = {_normalise(name): force for name, force in spellings.items()}
            last = ~table.duplicated(subset=["area", "as_at"], keep="last")
            table.insert(2, "force", table["area"].map(_normalise).map(by_name).where(last))
            return table
    raise InputError(path, "a sheet titled 'Special constables by police force area'", found=list(sheets))


def _tidy_specials(sheet: pd.DataFrame, path: Path, table: str) -> pd.DataFrame:
    dates_row = next(
        (
            i
            for i in range(len(sheet))
            if sheet.shape[1] > 3 and all(isinstance(sheet.iat[i, c], pd.Timestamp) for c in (1, 2, 3))
        ),
        None,
    )
    if dates_row is None:
        raise InputError(path, "a row of three 'As at' dates in columns 2 to 4", column=table)
    dates = [pd.Timestamp(sheet.iat[dates_row, c]) for c in (1, 2, 3)]
    rows = []
    for i in range(dates_row + 1, len(sheet)):
        area = sheet.iat[i, 0]
        values = [sheet.iat[i, c] for c in (1, 2, 3)]
        if not isinstance(area, str) or not all(isinstance(v, float) and not pd.isna(v) for v in values):
            continue
        for date, value in zip(dates, values, strict=True):
            rows.append(
                {
                    "as_at": date,
                    "area": area.strip(),
                    "specials_headcount": float(value),
                    "source_file": path.name,
                    "source_table": table,
                }
            )
    return pd.DataFrame(rows)


def read_specials_headcount(paths: list[str | Path], spellings: dict[str, str]) -> pd.DataFrame:
    """Headcount of Special Constables by force and date from several editions of the tables.

    Where two editions give the same date, the later edition (the one with the latest date)
    is kept, as the Home Office revises earlier figures. Regions and totals are dropped.
    Returns the columns of ``read_specials_table``, sorted by force and date.
    """
    tables = sorted((read_specials_table(p, spellings) for p in paths), key=lambda t: t["as_at"].max())
    combined = pd.concat(tables, ignore_index=True).dropna(subset=["force"])
    latest = combined.drop_duplicates(subset=["force", "as_at"], keep="last")
    return latest.sort_values(["force", "as_at"]).reset_index(drop=True)


def _normalise(name: str) -> str:
    return re.sub(r"\s+", " ", name).strip()


def read_workforce_tidy(path: str | Path, spellings: dict[str, str]) -> pd.DataFrame:
    """Workforce figures by force and date: ``as_at, area, force, level, measure, value,
    source_file, source_table``. ``force`` is the project's name of a row of ``level`` "force"
    (``spellings``: the registry's ``workforce_name`` → force), missing for other levels; a
    force row of a name the registry lacks raises InputError."""
    table = read_csv(
        path,
        [
            Column("as_at"),
            Column("area"),
            Column("level", allowed=("force", "region", "total", "other")),
            Column("measure"),
            Number("value", minimum=0),
            Column("source_file"),
            Column("source_table"),
        ],
    )
    by_name = {_normalise(name): force for name, force in spellings.items()}
    forces = table["area"].map(_normalise).map(by_name).where(table["level"] == "force")
    unknown = (table["level"] == "force") & forces.isna()
    if unknown.any():
        raise InputError(
            path,
            "a force named as the forces registry's workforce_name",
            row=line_of(table, unknown),
            column="area",
            found=table["area"][unknown].iloc[0],
        )
    table.insert(2, "force", forces)
    return table
