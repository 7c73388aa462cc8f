"""Edition parameters: read ``params/<edition>.yml``, validate it, and hand out an Edition.

Every path in a parameter file is relative to the project root. Validation stops at the first
problem with a ConfigError naming the key and what was expected.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
import yaml

from .errors import ConfigError, InputError
from .loaders import load_forces

_EDITION_ID = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*")
_YEAR = re.compile(r"(\d{4})-(\d{2})")
_MONTH = re.compile(r"\d{4}-(0[1-9]|1[0-2])")

#: top-level key -> (what is expected, check)
_TOP_LEVEL = {
    "edition": "an identifier of lower-case letters, digits and hyphens",
    "title": "the book's title as text",
    "organisation": "the force or alliance that publishes the assessment, as text",
    "assessment_year": "a financial year written YYYY-YY, such as 2016-17",
    "forces": "a list of one or more force names from the forces lookup",
    "periods": "a mapping of period names to {start: YYYY-MM, end: YYYY-MM}",
    "data": "a mapping of dataset names (from data/catalogue.yml) to paths from the project root",
    "thresholds": "a mapping with suppress_below (a whole number of 0 or more)",
    "specials": "a mapping with headcount_month and projection (see params/alliance-2016-17.yml)",
    "performance": "a mapping with recent_months (a whole number of months)",
    "hate_crime": "a mapping with step_at (YYYY-MM) and step_event (text)",
    "harm": "a mapping with scheme (chi or css), population (per force) and population_source (text)",
}
_THRESHOLDS = {"suppress_below": "a whole number of 0 or more: counts below it are not published"}
CATALOGUE = Path("data/catalogue.yml")


@dataclass(frozen=True)
class Period:
    """A run of whole calendar months, ``start`` and ``end`` included, each written YYYY-MM."""

    start: str
    end: str

    def months(self) -> list[str]:
        """The months of the period, in order, each as YYYY-MM."""
        return [str(p) for p in pd.period_range(self.start, self.end, freq="M")]

    def __str__(self) -> str:
        return f"{self.start} to {self.end}"


@dataclass(frozen=True)
class SpecialsParams:
    """Parameters of the Special Constabulary section.

    ``headcount_month``: the month (1-12) of the Home Office headcount that hours per Special
    divide by, in the same year as the hours. ``projection``: the period of the stock-and-flow
    projection; ``recruits_per_month`` and ``leavers_per_month``: people a month, per force.
    """

    headcount_month: int
    projection: Period
    recruits_per_month: dict[str, float]
    leavers_per_month: dict[str, float]


@dataclass(frozen=True)
class Edition:
    """One edition of the book: which forces, which year, which data files."""

    source: Path
    root: Path
    edition: str
    title: str
    organisation: str
    assessment_year: str
    forces: tuple[str, ...]
    periods: dict[str, Period] = field(hash=False)
    data: dict[str, Path] = field(hash=False)
    thresholds: dict[str, int] = field(hash=False)
    specials: "SpecialsParams" = field(hash=False)
    recent_months: int
    hate_crime_step_at: str
    hate_crime_step_event: str
    harm_scheme: str
    population: dict[str, float] = field(hash=False)
    population_source: str

    def path(self, dataset: str) -> Path:
        """Absolute path of ``dataset``'s file or folder for this edition."""
        if dataset not in self.data:
            raise ConfigError(self.source, f"data.{dataset}", "a path for this dataset")
        return self.data[dataset]

    @property
    def is_alliance(self) -> bool:
        """True when the edition covers more than one force."""
        return len(self.forces) > 1


