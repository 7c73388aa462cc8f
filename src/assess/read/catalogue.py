"""The data catalogue (``data/catalogue.yml``) and what each edition's files hold.

``describe_datasets`` is what the "Data and methods" appendix shows: every dataset an edition
reads, with the period it covers and its row count computed from the files themselves.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from ..errors import InputError
from ..periods import Period, is_month, month_label, shift_month, span_label
from .ods import read_ods
from .paths import shown_path
from .yamlfile import read_yaml

CATALOGUE = Path("data/catalogue.yml")
"""The data catalogue, from the project root."""


def read_catalogue(root: str | Path) -> dict[str, dict]:
    """The catalogue's entries by dataset name (title, publisher, licence, period or period_column, files)."""
    return read_yaml(Path(root) / CATALOGUE, what="the data catalogue")["datasets"]


def published_after(entry: dict, period: Period | None, as_of: str) -> str | None:
    """When the source of a dataset, in the version the project holds, was published, in words
    ("2026", "January 2017"), if that was after the day ``as_of`` (YYYY-MM-DD); else None.

    ``entry`` is the dataset's catalogue entry: ``published`` (YYYY or YYYY-MM) dates a source
    published once; ``publication_lag`` (months) dates a series published in editions from the
    end of the ``period`` the edition reads of it (a year counts as later only when it is a later
    year than the as-of date's)."""
    if "published" in entry:
        published = str(entry["published"])
        later = published > (as_of[:7] if is_month(published) else as_of[:4])
        return (month_label(published, "long") if is_month(published) else published) if later else None
    if "publication_lag" in entry and period is not None:
        published = shift_month(period.end, int(entry["publication_lag"]))
        return month_label(published, "long") if published > as_of[:7] else None
    return None


def dataset_files(path: Path, entry: dict) -> list[Path]:
    """The files that make up a dataset: the file itself, or the matching files of its folder, sorted."""
    if path.is_dir():
        return sorted(path.glob(entry.get("files", "*.csv")))
    return [path]


def describe_datasets(edition) -> pd.DataFrame:
    """One row per dataset of the edition, in catalogue order.

    Columns: ``dataset``, ``title``, ``location`` (path from the project root), ``files`` (number
    of files), ``period`` (for a series in time, the months of the edition's period its rows
    cover, or what it holds when it does not cover that period; else from the data where the
    catalogue names a period column, else as the catalogue states it), ``rows`` (data rows,
    header excluded, all files together), ``publisher``, ``licence``.
    """
    rows = []
    for name, entry in read_catalogue(edition.root).items():
        if name not in edition.data:
            continue
        path = edition.data[name]
        files = dataset_files(path, entry)
        if not files:
            raise InputError(path, f"files matching {entry.get('files')} in this folder", found="none")
        frames = [frame for f in files for frame in _read_tables(f)]
        rows.append(
            {
                "dataset": name,
                "title": entry["title"],
                "location": shown_path(path, edition.root),
                "files": len(files),
                "period": _edition_period(edition, name) or _period(frames, entry, files[0], edition.as_of),
                "rows": sum(len(f) for f in frames),
                "publisher": entry["publisher"],
                "licence": entry["licence"],
            }
        )
    return pd.DataFrame(rows)


def count_rows(path: Path) -> int:
    """Data rows of one file: CSV rows below the header, non-empty spreadsheet rows, register
    entries, or 1 for a Markdown page."""
    return sum(len(table) for table in _read_tables(path))


def _read_tables(path: Path) -> list[pd.DataFrame]:
    """The tables of a file as text: one for a CSV file, one per sheet (blank rows dropped) for a
    spreadsheet, one per top-level list of entries for a YAML register, one row for a Markdown page."""
    if path.suffix in (".yml", ".yaml"):
        data = read_yaml(path)
        return [
            pd.DataFrame({"entry": range(len(v))})
            for v in data.values()
            if isinstance(v, list) and v and all(isinstance(e, dict) for e in v)
        ]
    if path.suffix == ".md":
        return [pd.DataFrame({"page": [path.stem]})]
    if path.suffix == ".ods":
        return [pd.DataFrame({"row": [i for i, row in enumerate(rows) if row]}) for rows in read_ods(path).values()]
    try:
        return [pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")]
    except (UnicodeDecodeError, pd.errors.ParserError, pd.errors.EmptyDataError):
        raise InputError(path, "a readable UTF-8 CSV file with a header row") from None


def _edition_period(edition, name: str) -> str | None:
    """The months a dated dataset covers in the edition's period, in words, or what it holds when
    short of it; None for a dataset that is not dated or that its reader cannot read."""
    from . import cut_dataset

    try:
        kept = cut_dataset(edition, name)
    except InputError:
        return None
    if kept is None:
        return None
    if kept.covered:
        return span_label(kept.covers)
    held = span_label(kept.holds) if kept.holds else "nothing dated"
    return f"not this edition's period: holds {held}"


def _period(frames: list[pd.DataFrame], entry: dict, first: Path, as_of: str | None = None) -> str:
    """The period a dataset the edition does not cut holds, in words: the catalogue's ``period``,
    or the first to the last value of its ``period_column``. Dates (YYYY, YYYY-MM or YYYY-MM-DD)
    after ``as_of`` (YYYY-MM-DD) are left out, as the chapters leave out such rows."""
    column = entry.get("period_column")
    if column is None:
        return entry["period"]
    if column not in frames[0].columns:
        raise InputError(first, f"a column named '{column}' (the catalogue's period column)", row=1)
    values = pd.concat([f[column].str.strip() for f in frames])
    values = values[values != ""]
    if as_of:
        dated = values.str.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?")
        values = values[~dated | values.map(lambda v: v <= as_of[: len(v)])]
        if values.empty:
            return f"nothing dated by {as_of}"
    low, high = values.min(), values.max()
    return low if low == high else f"{low} to {high}"
