"""The data catalogue (``data/catalogue.yml``): what each dataset is, who published it and when,
and which files make it up. What the files hold is counted in ``assess.read.described``."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from ..errors import InputError
from ..periods import Period, is_month, month_label, shift_month
from .budget import within_budget
from .ods import read_ods
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


def count_rows(path: Path) -> int:
    """Data rows of one file: CSV rows below the header, non-empty spreadsheet rows, register
    entries, or 1 for a Markdown page."""
    return sum(len(table) for table in catalogue_tables(path))


def catalogue_tables(path: Path) -> list[pd.DataFrame]:
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
    within_budget(path)
    try:
        return [pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")]
    except (UnicodeDecodeError, pd.errors.ParserError, pd.errors.EmptyDataError):
        raise InputError(path, "a readable UTF-8 CSV file with a header row") from None
