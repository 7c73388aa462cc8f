"""What each of an edition's files holds: the "Data and methods" appendix's table of every dataset
(``describe_datasets``), with the period it covers and its rows counted from the files themselves."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from ..errors import InputError
from ..periods import span_label
from .catalogue import catalogue_tables, dataset_files, read_catalogue, version_of
from .paths import shown_path
from .period_cut import cut_dataset


def describe_datasets(edition) -> pd.DataFrame:
    """One row per dataset of the edition, in catalogue order.

    Columns: ``dataset``, ``title``, ``location`` (path from the project root), ``files`` (number
    of files), ``period`` (for a series in time, the months of the edition's period its rows
    cover, or what it holds when it does not cover that period; else from the data where the
    catalogue names a period column, else as the catalogue states it), ``rows`` (data rows,
    header excluded, all files together), ``publisher``, ``licence``. Where the catalogue names the
    versions of a dataset, the publisher says which version the edition reads (``version_of``).
    """
    rows = []
    for name, entry in read_catalogue(edition.root).items():
        if name not in edition.data:
            continue
        path = edition.data[name]
        files = dataset_files(path, entry)
        if not files:
            raise InputError(path, f"files matching {entry.get('files')} in this folder", found="none")
        frames = [frame for f in files for frame in catalogue_tables(f)]
        version = version_of(entry, path)
        rows.append(
            {
                "dataset": name,
                "title": entry["title"],
                "location": shown_path(path, edition.root),
                "files": len(files),
                "period": _edition_period(edition, name)
                or _period(frames, {**entry, **version}, files[0], edition.as_of),
                "rows": sum(len(f) for f in frames),
                "publisher": entry["publisher"] + (f" ({version['version']})" if "version" in version else ""),
                "licence": entry["licence"],
            }
        )
    return pd.DataFrame(rows)


def _edition_period(edition, name: str) -> str | None:
    """The months a dated dataset covers in the edition's period, in words, or what it holds when
    short of it; None for a dataset that is not dated or that its reader cannot read."""
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
    or the first to the last value of its ``period_column`` (in every table of the files that has
    it: a register's entries, a page's front matter). Dates (YYYY, YYYY-MM or YYYY-MM-DD)
    after ``as_of`` (YYYY-MM-DD) are left out, as the chapters leave out such rows."""
    column = entry.get("period_column")
    if column is None:
        return entry["period"]
    held = [f[column].astype(str).str.strip() for f in frames if column in f.columns]
    if not held:
        raise InputError(first, f"a column named '{column}' (the catalogue's period column)", row=1)
    values = pd.concat(held)
    values = values[values != ""]
    if as_of:
        dated = values.str.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?")
        values = values[~dated | values.map(lambda v: v <= as_of[: len(v)])]
        if values.empty:
            return f"nothing dated by {as_of}"
    low, high = values.min(), values.max()
    return low if low == high else f"{low} to {high}"
