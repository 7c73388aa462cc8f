"""Datasets read once by a build, handed to the chapter kernels it starts.

Before any chapter runs, a build reads every dataset of the edition with its reader, to stop at
once on a malformed file (``Reads``). The chapter kernels are forked from one server process
(``assess.build.kernels``); the build hands it what it read (``Reads.save``, then ``load`` in the
server) before the server forks any kernel, so a chapter finds its datasets in memory instead of
reading and checking the same files again. ``read_dataset`` hands out a deep copy of a stored
value, so a chapter that changes what it read changes only its own copy, as when it read the
file itself.

A stored value is used only for the same parameter file and dataset, and only while every file
it was read from (the dataset's, those its reader also reads, the parameter file, the forces
registry and the data catalogue) has the size and time stamp it had before it was read;
otherwise the dataset is read from its files as usual. In a process that loaded nothing,
every read goes to the files.
"""

from __future__ import annotations

import copy
import pickle
from pathlib import Path
from typing import TYPE_CHECKING

from .catalogue import CATALOGUE, dataset_files, read_catalogue

if TYPE_CHECKING:
    from ..edition import Edition

_STORED: dict[tuple[str, str], tuple[list[Path], tuple, object]] = {}
"""(parameter file, dataset) → (the files it was read from, their stamps before reading, the value read)."""


class Reads:
    """The datasets of ``edition`` read so far, each read once: ``reads(name)`` reads dataset
    ``name`` with its reader the first time (raising its InputError) and returns the same value
    ever after."""

    def __init__(self, edition: Edition) -> None:
        self.edition = edition
        self.held: dict[tuple[str, str], tuple[list[Path], tuple, object]] = {}
        self._catalogue: dict | None = None

    def __call__(self, name: str):
        from . import read_dataset

        key = _key(self.edition, name)
        if key not in self.held:
            try:
                self._catalogue = self._catalogue or read_catalogue(self.edition.root)
                files = _files(self.edition, name, self._catalogue)
                stamp = _stamp(files)
            except (OSError, KeyError, ValueError):
                files, stamp = [], None  # read_dataset reports what is wrong
            value = read_dataset(self.edition, name)
            self.held[key] = (files, stamp, value)
        return self.held[key][2]

    def save(self, path: Path) -> Path:
        """Write what was read to ``path`` (a pickle, for ``load`` in a process of this build); returns ``path``."""
        with open(path, "wb") as handle:
            pickle.dump({k: v for k, v in self.held.items() if v[1] is not None}, handle, pickle.HIGHEST_PROTOCOL)
        return path


def load(path: str | Path) -> int:
    """Keep the datasets ``Reads.save`` wrote to ``path`` for ``read_dataset`` in this process
    (and the kernels it forks); returns how many."""
    with open(path, "rb") as handle:
        held = pickle.load(handle)  # noqa: S301 - written by this build, in its private folder
    _STORED.update(held)
    return len(held)


def stored(edition: Edition, name: str):
    """A deep copy of dataset ``name`` of ``edition`` as loaded by ``load``, or None when none was
    loaded or one of its files changed since it was read."""
    held = _STORED.get(_key(edition, name))
    if held is None:
        return None
    files, stamp, value = held
    try:
        current = _stamp(files)
    except OSError:
        return None
    return copy.deepcopy(value) if current == stamp else None


def _key(edition: Edition, name: str) -> tuple[str, str]:
    return str(Path(edition.source).resolve()), name


def _files(edition: Edition, name: str, catalogue: dict) -> list[Path]:
    """Every file (and folder) dataset ``name`` is read from, with the parameter file, the forces
    registry and the data catalogue, sorted. A folder counts itself, so a file added to it shows."""
    from . import READERS

    files = {Path(edition.source), edition.root / CATALOGUE, Path(edition.data["forces"])}
    for each in [name, *(n for n in READERS[name].needs if n in edition.data)]:
        files.add(Path(edition.data[each]))
        files.update(dataset_files(edition.data[each], catalogue[each]))
    return sorted(files)


def _stamp(files: list[Path]) -> tuple:
    """Size and modification time (ns) of each of ``files``."""
    return tuple((info.st_size, info.st_mtime_ns) for info in map(Path.stat, files))
