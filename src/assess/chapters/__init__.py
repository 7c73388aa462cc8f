"""Chapters: one module per chapter of the book, holding its analysis apart from its wording.

A chapter module (``assess.chapters.<name>``, ``<name>`` the notebook's name with ``_`` for ``-``)
declares what the chapter reads, as constants the build reads without running anything:

- ``DATASETS``: the datasets it needs (a tuple of names of ``data/catalogue.yml``, or ``ALL``);
- ``OPTIONAL``: datasets it reads only when the edition names them;
- ``PARAMETERS``: the parameter sections of the edition it reads;
- ``EVERY_FORCE`` (optional): the datasets it reads for every force of England and Wales, not
  only the edition's (``assess new-year`` asks for these files so);

and a pure function ``compute(chapter) -> findings`` (tidy frames and small dataclasses) that is
unit-tested without Papermill. The notebook ``notebooks/<name>.ipynb`` opens the edition with
``open_chapter(params_file, project_root, <module>)``, calls ``compute``, glues, shows the tables
and charts, and holds the prose.

``Chapter`` is the edition as one chapter sees it: reading a dataset or parameter section the
module does not declare raises ``UndeclaredInput``, so the build's record of what a chapter
depends on cannot fall behind the chapter.
"""

from __future__ import annotations

import importlib
import os
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType

from ..edition import ASSESSMENT, PARAMS_VARIABLE, SECTIONS, Edition, default_params, load_edition
from ..errors import AssessError, BuildError
from ..periods import Period
from ..read.dating import PeriodNotCovered
from ..read.period_cut import read_period

ALL = "all"
"""``DATASETS = ALL``: the chapter reads every dataset its edition names (the Data and methods appendix)."""


class UndeclaredInput(AssessError):
    """A chapter read a dataset or parameter section that its module does not declare."""


@dataclass(frozen=True)
class Declaration:
    """``datasets``: names, or ``ALL``; ``parameters``: parameter sections; ``optional``: datasets
    read only when the edition names them."""

    datasets: tuple[str, ...] | str
    parameters: tuple[str, ...]
    optional: tuple[str, ...] = ()

    def dataset_names(self, available) -> list[str]:
        """The declared datasets, with ``ALL`` standing for every name in ``available``, and the
        optional ones that are in ``available``; sorted."""
        named = set(available) if self.datasets == ALL else set(self.datasets)
        return sorted(named | (set(self.optional) & set(available)))


def module_name(chapter: str) -> str:
    """The module of the chapter whose notebook is ``notebooks/<chapter>.ipynb``."""
    return f"{__name__}.{chapter.replace('-', '_')}"


def chapter_module(chapter: str) -> ModuleType:
    """The module of chapter ``chapter`` (a notebook's name). Raises BuildError (one line) when
    there is none."""
    try:
        return importlib.import_module(module_name(chapter))
    except ModuleNotFoundError as err:
        if err.name != module_name(chapter):
            raise
        raise BuildError(
            f"notebooks/{chapter}.ipynb: expected its chapter module src/assess/chapters/"
            f"{chapter.replace('-', '_')}.py, declaring DATASETS and PARAMETERS"
        ) from None


def declaration(module: ModuleType) -> Declaration:
    """What a chapter module declares it reads. Raises BuildError (one line) when its ``DATASETS``,
    ``OPTIONAL`` or ``PARAMETERS`` are missing or not tuples of names, or name an unknown section."""
    shown = f"src/assess/chapters/{module.__name__.rsplit('.', 1)[-1]}.py"
    datasets = getattr(module, "DATASETS", None)
    parameters = getattr(module, "PARAMETERS", None)
    optional = getattr(module, "OPTIONAL", ())
    if not (datasets == ALL or _names(datasets)) or not _names(parameters) or not _names(optional):
        raise BuildError(f"{shown}: expected DATASETS, PARAMETERS (and OPTIONAL) to be tuples of names")
    unknown = [s for s in parameters if s not in SECTIONS]
    if unknown:
        raise BuildError(f"{shown}: PARAMETERS names '{unknown[0]}', expected sections from {', '.join(SECTIONS)}")
    return Declaration(datasets, tuple(parameters), tuple(optional))


