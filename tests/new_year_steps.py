"""The README's "Rebuilding for a new year", followed on a copy of the project.

``follow_readme`` runs ``assess new-year`` from the project folder as the README shows it, then
supplies every dataset the command asks for, each at the path printed and in the exact layout its
reader accepts, then (with ``--wait-for-data``) removes the '# ' before each line under ``data:``
and the chapters from ``wait_for_data``, as the README says. The values are synthetic: counts
drawn with a fixed seed around the levels of last year's files (never real data), every new folder
of ``data/raw/`` saying so in its SOURCES.md and in its rows of ``data/README.md``; a register is
last year's file copied into the new year's folder, as the README tells analysts to start.
A dataset the scaffold asks for that has no writer here fails the test, naming it."""

from __future__ import annotations

import contextlib
import io
import os
import re
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd
import yaml

from assess.build.cli import main
from assess.edition import Edition, load_edition
from assess.periods import Period, shift_month
from assess.read.ons_pfa_tables import GROUPS, TOTAL
from conftest import DEFAULT_PARAMS, shipped_editions

SYNTHETIC = "synthetic test data written by tests/new_year_steps.py, not real data"
"""How every supplied file and folder is labelled."""
_ASKED = re.compile(r"^  (\w+): (\S+) \((.+)\)$")
_COVER = re.compile(r"must cover (.+?) for (.+?)(?:;|$)")


def changed_default_params() -> dict:
    """The default edition's parameters without a stated period for the printed hours, without
    the printed flows and without a previous edition."""
    params = yaml.safe_load(DEFAULT_PARAMS.read_text())
    del params["periods"]["specials_duty_hours"]  # the catalogue's default_period, from the as-of date
    del params["data"]["specials_flows"]  # no printed flows: the projection's months are the edition's own
    params.pop("previous_edition", None)
    return params


def next_financial_year(year: str) -> str:
    """The financial year after ``year`` (both written YYYY-YY)."""
    start = int(year[:4]) + 1
    return f"{start}-{(start + 1) % 100:02d}"


def newest_complete_single_force() -> Path:
    """The newest single-force edition that waits for no chapter (the first in name order among
    the newest): the one an analyst starts a force's next year from."""
    complete = [
        (raw["assessment_year"], path)
        for path in shipped_editions()
        if len((raw := yaml.safe_load(path.read_text()))["forces"]) == 1 and not raw.get("wait_for_data")
    ]
    newest = max(year for year, _ in complete)
    return next(path for year, path in complete if year == newest)


def earliest_alliance() -> Path:
    """The earliest edition of several forces (the first in name order among the earliest)."""
    several = [(yaml.safe_load(p.read_text()), p) for p in shipped_editions()]
    several = [(raw["assessment_year"], p) for raw, p in several if len(raw["forces"]) > 1]
    earliest = min(year for year, _ in several)
    return next(path for year, path in several if year == earliest)


@dataclass(frozen=True)
class Asked:
    """One line the scaffold printed: the dataset, its path from the project root, the period
    its file must cover (None for a register) and whether it must hold every force."""

    dataset: str
    path: str
    period: Period | None
    every_force: bool

    @property
    def line(self) -> str:
        return f"{self.dataset}: {self.path}"


def asked_for(printed: str) -> list[Asked]:
    """The files ``assess new-year`` printed to supply, from its output."""
    block = printed.split("\n  ", 1)[1] if "\nsupply these" in printed else ""
    lines = ("  " + block).splitlines()
    asked = []
    for line in lines:
        match = _ASKED.match(line)
        if not match:
            break
        cover = _COVER.search(match[3])
        period = _period(cover[1]) if cover else None
        asked.append(Asked(match[1], match[2], period, bool(cover) and cover[2].startswith("every force")))
    return asked


def _period(words: str) -> Period:
    """``October 2019 to February 2020``, ``June 2022`` or ``2019/20`` as a period of months."""
    if re.fullmatch(r"\d{4}/\d{2}", words):
        return Period(f"{words[:4]}-04", f"{int(words[:4]) + 1}-03")
    ends = [pd.Timestamp(w).strftime("%Y-%m") for w in words.split(" to ")]
    return Period(ends[0], ends[-1])


