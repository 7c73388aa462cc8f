"""Edition parameters: read ``params/<edition>.yml``, validate it, and hand out an Edition.

Every path in a parameter file is relative to the project root. Validation stops at the first
problem with a ConfigError naming the key and what was expected.

A chapter sees its edition through ``open_chapter``, which names the datasets and parameter
sections the chapter reads. The build reads that declaration (``assess.build.declarations``)
to know what the chapter depends on, and the Chapter refuses anything it did not declare.
"""

from __future__ import annotations

import difflib
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from .errors import ConfigError, InputError
from .periods import (
    Period,
    is_date,
    is_financial_year,
    is_month,
    last_complete_month,
    resolve_period,
)
from .read.catalogue import CATALOGUE
from .read.forces import ForceRegistry, read_forces
from .read.paths import inside_project
from .read.yamlfile import read_yaml

MARKINGS = ("OFFICIAL", "OFFICIAL-SENSITIVE", "SECRET", "TOP SECRET", "NOT PROTECTIVELY MARKED")
"""Protective markings an edition may carry: the Government Security Classifications (2014;
OFFICIAL-SENSITIVE is OFFICIAL with its handling caveat) and the older "NOT PROTECTIVELY MARKED",
which editions written before them carry."""
DEFAULT_MARKING = "OFFICIAL"

_TOP_LEVEL = {
    "edition": "an identifier of lower-case letters, digits and hyphens",
    "title": "the book's title as text",
    "organisation": "the force or alliance that publishes the assessment, as text",
    "assessment_year": "a financial year written YYYY-YY, such as 2016-17",
    "as_of": "the day the edition is written as of, YYYY-MM-DD in quotes: nothing dated later appears",
    "forces": "a list of one or more force names from the forces lookup",
    "periods": "a mapping of 'assessment' and dataset names to {start: YYYY-MM, end: YYYY-MM}, "
    "{months: N, lag: L} or {financial_years: N, lag: L}",
    "data": "a mapping of dataset names (from data/catalogue.yml) to paths from the project root",
    "thresholds": "a mapping with suppress_below (a whole number of 0 or more)",
    "harm": "a mapping with scheme (chi or css)",
}
_OPTIONAL = {
    "specials": "a mapping with projection: the Specials stock-and-flow projection (see the default edition's "
    "parameters)",
    "hate_crime": "a mapping with step_at (YYYY-MM), a month tested for a known event, and step_event (text)",
    "wait_for_data": "a list of chapter names (notebooks/<name>.ipynb) that build as a page naming the "
    "missing period when their data does not cover it",
    "look_back": "true or false: whether labelled look-back sections may show what happened after as_of",
    "marking": "the protective marking printed on every page: " + ", ".join(f"'{m}'" for m in MARKINGS),
    "previous_edition": "the edition compared with on the changes page: the name (without .yml) of another "
    "parameter file in the same folder or in params/",
    "significance": "the false discovery rate below which a change is called beyond chance, a number "
    "greater than 0 and less than 0.5 (default 0.05)",
}
"""Top-level keys an edition may leave out: no chapter waits, no look-back, marked OFFICIAL, no
previous edition compared with, significance 0.05, no known event tested in the hate crime
series, no Specials projection."""
DEFAULT_SIGNIFICANCE = 0.05
REVIEW_MONTHS = 12
"""A register entry (or a threat page) last reviewed this many months or more before the as-of
date's month is carried forward: written for an earlier assessment and not reviewed for this one
(``assess.read.scope.carried_forward``, entry by entry: each entry says in ``reviewed`` when it
was last reviewed)."""
SECTIONS = ("periods", "thresholds", "specials", "hate_crime", "harm")
"""Parameter sections a chapter may declare it reads; the edition's identity (id, title,
organisation, year, as-of date, forces, look-back) is open to every chapter. Every chapter also
gets the period of each dataset it declares, through ``Chapter.read``."""
ASSESSMENT = "assessment"
"""The period name of the year the assessment covers (the financial year unless stated)."""
_EDITION_ID = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*")
PROJECT_FILE = "pyproject.toml"
PARAMS_FOLDER = "params"
"""Where the project keeps its editions' parameter files (a previous edition is looked for there)."""
PARAMS_VARIABLE = "ASSESS_PARAMS"
"""Environment variable naming the parameter file a chapter opens when none is passed."""


