"""A first edition for any force (or forces) of England and Wales from the national data the project
holds (``assess new-edition``).

The parameter file is written from the catalogue: every dataset whose entry names a ``national``
file (a file holding every force) is read for the edition's forces, with the catalogue's
default period rule where the file covers it, else the latest period of the same length the file
holds by the as-of date, stated in the file and said so in a comment. A dataset no national file
covers for the edition's forces is left out, and every chapter that needs it is listed under
``wait_for_data`` (its page then names what it waits for). No register is named: the book says
that none was entered for the force, and shows no other force's content.
"""

from __future__ import annotations

import difflib
import re
from pathlib import Path

from ..chapters import ALL, chapter_module, declaration
from ..edition import PARAMS_FOLDER, load_edition
from ..errors import ConfigError
from ..periods import Period, financial_year, is_date, last_complete_month, months_apart, shift_month
from ..present.wording import join_words
from ..read.catalogue import read_catalogue
from ..read.dating import PeriodNotCovered
from ..read.forces import read_forces
from ..read.period_cut import cut_dataset
from .project import Project, chapter_notebooks

FORCES = "data/reference/forces.csv"
"""The forces registry, from the project root."""
SECTIONS = {
    "thresholds": {"suppress_below": 5},
    "harm": {"scheme": "chi"},
}
"""The parameter sections a first edition starts with: counts under 5 suppressed, harm weighted by
the Cambridge Crime Harm Index; no Specials projection and no known event in the hate crime series
(neither is known yet)."""


def edition_id(forces: list[str], year: str) -> str:
    """The edition's identifier: the forces' names and the year, lower case and hyphens
    ("staffordshire-2019-20", "staffordshire-west-midlands-2019-20")."""
    names = "-".join(re.sub(r"[^a-z0-9]+", "-", force.lower()).strip("-") for force in forces)
    return f"{names}-{year}"


def resolve_forces(names: list[str], registry) -> list[str]:
    """``names`` as the registry spells them (any case, or a full name such as "Staffordshire
    Police"). Raises ConfigError naming the closest known force for a name it does not know."""
    table = registry.table
    known = {f.lower(): f for f in table["force"]}
    known |= {n.lower(): f for n, f in zip(table["full_name"], table["force"], strict=True)}
    resolved = []
    for name in names:
        force = known.get(name.strip().lower())
        if force is None:
            close = difflib.get_close_matches(name, list(table["force"]), n=1)
            hint = f" (did you mean '{close[0]}'?)" if close else ""
            raise ConfigError(FORCES, "--force", f"a force named in the forces registry{hint}", found=name)
        if force not in resolved:
            resolved.append(force)
    return resolved


def new_edition(
    forces: list[str], as_of: str, root: str | Path, edition: str | None = None
) -> tuple[Path, dict[str, str], list[str]]:
    """Write ``params/<edition>.yml`` for ``forces`` as of ``as_of`` (YYYY-MM-DD) from the national
    data; returns the file, each dataset's period in words (or why it is left out) and the chapters
    that wait for data. Raises ConfigError (one line) for an unknown force, a bad date, or a file
    that exists already (it is never overwritten)."""
    root = Path(root)
    if not is_date(as_of):
        raise ConfigError("assess new-edition", "--as-of", "a day written YYYY-MM-DD", found=as_of)
    registry = read_forces(root / FORCES)
    forces = resolve_forces(forces, registry)
    year = financial_year(as_of[:7])
    edition = edition or edition_id(forces, year)
    target = root / PARAMS_FOLDER / f"{edition}.yml"
    if target.exists():
        raise ConfigError(target, "(file)", "a new parameter file: new-edition never overwrites one", found="a file")
    catalogue = read_catalogue(root)
    full = [registry.full_name(f) for f in forces]
    params = {
        "edition": edition,
        "title": f"{join_words(full)} Strategic Assessment {year.replace('-', '/')}",
        "organisation": join_words(full),
        "assessment_year": year,
        "as_of": as_of,
        "forces": forces,
        "periods": {},
        "data": {name: entry["national"] for name, entry in catalogue.items() if "national" in entry},
        **SECTIONS,
    }
    found = _fit_periods(params, root, catalogue)
    params["wait_for_data"] = _waiting(root, params)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(_yaml(params, found), encoding="utf-8")
    load_edition(target, root)  # what it wrote is a valid edition
    return target, found, params["wait_for_data"]