@dataclass(frozen=True)
class NewYear:
    """A new edition made by following the README: its parameter file, what the scaffold printed
    and asked for, and the files supplied."""

    command: list[str]
    """The arguments of ``assess`` run, as the README writes them."""
    params: Path
    printed: str
    asked: list[Asked]
    supplied: list[Path]


def follow_readme(root: Path, source: Path, year: str, wait_for_data: bool = False) -> NewYear:
    """In the project at ``root``: scaffold ``year`` from the edition ``source`` (a path from the
    root) with the README's command, supply every dataset it asks for, and make the new file name
    them; returns what was done."""
    command = ["new-year", source.as_posix(), "--year", year] + (["--wait-for-data"] if wait_for_data else [])
    out = io.StringIO()
    with _inside(root), contextlib.redirect_stdout(out):
        status = main(command)
    printed = out.getvalue()
    assert status == 0, printed
    written = root / re.search(r"^wrote (\S+)$", printed, re.M)[1]
    asked = asked_for(printed)
    last_year = load_edition(root / source, root)
    supplied = _supply(root, last_year, asked, yaml.safe_load(written.read_text())["forces"])
    if wait_for_data:
        _uncomment(written, asked)
    return NewYear(command, written, printed, asked, supplied)


@contextlib.contextmanager
def _inside(folder: Path):
    before = Path.cwd()
    os.chdir(folder)
    try:
        yield
    finally:
        os.chdir(before)


def _supply(root: Path, last_year: Edition, asked: list[Asked], forces: list[str]) -> list[Path]:
    """Write every file asked for (a file two datasets share once, covering both periods), each new
    folder of data/raw/ with its SOURCES.md and its rows in data/README.md; returns the files."""
    rng = np.random.default_rng(2033)
    registry = last_year.registry
    every = list(registry.names)
    by_path: dict[str, list[Asked]] = {}
    for item in asked:
        by_path.setdefault(item.path, []).append(item)
    written: list[Path] = []
    rows: list[str] = []
    for path, items in by_path.items():
        periods = [i.period for i in items if i.period is not None]
        period = Period(min(p.start for p in periods), max(p.end for p in periods)) if periods else None
        whose = every if any(i.every_force for i in items) else forces
        target = root / path
        if period is None:  # a register: last year's file, its year labels set to the folder's year
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(_relabelled(last_year.path(items[0].dataset).read_text(), target.parent.name))
            written.append(target)
            continue
        writer = WRITERS.get(items[0].dataset)
        assert writer is not None, f"no synthetic writer for {items[0].dataset}: add one to tests/new_year_steps.py"
        files = writer(target, period, whose, last_year, rng)
        written += files
        folder = target if target.suffix == "" else target.parent
        pattern = PATTERNS.get(items[0].dataset, target.name)
        rows.append(
            f"| `{folder.relative_to(root / 'data').as_posix()}/` | `{pattern}` | {SYNTHETIC} "
            f"({', '.join(i.dataset for i in items)}) | {period} | written by the new-year test | none (synthetic) |"
        )
        sources = folder / "SOURCES.md"
        if not sources.exists():
            sources.write_text(f"# Synthetic test data\n\n{SYNTHETIC.capitalize()}. Licence: none.\n")
    with (root / "data" / "README.md").open("a", encoding="utf-8") as readme:
        readme.write("".join(f"{row}\n" for row in rows))
    return written


def _relabelled(text: str, year: str) -> str:
    """A register's text with its labels of years (``this_year_label``, ``last_year_label``) naming
    ``year`` (YYYY-YY, the folder's) and the year before, in the form each label had
    ("2019/20", or "2019" as in "Control Strategy 2019"), as the README tells analysts to revise them."""
    first = int(year[:4])

    def label(match: re.Match) -> str:
        this = match[1] == "this"
        start = first if this else first - 1
        value = re.sub(r"(?<!\d)\d{4}/\d{2}(?!\d)", f"{start}/{(start + 1) % 100:02d}", match[2])
        if value == match[2]:
            value = re.sub(r"(?<!\d)\d{4}(?![\d/])", str(start), value)
        return f"{match[1]}_year_label: {value}"

    return re.sub(r"^(this|last)_year_label: (.*)$", label, text, flags=re.M)