@dataclass(frozen=True)
class Thresholds:
    """``suppress_below``: counts from 1 to this minus 1 are not published."""

    suppress_below: int


@dataclass(frozen=True)
class SpecialsParams:
    """Parameters of the Special Constabulary section.

    ``projection``: the period of the stock-and-flow
    projection, or None when the edition makes none; ``recruits_per_month`` and
    ``leavers_per_month``: people a month, for the forces whose rates are known (empty without a
    projection).
    """

    projection: Period | None
    recruits_per_month: dict[str, float]
    leavers_per_month: dict[str, float]


@dataclass(frozen=True)
class HateCrimeParams:
    """``step_at``: a month (YYYY-MM) tested for a step in hate crime; ``step_event``: what happened then."""

    step_at: str
    step_event: str


@dataclass(frozen=True)
class HarmParams:
    """``scheme``: ``chi`` or ``css``, the harm index the Demand chapter weights with (residents
    come from the ONS estimates of the ``district_population`` dataset)."""

    scheme: str


@dataclass(frozen=True)
class Edition:
    """One edition of the book: which forces, which year, which data files, which settings."""

    source: Path
    root: Path
    edition: str
    title: str
    organisation: str
    assessment_year: str
    as_of: str
    forces: tuple[str, ...]
    registry: ForceRegistry = field(hash=False, repr=False)
    periods: dict[str, Period] = field(hash=False)
    data: dict[str, Path] = field(hash=False)
    thresholds: Thresholds = field(hash=False)
    specials: SpecialsParams = field(hash=False)
    hate_crime: HateCrimeParams | None = field(hash=False)
    harm: HarmParams = field(hash=False)
    raw: dict = field(hash=False, repr=False)
    """The parameter file as read, for hashing the sections a chapter declares."""
    wait_for_data: tuple[str, ...] = ()
    look_back: bool = False
    marking: str = DEFAULT_MARKING
    """The protective marking printed on every page of the HTML and the PDF (one of MARKINGS)."""
    previous_edition: Path | None = None
    """The parameter file of the edition this one is compared with on its changes page, or None."""
    significance: float = DEFAULT_SIGNIFICANCE
    """The false discovery rate (a fraction) below which a change is called higher or lower: one
    level for every test of the edition."""

    @property
    def last_month(self) -> str:
        """The latest month (YYYY-MM) wholly on or before the as-of date."""
        return last_complete_month(self.as_of)

    def path(self, dataset: str) -> Path:
        """Absolute path of ``dataset``'s file or folder for this edition."""
        if dataset not in self.data:
            raise ConfigError(self.source, f"data.{dataset}", "a path for this dataset")
        return self.data[dataset]

    @property
    def assessment_period(self) -> Period:
        """The period the assessment reports (``periods.assessment``): the financial year unless stated."""
        return self.periods[ASSESSMENT]

    @property
    def has_several_forces(self) -> bool:
        """True when the edition covers more than one force."""
        return len(self.forces) > 1


def default_params(root: str | Path) -> str:
    """The default edition's parameter file, from the project root, as pyproject.toml names it."""
    project = Path(root) / PROJECT_FILE
    try:
        return tomllib.loads(project.read_text(encoding="utf-8"))["tool"]["assess"]["default_params"]
    except (OSError, KeyError, tomllib.TOMLDecodeError):
        raise ConfigError(project, "tool.assess.default_params", "the default edition's parameter file") from None


