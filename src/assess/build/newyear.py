"""Scaffold next year's edition parameters from this year's (``assess new-year``).

The new file is this year's, read and written back with its comments (ruamel.yaml round trip),
with the year, the as-of date, every stated period and the Specials projection moved on by the
years between the two editions; period rules (``{months: N, lag: L}``) stay rules and so move
with the as-of date. Only the datasets the edition's chapters read (their ``open_chapter``
declarations) are asked for: a yearly dataset (``yearly: true`` in the catalogue) keeps last
year's file where that already covers its moved period, points at its new-year file where it
exists, else its line under ``data:`` is left commented out with the period the file must
cover; a dataset kept from last year whose file does not cover its moved period is asked for too
(naming the months it lacks), and the chapters reading it wait for it (``wait_for_data``). A
series whose reader joins it to a later file (the archive of monthly counts and the year's
counts) asks instead for that later file to run on from the archive's last month, so that the
two join without a gap.

A table transcribed from a printed assessment (``printed_in`` in the catalogue) whose file is data
as received (under ``data/raw/``), such as the Special Constabulary's hours, establishment and
flows, has no later edition: the print is what there is. The new edition keeps its file and its
own period (stated in ``periods``, pinned there from a rule if need be), is not asked for it, and
the scaffold says so (:func:`printed_tables`). Registers also name a ``printed_in`` (their content
came from a print) but live in ``data/reference/``: the analysts revise them, so they are asked for.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq

from ..edition import PARAMS_FOLDER, load_edition
from ..errors import ConfigError
from ..periods import Period, is_financial_year, shift_month, span_label
from ..read.catalogue import read_catalogue
from ..read.dating import PeriodNotCovered, month_runs
from ..read.paths import shown_path
from ..read.period_cut import uncovered
from ..read.registry import READERS
from .declarations import read_declaration
from .project import Project, chapter_notebooks

_SPAN = re.compile(r"(?<!\d)(?:19|20)\d{2}-(?:0[1-9]|1[0-2])_(?:19|20)\d{2}-(?:0[1-9]|1[0-2])(?!\d)")
_MONTH = re.compile(r"(?<!\d)(?:19|20)\d{2}-(?:0[1-9]|1[0-2])(?![\d-])")
_YEARS = re.compile(
    r"(?<!\d)"
    + "".join(f"(?<!{m})" for m in ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"))
    + r"((?:19|20)\d{2})(\d{2})?(?!\d)",
    re.IGNORECASE,
)
"""A year (or a year written ``201718``) in a file name, not one after a month (``mar2013-onwards``
names where a publisher's series starts, which stays)."""
_FINANCIAL_YEAR = re.compile(r"(?<!\d)((?:19|20)\d{2})-(\d{2})(?!\d)")
RAW = "data/raw/"
"""Where the data as received lies, from the project root: never written, so new files go in new folders."""
_KEEP = "\0"
"""Stands in for the new year while a file name's own months and years move (so they are not moved twice)."""


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

    @property
    def cover(self) -> str:
        """What the file must hold: ``must cover April 2020 to March 2021``, or this year's version,
        and why where the scaffold found months missing."""
        whose = f" for {' and '.join(self.forces)}" if self.forces else ""
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


def _next(first: str, second: str) -> bool:
    return (int(first) + 1) % 100 == int(second)


def next_year_path(path: str, old_year: str, new_year: str, period: Period | None = None) -> str:
    """Where a yearly dataset's file or folder lives in the new year, from the project root.

    A folder that names a financial year (``sa2016-17``) becomes the new year's; a file of
    ``data/raw/`` in any other folder goes into a new folder for the new year inside it
    (``data/raw/police_uk_street/2017-18/``), since files of ``data/raw/`` are never written and
    each new folder gets its own SOURCES.md. A file name naming the old year gets the new one;
    else one holding a month span (``..._2018-10_2019-02.csv``) gets ``period``'s span (or its
    months moved on by the years between, without ``period``), and one holding months, years or a
    year written ``201718`` gets them moved on. A path that changed neither way goes into a folder
    for the new year: beside the file (``src/2017-18/x.csv``) or inside the folder (``src/2017-18``).
    """
    years = int(new_year[:4]) - int(old_year[:4])
    folder, _, name = path.rpartition("/")
    if "." not in name:
        folder, name = path, ""

    def year_folder(m: re.Match) -> str:
        return new_year if _next(m[1], m[2]) else m[0]

    def moved_years(m: re.Match) -> str:
        if m[2] is None:
            return str(int(m[1]) + years)
        return f"{int(m[1]) + years}{(int(m[2]) + years) % 100:02d}" if _next(m[1], m[2]) else m[0]

    moved_folder = _FINANCIAL_YEAR.sub(year_folder, folder)
    if name and moved_folder == folder and folder.startswith(RAW):
        moved_folder = f"{folder}/{new_year}"  # raw folders are never written: a new file goes in a new folder
    folder = moved_folder
    if name:
        marked = name.replace(old_year, _KEEP)
        if period is not None and len(_SPAN.findall(marked)) == 1:
            marked = _SPAN.sub(f"{period.start}_{period.end}", marked)
        elif _MONTH.search(marked):
            marked = _MONTH.sub(lambda m: shift_month(m[0], 12 * years), marked)
        else:
            marked = _YEARS.sub(moved_years, marked)
        name = marked.replace(_KEEP, new_year)
    moved = f"{folder}/{name}" if name else folder
    if moved != path:
        return moved
    return f"{path}/{new_year}" if not name else f"{folder}/{new_year}/{name}"


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


def scaffold(params_file: str | Path, year: str, root: str | Path) -> tuple[Path, list[Needed], list[Kept]]:
    """Write ``params/<edition for year>.yml`` next to ``params_file``, whose ``previous_edition``
    names ``params_file``; returns its path, the files the new edition still needs, and the printed
    tables it keeps with their own period (:func:`printed_tables`), each in catalogue order.

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
    kept = printed_tables(edition, list(used), catalogue)
    printed = {k.dataset for k in kept}
    for name, spec in (new.get("periods") or {}).items():
        if "start" in spec and name not in printed:  # a rule ({months: N, lag: L}) moves with the as-of date
            spec["start"], spec["end"] = _moved_month(spec["start"], years), _moved_month(spec["end"], years)
    _pin_periods(new, kept)
    projection = (new.get("specials") or {}).get("projection")
    if projection:
        projection["start"], projection["end"] = (
            _moved_month(projection["start"], years),
            _moved_month(projection["end"], years),
        )

    # The periods as the new edition resolves them (rules from the new as-of date).
    periods, covered = _resolve(new, target, root, yaml, list(used))
    whole = _whole_book_chapters(root)
    needed, left_out = [], []
    for name, path in list(new["data"].items()):
        if name not in used or not catalogue[name].get("yearly") or name in covered or name in printed:
            continue
        moved = next_year_path(str(path), old, year, periods.get(name))
        new["data"][name] = _same_style(path, moved)
        if not (root / moved).exists():
            needed.append(Needed(name, moved, periods.get(name), edition.forces))
            left_out.append(name)

    text = _commented_out(_dump(yaml, new), left_out, {n.dataset: n for n in needed})
    target.write_text(text, encoding="utf-8")
    scaffolded = load_edition(target, root)
    # Datasets kept from last year (not yearly, or supplied already) whose file stops short of
    # the moved period: asked for too, and the chapters that read them wait for them.
    supplied = [n for n in used if n in scaffolded.data]
    short = {p.dataset: p for p in uncovered(scaffolded, supplied)}
    if short:
        for name, problem in short.items():
            later = _continued_by(name, problem, needed, edition, year)
            if later is not None:  # the series goes on in a later file asked for already: it runs on from it
                index = next(i for i, n in enumerate(needed) if n.dataset == later.dataset)
                needed[index] = later
                new["data"][later.dataset] = _same_style(new["data"][later.dataset], later.path)
                continue
            lacking = f"the file given holds no rows for {month_runs(problem.missing)}" if problem.missing else ""
            needed.append(
                Needed(
                    name,
                    next_year_path(str(new["data"][name]), old, year, periods.get(name)),
                    periods[name],
                    edition.forces,
                    lacking,
                )
            )
        waiting = {c for name in short for c in used[name] if c not in whole} | set(scaffolded.wait_for_data)
        new["wait_for_data"] = _flow(sorted(waiting))
        text = _commented_out(_dump(yaml, new), left_out, {n.dataset: n for n in needed})
        target.write_text(text, encoding="utf-8")
        load_edition(target, root)
    order = list(catalogue)
    needed.sort(key=lambda n: order.index(n.dataset))
    header = [
        f"# {new['title']}: scaffolded by `assess new-year` from {source.name}; check every value.",
        f"# The year, as_of, the stated periods and the Specials projection moved on by {years} year(s).",
    ]
    if needed:
        header.append(
            "# Still needed (put each there, then point its line under data: at it, removing the '# ' if there is one):"
        )
        header += [f"#   {n.line()}" for n in needed]
    if kept:
        header.append(f"# Kept as printed, each with its own period ({KEPT_WHY}):")
        header += [f"#   {k.line()}" for k in kept]
    header.append(
        "# Registers: each entry says in 'reviewed' the month it was last reviewed; an entry not reviewed"
        " for this year is shown as carried forward (data/reference/registers/README.md)."
    )
    target.write_text("\n".join(header) + "\n" + text, encoding="utf-8")
    return target, needed, kept


KEPT_WHY = "tables transcribed from a printed assessment have no later edition, so none is asked for"
"""Why the scaffold keeps the printed tables, as it prints it."""


def _pin_periods(new, kept: list[Kept]) -> None:
    """State each kept printed table's own period in the new file's ``periods`` where the file
    gave it by a rule or by the catalogue's default (which would follow the new as-of date), with
    a comment saying why; a stated period is left as it is (not moved)."""
    periods = new.setdefault("periods", CommentedMap())
    for item in kept:
        if item.period is None or "start" in periods.get(item.dataset, {}):
            continue
        spec = CommentedMap(start=item.period.start, end=item.period.end)
        spec.fa.set_flow_style()
        periods[item.dataset] = spec
        periods.yaml_add_eol_comment(f"as printed in {item.printed_in}: no later edition", item.dataset)


def _continued_by(name: str, problem: PeriodNotCovered, needed: list[Needed], last_year, year: str) -> Needed | None:
    """When dataset ``name`` (kept from last year, short of its period) is a series its reader
    joins to a later file the new edition still needs (``READERS[name].needs``: the archive of
    monthly counts and the year's counts), that later file as it must now be asked for: from the
    month after the kept file ends, so that the two join without a gap, to its own period's end,
    its name carrying that span. None otherwise."""
    wanted = {n.dataset: n for n in needed}
    later = next((wanted[n] for n in READERS[name].needs if n in wanted and wanted[n].period), None)
    if later is None or problem.found is None or problem.found.start > problem.asked.start:
        return None  # nothing to continue, or the kept file lacks months at the start: it is asked for itself
    start = min(shift_month(problem.found.end, 1), later.period.start)
    period = Period(start, later.period.end)
    shown = shown_path(last_year.path(later.dataset), last_year.root)
    path = next_year_path(shown, last_year.assessment_year, year, period)
    why = (
        f"it continues {name}, which stops at {span_label(Period(problem.found.end, problem.found.end), 'long')}: "
        f"without it the series has no rows for {month_runs(problem.missing)}"
    )
    return Needed(later.dataset, path, period, later.forces, why)


def _whole_book_chapters(root: Path) -> set[str]:
    """Chapters that read every dataset ("all"): they describe the data and never wait for it."""
    return {
        c
        for c in chapter_notebooks(Project(root))
        if read_declaration(root / "notebooks" / f"{c}.ipynb").datasets == "all"
    }


def _flow(items: list[str]) -> CommentedSeq:
    """A list written on one line, as the parameter files write theirs."""
    seq = CommentedSeq(items)
    seq.fa.set_flow_style()
    return seq


def _dump(yaml: YAML, data) -> str:
    stream = io.StringIO()
    yaml.dump(data, stream)
    return stream.getvalue()


def _resolve(new, target: Path, root: Path, yaml: YAML, used: list[str]) -> tuple[dict[str, Period], set[str]]:
    """The new edition's periods, resolved as ``load_edition`` resolves them (a scratch copy of
    the file whose data paths are last year's, so it loads before any new file exists), and the
    dated datasets of ``used`` whose file of last year already covers its new period (a series
    that runs past the new year, such as an edition scaffolded for an earlier year than the data)."""
    scratch = target.with_name(f".{target.name}.scratch")
    try:
        scratch.write_text(_dump(yaml, new), encoding="utf-8")
        edition = load_edition(scratch, root)
        dated = [n for n in used if n in edition.periods and n in edition.data]
        short = {p.dataset for p in uncovered(edition, dated)}
        return edition.periods, {n for n in dated if n not in short}
    finally:
        scratch.unlink(missing_ok=True)


def _commented_out(text: str, names: list[str], needed: dict[str, Needed]) -> str:
    """``text`` with the lines of ``names`` under ``data:`` commented out, each followed by the
    period its file must cover."""
    lines, inside = text.splitlines(), False
    for i, line in enumerate(lines):
        if not line.startswith((" ", "#")) and line.strip():
            inside = line.startswith("data:")
            continue
        match = re.match(r"(\s+)([A-Za-z0-9_]+):", line)
        if inside and match and match[2] in names:
            lines[i] = f"{match[1]}# {line.strip()}  # supply: {needed[match[2]].cover}"
    return "\n".join(lines) + "\n"
