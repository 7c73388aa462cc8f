"""What a notebook depends on, and a key that changes when any of it changes.

A notebook depends on its own source, the edition's parameters, the ``assess`` package's code,
the data catalogue, and the content of every data file it reads. The data files are found by
reading the notebook's source for ``edition.path("<dataset>")``: a notebook that names a dataset
any other way depends on every dataset of the edition, so a change is never missed. (Jupyter
Book's own execution cache sees only the notebook, not its data files.)
"""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path

import nbformat

from .catalogue import dataset_files, read_catalogue
from .config import CATALOGUE, Edition

_PATH_CALL = re.compile(r"""edition\.path\(\s*(['"])([A-Za-z0-9_]+)\1\s*\)""")
_ANY_PATH_CALL = re.compile(r"edition\.path\(")
PACKAGE = Path(__file__).resolve().parent


def notebook_source(path: Path) -> str:
    """All code of a notebook, cells joined."""
    nb = nbformat.read(str(path), as_version=4)
    return "\n".join(cell.source for cell in nb.cells if cell.cell_type == "code")


def datasets_read(notebook: Path, edition: Edition) -> list[str]:
    """The datasets a notebook reads, in name order; every dataset of the edition when the
    notebook calls ``edition.path`` with anything but a literal name."""
    code = notebook_source(notebook)
    named = {m.group(2) for m in _PATH_CALL.finditer(code)}
    if len(_ANY_PATH_CALL.findall(code)) > len(_PATH_CALL.findall(code)):
        return sorted(edition.data)
    if "describe_datasets(" in code:  # the Data and methods appendix reads every dataset
        return sorted(edition.data)
    return sorted(named)


def missing_datasets(notebook: Path, edition: Edition) -> list[str]:
    """Datasets the notebook reads that the edition's parameters do not provide."""
    return [name for name in datasets_read(notebook, edition) if name not in edition.data]


def file_digest(path: Path) -> str:
    """SHA-256 of a file's bytes, as hex."""
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def package_digest() -> str:
    """One SHA-256 over every source file of the ``assess`` package, in path order."""
    digest = hashlib.sha256()
    for path in sorted(PACKAGE.rglob("*.py")):
        digest.update(path.relative_to(PACKAGE).as_posix().encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def input_files(edition: Edition, datasets: list[str]) -> list[Path]:
    """Every file behind ``datasets`` of the edition, sorted."""
    catalogue = read_catalogue(edition.root)
    files = set()
    for name in datasets:
        files.update(dataset_files(edition.data[name], catalogue[name]))
    return sorted(files)


def notebook_key(notebook: Path, edition: Edition, package: str | None = None) -> str:
    """The cache key of ``notebook`` run for ``edition``: SHA-256 over its inputs."""
    parts = {
        "notebook": hashlib.sha256(notebook.read_bytes()).hexdigest(),
        "params": file_digest(edition.source),
        "package": package or package_digest(),
        "catalogue": file_digest(edition.root / CATALOGUE),
        "data": {str(p.relative_to(edition.root) if p.is_relative_to(edition.root) else p): file_digest(p)
                 for p in input_files(edition, datasets_read(notebook, edition))},
    }
    return hashlib.sha256(json.dumps(parts, sort_keys=True).encode()).hexdigest()