def load_edition(params_file: str | Path, project_root: str | Path | None = None) -> Edition:
    """Read and validate an edition's parameter file; paths resolve against ``project_root``.

    ``project_root`` defaults to the current working directory. A relative ``params_file`` is
    looked for from the working directory, then from the project root.
    """
    source = Path(params_file)
    root = Path(project_root or ".").resolve()
    if not source.is_absolute():
        source = source.resolve() if source.exists() else root / source
    raw = _read_yaml(source)
    for key in raw:
        if key not in _TOP_LEVEL:
            raise ConfigError(source, str(key), "one of " + ", ".join(_TOP_LEVEL), found="an unknown key")
    for key, expected in _TOP_LEVEL.items():
        if key not in raw:
            raise ConfigError(source, key, expected, found="nothing (the key is missing)")

    edition = _text(source, raw, "edition")
    if not _EDITION_ID.fullmatch(edition):
        raise ConfigError(source, "edition", _TOP_LEVEL["edition"], found=edition)
    year = _text(source, raw, "assessment_year")
    match = _YEAR.fullmatch(year)
    if not match or (int(match[1]) + 1) % 100 != int(match[2]):
        raise ConfigError(source, "assessment_year", _TOP_LEVEL["assessment_year"], found=raw["assessment_year"])

    data = _data_paths(source, root, raw["data"])
    forces = _forces(source, raw["forces"], data)
    return Edition(
        source=source, root=root, edition=edition,
        title=_text(source, raw, "title"), organisation=_text(source, raw, "organisation"),
        assessment_year=year, forces=forces, periods=_periods(source, raw["periods"]),
        data=data, thresholds=_thresholds(source, raw["thresholds"]),
        specials=_specials(source, raw["specials"], forces),
        recent_months=_recent_months(source, raw["performance"]),
        **_hate_crime(source, raw["hate_crime"]),
        **_harm(source, raw["harm"], forces),
    )


def _read_yaml(source: Path) -> dict:
    if not source.is_file():
        raise ConfigError(source, "(file)", "a parameter file at this path", found="nothing")
    try:
        raw = yaml.safe_load(source.read_text(encoding="utf-8"))
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        line = f"line {mark.line + 1}" if mark else "somewhere"
        raise ConfigError(source, "(file)", f"valid YAML ({line}: {getattr(err, 'problem', err)})") from None
    if not isinstance(raw, dict):
        raise ConfigError(source, "(file)", "a mapping of keys to values", found=type(raw).__name__)
    return raw


def _text(source: Path, raw: dict, key: str) -> str:
    value = raw[key]
    if not isinstance(value, str) or not value.strip():
        raise ConfigError(source, key, _TOP_LEVEL[key], found=value)
    return value.strip()


def _mapping(source: Path, value: object, key: str) -> dict:
    if not isinstance(value, dict) or not value:
        raise ConfigError(source, key, _TOP_LEVEL[key], found=value)
    return value


def _data_paths(source: Path, root: Path, value: object) -> dict[str, Path]:
    catalogue = yaml.safe_load((root / CATALOGUE).read_text(encoding="utf-8"))["datasets"]
    paths = {}
    for name, rel in _mapping(source, value, "data").items():
        key = f"data.{name}"
        if name not in catalogue:
            raise ConfigError(source, key, f"a dataset named in {CATALOGUE}", found="an unknown dataset")
        if not isinstance(rel, str):
            raise ConfigError(source, key, "a path from the project root, as text", found=rel)
        path = (root / rel).resolve()
        if not path.exists():
            raise ConfigError(source, key, "an existing file or folder", found=rel)
        paths[name] = path
    if "forces" not in paths:
        raise ConfigError(source, "data.forces", "the path of the forces lookup (data/reference/forces.csv)")
    return paths


def _forces(source: Path, value: object, data: dict[str, Path]) -> tuple[str, ...]:
    if not isinstance(value, list) or not value or not all(isinstance(v, str) for v in value):
        raise ConfigError(source, "forces", _TOP_LEVEL["forces"], found=value)
    try:
        known = set(load_forces(data["forces"])["force"])
    except InputError as err:
        raise ConfigError(source, "data.forces", f"a valid forces lookup ({err})") from None
    for i, force in enumerate(value):
        if force not in known:
            raise ConfigError(source, f"forces[{i}]", f"a force named in {data['forces'].name}", found=force)
    if len(set(value)) != len(value):
        raise ConfigError(source, "forces", "each force once", found=value)
    return tuple(value)


def _periods(source: Path, value: object) -> dict[str, Period]:
    return {name: _period(source, spec, f"periods.{name}")
            for name, spec in _mapping(source, value, "periods").items()}


def _period(source: Path, spec: object, key: str) -> Period:
    if not isinstance(spec, dict) or set(spec) != {"start", "end"}:
        raise ConfigError(source, key, "a mapping with exactly start and end", found=spec)
    for end in ("start", "end"):
        if not isinstance(spec[end], str) or not _MONTH.fullmatch(spec[end]):
            raise ConfigError(source, f"{key}.{end}", "a month written YYYY-MM in quotes", found=spec[end])
    if spec["start"] > spec["end"]:
        raise ConfigError(source, key, "a start no later than the end", found=spec)
    return Period(spec["start"], spec["end"])


