"""Datasets read once by a build, held in the memory of the chapter kernels it starts.

Before any chapter runs, a build reads every dataset of the edition with its reader, to stop at
once on a malformed file (``assess.read.read_once.Reads``). The chapter kernels are forked from one server process
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

if TYPE_CHECKING:
    from ..edition import Edition

_STORED: dict[tuple[str, str], tuple[list[Path], tuple, object]] = {}
"""(parameter file, dataset) → (the files it was read from, their stamps before reading, the value read)."""


def load(path: str | Path) -> int:
    """Keep the datasets ``Reads.save`` wrote to ``path`` for ``read_dataset`` in this process
    (and the kernels it forks); returns how many."""
    with open(path, "rb") as handle:
        held = pickle.load(handle)  # noqa: S301 - written by this build, in its private folder
    _STORED.update(held)
    return len(held)


def unload() -> None:
    """Forget everything ``load`` kept: every read then goes to the files again."""
    _STORED.clear()


def stored(edition: Edition, name: str):
    """A deep copy of dataset (or finding) ``name`` of ``edition`` as loaded by ``load``, or None
    when none was loaded or one of its files changed since it was read."""
    held = _STORED.get(key(edition, name))
    if held is None:
        return None
    files, stamped, value = held
    try:
        current = stamp(files)
    except OSError:
        return None
    return copy.deepcopy(value) if current == stamped else None


def save(held: dict, path: Path) -> Path:
    """Write ``held`` ((parameter file, name) → (files, their stamps, value), as ``Reads`` keeps
    them) to ``path``, for ``load`` in a process of this build; returns ``path``."""
    with open(path, "wb") as handle:
        pickle.dump({k: v for k, v in held.items() if v[1] is not None}, handle, pickle.HIGHEST_PROTOCOL)
    return path


def key(edition: Edition, name: str) -> tuple[str, str]:
    return str(Path(edition.source).resolve()), name


def stamp(files: list[Path]) -> tuple:
    """Size and modification time (ns) of each of ``files``."""
    return tuple((info.st_size, info.st_mtime_ns) for info in map(Path.stat, files))
