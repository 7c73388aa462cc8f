"""Scaffold next year's edition parameters from this year's (``assess new-year``).

The new file is this year's, read and written back with its comments (ruamel.yaml round trip),
with the year, the as-of date and every stated period moved on by the years between the two
editions; period rules (``{months: N, lag: L}``) stay rules and so move with the as-of date. Only
the datasets the edition's chapters read (their modules' declarations, ``assess.chapters``, and
what their readers also read) are looked at, and only files that can exist are asked for:

- a dated dataset whose file of last year already covers its moved period keeps it (a series
  that runs past the new year); one whose moved period starts before the first month its series
  holds, the file covering the rest, gets its period stated from that month, with a comment that
  no earlier data exists (:class:`Started`), rather than a file that cannot exist;
- a series whose reader joins it to a later file (the archive of monthly counts and the year's
  counts: ``READERS[name].needs``) asks for that later file from the month after the series
  stops, so that the two join without a gap, and for no later file when the series alone covers
  its period (:class:`Dropped`);
- any other dated dataset that is yearly (``yearly: true`` in the catalogue) or whose file stops
  short of its moved period is asked for (:class:`Needed`), in a new file or folder for the year
  (:func:`~assess.build.newyear_paths.next_year_path`); so are the registers, undated and yearly.

By default each asked dataset's line under ``data:`` points at the path to supply: until the file
is there the build stops in one line naming it. With ``wait_for_data`` the lines are commented out
and the chapters reading them are listed under ``wait_for_data`` (they build as pages naming what
they wait for); otherwise the new file lists no ``wait_for_data``.

A table transcribed from a printed assessment (``printed_in`` in the catalogue) whose file is data
as received (under ``data/raw/``), such as the Special Constabulary's hours, establishment and
flows, has no later edition: the print is what there is. The new edition keeps its file and its
own period (stated in ``periods``, pinned there from a rule if need be), is not asked for it, and
the scaffold says so (:func:`printed_tables`); the Specials projection, which runs on the printed
flows' rates, keeps its printed start and end with them. Registers also name a ``printed_in``
(their content came from a print) but live in ``data/reference/``: the analysts revise them, so
they are asked for.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap
from ruamel.yaml.scalarstring import DoubleQuotedScalarString

from ..chapters import ALL, chapter_module
from ..edition import PARAMS_FOLDER, load_edition
from ..errors import ConfigError
from ..periods import Period, is_financial_year, month_label, months_apart, shift_month, span_label
from ..read.catalogue import read_catalogue
from ..read.dating import Cut, cut, month_runs
from ..read.paths import shown_path
from ..read.registry import READERS, read_dataset
from .declarations import read_declaration
from .newyear_paths import RAW, name_months, next_year_path
from .project import Project, chapter_notebooks

EVERY_FORCE = "every force of England and Wales"
"""Whose data a file must hold when a chapter compares every force with the edition's."""


@dataclass(frozen=True)
class Needed:
    """A file the new edition still needs: its dataset, the path expected (from the project
    root) and the period it must cover (None for a dataset that is not dated, e.g. a register)."""

    dataset: str
    path: str
    period: Period | None
    forces: tuple[str, ...] = ()
    why: str = ""
    """Why the file must cover more than its own period, or which months the file given lacks."""
    every_force: bool = False
    """True when a chapter reading it compares every force of England and Wales (``EVERY_FORCE``
    in its module), so the file must hold them all."""

    @property
    def cover(self) -> str:
        """What the file must hold: ``must cover April 2020 to March 2021``, or this year's version,
        and why where the scaffold found months missing."""
        forces = (EVERY_FORCE,) if self.every_force else self.forces
        whose = f" for {' and '.join(forces)}" if forces else ""
        what = f"must cover {span_label(self.period, 'long')}" if self.period else "this year's version"
        return what + whose + (f"; {self.why}" if self.why else "")

    def line(self) -> str:
        """``dataset: path (must cover ...)``, one line to print."""
        return f"{self.dataset}: {self.path} ({self.cover})"


@dataclass(frozen=True)
class Kept:
    """A table transcribed from a printed assessment that the new edition keeps as it is: its
    dataset, its file (from the project root), its own period (None for a table not dated in
    months) and where it was printed."""

    dataset: str
    path: str
    period: Period | None
    printed_in: str

    def line(self) -> str:
        """``dataset: path (January 2013 to September 2016, as printed in ...)``, one line to print."""
        span = f"{span_label(self.period, 'long')}, " if self.period else ""
        return f"{self.dataset}: {self.path} ({span}as printed in {self.printed_in}; no later edition)"


