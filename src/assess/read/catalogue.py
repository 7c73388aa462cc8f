"""The data catalogue (``data/catalogue.yml``): what each dataset is, who published it and when,
and which files make it up. What the files hold is counted in ``assess.read.described``."""

from __future__ import annotations

import fnmatch
from pathlib import Path

import pandas as pd

from ..errors import InputError
from ..periods import Period, is_month, month_label, shift_month
from .budget import within_budget
from .ods import read_ods
from .yamlfile import parse_yaml, read_yaml

CATALOGUE = Path("data/catalogue.yml")
"""The data catalogue, from the project root."""


def read_catalogue(root: str | Path) -> dict[str, dict]:
    """The catalogue's entries by dataset name (title, publisher, licence, period or period_column, files)."""
    return read_yaml(Path(root) / CATALOGUE, what="the data catalogue")["datasets"]


def version_of(entry: dict, path: str | Path | None) -> dict:
    """The catalogue's words on the version of a dataset held in the file or folder ``path``:
    the first of the entry's ``versions`` whose ``files`` pattern matches the path's name (its
    ``version``: which edition of the source it is; ``published``; ``period``), or {} when the
    entry names no versions, none matches, or ``path`` is None. Two editions of one series that
    disagree (a later edition revises earlier years) are told apart this way, so an edition's
    pages can say which one they use."""
    if path is None:
        return {}
    name = Path(path).name
    return next((v for v in entry.get("versions", []) if fnmatch.fnmatchcase(name, v["files"])), {})


def published_after(entry: dict, period: Period | None, as_of: str, path: str | Path | None = None) -> str | None:
    """When the source of a dataset, in the version the project holds, was published, in words
    ("2026", "January 2017"), if that was after the day ``as_of`` (YYYY-MM-DD); else None.

    ``entry`` is the dataset's catalogue entry: ``published`` (YYYY or YYYY-MM) dates a source
    published once; ``publication_lag`` (months) dates a series published in editions from the
    end of the ``period`` the edition reads of it (a year counts as later only when it is a later
    year than the as-of date's). Given the dataset's ``path``, the ``published`` of its version
    (``version_of``) comes first: a later edition of a series holds an earlier period too."""
    version = version_of(entry, path)
    if "published" in version:
        entry = {"published": version["published"]}
    if "published" in entry:
        published = str(entry["published"])
        later = published > (as_of[:7] if is_month(published) else as_of[:4])
        return (month_label(published, "long") if is_month(published) else published) if later else None
    if "publication_lag" in entry and period is not None:
        published = shift_month(period.end, int(entry["publication_lag"]))
        return month_label(published, "long") if published > as_of[:7] else None
    return None


def dataset_files(path: Path, entry: dict) -> list[Path]:
    """The files that make up a dataset: the file itself, or the files of its folder that match
    the catalogue's ``files`` pattern, in the folder itself or in a sub-folder named for a month
    (``2019-10/``, as data.police.uk's download unpacks), sorted by name. Other sub-folders, such
    as a later year's own folder (``2020-21/``), belong to other editions and are not looked in."""
    if path.is_dir():
        pattern = entry.get("files", "*.csv")
        inside = [p for p in path.glob(f"*/{pattern}") if is_month(p.parent.name)]
        return sorted([*path.glob(pattern), *inside], key=lambda p: (p.name, str(p)))
    return [path]


def count_rows(path: Path) -> int:
    """Data rows of one file: CSV rows below the header, non-empty spreadsheet rows, register
    entries, or 1 for a Markdown page."""
    return sum(len(table) for table in catalogue_tables(path))


def catalogue_tables(path: Path) -> list[pd.DataFrame]:
    """The tables of a file as text: one for a CSV file, one per sheet (blank rows dropped) for a
    spreadsheet, one per top-level list of entries for a YAML register (a column ``entry``
    numbering them, and one for each field that holds a single value, as text), one row for a
    Markdown page (``page``, and its front matter's single values)."""
    if path.suffix in (".yml", ".yaml"):
        data = read_yaml(path)
        return [
            pd.DataFrame([{"entry": i, **_values(e)} for i, e in enumerate(v)])
            for v in data.values()
            if isinstance(v, list) and v and all(isinstance(e, dict) for e in v)
        ]
    if path.suffix == ".md":
        return [pd.DataFrame([{"page": path.stem, **_values(_front_matter(path))}])]
    if path.suffix == ".ods":
        return [pd.DataFrame({"row": [i for i, row in enumerate(rows) if row]}) for rows in read_ods(path).values()]
    within_budget(path)
    try:
        return [pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")]
    except (UnicodeDecodeError, pd.errors.ParserError, pd.errors.EmptyDataError):
        raise InputError(path, "a readable UTF-8 CSV file with a header row") from None


def _values(entry: object) -> dict[str, str]:
    """The fields of a mapping that hold one value (not a list or mapping), as text."""
    if not isinstance(entry, dict):
        return {}
    return {str(k): str(v) for k, v in entry.items() if v is not None and not isinstance(v, (list, dict))}


def _front_matter(path: Path) -> object:
    """The YAML front matter of a Markdown page (between two ``---`` lines at its start), or None."""
    within_budget(path)
    lines = path.read_text(encoding="utf-8").splitlines()
    if not lines or lines[0].strip() != "---":
        return None
    end = next((i for i in range(1, len(lines)) if lines[i].strip() == "---"), None)
    return parse_yaml("\n".join(lines[1:end]), path, first_line=2) if end else None
