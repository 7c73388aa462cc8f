"""Every dataset of an edition read once by a build (``Reads``), to check it and to hand it to the
chapter kernels (``assess.read.preloaded``)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from . import preloaded
from .catalogue import CATALOGUE, dataset_files, read_catalogue
from .registry import READERS, read_dataset

if TYPE_CHECKING:
    from ..edition import Edition


class Reads:
    """The datasets of ``edition`` read so far, each read once: ``reads(name)`` reads dataset
    ``name`` with its reader the first time (raising its InputError) and returns the same value
    ever after."""

    def __init__(self, edition: Edition) -> None:
        self.edition = edition
        self.held: dict[tuple[str, str], tuple[list[Path], tuple, object]] = {}
        self._catalogue: dict | None = None

    def __call__(self, name: str):
        key = preloaded.key(self.edition, name)
        if key not in self.held:
            try:
                self._catalogue = self._catalogue or read_catalogue(self.edition.root)
                files = _files(self.edition, name, self._catalogue)
                stamp = preloaded.stamp(files)
            except (OSError, KeyError, ValueError):
                files, stamp = [], None  # read_dataset reports what is wrong
            value = read_dataset(self.edition, name)
            self.held[key] = (files, stamp, value)
        return self.held[key][2]

    def derive(self, name: str, datasets: tuple[str, ...], compute):
        """A value computed once from ``datasets`` (``compute()``, which reads them through this
        object) and held under ``name`` with the files they come from, so that the chapter kernels
        find it in memory as they find the datasets (``preloaded.stored(edition, name)``)."""
        key = preloaded.key(self.edition, name)
        if key not in self.held:
            value = compute()
            self._catalogue = self._catalogue or read_catalogue(self.edition.root)
            files = sorted({f for d in datasets for f in _files(self.edition, d, self._catalogue)})
            self.held[key] = (files, preloaded.stamp(files), value)
        return self.held[key][2]

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