@dataclass(frozen=True)
class Started:
    """A dataset whose moved period started before the first month its series holds: the new
    edition states its ``period`` from that month (no earlier data exists) and keeps its file."""

    dataset: str
    period: Period

    @property
    def why(self) -> str:
        """The comment beside the stated period."""
        return f"the series begins in {month_label(self.period.start, 'long')}: no earlier data exists"

    def line(self) -> str:
        """``dataset: January 2015 to October 2017 (the series begins ...)``, one line to print."""
        return f"{self.dataset}: {span_label(self.period, 'long')} ({self.why})"


@dataclass(frozen=True)
class Dropped:
    """A later file of a series that the new edition does not need: the series it continues
    (``joins``) holds every month of its own period. Its line under ``data:`` is commented out."""

    dataset: str
    joins: str

    @property
    def why(self) -> str:
        return f"not needed: {self.joins} holds every month of its period"

    def line(self) -> str:
        return f"{self.dataset} ({self.why})"


@dataclass(frozen=True)
class Scaffolded:
    """What ``assess new-year`` wrote: the new parameter file's ``path``; the files it still
    ``needed``; the printed tables ``kept`` with their own period; the periods ``started`` from
    their series' first month; the later files ``dropped``; the chapters listed under
    ``wait_for_data`` (``waiting``, empty unless asked); whether the Specials projection was
    moved on (``projection_moved``; False when it is kept as printed or the edition makes none);
    and whether the lines to supply were commented out (``commented``, with ``--wait-for-data``:
    a chapter that reads a dataset only when named builds without it, so none may wait)."""

    path: Path
    needed: list[Needed]
    kept: list[Kept]
    started: list[Started]
    dropped: list[Dropped]
    waiting: list[str]
    projection_moved: bool
    commented: bool = False


def printed_tables(edition, names, catalogue: dict[str, dict]) -> list[Kept]:
    """The datasets of ``names`` that the edition reads from a table transcribed from a printed
    assessment: ``printed_in`` in the catalogue and a file of data as received (``data/raw/``).
    Each as kept: its file and the edition's period for it."""
    raw = (edition.root / RAW).resolve()
    return [
        Kept(name, shown_path(edition.path(name), edition.root), edition.periods.get(name), entry["printed_in"])
        for name in names
        if (entry := catalogue.get(name, {})).get("printed_in")
        and name in edition.data
        and edition.path(name).resolve().is_relative_to(raw)
    ]


def chapter_datasets(root: Path, edition) -> dict[str, list[str]]:
    """The datasets the edition's chapters read (as declared, with what their readers also
    read), each with the chapters that read it, in catalogue order."""
    readers: dict[str, list[str]] = {}
    for chapter in chapter_notebooks(Project(root)):
        declaration = read_declaration(root / "notebooks" / f"{chapter}.ipynb")
        named = set(declaration.dataset_names(edition.data))
        for name in list(named):
            named.update(READERS[name].needs if name in READERS else ())
        for name in named & set(edition.data):
            readers.setdefault(name, []).append(chapter)
    order = list(read_catalogue(root))
    return dict(sorted(readers.items(), key=lambda item: order.index(item[0])))


def _chapters_waiting(root: Path) -> dict[str, set[str]]:
    """The chapters that wait for each dataset when it is not supplied: those that declare it
    (not as optional), or a series that their reader joins it to (a dated dataset a reader also
    reads: without it the series stops short)."""
    waiting: dict[str, set[str]] = {}
    for chapter in chapter_notebooks(Project(root)):
        named = set(read_declaration(root / "notebooks" / f"{chapter}.ipynb").dataset_names(()))
        for name in list(named):
            named.update(n for n in READERS[name].needs if READERS[n].dated is not None)
        for name in named:
            waiting.setdefault(name, set()).add(chapter)
    return waiting


def _declared(root: Path, edition) -> tuple[set[str], set[str]]:
    """The datasets some chapter declares itself (not only read by another's reader), and those
    some chapter reads for every force of England and Wales (its module's ``EVERY_FORCE``)."""
    declared, every = set(), set()
    for chapter in chapter_notebooks(Project(root)):
        declaration = read_declaration(root / "notebooks" / f"{chapter}.ipynb")
        if declaration.datasets != ALL:  # a chapter describing every dataset reads none for itself
            declared.update(declaration.dataset_names(edition.data))
        every.update(getattr(chapter_module(chapter), "EVERY_FORCE", ()))
    return declared, every