def _keys(source: Path, value: object, key: str, expected: set[str]) -> dict:
    """``value`` checked to be a mapping with exactly the keys ``expected``."""
    if not isinstance(value, dict):
        raise ConfigError(source, key, "a mapping with " + ", ".join(sorted(expected)), found=value)
    for name in value:
        if name not in expected:
            raise ConfigError(source, f"{key}.{name}", "one of " + ", ".join(sorted(expected)), found="an unknown key")
    for name in sorted(expected):
        if name not in value:
            raise ConfigError(source, f"{key}.{name}", "a value", found="nothing (the key is missing)")
    return value


def _per_force(source: Path, value: object, key: str, forces: tuple[str, ...]) -> dict[str, float]:
    """A number of 0 or more for each of the edition's forces, and for no other."""
    value = _keys(source, value, key, set(forces))
    for force, number in value.items():
        if isinstance(number, bool) or not isinstance(number, (int, float)) or number < 0:
            raise ConfigError(source, f"{key}.{force}", "a number of 0 or more", found=number)
    return {force: float(value[force]) for force in forces}


def _specials(source: Path, value: object, forces: tuple[str, ...]) -> SpecialsParams:
    spec = _keys(source, value, "specials", {"headcount_month", "projection"})
    month = spec["headcount_month"]
    if isinstance(month, bool) or not isinstance(month, int) or not 1 <= month <= 12:
        raise ConfigError(source, "specials.headcount_month", "a month number from 1 to 12", found=month)
    projection = _keys(source, spec["projection"], "specials.projection",
                       {"start", "end", "recruits_per_month", "leavers_per_month"})
    return SpecialsParams(
        headcount_month=month,
        projection=_period(source, {"start": projection["start"], "end": projection["end"]}, "specials.projection"),
        recruits_per_month=_per_force(source, projection["recruits_per_month"],
                                      "specials.projection.recruits_per_month", forces),
        leavers_per_month=_per_force(source, projection["leavers_per_month"],
                                     "specials.projection.leavers_per_month", forces),
    )


def _thresholds(source: Path, value: object) -> dict[str, int]:
    raw = _mapping(source, value, "thresholds")
    for key in raw:
        if key not in _THRESHOLDS:
            raise ConfigError(source, f"thresholds.{key}", "one of " + ", ".join(_THRESHOLDS), found="an unknown key")
    out = {}
    for key, expected in _THRESHOLDS.items():
        val = raw.get(key)
        if isinstance(val, bool) or not isinstance(val, int) or val < 0:
            raise ConfigError(source, f"thresholds.{key}", expected, found=val)
        out[key] = val
    return out


def _recent_months(source: Path, value: object) -> int:
    months = _keys(source, value, "performance", {"recent_months"})["recent_months"]
    if isinstance(months, bool) or not isinstance(months, int) or months < 1:
        raise ConfigError(source, "performance.recent_months", "a whole number of months, 1 or more", found=months)
    return months


def _hate_crime(source: Path, value: object) -> dict[str, str]:
    spec = _keys(source, value, "hate_crime", {"step_at", "step_event"})
    if not isinstance(spec["step_at"], str) or not _MONTH.fullmatch(spec["step_at"]):
        raise ConfigError(source, "hate_crime.step_at", "a month written YYYY-MM in quotes", found=spec["step_at"])
    if not isinstance(spec["step_event"], str) or not spec["step_event"].strip():
        raise ConfigError(source, "hate_crime.step_event", "the event at the step, as text", found=spec["step_event"])
    return {"hate_crime_step_at": spec["step_at"], "hate_crime_step_event": spec["step_event"].strip()}


def _harm(source: Path, value: object, forces: tuple[str, ...]) -> dict:
    spec = _keys(source, value, "harm", {"scheme", "population", "population_source"})
    if spec["scheme"] not in ("chi", "css"):
        raise ConfigError(source, "harm.scheme", "chi (Cambridge Crime Harm Index) or css (ONS Crime Severity Score)",
                          found=spec["scheme"])
    population = _per_force(source, spec["population"], "harm.population", forces)
    for force, people in population.items():
        if people <= 0:
            raise ConfigError(source, f"harm.population.{force}", "a population above 0", found=people)
    if not isinstance(spec["population_source"], str) or not spec["population_source"].strip():
        raise ConfigError(source, "harm.population_source", "where the population figures come from, as text",
                          found=spec["population_source"])
    return {"harm_scheme": spec["scheme"], "population": population,
            "population_source": spec["population_source"].strip()}