def _uncomment(params: Path, asked: list[Asked]) -> None:
    """Remove the '# ' before each supplied dataset's line under data:, and every chapter from
    wait_for_data (each one's data is in)."""
    text = params.read_text()
    for item in asked:
        text = text.replace(f"  # {item.line}  # supply:", f"  {item.line}  # supply:")
    text = re.sub(r"^wait_for_data: \[.*\]$", "wait_for_data: []", text, flags=re.M)
    params.write_text(text)


def _noisy(values, rng, low=0.9, high=1.1):
    return np.maximum(0, np.round(np.asarray(values, dtype=float) * rng.uniform(low, high, len(values)))).astype(int)


def _street(folder: Path, period: Period, forces, last_year: Edition, rng) -> list[Path]:
    """data.police.uk street-level files, one per force and month, flat in the year's folder: last
    year's rows of the force resampled, each given the month and a synthetic crime id."""
    folder.mkdir(parents=True, exist_ok=True)
    slugs = last_year.registry.table.set_index("force")["police_uk_slug"]
    written = []
    for force in forces:
        source = next(iter(sorted(last_year.path("street_crime").rglob(f"*-{slugs[force]}-street.csv"))))
        rows = pd.read_csv(source, dtype=str, keep_default_na=False)
        for month in period.months():
            sample = rows.sample(len(rows), replace=True, random_state=int(rng.integers(1 << 31))).reset_index(
                drop=True
            )
            sample["Month"] = month
            sample["Crime ID"] = [f"synthetic-{month}-{i}" for i in range(len(sample))]
            sample["Context"] = "synthetic test data"
            path = folder / f"{month}-{slugs[force]}-street.csv"
            sample.to_csv(path, index=False)
            written.append(path)
    return written


def _monthly_counts(path: Path, period: Period, forces, last_year: Edition, rng) -> list[Path]:
    """Counts by month, force and crime type: each force's crime types of the archive, drawn
    around their mean of the archive's last year."""
    archive = pd.read_csv(last_year.path("street_crime_monthly_counts_archive"))
    names = last_year.registry.table.set_index("force")["police_uk_name"]
    rows = []
    for force in forces:
        mine = archive[archive["force"] == names[force]]
        recent = mine[mine["month"] > shift_month(mine["month"].max(), -12)]
        for crime_type, mean in recent.groupby("crime_type")["count"].mean().items():
            for month, count in zip(period.months(), rng.poisson(mean, len(period.months())), strict=True):
                rows.append({"month": month, "force": names[force], "crime_type": crime_type, "count": int(count)})
    path.parent.mkdir(parents=True, exist_ok=True)
    pd.DataFrame(rows).to_csv(path, index=False)
    return [path]


def _hate_crime(folder: Path, period: Period, forces, last_year: Edition, rng) -> list[Path]:
    """Each force's hate crimes by month, in the layout of the FOI files (one file a force)."""
    from assess.read.registry import read_dataset

    last = read_dataset(last_year, "hate_crime_by_force")
    spelled = last_year.registry.table.set_index("force")["salah_name"]
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for force in forces:
        mean = last[last["force"] == force].tail(12)["recorded_crimes"].mean()
        months = period.months()
        table = pd.DataFrame(
            {
                "date": [f"{m}-01" for m in months],
                "hate_crimes": rng.poisson(mean, len(months)),
                "muslim_crimes": "NA",
                "county": spelled[force],
            }
        )
        path = folder / f"{force.lower().replace(' ', '_')}_crimes_clean.csv"
        table.to_csv(path, index=False)
        written.append(path)
    return written