def _round_trip() -> YAML:
    yaml = YAML()
    yaml.preserve_quotes = True
    yaml.width = 4096  # never fold a long line the analysts wrote on one
    yaml.indent(mapping=2, sequence=4, offset=2)
    return yaml


def _same_style(old, new: str):
    """``new`` written as ``old`` was (quoted or not)."""
    return type(old)(new) if isinstance(old, str) else new


def _moved_month(old, years: int):
    return _same_style(old, shift_month(str(old), 12 * years))


def scaffold(params_file: str | Path, year: str, root: str | Path, wait_for_data: bool = False) -> Scaffolded:
    """Write ``params/<edition for year>.yml`` next to ``params_file``, whose ``previous_edition``
    names ``params_file``; returns what it wrote and what the new edition still needs
    (:class:`Scaffolded`), each list in catalogue order. ``wait_for_data``: comment out the
    lines of the datasets still to supply and list the chapters reading them under
    ``wait_for_data``, so that the edition builds while its data comes in.

    Raises ConfigError when this year's file is not in a ``params/`` folder (the project's, or a
    copy's outside the project: nothing is written anywhere else), is not valid, ``year`` is not a
    later financial year, or the new file exists already (it is never overwritten).
    """
    root = Path(root).resolve()
    source = Path(params_file) if Path(params_file).is_absolute() else root / params_file
    folder = source.resolve().parent
    if folder.name != PARAMS_FOLDER or (folder.is_relative_to(root) and folder != root / PARAMS_FOLDER):
        raise ConfigError(
            source, "(file)", f"a parameter file in the project's {PARAMS_FOLDER}/ folder (new-year writes only there)"
        )
    edition = load_edition(source, root)  # this year's file must be valid to start from
    old = edition.assessment_year
    if not is_financial_year(year):
        raise ConfigError(source, "--year", "a financial year written YYYY-YY, such as 2017-18", found=year)
    years = int(year[:4]) - int(old[:4])
    if years <= 0:
        raise ConfigError(source, "--year", f"a year after {old}", found=year)

    yaml = _round_trip()
    new = yaml.load(source.read_text(encoding="utf-8"))
    new["edition"] = _same_style(
        new["edition"], edition.edition.replace(old, year) if old in edition.edition else f"{edition.edition}-{year}"
    )
    target = source.with_name(f"{new['edition']}.yml")
    if target.exists():
        raise ConfigError(target, "(file)", "a new file: this edition's parameters exist already", found=str(target))
    new["title"] = _same_style(new["title"], new["title"].replace(old.replace("-", "/"), year.replace("-", "/")))
    new["assessment_year"] = _same_style(new["assessment_year"], year)
    as_of = pd.Timestamp(edition.as_of) + pd.DateOffset(years=years)
    new["as_of"] = _same_style(new["as_of"], f"{as_of:%Y-%m-%d}")
    # Next year's changes page compares with this year's edition, whether or not this year's named one.
    if "previous_edition" in new and new["previous_edition"] is not None:
        new["previous_edition"] = _same_style(new["previous_edition"], source.stem)
    else:
        new.pop("previous_edition", None)
        new.insert(list(new).index("as_of") + 1, "previous_edition", source.stem)
    catalogue = read_catalogue(root)
    used = chapter_datasets(root, edition)
    declared, every_force = _declared(root, edition)
    kept = printed_tables(edition, list(used), catalogue)
    printed = {k.dataset for k in kept}
    for name, spec in (new.get("periods") or {}).items():
        if "start" in spec and name not in printed:  # a rule ({months: N, lag: L}) moves with the as-of date
            spec["start"], spec["end"] = _moved_month(spec["start"], years), _moved_month(spec["end"], years)
    _pin_periods(new, kept)
    projection_moved = _move_projection(new, years, keep="specials_flows" in printed)

    plan = _Plan(edition, used, declared, printed, catalogue)
    plan.cover(_scratch_edition(new, target, root, yaml, drop=plan.joined))
    for item in plan.started:
        _state_period(new, item.dataset, item.period, item.why)
    needed, found = plan.needed(new["data"], old, year, lambda n: n in every_force)
    supplied = [n.dataset for n in needed]
    for name, path in [*((n.dataset, n.path) for n in needed), *found.items()]:
        new["data"][name] = _same_style(new["data"][name], path)
    requiring = _chapters_waiting(root)
    waiting = sorted({c for n in needed for c in requiring.get(n.dataset, ())}) if wait_for_data else []

    text = _data_lines(_dump(yaml, new), {n.dataset: n.cover for n in needed}, wait_for_data, plan.dropped)
    text = _wait_for_data(text, waiting)
    header = _header(new["title"], source.name, years, projection_moved, needed, kept, plan, waiting, wait_for_data)
    written = "\n".join(header) + "\n" + text
    # Valid as written once its files are supplied: checked with the lines to supply left out.
    _check_valid(
        target, written if wait_for_data else _data_lines(written, dict.fromkeys(supplied, ""), True, []), root
    )
    target.write_text(written, encoding="utf-8")
    return Scaffolded(target, needed, kept, plan.started, plan.dropped, waiting, projection_moved, wait_for_data)


