"""Every dataset of an edition read once by a build (``Reads``), to check it and to hand it to the
chapter kernels (``assess.read.preloaded``); and what the builds of one process read, kept for the
next build of the same edition (``Kept``: ``assess preview`` rebuilds on every save)."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import TYPE_CHECKING

from . import preloaded
from .catalogue import CATALOGUE, dataset_files, read_catalogue
from .registry import READERS, read_dataset

if TYPE_CHECKING:
    from ..edition import Edition


class Kept:
    """Values read (or derived) by the builds of this process, for the next build of the same
    parameter file: each under (parameter file, name) with the size and time stamp of every file it
    came from when it was read (as ``assess.read.preloaded`` checks them), and given out only
    while every one of those files is unchanged. Each is kept and given out as a deep copy, so
    a build that changes what it was given changes only its own copy."""

    def __init__(self) -> None:
        self._held: dict[tuple[str, str], tuple[tuple, object]] = {}

    def take(self, key: tuple[str, str], stamp: tuple):
        """A copy of the value kept under ``key`` when its files' stamps are ``stamp``, else MISSING."""
        held = self._held.get(key)
        return copy.deepcopy(held[1]) if held is not None and held[0] == stamp else MISSING

    def keep(self, key: tuple[str, str], stamp: tuple, value) -> None:
        """Keep a copy of ``value``, read from files whose stamps were ``stamp`` (replacing what was kept)."""
        self._held[key] = (stamp, copy.deepcopy(value))


MISSING = object()
"""What ``Kept.take`` gives when it holds nothing current under a name."""

BETWEEN_BUILDS = Kept()
"""What this process's builds read, for its next build (``assess.build.pipeline``)."""


class Reads:
    """The datasets of ``edition`` read so far, each read once: ``reads(name)`` reads dataset
    ``name`` with its reader the first time (raising its InputError) and returns the same value
    ever after. With ``kept`` (a ``Kept``), a dataset an earlier build of the same parameter file
    read from files unchanged since is taken from there instead, and what is read is kept there."""

    def __init__(self, edition: Edition, kept: Kept | None = None) -> None:
        self.edition = edition
        self.held: dict[tuple[str, str], tuple[list[Path], tuple, object]] = {}
        self._catalogue: dict | None = None
        self._kept = kept

    def __call__(self, name: str):
        key = preloaded.key(self.edition, name)
        if key not in self.held:
            try:
                self._catalogue = self._catalogue or read_catalogue(self.edition.root)
                files = _files(self.edition, name, self._catalogue)
                stamp = preloaded.stamp(files)
            except (OSError, KeyError, ValueError):
                files, stamp = [], None  # read_dataset reports what is wrong
            self.held[key] = (files, stamp, self._once(key, stamp, lambda: read_dataset(self.edition, name)))
        return self.held[key][2]

    def derive(self, name: str, datasets: tuple[str, ...], compute):
        """A value computed once from ``datasets`` (``compute()``, which reads them through this
        object) and held under ``name`` with the files they come from, so that the chapter kernels
        find it in memory as they find the datasets (``preloaded.stored(edition, name)``)."""
        key = preloaded.key(self.edition, name)
        if key not in self.held:
            try:
                self._catalogue = self._catalogue or read_catalogue(self.edition.root)
                files = sorted({f for d in datasets for f in _files(self.edition, d, self._catalogue)})
                stamp = preloaded.stamp(files)
            except (OSError, KeyError, ValueError):
                files, stamp = [], None  # compute() reports what is wrong
            self.held[key] = (files, stamp, self._once(key, stamp, compute))
        return self.held[key][2]

    def _once(self, key: tuple[str, str], stamp: tuple | None, read):
        """``read()``, or the value ``self._kept`` holds for ``key`` read from files stamped ``stamp``."""
        if self._kept is None or stamp is None:
            return read()
        value = self._kept.take(key, stamp)
        if value is MISSING:
            value = read()
            self._kept.keep(key, stamp, value)
        return value

    def save(self, path: Path) -> Path:
        """Write what was read to ``path`` (a pickle, for ``preloaded.load`` in a process of this
        build); returns ``path``."""
        return preloaded.save(self.held, path)


def _files(edition: Edition, name: str, catalogue: dict) -> list[Path]:
    """Every file (and folder) dataset ``name`` is read from, with the parameter file, the forces
    registry and the data catalogue, sorted. A folder counts itself, so a file added to it shows."""
    files = {Path(edition.source), edition.root / CATALOGUE, Path(edition.data["forces"])}
    for each in [name, *(n for n in READERS[name].needs if n in edition.data)]:
        files.add(Path(edition.data[each]))
        files.update(dataset_files(edition.data[each], catalogue[each]))
    return sorted(files)