def load_edition(params_file: str | Path, project_root: str | Path | None = None) -> Edition:
    """Read and validate an edition's parameter file; paths resolve against ``project_root``.

    ``project_root`` defaults to the current working directory. A relative ``params_file`` is
    looked for from the working directory, then from the project root.
    """
    source = Path(params_file)
    root = Path(project_root or ".").resolve()
    if not source.is_absolute():
        source = source.resolve() if source.exists() else root / source
    raw = _read_params(source)
    for key in raw:
        if key not in _TOP_LEVEL and key not in _OPTIONAL:
            raise ConfigError(
                source,
                str(key),
                _suggest(key, [*_TOP_LEVEL, *_OPTIONAL]) or "one of " + ", ".join(_TOP_LEVEL),
                found="an unknown key",
            )
    for key, expected in _TOP_LEVEL.items():
        if key not in raw:
            raise ConfigError(source, key, expected, found="nothing (the key is missing)")

    edition = _text(source, raw, "edition")
    if not _EDITION_ID.fullmatch(edition):
        raise ConfigError(source, "edition", _TOP_LEVEL["edition"], found=edition)
    year = _text(source, raw, "assessment_year")
    if not is_financial_year(year):
        raise ConfigError(source, "assessment_year", _TOP_LEVEL["assessment_year"], found=raw["assessment_year"])

    as_of = raw["as_of"]
    if not is_date(as_of):
        raise ConfigError(source, "as_of", _TOP_LEVEL["as_of"], found=as_of)
    data = _data_paths(source, root, raw["data"])
    registry = _registry(source, data)
    forces = _forces(source, raw["forces"], registry)
    look_back = raw.get("look_back", False)
    if not isinstance(look_back, bool):
        raise ConfigError(source, "look_back", _OPTIONAL["look_back"], found=look_back)
    return Edition(
        source=source,
        root=root,
        edition=edition,
        title=_text(source, raw, "title"),
        organisation=_text(source, raw, "organisation"),
        assessment_year=year,
        as_of=as_of,
        forces=forces,
        registry=registry,
        periods=_periods(source, root, raw["periods"], year, as_of, look_back),
        data=data,
        thresholds=_thresholds(source, raw["thresholds"]),
        specials=_specials(source, raw.get("specials", {}), forces),
        hate_crime=_hate_crime(source, raw["hate_crime"]) if raw.get("hate_crime") is not None else None,
        harm=_harm(source, raw["harm"]),
        raw=raw,
        wait_for_data=_chapter_names(source, raw.get("wait_for_data", [])),
        look_back=look_back,
        marking=_marking(source, raw.get("marking", DEFAULT_MARKING)),
        previous_edition=_previous(source, root, raw.get("previous_edition"), edition),
        significance=_significance(source, raw.get("significance", DEFAULT_SIGNIFICANCE)),
    )


def _significance(source: Path, value: object) -> float:
    """The edition's significance level: a number strictly between 0 and 0.5."""
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 < value < 0.5:
        raise ConfigError(source, "significance", _OPTIONAL["significance"], found=value)
    return float(value)


def _marking(source: Path, value: object) -> str:
    """The protective marking, exactly one of MARKINGS (capitals, as printed)."""
    if value not in MARKINGS:
        raise ConfigError(source, "marking", _OPTIONAL["marking"], found=value)
    return value


def _previous(source: Path, root: Path, value: object, edition: str) -> Path | None:
    """The parameter file ``<value>.yml`` beside ``source``, else in the project's ``params/``, or
    None when ``value`` is None. It can never be the edition itself: not ``source``, not a file
    named after the edition ``edition``, and not a file whose own ``edition`` is ``edition`` (a
    copy of this edition kept elsewhere)."""
    if value is None:
        return None
    if value == edition:
        raise ConfigError(source, "previous_edition", "an edition other than this one", found=value)
    found = None
    if isinstance(value, str) and _EDITION_ID.fullmatch(value):
        places = (source.parent / f"{value}.yml", root / PARAMS_FOLDER / f"{value}.yml")
        found = next((p for p in places if p.is_file() and p.resolve() != source.resolve()), None)
    if found is None:
        raise ConfigError(source, "previous_edition", _OPTIONAL["previous_edition"], found=value)
    named = _edition_named(found)
    if named == edition:
        raise ConfigError(
            source,
            "previous_edition",
            f"an edition other than this one ({found.name} is edition '{named}')",
            found=value,
        )
    return found


def _edition_named(params: Path) -> object:
    """The ``edition`` a parameter file names (None when it cannot be read): to tell an earlier
    edition from a copy of this one."""
    try:
        raw = read_yaml(params, what="a parameter file")
    except InputError:
        return None
    return raw.get("edition") if isinstance(raw, dict) else None


def _suggest(name: object, choices) -> str:
    """ "did you mean 'x'?" for the choice closest to a mistyped ``name``, or "" when none is close."""
    close = difflib.get_close_matches(str(name), [str(c) for c in choices], n=1)
    return f"a known key (did you mean '{close[0]}'?)" if close else ""


def _chapter_names(source: Path, value: object) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(v, str) and _EDITION_ID.fullmatch(v) for v in value):
        raise ConfigError(source, "wait_for_data", _OPTIONAL["wait_for_data"], found=value)
    return tuple(value)