def _header(title, source_name, years, projection_moved, needed, kept, plan, waiting, commented) -> list[str]:
    """The comment lines heading the new file: where it came from, what moved, what to supply."""
    projection = (
        "the Specials projection moved on too"
        if projection_moved
        else "the Specials projection, if any, kept as printed (it runs on the printed flows' rates)"
    )
    header = [
        f"# {title}: scaffolded by `assess new-year` from {source_name}; check every value.",
        f"# The year, as_of and the stated periods moved on by {years} year(s); {projection}.",
    ]
    if needed:
        how = (
            "then remove the '# ' before its line under data:"
            + (" and its chapters from wait_for_data" if waiting else "")
            if commented
            else "its line under data: points there already; the build stops naming the first file not there"
        )
        header.append(f"# Still needed (put each at its path, {how}):")
        header += [f"#   {n.line()}" for n in needed]
    if plan.started:
        header.append("# Stated from the first month their series holds (no earlier data exists):")
        header += [f"#   {s.line()}" for s in plan.started]
    if plan.dropped:
        header.append("# Later files not needed this year (their lines under data: are commented out):")
        header += [f"#   {d.line()}" for d in plan.dropped]
    if kept:
        header.append(f"# Kept as printed, each with its own period ({KEPT_WHY}):")
        header += [f"#   {k.line()}" for k in kept]
    header.append(
        "# Registers: each entry says in 'reviewed' the month it was last reviewed; an entry not reviewed"
        " for this year is shown as carried forward (data/reference/registers/README.md)."
    )
    return header


KEPT_WHY = "tables transcribed from a printed assessment have no later edition, so none is asked for"
"""Why the scaffold keeps the printed tables, as it prints it."""


def _move_projection(new, years: int, keep: bool) -> bool:
    """Move the Specials projection's start and end on by ``years`` unless ``keep`` (it runs on
    the rates of flows kept as printed, whose months do not move); True when it was moved."""
    projection = (new.get("specials") or {}).get("projection")
    if not projection or keep:
        return False
    projection["start"], projection["end"] = (
        _moved_month(projection["start"], years),
        _moved_month(projection["end"], years),
    )
    return True


def _pin_periods(new, kept: list[Kept]) -> None:
    """State each kept printed table's own period in the new file's ``periods`` where the file
    gave it by a rule or by the catalogue's default (which would follow the new as-of date), with
    a comment saying why; a stated period is left as it is (not moved)."""
    periods = new.setdefault("periods", CommentedMap())
    for item in kept:
        if item.period is None or "start" in periods.get(item.dataset, {}):
            continue
        _state_period(new, item.dataset, item.period, f"as printed in {item.printed_in}: no later edition")


def _state_period(new, name: str, period: Period, why: str) -> None:
    """State ``period`` for dataset ``name`` in the new file's ``periods``, ``why`` beside it."""
    periods = new.setdefault("periods", CommentedMap())
    spec = CommentedMap(start=DoubleQuotedScalarString(period.start), end=DoubleQuotedScalarString(period.end))
    spec.fa.set_flow_style()
    periods[name] = spec
    periods.yaml_add_eol_comment(why, name)