def _ons_table(path: Path, period: Period, forces, last_year: Edition, rng) -> list[Path]:
    """ONS Table P1 rows for every force and offence group, 12 months ending each quarter from
    the first that the period needs to its end: last year's latest complete March, scaled, its
    groups summing to its total."""
    name = "national_recorded_crime" if "national_recorded_crime" in last_year.data else "recorded_crime_groups"
    template = pd.read_csv(last_year.path(name), dtype=str, keep_default_na=False)
    marches = sorted(e for e in template["twelve_months_ending"].unique() if e.endswith("-03-31"))
    complete = [e for e in marches if (template.loc[template["twelve_months_ending"] == e, "offences"] != "..").all()]
    base = template[template["twelve_months_ending"] == complete[-1]]
    ends = [m for m in Period(shift_month(period.start, 11), period.end).months() if m[5:] in ("03", "06", "09", "12")]
    frames = []
    for end in ends:
        day = pd.Period(end, "M").end_time.strftime("%Y-%m-%d")
        for _, rows in base.groupby("area_code"):
            rows = rows.copy()
            factor = rng.uniform(0.9, 1.1)
            counts = np.round(rows["offences"].astype(int) * factor).astype(int)
            parts = rows["offence_group_clean"].isin(GROUPS)
            counts[rows["offence_group_clean"] == TOTAL] = counts[parts].sum()
            rows["offences"], rows["twelve_months_ending"], rows["source_file"] = counts, day, "synthetic"
            frames.append(rows)
    path.parent.mkdir(parents=True, exist_ok=True)
    pd.concat(frames).to_csv(path, index=False)
    return [path]


def _half_years(period: Period) -> list[str]:
    """The workforce counts' days (31 March, 30 September) within ``period``."""
    return [pd.Period(m, "M").end_time.strftime("%Y-%m-%d") for m in period.months() if m[5:] in ("03", "09")]


def _workforce_tidy(path: Path, period: Period, forces, last_year: Edition, rng) -> list[Path]:
    """The tidy workforce table: last year's latest rows, scaled, on every count's day."""
    template = pd.read_csv(last_year.path("workforce_specials"))
    base = template[template["as_at"] == template["as_at"].max()]
    frames = []
    for day in _half_years(period):
        rows = base.copy()
        rows["as_at"], rows["source_file"] = day, "synthetic"
        rows["value"] = np.round(rows["value"].astype(float) * rng.uniform(0.9, 1.1, len(rows)), 2)
        frames.append(rows)
    path.parent.mkdir(parents=True, exist_ok=True)
    pd.concat(frames).to_csv(path, index=False)
    return [path]


def _workforce_spreadsheets(folder: Path, period: Period, forces, last_year: Edition, rng) -> list[Path]:
    """Home Office workforce spreadsheets (.ods), each with the table "Special constables by police
    force area" of three days, as the published tables lay it out, every force of the registry."""
    template = pd.read_csv(last_year.path("workforce_specials"))
    latest = template[
        (template["as_at"] == template["as_at"].max())
        & (template["measure"] == "special_constables_headcount")
        & (template["level"] == "force")
    ]
    base = latest.drop_duplicates("area", keep="last").set_index("area")["value"]
    areas = [a for a in last_year.registry.table["workforce_name"] if a in base.index]
    days = _half_years(period)
    chunks = [days[i : i + 3] for i in range(0, len(days) - 2, 3)]
    if len(days) % 3:
        chunks.append(days[-3:])
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for chunk in chunks:
        rows = [["Special constables by police force area (synthetic test data)", None, None, None]]
        rows.append(["Police force area", *(pd.Timestamp(d) for d in chunk)])
        rows += [[area, *(float(v) for v in _noisy([base[area]] * 3, rng))] for area in areas]
        path = folder / f"synthetic-workforce-{chunk[-1][:7]}.ods"
        pd.DataFrame(rows).to_excel(path, engine="odf", header=False, index=False, sheet_name="Table_S1")
        written.append(path)
    return written


WRITERS = {
    "street_crime": _street,
    "street_crime_monthly_counts": _monthly_counts,
    "hate_crime_by_force": _hate_crime,
    "recorded_crime_groups": _ons_table,
    "national_recorded_crime": _ons_table,
    "workforce_specials": _workforce_tidy,
    "workforce_tables": _workforce_spreadsheets,
}
"""A synthetic file (or folder) of each dataset the scaffold may ask for, in its reader's layout."""
PATTERNS = {
    "street_crime": "YYYY-MM-<force>-street.csv",
    "hate_crime_by_force": "<force>_crimes_clean.csv",
    "workforce_tables": "synthetic-workforce-YYYY-MM.ods",
}
"""How data/README.md names the files of a folder dataset."""