def _read_params(source: Path) -> dict:
    if not source.is_file():
        raise ConfigError(source, "(file)", "a parameter file at this path", found="nothing")
    try:
        raw = read_yaml(source)
    except InputError as err:
        raise ConfigError(source, "(file)", f"valid YAML ({err.expected}{_at(err)})") from None
    if not isinstance(raw, dict):
        raise ConfigError(source, "(file)", "a mapping of keys to values", found=type(raw).__name__)
    return raw


def _at(err: InputError) -> str:
    return f" at line {err.row}" if err.row is not None else ""


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
    try:
        catalogue = read_yaml(root / CATALOGUE)["datasets"]
    except (InputError, KeyError, TypeError):
        raise ConfigError(root / CATALOGUE, "datasets", "the data catalogue, a mapping of dataset names") from None
    paths = {}
    for name, rel in _mapping(source, value, "data").items():
        key = f"data.{name}"
        if name not in catalogue:
            raise ConfigError(
                source, key, _suggest(name, catalogue) or f"a dataset named in {CATALOGUE}", found="an unknown dataset"
            )
        path = inside_project(root, rel, key, source)
        if not path.exists():
            raise ConfigError(source, key, "an existing file or folder", found=rel)
        paths[name] = path
    if "forces" not in paths:
        raise ConfigError(source, "data.forces", "the path of the forces lookup (data/reference/forces.csv)")
    return paths


def _registry(source: Path, data: dict[str, Path]) -> ForceRegistry:
    try:
        return read_forces(data["forces"])
    except InputError as err:
        raise ConfigError(source, "data.forces", f"a valid forces lookup ({err})") from None


def _forces(source: Path, value: object, registry: ForceRegistry) -> tuple[str, ...]:
    if not isinstance(value, list) or not value or not all(isinstance(v, str) for v in value):
        raise ConfigError(source, "forces", _TOP_LEVEL["forces"], found=value)
    for i, force in enumerate(value):
        if force not in registry.names:
            raise ConfigError(source, f"forces[{i}]", "a force named in the forces lookup", found=force)
    if len(set(value)) != len(value):
        raise ConfigError(source, "forces", "each force once", found=value)
    return tuple(value)


def _periods(source: Path, root: Path, value: object, year: str, as_of: str, look_back: bool) -> dict[str, Period]:
    """The period of the assessment and of every dated dataset: as the parameters state it, else
    by the catalogue's ``default_period`` rule for that dataset, from the as-of date. No period may
    end after the as-of date unless the edition looks back."""
    catalogue = read_yaml(root / CATALOGUE)["datasets"]
    stated = value if value is not None else {}
    if not isinstance(stated, dict):
        raise ConfigError(source, "periods", _TOP_LEVEL["periods"], found=value)
    periods = {ASSESSMENT: Period(f"{year[:4]}-04", f"{int(year[:4]) + 1}-03")}
    for name, entry in catalogue.items():
        if "default_period" in entry:
            periods[name] = resolve_period(
                _rule(CATALOGUE, entry["default_period"], f"datasets.{name}.default_period"), as_of
            )
    for name, spec in stated.items():
        key = f"periods.{name}"
        if name != ASSESSMENT and name not in catalogue:
            raise ConfigError(
                source, key, _suggest(name, [ASSESSMENT, *catalogue]) or "a dataset name", found="an unknown period"
            )
        periods[name] = resolve_period(_rule(source, spec, key), as_of)
        if not look_back and name != ASSESSMENT and periods[name].end > last_complete_month(as_of):
            raise ConfigError(
                source,
                f"{key}.end",
                f"a month no later than the as-of date {as_of} (or look_back: true)",
                found=periods[name].end,
            )
    return periods


def _rule(source: Path, spec: object, key: str) -> dict:
    """A period rule checked: {start, end}, {months: N[, lag: L]} or {financial_years: N[, lag: L]}."""
    if isinstance(spec, dict) and set(spec) == {"start", "end"}:
        _period(source, spec, key)
        return spec
    if (
        isinstance(spec, dict)
        and len(set(spec) & {"months", "financial_years"}) == 1
        and set(spec) <= {"months", "financial_years", "lag"}
    ):
        for name, low in (("months", 1), ("financial_years", 1), ("lag", 0)):
            if name in spec:
                _whole(source, spec[name], f"{key}.{name}", f"a whole number of {low} or more", low)
        return spec
    raise ConfigError(
        source, key, "{start: YYYY-MM, end: YYYY-MM}, {months: N, lag: L} or {financial_years: N, lag: L}", found=spec
    )