class _Plan:
    """Which dated datasets the new edition keeps, states from their series' first month, or
    needs anew, from how far last year's files cover the moved periods."""

    def __init__(self, edition, used: dict[str, list[str]], declared: set[str], printed: set[str], catalogue):
        self.edition, self.used, self.printed, self.catalogue = edition, used, printed, catalogue
        self.joined = {
            later
            for name in used
            for later in READERS[name].needs
            if later in used and later not in declared and READERS[later].dated is not None
        }
        """Later files a reader joins to its series (read only through that reader)."""
        self.started: list[Started] = []
        self.dropped: list[Dropped] = []
        self.asks: dict[str, _Ask] = {}
        """Dated datasets whose file of last year does not cover their moved period, and later
        files asked for to continue a series."""
        self.periods: dict[str, Period] = {}

    def cover(self, scratch) -> None:
        """Check every dated dataset the chapters read against its moved period in ``scratch``
        (the new edition with last year's files, the later files of a series left out)."""
        self.periods = scratch.periods
        for name in self.used:
            if name in self.printed or name in self.joined or READERS[name].dated is None:
                continue
            if name not in scratch.periods or name not in scratch.data:
                continue
            self._cover(scratch, name)
        for later in sorted(self.joined):
            if later not in self.asks and later in self.edition.data:
                series = next(n for n in self.used if later in READERS[n].needs)
                self.dropped.append(Dropped(later, series))

    def _cover(self, scratch, name: str) -> None:
        frame, dating = read_dataset(scratch, name), READERS[name].dated
        asked = scratch.periods[name]
        whole = cut(frame, dating, asked)
        if whole.covered:
            return
        holds, trimmed = whole.holds, None
        if holds is not None and asked.start < holds.start <= asked.end:
            trimmed = cut(frame, dating, Period(holds.start, asked.end))
            if trimmed.covered:  # the series begins later: no earlier data exists
                self.started.append(Started(name, Period(holds.start, asked.end)))
                return
        later = next((n for n in READERS[name].needs if n in self.joined and n in self.edition.data), None)
        base = trimmed or whole
        if later is not None and holds is not None and _short_at_the_end_only(base, holds, asked):
            if trimmed is not None:
                self.started.append(Started(name, Period(holds.start, asked.end)))
            start = min(shift_month(holds.end, 1), self.periods.get(later, asked).start)
            why = (
                f"it continues {name}, which stops at {month_label(holds.end, 'long')}: "
                f"without it the series has no rows for {month_runs(base.missing)}"
            )
            self.asks[later] = _Ask(Period(start, asked.end), why, None)
            return
        lacking = "" if self.catalogue[name].get("yearly") or not whole.missing else month_runs(whole.missing)
        self.asks[name] = _Ask(asked, f"the file given holds no rows for {lacking}" if lacking else "", holds)

    def needed(self, data, old: str, year: str, every_force) -> tuple[list[Needed], dict[str, str]]:
        """The files to supply, each at its path for the new year (datasets that shared last
        year's file share the new one, named by the months they cover together), and the new
        year's files already in place, by dataset."""
        asks = {
            name: self.asks.get(name, _Ask(None, "", None))
            for name in self.used
            if name in self.asks
            or (self.catalogue[name].get("yearly") and READERS[name].dated is None and name not in self.printed)
        }
        sharing: dict[str, list[_Ask]] = {}
        for name, ask in asks.items():
            sharing.setdefault(str(data[name]), []).append(ask)
        needed, found = [], {}
        for name, ask in asks.items():
            path = next_year_path(str(data[name]), old, year, _naming(str(data[name]), sharing[str(data[name])]))
            if (self.edition.root / path).exists():
                found[name] = path  # supplied already: the build checks it
            else:
                why = ask.why if ask.period is not None else _year_labels(self.edition.path(name), year)
                needed.append(Needed(name, path, ask.period, self.edition.forces, why, every_force(name)))
        return needed, found


_YEAR_LABELS = ("this_year_label", "last_year_label")
"""The keys of a register that name its years (``assess.read.registers.check_year_labels``)."""


def _year_labels(register: Path, year: str) -> str:
    """What a register of last year (``register``) must say of its years in the new ``year``'s
    folder (its ``this_year_label`` and ``last_year_label``, where it has them), else ""."""
    if register.suffix not in (".yml", ".yaml"):
        return ""
    keys = [k for k in _YEAR_LABELS if k in (YAML(typ="safe").load(register.read_text(encoding="utf-8")) or {})]
    first = int(year[:4])
    wanted = {
        "this_year_label": f"{first}/{(first + 1) % 100:02d}",
        "last_year_label": f"{first - 1}/{first % 100:02d} or {first - 1}",
    }
    return "; ".join(f"its {k} must name {wanted[k]}" for k in keys)