def _names(value: object) -> bool:
    return isinstance(value, tuple) and all(isinstance(v, str) for v in value)


class Chapter:
    """An edition as one chapter sees it: its identity, and only the datasets and parameter
    sections the chapter declared."""

    def __init__(self, edition: Edition, declared: Declaration, reads=None):
        """``reads``: a function of a dataset's name returning it as its reader does (a build's
        ``assess.read.read_once.Reads``, which has read it already), or None to read files."""
        self._edition = edition
        self._reads = reads
        self.declared = declared
        self.datasets = declared.dataset_names(edition.data) if declared.datasets == ALL else list(declared.datasets)
        self.datasets += [name for name in declared.optional if name in edition.data and name not in self.datasets]
        self.parameters = list(declared.parameters)

    @property
    def periods(self) -> dict[str, Period]:
        """The period of the assessment and of each declared dataset (the cache keys on these), or
        of every dataset the edition reads and dates when the chapter declares the ``periods``
        section (the cache then keys on the whole section)."""
        edition = self._edition
        if "periods" in self.parameters:
            return {n: p for n, p in edition.periods.items() if n == ASSESSMENT or n in edition.data}
        return {n: p for n, p in edition.periods.items() if n == ASSESSMENT or n in self.datasets}

    def has(self, dataset: str) -> bool:
        """True when the chapter may read ``dataset``: declared, or optional and named by the edition."""
        return dataset in self.datasets and dataset in self._edition.data

    def holds(self, dataset: str) -> bool:
        """True when the chapter may read ``dataset`` (``has``) and its data covers the edition's
        period for it: an optional dataset named but not covering its period is one the chapter
        goes without (the build stops only for a dataset the chapter needs)."""
        if not self.has(dataset):
            return False
        try:
            self.read(dataset)
        except PeriodNotCovered:
            return False
        return True

    def __getattr__(self, name: str):
        if name in SECTIONS and name not in self.parameters and name != "periods":
            raise UndeclaredInput(
                f"this chapter reads the parameter section '{name}' without declaring it: "
                f"add it to PARAMETERS in its chapter module"
            )
        return getattr(self._edition, name)

    def path(self, dataset: str) -> Path:
        """Absolute path of a declared dataset's file or folder."""
        self._check(dataset)
        return self._edition.path(dataset)

    def read(self, dataset: str):
        """A declared dataset, read and checked by its reader and, for a series in time, cut to the
        edition's period for it (``assess.read.period_cut.read_period``): nothing dated after the
        as-of date. Raises PeriodNotCovered when the data does not cover that period."""
        self._check(dataset)
        return read_period(self._edition, dataset, self._reads(dataset) if self._reads else None)

    def period(self, dataset: str) -> Period:
        """The period of a declared dataset that this edition reports."""
        self._check(dataset)
        return self._edition.periods[dataset]

    def _check(self, dataset: str) -> None:
        if dataset not in self.datasets:
            raise UndeclaredInput(
                f"this chapter reads the dataset '{dataset}' without declaring it: "
                f"add it to DATASETS in its chapter module"
            )


def open_chapter(params_file: str | Path | None, project_root: str | Path, module: ModuleType) -> Chapter:
    """The edition a chapter runs for, limited to what its ``module`` declares.

    ``params_file`` None opens the file named by the ASSESS_PARAMS environment variable, else
    the project's default edition (``[tool.assess] default_params`` in pyproject.toml).
    """
    root = Path(project_root).resolve()
    chosen = params_file or os.environ.get(PARAMS_VARIABLE) or default_params(root)
    return Chapter(load_edition(chosen, root), declaration(module))