def _fit_periods(params: dict, root: Path, catalogue: dict) -> dict[str, str]:
    """For each dated dataset: keep the catalogue's rule where the file covers it for the edition,
    else state the latest period of the same length the file holds by the as-of date, else leave
    the dataset out. Returns each dataset's period in words, or why it was left out."""
    found = {}
    scratch = root / "_build" / "new-edition.yml"
    scratch.parent.mkdir(parents=True, exist_ok=True)
    for name in sorted(params["data"]):
        scratch.write_text(_yaml(params, {}), encoding="utf-8")
        edition = load_edition(scratch, root)
        try:
            kept = cut_dataset(edition, name)
        except PeriodNotCovered:
            kept = None
        if kept is None or kept.covered:
            found[name] = str(edition.periods[name]) if kept is not None else "not dated"
            continue
        asked = edition.periods[name]
        latest = _latest_covered(edition, name, kept, months_apart(asked.start, asked.end))
        if latest is None:
            del params["data"][name]
            found[name] = f"left out: the national file holds nothing of {asked} for these forces"
        else:
            params["periods"][name] = {"start": latest.start, "end": latest.end}
            found[name] = f"{latest} (the latest the national file holds by the as-of date)"
    scratch.unlink(missing_ok=True)
    return found


def _latest_covered(edition, name: str, kept, length: int) -> Period | None:
    """The latest period, ending by the as-of date, that the dataset covers wholly for the edition:
    as long as the one asked (``length`` + 1 months) where the file holds that much, else from
    the file's first month; None when no such period of at least a year is held."""
    if kept.holds is None:
        return None
    end = min(kept.holds.end, last_complete_month(edition.as_of))
    while months_apart(kept.holds.start, end) >= MIN_MONTHS - 1:
        start = max(kept.holds.start, shift_month(end, -length))
        trial = cut_dataset_for(edition, name, Period(start, end))
        if trial is not None and trial.covered:
            return trial.covers
        end = shift_month(end, -1)
    return None


MIN_MONTHS = 12
"""The shortest period a first edition takes from a national file rather than leave the dataset out."""


def cut_dataset_for(edition, name: str, period: Period):
    """``cut_dataset`` of ``name`` for another ``period`` than the edition's."""
    from dataclasses import replace

    return cut_dataset(replace(edition, periods={**edition.periods, name: period}), name)


def _waiting(root: Path, params: dict) -> list[str]:
    """The chapters that need a dataset the edition leaves out."""
    waiting = []
    for name in chapter_notebooks(Project(root)):
        declared = declaration(chapter_module(name))
        if declared.datasets != ALL and any(d not in params["data"] for d in declared.datasets):
            waiting.append(name)
    return waiting


def _yaml(params: dict, found: dict[str, str]) -> str:
    """The parameter file as YAML text, with a comment heading it and one naming how each period was chosen."""
    import yaml

    head = (
        f"# A first edition for {', '.join(params['forces'])} from the national data the project holds, written\n"
        "# by `assess new-edition`. Periods follow the catalogue's rules from as_of, or are the latest the\n"
        "# national file holds (stated under periods:). No register is named: add the force's own registers\n"
        "# under data: (see data/reference/registers/README.md) as the analysts write them.\n"
    )
    notes = "".join(f"#   {name}: {words}\n" for name, words in sorted(found.items()))
    text = yaml.safe_dump(params, sort_keys=False, allow_unicode=True)
    return head + (f"# Datasets and the periods found:\n{notes}" if notes else "") + text