@dataclass(frozen=True)
class _Ask:
    """A file asked for: the ``period`` it must cover (None: a register), ``why`` it must cover
    more or which months last year's lacks, and the months last year's file ``holds`` (None:
    not read)."""

    period: Period | None
    why: str
    holds: Period | None


def _naming(path: str, asks: list[_Ask]) -> Period | None:
    """The months the new file's name gives, for the asks of the datasets that read ``path``: the
    months they must cover together, the first as far before or after the first month to cover
    as last year's name was from the first month its file held (a rolling year is named by its
    end: ``ye2018-03`` holds April 2017 on)."""
    periods = [a.period for a in asks if a.period is not None]
    if not periods:
        return None
    naming = Period(min(p.start for p in periods), max(p.end for p in periods))
    named, held = name_months(path), [a.holds.start for a in asks if a.holds is not None]
    if named is None or not held:
        return naming
    return Period(shift_month(naming.start, months_apart(min(held), named.start)), naming.end)


def _short_at_the_end_only(part: Cut, holds: Period, asked: Period) -> bool:
    """True when the file lacks months of the period only after the last month it holds."""
    return holds.end < asked.end and all(month > holds.end for month in part.missing)


def _dump(yaml: YAML, data) -> str:
    stream = io.StringIO()
    yaml.dump(data, stream)
    return stream.getvalue()


def _scratch_edition(new, target: Path, root: Path, yaml: YAML, drop: set[str]):
    """The new edition as ``load_edition`` reads it, with last year's data paths (so it loads
    before any new file exists) and without the datasets ``drop``: a scratch copy of the file,
    removed once read."""
    scratch = target.with_name(f".{target.name}.scratch")
    plain = yaml.load(_dump(yaml, new))
    for name in drop:
        plain["data"].pop(name, None)
    try:
        scratch.write_text(_dump(yaml, plain), encoding="utf-8")
        return load_edition(scratch, root)
    finally:
        scratch.unlink(missing_ok=True)


def _check_valid(target: Path, text: str, root: Path) -> None:
    """Load ``text`` as the new edition (from a scratch file beside ``target``): raises
    ConfigError, one line, when the scaffold would write a file that does not validate."""
    scratch = target.with_name(f".{target.name}.scratch")
    try:
        scratch.write_text(text, encoding="utf-8")
        load_edition(scratch, root)
    finally:
        scratch.unlink(missing_ok=True)


_DATA_LINE = re.compile(r"(\s+)([A-Za-z0-9_]+):")


def _data_lines(text: str, supply: dict[str, str], commented: bool, dropped: list[Dropped]) -> str:
    """``text`` with each line under ``data:`` of a dataset of ``supply`` followed by what its file
    must hold (``# supply: ...``), commented out when ``commented``; the lines of ``dropped``
    commented out, each followed by why."""
    notes = {d.dataset: d.why for d in dropped}
    lines, inside = text.splitlines(), False
    for i, line in enumerate(lines):
        if not line.startswith((" ", "#")) and line.strip():
            inside = line.startswith("data:")
            continue
        match = _DATA_LINE.match(line)
        if not (inside and match):
            continue
        if match[2] in supply:
            start = f"{match[1]}# " if commented else match[1]
            lines[i] = f"{start}{line.strip()}" + (f"  # supply: {supply[match[2]]}" if supply[match[2]] else "")
        elif match[2] in notes:
            lines[i] = f"{match[1]}# {line.strip()}  # {notes[match[2]]}"
    return "\n".join(lines) + "\n"


def _wait_for_data(text: str, waiting: list[str]) -> str:
    """``text`` without its ``wait_for_data`` key and the comment lines just above it; with
    ``waiting``, a new one listing those chapters after ``previous_edition``."""
    lines = text.splitlines()
    for i, line in enumerate(lines):
        if line.startswith("wait_for_data:"):
            first, last = i, i + 1
            while first > 0 and lines[first - 1].startswith("#"):
                first -= 1
            while last < len(lines) and lines[last].startswith((" ", "-")):  # a list written a line an item
                last += 1
            del lines[first:last]
            break
    if waiting:
        at = next(i for i, line in enumerate(lines) if line.startswith("previous_edition:")) + 1
        lines[at:at] = [
            "# Chapters that build as a page naming the data they wait for until their datasets are supplied:",
            "# once a dataset is in, remove the '# ' before its line under data: and its chapters from this list.",
            f"wait_for_data: [{', '.join(waiting)}]",
        ]
    return "\n".join(lines) + "\n"
