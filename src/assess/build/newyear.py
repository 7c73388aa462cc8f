"""Scaffold next year's edition parameters from this year's (``assess new-year``)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import yaml

from ..edition import load_edition
from ..errors import ConfigError
from ..periods import is_financial_year, shift_month
from ..read.catalogue import read_catalogue
from ..read.yamlfile import read_yaml


def next_year_path(path: str, old_year: str, new_year: str) -> str:
    """Where a yearly dataset's file or folder lives in the new year.

    A path that names the old year (``data/raw/sa2016-17/x.csv``) gets the new year in its place;
    any other gets a folder for the new year beside the file (``data/raw/src/2017-18/x.csv``), or
    inside the folder (``data/raw/police_uk_street/2017-18``).
    """
    if old_year in path:
        return path.replace(old_year, new_year)
    folder, _, name = path.rpartition("/")
    return f"{path}/{new_year}" if "." not in name else f"{folder}/{new_year}/{name}"


def scaffold(params_file: str | Path, year: str, root: str | Path) -> tuple[Path, dict[str, str]]:
    """Write ``params/<edition for year>.yml`` next to ``params_file``; returns its path and the
    yearly datasets whose new files do not exist yet (name → expected path).

    Periods move on by the years between the two editions; yearly datasets point at the new
    year's files where they exist and are left out (listed) where they do not, so the new file
    validates and builds, each section without data saying so. Refuses to overwrite a file.
    """
    root = Path(root).resolve()
    source = Path(params_file) if Path(params_file).is_absolute() else root / params_file
    load_edition(source, root)  # this year's file must be valid to start from
    raw = read_yaml(source)
    old = raw["assessment_year"]
    if not is_financial_year(year):
        raise ConfigError(source, "--year", "a financial year written YYYY-YY, such as 2017-18", found=year)
    years = int(year[:4]) - int(old[:4])
    if years <= 0:
        raise ConfigError(source, "--year", f"a year after {old}", found=year)

    new = dict(raw)
    new["edition"] = raw["edition"].replace(old, year) if old in raw["edition"] else f"{raw['edition']}-{year}"
    new["title"] = raw["title"].replace(old.replace("-", "/"), year.replace("-", "/")).replace(old, year)
    new["assessment_year"] = year
    as_of = pd.Timestamp(raw["as_of"]) + pd.DateOffset(years=years)
    new["as_of"] = f"{as_of:%Y-%m-%d}"
    new["periods"] = {
        name: {"start": shift_month(p["start"], 12 * years), "end": shift_month(p["end"], 12 * years)}
        if "start" in p
        else p  # a rule ({months: N, lag: L}) moves with the as-of date by itself
        for name, p in (raw["periods"] or {}).items()
    }
    projection = dict(raw["specials"]["projection"])
    projection.update(
        start=shift_month(projection["start"], 12 * years), end=shift_month(projection["end"], 12 * years)
    )
    new["specials"] = {**raw["specials"], "projection": projection}

    catalogue = read_catalogue(root)
    data, needed = {}, {}
    for name, path in raw["data"].items():
        if not catalogue[name].get("yearly"):
            data[name] = path
            continue
        moved = next_year_path(path, old, year)
        if (root / moved).exists():
            data[name] = moved
        else:
            needed[name] = moved
    new["data"] = data

    target = source.with_name(f"{new['edition']}.yml")
    if target.exists():
        raise ConfigError(target, "(file)", "a new file: this edition's parameters exist already", found=str(target))
    header = [
        f"# {new['title']}: scaffolded by `assess new-year` from {source.name}.",
        "# Check every value; the periods moved on by a year and yearly data points at the new year.",
    ]
    if needed:
        header.append("# Still needed (add the files, then these lines under data:):")
        header += [f"#   {name}: {path}" for name, path in needed.items()]
    target.write_text(
        "\n".join(header) + "\n" + yaml.safe_dump(new, sort_keys=False, allow_unicode=True), encoding="utf-8"
    )
    load_edition(target, root)
    return target, needed
