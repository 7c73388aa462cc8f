"""Checks of a project's editions and data folders, for any project root: the unit tests run them on
this project (``conftest.ROOT``), and the new-year test on a copy where the README's new-year steps
were followed (tests/build/test_new_year.py), so that no check can break when a new edition or a
new year's folder appears. Each raises AssertionError naming what is wrong."""

from __future__ import annotations

import fnmatch
import re
from pathlib import Path

import pandas as pd
import yaml

from assess.edition import load_edition
from assess.read.catalogue import dataset_files, read_catalogue
from assess.read.registry import READERS, read_dataset


def editions(root: Path) -> list[Path]:
    """Every edition parameter file of the project's params/, in name order."""
    return sorted((root / "params").glob("*.yml"))


def check_edition_loads_as_stated(params: Path, root: Path) -> None:
    """The edition loads, and its name, forces, as-of date, data paths and stated periods are as
    its file states them."""
    stated = yaml.safe_load(params.read_text())
    edition = load_edition(params, root)
    assert edition.edition == params.stem
    assert edition.forces == tuple(stated["forces"])
    assert edition.has_several_forces == (len(stated["forces"]) > 1)
    assert all(p.is_absolute() and p.exists() for p in edition.data.values())
    assert edition.as_of == str(stated["as_of"])
    for name, period in stated["periods"].items():
        if "start" in period:  # a stated period, not a rule
            months = edition.periods[name].months()
            assert (months[0], months[-1]) == (period["start"], period["end"])
            assert len(months) == len(set(months)) and months == sorted(months)


def check_edition_titled(params: Path, root: Path) -> None:
    """The edition's title names its year, and a single force's edition its force."""
    edition = load_edition(params, root)
    assert edition.edition == params.stem
    assert edition.assessment_year.replace("-", "/") in edition.title
    for force in edition.forces if len(edition.forces) == 1 else ():
        assert edition.registry.full_name(force) in edition.title and edition.organisation.startswith(force)


def check_monthly_series(params: Path, root: Path) -> bool:
    """An edition naming both files of monthly counts reads them as one series: every force and
    crime type in every month, no month missing. False when it does not name both."""
    edition = load_edition(params, root)
    if not {"street_crime_monthly_counts_archive", "street_crime_monthly_counts"} <= set(edition.data):
        return False
    series = read_dataset(edition, "street_crime_monthly_counts_archive")
    months = series["month"].unique()
    assert len(series) == len(months) * series["force"].nunique() * series["crime_type"].nunique()
    assert sorted(months) == [str(m) for m in pd.period_range(min(months), max(months), freq="M")]
    assert "street_crime_monthly_counts" in READERS["street_crime_monthly_counts_archive"].needs
    return True


def readme_rows(root: Path) -> dict[str, list[str]]:
    """The file patterns of data/README.md's table by folder (``raw/x/``), from every row."""
    rows: dict[str, list[str]] = {}
    for line in (root / "data" / "README.md").read_text(encoding="utf-8").splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) > 2 and cells[0].startswith("`raw/"):
            folder = cells[0].strip("`")
            rows.setdefault(folder, []).extend(re.findall(r"`([^`]+)`", cells[1]))
    return rows


def named(file_name: str, patterns: list[str]) -> bool:
    """True when one of ``patterns`` (a name, or a pattern where YYYY-MM stands for a month and
    <force> or * for any text) names ``file_name``."""
    for pattern in patterns:
        glob = pattern.replace("YYYY-MM", "[0-9][0-9][0-9][0-9]-[0-9][0-9]")
        if fnmatch.fnmatchcase(file_name, re.sub(r"<[^>]+>", "*", glob)):
            return True
    return False


def data_folders(root: Path) -> list[Path]:
    """Every folder of data/raw/ that holds a file, at any depth."""
    raw = root / "data" / "raw"
    return sorted({p.parent for p in raw.rglob("*") if p.is_file()})


def check_data_folder(folder: Path, root: Path) -> None:
    """A folder of data/raw/ has its SOURCES.md and a row in data/README.md."""
    shown = f"raw/{folder.relative_to(root / 'data' / 'raw').as_posix()}/"
    assert (folder / "SOURCES.md").is_file(), f"{shown} needs a SOURCES.md"
    assert shown in readme_rows(root), f"data/README.md needs a row for {shown}"


def raw_files_not_named(root: Path) -> list[str]:
    """The files of data/raw/ an edition reads that no row of data/README.md names, as
    ``raw/folder/name``."""
    raw = root / "data" / "raw"
    rows, catalogue, unnamed = readme_rows(root), read_catalogue(root), set()
    for params in editions(root):
        edition = load_edition(params, root)
        for name, path in edition.data.items():
            for file in dataset_files(path, catalogue[name]):
                if not file.is_relative_to(raw):
                    continue
                shown = f"raw/{file.parent.relative_to(raw).as_posix()}/"
                if not named(file.name, rows.get(shown, [])):
                    unnamed.add(f"{shown}{file.name}")
    return sorted(unnamed)


def data_files_not_read(root: Path) -> list[Path]:
    """The data files (.csv, .ods, .yml) no edition reads, that are no dataset's national file
    (which every first edition of ``assess new-edition`` reads) and that no note of
    data/reference/ names as the source of a reference table."""
    catalogue = read_catalogue(root)
    covered = {root / e["national"] for e in catalogue.values() if "national" in e and (root / e["national"]).is_file()}
    for params in editions(root):
        edition = load_edition(params, root)
        for name, path in edition.data.items():
            entry = catalogue[name]
            covered |= set(path.glob(entry.get("files", "*.csv"))) if path.is_dir() else {path}
    notes = " ".join(p.read_text() for p in (root / "data" / "reference").rglob("*.md"))
    shipped = {p for p in (root / "data").rglob("*") if p.suffix in (".csv", ".ods", ".yml")} - {
        root / "data/catalogue.yml"
    }
    return sorted(p for p in shipped - covered if p.relative_to(root).as_posix() not in notes)


def raw_folders_without_sources(root: Path) -> list[str]:
    """The folders of data/raw/ without a SOURCES.md or a mention in data/README.md."""
    readme = (root / "data" / "README.md").read_text()
    return [
        folder.name
        for folder in (root / "data" / "raw").iterdir()
        if not (folder / "SOURCES.md").is_file() or f"raw/{folder.name}/" not in readme
    ]