def _period(source: Path, spec: object, key: str) -> Period:
    if not isinstance(spec, dict) or set(spec) != {"start", "end"}:
        raise ConfigError(source, key, "a mapping with exactly start and end", found=spec)
    for end in ("start", "end"):
        if not is_month(spec[end]):
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


def _whole(source: Path, value: object, key: str, expected: str, low: int, high: int | None = None) -> int:
    """``value`` checked to be a whole number from ``low`` to ``high``."""
    if isinstance(value, bool) or not isinstance(value, int) or value < low or (high is not None and value > high):
        raise ConfigError(source, key, expected, found=value)
    return value


def _per_force(source: Path, value: object, key: str, forces: tuple[str, ...]) -> dict[str, float]:
    """A number of 0 or more for one or more of the edition's forces (those the setting is known
    for), and for no other; in the edition's order of forces."""
    if not isinstance(value, dict) or not value:
        raise ConfigError(source, key, "a mapping of one or more of the edition's forces to numbers", found=value)
    for force, number in value.items():
        if force not in forces:
            raise ConfigError(source, f"{key}.{force}", "one of the edition's forces", found="another force")
        if isinstance(number, bool) or not isinstance(number, (int, float)) or not 0 <= number < float("inf"):
            raise ConfigError(source, f"{key}.{force}", "a number of 0 or more", found=number)
    return {force: float(value[force]) for force in forces if force in value}


def _specials(source: Path, value: object, forces: tuple[str, ...]) -> SpecialsParams:
    if not isinstance(value, dict):
        raise ConfigError(source, "specials", _OPTIONAL["specials"], found=value)
    unknown = sorted(set(value) - {"projection"})
    if unknown:
        raise ConfigError(source, f"specials.{unknown[0]}", "projection", found="an unknown key")
    if value.get("projection") is None:
        return SpecialsParams(projection=None, recruits_per_month={}, leavers_per_month={})
    projection = _keys(
        source, value["projection"], "specials.projection", {"start", "end", "recruits_per_month", "leavers_per_month"}
    )
    recruits = _per_force(source, projection["recruits_per_month"], "specials.projection.recruits_per_month", forces)
    leavers = _per_force(source, projection["leavers_per_month"], "specials.projection.leavers_per_month", forces)
    if set(recruits) != set(leavers):
        raise ConfigError(
            source,
            "specials.projection.leavers_per_month",
            "the same forces as recruits_per_month",
            found=sorted(leavers),
        )
    return SpecialsParams(
        projection=_period(source, {"start": projection["start"], "end": projection["end"]}, "specials.projection"),
        recruits_per_month=recruits,
        leavers_per_month=leavers,
    )


def _thresholds(source: Path, value: object) -> Thresholds:
    spec = _keys(source, value, "thresholds", {"suppress_below"})
    return Thresholds(
        _whole(
            source,
            spec["suppress_below"],
            "thresholds.suppress_below",
            "a whole number of 0 or more: counts below it are not published",
            0,
        )
    )


def _hate_crime(source: Path, value: object) -> HateCrimeParams:
    spec = _keys(source, value, "hate_crime", {"step_at", "step_event"})
    if not is_month(spec["step_at"]):
        raise ConfigError(source, "hate_crime.step_at", "a month written YYYY-MM in quotes", found=spec["step_at"])
    if not isinstance(spec["step_event"], str) or not spec["step_event"].strip():
        raise ConfigError(source, "hate_crime.step_event", "the event at the step, as text", found=spec["step_event"])
    return HateCrimeParams(spec["step_at"], spec["step_event"].strip())


def _harm(source: Path, value: object) -> HarmParams:
    spec = _keys(source, value, "harm", {"scheme"})
    if spec["scheme"] not in ("chi", "css"):
        raise ConfigError(
            source,
            "harm.scheme",
            "chi (Cambridge Crime Harm Index) or css (ONS Crime Severity Score)",
            found=spec["scheme"],
        )
    return HarmParams(spec["scheme"])
